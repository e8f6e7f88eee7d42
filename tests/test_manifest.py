"""manifest.yml is a valid Slack app manifest and declares what Trellis uses."""

import json
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft7Validator

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT.parent / "shared" / "slack" / "manifest.schema.1.0.0.json"
MANIFEST = yaml.safe_load((ROOT / "manifest.yml").read_text())


@pytest.mark.skipif(not SCHEMA.exists(), reason="Slack's manifest schema is not beside the repository")
def test_the_manifest_validates_against_slacks_published_schema():
    errors = [
        f"{list(e.path)}: {e.message}" for e in Draft7Validator(json.loads(SCHEMA.read_text())).iter_errors(MANIFEST)
    ]

    assert errors == []


def test_every_command_is_declared_with_escaping():
    commands = {c["command"]: c for c in MANIFEST["features"]["slash_commands"]}

    assert set(commands) == {"/goal", "/feedback", "/kudos", "/growth"}
    assert all(c["should_escape"] is True for c in commands.values())


def test_home_interactivity_events_and_least_scopes():
    assert MANIFEST["features"]["app_home"]["home_tab_enabled"] is True
    assert MANIFEST["settings"]["interactivity"]["is_enabled"] is True
    assert MANIFEST["settings"]["event_subscriptions"]["bot_events"] == [
        "app_home_opened",
        "app_uninstalled",
        "tokens_revoked",
        "team_access_revoked",
        "team_access_granted",
    ]
    assert MANIFEST["oauth_config"]["redirect_urls"] == ["https://trellis.example.com/slack/oauth_redirect"]
    assert sorted(MANIFEST["oauth_config"]["scopes"]["bot"]) == [
        "chat:write",
        "commands",
        "files:read",
        "files:write",
        "im:write",
        "mpim:write",
        "users:read",
        "users:read.email",
    ]


def test_the_give_kudos_message_shortcut_is_the_one_trellis_answers():
    from slackapp.kudos import ids

    [shortcut] = MANIFEST["features"]["shortcuts"]
    assert (shortcut["type"], shortcut["callback_id"], shortcut["name"]) == ("message", ids.FROM_MESSAGE, "Give kudos")
