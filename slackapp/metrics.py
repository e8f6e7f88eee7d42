"""Prometheus metrics: what Slack asked and how fast Trellis answered, its calls to Slack, and its reminders.

Every metric has labels, so none holds a value until first used: `share_between_processes` can then switch
them to prometheus_client's multiprocess files before gunicorn forks its workers.
"""

import json
import os
import time
from collections.abc import Callable, Iterable
from urllib.parse import parse_qs, urlsplit

from prometheus_client import REGISTRY, CollectorRegistry, Counter, Histogram, make_wsgi_app, values
from prometheus_client.multiprocess import MultiProcessCollector
from slack_sdk.http_retry import RetryHandler

METRICS_PATH = "/metrics"

REQUESTS = Counter(
    "trellis_slack_requests", "Requests Slack posted to /slack/events, by kind and HTTP status", ["kind", "outcome"]
)
ACK_SECONDS = Histogram(
    "trellis_slack_ack_seconds",
    "Time to answer Slack's POST to /slack/events, which is the acknowledgement (Slack waits 3 s)",
    ["kind"],
    buckets=(0.05, 0.1, 0.25, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 5.0),
)
SLACK_CALLS = Counter(
    "trellis_slack_api_calls",
    "Requests to Slack's Web API, retries included, by method and outcome (ok, error, ratelimited: a 429, "
    "http_error, unreachable)",
    ["method", "outcome"],
)
REMINDERS = Counter(
    "trellis_reminders",
    "Reminder occurrences planned and queued by the sweep, then sent, deferred, skipped or unknown on delivery",
    ["outcome"],
)
OURS = (REQUESTS, ACK_SECONDS, SLACK_CALLS, REMINDERS)

# A delivery's new state (domain.reminders.model.ReminderState, a StrEnum; not imported, so that the shared
# kernel, which counts Slack calls here, stays clear of the reminders capability) → what is counted
DELIVERED = {"sent": "sent", "skipped": "skipped", "unknown": "unknown", "queued": "deferred", "pending": "deferred"}
PAYLOAD_KINDS = {
    "block_actions": "action",
    "interactive_message": "action",
    "view_submission": "view_submission",
    "view_closed": "view_closed",
    "block_suggestion": "options",
    "shortcut": "shortcut",
    "message_action": "shortcut",
}


def count_reminders(outcome: str, n: int = 1) -> None:
    REMINDERS.labels(outcome).inc(n)  # n may be 0: the series is there from the first sweep


def count_delivery(state: str | None) -> None:
    """One delivery's outcome; None (another worker had it) is no delivery of ours."""
    if state in DELIVERED:
        count_reminders(DELIVERED[state])


def request_kind(body: bytes, content_type: str) -> str:
    """command, action, view_submission, view_closed, options, shortcut, event, or other."""
    try:
        if content_type.startswith("application/json"):
            return "event" if json.loads(body).get("type") == "event_callback" else "other"
        form = parse_qs(body.decode(), max_num_fields=100)
        if "command" in form:
            return "command"
        payload = json.loads(form["payload"][0]) if "payload" in form else {}
        return PAYLOAD_KINDS.get(payload.get("type"), "other")
    except (ValueError, AttributeError, UnicodeDecodeError):
        return "other"


class SlackCallCounter(RetryHandler):
    """Counts every request to Slack's Web API, as the retry handlers see it, and never asks for a retry.

    It is a retry handler, not a WebClient subclass, because Bolt gives each request a plain WebClient of its
    own that copies only the handlers. Put it first: slack_sdk asks the handlers in order, after each answer.
    """

    def can_retry(self, *, state, request, response=None, error=None) -> bool:
        method = urlsplit(request.url).path.rsplit("/", 1)[-1] or "unknown"
        if response is None:
            outcome = "unreachable"
        elif response.status_code == 429:
            outcome = "ratelimited"
        elif response.status_code != 200:
            outcome = "http_error"
        else:
            outcome = "ok" if (response.body or {}).get("ok") else "error"
        SLACK_CALLS.labels(method, outcome).inc()
        return False


def share_between_processes(directory: str) -> None:
    """From now on, count in prometheus_client's files in `directory`, which gunicorn's workers share.

    prometheus_client picks its value class when imported, from PROMETHEUS_MULTIPROC_DIR; Trellis imports it
    before `trellis serve` knows it will fork, so the choice is made again here, and any value counted so far
    (the start-up checks' calls to Slack) is dropped."""
    for metric in OURS:
        metric.clear()
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = directory
    values.ValueClass = values.get_value_class()


def registry(extra: Iterable = ()) -> CollectorRegistry:
    """What a scrape reads: every process's counts when they share files, else this process's; plus `extra`
    collectors, which read their gauges when scraped."""
    everything = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        MultiProcessCollector(everything)
    else:
        everything.register(REGISTRY)
    for collector in extra:
        everything.register(collector)
    return everything


def observed(application: Callable, slack_path: str, extra: Iterable = ()) -> Callable:
    """The WSGI app, answering GET /metrics itself (no Slack signature asked, like /healthz) and counting and
    timing each POST to `slack_path`."""
    page = make_wsgi_app(registry(extra))  # prometheus_client's: the format the scraper asks for, HEAD, gzip

    def wrapped(environ: dict, start_response: Callable) -> Iterable[bytes]:
        path, verb = environ.get("PATH_INFO"), environ.get("REQUEST_METHOD")
        if path == METRICS_PATH and verb in ("GET", "HEAD"):
            return page(environ, start_response)
        if path != slack_path or verb != "POST":
            return application(environ, start_response)
        started, status = time.perf_counter(), ["500"]

        def keep_status(line: str, headers, *exc_info):
            status[0] = line.split(" ", 1)[0]
            return start_response(line, headers, *exc_info)

        try:
            return list(application(environ, keep_status))
        finally:
            kind = _kind_of(environ)
            ACK_SECONDS.labels(kind).observe(time.perf_counter() - started)
            REQUESTS.labels(kind, status[0]).inc()

    return wrapped


def _kind_of(environ: dict) -> str:
    """The gate hands Bolt an admitted body in a BytesIO; a refused request's body was never trusted."""
    body = environ.get("wsgi.input")
    return request_kind(body.getvalue(), environ.get("CONTENT_TYPE", "")) if hasattr(body, "getvalue") else "other"
