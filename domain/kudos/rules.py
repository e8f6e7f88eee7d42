"""Kudos's rules: reading `/kudos @ana @ben for … #value`, who may receive, the weekly allowance in the giver's
zone, and the hour in which a kudos may be taken back."""

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from domain.people.candidates import Candidate, refusals
from domain.shared.forms import FormCheck
from domain.shared.text import MENTION, as_typed, mentioned

MOST_RECIPIENTS = 10
DEFAULT_ALLOWANCE = 10  # kudos a person may give a week; each recipient counts one
REASON_WORDS = 3  # "at least a few words"
REASON_LIMIT = 500
UNDO_MINUTES = 60
UNDO_WITHIN = timedelta(minutes=UNDO_MINUTES)

VALUE_TAG = re.compile(r"#([\w-]{1,40})")  # a whole word: not a channel (<#C…>) or escaped text


@dataclass(frozen=True)
class Value:
    name: str  # as it is written after '#', without it
    emoji: str = ""

    @property
    def label(self) -> str:
        """`💪 #ownership`, or `#ownership` without an emoji."""
        return f"{self.emoji} #{self.name}".strip()


@dataclass(frozen=True)
class KudosText:
    """What `/kudos` was given, read but not yet checked."""

    recipients: tuple[str, ...]
    reason: str
    value: str | None


def read_command(text: str) -> KudosText:
    """Mentions (Slack sends them as <@U…|name>), a #value as the last word, and the rest, as typed, as the
    reason, a leading "for" dropped. A #word elsewhere is part of the reason ("bug #123")."""
    recipients = mentioned(text)
    words = MENTION.sub(" ", text).split()
    tag = VALUE_TAG.fullmatch(words[-1]) if words else None  # before as_typed, which makes a channel "#name"
    reason = as_typed(" ".join(words[:-1] if tag else words))
    reason = re.sub(r"^(for|because)\b[:,]?\s*", "", reason, flags=re.IGNORECASE)
    return KudosText(recipients, reason, tag[1] if tag else None)


def check_kudos(
    kudos: KudosText,
    giver_id: str,
    people: dict[str, Candidate],
    values: list[Value],
    check: FormCheck | None = None,
) -> tuple[tuple[str, ...], str, Value | None]:
    """The recipients, the reason and the value, each checked; InvalidInput says what to fix on each field,
    with whatever `check` found already."""
    check = check or FormCheck()
    if not kudos.recipients:
        check.fail("to", "Mention who the kudos is for, like `/kudos @ana for the release notes`.")
    elif len(kudos.recipients) > MOST_RECIPIENTS:
        check.fail("to", f"Give kudos to at most {MOST_RECIPIENTS} people at once; you named {len(kudos.recipients)}.")
    else:
        yourself, bot = "Kudos are for others: you can't give yourself one.", "{name} is a bot; kudos are for people."
        if reasons := refusals(kudos.recipients, giver_id, people, yourself=yourself, bot=bot):
            check.fail("to", reasons)
    if kudos.value is not None and not values:  # a workspace with no values: "#123" is only text
        kudos = KudosText(kudos.recipients, f"{kudos.reason} #{kudos.value}".strip(), None)
    reason = check.text("reason", kudos.reason, "what the kudos is for", REASON_LIMIT)
    if reason and len(reason.split()) < REASON_WORDS:
        check.fail("reason", f"Say what it is for in at least {REASON_WORDS} words, so it means something later.")
    value = _value(check, kudos.value, values)
    check.done()
    return kudos.recipients, reason, value


def _value(check: FormCheck, named: str | None, values: list[Value]) -> Value | None:
    if named is None:
        return None
    for value in values:
        if value.name.casefold() == named.casefold():
            return value
    known = ", ".join(value.label for value in values)
    check.fail("value", f"#{named} isn't one of this workspace's values: {known}.")
    return None


def week_of(instant: datetime, zone: ZoneInfo) -> date:
    """The Monday that starts the giver's week, in their zone: the allowance's period."""
    local = instant.astimezone(zone).date()
    return local - timedelta(days=local.weekday())


def may_undo(given_at: datetime, now: datetime) -> bool:
    return now - given_at <= UNDO_WITHIN
