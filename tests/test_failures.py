"""Expected failures of `trellis`, run as a person would run it: one clear line and exit status 2, never a
traceback; a running process warns in a line now and then, and carries on when what it lost is back."""

import signal
import subprocess
import time
from contextlib import contextmanager
from urllib.parse import urlsplit

import pytest

from slackapp.worker import make_huey
from tests.slack_driver import SIGNING_SECRET
from tests.tcp_proxy import TcpProxy
from tests.test_cli import TRELLIS, environment, free_port, trellis, wait_until_healthy

PASSWORD = "s3cret-Pa55"


def one_line(result: subprocess.CompletedProcess, expected: str) -> None:
    """Exit status 2, no traceback, and `expected` on a line of its own, said once."""
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert [line for line in result.stderr.splitlines() if expected in line] == [f"trellis: {expected}"]


@pytest.mark.parametrize("command", ["migrate", "serve"])
def test_an_unreachable_database_is_one_line_with_no_password(command, tmp_path, fake_slack):
    port = free_port()
    result = trellis(
        command,
        cwd=tmp_path,
        DATABASE_URL=f"postgresql://postgres:{PASSWORD}@127.0.0.1:{port}/x",
        SLACK_BOT_TOKEN="xoxb-1",
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=fake_slack.api_url,
    )

    one_line(result, f"cannot reach the database at 127.0.0.1:{port}: connection refused")
    assert PASSWORD not in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_serve_with_a_token_slack_refuses_stops_before_forking(tmp_path, fake_slack):
    fake_slack.refuse_token("xoxb-revoked")

    result = trellis(
        "serve",
        cwd=tmp_path,
        SLACK_BOT_TOKEN="xoxb-revoked",
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=fake_slack.api_url,
        PORT=str(free_port()),
    )

    one_line(result, "Slack refused SLACK_BOT_TOKEN: invalid_auth")
    assert "Booting worker" not in result.stderr  # gunicorn never started
    assert len(fake_slack.calls_to("auth.test")) == 1


def test_run_with_an_app_token_slack_refuses_is_one_line(tmp_path, fake_slack):
    fake_slack.refuse_token("xapp-revoked")

    result = trellis(
        "run", cwd=tmp_path, SLACK_BOT_TOKEN="xoxb-1", SLACK_APP_TOKEN="xapp-revoked", SLACK_API_URL=fake_slack.api_url
    )

    one_line(result, "Slack refused SLACK_APP_TOKEN: invalid_auth")


def test_run_with_slack_unreachable_is_one_line(tmp_path):
    api_url = f"http://127.0.0.1:{free_port()}/api/"

    result = trellis(
        "run", cwd=tmp_path, SLACK_BOT_TOKEN="xoxb-1", SLACK_SIGNING_SECRET=SIGNING_SECRET, SLACK_API_URL=api_url
    )

    one_line(result, f"cannot reach Slack at {api_url}: connection refused")
    assert " ERROR " not in result.stderr  # slack_sdk's line for each attempt is not shown


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_run_stops_gracefully_on_a_signal(signum, tmp_path, fake_slack):
    port = free_port()
    env = environment(
        SLACK_BOT_TOKEN="xoxb-1", SLACK_SIGNING_SECRET=SIGNING_SECRET, SLACK_API_URL=fake_slack.api_url, PORT=str(port)
    )
    with started(tmp_path, env, "run") as (process, stderr):
        wait_until_healthy(port, process)
        process.send_signal(signum)

        assert process.wait(timeout=15) == 0
    log = stderr()
    assert "Traceback" not in log
    assert "All workers have stopped." in log  # the reminders' queue, gracefully
    assert log.rstrip().endswith("Trellis stopped.")


def test_the_worker_with_redis_unreachable_keeps_running_and_logs_a_line_now_and_then(tmp_path, fake_slack):
    env = worker_environment(tmp_path, fake_slack, f"redis://127.0.0.1:{free_port()}/0")
    with started(tmp_path, env, "worker") as (process, stderr):
        wait_for_line(stderr, "reminder queue: storage unavailable")
        time.sleep(3.5)

        assert process.poll() is None
        process.terminate()
        assert process.wait(timeout=15) == 0
    log = stderr()
    assert "Traceback" not in log
    outage = [line for line in log.splitlines() if "reminder queue: storage unavailable" in line]
    assert 2 <= len(outage) <= 4  # at 0 s, 1 s, 3 s, 7 s…: not tens a second
    assert "Connection refused" in outage[0] and outage[0].endswith("trying again in 1 s")
    assert [line for line in log.splitlines() if " WARNING " in line or " ERROR " in line] == outage


def test_the_worker_carries_on_when_redis_is_back(tmp_path, fake_slack, redis_url):
    target = urlsplit(redis_url)
    with TcpProxy(target.hostname, target.port or 6379) as proxy:
        proxy.refuse()
        env = worker_environment(tmp_path, fake_slack, f"redis://127.0.0.1:{proxy.port}{target.path}")
        with started(tmp_path, env, "worker") as (process, stderr):
            wait_for_line(stderr, "reminder queue: storage unavailable")
            proxy.forward()
            wait_for_line(stderr, "reminder queue: storage answers again")

            huey = make_huey(redis_url)
            huey.task(name="trellis.deliver_reminder")(deliver_reminder)(404)  # queued…
            deadline = time.monotonic() + 5
            while huey.pending_count() and time.monotonic() < deadline:
                time.sleep(0.1)
            assert huey.pending_count() == 0  # …and taken by the worker: consuming again

            process.terminate()
            assert process.wait(timeout=15) == 0
    assert "Traceback" not in stderr()


def deliver_reminder(reminder_id: int) -> None:
    """Stands for the worker's task when the test queues one: Huey names a task by its module and name."""


deliver_reminder.__module__ = "slackapp.worker"


def worker_environment(tmp_path, fake_slack, redis_url: str) -> dict[str, str]:
    return environment(
        SLACK_BOT_TOKEN="xoxb-1",
        SLACK_API_URL=fake_slack.api_url,
        DATABASE_URL=f"sqlite:///{tmp_path / 'trellis.db'}",
        REDIS_URL=redis_url,
    )


@contextmanager
def started(cwd, env: dict[str, str], *args: str):
    """`trellis *args` running, its stderr in a file; yields the process and a function that reads that file."""
    path = cwd / "stderr.log"
    with path.open("w") as file:
        process = subprocess.Popen([TRELLIS, *args], cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=file)
    try:
        yield process, path.read_text
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)


def wait_for_line(stderr, text: str, seconds: float = 15) -> None:
    deadline = time.monotonic() + seconds
    while text not in stderr():
        assert time.monotonic() < deadline, f"no {text!r} in:\n{stderr()}"
        time.sleep(0.1)
