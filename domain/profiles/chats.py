"""Growth chats: people who opted in are paired every two weeks with someone from another team who shares an
interest or a skill. The same two are not paired again within three months, and a person left out of a round goes
first in the next."""

import hashlib
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
    waiting = {person.user_id for person in queue}
    pairs = []
    for person in queue:
        if person.user_id not in waiting:
            continue
        partners = [
            other
            for other in queue
            if other.user_id in waiting
            and other.user_id != person.user_id
            and not same_team(person, other)
            and person.shares & other.shares
            and frozenset({person.user_id, other.user_id}) not in recent
        ]
        if not partners:
            continue
        partner = min(partners, key=lambda o: (not o.left_out_last, -len(person.shares & o.shares), order(o)))
        waiting -= {person.user_id, partner.user_id}
        pairs.append(Pair(person.user_id, partner.user_id, tuple(sorted(person.shares & partner.shares))))
    return pairs, [p.user_id for p in queue if p.user_id in waiting]
