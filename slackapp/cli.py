"""The `trellis` command: run, serve, migrate."""

import argparse
import logging
import sys
from dataclasses import replace

from slack_bolt.error import BoltError

from persistence.database import make_engine, upgrade
from slackapp.bootstrap import SchemaBehind, bootstrap, build_app
from slackapp.config import MissingSetting, Settings
from slackapp.server import run_gunicorn
from slackapp.web import SLACK_PATH, make_threaded_server, wsgi_app

log = logging.getLogger("trellis")


def run(settings: Settings) -> None:
    """Everything in one process: Socket Mode when SLACK_APP_TOKEN is set, else HTTP on PORT."""
    settings.require_slack()
    services = bootstrap(settings)
    app = build_app(services)
    if settings.socket_mode:
        from slack_bolt.adapter.socket_mode import SocketModeHandler

        log.info("Trellis is connecting to Slack in Socket Mode")
        SocketModeHandler(app, settings.app_token).start()
        return
    server = make_threaded_server(wsgi_app(app, services), "0.0.0.0", settings.port)
    log.info("Trellis is listening on http://0.0.0.0:%s%s", settings.port, SLACK_PATH)
    server.serve_forever()


def serve(settings: Settings) -> None:
    """HTTP under gunicorn (threaded workers); tune it with WEB_CONCURRENCY or GUNICORN_CMD_ARGS."""
    settings = replace(settings, app_token=None)
    settings.require_slack()
    bootstrap(settings).engine.dispose()  # fail fast, before forking, on a schema that is behind

    def load():
        services = bootstrap(settings)
        return wsgi_app(build_app(services), services)

    run_gunicorn(load, settings.port)


def migrate(settings: Settings) -> None:
    upgrade(make_engine(settings.database_url))
    log.info("The database schema is up to date.")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="trellis", description="Trellis, a Slack app for professional growth.")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("run", help="the whole app in one process (Socket Mode when SLACK_APP_TOKEN is set)")
    commands.add_parser("serve", help="HTTP for production, under gunicorn, on PORT (default 3000)")
    commands.add_parser("migrate", help="upgrade the database schema")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    action = {"run": run, "serve": serve, "migrate": migrate}[args.command]
    try:
        action(Settings.from_env())
    except (MissingSetting, SchemaBehind) as problem:
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
