"""One row for each request Trellis acted on once: an event's id, or a modal submission's view id."""

from datetime import datetime

from sqlalchemy import Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from persistence.base import Base, UTCDateTime, WorkspaceScoped


class DeliveryRow(WorkspaceScoped, Base):
    __tablename__ = "deliveries"
    __table_args__ = (UniqueConstraint("enterprise_id", "team_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(200))  # "event:Ev0123", "view:V0456"
    delivery: Mapped[str] = mapped_column(String(32))  # the one delivery of it that acted
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
