"""Before the signature is checked nothing is parsed: anything not correctly signed gets 401, cheaply; a signed
body that cannot be parsed gets 400. Neither leaves a traceback in the log."""

import json
import logging

import pytest

from tests.slack_driver import signed_headers

FORM = "application/x-www-form-urlencoded"


UNSIGNED = [
    (b"{not json", {"Content-Type": "application/json"}),
    (b"\xff\xfe\xfa payload", {"Content-Type": FORM}),
    (b"[" * 100_000 + b"]" * 100_000, {"Content-Type": "application/json"}),
    (b"command=/goal", {"Content-Type": FORM, "X-Slack-Request-Timestamp": "soon", "X-Slack-Signature": "v0=0"}),
    (b"command=/goal", {"Content-Type": FORM, "X-Slack-Request-Timestamp": "9" * 40, "X-Slack-Signature": "v0=0"}),
    (b"payload=%7B%22type%22", {"Content-Type": FORM, "X-Slack-Signature": "v0=00"}),
]


@pytest.mark.parametrize(("body", "headers"), UNSIGNED)
def test_anything_not_correctly_signed_gets_401_before_it_is_parsed(trellis, caplog, body, headers):
    with caplog.at_level(logging.DEBUG):
        reply = trellis.post(body, headers)

    assert reply.status == 401 and reply.seconds < 1
    assert not [r for r in caplog.records if r.exc_info]


SIGNED_BUT_BROKEN = [
    (b"{not json", "application/json"),
    (b"\xff\xfe\xfa payload", FORM),
    (b"[" * 5000 + b"]" * 5000, "application/json"),
    (b"payload=" + (b"%5B" * 200) + (b"%5D" * 200), FORM),
    (b"payload=%7Bnot-json", FORM),
    (b"just some words", FORM),
    (b"[1, 2, 3]", "application/json"),  # every Slack payload is an object
    (b"payload=%5B%5D", FORM),
    (b'payload="a string"', FORM),
    (b"command=/goal&user_id=U1%00&team_id=T1", FORM),  # no database stores a NUL, and Slack never sends one
    (b'{"type": "event_callback", "team_id": "T1", "event": {"text": "a\\u0000b"}}', "application/json"),
]


@pytest.mark.parametrize(("body", "content_type"), SIGNED_BUT_BROKEN)
def test_a_signed_body_that_cannot_be_parsed_gets_400(trellis, caplog, body, content_type):
    with caplog.at_level(logging.DEBUG):
        reply = trellis.post(body, signed_headers(body, content_type=content_type))

    assert reply.status == 400 and json.loads(reply.body)["error"]
    assert not [r for r in caplog.records if r.exc_info]
    assert trellis.post(b"", {}).status == 401  # and it still answers


def test_a_signed_command_still_goes_through(trellis):
    body = b"team_id=T1&user_id=U1&command=%2Fgoal&text=help&trigger_id=t"
    reply = trellis.post(body, signed_headers(body))

    assert reply.status == 200 and "/goal help" in reply.body
