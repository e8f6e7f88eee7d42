"""People one person chooses (to ask for feedback, to give kudos), as the chat platform knows them now, and why
any of them can't be chosen."""

from collections.abc import Iterable
from dataclasses import dataclass


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
