"""`trellis worker`'s metrics: reminders planned, queued, sent and deferred, and the backlog, on METRICS_PORT."""

import time
import urllib.error

import pytest

from slackapp.backlog import metrics_port, serve_worker_metrics
from slackapp.config import BadSetting
from slackapp.worker import ReminderEngine, make_huey
from tests.ops.served import scrape, value
from tests.reminders.conftest import add_person, start_worker
from tests.test_cli import environment, free_port


@pytest.fixture
def engine_with_metrics(trellis):
    """The reminder engine, delivering as soon as it queues, with its metrics served on a free port."""
    engine = ReminderEngine(trellis.services, make_huey(None, ":memory:"))
    engine.huey.immediate = True  # a queued delivery runs at once, in this thread
    port = free_port()
    server, thread = serve_worker_metrics(engine, {"METRICS_PORT": str(port)})
    yield engine, f"http://127.0.0.1:{port}/metrics"
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def test_reminders_planned_queued_sent_and_deferred_after_a_throttled_delivery(trellis, engine_with_metrics):
    engine, url = engine_with_metrics
    services = trellis.services
    add_person(services, "U1", tz="Asia/Kolkata")
    add_person(services, "U3", tz="Asia/Kolkata")
    before = scrape(url)

    engine.sweep()  # plans both for Monday 09:00 in Kolkata; nothing is due yet
    planned = scrape(url)
    services.clock.instant = services.clock.instant.replace(day=23, hour=3, minute=30)
    assert value(scrape(url), "trellis_reminders_due") == 2
    trellis.fake.throttle("chat.postMessage", times=1)  # the first DM is answered 429: deferred
    engine.sweep()
    trellis.fake.wait_for("chat.postMessage")
    after = scrape(url)

    def more(outcome: str) -> float:
        return value(after, "trellis_reminders_total", outcome=outcome) - value(
            before, "trellis_reminders_total", outcome=outcome
        )

    assert (
        value(planned, "trellis_reminders_total", outcome="planned")
        - value(before, "trellis_reminders_total", outcome="planned")
        == 2
    )
    assert (more("planned"), more("queued"), more("sent"), more("deferred")) == (2, 2, 1, 1)
    assert more("skipped") == more("unknown") == 0
    assert value(after, "trellis_reminders_due") == 1  # the deferred one, queued again after Retry-After
    assert value(after, "trellis_slack_api_calls_total", method="chat.postMessage", outcome="ratelimited") >= 1


def test_the_worker_process_serves_metrics_on_metrics_port(trellis, tmp_path):
    port = free_port()
    env = environment(
        SLACK_BOT_TOKEN="xoxb-1",
        SLACK_API_URL=trellis.fake.api_url,
        DATABASE_URL=str(trellis.services.engine.url),
        REMINDER_SWEEP_SECONDS="1",
        METRICS_PORT=str(port),
    )
    worker = start_worker(env, tmp_path)
    try:
        page = wait_for_page(f"http://127.0.0.1:{port}/metrics", worker)
    finally:
        worker.terminate()
        worker.wait(timeout=30)

    assert value(page, "trellis_reminders_total", outcome="planned") == 0  # the first sweep ran; no one to remind
    assert value(page, "trellis_reminders_due") == 0
    assert ("trellis_reminder_jobs_pending", ()) in page


def wait_for_page(url: str, process, seconds: float = 30) -> dict:
    """The worker's page once its first sweep has been counted."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, "trellis worker stopped"
        try:
            page = scrape(url)
            if ("trellis_reminders_total", (("outcome", "queued"),)) in page:
                return page
        except (urllib.error.URLError, ConnectionError):
            pass
        time.sleep(0.2)
    raise AssertionError("trellis worker did not serve its metrics")


@pytest.mark.parametrize("raw", ["abc", "0", "70000"])
def test_a_metrics_port_that_is_not_a_port_is_named(raw):
    with pytest.raises(BadSetting, match=f"METRICS_PORT must be a port number from 1 to 65535; it is '{raw}'"):
        metrics_port({"METRICS_PORT": raw})


def test_no_metrics_port_no_server():
    assert metrics_port({}) is None
