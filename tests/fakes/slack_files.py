"""The fake Slack's files: uploads in three steps (files.getUploadURLExternal, a POST of the bytes to the upload URL,
files.completeUploadExternal), and files served at their url_private_download to the bot token only."""

import itertools
import json
import mimetypes
import threading
from email.parser import BytesParser
from email.policy import HTTP
from urllib.parse import quote

FILE_ALT_TEXT_LIMIT = 1000  # files.getUploadURLExternal answers alt_txt_too_large past it


class FakeFiles:
    def __init__(self, base_url: str, token: str):
        self.base_url = base_url  # http://127.0.0.1:port, the fake's own origin
        self.token = token  # the bearer token downloads must carry
        self.uploaded: dict[str, bytes] = {}  # file id → the bytes posted to its upload URL
        self.completed: list[dict] = []  # file objects files.completeUploadExternal answered, in order
        self._started: dict[str, dict] = {}  # file id → files.getUploadURLExternal's arguments
        self._served: dict[str, tuple[bytes, str]] = {}  # download path → (bytes, content type)
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self.processing = False  # True: every uploaded file is still being processed, and can't be shown yet

    # the Web API methods
    def get_upload_url(self, args: dict) -> dict:
        if not args.get("filename") or not str(args.get("length", "")).isdigit() or int(args["length"]) == 0:
            return {"ok": False, "error": "missing_argument"}
        if len(args.get("alt_txt") or "") > FILE_ALT_TEXT_LIMIT:
            return {"ok": False, "error": "alt_txt_too_large"}
        file_id = self._next_id()
        with self._lock:
            self._started[file_id] = args
        return {"ok": True, "upload_url": f"{self.base_url}/upload/{file_id}", "file_id": file_id}

    def complete(self, args: dict) -> dict:
        files = json.loads(args["files"]) if isinstance(args.get("files"), str) else args.get("files") or []
        answered = []
        with self._lock:
            for item in files:
                started, content = self._started.get(item.get("id")), self.uploaded.get(item.get("id"))
                if started is None or content is None:
                    return {"ok": False, "error": "file_not_found" if started is None else "invalid_file"}
                if len(content) != int(started["length"]):
                    return {"ok": False, "error": "invalid_file", "detail": "length differs from the bytes uploaded"}
            for item in files:
                started = self._started[item["id"]]
                name = started["filename"]
                answered.append(self._file(item["id"], name, item.get("title") or name, self.uploaded[item["id"]]))
                if started.get("alt_txt"):
                    answered[-1]["alt_txt"] = started["alt_txt"]
            self.completed.extend(answered)
        return {"ok": True, "files": answered}

    # the upload and download URLs
    def receive(self, file_id: str, body: bytes, content_type: str) -> tuple[int, str]:
        """A POST to an upload URL: raw bytes (as slack_sdk sends them) or a multipart form (as curl -F does)."""
        if content_type.startswith("multipart/form-data"):
            form = BytesParser(policy=HTTP).parsebytes(f"Content-Type: {content_type}\r\n\r\n".encode() + body)
            body = next((p.get_payload(decode=True) for p in form.iter_parts() if p.get_filename()), b"")
        with self._lock:
            if file_id not in self._started:
                return 404, "file not found"
            self.uploaded[file_id] = body
        return 200, f"OK - {len(body)}"

    def serve(self, path: str, authorization: str | None) -> tuple[int, bytes, str]:
        with self._lock:
            found = self._served.get(path)
        if found is None:
            return 404, b"not found", "text/plain"
        if authorization != f"Bearer {self.token}":
            return 401, b"not signed in", "text/plain"
        return 200, *found

    # setup and inspection
    def add_file(self, content: bytes, name: str, content_type: str | None = None) -> dict:
        """A file a person shared, as a file_input's payload carries it; its url_private_download serves `content`."""
        with self._lock:
            return self._file(self._next_id(), name, name, content, content_type)

    def unknown(self, payload) -> str | None:
        """The first `slack_file` in blocks or a view that names no completed upload, as Slack refuses it."""
        if not payload or (isinstance(payload, str) and "slack_file" not in payload):
            return None
        with self._lock:
            known = {f["id"] for f in self.completed} | {f["url_private"] for f in self.completed}
        for reference in _slack_files(json.loads(payload) if isinstance(payload, str) else payload):
            if self.processing:
                return f"invalid slack file {reference}: still being processed"
            if reference.get("id", reference.get("url")) not in known:
                return f"invalid slack file {reference}: no completed upload has it"
        return None

    def _file(self, file_id: str, name: str, title: str, content: bytes, content_type: str | None = None) -> dict:
        """A Slack file object, served for download from now on. Call with the lock held."""
        content_type = content_type or mimetypes.guess_type(name)[0] or "application/octet-stream"
        path = f"/files-pri/{file_id}/download/{quote(name)}"
        self._served[path] = (content, content_type)
        return {
            "id": file_id,
            "name": name,
            "title": title,
            "mimetype": content_type,
            "filetype": name.rsplit(".", 1)[-1].lower() if "." in name else "",
            "size": len(content),
            "url_private": f"{self.base_url}/files-pri/{file_id}/{quote(name)}",
            "url_private_download": self.base_url + path,
        }

    def _next_id(self) -> str:
        return f"F{next(self._ids):010d}"  # Slack's pattern: F and eight or more of A-Z0-9


def _slack_files(payload):
    if isinstance(payload, dict):
        if isinstance(payload.get("slack_file"), dict):
            yield payload["slack_file"]
        for value in payload.values():
            yield from _slack_files(value)
    elif isinstance(payload, list):
        for value in payload:
            yield from _slack_files(value)
