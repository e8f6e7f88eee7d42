"""Files in and out of Slack: an image uploaded for a Block Kit image block, a file sent to a person's DM, and a file
a person gave through a file_input, downloaded with the bot token."""

import http.client
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from slack_sdk import WebClient
from slack_sdk.models.blocks import ImageBlock, PlainTextObject

from slackapp.shared.blocks import escape

ALT_TEXT_LIMIT = 2000  # an image block's alt_text and title
FILE_ALT_TEXT_LIMIT = 1000  # files.getUploadURLExternal's alt_txt: more answers alt_txt_too_large
DOWNLOAD_TIMEOUT = 5.0  # seconds for the whole download, not only for each read
CHUNK = 64 * 1024


class DownloadError(Exception):
    """A file could not be brought in; the message can be shown to the person who gave it."""


class FileTooLarge(DownloadError):
    def __init__(self, limit: int):
        self.limit = limit
        super().__init__(f"That file is larger than {_size(limit)}, the most Trellis reads.")


class FileUnavailable(DownloadError):
    pass


def upload_image(client: WebClient, png: bytes, filename: str, title: str, alt_text: str) -> str:
    """Upload `png` to no channel: a private file of the bot's, which an image block can show with its id.
    Returns the file id. Raises slack_sdk's SlackClientError (SlackApiError for Slack's answers, SlackRequestError
    for an upload URL that refused the bytes) or OSError (the network): a caller that can do without the image
    catches both."""
    alt_txt = alt_text[:FILE_ALT_TEXT_LIMIT]
    return client.files_upload_v2(content=png, filename=filename, title=title, alt_txt=alt_txt)["file"]["id"]


def send_file(client: WebClient, user_id: str, content: bytes, filename: str, title: str, comment: str) -> str:
    """Upload `content` into the person's DM with the bot (opened with conversations.open), with `comment` as its
    message. Returns the file id; raises as upload_image does."""
    channel = client.conversations_open(users=user_id)["channel"]["id"]
    answer = client.files_upload_v2(
        content=content, filename=filename, title=title, channel=channel, initial_comment=comment
    )
    return answer["file"]["id"]


def image_block(file_id: str, alt_text: str, title: str) -> dict:
    """An image block showing a file uploaded to Slack, within Block Kit's 2000 characters of alt_text and title."""
    block = ImageBlock(
        slack_file={"id": file_id},
        alt_text=alt_text[:ALT_TEXT_LIMIT] or title[:ALT_TEXT_LIMIT] or "image",
        title=PlainTextObject(text=title[:ALT_TEXT_LIMIT]) if title else None,
    )
    return block.to_dict()


def without_images(blocks: list[dict]) -> list[dict]:
    """The blocks with each image in words (its alt text): for when Slack refuses an image it hasn't processed yet
    (`invalid_blocks` straight after an upload)."""
    return [
        {"type": "section", "text": {"type": "mrkdwn", "text": escape(b.get("alt_text", ""))[:3000] or "(image)"}}
        if b.get("type") == "image"
        else b
        for b in blocks
    ]


def download(client: WebClient, url: str, limit: int) -> bytes:
    """The bytes of a Slack file at its `url_private_download`, fetched with the client's bot token.

    The token goes only to Slack: over https to the API's domain or one below it (files.slack.com for slack.com),
    or to the very origin of SLACK_API_URL (a loopback fake in tests). Redirects are refused, so the token never
    follows one. Raises FileTooLarge past `limit` bytes, FileUnavailable for anything else that goes wrong."""
    if not _is_slack(url, client.base_url):
        raise FileUnavailable("That file is not on Slack, so Trellis did not fetch it.")
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {client.token}"})
    deadline = time.monotonic() + DOWNLOAD_TIMEOUT
    try:
        with _OPENER.open(request, timeout=DOWNLOAD_TIMEOUT) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > limit:
                raise FileTooLarge(limit)
            if response.headers.get_content_type() == "text/html":  # Slack's sign-in page: a token without files:read
                raise FileUnavailable("Slack would not hand over that file: the app may lack the files:read scope.")
            return _read(response, limit, deadline)
    except urllib.error.HTTPError as error:
        raise FileUnavailable(f"Slack answered {error.code} for that file; try uploading it again.") from error
    except (OSError, http.client.HTTPException) as error:  # URLError, timeouts, resets, truncated answers
        raise FileUnavailable("Trellis could not reach Slack for that file; try again in a moment.") from error


def _read(response, limit: int, deadline: float) -> bytes:
    """Up to `limit` bytes; one byte more is enough to refuse. read1 waits for one socket read at most, so a slow
    sender is cut off near the deadline."""
    data = bytearray()
    while chunk := response.read1(min(CHUNK, limit + 1 - len(data))):
        data += chunk
        if len(data) > limit:
            raise FileTooLarge(limit)
        if time.monotonic() > deadline:
            raise TimeoutError("the download took too long")
    return bytes(data)


def _is_slack(url: str, api_url: str) -> bool:
    target, api = urlsplit(url), urlsplit(api_url)
    if target.scheme in ("http", "https") and (target.scheme, target.netloc) == (api.scheme, api.netloc):
        return True
    host, api_host = target.hostname or "", api.hostname or ""
    return target.scheme == "https" and bool(api_host) and (host == api_host or host.endswith("." + api_host))


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # urllib then raises HTTPError for the 3xx


_OPENER = urllib.request.build_opener(_NoRedirects)


def _size(limit: int) -> str:
    if limit >= 1024 * 1024:
        return f"{limit / (1024 * 1024):g} MB"
    return f"{limit / 1024:g} KB" if limit >= 1024 else f"{limit} bytes"
