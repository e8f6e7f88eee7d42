"""Answers, and what the requester may see of them: anonymity that holds in every view."""

import hashlib
from dataclasses import dataclass
from datetime import date

from domain.feedback.model import Readers

ANONYMITY_THRESHOLD = 3  # anonymous answers are shown only once this many people have answered anonymously
# The author of a named answer whose author erased their data (domain.privacy): no name, and never anonymous, which
# would count it towards ANONYMITY_THRESHOLD and bring other people's anonymous answers into view.
ERASED_AUTHOR = ""


@dataclass(frozen=True)
class Answer:
    """One person's answer. An anonymous one has no author: nothing links it to the person who gave it, and it
    keeps the day it was given, never the time."""

    id: int
    author_id: str | None
    given_on: date
    replies: tuple[str, ...]  # one for each question, in order; a scale's is "1" to "5"

    @property
    def anonymous(self) -> bool:
        return self.author_id is None


@dataclass(frozen=True)
class Reveal:
    """What the requester sees: the answers shown, and how many are held back and why."""

    shown: tuple[Answer, ...]
    held: int
    why_held: str | None


def reveal(request_id: int, answers: list[Answer]) -> Reveal:
    """Named answers by date; anonymous ones only once ANONYMITY_THRESHOLD people have answered anonymously (named
    answers don't count: two named answers beside one anonymous one would give its author away), after the named
    ones, in an order fixed by the request and not by arrival."""
    named = sorted((a for a in answers if not a.anonymous), key=lambda a: (a.given_on, a.id))
    anonymous = [a for a in answers if a.anonymous]
    if anonymous and len(anonymous) < ANONYMITY_THRESHOLD:
        count = len(anonymous)
        why = (
            f"{count} anonymous answer{'s are' if count > 1 else ' is'} held until {ANONYMITY_THRESHOLD} people "
            "have answered anonymously, so that no one can tell who gave it."
        )
        return Reveal(tuple(named), count, why)
    return Reveal(tuple(named) + tuple(sorted(anonymous, key=lambda a: _shuffle_key(request_id, a.id))), 0, None)


def _shuffle_key(request_id: int, answer_id: int) -> str:
    return hashlib.sha256(f"{request_id}:{answer_id}".encode()).hexdigest()


def may_read(readers: Readers, requester_id: str, reader_id: str, requester_manager_id: str | None) -> bool:
    """The requester reads the answers; their manager too when the request says so and the link exists."""
    if reader_id == requester_id:
        return True
    return readers is Readers.ME_AND_MANAGER and requester_manager_id is not None and reader_id == requester_manager_id


def scale_summary(replies: list[str]) -> tuple[dict[int, int], float | None]:
    """How many chose each of 1 to 5, and the mean; replies that are not 1 to 5 are left out."""
    values = [int(reply) for reply in replies if reply in {"1", "2", "3", "4", "5"}]
    counts = {score: values.count(score) for score in range(1, 6)}
    return counts, (round(sum(values) / len(values), 1) if values else None)
