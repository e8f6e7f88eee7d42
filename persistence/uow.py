"""The unit of work: one session, one workspace, rolled back unless committed."""

from sqlalchemy.orm import Session, sessionmaker

from domain.workspace import WorkspaceKey
from persistence.repositories.goals import SqlGoalRepository
from persistence.repositories.history import SqlHistoryRepository
from persistence.repositories.members import SqlMemberRepository
from persistence.repositories.plan import SqlPlanRepository
from persistence.repositories.reminders import SqlReminderRepository
from persistence.repositories.settings import SqlSettingsRepository


class SqlUnitOfWork:
    def __init__(self, session_factory: sessionmaker[Session], workspace: WorkspaceKey):
        self.session_factory = session_factory
        self.workspace = workspace

    def __enter__(self) -> "SqlUnitOfWork":
        self.session = self.session_factory()
        scope = (self.session, self.workspace)
        self.goals = SqlGoalRepository(*scope)
        self.members = SqlMemberRepository(*scope)
        self.plan = SqlPlanRepository(*scope)
        self.history = SqlHistoryRepository(*scope)
        self.settings = SqlSettingsRepository(*scope)
        self.reminders = SqlReminderRepository(*scope)
        return self

    def __exit__(self, *exc) -> None:
        self.session.rollback()
        self.session.close()

    def commit(self) -> None:
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()


def unit_of_work_factory(session_factory: sessionmaker[Session]):
    """A factory that opens a unit of work for one workspace."""
    return lambda workspace: SqlUnitOfWork(session_factory, workspace)
