"""Shared fixtures: real databases (SQLite file, PostgreSQL), real Redis, a loopback fake Slack, the app over HTTP.

PostgreSQL comes from TEST_DATABASE_URL and Redis from TEST_REDIS_URL. Locally a missing one is skipped;
in CI (CI=true) it fails the run.
"""

import os
import threading
import uuid
from datetime import UTC, datetime

import pytest
import redis
from sqlalchemy import create_engine, make_url, text

from domain.shared.clock import FixedClock
from persistence.database import make_engine, normalise_url, session_factory, upgrade
from persistence.uow import unit_of_work_factory
from slackapp.bootstrap import bootstrap, build_app
from slackapp.config import Settings
from slackapp.web import make_threaded_server, wsgi_app
from tests.fakes.slack_api import FakeSlack
from tests.slack_driver import SIGNING_SECRET, SlackDriver

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)


def unavailable(reason: str):
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: a missing service is a failure, not a skip)")
    pytest.skip(reason)


def postgres_database():
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        unavailable("TEST_DATABASE_URL is not set")
    admin_url = make_url(normalise_url(base))
    name = f"trellis_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        yield admin_url.set(database=name).render_as_string(hide_password=False)
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'trellis.db'}"
    else:
        yield from postgres_database()


@pytest.fixture
def sqlite_url(tmp_path):
    return f"sqlite:///{tmp_path / 'trellis.db'}"


@pytest.fixture
def engine(database_url):
    engine = make_engine(database_url)
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def uow_factory(engine):
    return unit_of_work_factory(session_factory(engine))


@pytest.fixture
def redis_url():
    """The test Redis database, emptied: no queue entries or rate-limit counters left by another test.

    It comes from TEST_REDIS_URL, never from the app's REDIS_URL, so a test never flushes data it did not make."""
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        unavailable("TEST_REDIS_URL is not set")
    redis.Redis.from_url(url).flushdb()
    return url


@pytest.fixture
def clock():
    return FixedClock(NOW)


@pytest.fixture
def fake_slack():
    fake = FakeSlack().start()
    fake.add_user("U1", "Asha", tz="Asia/Kolkata")
    fake.add_user("U2", "Bruno", tz="America/Los_Angeles")
    yield fake
    fake.stop()
    assert not fake.view_errors, f"the app sent views Slack would reject: {fake.view_errors}"


def start_trellis(
    fake: FakeSlack, database_url: str, clock, redis_url: str | None = None, extend=None, **settings
) -> SlackDriver:
    """Trellis served over HTTP; `extend(app)`, when given, registers more listeners first; `settings` override
    the single-workspace install's."""
    settings = Settings(
        **{
            "bot_token": "xoxb-test",
            "signing_secret": SIGNING_SECRET,
            "api_url": fake.api_url,
            "database_url": database_url,
            "redis_url": redis_url,
            **settings,
        }
    )
    if not database_url.startswith("sqlite"):
        migrated = make_engine(database_url)  # as an operator would with `trellis migrate`
        upgrade(migrated)
        migrated.dispose()
    services = bootstrap(settings, clock=clock)
    app = build_app(services)
    if extend is not None:
        extend(app)
    server = make_threaded_server(wsgi_app(app, services), "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return SlackDriver(f"http://127.0.0.1:{server.server_address[1]}", fake, services, server)


@pytest.fixture
def trellis(fake_slack, sqlite_url, clock):
    """Trellis on a SQLite file, served over real HTTP, talking to the fake Slack."""
    with start_trellis(fake_slack, sqlite_url, clock) as driver:
        yield driver


@pytest.fixture
def trellis_on(fake_slack, database_url, clock):
    """Trellis over HTTP, once on SQLite and once on PostgreSQL."""
    with start_trellis(fake_slack, database_url, clock) as driver:
        yield driver


@pytest.fixture
def racing_units(postgres_url):
    """`make(part, threads)`: a unit-of-work factory for one capability's part on PostgreSQL, with a connection
    for each of `threads` racing threads."""
    engines = []

    def make(part, threads: int):
        engine = make_engine(postgres_url, pool_size=threads, max_overflow=0)
        engines.append(engine)
        upgrade(engine)
        return unit_of_work_factory(session_factory(engine), part)

    yield make
    for engine in engines:
        engine.dispose()


@pytest.fixture
def postgres_url():
    yield from postgres_database()
