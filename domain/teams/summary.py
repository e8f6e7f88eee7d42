"""A manager's team summary: for each confirmed report, their shared open goals with pace, days since their last
check-in, feedback asked for and answered and kudos received in the last 90 days; who needs attention first.
Read in six queries however large the team, and one more for each report who has a mentor."""

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from domain.goals.lifecycle import GoalState, state_of
from domain.goals.model import Goal
from domain.goals.pace import Pace, PaceReport, pace_of
from domain.people.members import Member
from domain.profiles.records import Visibility
from domain.shared.errors import DomainError
from domain.teams.ports import TeamsUnitOfWork
from domain.teams.records import Link
from domain.teams.visibility import SEEN_BY_MANAGER

WINDOW = timedelta(days=90)  # feedback and kudos counted over this
QUIET_AFTER = timedelta(days=14)  # no check-in for this long needs attention
OPEN = frozenset({GoalState.ACTIVE, GoalState.PAUSED, GoalState.MISSED})
NOT_YOURS = "You can see only the people who confirmed you as their manager in Trellis."


@dataclass(frozen=True)
class SharedGoal:
    goal: Goal
    pace: PaceReport

    @property
    def label(self) -> str:
        """on track, behind, at risk, paused, missed; or stale, when it has had no sign of life for two weeks."""
        return "stale" if self.pace.stale and self.pace.pace is Pace.ON_TRACK else self.pace.pace.value


@dataclass(frozen=True)
class ReportSummary:
    member: Member
    goals: list[SharedGoal]  # open goals the manager may see, by number
    last_checkin: datetime | None  # on those goals
    quiet_days: int | None  # since the last check-in, or since the oldest of those goals began; None with no goal
    feedback_asked: int
    feedback_answered: int
    kudos_received: int
    attention: list[str] = field(default_factory=list)  # why they need attention, first reason first
    has_mentor: bool = False  # in an active mentorship as the mentee

    @property
    def user_id(self) -> str:
        return self.member.user_id

    @property
    def needs_attention(self) -> bool:
        return bool(self.attention)

    @property
    def active(self) -> list[SharedGoal]:
        """Goals with a pace to chart: neither paused nor missed."""
        return [g for g in self.goals if g.pace.pace not in (Pace.PAUSED, Pace.MISSED)]


@dataclass(frozen=True)
class TeamSummary:
    manager: Member
    reports: list[ReportSummary]  # those who need attention first, then by name

    @property
    def attention_count(self) -> int:
        return sum(1 for report in self.reports if report.needs_attention)


def shared_goals(goals: list[Goal], member: Member, now: datetime) -> list[SharedGoal]:
    """A report's open goals their manager may see, each with its pace."""
    today = member.today(now)
    return [
        SharedGoal(goal, pace_of(goal, today, now))
        for goal in goals
        if goal.spec.visibility in SEEN_BY_MANAGER and state_of(goal, today) in OPEN
    ]


def attention_reasons(goals: list[SharedGoal], quiet_days: int | None) -> list[str]:
    reasons = []
    if not goals:
        reasons.append("no shared goal")
    paces = {g.pace.pace for g in goals}
    if Pace.AT_RISK in paces:
        reasons.append("a goal at risk")
    if Pace.MISSED in paces:
        reasons.append("a goal past its due date")
    if quiet_days is not None and quiet_days >= QUIET_AFTER.days:
        reasons.append(f"no check-in for {quiet_days} days")
    return reasons


def report_summary(
    member: Member, goals: list[Goal], asked: tuple[int, int], kudos: int, now: datetime
) -> ReportSummary:
    shared = shared_goals(goals, member, now)
    checkins = [g.goal.last_checkin_at for g in shared if g.goal.last_checkin_at]
    last = max(checkins, default=None)
    since = last or min((g.goal.created_at for g in shared), default=None)
    quiet = (now - since).days if since else None
    return ReportSummary(member, shared, last, quiet, *asked, kudos, attention_reasons(shared, quiet))


def team_summary(uow: TeamsUnitOfWork, manager: Member, now: datetime) -> TeamSummary:
    """The manager's confirmed reports, each as far as they share; an empty team when there are none."""
    with uow:
        return read_team(uow, manager, now)[0]


def read_team(uow: TeamsUnitOfWork, manager: Member, now: datetime) -> tuple[TeamSummary, list[Goal]]:
    """The summary, and every goal of the reports (for the digest to sift); call inside `with uow`."""
    ids = [link.report_id for link in uow.links.reports_of(manager.user_id)]
    if not ids:
        return TeamSummary(manager, []), []
    members = uow.members.many(ids)
    goals = uow.goals.owned_by_many(ids, SEEN_BY_MANAGER)  # private goals never leave storage
    asked = uow.feedback.ask_counts(ids, (now - WINDOW).date())
    kudos = uow.kudos.received_counts(ids, now - WINDOW)
    mentored = {  # only where the report's profile is shown to their manager
        user_id
        for user_id in uow.mentorships.with_mentor(ids)
        if (profile := uow.profiles.get(user_id)) is not None and profile.visibility is not Visibility.ONLY_ME
    }
    by_owner: dict[str, list[Goal]] = defaultdict(list)
    for goal in goals:
        by_owner[goal.owner_id].append(goal)
    reports = [
        replace(
            report_summary(
                members.get(user_id) or Member.unknown(user_id),
                by_owner[user_id],
                asked.get(user_id, (0, 0)),
                kudos.get(user_id, 0),
                now,
            ),
            has_mentor=user_id in mentored,
        )
        for user_id in ids
    ]
    reports.sort(key=lambda r: (not r.needs_attention, r.member.display_name.casefold(), r.user_id))
    return TeamSummary(manager, reports), goals


def confirmed_report(uow: TeamsUnitOfWork, manager_id: str, report_id: str) -> Link:
    """The link to the manager's confirmed report; anyone else is refused without a name or a title. Call inside
    `with uow`."""
    link = uow.links.manager_of(report_id)
    if link is None or link.manager_id != manager_id:
        raise DomainError(NOT_YOURS)
    return link
