"""A `trellis serve` process as Slack and Prometheus see it: its environment, signed posts, /metrics pages."""

import time
import urllib.error
import urllib.request
from urllib.parse import urlencode

from prometheus_client.parser import text_string_to_metric_families

from tests.slack_driver import SIGNING_SECRET, signed_headers
from tests.test_cli import environment


def samples(page: str) -> dict[tuple, float]:
    """Each sample's value by (name, sorted labels)."""
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(page)
        for sample in family.samples
    }


def value(page: dict[tuple, float], name: str, **labels) -> float:
    """A sample's value; 0 for one never counted (a counter's labels appear on first use)."""
    return page.get((name, tuple(sorted(labels.items()))), 0.0)


def scrape(url: str) -> dict[tuple, float]:
    with urllib.request.urlopen(url, timeout=5) as response:
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("text/plain; version=")
        return samples(response.read().decode())


def scrape_until(url: str, name: str, expected: float, seconds: float = 5, **labels) -> dict[tuple, float]:
    """The page once `name` with `labels` reads `expected`: a call is counted when its answer arrives, a moment
    after the fake Slack has recorded it."""
    deadline = time.monotonic() + seconds
    while (page := scrape(url)) and value(page, name, **labels) != expected and time.monotonic() < deadline:
        time.sleep(0.05)
    return page


def post_signed(port: int, body: str) -> int:
    """POST a signed body to /slack/events; the HTTP status."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/slack/events", data=body.encode(), headers=signed_headers(body), method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def post_goal(port: int, n: int, api_url: str) -> int:
    """`/goal` from U1, as Slack posts it."""
    form = {"team_id": "T1", "user_id": "U1", "command": "/goal", "trigger_id": f"trig-{n}", "response_url": api_url}
    return post_signed(port, urlencode(form))


def serve_environment(tmp_path, fake_slack, port: int, **values) -> dict[str, str]:
    """`trellis serve` on a SQLite file in `tmp_path`, talking to the fake Slack, on `port`."""
    return environment(
        SLACK_BOT_TOKEN="xoxb-1",
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=fake_slack.api_url,
        DATABASE_URL=f"sqlite:///{tmp_path / 'app.db'}",
        PORT=str(port),
        **values,
    )
