"""One report as their manager sees them (*View*): shared goals with pace, recent check-ins, the feedback they
chose to share with their manager, and the kudos they received in public."""

from dataclasses import dataclass
from datetime import datetime

from domain.feedback.answers import may_read
from domain.feedback.reading import Summary, summary_of
from domain.goals.checkins import CheckIn
from domain.kudos.records import Kudos
from domain.people.members import Member
from domain.teams.ports import TeamsUnitOfWork
from domain.teams.summary import WINDOW, SharedGoal, confirmed_report, shared_goals

RECENT_CHECKINS = 5
SHARED_REQUESTS = 3
PUBLIC_KUDOS = 5


@dataclass(frozen=True)
class ReportView:
    member: Member
    goals: list[SharedGoal]
    checkins: list[CheckIn]  # newest first, on those goals
    feedback: list[Summary]  # asked with "me and my manager" since this manager's link, newest first
    kudos: list[Kudos]  # public ones, newest first

    def goal_of(self, checkin: CheckIn) -> SharedGoal | None:
        return next((g for g in self.goals if g.goal.id == checkin.goal_id), None)


def report_view(uow: TeamsUnitOfWork, manager_id: str, report_id: str, now: datetime) -> ReportView:
    """Only for the report's confirmed manager: anyone else is refused without a name or a title."""
    with uow:
        link = confirmed_report(uow, manager_id, report_id)
        member = uow.members.get(report_id) or Member.unknown(report_id)
        goals = shared_goals(uow.goals.owned_by(report_id), member, now)
        checkins = uow.history.checkins_since([g.goal.id for g in goals], now - WINDOW)
        since = (link.confirmed_at or link.created_at).date()  # shared with this manager, not a former one
        requests = [
            r
            for r in uow.feedback.requests_of(report_id)
            if may_read(r.readers, report_id, manager_id, manager_id) and r.asked_on >= since
        ]
        feedback = [summary_of(uow, r, now) for r in requests[:SHARED_REQUESTS]]
        kudos = [k for k in uow.kudos.received(report_id, now - WINDOW) if k.public][:PUBLIC_KUDOS]
    recent = sorted(checkins, key=lambda c: (c.at, c.id), reverse=True)[:RECENT_CHECKINS]
    return ReportView(member, goals, recent, feedback, kudos)
