"""What the teams use cases need from storage. persistence/teams/ implements the links; the summary reads goals,
feedback and kudos through those capabilities' own repositories, which a teams unit of work also holds."""

from datetime import datetime
from typing import Protocol

from domain.feedback.ports import FeedbackRepository
from domain.goals.ports import GoalRepository, HistoryRepository, PlanRepository
from domain.kudos.ports import KudosRepository
from domain.people.ports import MemberRepository
from domain.profiles.ports import MentorshipRepository, ProfileRepository
from domain.shared.unit_of_work import UnitOfWork
from domain.teams.records import Link


class LinkRepository(Protocol):
    def lock(self) -> None:
        """Serialise changes to the workspace's links until the unit of work ends, so that two confirmations
        can't make a cycle or give one person two managers between them."""
        ...

    def propose(self, manager_id: str, report_id: str, asked_by: str, at: datetime) -> Link | None:
        """A new pending link; None when the two are linked already, pending or confirmed, either way round."""
        ...

    def add_confirmed(self, manager_id: str, report_id: str, asked_by: str, at: datetime) -> Link | None:
        """A link confirmed at once (an admin's import); None when the report has a confirmed manager already, or
        the two are linked already."""
        ...

    def get(self, link_id: int) -> Link | None: ...

    def confirm(self, link_id: int, at: datetime) -> Link | None:
        """Pending → confirmed, once; None when it is no longer pending, or the report has a confirmed manager
        already (a unique key holds this under any race)."""
        ...

    def remove(self, link_id: int) -> Link | None:
        """Delete the link once: the link as it was, or None when it was gone already."""
        ...

    def withdraw_requests(self, report_id: str) -> list[Link]:
        """Delete the report's pending links, once they have a confirmed manager: a request left open could
        otherwise be accepted long after, without the report's consent. Returns those deleted."""
        ...

    def manager_of(self, report_id: str) -> Link | None:
        """The report's confirmed link to their manager."""
        ...

    def reports_of(self, manager_id: str) -> list[Link]:
        """The manager's confirmed links, by report id."""
        ...

    def between(self, manager_id: str, report_id: str) -> Link | None:
        """The link, pending or confirmed, with these two in these places."""
        ...

    def pending_of(self, user_id: str) -> list[Link]:
        """Pending links with this person on either side, oldest first."""
        ...

    def managers(self) -> list[str]:
        """Everyone in the workspace with at least one confirmed report."""
        ...


class TeamsUnitOfWork(UnitOfWork, Protocol):
    """Links, and the repositories of the capabilities a manager's summary reads."""

    links: LinkRepository
    members: MemberRepository
    goals: GoalRepository
    plan: PlanRepository
    history: HistoryRepository
    feedback: FeedbackRepository
    kudos: KudosRepository
    mentorships: MentorshipRepository  # who has a mentor
    profiles: ProfileRepository  # whether their profile lets their manager see that
