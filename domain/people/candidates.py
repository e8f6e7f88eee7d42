"""People one person chooses (to ask for feedback, to give kudos), as the chat platform knows them now, and why
any of them can't be chosen."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from domain.people.members import Member
from domain.people.ports import MemberRepository
from domain.shared.errors import InvalidInput, LookupFailed


@dataclass(frozen=True)
class Candidate:
    user_id: str
    name: str
    is_bot: bool = False
    deactivated: bool = False
    tz: str = "UTC"


def refusals(chosen: Iterable[str], chooser_id: str, people: dict[str, Candidate], *, yourself: str, bot: str) -> str:
    """Every chosen person who can't be, with the reason, in one message ("" when all can); `bot` may name
    the bot as {name}."""
    reasons = []
    for user_id in chosen:
        person = people.get(user_id)
        if user_id == chooser_id:
            reasons.append(yourself)
        elif person is None:
            reasons.append("Trellis couldn't find one of the people you chose. Choose them again.")
        elif person.is_bot:
            reasons.append(bot.format(name=person.name))
        elif person.deactivated:
            reasons.append(f"{person.name} is no longer in this workspace.")
    return " ".join(reasons)


class Directory(Protocol):
    """The people a person may choose, as the chat platform knows them now."""

    def candidates(self, user_ids: list[str]) -> dict[str, Candidate]:
        """Those found; raises LookupFailed when the platform cannot be asked at all."""
        ...


def look_up(directory: Directory, user_ids: list[str], field: str) -> dict[str, Candidate]:
    """The people as the chat platform knows them; when it can't be asked, says so on the form's `field`."""
    try:
        return directory.candidates(user_ids)
    except LookupFailed as error:
        message = "Trellis couldn't check the people you chose just now. Try again in a moment."
        raise InvalidInput({field: message}) from error


def remember(members: MemberRepository, people: list[Candidate], now: datetime) -> None:
    """Keep the people the member directory has never met, with their zone; call inside a unit of work."""
    known = members.many([person.user_id for person in people])
    for person in sorted(people, key=lambda person: person.user_id):  # one order for all: racing inserts can't deadlock
        if person.user_id not in known:
            members.save(Member(person.user_id, person.name, person.tz, now))
