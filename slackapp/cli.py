"""The `trellis` command: run, serve, migrate."""

import argparse
import logging
import signal
import sys
import threading
from dataclasses import replace

from slack_bolt.error import BoltError

from persistence.database import is_sqlite, make_engine, upgrade
from slackapp.bootstrap import SchemaBehind, bootstrap, build_app
from slackapp.config import BadSetting, MissingSetting, Settings
from slackapp.server import run_gunicorn
from slackapp.web import SLACK_PATH, make_threaded_server, wsgi_app
from slackapp.worker import ReminderEngine, make_huey

log = logging.getLogger("trellis")


def run(settings: Settings) -> None:
    """Everything in one process: Socket Mode when SLACK_APP_TOKEN is set, else HTTP on PORT."""
    settings.require_slack()
    services = bootstrap(settings)
    app = build_app(services)
    _start_reminders(services, settings)
    if settings.socket_mode:
        from slack_bolt.adapter.socket_mode import SocketModeHandler

        log.info("Trellis is connecting to Slack in Socket Mode")
        SocketModeHandler(app, settings.app_token).start()
        return
    server = make_threaded_server(wsgi_app(app, services), "0.0.0.0", settings.port)
    log.info("Trellis is listening on http://0.0.0.0:%s%s", settings.port, SLACK_PATH)
    server.serve_forever()


def _start_reminders(services, settings: Settings) -> None:
    """`trellis run` sends reminders itself, in a background thread."""
    engine = ReminderEngine(services, make_huey(settings.redis_url, _queue_file(settings)))
    threading.Thread(target=engine.run, args=(threading.Event(),), daemon=True, name="reminders").start()


def serve(settings: Settings) -> None:
    """HTTP under gunicorn (threaded workers); tune it with WEB_CONCURRENCY or GUNICORN_CMD_ARGS."""
    settings = replace(settings, app_token=None)
    settings.require_slack()
    bootstrap(settings).engine.dispose()  # fail fast, before forking, on a schema that is behind

    def load():
        services = bootstrap(settings)
        return wsgi_app(build_app(services), services)

    run_gunicorn(load, settings.port)


def worker(settings: Settings) -> None:
    """The reminder worker: as many as load needs, beside any number of `serve` replicas."""
    if not settings.bot_token:
        raise MissingSetting("SLACK_BOT_TOKEN")
    services = bootstrap(settings)
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    engine = ReminderEngine(services, make_huey(settings.redis_url, _queue_file(settings)))
    log.info("Trellis's reminder worker is running")
    engine.run(stop)


def _queue_file(settings: Settings) -> str:
    """SqliteHuey's file: beside a SQLite database, else in the working folder."""
    if is_sqlite(settings.database_url) and settings.database_url.startswith("sqlite:///"):
        return settings.database_url.removeprefix("sqlite:///") + "-queue"
    return "trellis-queue.db"


def migrate(settings: Settings) -> None:
    upgrade(make_engine(settings.database_url))
    log.info("The database schema is up to date.")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="trellis", description="Trellis, a Slack app for professional growth.")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("run", help="the whole app in one process (Socket Mode when SLACK_APP_TOKEN is set)")
    commands.add_parser("serve", help="HTTP for production, under gunicorn, on PORT (default 3000)")
    commands.add_parser("worker", help="send reminders: the queue's consumers and the sweep that plans them")
    commands.add_parser("migrate", help="upgrade the database schema")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    action = {"run": run, "serve": serve, "worker": worker, "migrate": migrate}[args.command]
    try:
        action(Settings.from_env())
    except (MissingSetting, BadSetting, SchemaBehind) as problem:
        print(f"trellis: {problem}", file=sys.stderr)
        return 2
    except BoltError as problem:
        print(f"trellis: Slack did not accept the credentials: {problem}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
