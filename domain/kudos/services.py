"""Kudos's use cases: give (checked, counted against the weekly allowance and recorded once, then posted), take
back within the hour, and read what I received and gave."""

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from domain.kudos.ports import Announcer, CannotPost, KudosUnitOfWork
from domain.kudos.records import Kudos, KudosForm, NewKudos, Post
from domain.kudos.rules import (
    DEFAULT_ALLOWANCE,
    MOST_RECIPIENTS,
    UNDO_MINUTES,
    UNDO_WITHIN,
    KudosText,
    check_kudos,
    week_of,
)
from domain.people.candidates import Directory, look_up, remember
from domain.people.members import Member
from domain.shared.clock import Clock
from domain.shared.errors import DomainError
from domain.shared.forms import FormCheck
from domain.shared.text import human_date

READ_DAYS = 90


@dataclass(frozen=True)
class Allowance:
    """A giver's kudos this week: how many they may give, how many are left, and when it renews."""

    week: date  # its Monday, in the giver's zone
    limit: int
    used: int

    @property
    def left(self) -> int:
        return max(0, self.limit - self.used)

    @property
    def renews_on(self) -> date:
        """The giver's own next Monday."""
        return self.week + timedelta(days=7)

    def text(self) -> str:
        day = self.renews_on
        return f"{_kudos(self.left)} left this week (of {self.limit}; it renews on {day:%A} {human_date(day)})"


@dataclass(frozen=True)
class Given:
    kudos: Kudos
    allowance: Allowance


def allowance_limit(uow: KudosUnitOfWork) -> int:
    """Call inside `with uow`."""
    return uow.kudos_settings.allowance() or DEFAULT_ALLOWANCE


def _allowance(uow: KudosUnitOfWork, giver: Member, now: datetime) -> Allowance:
    """Call inside `with uow`."""
    week = week_of(now, giver.zone)
    return Allowance(week, allowance_limit(uow), uow.kudos.used(giver.user_id, week))


def give_kudos(
    uow: KudosUnitOfWork,
    clock: Clock,
    giver: Member,
    form: KudosForm,
    directory: Directory,
    view_id: str | None = None,
) -> Given:
    """Check a kudos, then take the allowance and record it in one transaction, before anything is posted: a
    form submitted twice, or kudos racing for the last of an allowance, never post what isn't recorded."""
    now = clock.now()
    wanted = tuple(dict.fromkeys(form.recipients))
    people = look_up(directory, list(wanted), "to") if 0 < len(wanted) <= MOST_RECIPIENTS else {}
    with uow:  # one transaction reads the rules and records: a refusal leaves it rolled back
        allowance = _allowance(uow, giver, now)
        check = FormCheck()
        if form.public and not form.channel:
            check.fail("channel", "Choose a channel to post it in, or make it private.")
        text = KudosText(wanted, form.reason or "", form.value)
        recipients, reason, value = check_kudos(text, giver.user_id, people, uow.kudos_settings.values(), check)
        if len(recipients) > allowance.left:
            raise DomainError(_over(allowance, len(recipients)), field="to")
        channel = form.channel if form.public else None
        kudos = NewKudos(
            giver.user_id, recipients, reason, value, channel, form.link, form.celebrates, allowance.week, now
        )
        remember(uow.members, [people[user_id] for user_id in recipients], now)
        used = uow.kudos.take_allowance(giver.user_id, allowance.week, len(recipients), allowance.limit)
        if used is None:  # another kudos took the rest in the meantime
            now_used = replace(allowance, used=uow.kudos.used(giver.user_id, allowance.week))
            raise DomainError(_over(now_used, len(recipients)), field="to")
        recorded = uow.kudos.add(kudos, view_id)
        uow.commit()
    return Given(recorded, replace(allowance, used=used))


def post_kudos(uow: KudosUnitOfWork, announcer: Announcer, kudos: Kudos) -> Kudos:
    """Post a recorded public kudos. When the channel refuses it, the kudos is taken back with its allowance and
    CannotPost says why; when no answer comes, it stays, with no post known to take back."""
    try:
        post = announcer.announce(kudos)
    except CannotPost:
        with uow:
            _take_back(uow, kudos.id, kudos.giver_id, kudos.given_at)
            uow.commit()
        raise
    if post is None:
        return kudos
    _keep(uow, announcer, [post], lambda: uow.kudos.record_post(kudos.id, post))
    return replace(kudos, post=post)


def _take_back(uow: KudosUnitOfWork, kudos_id: int, giver_id: str, given_since: datetime) -> Kudos | None:
    """Delete the giver's kudos if given since then, and give its allowance back; call inside `with uow`."""
    kudos = uow.kudos.remove(kudos_id, giver_id, given_since)
    if kudos is not None:
        uow.kudos.refund(giver_id, kudos.week, len(kudos.recipients))
    return kudos


def _keep(uow: KudosUnitOfWork, announcer: Announcer, sent: list[Post], record: Callable[[], bool]) -> None:
    """Record where messages went; when their kudos was taken back while they were sent, take them back too."""
    with uow:
        kept = record()
        uow.commit()
    if not kept:
        for post in sent:
            announcer.withdraw(post)


def _over(allowance: Allowance, wanted: int) -> str:
    when = f"{allowance.renews_on:%A} {human_date(allowance.renews_on)}"
    if not allowance.left:
        return f"You've given all {_kudos(allowance.limit)} of this week. They renew on {when}."
    left = _kudos(allowance.left)
    return f"You have {left} left this week and this one needs {wanted}, one a person. More on {when}."


def _kudos(count: int) -> str:
    return f"{count} kudos"


def record_dms(uow: KudosUnitOfWork, announcer: Announcer, kudos_id: int, dms: dict[str, Post]) -> None:
    _keep(uow, announcer, list(dms.values()), lambda: uow.kudos.record_dms(kudos_id, dms))


def undo_kudos(uow: KudosUnitOfWork, clock: Clock, giver_id: str, kudos_id: int, announcer: Announcer) -> Kudos:
    """Take back my kudos within the hour: its record goes, the allowance comes back, then its post and DMs go."""
    now = clock.now()
    with uow:
        kudos = _take_back(uow, kudos_id, giver_id, now - UNDO_WITHIN)
        if kudos is None:
            raise DomainError(_why_not_undone(uow.kudos.get(kudos_id), giver_id))
        uow.commit()
    for post in ([kudos.post] if kudos.post else []) + list(kudos.dms.values()):
        announcer.withdraw(post)
    return kudos


def _why_not_undone(kudos: Kudos | None, giver_id: str) -> str:
    if kudos is None:
        return "That kudos was taken back already."
    if kudos.giver_id != giver_id:
        return "Only the person who gave a kudos can take it back."
    return f"A kudos can be taken back within {UNDO_MINUTES} minutes of giving it."


@dataclass(frozen=True)
class Recognition:
    """My kudos of the last READ_DAYS days: received and given, newest first, and my allowance."""

    received: list[Kudos]
    given: list[Kudos]
    allowance: Allowance


def recognition(uow: KudosUnitOfWork, clock: Clock, member: Member, *, given: bool = True) -> Recognition:
    now = clock.now()
    since = now - timedelta(days=READ_DAYS)
    with uow:
        allowance = _allowance(uow, member, now)
        received = uow.kudos.received(member.user_id, since)
        mine = uow.kudos.given(member.user_id, since) if given else []
    return Recognition(received, mine, allowance)
