"""Growth-chat rounds, started once, and their pairs, whose group DM is claimed once and released on failure."""

from datetime import datetime

from sqlalchemy import insert, select, update

from domain.profiles.chats import Pair
from domain.profiles.records import ChatPair
from persistence.base import Scoped
from persistence.profiles.tables import ChatPairRow, ChatRoundRow

MOST_TRIES = 5  # a pair's group DM is given up on after this many refusals


class SqlChatRepository(Scoped):
    def round_started(self, round_key: str) -> bool:
        query = select(ChatRoundRow.id).where(self.mine(ChatRoundRow), ChatRoundRow.round_key == round_key)
        return self.session.scalar(query) is not None

    def claim_round(self, round_key: str, at: datetime) -> bool:
        """INSERT … ON CONFLICT DO NOTHING: no failed insert (and no server error logged) on every worker's pass."""
        row = self.insert_or_ignore(ChatRoundRow, round_key=round_key, left_out=[], created_at=at)
        return self.session.execute(row.returning(ChatRoundRow.id)).first() is not None

    def add_pairs(self, round_key: str, pairs: list[Pair], names: dict[str, str], left_out: list[str], at: datetime):
        rows = [
            {
                **self.keys(),
                "round_key": round_key,
                "first_id": pair.first,
                "second_id": pair.second,
                "common": [names.get(key, key) for key in pair.common],
                "created_at": at,
                "tries": 0,
            }
            for pair in pairs
        ]
        if rows:
            self.session.execute(insert(ChatPairRow), rows)
        statement = update(ChatRoundRow).where(self.mine(ChatRoundRow), ChatRoundRow.round_key == round_key)
        self.session.execute(statement.values(left_out=list(left_out)))

    def recent_pairs(self, since: datetime) -> set[frozenset[str]]:
        query = select(ChatPairRow.first_id, ChatPairRow.second_id).where(
            self.mine(ChatPairRow), ChatPairRow.created_at >= since
        )
        return {frozenset(pair) for pair in self.session.execute(query)}

    def left_out_last(self, before: str) -> set[str]:
        query = select(ChatRoundRow.left_out).where(self.mine(ChatRoundRow), ChatRoundRow.round_key < before)
        latest = self.session.scalar(query.order_by(ChatRoundRow.created_at.desc(), ChatRoundRow.id.desc()).limit(1))
        return set(latest or ())

    def unsent(self) -> list[ChatPair]:
        query = select(*ChatPairRow.__table__.columns).where(
            self.mine(ChatPairRow), ChatPairRow.sent_at.is_(None), ChatPairRow.tries < MOST_TRIES
        )
        rows = self.session.execute(query.order_by(ChatPairRow.created_at, ChatPairRow.id))
        return [
            ChatPair(row.id, row.round_key, row.first_id, row.second_id, tuple(row.common), row.created_at, row.sent_at)
            for row in rows
        ]

    def mark_sent(self, pair_id: int, at: datetime) -> bool:
        statement = update(ChatPairRow).where(
            self.mine(ChatPairRow), ChatPairRow.id == pair_id, ChatPairRow.sent_at.is_(None)
        )
        return self.session.execute(statement.values(sent_at=at)).rowcount == 1

    def release(self, pair_id: int) -> None:
        statement = update(ChatPairRow).where(self.mine(ChatPairRow), ChatPairRow.id == pair_id)
        self.session.execute(statement.values(sent_at=None, tries=ChatPairRow.tries + 1))
