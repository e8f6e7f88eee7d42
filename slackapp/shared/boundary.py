"""The boundary every listener shares: what a person is told, and what the log says, when a request can't be
answered as it should. Listeners write none of it: the app's error handler applies it to every request.

- Before the acknowledgement, the answer itself says it: an ephemeral reply to a command, inline errors or a
  notice in a modal, empty options for a menu. After it, the person is told where there is a surface: below the
  message, or in a modal. An event has no surface; the log has it.
- The log gets one line: the request's kind and ids, and what failed where. The traceback of a failure that is
  neither an outage nor an unknown request goes to DEBUG.
"""

import logging
import sqlite3
import threading
import traceback
from collections.abc import Callable

import psycopg
from redis.exceptions import RedisError
from slack_bolt import Ack, BoltContext, BoltRequest, BoltResponse
from slack_bolt.error import BoltUnhandledRequestError
from slack_sdk import WebClient
from slack_sdk.webhook import WebhookClient
from sqlalchemy.exc import DBAPIError, DisconnectionError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from slackapp.shared.replies import notice_modal, say

STORAGE_DOWN = "Trellis can't reach its storage right now. Please try again in a minute."
UNKNOWN_REQUEST = "Trellis doesn't know what to do with that. It may be from an older message: try the command again."
FAILED = "Something went wrong on Trellis's side. Please try again in a moment."
TELL_SECONDS = 2  # telling someone after the fact must not hold a thread for long

log = logging.getLogger("trellis.boundary")


class KeptAck(Ack):
    """An acknowledgement, once given, stays given. (Bolt sets it back to None when a listener raises after
    acknowledging, and then waits out Slack's 3 seconds for one that never comes.)"""

    @property
    def response(self) -> BoltResponse | None:
        return self.__dict__.get("kept")

    @response.setter
    def response(self, value: BoltResponse | None) -> None:
        if value is not None or self.__dict__.get("kept") is None:
            self.__dict__["kept"] = value


def keep_acknowledgements(context: BoltContext) -> None:
    """Before any listener runs: give the request an acknowledgement that stays given."""
    context["ack"] = KeptAck()


def storage_failed(error: BaseException) -> bool:
    """The database or Redis did not answer, refused, or timed out: an outage, not a bug. (SQLAlchemy's
    OperationalError is the database's own "couldn't do it": a lost connection, a timeout, a lock.)"""
    outage = OperationalError | InterfaceError | PoolTimeout | DisconnectionError | RedisError
    if isinstance(error, outage | psycopg.OperationalError | sqlite3.OperationalError):
        return True
    return isinstance(error, DBAPIError) and error.connection_invalidated


def request_kind(body: dict) -> str:
    """ "command", "block_actions", "event_callback/app_home_opened": short and printable, whatever was sent."""
    if "command" in body:
        return "command"
    event = body.get("event")
    kind = f"{body.get('type')}/{event.get('type')}" if isinstance(event, dict) else str(body.get("type"))
    return ascii(kind)[1:-1][:64]


def request_ids(body: dict) -> str:
    """The ids an operator needs to find a request: who, where, and which command, button, modal or event."""
    actions = body.get("actions")
    view = body.get("view")
    candidates = {
        "team": body.get("team_id") or _get(body, "team", "id"),
        "user": body.get("user_id") or _get(body, "user", "id") or _get(body, "event", "user"),
        "command": body.get("command"),
        "action": _get(actions[0], "action_id") if isinstance(actions, list) and actions else body.get("action_id"),
        "callback": _get(view, "callback_id") or body.get("callback_id"),
        "view": _get(view, "id"),
        "event": body.get("event_id"),
    }
    return " ".join(f"{name}={ascii(value)[1:-1][:64]}" for name, value in candidates.items() if value)


def _get(node, *path):
    for key in path:
        node = node.get(key) if isinstance(node, dict) else None
    return node


