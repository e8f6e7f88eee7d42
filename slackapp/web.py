"""The WSGI application: Slack's requests at /slack/events, GET /healthz, and GET /metrics for Prometheus."""

import json
import logging
from collections.abc import Callable, Iterable
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler

from persistence.health import OK, Probe, database_state, redis_state, states
from slackapp.backlog import ReminderBacklog
from slackapp.bootstrap import Services
from slackapp.gate import admit
from slackapp.metrics import observed

SLACK_PATH = "/slack/events"
log = logging.getLogger("trellis.web")


def health(probes: dict[str, Probe]) -> tuple[int, dict[str, str]]:
    """200 when every configured dependency answers, else 503; the body says which is which."""
    state = states(probes)
    healthy = state["database"] == OK and state["redis"] in (OK, "not configured")
    return (200 if healthy else 503), state


def wsgi_app(app: App, services: Services) -> Callable:
    slack = SlackRequestHandler(app, path=SLACK_PATH)
    probes = {
        "database": Probe(lambda: database_state(services.engine)),
        "redis": Probe(lambda: redis_state(services.redis)),
    }

    def application(environ: dict, start_response: Callable) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == "/healthz" and environ.get("REQUEST_METHOD") in ("GET", "HEAD"):
            status, state = health(probes)
            body = json.dumps({"status": "ok" if status == 200 else "degraded", **state}).encode()
            start_response(
                f"{status} {'OK' if status == 200 else 'Service Unavailable'}",
                [("Content-Type", "application/json"), ("Content-Length", str(len(body)))],
            )
            return [body]
        if environ.get("PATH_INFO") == SLACK_PATH and environ.get("REQUEST_METHOD") == "POST":
            refused = admit(environ, services.settings.signing_secret or "")
            if refused is None:
                try:
                    return list(slack(environ, start_response))
                except Exception as error:  # Bolt itself can't read a signed request that parses: `actions: []`
                    log.warning(
                        "Bolt could not read a signed request: %s: %s", type(error).__name__, ascii(str(error))[:160]
                    )
                    refused = "400 Bad Request", json.dumps({"error": "a request Trellis can't read"}).encode()
            status, body = refused
            start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
            return [body]
        return slack(environ, start_response)

    return observed(application, SLACK_PATH, [ReminderBacklog(services.reminder_queue, services.clock)])


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    request_queue_size = 128  # the default 5 makes a burst of connections wait a second for a SYN retry


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args) -> None:
        log.debug("%s " + format, self.address_string(), *args)


def make_threaded_server(application: Callable, host: str, port: int) -> WSGIServer:
    """A small threaded HTTP server for `trellis run` and the tests; `trellis serve` uses gunicorn."""
    return make_server(host, port, application, server_class=_ThreadingWSGIServer, handler_class=_QuietHandler)
