"""What `trellis --help` and `trellis <verb> --help` say: each verb, and every environment variable it reads."""

import argparse
import textwrap

from slackapp.config import DEFAULT_API_URL, DEFAULT_DATABASE_URL

# Every variable `trellis` reads, once: name → (default, meaning). Each verb's --help lists those it reads.
VARIABLES = {
    "SLACK_BOT_TOKEN": ("", "the Bot User OAuth Token (xoxb-…) of a single-workspace install"),
    "SLACK_CLIENT_ID": ("", "with SLACK_CLIENT_SECRET and SLACK_STATE_SECRET: installs in many workspaces (OAuth)"),
    "SLACK_CLIENT_SECRET": ("", "see SLACK_CLIENT_ID"),
    "SLACK_STATE_SECRET": ("", "see SLACK_CLIENT_ID"),
    "TRELLIS_ENCRYPTION_KEY": ("", "with OAuth: Fernet keys for tokens at rest, comma-separated; the first encrypts"),
    "SLACK_APP_TOKEN": ("", "an app-level token (xapp-…): connect in Socket Mode instead of serving HTTP"),
    "SLACK_SIGNING_SECRET": ("", "proves that HTTP requests come from Slack (Basic Information → App Credentials)"),
    "SLACK_API_URL": (DEFAULT_API_URL, "Slack's Web API"),
    "DATABASE_URL": (DEFAULT_DATABASE_URL, "SQLite, or PostgreSQL (postgresql://…)"),
    "REDIS_URL": ("", "redis://…, shared by every process; unset, rate limits are in memory and the queue a file"),
    "PORT": ("3000", "the HTTP port"),
    "WEB_CONCURRENCY": ("2", "gunicorn workers, of 8 threads each"),
    "GUNICORN_CMD_ARGS": ("", "any other gunicorn setting, such as --timeout 60"),
    "TRELLIS_ERASE_AFTER_DAYS": ("30", "an uninstalled workspace's data is erased this many days after"),
    "REMINDER_SWEEP_SECONDS": ("15", "how often due reminders are queued"),
    "REMINDER_PLAN_SECONDS": ("300", "how often everyone's next reminders are planned"),
    "REMINDER_POSTS_PER_MINUTE": ("300", "reminder messages a workspace may receive a minute"),
    "METRICS_PORT": ("", "when set, the worker answers GET /metrics on this port"),
    "LOG_FORMAT": ("text", "text, or json: one object a line"),
}
INSTALL = ["SLACK_BOT_TOKEN", "SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET", "TRELLIS_ENCRYPTION_KEY"]
STORES = ["SLACK_API_URL", "DATABASE_URL", "REDIS_URL"]
REMINDERS = ["TRELLIS_ERASE_AFTER_DAYS", "REMINDER_SWEEP_SECONDS", "REMINDER_PLAN_SECONDS", "REMINDER_POSTS_PER_MINUTE"]
VERBS = {  # verb → (a line for `trellis --help`, more for `trellis verb --help`, the variables it reads)
    "run": (
        "the whole app in one process (Socket Mode when SLACK_APP_TOKEN is set)",
        "For a laptop or a small team: Socket Mode when SLACK_APP_TOKEN is set, else HTTP on PORT; it sends "
        "reminders itself. Without REDIS_URL its queue is a file beside the SQLite database (trellis.db-queue), "
        "else trellis-queue.db in the working folder. SIGTERM or Ctrl-C stops it.",
        [*INSTALL, "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET", *STORES, "PORT", *REMINDERS, "LOG_FORMAT"],
    ),
    "serve": (
        "HTTP for production, under gunicorn, on PORT (default 3000)",
        "Slack posts to /slack/events; GET /healthz answers the database's and Redis's state. Run as many as load "
        "needs, beside `trellis worker`, on a database `trellis migrate` has upgraded.",
        [*INSTALL, "SLACK_SIGNING_SECRET", *STORES, "PORT", "WEB_CONCURRENCY", "GUNICORN_CMD_ARGS", "LOG_FORMAT"],
    ),
    "worker": (
        "send reminders: the queue's consumers and the sweep that plans them",
        "Run as many as load needs, beside any number of `trellis serve`; with REDIS_URL they share one queue. "
        "While the database or Redis is down it logs a line now and then, and carries on when they are back.",
        [*INSTALL, *STORES, *REMINDERS, "METRICS_PORT", "LOG_FORMAT"],
    ),
    "migrate": (
        "upgrade the database schema",
        "Run it before starting a new version. With TRELLIS_ENCRYPTION_KEY, it also encrypts every stored token "
        "again with the first key, so an old key can then be dropped.",
        ["DATABASE_URL", "TRELLIS_ENCRYPTION_KEY", "LOG_FORMAT"],
    ),
}


def _environment(names: list[str]) -> str:
    width = max(map(len, names)) + 2
    default = {name: f" (default: {VARIABLES[name][0]})" if VARIABLES[name][0] else "" for name in names}
    return "environment:\n" + "\n".join(f"  {name:<{width}}{VARIABLES[name][1]}{default[name]}" for name in names)


def parser() -> argparse.ArgumentParser:
    command = argparse.ArgumentParser(prog="trellis", description="Trellis, a Slack app for professional growth.")
    commands = command.add_subparsers(dest="command", required=True)
    for verb, (summary, more, names) in VERBS.items():
        description = textwrap.fill(f"{summary[0].upper()}{summary[1:]}. {more}", 100)
        formatter = argparse.RawDescriptionHelpFormatter
        commands.add_parser(
            verb, help=summary, description=description, epilog=_environment(names), formatter_class=formatter
        )
    return command
