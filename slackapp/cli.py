"""The `trellis` command: run, serve, worker, migrate.

An expected failure (a setting missing, Slack refusing a token, the database or Redis not answering at start) is
one line on stderr and exit status 2; a running process that loses one warns and tries again later.
"""

import logging
import signal
import sys
import threading
from dataclasses import replace
from urllib.parse import urlsplit

from slack_bolt.error import BoltError
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import ConnectionErrorRetryHandler

from persistence.database import is_sqlite, make_engine, upgrade
from persistence.installs.secrets import BadKey, reencrypt_tokens
from slackapp.backlog import serve_worker_metrics
from slackapp.bootstrap import SchemaBehind, bootstrap, build_app
from slackapp.config import SettingProblem, Settings
from slackapp.installs.store import token_cipher, unusable_key
from slackapp.logs import configure_logging, log_format
from slackapp.server import run_gunicorn
from slackapp.shared.boundary import storage_failed
from slackapp.usage import parser
from slackapp.web import SLACK_PATH, make_threaded_server, wsgi_app
from slackapp.worker import ReminderEngine, make_huey

log = logging.getLogger("trellis")
STOP_SECONDS = 30  # a reminder being sent when asked to stop has this long to finish


class CannotStart(Exception):
    """Slack refused a token, or a port is taken: one line, and exit 2."""


def run(settings: Settings) -> None:
    """Everything in one process: Socket Mode when SLACK_APP_TOKEN is set, else HTTP on PORT; reminders in a
    thread. SIGTERM or SIGINT stops it: the connection or the HTTP server, then the reminders, gracefully."""
    settings.require_slack("run")
    services = bootstrap(settings)
    check_slack(settings)
    app = build_app(services)
    stop = _stop_on_signals()
    if settings.socket_mode:
        from slack_bolt.adapter.socket_mode import SocketModeHandler

        connection = SocketModeHandler(app, settings.app_token)
        connection.connect()
        log.info("Trellis is connected to Slack in Socket Mode")
        stopping = connection.close
    else:
        try:
            server = make_threaded_server(wsgi_app(app, services), "0.0.0.0", settings.port)
        except OSError as error:
            raise CannotStart(f"cannot listen on port {settings.port}: {_reason(error)}") from None
        threading.Thread(target=server.serve_forever, daemon=True, name="http").start()
        log.info("Trellis is listening on http://0.0.0.0:%s%s", settings.port, SLACK_PATH)
        stopping = server.shutdown
    reminders = ReminderEngine(services, make_huey(settings.redis_url, _queue_file(settings)))
    sending = threading.Thread(target=reminders.run, args=(stop,), daemon=True, name="reminders")
    sending.start()
    stop.wait()
    stopping()
    sending.join(STOP_SECONDS)
    log.info("Trellis stopped.")


def _stop_on_signals() -> threading.Event:
    """An event set by SIGTERM or SIGINT, which then stop the process gracefully."""
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    return stop


def check_slack(settings: Settings) -> None:
    """Ask Slack once, before anything starts (and before gunicorn forks), whether it takes our tokens: one clear
    line if not, rather than a traceback from Bolt in every worker. Installs through OAuth bring their own."""
    quiet = logging.getLogger("trellis.slack_api.check")  # no line for each failed attempt: ours says it all
    quiet.setLevel(logging.CRITICAL)
    client = WebClient(
        base_url=settings.api_url, timeout=10, logger=quiet, retry_handlers=[ConnectionErrorRetryHandler()]
    )
    bot_token = settings.bot_token if not settings.oauth else None  # unused with OAuth
    checks = [("SLACK_BOT_TOKEN", lambda: client.auth_test(token=bot_token))] if bot_token else []
    if settings.socket_mode:
        checks.append(("SLACK_APP_TOKEN", lambda: client.apps_connections_open(app_token=settings.app_token)))
    for name, call in checks:
        try:
            call()
        except SlackApiError as error:
            answer = error.response.get("error") or f"HTTP {error.response.status_code}"
            raise CannotStart(f"Slack refused {name}: {answer}") from None
        except OSError as error:  # urllib's URLError, a timeout, a refused connection
            raise CannotStart(f"cannot reach Slack at {settings.api_url}: {_reason(error)}") from None


