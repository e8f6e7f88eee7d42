"""`trellis serve` with several gunicorn workers: /metrics adds up what every worker counted, also after the
workers that counted it are gone."""

import os
import signal
import time
from pathlib import Path

from tests.ops.served import post_goal, scrape, scrape_until, serve_environment, value
from tests.test_cli import free_port, running, wait_until_healthy

COMMANDS = 6


def workers_of(pid: int) -> set[int]:
    return {int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()}


def replace_workers(process, port: int, count: int = 2) -> None:
    """Kill every gunicorn worker; gunicorn starts new ones, which have counted nothing themselves."""
    old = workers_of(process.pid)
    assert len(old) == count
    for pid in old:
        os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 30
    while len(workers_of(process.pid) - old) < count:
        assert time.monotonic() < deadline, "gunicorn did not replace its workers"
        time.sleep(0.1)
    assert not workers_of(process.pid) & old
    wait_until_healthy(port, process)


def test_two_workers_count_into_one_page_that_outlives_them(tmp_path, fake_slack):
    port = free_port()
    (tmp_path / "tmp").mkdir()
    env = serve_environment(
        tmp_path,
        fake_slack,
        port,
        WEB_CONCURRENCY="2",
        TMPDIR=str(tmp_path / "tmp"),  # where serve makes its folder for the workers' counts
    )
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    with running(tmp_path, env, "serve") as process:
        wait_until_healthy(port, process)
        assert [post_goal(port, n, fake_slack.api_url) for n in range(COMMANDS)] == [200] * COMMANDS
        fake_slack.wait_for("views.open", count=COMMANDS, timeout=20)
        url = f"http://127.0.0.1:{port}/metrics"
        scrape_until(url, "trellis_slack_api_calls_total", COMMANDS, method="views.open", outcome="ok")  # answered
        replace_workers(process, port)
        pages = [scrape(url) for _ in range(4)]  # whichever worker answers
        [shared] = (tmp_path / "tmp").glob("trellis-metrics-*")

    for page in pages:
        assert value(page, "trellis_slack_requests_total", kind="command", outcome="200") == COMMANDS
        assert value(page, "trellis_slack_ack_seconds_count", kind="command") == COMMANDS
        assert value(page, "trellis_slack_api_calls_total", method="views.open", outcome="ok") == COMMANDS
    assert not shared.exists()  # removed when serve stopped
