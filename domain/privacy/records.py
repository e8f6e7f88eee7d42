"""What the repository reads about one person and what erasing did: plain records, with no storage in them."""

from dataclasses import dataclass, field

from domain.feedback.answers import Answer


@dataclass(frozen=True)
class Received:
    """The answers to one of the person's requests (`number`), or the feedback given them unasked (None)."""

    request_id: int | None
    number: int | None
    answers: list[Answer]
    questions: dict[int, list[str]]  # each answer's questions as they were asked, by answer id


@dataclass(frozen=True)
class Ask:
    """One person asked by one of the person's requests, as stored: the rules decide what the export shows."""

    user_id: str
    state: str  # an AskState's value
    reason: str | None


@dataclass(frozen=True)
class Holdings:
    """Every record stored about one person in one workspace, by kind (see domain.privacy.kinds), before the
    anonymity rules: the asks of their requests (by request number) and the answers they received come apart."""

    records: dict[str, list[dict]]
    asks: dict[int, list[Ask]] = field(default_factory=dict)
    received: list[Received] = field(default_factory=list)


@dataclass(frozen=True)
class Erased:
    """What one erasure did, by kind, as counts only."""

    deleted: dict[str, int]
    unnamed: dict[str, int]  # kept, no longer naming the person: answers they gave, asks they answered, …
    places_freed: int = 0  # mentoring places given back to their mentors

    @property
    def nothing(self) -> bool:
        return not any(self.deleted.values()) and not any(self.unnamed.values())


ERASED_ASK = "erased:"  # + the ask's own id: an answered ask kept for the requester's tally, naming no one
