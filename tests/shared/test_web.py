"""GET /healthz reports the database's and Redis's state."""

import shutil
import socket
import time

from sqlalchemy.pool import QueuePool

from tests.conftest import start_trellis


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_healthz_with_a_live_database_and_redis(fake_slack, database_url, clock, redis_url):
    with start_trellis(fake_slack, database_url, clock, redis_url=redis_url) as trellis:
        reply = trellis.get("/healthz")

    assert reply.status == 200
    assert reply.json() == {"status": "ok", "database": "ok", "redis": "ok"}


def test_healthz_without_redis_configured(trellis):
    reply = trellis.get("/healthz")

    assert reply.status == 200
    assert reply.json()["redis"] == "not configured"


def test_healthz_says_503_when_redis_is_down(fake_slack, sqlite_url, clock):
    with start_trellis(fake_slack, sqlite_url, clock, redis_url=f"redis://127.0.0.1:{closed_port()}/0") as trellis:
        reply = trellis.get("/healthz")

    assert reply.status == 503
    assert reply.json()["database"] == "ok"
    assert reply.json()["redis"].startswith("unavailable")


def test_healthz_says_503_when_the_database_is_gone(fake_slack, tmp_path, clock):
    folder = tmp_path / "data"
    folder.mkdir()
    with start_trellis(fake_slack, f"sqlite:///{folder / 'trellis.db'}", clock) as trellis:
        trellis.services.engine.dispose()
        shutil.rmtree(folder)
        reply = trellis.get("/healthz")

    assert reply.status == 503
    assert reply.json()["database"].startswith("unavailable")


def test_unknown_paths_are_404(trellis):
    assert trellis.get("/nope").status == 404


def test_a_pool_with_no_free_connection_is_reported_not_crashed(sqlite_url):
    from persistence.database import make_engine
    from persistence.health import database_state

    engine = make_engine(sqlite_url, poolclass=QueuePool, pool_size=1, max_overflow=0, pool_timeout=0.1)
    with engine.connect():  # the only connection, held
        assert database_state(engine) == "unavailable: TimeoutError"
    assert database_state(engine) == "ok"
    engine.dispose()


def test_health_answers_within_its_bound_when_a_dependency_never_does():
    import threading

    from persistence.health import Probe, states

    release = threading.Event()
    hanging = Probe(lambda: "ok" if release.wait(10) else "never")
    started = time.monotonic()

    answers = [states({"database": hanging, "redis": Probe(lambda: "ok")}, seconds=0.3) for _ in range(3)]

    assert time.monotonic() - started < 1.5
    assert answers[-1] == {"database": "unavailable: no answer within 0.3 s", "redis": "ok"}
    release.set()
    time.sleep(0.05)
    assert states({"database": hanging})["database"] == "ok"
