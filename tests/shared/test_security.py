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


def text_objects(node):
    """Every text object and initial value in a view or message, with the kind of text Slack takes it as."""
    if isinstance(node, dict):
        if node.get("type") in ("plain_text", "mrkdwn") and isinstance(node.get("text"), str):
            yield node["type"], node["text"]
        if isinstance(node.get("initial_value"), str):
            yield "plain_text", node["initial_value"]
        for value in node.values():
            yield from text_objects(value)
    elif isinstance(node, list):
        for value in node:
            yield from text_objects(value)


def test_user_text_is_escaped_where_slack_parses_it_and_verbatim_where_it_does_not(trellis):
    """mrkdwn gets `&lt;!channel&gt;`; plain_text (labels, buttons, options, initial values) shows what was typed."""
    title = "Ship <!channel> & <@U2>"
    trellis.submit_view(new_goal_modal(), {**GOOD, "title": title, "measure_kind": "milestones"})
    trellis.command("milestone 1")
    milestone_modal = view_arg(trellis.fake.wait_for("views.open")[-1])
    trellis.submit_view(milestone_modal, {"title": "Demo <!here> & more", "due_on": "2027-01-10"})
    surfaces = [trellis.command("list").json(), milestone_modal]
    for command in ("edit 1", "show 1", "checkin"):  # `checkin` alone opens the goal picker: options
        before = len(trellis.fake.calls_to("views.open"))
        trellis.command(command)
        surfaces.append(view_arg(trellis.fake.wait_for("views.open", count=before + 1)[-1]))
    trellis.open_home()
    surfaces.append(view_arg(trellis.fake.wait_for("views.publish")[-1]))

    seen = {"plain_text": 0, "mrkdwn": 0}
    for surface in surfaces:
        for kind, text in text_objects(surface):
            if "channel" in text or "here" in text:
                seen[kind] += 1
                if kind == "mrkdwn":
                    assert "<!" not in text and "&lt;!" in text, text
                else:
                    assert "&lt;" not in text and "&amp;" not in text, text
    assert seen["plain_text"] >= 3 and seen["mrkdwn"] >= 4, seen  # the edit form, the picker, Home's ✓ button