def _where(error: BaseException) -> str:
    """Where the error was raised: the last line of Trellis's own code it passed through."""
    frames = [f for f in traceback.extract_tb(error.__traceback__) if "/site-packages/" not in f.filename]
    if not frames:
        return ""
    path = frames[-1].filename
    for package in ("/slackapp/", "/persistence/", "/domain/"):
        if package in path:
            path = package[1:] + path.rsplit(package, 1)[1]
    return f" at {path}:{frames[-1].lineno}"


def _line(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    return ascii(lines[0][:160])[1:-1] if lines else ""


def _first_input(view) -> str | None:
    blocks = view.get("blocks") if isinstance(view, dict) else None
    for block in blocks if isinstance(blocks, list) else []:
        if isinstance(block, dict) and block.get("type") == "input" and isinstance(block.get("block_id"), str):
            return block["block_id"]
    return None


def _answer(body: dict, words: str, title: str, keep_form: bool) -> BoltResponse:
    """The acknowledgement that tells the person, for each kind of request."""
    kind = request_kind(body)
    if kind == "command":
        return BoltResponse(status=200, body=say(words))
    if kind == "view_submission":
        field = _first_input(body.get("view")) if keep_form else None
        if field:  # their answers stay in the modal: submitting again is safe (see persistence.uow)
            return BoltResponse(status=200, body={"response_action": "errors", "errors": {field: words}})
        return BoltResponse(status=200, body={"response_action": "update", "view": notice_modal(title, words)})
    if kind == "block_suggestion":
        return BoltResponse(status=200, body={"options": []})
    return BoltResponse(status=200, body="")


def _tell(body: dict, client: WebClient | None, words: str, title: str) -> None:
    """After the acknowledgement: below the message the person acted in, or in a modal."""
    response_url, trigger_id = body.get("response_url"), body.get("trigger_id")
    try:
        if _slack_url(client, response_url):
            WebhookClient(response_url, timeout=TELL_SECONDS).send_dict({"replace_original": False, **say(words)})
        elif isinstance(trigger_id, str) and client is not None and request_kind(body) != "view_submission":
            client.views_open(trigger_id=trigger_id, view=notice_modal(title, words))
    except Exception as error:  # the person could not be told; the log line above says what happened
        log.info("could not tell the person (%s: %s)", type(error).__name__, str(error)[:120])


def _slack_url(client: WebClient | None, url) -> bool:
    """A response_url Trellis may post to: Slack's, or one at SLACK_API_URL (the loopback fake in tests)."""
    if not isinstance(url, str):
        return False
    return url.startswith("https://hooks.slack.com/") or (client is not None and url.startswith(client.base_url))


def handle_failure(
    error: Exception, body: dict, request: BoltRequest, response: BoltResponse | None
) -> BoltResponse | None:
    """Bolt's error handler for the whole app (listeners and middleware alike)."""
    body = body if isinstance(body, dict) else {}
    kind, ids = request_kind(body), request_ids(body)
    if isinstance(error, BoltUnhandledRequestError):
        log.warning("unhandled %s request (%s)", kind, ids)
        words, title, keep_form = UNKNOWN_REQUEST, "Not done", False
    elif storage_failed(error):
        cause = getattr(error, "orig", None) or error
        log.warning("storage unavailable for a %s request (%s): %s: %s", kind, ids, type(cause).__name__, _line(cause))
        words, title, keep_form = STORAGE_DOWN, "Not saved", True
    else:
        log.error("%s request failed (%s): %s: %s%s", kind, ids, type(error).__name__, _line(error), _where(error))
        log.debug("the failure in full", exc_info=error)
        words, title, keep_form = FAILED, "Not done", False
    client = request.context.client if request is not None else None
    if response is None:  # acknowledged already: tell the person where there is a surface
        if not kind.startswith("event_callback") and kind != "view_submission":
            _in_background(lambda: _tell(body, client, words, title))
        return None
    if kind in ("command", "view_submission", "block_suggestion"):
        return _answer(body, words, title, keep_form)
    if not kind.startswith("event_callback"):
        _in_background(lambda: _tell(body, client, words, title))
    return BoltResponse(status=200, body="")


def _in_background(work: Callable[[], None]) -> None:
    threading.Thread(target=work, name="tell", daemon=True).start()
