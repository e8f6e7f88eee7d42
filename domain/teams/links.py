"""Links between managers and reports, made with consent: one side asks, the other accepts or declines; either
side ends it. A person has at most one manager, a link never makes a loop, and a pending link grants nothing."""

from dataclasses import dataclass
from datetime import datetime

from domain.people.candidates import Candidate, Directory, look_up, refusals, remember
from domain.people.members import Member
from domain.shared.clock import Clock
from domain.shared.errors import DomainError
from domain.teams.ports import LinkRepository, TeamsUnitOfWork
from domain.teams.records import Link

GONE = "This request is no longer open: it was answered or withdrawn."


@dataclass(frozen=True)
class Ended:
    """A link that was ended, and by whom: the other side is told."""

    link: Link
    by: str

    @property
    def tell(self) -> str:
        return self.link.other(self.by)


def chain_above(links: LinkRepository, user_id: str) -> list[str]:
    """The person's manager, their manager's manager, and so on (a loop, which the rules prevent, stops it)."""
    above: list[str] = []
    link = links.manager_of(user_id)
    while link is not None and link.manager_id not in above and link.manager_id != user_id:
        above.append(link.manager_id)
        link = links.manager_of(link.manager_id)
    return above


def check_link(links: LinkRepository, manager_id: str, report_id: str, names: dict[str, str]) -> None:
    """Why `manager_id` can't become `report_id`'s manager now, if anything; call with the links locked."""
    name = lambda user_id: names.get(user_id, "That person")  # noqa: E731
    current = links.manager_of(report_id)
    if current is not None and current.manager_id == manager_id:
        raise DomainError(f"{name(manager_id)} is {name(report_id)}'s manager in Trellis already.")
    if current is not None:
        raise DomainError(
            f"{name(report_id)} has a manager in Trellis already: a person has one. "
            "The link they have must end first (`/growth manager none`, or their manager's `/growth team remove`)."
        )
    if report_id in chain_above(links, manager_id):
        raise DomainError(
            f"{name(report_id)} is above {name(manager_id)} in Trellis already, so this link would make a loop."
        )


def _people(uow: TeamsUnitOfWork, directory: Directory, me: Member, other_id: str, now: datetime) -> dict[str, str]:
    """Check the person chosen (not me, not a bot, still here), remember them, and name both of us."""
    found = look_up(directory, [other_id], "person")
    refused = refusals(
        [other_id],
        me.user_id,
        found,
        yourself="You can't link yourself to yourself.",
        bot="{name} is a bot, not a person.",
    )
    if refused:
        raise DomainError(refused)
    myself = Candidate(me.user_id, me.display_name, tz=me.tz)
    with uow:
        remember(uow.members, [myself, *found.values()], now)
        uow.commit()
    return {me.user_id: me.display_name, other_id: found[other_id].name}


def propose(
    uow: TeamsUnitOfWork, clock: Clock, directory: Directory, me: Member, other_id: str, *, i_am_manager: bool
) -> tuple[Link, dict[str, str]]:
    """`/growth manager @x` (I am the report) or `/growth team add @x` (I am the manager): a pending link that the
    other side must accept. Returns it with both names."""
    now = clock.now()
    names = _people(uow, directory, me, other_id, now)
    manager_id, report_id = (me.user_id, other_id) if i_am_manager else (other_id, me.user_id)
    with uow:
        uow.links.lock()
        check_link(uow.links, manager_id, report_id, names)
        link = uow.links.propose(manager_id, report_id, me.user_id, now)
        if link is None:
            raise DomainError(
                f"You and {names[other_id]} have a request open already: it waits for an answer. "
                "Either of you can end it with `/growth manager none` or `/growth team remove`."
            )
        uow.commit()
    return link, names


def accept(uow: TeamsUnitOfWork, clock: Clock, link_id: int, user_id: str) -> Link:
    """The side that was asked accepts; the rules are checked again, since much can change while a DM waits."""
    with uow:
        uow.links.lock()
        link = _waiting_for(uow.links, link_id, user_id)
        names = {m.user_id: m.display_name for m in uow.members.many([link.manager_id, link.report_id]).values()}
        check_link(uow.links, link.manager_id, link.report_id, names)
        confirmed = uow.links.confirm(link_id, clock.now())
        if confirmed is None:
            raise DomainError(GONE)
        uow.links.withdraw_requests(confirmed.report_id)
        uow.commit()
    return confirmed


def decline(uow: TeamsUnitOfWork, link_id: int, user_id: str) -> Ended:
    """The side that was asked says no: the request is gone, and it granted nothing."""
    with uow:
        _waiting_for(uow.links, link_id, user_id)
        removed = uow.links.remove(link_id)
        if removed is None:
            raise DomainError(GONE)
        uow.commit()
    return Ended(removed, user_id)


def _waiting_for(links: LinkRepository, link_id: int, user_id: str) -> Link:
    link = links.get(link_id)
    if link is None or link.confirmed or not link.involves(user_id):
        raise DomainError(GONE)
    if link.awaits != user_id:
        raise DomainError("This request waits for the other person's answer.")
    return link


def end_link(uow: TeamsUnitOfWork, link_id: int, user_id: str) -> Ended:
    """Either side ends a link, pending or confirmed (*That's not right* on an imported one, too)."""
    with uow:
        link = uow.links.get(link_id)
        removed = uow.links.remove(link_id) if link is not None and link.involves(user_id) else None
        if removed is None:
            raise DomainError("This link has ended already.")
        uow.commit()
    return Ended(removed, user_id)


def leave_manager(uow: TeamsUnitOfWork, me: str) -> Ended:
    """`/growth manager none`: end my link to my manager, or withdraw the request I made for one."""
    with uow:
        link = uow.links.manager_of(me) or next(
            (link for link in uow.links.pending_of(me) if link.report_id == me), None
        )
    if link is None:
        raise DomainError("You have no manager in Trellis. `/growth manager @person` asks someone to be yours.")
    return end_link(uow, link.id, me)


def remove_report(uow: TeamsUnitOfWork, me: str, report_id: str) -> Ended:
    """`/growth team remove @x`: end my link to a report, confirmed or still pending."""
    with uow:
        link = uow.links.between(me, report_id)
    if link is None:
        raise DomainError("That person is not on your team in Trellis. `/growth team` lists who is.")
    return end_link(uow, link.id, me)
