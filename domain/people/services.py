"""The member directory's use case: who is asking, with a profile fresh enough to judge dates by."""

from typing import Protocol

from domain.people.members import Member
from domain.people.ports import MemberRepository, PeopleDirectory
from domain.shared.clock import Clock
from domain.shared.errors import LookupFailed
from domain.shared.unit_of_work import UnitOfWork


class PeopleUnitOfWork(UnitOfWork, Protocol):
    members: MemberRepository


def known_member(
    uow: PeopleUnitOfWork, people: PeopleDirectory, clock: Clock, user_id: str, *, allow_stale: bool = False
) -> Member:
    """The person's cached profile, refreshed from the directory when stale.

    With `allow_stale`, any cached profile will do (for paths that must answer fast).
    When the directory fails, the last known profile, or a UTC default, stands in.
    """
    now = clock.now()
    with uow:
        cached = uow.members.get(user_id)
    if cached is not None and (allow_stale or not cached.is_stale(now)):
        return cached
    try:
        profile = people.lookup(user_id)
    except LookupFailed:
        return cached or Member.unknown(user_id)
    member = Member(user_id, profile.display_name, profile.tz, now, profile.is_admin)
    with uow:
        uow.members.save(member)
        uow.commit()
    return member
