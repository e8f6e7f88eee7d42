"""Files through Slack, against the loopback fake: an uploaded chart shown in an image block, a CSV downloaded with
the bot token, and people found by email."""

import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from slack_sdk.errors import SlackApiError

from slackapp.config import Settings
from slackapp.shared import files
from slackapp.shared.clients import web_client
from slackapp.shared.files import FileTooLarge, FileUnavailable, download, image_block, upload_image

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
CSV = b"email,manager_email\nana@example.com,maria@example.com\n"


@pytest.fixture
def client(fake_slack):
    return web_client(Settings(bot_token="xoxb-test", api_url=fake_slack.api_url), retries=False)


def test_an_uploaded_image_is_held_by_slack_and_shows_in_a_message(fake_slack, client):
    file_id = upload_image(client, PNG, "team.png", "Maria's team", "Ana: 40% done, 55% expected (behind).")

    assert fake_slack.uploaded[file_id] == PNG
    assert [f["id"] for f in fake_slack.completed] == [file_id]
    assert fake_slack.completed[0]["title"] == "Maria's team"
    assert fake_slack.completed[0]["mimetype"] == "image/png"
    (start,) = fake_slack.calls_to("files.getUploadURLExternal")
    assert start.args["filename"] == "team.png" and start.args["length"] == str(len(PNG))
    (done,) = fake_slack.calls_to("files.completeUploadExternal")
    assert "channel_id" not in done.args and "channels" not in done.args  # a private file: shared nowhere

    block = image_block(file_id, "Ana: 40% done, 55% expected (behind).", "Maria's team")
    answer = client.chat_postMessage(channel="U1", text="Your team", blocks=[block])
    assert answer["ok"]
    assert block == {
        "type": "image",
        "slack_file": {"id": file_id},
        "alt_text": "Ana: 40% done, 55% expected (behind).",
        "title": {"type": "plain_text", "text": "Maria's team"},
    }


def test_an_image_slack_never_received_is_refused(fake_slack, client):
    with pytest.raises(SlackApiError) as refused:
        client.chat_postMessage(channel="U1", text="chart", blocks=[image_block("F0123456789", "a chart", "Team")])
    assert refused.value.response["error"] == "invalid_blocks"
    home = {"type": "home", "blocks": [image_block("F0123456789", "a chart", "Team")]}
    with pytest.raises(SlackApiError) as refused:
        client.views_publish(user_id="U1", view=home)
    assert refused.value.response["error"] == "invalid_arguments"
    assert len(fake_slack.view_errors) == 2 and "F0123456789" in fake_slack.view_errors[0]
    fake_slack.view_errors.clear()  # refused on purpose: not the app's mistake


def test_an_upload_is_complete_only_once_its_bytes_arrived(fake_slack, client):
    started = client.files_getUploadURLExternal(filename="team.png", length=len(PNG))
    with pytest.raises(SlackApiError) as refused:
        client.files_completeUploadExternal(files=[{"id": started["file_id"], "title": "t"}])
    assert refused.value.response["error"] == "invalid_file"
    with pytest.raises(SlackApiError) as refused:
        client.files_completeUploadExternal(files=[{"id": "F9999999999", "title": "t"}])
    assert refused.value.response["error"] == "file_not_found"
    assert fake_slack.completed == []


def test_the_upload_url_takes_a_multipart_form_too(fake_slack, client):
    started = client.files_getUploadURLExternal(filename="team.png", length=len(PNG))
    boundary = "b0undary"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="filename"; filename="team.png"\r\n'
            "Content-Type: image/png\r\n\r\n"
        ).encode()
        + PNG
        + f"\r\n--{boundary}--\r\n".encode()
    )
    request = urllib.request.Request(
        started["upload_url"], data=body, headers={"Content-Type": f"multipart/form-data; boundary={boundary}"}
    )
    with urllib.request.urlopen(request, timeout=5) as answer:
        assert answer.status == 200
    assert fake_slack.uploaded[started["file_id"]] == PNG


def test_a_long_text_alternative_is_cut_to_what_each_place_takes(fake_slack, client):
    words = "Someone: 40% done, 55% expected (behind). " * 60  # 2,520 characters
    file_id = upload_image(client, PNG, "team.png", "Team", words)
    assert fake_slack.completed[0]["alt_txt"] == words[:1000]  # files.getUploadURLExternal's limit
    block = image_block(file_id, words, "T" * 2500)
    assert len(block["alt_text"]) == 2000 and len(block["title"]["text"]) == 2000
    assert client.chat_postMessage(channel="U1", text="chart", blocks=[block])["ok"]


