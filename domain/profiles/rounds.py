"""Growth-chat rounds: every two weeks the worker pairs the people who opted in, once per round per workspace
however many workers run (the round's key is claimed in storage), and each pair's group DM is sent once."""

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from domain.profiles.chats import NOT_AGAIN_WITHIN, ROUND_EVERY, ChatPerson, pair_round
from domain.profiles.ports import ProfilesUnitOfWork
from domain.profiles.records import ChatPair
from domain.shared.clock import Clock

FIRST_ROUND = date(2026, 1, 5)  # a Monday: a round starts every other Monday from it (UTC)
TOPICS = (
    "What is one thing you learned about {topic} this year, and what do you want to learn next?",
    "Which resource taught you the most about {topic}: a book, a course, a person?",
    "What does being good at {topic} look like in your role, and where are you on the way?",
    "What was the hardest part of {topic} for you, and how did you get past it?",
)


@dataclass(frozen=True)
class Round:
    key: str
    pairs: int
    left_out: int


def round_key(now: datetime) -> str:
    """The round `now` falls in: the date of its first Monday."""
    days = (now.date() - FIRST_ROUND).days
    return (FIRST_ROUND + timedelta(days=days - days % ROUND_EVERY.days)).isoformat()


def run_round(uow: ProfilesUnitOfWork, clock: Clock) -> Round | None:
    """Pair this round's people, once: None when the round was started already (by this worker or another).
    Pairing takes a while with thousands of people, so it runs between two short transactions: a worker that
    finds the round claimed when it comes to record its pairs drops them."""
    now = clock.now()
    key = round_key(now)
    with uow:
        if uow.chats.round_started(key):
            return None
        people = uow.profiles.chat_people()
        teams = uow.links.manager_ids(list(people))
        left_out_last = uow.chats.left_out_last(before=key)
        recent = uow.chats.recent_pairs(now - NOT_AGAIN_WITHIN)
    persons = [
        ChatPerson(user_id, teams.get(user_id), frozenset(shares), user_id in left_out_last)
        for user_id, shares in people.items()
    ]
    pairs, left_out = pair_round(persons, recent, key)
    names = {key: name for shares in people.values() for key, name in shares.items()}
    with uow:
        if not uow.chats.claim_round(key, now):
            return None
        uow.chats.add_pairs(key, pairs, names, left_out, now)
        uow.commit()
    return Round(key, len(pairs), len(left_out))


def topic(pair: ChatPair) -> str:
    """A question to start from what the two share, varied by pair."""
    chosen = int(hashlib.sha256(f"{pair.round_key}:{pair.id}".encode()).hexdigest(), 16)
    return TOPICS[chosen % len(TOPICS)].format(topic=pair.common[0] if pair.common else "your work")


def unsent_pairs(uow: ProfilesUnitOfWork) -> list[ChatPair]:
    with uow:
        return uow.chats.unsent()


def claim_pair(uow: ProfilesUnitOfWork, clock: Clock, pair: ChatPair) -> bool:
    """Take the pair's group DM to send: True for one caller only, and only while both still opt in with a profile
    seen by everyone (someone who opted out or hid their profile since the round is never sent it)."""
    with uow:
        still = all(
            (profile := uow.profiles.get(user_id)) is not None and profile.chats and profile.public
            for user_id in (pair.first, pair.second)
        )
        claimed = uow.chats.mark_sent(pair.id, clock.now())  # a pair no longer wanted is closed unsent
        uow.commit()
    return claimed and still


def release_pair(uow: ProfilesUnitOfWork, pair_id: int) -> None:
    """Slack refused it: a later pass tries again, a few times at most."""
    with uow:
        uow.chats.release(pair_id)
        uow.commit()
