"""The workspace's weekly kudos allowance and its values."""

from sqlalchemy import delete, insert, select, update

from domain.kudos.rules import Value
from persistence.base import Scoped
from persistence.kudos.tables import SettingsRow, ValueRow


class SqlKudosSettingsRepository(Scoped):
    def allowance(self) -> int | None:
        return self.session.scalar(select(SettingsRow.allowance).where(self.mine(SettingsRow)))

    def set_allowance(self, allowance: int) -> None:
        self.upsert(
            update(SettingsRow).where(self.mine(SettingsRow)).values(allowance=allowance),
            insert(SettingsRow).values(**self.keys(), allowance=allowance),
        )

    def values(self) -> list[Value]:
        rows = self.session.scalars(select(ValueRow).where(self.mine(ValueRow)).order_by(ValueRow.position))
        return [Value(row.name, row.emoji or "") for row in rows]

    def set_values(self, values: list[Value]) -> None:
        self.session.execute(delete(ValueRow).where(self.mine(ValueRow)))
        self.session.add_all(
            ValueRow(**self.keys(), name=value.name, emoji=value.emoji or None, position=position)
            for position, value in enumerate(values)
        )
        self.session.flush()
