"""The weekly team digest: a reminder kind that gives each manager with a report one DM a week, on the weekday and
at the time of their reminder settings (Monday 09:00 in their zone by default), with what changed in the team: goals
completed and started, check-ins, who moved to at risk, kudos received. A week with no change sends nothing. It
reaches the reminder engine only through its seam, domain.reminders.kinds."""

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from domain.goals.model import Goal, GoalStatus
from domain.goals.pace import Pace, pace_of
from domain.people.members import Member
from domain.reminders.kinds import Recipient
from domain.teams.ports import TeamsUnitOfWork
from domain.teams.summary import TeamSummary, read_team

WEEK = timedelta(days=7)


@dataclass(frozen=True)
class Change:
    owner: Member
    goal: Goal


@dataclass(frozen=True)
class Digest:
    team: TeamSummary
    completed: list[Change]
    started: list[Change]
    checkins: int
    at_risk: list[Change]  # goals that moved to at risk this week
    kudos: int

    @property
    def changed(self) -> bool:
        return bool(self.completed or self.started or self.checkins or self.at_risk or self.kudos)


def at_risk_then(goal: Goal, owner: Member, then: datetime, value: float | None, done: int) -> bool:
    """Was the goal at risk at `then`, given its checked-in value and milestones done by then?"""
    earlier = replace(goal, status=GoalStatus.ACTIVE, current_value=value, milestones_done=done)
    return pace_of(earlier, owner.today(then), then).pace is Pace.AT_RISK


def weekly_digest(uow: TeamsUnitOfWork, manager: Member, now: datetime, since: datetime | None = None) -> Digest:
    """What changed in the manager's team since `since` (by default, the last seven days), as far as each report
    shares; call inside `with uow`."""
    since = since or now - WEEK
    team, shared = read_team(uow, manager, now)  # only goals a manager may see ever leave storage
    owners = {report.user_id: report.member for report in team.reports}
    completed = [
        Change(owners[g.owner_id], g) for g in shared if g.completed_at is not None and g.completed_at >= since
    ]
    started = [Change(owners[g.owner_id], g) for g in shared if g.created_at >= since]
    checkins = uow.history.checkins_since([g.id for g in shared], since)
    at_risk_now = [
        (report.member, g.goal)
        for report in team.reports
        for g in report.goals
        if g.pace.pace is Pace.AT_RISK and g.goal.created_at < since
    ]
    ids = [g.id for _, g in at_risk_now]
    values = uow.history.values_at(ids, since) if ids else {}
    done = Counter(m.goal_id for m in (uow.plan.milestones(ids) if ids else []) if m.done_at and m.done_at <= since)
    moved = [
        Change(owner, goal)
        for owner, goal in at_risk_now
        if not at_risk_then(goal, owner, since, values.get(goal.id), done[goal.id])
    ]
    kudos = sum(uow.kudos.received_counts(list(owners), since).values()) if owners else 0
    return Digest(team, completed, started, len(checkins), moved, kudos)


class DigestReminder:
    """To each manager with at least one confirmed report, weekly; people can turn it off in their settings."""

    name = "team_digest"
    snoozes = False  # a weekly summary: the next one comes anyway
    optional = "Weekly team digest (for managers)"  # reminder settings offer to turn it off

    def audience(self, uow: TeamsUnitOfWork) -> list[str]:
        return uow.links.managers()

    def plan(self, uow: TeamsUnitOfWork, recipient: Recipient, now: datetime, after: datetime):
        day = recipient.today(after)
        day += timedelta(days=(recipient.prefs.weekday - day.weekday()) % 7)
        when = recipient.on_day(day)
        if when < after:
            day += WEEK
            when = recipient.on_day(day)
        year, week, _ = day.isocalendar()
        return [(f"{year}-W{week:02d}", when)]

    @staticmethod
    def week_start(recipient: Recipient, key: str) -> datetime:
        """The moment the week an occurrence reports on began: a week before its planned time, so that weeks follow
        each other without gap or overlap however late one digest is sent (a holiday, a worker down)."""
        year, week = (int(part) for part in key.split("-W"))
        return recipient.on_day(date.fromisocalendar(year, week, recipient.prefs.weekday + 1)) - WEEK

    def content(self, uow: TeamsUnitOfWork, recipient: Recipient, key: str, now: datetime) -> Digest | None:
        digest = weekly_digest(uow, recipient.member, now, self.week_start(recipient, key))
        return digest if digest.changed and digest.team.reports else None
