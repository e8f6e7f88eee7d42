"""Growth chats: people who opted in are paired every two weeks with someone from another team who shares an
interest or a skill. The same two are not paired again within three months, and a person left out of a round goes
first in the next."""

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

ROUND_EVERY = timedelta(days=14)
NOT_AGAIN_WITHIN = timedelta(days=91)  # three months


@dataclass(frozen=True)
class ChatPerson:
    user_id: str
    team: str | None  # their manager's id; None when unknown, which is no one's team
    shares: frozenset[str]  # interests and skills they made visible to everyone, by key
    left_out_last: bool = False  # nobody could be found for them last round


@dataclass(frozen=True)
class Pair:
    first: str
    second: str
    common: tuple[str, ...]  # what they share, for the topic


def same_team(a: ChatPerson, b: ChatPerson) -> bool:
    """Sharing a manager, or one managing the other."""
    return (a.team is not None and a.team == b.team) or a.team == b.user_id or b.team == a.user_id


def pair_round(people: list[ChatPerson], recent: set[frozenset[str]], round_key: str) -> tuple[list[Pair], list[str]]:
    """The pairs of one round, and who was left out. `recent` holds the pairs of the last three months; `round_key`
    varies the order from round to round, so the same people don't always choose first."""

    def order(person: ChatPerson):
        shuffle = hashlib.sha256(f"{round_key}:{person.user_id}".encode()).hexdigest()
        return (not person.left_out_last, shuffle)

    queue = sorted(people, key=order)
    waiting = {person.user_id: person for person in queue}  # in queue order, so the first of the best wins ties
    met: dict[str, set[str]] = defaultdict(set)  # whom each person was paired with lately
    for pair in recent:
        for user_id in pair:
            met[user_id] |= pair
    pairs = []
    for person in queue:
        if person.user_id not in waiting:
            continue
        partner, best = None, None
        seen = met.get(person.user_id, ())
        for other in waiting.values():
            common = len(person.shares & other.shares)
            if common and other is not person and other.user_id not in seen and not same_team(person, other):
                rank = (not other.left_out_last, -common)
                if best is None or rank < best:
                    partner, best = other, rank
        if partner is None:
            continue
        del waiting[person.user_id], waiting[partner.user_id]
        pairs.append(Pair(person.user_id, partner.user_id, tuple(sorted(person.shares & partner.shares))))
    return pairs, list(waiting)
