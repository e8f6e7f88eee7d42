"""LOG_FORMAT=json: one JSON object a line, from Trellis and from gunicorn alike."""

import json
import logging
import sys

from slackapp.logs import JsonFormatter
from tests.ops.served import post_goal, post_signed, serve_environment
from tests.test_cli import free_port, running, trellis, wait_until_healthy


def record(message: str, *args, exc_info=None) -> logging.LogRecord:
    return logging.LogRecord("trellis.web", logging.WARNING, __file__, 1, message, args, exc_info)


def test_a_traceback_is_a_string_field_of_the_same_line():
    try:
        raise ValueError("bad\nthing")
    except ValueError:
        line = JsonFormatter().format(record("reading %s failed", "a\nrequest", exc_info=sys.exc_info()))

    assert "\n" not in line
    entry = json.loads(line)
    assert entry["level"] == "WARNING" and entry["logger"] == "trellis.web"
    assert entry["message"] == "reading a\nrequest failed"
    assert entry["exc_info"].startswith("Traceback") and "ValueError: bad\nthing" in entry["exc_info"]
    assert entry["time"].endswith("+00:00")


def test_serve_writes_only_json_lines(tmp_path, fake_slack):
    port = free_port()
    env = serve_environment(tmp_path, fake_slack, port, WEB_CONCURRENCY="1", LOG_FORMAT="json")
    with running(tmp_path, env, "serve") as process:
        wait_until_healthy(port, process)
        assert post_goal(port, 1, fake_slack.api_url) == 200
        # signed, but Bolt can't read it: a warning
        assert post_signed(port, 'payload={"type": "block_actions", "actions": []}') == 400
    lines = process.stderr.read().splitlines()

    entries = [json.loads(line) for line in lines]  # every line, or this fails
    assert {"time", "level", "logger", "message"} <= set(entries[0])
    loggers = {entry["logger"] for entry in entries}
    assert "gunicorn.error" in loggers  # gunicorn's own lines too
    assert any(entry["message"].startswith("Bolt could not read a signed request") for entry in entries)


def test_migrate_logs_json_lines(tmp_path):
    result = trellis("migrate", cwd=tmp_path, DATABASE_URL=f"sqlite:///{tmp_path / 'app.db'}", LOG_FORMAT="JSON")

    assert result.returncode == 0, result.stderr
    entries = [json.loads(line) for line in result.stderr.splitlines()]
    assert entries[-1]["message"] == "The database schema is up to date." and entries[-1]["logger"] == "trellis"


def test_an_unknown_log_format_is_named(tmp_path):
    result = trellis("migrate", cwd=tmp_path, DATABASE_URL=f"sqlite:///{tmp_path / 'app.db'}", LOG_FORMAT="xml")

    assert result.returncode == 2
    assert result.stderr.strip() == "trellis: LOG_FORMAT must be text or json; it is 'xml'."
