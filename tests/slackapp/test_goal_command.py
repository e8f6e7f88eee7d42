"""/goal through the real HTTP endpoint, against the loopback fake Slack."""

from slackapp.views.goal_form import new_goal_modal
from tests.slack_driver import text_of, view_arg

GOOD = {
    "title": "Pass the AWS Solutions Architect Associate exam",
    "why": "I lead our cloud migration next year and the team needs a certified architect.",
    "horizon": "short",
    "due_on": "2027-04-30",
    "measure_kind": "metric",
    "metric": "certifications",
    "target": "1",
    "visibility": "private",
}


def test_goal_opens_the_new_goal_modal_within_three_seconds(trellis):
    reply = trellis.command("")

    assert reply.status == 200
    assert reply.seconds < 3
    [call] = trellis.fake.wait_for("views.open")
    view = view_arg(call)
    assert view["callback_id"] == "goal_new"
    assert {b["block_id"] for b in view["blocks"]} >= {
        "title",
        "why",
        "horizon",
        "due_on",
        "measure_kind",
        "visibility",
    }
    assert call.args["trigger_id"].startswith("trigger-")


def test_goal_new_prefills_the_goal_text(trellis):
    trellis.command("new Give a talk at the spring all-hands")

    [call] = trellis.fake.wait_for("views.open")
    title_block = next(b for b in view_arg(call)["blocks"] if b["block_id"] == "title")
    assert title_block["element"]["initial_value"] == "Give a talk at the spring all-hands"


def test_submitting_the_modal_creates_the_goal_and_shows_the_coach(trellis):
    reply = trellis.submit_view(new_goal_modal(), GOOD)

    assert reply.status == 200
    answer = reply.json()
    assert answer["response_action"] == "update"
    text = text_of(answer["view"])
    assert "#1 · Pass the AWS Solutions Architect Associate exam" in text
    assert "SMART score 5/5" in text
    listed = trellis.command("list").json()
    assert "#1 · Pass the AWS Solutions Architect Associate exam" in text_of(listed)


def test_a_past_due_date_is_an_inline_error_and_saves_nothing(trellis):
    reply = trellis.submit_view(new_goal_modal(), {**GOOD, "due_on": "2026-11-20"})

    answer = reply.json()
    assert answer["response_action"] == "errors"
    assert "in the past" in answer["errors"]["due_on"]
    assert "no goals yet" in trellis.command("list").body