def test_a_shared_file_downloads_with_the_bot_token(fake_slack, client):
    shared = fake_slack.add_file(CSV, "team.csv")
    assert shared["filetype"] == "csv" and shared["size"] == len(CSV)

    assert download(client, shared["url_private_download"], limit=len(CSV)) == CSV
    (fetched,) = fake_slack.calls_to("download")
    assert fetched.token == "xoxb-test" and fetched.args["status"] == 200


def test_a_file_past_the_limit_is_refused(fake_slack, client):
    shared = fake_slack.add_file(CSV, "team.csv")
    with pytest.raises(FileTooLarge, match="larger than 10 bytes"):
        download(client, shared["url_private_download"], limit=10)


def test_a_missing_file_or_a_wrong_token_is_unavailable(fake_slack, client):
    shared = fake_slack.add_file(CSV, "team.csv")
    with pytest.raises(FileUnavailable, match="404"):
        download(client, shared["url_private_download"].replace("team.csv", "other.csv"), limit=1000)
    stranger = web_client(Settings(bot_token="xoxb-other", api_url=fake_slack.api_url), retries=False)
    with pytest.raises(FileUnavailable, match="401"):
        download(stranger, shared["url_private_download"], limit=1000)


def test_a_sign_in_page_instead_of_the_file_is_unavailable(fake_slack, client):
    shared = fake_slack.add_file(b"<html>Sign in to Slack</html>", "team.csv", content_type="text/html")
    with pytest.raises(FileUnavailable, match="files:read"):
        download(client, shared["url_private_download"], limit=1000)


def test_the_token_goes_only_to_slack(fake_slack, client):
    for url in ("https://example.com/team.csv", "http://127.0.0.2:1/team.csv", "file:///etc/passwd", "team.csv"):
        with pytest.raises(FileUnavailable, match="not on Slack"):
            download(client, url, limit=1000)
    assert fake_slack.calls_to("download") == []
    assert files._is_slack("https://files.slack.com/files-pri/T1-F1/download/a.csv", "https://slack.com/api/")
    assert not files._is_slack("http://files.slack.com/files-pri/T1-F1/download/a.csv", "https://slack.com/api/")
    assert not files._is_slack("https://slack.com.evil.example/a.csv", "https://slack.com/api/")
    assert not files._is_slack("https://evil.example/a.csv#.slack.com", "https://slack.com/api/")


class Misbehaving(BaseHTTPRequestHandler):
    """/hang never answers in time; /redirect sends the caller on to /elsewhere; /big sends more than it declared."""

    hits: list[tuple[str, str | None]] = []

    def log_message(self, *args):
        pass

    def do_GET(self):
        Misbehaving.hits.append((self.path, self.headers.get("Authorization")))
        if self.path == "/hang":
            time.sleep(3)
        elif self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/elsewhere")
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self.send_response(200)
            self.end_headers()  # no Content-Length: the size shows only while reading
            self.wfile.write(b"x" * 5000)


@pytest.fixture
def misbehaving():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Misbehaving)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    Misbehaving.hits = []
    base = f"http://127.0.0.1:{server.server_address[1]}"
    yield base, web_client(Settings(bot_token="xoxb-test", api_url=base + "/api/"), retries=False)
    server.shutdown()
    server.server_close()


def test_a_slow_download_times_out(misbehaving, monkeypatch):
    base, client = misbehaving
    monkeypatch.setattr(files, "DOWNLOAD_TIMEOUT", 0.3)
    started = time.monotonic()
    with pytest.raises(FileUnavailable, match="could not reach Slack"):
        download(client, base + "/hang", limit=1000)
    assert time.monotonic() - started < 2


def test_a_redirect_is_not_followed_with_the_token(misbehaving):
    base, client = misbehaving
    with pytest.raises(FileUnavailable, match="302"):
        download(client, base + "/redirect", limit=1000)
    assert [path for path, _ in Misbehaving.hits] == ["/redirect"]


def test_the_limit_holds_without_a_declared_length(misbehaving):
    base, client = misbehaving
    with pytest.raises(FileTooLarge):
        download(client, base + "/big", limit=4999)
    assert download(client, base + "/big", limit=5000) == b"x" * 5000


def test_a_person_is_found_by_email(fake_slack, client):
    fake_slack.add_user("U3", "Carmen", email="Carmen.Ruiz@Example.com")
    assert client.users_lookupByEmail(email="carmen.ruiz@example.com")["user"]["id"] == "U3"
    with pytest.raises(SlackApiError) as missing:
        client.users_lookupByEmail(email="nobody@example.com")
    assert missing.value.response["error"] == "users_not_found"
    with pytest.raises(SlackApiError):
        client.users_lookupByEmail(email="")
