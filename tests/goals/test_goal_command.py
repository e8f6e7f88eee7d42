"""/goal through the real HTTP endpoint, against the loopback fake Slack."""

from slackapp.goals.form import new_goal_modal
from tests.examples import GOOD_GOAL as GOOD
from tests.slack_driver import text_of, view_arg


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


def test_the_saved_goal_lands_on_postgresql_too(trellis_on):
    reply = trellis_on.submit_view(new_goal_modal(), GOOD)

    assert reply.json()["response_action"] == "update"
    assert "#1 · Pass the AWS Solutions Architect Associate exam" in text_of(trellis_on.command("list").json())


def test_a_due_date_outside_the_horizon_names_the_range(trellis):
    answer = trellis.submit_view(new_goal_modal(), {**GOOD, "due_on": "2027-12-01"}).json()

    assert answer["response_action"] == "errors"
    assert "3–6 months" in answer["errors"]["due_on"]


def test_missing_measure_and_empty_goal_are_inline_errors(trellis):
    answer = trellis.submit_view(new_goal_modal(), {**GOOD, "title": "  ", "measure_kind": None}).json()

    assert answer["response_action"] == "errors"
    assert set(answer["errors"]) == {"title", "measure_kind"}


def test_in_the_past_is_judged_in_the_persons_own_time_zone(trellis):
    # 20:00 UTC on 21 Nov: already 22 Nov for Asha in Kolkata, still 21 Nov for Bruno in Los Angeles
    trellis.services.clock.instant = trellis.services.clock.instant.replace(hour=20)
    yesterday_in_kolkata = {**GOOD, "due_on": "2026-11-21"}

    asha = trellis.submit_view(new_goal_modal(), yesterday_in_kolkata, user="U1").json()
    bruno = trellis.submit_view(new_goal_modal(), yesterday_in_kolkata, user="U2").json()

    assert "in the past" in asha["errors"]["due_on"]
    assert "in the past" not in bruno["errors"]["due_on"]
    assert {c.args["user"] for c in trellis.fake.calls_to("users.info")} == {"U1", "U2"}


def test_a_weak_goal_is_saved_with_one_tip_per_missing_letter(trellis):
    answer = trellis.submit_view(
        new_goal_modal(), {**GOOD, "title": "Improve my public speaking", "measure_kind": "milestones"}
    ).json()

    text = text_of(answer["view"])
    assert "SMART score 4/5" in text
    assert "*S* · Specific" not in text  # four words, nothing vague beyond the verb
    assert "*M* · Measurable" in text and "*R* · Relevant" not in text


def test_help_lists_every_subcommand_with_an_example(trellis):
    reply = trellis.command("help").json()

    assert reply["response_type"] == "ephemeral"
    verbs = [
        "new",
        "list",
        "show",
        "ladder",
        "checkin",
        "milestone",
        "task",
        "tasks",
        "edit",
        "pause",
        "resume",
        "done",
        "abandon",
        "lessons",
        "celebrations",
        "help",
    ]
    for verb in verbs:
        assert f"• `/goal {verb}" in text_of(reply)
        assert f"Example: `/goal {verb}" in text_of(reply)
    assert text_of(reply).count("Example:") == len(verbs) + 1  # and plain `/goal`


def test_an_unknown_subcommand_gets_usage_not_silence(trellis):
    reply = trellis.command("frobnicate <!channel>").json()

    assert reply["response_type"] == "ephemeral"
    assert "I don't know `/goal frobnicate`" in reply["text"]
    assert "`/goal list`" in text_of(reply)
    assert trellis.fake.calls_to("views.open") == []


def test_a_bad_argument_gets_usage(trellis):
    reply = trellis.command("list everything").json()

    assert "`/goal list` takes nothing after it" in reply["text"]


def test_the_list_numbers_goals_and_shows_only_mine(trellis):
    trellis.submit_view(new_goal_modal(), GOOD, user="U1")
    trellis.submit_view(new_goal_modal(), {**GOOD, "title": "Run a design critique every sprint"}, user="U1")
    trellis.submit_view(new_goal_modal(), {**GOOD, "title": "Bruno's secret goal for this half"}, user="U2")

    mine = text_of(trellis.command("list", user="U1").json())

    assert "#1 · Pass the AWS" in mine and "#2 · Run a design critique every sprint" in mine
    assert "Bruno" not in mine


def test_a_slack_429_on_views_open_is_retried_after_retry_after(trellis):
    trellis.fake.throttle("views.open", times=1, retry_after=1)

    assert trellis.command("").status == 200

    [opened] = trellis.fake.wait_for("views.open", timeout=5)
    [throttled] = trellis.fake.calls_to("views.open:429")
    assert opened.at - throttled.at >= 0.9