def serve(settings: Settings) -> None:
    """HTTP under gunicorn (threaded workers); tune it with WEB_CONCURRENCY or GUNICORN_CMD_ARGS."""
    settings = replace(settings, app_token=None)
    settings.require_slack("serve")
    bootstrap(settings).engine.dispose()  # fail fast, before forking, on a schema that is behind
    check_slack(settings)

    def load():
        services = bootstrap(settings)
        return wsgi_app(build_app(services), services)

    run_gunicorn(load, settings.port)


def worker(settings: Settings) -> None:
    """The reminder worker: as many as load needs, beside any number of `serve` replicas."""
    settings.require_slack("worker")
    services = bootstrap(settings)
    stop = _stop_on_signals()
    engine = ReminderEngine(services, make_huey(settings.redis_url, _queue_file(settings)))
    serve_worker_metrics(engine)  # on METRICS_PORT, when set
    log.info("Trellis's reminder worker is running")
    engine.run(stop)
    log.info("Trellis's reminder worker stopped.")


def _queue_file(settings: Settings) -> str:
    """SqliteHuey's file: beside a SQLite database, else in the working folder."""
    if is_sqlite(settings.database_url) and settings.database_url.startswith("sqlite:///"):
        return settings.database_url.removeprefix("sqlite:///") + "-queue"
    return "trellis-queue.db"


def migrate(settings: Settings) -> None:
    """Upgrade the schema; and encrypt again with the first key of TRELLIS_ENCRYPTION_KEY any stored token
    written under another, so the old key can be dropped (README: rotating the encryption key)."""
    engine = make_engine(settings.database_url)
    upgrade(engine)
    log.info("The database schema is up to date.")
    if not settings.encryption_keys:
        return
    try:
        count = reencrypt_tokens(engine, token_cipher(settings, engine))
    except BadKey as problem:  # a token written under a key no longer given
        raise unusable_key(problem) from None
    if count:
        log.info("%d stored tokens are encrypted again with the first key of TRELLIS_ENCRYPTION_KEY.", count)


def cannot_reach(problem: Exception, settings: Settings) -> str:
    """One line for a database or Redis that did not answer: where, and why, with no password."""
    redis = type(problem).__module__.startswith("redis")
    url = (settings.redis_url or "") if redis else settings.database_url
    parts = urlsplit(url)
    where = f"{parts.hostname}:{parts.port or DEFAULT_PORTS.get(parts.scheme, '')}" if parts.hostname else None
    where = where or url.split(":///", 1)[-1]  # a SQLite file
    reason = _reason(getattr(problem, "orig", None) or problem)
    line = f"cannot reach {'Redis' if redis else 'the database'} at {where}: {reason}"
    return line.replace(parts.password, "***") if parts.password else line


DEFAULT_PORTS = {"postgresql": 5432, "postgres": 5432, "postgresql+psycopg": 5432, "redis": 6379, "rediss": 6379}
_COMMON_REASONS = (  # what the drivers say, in a word
    ("refused", "connection refused"),
    ("timed out", "timed out"),
    ("timeout", "timed out"),
    ("name or service not known", "unknown host"),
    ("nodename nor servname", "unknown host"),
    ("could not translate host name", "unknown host"),
)


def _reason(error: BaseException) -> str:
    """Why a connection failed, in a few words: the driver's last words on its first line."""
    error = getattr(error, "reason", None) or error  # urllib's URLError wraps the socket's error
    line = (str(error).strip().splitlines() or [type(error).__name__])[0]
    for clue, reason in _COMMON_REASONS:
        if clue in line.lower():
            return reason
    last = line.split("failed: ")[-1]
    return last.removeprefix("FATAL:").removeprefix("ERROR:").strip()[:200] or type(error).__name__


def _failed(line: str) -> int:
    """The one line an expected failure ends with: plain, or a JSON log entry with LOG_FORMAT=json."""
    if log_format() == "json":
        log.error(line)
    else:
        print(f"trellis: {line}", file=sys.stderr)
    return 2


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    configure_logging()  # LOG_FORMAT: text, or json
    action = {"run": run, "serve": serve, "worker": worker, "migrate": migrate}[args.command]
    try:
        settings = Settings.from_env()
        action(settings)
    except (SettingProblem, SchemaBehind, CannotStart) as problem:
        return _failed(str(problem))
    except BoltError as problem:
        return _failed(f"Slack did not accept the credentials: {problem}")
    except KeyboardInterrupt:
        return 0
    except Exception as problem:
        if not storage_failed(problem):  # a bug: its traceback
            raise
        return _failed(cannot_reach(problem, settings))
    return 0


if __name__ == "__main__":
    sys.exit(main())
