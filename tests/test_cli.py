"""The `trellis` command, run as a person would run it."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

import pytest
from sqlalchemy import inspect

from persistence.database import make_engine
from slackapp.config import SettingProblem, Settings
from tests.slack_driver import SIGNING_SECRET, signed_headers, view_arg

TRELLIS = str(Path(sys.executable).parent / "trellis")
OURS = ("SLACK_", "DATABASE_URL", "REDIS_URL", "PORT", "GUNICORN_CMD_ARGS", "WEB_CONCURRENCY", "TRELLIS_", "REMINDER_")
OURS += ("METRICS_PORT", "LOG_FORMAT", "PROMETHEUS_MULTIPROC_DIR")  # none of the app's settings reach a test's trellis


def environment(**values) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(OURS)}
    return {**env, **values}


def trellis(*args, cwd, timeout=60, **values) -> subprocess.CompletedProcess:
    return subprocess.run(
        [TRELLIS, *args], cwd=cwd, env=environment(**values), capture_output=True, text=True, timeout=timeout
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize("command", ["run", "serve"])
def test_a_missing_bot_token_says_which_variable_and_how_to_create_the_app(command, tmp_path):
    result = trellis(command, cwd=tmp_path, timeout=30)

    assert result.returncode == 2
    assert "SLACK_BOT_TOKEN" in result.stderr
    assert "manifest.yml" in result.stderr and "From an app manifest" in result.stderr


def test_run_with_only_a_bot_token_offers_socket_mode_or_http(tmp_path):
    result = trellis("run", cwd=tmp_path, timeout=30, SLACK_BOT_TOKEN="xoxb-1")

    assert result.returncode == 2
    assert "SLACK_APP_TOKEN for Socket Mode" in result.stderr and "xapp-" in result.stderr
    assert "SLACK_SIGNING_SECRET for HTTP" in result.stderr and "Signing Secret" in result.stderr


def test_serve_needs_the_signing_secret_and_never_the_app_token(tmp_path):
    result = trellis("serve", cwd=tmp_path, timeout=30, SLACK_BOT_TOKEN="xoxb-1", SLACK_APP_TOKEN="xapp-1")

    assert result.returncode == 2
    assert "Trellis needs SLACK_SIGNING_SECRET:" in result.stderr and "SLACK_APP_TOKEN" not in result.stderr


OAUTH = {"client_id": "C1", "client_secret": "s", "state_secret": "t"}


@pytest.mark.parametrize(
    ("settings", "verb", "needs"),
    [
        (OAUTH, "serve", "SLACK_SIGNING_SECRET for installs through OAuth"),  # and no bot token: installs bring theirs
        ({**OAUTH, "app_token": "xapp-1", "signing_secret": "x"}, "run", "does not go with installs through OAuth"),
        ({"client_id": "C1", "client_secret": "s"}, "serve", "SLACK_STATE_SECRET for installs through OAuth"),
        ({}, "worker", "SLACK_BOT_TOKEN"),
    ],
)
def test_what_each_verb_needs(settings, verb, needs):
    with pytest.raises(SettingProblem, match=needs):
        Settings(**settings).require_slack(verb)


@pytest.mark.parametrize(
    ("settings", "verb"),
    [({**OAUTH, "signing_secret": "x"}, "serve"), (OAUTH, "worker"), ({"bot_token": "x", "app_token": "y"}, "run")],
)
def test_what_each_verb_can_do_without(settings, verb):
    Settings(**settings).require_slack(verb)


@pytest.mark.parametrize("verb", ["run", "serve", "worker", "migrate"])
def test_each_verbs_help_lists_its_variables_with_their_defaults(verb, capsys):
    from slackapp.cli import main
    from slackapp.usage import VERBS

    with pytest.raises(SystemExit):
        main([verb, "--help"])

    shown = capsys.readouterr().out
    assert "environment:" in shown and "DATABASE_URL" in shown and "(default: sqlite:///trellis.db)" in shown
    assert all(name in shown for name in VERBS[verb][2])
    assert ("SLACK_APP_TOKEN" in shown) == (verb == "run")


def test_socket_mode_connects_with_the_app_token(tmp_path, fake_slack):
    env = environment(SLACK_BOT_TOKEN="xoxb-1", SLACK_APP_TOKEN="xapp-1", SLACK_API_URL=fake_slack.api_url)
    with running(tmp_path, env, "run"):
        [call] = fake_slack.wait_for("apps.connections.open", timeout=20)[:1]

    assert call.token == "xapp-1"
    assert (tmp_path / "trellis.db").exists()  # the default SQLite file was created and migrated


def test_migrate_builds_the_schema(tmp_path):
    result = trellis("migrate", cwd=tmp_path, DATABASE_URL=f"sqlite:///{tmp_path / 'app.db'}")

    assert result.returncode == 0, result.stderr
    engine = make_engine(f"sqlite:///{tmp_path / 'app.db'}")
    assert {"goals", "members"} <= set(inspect(engine).get_table_names())
    engine.dispose()


@contextmanager
def running(cwd, env: dict[str, str], *args: str):
    process = subprocess.Popen(
        [TRELLIS, *args], cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    try:
        yield process
    finally:
        process.terminate()
        process.wait(timeout=30)


def wait_until_healthy(port: int, process: subprocess.Popen, seconds: float = 30) -> dict:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read()
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                return {"status": response.status, "body": response.read().decode()}
        except OSError:
            time.sleep(0.2)
    raise AssertionError("trellis serve did not come up")


def serve_and_open_goal(tmp_path, fake_slack, database_url: str, redis_url: str | None = None):
    port = free_port()
    env = environment(
        SLACK_BOT_TOKEN="xoxb-1",
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=fake_slack.api_url,
        DATABASE_URL=database_url,
        PORT=str(port),
        WEB_CONCURRENCY="1",
        **({"REDIS_URL": redis_url} if redis_url else {}),
    )
    with running(tmp_path, env, "serve") as process:
        health = wait_until_healthy(port, process)
        body = urlencode(
            {
                "team_id": "T1",
                "user_id": "U1",
                "command": "/goal",
                "text": "",
                "trigger_id": "trig-1",
                "response_url": fake_slack.api_url + "response",
            }
        )
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/slack/events", data=body.encode(), headers=signed_headers(body), method="POST"
        )
        with urllib.request.urlopen(request, timeout=5) as response:
            assert response.status == 200
        [opened] = fake_slack.wait_for("views.open", timeout=10)
    return health, opened


def test_serve_answers_health_and_goal_over_http(tmp_path, fake_slack):
    health, opened = serve_and_open_goal(tmp_path, fake_slack, f"sqlite:///{tmp_path / 'app.db'}")

    assert health["status"] == 200
    assert view_arg(opened)["callback_id"] == "goal_new"


def test_serve_on_postgresql_requires_migrate_first(tmp_path, fake_slack, postgres_url, redis_url):
    refused = trellis(
        "serve",
        cwd=tmp_path,
        SLACK_BOT_TOKEN="xoxb-1",
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=fake_slack.api_url,
        DATABASE_URL=postgres_url,
    )
    assert refused.returncode == 2
    assert "trellis migrate" in refused.stderr

    assert trellis("migrate", cwd=tmp_path, DATABASE_URL=postgres_url).returncode == 0
    health, opened = serve_and_open_goal(tmp_path, fake_slack, postgres_url, redis_url)

    assert '"database": "ok", "redis": "ok"' in health["body"]
    assert opened.args["trigger_id"] == "trig-1"


def test_run_without_an_app_token_serves_http(tmp_path, fake_slack):
    port = free_port()
    env = environment(
        SLACK_BOT_TOKEN="xoxb-1", SLACK_SIGNING_SECRET=SIGNING_SECRET, SLACK_API_URL=fake_slack.api_url, PORT=str(port)
    )
    with running(tmp_path, env, "run") as process:
        health = wait_until_healthy(port, process)
    said = process.stderr.read()

    assert health["status"] == 200
    assert fake_slack.calls_to("auth.test")[0].token == "xoxb-1"
    assert (tmp_path / "trellis.db").exists()
    assert "Trellis stopped." in said  # SIGTERM: a graceful stop
    assert "will be unused" not in said and "WARNING" not in said  # Bolt's start-up warning about the token


def test_a_setting_that_is_not_a_count_is_named_not_a_traceback(monkeypatch, capsys, tmp_path):
    from slackapp.cli import main

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'trellis.db'}")
    for value in ("abc", "0", "-5"):
        monkeypatch.setenv("REMINDER_POSTS_PER_MINUTE", value)

        assert main(["migrate"]) == 2
        assert f"REMINDER_POSTS_PER_MINUTE must be a whole number above 0; it is '{value}'." in capsys.readouterr().err
