"""Kudos, their recipients and DMs, and each giver's weekly allowance."""

from collections import defaultdict
from datetime import date, datetime

from sqlalchemy import case, delete, func, select, update
from sqlalchemy.exc import IntegrityError

from domain.kudos.records import Celebrated, Kudos, NewKudos, Post
from domain.kudos.rules import Value
from domain.shared.errors import AlreadyDone
from persistence.base import Scoped
from persistence.kudos.tables import AllowanceRow, KudosRow, RecipientRow


class SqlKudosRepository(Scoped):
    def _allowance(self, giver_id: str, week: date):
        return self.mine(AllowanceRow) & (AllowanceRow.giver_id == giver_id) & (AllowanceRow.week == week)

    def take_allowance(self, giver_id: str, week: date, count: int, limit: int) -> int | None:
        """One conditional UPDATE: PostgreSQL re-checks its WHERE once a racing writer's lock is gone, and SQLite
        has one writer at a time, so the total never passes `limit`."""
        self.session.execute(self.insert_or_ignore(AllowanceRow, giver_id=giver_id, week=week, used=0))
        fits = AllowanceRow.used + count <= limit
        statement = update(AllowanceRow).where(self._allowance(giver_id, week), fits)
        return self.session.scalar(statement.values(used=AllowanceRow.used + count).returning(AllowanceRow.used))

    def used(self, giver_id: str, week: date) -> int:
        return self.session.scalar(select(AllowanceRow.used).where(self._allowance(giver_id, week))) or 0

    def refund(self, giver_id: str, week: date, count: int) -> None:
        left = case((AllowanceRow.used > count, AllowanceRow.used - count), else_=0)
        self.session.execute(update(AllowanceRow).where(self._allowance(giver_id, week)).values(used=left))

    def add(self, kudos: NewKudos, view_id: str | None) -> Kudos:
        row = KudosRow(**self.keys(), **_columns(kudos), view_id=view_id)
        try:
            with self.session.begin_nested():  # the view id's unique key refuses a second submission
                self.session.add(row)
                self.session.flush()
        except IntegrityError:
            raise AlreadyDone() from None
        recipients = [RecipientRow(**self.keys(), kudos_id=row.id, user_id=user) for user in kudos.recipients]
        self.session.add_all(recipients)
        self.session.flush()
        return _kudos(row, recipients)

    def _lock(self, kudos_id: int) -> bool:
        """Hold the kudos row until commit, so that recording where its messages went and taking it back happen
        one after the other: an undo never misses a DM or a post recorded at the same moment. False if it's gone."""
        mine = select(KudosRow.id).where(self.mine(KudosRow), KudosRow.id == kudos_id).with_for_update()
        return self.session.scalar(mine) is not None

    def record_post(self, kudos_id: int, post: Post) -> bool:
        if not self._lock(kudos_id):
            return False
        mine = update(KudosRow).where(self.mine(KudosRow), KudosRow.id == kudos_id)
        self.session.execute(mine.values(post_ts=post.ts))  # posted in the kudos's own channel
        return True

    def record_dms(self, kudos_id: int, dms: dict[str, Post]) -> bool:
        if not self._lock(kudos_id):
            return False
        of_kudos = self.mine(RecipientRow) & (RecipientRow.kudos_id == kudos_id)
        for user_id, dm in dms.items():
            recipient = of_kudos & (RecipientRow.user_id == user_id)
            self.session.execute(update(RecipientRow).where(recipient).values(dm_channel=dm.channel, dm_ts=dm.ts))
        return True

    def _listed(self, *where) -> list[Kudos]:
        """The kudos found, newest first, with their recipients read in one query."""
        newest = (KudosRow.given_at.desc(), KudosRow.id.desc())
        rows = list(self.session.scalars(select(KudosRow).where(self.mine(KudosRow), *where).order_by(*newest)))
        recipients = defaultdict(list)
        named = RecipientRow.kudos_id.in_([row.id for row in rows])
        for recipient in self.session.scalars(
            select(RecipientRow).where(self.mine(RecipientRow), named).order_by(RecipientRow.id)
        ):
            recipients[recipient.kudos_id].append(recipient)
        return [_kudos(row, recipients[row.id]) for row in rows]

    def get(self, kudos_id: int) -> Kudos | None:
        return next(iter(self._listed(KudosRow.id == kudos_id)), None)

    def remove(self, kudos_id: int, giver_id: str, given_since: datetime) -> Kudos | None:
        """Read it, then delete it only if it is still there: of two racing removes, one deletes the row and
        the other's DELETE, waiting on its lock, then finds nothing. Its recipients go with the cascade."""
        kudos = self.get(kudos_id) if self._lock(kudos_id) else None
        mine = (self.mine(KudosRow), KudosRow.id == kudos_id, KudosRow.giver_id == giver_id)
        statement = delete(KudosRow).where(*mine, KudosRow.given_at >= given_since).returning(KudosRow.id)
        if kudos is None or self.session.scalar(statement) is None:
            return None
        return kudos

    def received(self, user_id: str, since: datetime) -> list[Kudos]:
        theirs = select(RecipientRow.kudos_id).where(self.mine(RecipientRow), RecipientRow.user_id == user_id)
        return self._listed(KudosRow.id.in_(theirs), KudosRow.given_at >= since)

    def received_counts(self, user_ids: list[str], since: datetime) -> dict[str, int]:
        rows = self.session.execute(
            select(RecipientRow.user_id, func.count(RecipientRow.id))
            .join(KudosRow, KudosRow.id == RecipientRow.kudos_id)
            .where(self.mine(RecipientRow), self.mine(KudosRow), RecipientRow.user_id.in_(user_ids))
            .where(KudosRow.given_at >= since)
            .group_by(RecipientRow.user_id)
        )
        return {**dict.fromkeys(user_ids, 0), **{user_id: count for user_id, count in rows}}

    def given(self, giver_id: str, since: datetime) -> list[Kudos]:
        return self._listed(KudosRow.giver_id == giver_id, KudosRow.given_at >= since)


def _columns(kudos: NewKudos) -> dict:
    value, celebrates = kudos.value, kudos.celebrates
    return {
        "giver_id": kudos.giver_id,
        "reason": kudos.reason,
        "value_name": value and value.name,
        "value_emoji": (value and value.emoji) or None,
        "channel_id": kudos.channel,
        "link": kudos.link,
        "goal_owner_id": celebrates and celebrates.owner_id,
        "goal_number": celebrates and celebrates.goal_number,
        "goal_title": celebrates and celebrates.title,
        "milestone": celebrates and celebrates.milestone,
        "week": kudos.week,
        "given_at": kudos.given_at,
    }


def _post(channel: str | None, ts: str | None) -> Post | None:
    return Post(channel, ts) if channel and ts else None


def _kudos(row: KudosRow, recipients: list[RecipientRow]) -> Kudos:
    value = Value(row.value_name, row.value_emoji or "") if row.value_name is not None else None
    celebrates = None
    if row.goal_owner_id is not None:
        celebrates = Celebrated(row.goal_owner_id, row.goal_number, row.goal_title, row.milestone)
    return Kudos(
        giver_id=row.giver_id,
        recipients=tuple(r.user_id for r in recipients),
        reason=row.reason,
        value=value,
        channel=row.channel_id,
        link=row.link,
        celebrates=celebrates,
        week=row.week,
        given_at=row.given_at,
        id=row.id,
        post=_post(row.channel_id, row.post_ts),
        dms={r.user_id: dm for r in recipients if (dm := _post(r.dm_channel, r.dm_ts))},
    )
