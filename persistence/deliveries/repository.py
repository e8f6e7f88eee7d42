"""Once-only deliveries. Slack retries an event it thinks was lost, and a modal can be submitted twice; the first
delivery to claim its key acts, and every other one is told it was done already."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from uuid import uuid4

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from domain.shared.workspace import WorkspaceKey
from persistence.base import Scoped
from persistence.deliveries.tables import DeliveryRow

KEPT_FOR = timedelta(days=1)  # Slack retries within minutes; a modal is submitted once


@dataclass(frozen=True)
class Delivery:
    """One delivery of a request: what identifies the request (`key`), and which delivery this is."""

    key: str
    at: datetime
    token: str = field(default_factory=lambda: uuid4().hex)


class SqlDeliveries(Scoped):
    def claim(self, delivery: Delivery) -> bool:
        """True when this delivery is the first with its key, or the one that claimed it before."""
        insert = self.insert_or_ignore(DeliveryRow, key=delivery.key, delivery=delivery.token, received_at=delivery.at)
        if self.session.execute(insert.returning(DeliveryRow.id)).scalar_one_or_none() is not None:
            return True
        mine = self.mine(DeliveryRow) & (DeliveryRow.key == delivery.key)
        return self.session.scalar(select(DeliveryRow.delivery).where(mine)) == delivery.token

    def seen(self, key: str) -> bool:
        mine = self.mine(DeliveryRow) & (DeliveryRow.key == key)
        return self.session.scalar(select(DeliveryRow.id).where(mine)) is not None

    def forget_before(self, moment: datetime) -> None:
        self.session.execute(delete(DeliveryRow).where(self.mine(DeliveryRow) & (DeliveryRow.received_at < moment)))


class Deliveries:
    """First deliveries of events, each decided in a transaction of its own."""

    def __init__(self, sessions: sessionmaker[Session]):
        self.sessions = sessions
        self.pruned: dict[WorkspaceKey, datetime] = {}

    def first(self, workspace: WorkspaceKey, delivery: Delivery) -> bool:
        with self.sessions() as session:
            deliveries = SqlDeliveries(session, workspace)
            first = deliveries.claim(delivery)
            last = self.pruned.get(workspace)
            if last is None or delivery.at - last > KEPT_FOR:  # at most once a day a workspace
                deliveries.forget_before(delivery.at - KEPT_FOR)
                self.pruned[workspace] = delivery.at
            session.commit()
            return first

    def seen(self, workspace: WorkspaceKey, key: str) -> bool:
        """Did a delivery with this key act already?"""
        with self.sessions() as session:
            return SqlDeliveries(session, workspace).seen(key)
