"""The composition root: the one place where the engine, Redis, the clock and the Bolt app are wired."""

import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from redis import Redis
from slack_bolt import App, BoltContext, BoltResponse
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import ConnectionErrorRetryHandler, RateLimitErrorRetryHandler
from sqlalchemy import Engine

from domain.shared.clock import Clock, SystemClock
from domain.goals.ports import UnitOfWorkFactory
from persistence.database import is_sqlite, make_engine, pending_revision, session_factory, upgrade
from persistence.health import connect_redis
from persistence.rate_limits import CommandLimit, limits_storage
from persistence.reminder_queue import SqlReminderQueue
from persistence.uow import unit_of_work_factory
from slackapp.config import Settings
from slackapp.listeners import register_listeners
from slackapp.listeners.context import SERVICES

log = logging.getLogger("trellis")

TOO_MANY = "That is a lot of commands in a minute. Take a breath, then try again."
LISTENER_THREADS = 32  # work after ack (views.open, views.publish) runs here


class SchemaBehind(Exception):
    pass


@dataclass
class Services:
    settings: Settings
    engine: Engine
    uow: UnitOfWorkFactory
    clock: Clock
    redis: Redis | None
    reminder_queue: SqlReminderQueue
    limits_storage: object  # where rate limits count: Redis, or memory


def bootstrap(settings: Settings, *, clock: Clock | None = None) -> Services:
    engine = make_engine(settings.database_url)
    prepare_schema(engine, settings.database_url)
    sessions = session_factory(engine)
    return Services(
        settings,
        engine,
        unit_of_work_factory(sessions),
        clock or SystemClock(),
        connect_redis(settings.redis_url),
        SqlReminderQueue(sessions),
        limits_storage(settings.redis_url),
    )


def prepare_schema(engine: Engine, url: str) -> None:
    """SQLite (a laptop) is migrated on start; any other database must be migrated on purpose."""
    if is_sqlite(url):
        upgrade(engine)
    elif head := pending_revision(engine):
        raise SchemaBehind(f"The database schema is behind revision {head}. Run `trellis migrate` first.")


def web_client(settings: Settings) -> WebClient:
    """Slack's Web API at SLACK_API_URL, retrying connection errors and honouring 429 Retry-After."""
    api_log = logging.getLogger("trellis.slack_api")
    if api_log.level == logging.NOTSET:  # slack_sdk formats every request body for debug unless a level is set
        api_log.setLevel(logging.INFO)
    return WebClient(
        logger=api_log,
        token=settings.bot_token,
        base_url=settings.api_url,
        timeout=10,
        retry_handlers=[ConnectionErrorRetryHandler(max_retry_count=2), RateLimitErrorRetryHandler(max_retry_count=2)],
    )


def build_app(services: Services) -> App:
    settings = services.settings
    app = App(
        client=web_client(settings),
        signing_secret=settings.signing_secret or "",
        process_before_response=False,
        listener_executor=ThreadPoolExecutor(max_workers=LISTENER_THREADS, thread_name_prefix="listener"),
    )

    command_limit = CommandLimit(services.limits_storage)

    @app.middleware
    def prepare(body: dict, context: BoltContext, next):
        """Hand listeners the services; allow a person about 30 commands a minute, then answer briefly."""
        context[SERVICES] = services
        if "command" in body and not command_limit.allow(context.team_id or "", context.user_id or ""):
            return BoltResponse(status=200, body={"response_type": "ephemeral", "text": TOO_MANY})
        return next()

    @app.error
    def unexpected(error: Exception, body: dict) -> None:
        log.error(
            "unhandled %s while handling a %s request",
            type(error).__name__,
            body.get("type") or "command",
            exc_info=error,
        )

    register_listeners(app)
    return app
