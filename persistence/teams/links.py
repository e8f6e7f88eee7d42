"""Manager links: proposed, confirmed once, imported, removed once; read only within the workspace."""

from datetime import datetime

from sqlalchemy import String, any_, bindparam, delete, insert, select, update
from sqlalchemy.dialects import postgresql
from sqlalchemy.exc import IntegrityError

from domain.teams.records import Link, LinkState
from persistence.base import Scoped
from persistence.teams.tables import LinkRow, TeamLockRow

_LINK = LinkRow.__table__.columns  # read as plain rows: an UPDATE or DELETE … RETURNING gives the same shape
_CONFIRMED = LinkRow.state == LinkState.CONFIRMED.value
_PENDING = LinkRow.state == LinkState.PENDING.value


class SqlLinkRepository(Scoped):
    def lock(self) -> None:
        """Bump the workspace's lock row: PostgreSQL holds the row lock, SQLite its write lock, until the
        transaction ends."""
        self.next_count(TeamLockRow.n)

    def _links(self, *where, order=(LinkRow.id,)) -> list[Link]:
        rows = self.session.execute(select(*_LINK).where(self.mine(LinkRow), *where).order_by(*order))
        return [_link(row) for row in rows]

    def _one(self, *where) -> Link | None:
        return next(iter(self._links(*where)), None)

    def _linked(self, one: str, other: str) -> bool:
        """Whether a link, pending or confirmed, joins the two, whichever way round."""
        return bool(self._links(_pair(one, other) | _pair(other, one)))

    def _add(self, manager_id: str, report_id: str, asked_by: str, at: datetime, confirmed: bool) -> Link | None:
        """Insert the link unless the two are linked either way round; the unique keys refuse a racing twin (and,
        when confirmed, a report's second manager)."""
        if self._linked(manager_id, report_id):
            return None
        state = LinkState.CONFIRMED if confirmed else LinkState.PENDING
        values = {
            "manager_id": manager_id,
            "report_id": report_id,
            "state": state.value,
            "asked_by": asked_by,
            "imported": confirmed,
            "created_at": at,
            "confirmed_at": at if confirmed else None,
            "confirmed_report_id": report_id if confirmed else None,
        }
        if not self.claim(insert(LinkRow).values(**self.keys(), **values)):
            return None
        return self.between(manager_id, report_id)

    def propose(self, manager_id: str, report_id: str, asked_by: str, at: datetime) -> Link | None:
        return self._add(manager_id, report_id, asked_by, at, confirmed=False)

    def add_confirmed(self, manager_id: str, report_id: str, asked_by: str, at: datetime) -> Link | None:
        return self._add(manager_id, report_id, asked_by, at, confirmed=True)

    def get(self, link_id: int) -> Link | None:
        return self._one(LinkRow.id == link_id)

    def confirm(self, link_id: int, at: datetime) -> Link | None:
        """One conditional UPDATE in a savepoint: of two racing confirmations of one link, one finds it pending;
        of two links of one report, the unique key on confirmed_report_id refuses the second."""
        pending = (self.mine(LinkRow), LinkRow.id == link_id, _PENDING)
        values = {"state": LinkState.CONFIRMED.value, "confirmed_report_id": LinkRow.report_id, "confirmed_at": at}
        statement = update(LinkRow).where(*pending).values(**values).returning(*_LINK)
        try:
            with self.session.begin_nested():
                row = self.session.execute(statement).first()
        except IntegrityError:
            return None
        return None if row is None else _link(row)

    def remove(self, link_id: int) -> Link | None:
        """DELETE … RETURNING: of two racing removes, the second waits on the row's lock, then finds nothing."""
        statement = delete(LinkRow).where(self.mine(LinkRow), LinkRow.id == link_id).returning(*_LINK)
        row = self.session.execute(statement).first()
        return None if row is None else _link(row)

    def withdraw_requests(self, report_id: str) -> list[Link]:
        statement = delete(LinkRow).where(self.mine(LinkRow), LinkRow.report_id == report_id, _PENDING)
        return [_link(row) for row in self.session.execute(statement.returning(*_LINK))]

    def manager_of(self, report_id: str) -> Link | None:
        return self._one(LinkRow.confirmed_report_id == report_id)

    def reports_of(self, manager_id: str) -> list[Link]:
        return self._links(LinkRow.manager_id == manager_id, _CONFIRMED, order=(LinkRow.report_id,))

    def between(self, manager_id: str, report_id: str) -> Link | None:
        return self._one(_pair(manager_id, report_id))

    def pending_of(self, user_id: str) -> list[Link]:
        either_side = (LinkRow.manager_id == user_id) | (LinkRow.report_id == user_id)
        return self._links(either_side, _PENDING, order=(LinkRow.created_at, LinkRow.id))

    def manager_ids(self, user_ids: list[str]) -> dict[str, str]:
        """Each of `user_ids` with a confirmed manager → that manager's id, in one query. On PostgreSQL the ids are one
        array parameter (`= ANY(…)`), not one parameter each: the query's text stays the same however many there are,
        and thousands of ids cost little more than a few."""
        if not user_ids:
            return {}
        reports = LinkRow.confirmed_report_id
        if self.session.get_bind().dialect.name == "postgresql":
            asked = reports == any_(bindparam("user_ids", user_ids, type_=postgresql.ARRAY(String)))
        else:
            asked = reports.in_(user_ids)
        query = select(LinkRow.report_id, LinkRow.manager_id).where(self.mine(LinkRow), _CONFIRMED, asked)
        return {report_id: manager_id for report_id, manager_id in self.session.execute(query)}

    def managers(self) -> list[str]:
        query = select(LinkRow.manager_id).distinct().where(self.mine(LinkRow), _CONFIRMED)
        return list(self.session.scalars(query.order_by(LinkRow.manager_id)))


def _pair(manager_id: str, report_id: str):
    return (LinkRow.manager_id == manager_id) & (LinkRow.report_id == report_id)


def _link(row) -> Link:
    return Link(
        id=row.id,
        manager_id=row.manager_id,
        report_id=row.report_id,
        state=LinkState(row.state),
        asked_by=row.asked_by,
        created_at=row.created_at,
        confirmed_at=row.confirmed_at,
        imported=row.imported,
    )
