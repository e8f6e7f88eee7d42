"""What every capability's tables and repositories share: the declarative base, the UTC column type, the
workspace-scoped query helper, and the upsert and once-only claim patterns, written once."""

import importlib
import pkgutil
from datetime import UTC, datetime

from sqlalchemy import DateTime, Insert, MetaData, String, Update, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.types import TypeDecorator

from domain.shared.workspace import WorkspaceKey

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator):
    """Stores UTC instants; always hands back timezone-aware datetimes, also on SQLite."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect):
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class WorkspaceScoped:
    """Every row belongs to a workspace: (enterprise_id, team_id)."""

    enterprise_id: Mapped[str] = mapped_column(String(32), default="")
    team_id: Mapped[str] = mapped_column(String(32))


def all_tables() -> MetaData:
    """The whole schema: every capability package's `tables` module, imported."""
    import persistence

    for package in pkgutil.iter_modules(persistence.__path__):
        if package.ispkg and package.name != "migrations":
            importlib.import_module(f"persistence.{package.name}.tables")
    return Base.metadata


class Scoped:
    """The base of every repository: a session and the one workspace it may touch."""

    def __init__(self, session: Session, workspace: WorkspaceKey):
        self.session = session
        self.workspace = workspace

    def mine(self, row: type[WorkspaceScoped]):
        """The WHERE clause that keeps a query inside this workspace."""
        return (row.enterprise_id == self.workspace.enterprise_id) & (row.team_id == self.workspace.team_id)

    def keys(self) -> dict[str, str]:
        return {"enterprise_id": self.workspace.enterprise_id, "team_id": self.workspace.team_id}

    def claim(self, insert: Insert) -> bool:
        """Run an insert that a unique key may refuse: True if this call inserted the row, False if it was
        there already. The once-only pattern: whoever inserts first may act."""
        try:
            with self.session.begin_nested():
                self.session.execute(insert)
            return True
        except IntegrityError:
            return False

    def upsert(self, update: Update, insert: Insert) -> None:
        """Update the row, or insert it when there is none; when another writer inserts it at the same
        moment, update theirs: ours is the later word."""
        if self.session.execute(update).rowcount:
            return
        if not self.claim(insert):
            self.session.execute(update)

    def next_count(self, counter, **owner) -> int:
        """Atomically take the next number (1, 2, …) of an owner's counter column: its row is inserted at 0 if
        missing, then `UPDATE … SET n = n + 1 RETURNING n`, so racing callers never get the same number."""
        table = counter.class_
        self.session.execute(self.insert_or_ignore(table, **owner, **{counter.key: 0}))
        mine = [self.mine(table), *(getattr(table, column) == value for column, value in owner.items())]
        return self.session.execute(
            update(table).where(*mine).values({counter: counter + 1}).returning(counter)
        ).scalar_one()

    def insert_or_ignore(self, table, **values) -> Insert:
        """INSERT … ON CONFLICT DO NOTHING for a row of this workspace, on PostgreSQL or SQLite."""
        dialect = postgresql if self.session.get_bind().dialect.name == "postgresql" else sqlite
        return dialect.insert(table).values(**self.keys(), **values).on_conflict_do_nothing()
