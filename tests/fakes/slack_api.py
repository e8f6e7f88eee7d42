"""A loopback fake of Slack's Web API. The app reaches it through SLACK_API_URL.

It records every call, checks every view against slack_sdk's models, and can answer 429s. Its files (uploads,
downloads, image blocks that show them) live in tests/fakes/slack_files.py.
"""

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl

from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

from tests.fakes.slack_files import FakeFiles
from tests.fakes.slack_oauth import FakeOAuth


@dataclass
class Call:
    method: str
    args: dict
    token: str | None
    at: float = field(default_factory=time.monotonic)


class FakeSlack:
    def __init__(self, team_id: str = "T1", bot_token: str = "xoxb-test"):
        self.team_id = team_id
        self.users: dict[str, dict] = {}
        self.calls: list[Call] = []
        self.view_errors: list[str] = []
        self._throttle: dict[str, list[int]] = {}
        self._delay: dict[str, float] = {}
        self.refused_channels: dict[str, str] = {}  # channel → the error chat.postMessage answers there
        self.deleted: list[tuple[str, str]] = []  # (channel, ts) of each message chat.delete took back
        self.refused_tokens: dict[str, str] = {}  # token → the error every call with it is answered
        self._changed = threading.Condition()
        self._view_seq = 0
        self._ts_seq = 0
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self._thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.oauth = FakeOAuth("C-client", "client-secret")  # the Slack app's OAuth credentials
        self.files = FakeFiles(f"http://127.0.0.1:{self.server.server_address[1]}", bot_token)

    # lifecycle
    def start(self) -> "FakeSlack":
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/api/"

    # setup
    def add_user(
        self,
        user_id: str,
        name: str,
        tz: str = "UTC",
        admin: bool = False,
        bot: bool = False,
        deleted: bool = False,
        email: str | None = None,
    ) -> None:
        self.users[user_id] = {
            "id": user_id,
            "name": name.lower(),
            "real_name": name,
            "tz": tz,
            "is_admin": admin,
            "is_bot": bot,
            "deleted": deleted,
            "profile": {"display_name": name, "real_name": name, **({"email": email} if email else {})},
        }

    def add_file(self, content: bytes, name: str, content_type: str | None = None) -> dict:
        """A file a person shared, as Slack's file object; its url_private_download serves `content` to the bot."""
        return self.files.add_file(content, name, content_type)

    @property
    def uploaded(self) -> dict[str, bytes]:
        """File id → the bytes posted to its upload URL."""
        return self.files.uploaded

    @property
    def completed(self) -> list[dict]:
        """The file objects files.completeUploadExternal answered, in order."""
        return self.files.completed

    def refuse_posts(self, channel: str, error: str = "not_in_channel") -> None:
        """Answer chat.postMessage in `channel` with `error`, as Slack does where the bot isn't a member."""
        self.refused_channels[channel] = error

    def refuse_token(self, token: str, error: str = "invalid_auth") -> None:
        """Answer every call made with `token` with `error`, as Slack does a revoked or mistyped token."""
        self.refused_tokens[token] = error

    def throttle(self, method: str, *, times: int = 1, retry_after: int = 1) -> None:
        """Answer the next `times` calls to `method` with 429 and Retry-After."""
        self._throttle[method] = [times, retry_after]

    def delay(self, method: str, seconds: float) -> None:
        """Record calls to `method` at once, but answer them `seconds` later: a caller can die mid-call."""
        self._delay[method] = seconds

    # inspection
    def calls_to(self, method: str, **args) -> list[Call]:
        """Calls to `method`, optionally only those whose arguments include `args`."""
        return [c for c in self.calls if c.method == method and args.items() <= c.args.items()]

    def wait_for(self, method: str, count: int = 1, timeout: float = 5.0, **args) -> list[Call]:
        deadline = time.monotonic() + timeout
        with self._changed:
            while len(self.calls_to(method, **args)) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"expected {count} call(s) to {method}; got {self.calls_to(method)}")
                self._changed.wait(left)
        return self.calls_to(method, **args)

    # serving
    def _answer(self, method: str, args: dict, token: str | None = None) -> dict:
        if method == "oauth.v2.access":
            return self.oauth.access(args, token)
        if method == "auth.test" and (installed := self.oauth.auth_test(token)):
            return installed
        if method == "auth.test":
            return {"ok": True, "team_id": self.team_id, "user_id": "UBOT", "bot_id": "BBOT", "team": "Test"}
        if method == "users.info":
            user = self.users.get(args.get("user"))
            return {"ok": True, "user": user} if user else {"ok": False, "error": "user_not_found"}
        if method == "users.lookupByEmail":
            email = (args.get("email") or "").lower()
            found = [u for u in self.users.values() if email and (u["profile"].get("email") or "").lower() == email]
            return {"ok": True, "user": found[0]} if found else {"ok": False, "error": "users_not_found"}
        if method == "files.getUploadURLExternal":
            return self.files.get_upload_url(args)
        if method == "files.completeUploadExternal":
            return self.files.complete(args)
        if method in ("views.open", "views.publish", "views.update", "views.push"):
            view = args.get("view")
            view = json.loads(view) if isinstance(view, str) else view
            problem = self.check_view(view) or self.files.unknown(view)
            if problem:
                self.view_errors.append(problem)
                return {"ok": False, "error": "invalid_arguments", "detail": problem}
            self._view_seq += 1
            return {"ok": True, "view": {**view, "id": f"V{self._view_seq:06d}"}}
        if method in ("chat.postMessage", "chat.postEphemeral", "response"):
            problem = self.check_blocks(args.get("blocks")) or self.files.unknown(args.get("blocks"))
            if problem:
                self.view_errors.append(problem)
                return {"ok": False, "error": "invalid_blocks", "detail": problem}
        if method == "response":  # a response_url: Slack answers plain "ok"
            return {"ok": True}
        if method in ("chat.postMessage", "chat.postEphemeral"):
            channel = args.get("channel") or ""
            if channel in self.refused_channels:
                return {"ok": False, "error": self.refused_channels[channel]}
            with self._changed:
                self._ts_seq += 1
                ts = f"{time.time():.0f}.{self._ts_seq:06d}"  # unique, as Slack's are in a channel
            return {"ok": True, "channel": "D" + channel[1:] if channel.startswith("U") else channel, "ts": ts}
        if method == "chat.delete":
            self.deleted.append((args.get("channel"), args.get("ts")))
            return {"ok": True, "channel": args.get("channel"), "ts": args.get("ts")}
        if method == "chat.getPermalink":
            ts = str(args.get("message_ts", "")).replace(".", "")
            return {
                "ok": True,
                "channel": args.get("channel"),
                "permalink": f"https://test.slack.com/archives/{args.get('channel')}/p{ts}",
            }
        if method == "conversations.open":  # a DM for one user, a group DM (mpim) for several
            users = sorted(u for u in str(args.get("users") or "").split(",") if u)
            if not users or any(u not in self.users for u in users):
                return {"ok": False, "error": "user_not_found"}
            channel = "D" + users[0][1:] if len(users) == 1 else "G" + "".join(u[1:] for u in users)
            return {"ok": True, "channel": {"id": channel}}
        if method == "apps.connections.open":  # Socket Mode: no WebSocket here, so refuse politely
            return {"ok": False, "error": "not_allowed_token_type"}
        return {"ok": False, "error": "unknown_method"}

    @staticmethod
    def check_view(view) -> str | None:
        if not isinstance(view, dict):
            return "view is not an object"
        try:
            if View(**view).to_dict() != view:
                return "view does not round-trip through slack_sdk.models.views.View"
        except Exception as error:  # the models raise assorted validation errors
            return f"view rejected by slack_sdk models: {error}"
        return None

    def retry_after(self, method: str, args: dict) -> int | None:
        """Seconds to answer 429 with, or None to answer the call. By default, what `throttle` asked for."""
        throttled = self._throttle.get(method)
        if throttled and throttled[0] > 0:
            throttled[0] -= 1
            return throttled[1]
        return None

    @staticmethod
    def check_blocks(blocks) -> str | None:
        blocks = json.loads(blocks) if isinstance(blocks, str) else blocks or []
        for block in blocks:
            try:
                if Block.parse(block).to_dict() != block:
                    return f"block does not round-trip through slack_sdk's models: {block}"
            except Exception as error:  # the models raise assorted validation errors
                return f"block rejected by slack_sdk models: {error}"
        return None

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):  # a file's url_private_download
                authorization = self.headers.get("Authorization")
                status, content, content_type = fake.files.serve(self.path, authorization)
                token = (authorization or "").removeprefix("Bearer ") or None
                fake._record(Call("download", {"path": self.path, "status": status}, token))
                self._send_bytes(status, content, content_type)

            def do_POST(self):
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if self.path.startswith("/upload/"):  # an upload URL from files.getUploadURLExternal
                    file_id = self.path.removeprefix("/upload/")
                    status, text = fake.files.receive(file_id, raw, self.headers.get("Content-Type", ""))
                    fake._record(Call("upload", {"file_id": file_id, "length": len(raw)}, None))
                    self._send_bytes(status, text.encode(), "text/plain; charset=utf-8")
                    return
                body = raw.decode()
                if self.headers.get("Content-Type", "").startswith("application/json"):
                    args = json.loads(body or "{}")
                else:
                    args = dict(parse_qsl(body))
                method = self.path.removeprefix("/api/").split("?")[0]
                token = (self.headers.get("Authorization") or "").removeprefix("Bearer ") or args.get("token")
                if token in fake.refused_tokens:
                    fake._record(Call(method, args, token))
                    self._send(200, {"ok": False, "error": fake.refused_tokens[token]})
                    return
                wait = fake.retry_after(method, args)
                if wait is not None:
                    self._send(429, {"ok": False, "error": "ratelimited"}, {"Retry-After": str(wait)})
                    fake._record(Call(method + ":429", args, token))
                    return
                answer = fake._answer(method, args, token)
                fake._record(Call(method, args, token))
                time.sleep(fake._delay.get(method, 0))
                self._send(200, answer)

            def _send(self, status, payload, headers=None):
                self._send_bytes(status, json.dumps(payload).encode(), "application/json; charset=utf-8", headers)

            def _send_bytes(self, status, data, content_type, headers=None):
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(data)

        return Handler

    def _record(self, call: Call) -> None:
        with self._changed:
            self.calls.append(call)
            self._changed.notify_all()
