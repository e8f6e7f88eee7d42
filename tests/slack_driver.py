"""Drives Trellis the way Slack does: signed HTTP requests to /slack/events."""

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlencode

from tests.fakes.slack_api import FakeSlack

SIGNING_SECRET = "test-signing-secret"
TEAM = "T1"


def signed_headers(
    body: str | bytes,
    *,
    secret: str = SIGNING_SECRET,
    timestamp: int | None = None,
    content_type: str = "application/x-www-form-urlencoded",
) -> dict[str, str]:
    """Slack's signature headers for `body`, whatever its bytes (slack_sdk's signer takes only UTF-8)."""
    stamp = str(timestamp if timestamp is not None else int(time.time()))
    data = body.encode() if isinstance(body, str) else body
    digest = hmac.new(secret.encode(), b"v0:" + stamp.encode() + b":" + data, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": f"v0={digest}", "Content-Type": content_type}


@dataclass
class Reply:
    status: int
    body: str
    seconds: float

    def json(self) -> dict:
        return json.loads(self.body) if self.body else {}


def form_values(modal: dict, answers: dict[str, str]) -> dict:
    """The `view.state.values` Slack would send for `answers` typed into `modal`."""
    values = {}
    for block in modal["blocks"]:
        if block["type"] != "input":
            continue
        element = block["element"]
        answer = answers.get(block["block_id"])
        kind = element["type"]
        if kind == "datepicker":
            state = {"selected_date": answer}
        elif kind in ("radio_buttons", "static_select", "external_select"):
            state = {"selected_option": {"value": answer} if answer is not None else None}
        elif kind == "timepicker":
            state = {"selected_time": answer}
        elif kind in ("checkboxes", "multi_static_select", "multi_external_select"):
            state = {"selected_options": [{"value": checked} for checked in answer or []]}
        elif kind == "multi_users_select":
            state = {"selected_users": list(answer or [])}
        elif kind == "users_select":
            state = {"selected_user": answer}
        elif kind == "conversations_select":
            state = {"selected_conversation": answer}
        elif kind == "file_input":
            state = {"files": list(answer or [])}
        else:
            state = {"value": answer}
        values[block["block_id"]] = {element["action_id"]: {"type": kind, **state}}
    return values


class SlackDriver:
    def __init__(self, base_url, fake, services, server):
        self.base_url = base_url
        self.fake = fake
        self.services = services
        self.server = server
        self._seq = 0

    def __enter__(self) -> "SlackDriver":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.services.engine.dispose()

    def post(self, body: str | bytes, headers: dict[str, str], path: str = "/slack/events") -> Reply:
        data = body.encode() if isinstance(body, str) else body
        request = urllib.request.Request(self.base_url + path, data=data, headers=headers, method="POST")
        return self._send(request)

    def get(self, path: str) -> Reply:
        return self._send(urllib.request.Request(self.base_url + path))

    @staticmethod
    def _send(request) -> Reply:
        started = time.monotonic()
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return Reply(response.status, response.read().decode(), time.monotonic() - started)
        except urllib.error.HTTPError as error:
            return Reply(error.code, error.read().decode(), time.monotonic() - started)

    def _next(self, prefix: str) -> str:
        self._seq += 1
        return f"{prefix}{self._seq:04d}"

    def command(
        self,
        text: str = "",
        user: str = "U1",
        command: str = "/goal",
        team: str = TEAM,
        channel: str = "C1",
        enterprise: str | None = None,
    ) -> Reply:
        """A slash command; with `enterprise`, from a workspace of that org's org-wide install."""
        org = {"enterprise_id": enterprise, "is_enterprise_install": "true"} if enterprise else {}
        body = urlencode(
            {
                **org,
                "token": "legacy",
                "team_id": team,
                "team_domain": "test",
                "channel_id": channel,
                "channel_name": "general",
                "user_id": user,
                "user_name": user.lower(),
                "command": command,
                "text": text,
                "api_app_id": "A1",
                "response_url": self.fake.api_url + "response",
                "trigger_id": self._next("trigger-"),
            }
        )
        return self.post(body, signed_headers(body))

    def _interaction(self, payload: dict) -> Reply:
        body = urlencode({"payload": json.dumps(payload)})
        return self.post(body, signed_headers(body))

    def submit_view(
        self,
        view: dict,
        answers: dict[str, str],
        user: str = "U1",
        view_id: str | None = None,
        team: str = TEAM,
        enterprise: str | None = None,
    ) -> Reply:
        """A modal submitted; with `enterprise`, in a workspace of that org's org-wide install, where Slack names the
        org as the view's team and no team at the top."""
        org = {"enterprise": {"id": enterprise}, "is_enterprise_install": True} if enterprise else {}
        reply = self._interaction(
            {
                "type": "view_submission",
                "team": None if enterprise else {"id": team, "domain": "test"},
                **org,
                "api_app_id": "A1",
                "user": {"id": user, "team_id": team, "username": user.lower()},
                "trigger_id": self._next("trigger-"),
                "view": {
                    **view,
                    "id": view_id or self._next("V"),
                    "team_id": enterprise or team,
                    **({"app_installed_team_id": enterprise} if enterprise else {}),
                    "app_id": "A1",
                    "state": {"values": form_values(view, answers)},
                },
            }
        )
        answered_view = reply.json().get("view") if reply.body else None
        if answered_view is not None:  # a view sent back in the acknowledgement must be valid too
            assert FakeSlack.check_view(answered_view) is None, FakeSlack.check_view(answered_view)
        return reply

    def click(
        self,
        action_id: str,
        value: str | None = None,
        user: str = "U1",
        team: str = TEAM,
        message: dict | None = None,
        selected: str | None = None,
    ) -> Reply:
        """Press a button (or pick `selected` in an overflow menu) on App Home, or on `message` when given."""
        action = {
            "type": "overflow" if selected else "button",
            "action_id": action_id,
            "block_id": "b",
            "action_ts": "1.0",
        }
        if value is not None:
            action["value"] = value
        if selected is not None:
            action["selected_option"] = {"value": selected}
        payload = {
            "type": "block_actions",
            "team": {"id": team, "domain": "test"},
            "api_app_id": "A1",
            "user": {"id": user, "team_id": team, "username": user.lower()},
            "trigger_id": self._next("trigger-"),
            "container": {"type": "view", "view_id": "VHOME"},
            "actions": [action],
        }
        if message is not None:
            payload |= {
                "container": {"type": "message", "message_ts": "1.1", "channel_id": "D1"},
                "channel": {"id": "D1"},
                "message": message,
                "response_url": self.fake.api_url + "response",
            }
        return self._interaction(payload)

    def message_shortcut(
        self, callback_id: str, message: dict, channel: str = "C1", user: str = "U1", team: str = TEAM
    ) -> Reply:
        """Choose a message shortcut on `message` (which has its author's `user` and its `ts`) in `channel`."""
        return self._interaction(
            {
                "type": "message_action",
                "callback_id": callback_id,
                "team": {"id": team, "domain": "test"},
                "api_app_id": "A1",
                "user": {"id": user, "team_id": team, "name": user.lower()},
                "channel": {"id": channel, "name": "general"},
                "trigger_id": self._next("trigger-"),
                "message_ts": message["ts"],
                "message": {"type": "message", **message},
                "response_url": self.fake.api_url + "response",
            }
        )

    def click_in_modal(self, action_id: str, value: str, view: dict, user: str = "U1", team: str = TEAM) -> Reply:
        """Press a button inside an open modal."""
        return self._interaction(
            {
                "type": "block_actions",
                "team": {"id": team, "domain": "test"},
                "api_app_id": "A1",
                "user": {"id": user, "team_id": team},
                "trigger_id": self._next("trigger-"),
                "container": {"type": "view", "view_id": view["id"]},
                "view": view,
                "actions": [
                    {"type": "button", "action_id": action_id, "block_id": "b", "value": value, "action_ts": "1.0"}
                ],
            }
        )

    def suggest(self, action_id: str, block_id: str, value: str = "", user: str = "U1", team: str = TEAM) -> Reply:
        """Open an external select menu: Slack asks the app for its options."""
        return self._interaction(
            {
                "type": "block_suggestion",
                "team": {"id": team, "domain": "test"},
                "api_app_id": "A1",
                "user": {"id": user, "team_id": team},
                "action_id": action_id,
                "block_id": block_id,
                "value": value,
                "container": {"type": "view", "view_id": "V1"},
                "view": {"id": "V1", "type": "modal"},
            }
        )

    def open_home(self, user: str = "U1", team: str = TEAM, enterprise: str | None = None) -> Reply:
        event = {"type": "app_home_opened", "user": user, "channel": "D1", "tab": "home"}
        return self.event(event, team=team, enterprise=enterprise)

    def event(
        self,
        event: dict,
        team: str | None = TEAM,
        enterprise: str | None = None,
        event_id: str | None = None,
        event_time: float | None = None,
    ) -> Reply:
        """An Events API delivery; with `enterprise`, to an org-wide install, whose authorization names the org
        only (the workspace, if any, is the body's team_id)."""
        body = json.dumps(
            {
                "token": "legacy",
                "team_id": team or enterprise,
                "enterprise_id": enterprise,
                "api_app_id": "A1",
                "type": "event_callback",
                "event_id": event_id or self._next("Ev"),
                "event_time": int(event_time or time.time()),
                "event": {**event, "event_ts": f"{time.time():.6f}"},
                "authorizations": [
                    {
                        "enterprise_id": enterprise,
                        "team_id": None if enterprise else team,
                        "is_enterprise_install": enterprise is not None,
                    }
                ],
            }
        )
        return self.post(body, signed_headers(body, content_type="application/json"))


def text_of(blocks_or_view) -> str:
    """Everything a person could read in a view or message, as one string."""
    return json.dumps(blocks_or_view, ensure_ascii=False)


def view_arg(call) -> dict:
    view = call.args["view"]
    return json.loads(view) if isinstance(view, str) else view
