"""slack_sdk's installation, bot and OAuth state tables as the migrations build them (tokens as text, for their
encrypted form; slackapp/installs reads and writes them through slack_sdk's store), and each workspace's install
state."""

from datetime import datetime

from sqlalchemy import Boolean, Column, DateTime, Index, Integer, String, Table, Text, false, func
from sqlalchemy.orm import Mapped, mapped_column

from persistence.base import Base, UTCDateTime

TOKEN_COLUMNS = ("bot_token", "bot_refresh_token", "user_token", "user_refresh_token")


def _bot_columns() -> list[Column]:
    return [
        Column("id", Integer, primary_key=True),
        Column("client_id", String(32), nullable=False),
        Column("app_id", String(32), nullable=False),
        Column("enterprise_id", String(32)),
        Column("enterprise_name", String(200)),
        Column("team_id", String(32)),
        Column("team_name", String(200)),
        Column("bot_token", Text),
        Column("bot_id", String(32)),
        Column("bot_user_id", String(32)),
        Column("bot_scopes", String(1000)),
        Column("bot_refresh_token", Text),
        Column("bot_token_expires_at", DateTime),
        Column("is_enterprise_install", Boolean, nullable=False, server_default=false()),
        Column("installed_at", DateTime, nullable=False, server_default=func.now()),
    ]


SLACK_INSTALLATIONS = Table(
    "slack_installations",
    Base.metadata,
    *_bot_columns(),
    Column("enterprise_url", String(200)),
    Column("user_id", String(32), nullable=False),
    Column("user_token", Text),
    Column("user_scopes", String(1000)),
    Column("user_refresh_token", Text),
    Column("user_token_expires_at", DateTime),
    Column("incoming_webhook_url", String(200)),
    Column("incoming_webhook_channel", String(200)),
    Column("incoming_webhook_channel_id", String(200)),
    Column("incoming_webhook_configuration_url", String(200)),
    Column("token_type", String(32)),
    Index("slack_installations_idx", "client_id", "enterprise_id", "team_id", "user_id", "installed_at"),
)
SLACK_BOTS = Table(
    "slack_bots",
    Base.metadata,
    *_bot_columns(),
    Index("slack_bots_idx", "client_id", "enterprise_id", "team_id", "installed_at"),
)
SLACK_OAUTH_STATES = Table(
    "slack_oauth_states",
    Base.metadata,
    Column("id", Integer, primary_key=True),
    Column("state", String(200), nullable=False),
    Column("expire_at", DateTime, nullable=False),
    Index("slack_oauth_states_state", "state"),
)


class WorkspaceInstallRow(Base):
    """A workspace's install state. An empty team_id stands for every workspace of an org-wide install."""

    __tablename__ = "workspace_installs"

    enterprise_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    installed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    uninstalled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    erase_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # when its data goes, once uninstalled
