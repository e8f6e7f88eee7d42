"""Only Slack may talk to Trellis, and no one can make it ping a channel."""

import time
from urllib.parse import urlencode

from slackapp.goals.form import new_goal_modal
from tests.examples import GOOD_GOAL as GOOD
from tests.slack_driver import signed_headers, text_of, view_arg

BODY = urlencode({"team_id": "T1", "user_id": "U1", "command": "/goal", "text": "list", "trigger_id": "t"})


def test_a_forged_signature_gets_401(trellis):
    reply = trellis.post(BODY, signed_headers(BODY, secret="not-the-secret"))

    assert reply.status == 401
    assert trellis.fake.calls == [c for c in trellis.fake.calls if c.method == "auth.test"]


def test_a_stale_signature_gets_401(trellis):
    reply = trellis.post(BODY, signed_headers(BODY, timestamp=int(time.time()) - 600))

    assert reply.status == 401


def test_an_unsigned_request_gets_401(trellis):
    assert trellis.post(BODY, {"Content-Type": "application/x-www-form-urlencoded"}).status == 401


def test_a_correct_signature_is_accepted(trellis):
    assert trellis.post(BODY, signed_headers(BODY)).status == 200


INJECTION = "Ship <!channel> <!here> <@U2|boss> <https://evil.example|docs> & more"


def test_mentions_and_broadcasts_in_a_goal_stay_inert_everywhere(trellis):
    saved = trellis.submit_view(new_goal_modal(), {**GOOD, "title": INJECTION, "metric": "<!everyone> NPS"}).json()
    listed = trellis.command("list").json()
    home = view_arg(trellis.fake.wait_for("views.publish")[0])

    for surface in (saved["view"], listed, home):
        text = text_of(surface)
        for control in ("<!channel>", "<!here>", "<@U2", "<https://", "<!everyone>"):
            assert control not in text
        assert "&lt;!channel&gt;" in text
    assert "&lt;!everyone&gt; NPS" in text_of(listed)
    assert "&amp; more" in text_of(home)
