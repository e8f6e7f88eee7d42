"""The door to /slack/events: nothing reaches Bolt unless it is signed with the signing secret, recent, and
parses. An unsigned or forged request gets 401 before any parsing; a signed body that cannot be parsed, 400."""

import hashlib
import hmac
import io
import json
import time
from urllib.parse import parse_qs

MAX_BODY = 1 << 20  # Slack's payloads are a few kilobytes; a modal's state at most some hundreds
MAX_DEPTH = 32  # Slack's payloads nest a dozen levels at most
TOLERANCE = 300  # seconds a signature's timestamp may be off, as Slack's own verifier allows

Refusal = tuple[str, bytes]  # an HTTP status line and a body


def _refuse(status: str, reason: str) -> Refusal:
    return status, json.dumps({"error": reason}).encode()


def _readable(document) -> bool:
    """An object whose lists and objects nest at most MAX_DEPTH deep, with no NUL character in any text (no
    database stores one, and Slack never sends one). Walked without recursion."""
    if not isinstance(document, dict):
        return False
    stack = [(document, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            return False
        items = [*node.keys(), *node.values()] if isinstance(node, dict) else node
        for item in items:
            if isinstance(item, dict | list):
                stack.append((item, depth + 1))
            elif isinstance(item, str) and "\x00" in item:
                return False
    return True


def _parses(text: str, content_type: str) -> bool:
    try:
        if content_type.startswith("application/json"):
            documents = [json.loads(text)]
        else:
            form = parse_qs(text, strict_parsing=True, max_num_fields=100) if text else {}
            documents = [{key: values for key, values in form.items() if key != "payload"}]
            documents += [json.loads(value) for value in form.get("payload", [])]
    except (ValueError, RecursionError):
        return False
    return all(_readable(document) for document in documents)


def admit(environ: dict, signing_secret: str, now: float | None = None) -> Refusal | None:
    """None when the request may go on to Bolt (its body is put back for it to read), else the refusal."""
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return _refuse("400 Bad Request", "bad content length")
    if not 0 <= length <= MAX_BODY:
        return _refuse("413 Content Too Large", "body too large")
    body = environ["wsgi.input"].read(length) if length else b""
    stamp = environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP", "")
    signature = environ.get("HTTP_X_SLACK_SIGNATURE", "")
    if not (stamp.isascii() and stamp.isdigit() and len(stamp) < 12):
        return _refuse("401 Unauthorized", "invalid signature")
    if abs((now if now is not None else time.time()) - int(stamp)) > TOLERANCE:
        return _refuse("401 Unauthorized", "invalid signature")
    digest = hmac.new(signing_secret.encode(), b"v0:" + stamp.encode() + b":" + body, hashlib.sha256).hexdigest()
    if not signing_secret or not hmac.compare_digest(f"v0={digest}", signature):
        return _refuse("401 Unauthorized", "invalid signature")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return _refuse("400 Bad Request", "body is not UTF-8")
    if not _parses(text, environ.get("CONTENT_TYPE", "")):
        return _refuse("400 Bad Request", "body is neither a form nor JSON that Trellis reads")
    environ["wsgi.input"], environ["CONTENT_LENGTH"] = io.BytesIO(body), str(len(body))
    return None
