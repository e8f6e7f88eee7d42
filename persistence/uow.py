"""The unit of work: one session, one workspace, rolled back unless committed, composed of the repositories
of the capabilities a use case needs."""

from collections.abc import Callable, Mapping

from sqlalchemy.orm import Session, sessionmaker

from domain.shared.errors import AlreadyDone
from domain.shared.workspace import WorkspaceKey
from persistence import feedback, goals, kudos, people, privacy, profiles, reminders, teams
from persistence.deliveries.repository import Delivery, SqlDeliveries

Repositories = Mapping[str, Callable[[Session, WorkspaceKey], object]]

# Each capability's part of a unit of work; every part includes the member directory, which all of them use.
PEOPLE = people.REPOSITORIES
GOALS = {**PEOPLE, **goals.REPOSITORIES}
FEEDBACK = {**PEOPLE, **feedback.REPOSITORIES}
KUDOS = {**PEOPLE, **kudos.REPOSITORIES}
# A profile reads its owner's manager and their active goals' skills, through teams' and goals' own repositories.
PROFILES = {**GOALS, **teams.REPOSITORIES, **profiles.REPOSITORIES}
# A manager's summary reads the goals, feedback and kudos of their reports, and who has a mentor, through those
# capabilities' own.
TEAMS = {**GOALS, **FEEDBACK, **KUDOS, **teams.REPOSITORIES, **profiles.REPOSITORIES}
# The reminder engine's and reminder settings' part: planning asks each registered kind, which reads its own.
EVERYTHING = {**TEAMS, **reminders.REPOSITORIES}
# A person's export and erasure: one repository that reads and erases every capability's tables for them.
PRIVACY = {**PEOPLE, **privacy.REPOSITORIES}


class UnitOfWorkInUse(RuntimeError):
    """A unit of work was entered again before it was left: two transactions would share one session."""


class SqlUnitOfWork:
    """With a `delivery` (a modal submission's), committing also claims it: a repeat of the same submission
    commits nothing and raises AlreadyDone, atomically with what the first one wrote."""

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        workspace: WorkspaceKey,
        repositories: Repositories,
        delivery: Delivery | None = None,
    ):
        self.session_factory = session_factory
        self.workspace = workspace
        self.repositories = repositories
        self.delivery = delivery
        self.session: Session | None = None

    def __enter__(self) -> "SqlUnitOfWork":
        if self.session is not None:
            raise UnitOfWorkInUse("this unit of work is already open; open a new one from the factory")
        self.session = self.session_factory()
        for name, repository in self.repositories.items():
            setattr(self, name, repository(self.session, self.workspace))
        return self

    def __exit__(self, *exc) -> None:
        session, self.session = self.session, None
        session.rollback()
        session.close()

    def commit(self) -> None:
        if self.delivery and not SqlDeliveries(self.session, self.workspace).claim(self.delivery):
            self.session.rollback()
            raise AlreadyDone()
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()


def unit_of_work_factory(session_factory: sessionmaker[Session], repositories: Repositories = EVERYTHING):
    """A factory that opens a unit of work for one workspace, with the given capabilities' repositories, on
    behalf of one delivery of a request when given."""
    return lambda workspace, delivery=None: SqlUnitOfWork(session_factory, workspace, repositories, delivery)
