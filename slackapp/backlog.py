"""The reminder backlog as Prometheus gauges, read when scraped; and `trellis worker`'s metrics server.

Apart from slackapp/metrics.py because it reads the reminders' queue, which the Slack clients that metrics.py
counts for must not import.
"""

import logging
import os
from collections.abc import Callable, Mapping

from prometheus_client import start_http_server
from prometheus_client.core import GaugeMetricFamily

from persistence.reminders.queue import SqlReminderQueue
from slackapp.config import BadSetting
from slackapp.metrics import registry

log = logging.getLogger("trellis.metrics")


class ReminderBacklog:
    """`trellis_reminders_due`, from the database; with a Huey queue, `trellis_reminder_jobs_pending` too.
    A gauge whose source does not answer is left out of that scrape, which never fails for it."""

    def __init__(self, queue: SqlReminderQueue, clock, huey=None):
        self.queue, self.clock, self.huey = queue, clock, huey

    def collect(self):
        yield from self._gauge(
            "trellis_reminders_due", "Reminders due and not yet sent", lambda: self.queue.due_count(self.clock.now())
        )
        if self.huey is not None:
            yield from self._gauge(
                "trellis_reminder_jobs_pending", "Deliveries waiting in Huey's queue", self.huey.pending_count
            )

    @staticmethod
    def _gauge(name: str, documentation: str, read: Callable[[], int]):
        try:
            value = read()
        except Exception as error:  # a scrape during an outage: the gauge is missing, not the page
            log.debug("%s unavailable: %s", name, error)
            return
        yield GaugeMetricFamily(name, documentation, value=value)


def metrics_port(env: Mapping[str, str]) -> int | None:
    raw = env.get("METRICS_PORT") or ""
    if not raw:
        return None
    if not (raw.isascii() and raw.isdigit()) or not 0 < int(raw) < 65536:
        raise BadSetting("METRICS_PORT", raw, must="a port number from 1 to 65535")
    return int(raw)


def serve_worker_metrics(engine, env: Mapping[str, str] = os.environ):
    """`trellis worker` has no HTTP server of its own: with METRICS_PORT set, it answers /metrics there."""
    port = metrics_port(env)
    if port is None:
        return None
    backlog = ReminderBacklog(engine.services.reminder_queue, engine.services.clock, engine.huey)
    log.info("Metrics for Prometheus on http://0.0.0.0:%s/metrics", port)
    return start_http_server(port, registry=registry([backlog]))
