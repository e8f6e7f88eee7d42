"""The goal life cycle at its edges: failures, foreign ids, time zones, big numbers, hostile text."""

import json

import pytest

from slackapp.goals.ids import HELPED_OPEN as HELPED_BUTTON
from slackapp.goals.ids import MENU as GOAL_MENU
from slackapp.goals.ids import MILESTONE_DONE
from slackapp.goals.ids import SHARE as SHARE_BUTTON
from slackapp.goals.ids import VERB_BUTTON as GOAL_BUTTON
from tests.goals.test_goal_lifecycle import (
    add_milestone,
    add_task,
    buttons,
    ephemeral,
    home,
    modal_for,
    opened,
    set_goal,
    settled,
)
from tests.slack_driver import text_of

HOSTILE = "<!channel> <@U2|boss> & <https://evil.example|click>"


def mrkdwn_texts(node, top=True) -> list[str]:
    """Every text Slack reads as mrkdwn: mrkdwn objects, and a message's fallback text."""
    found = []
    if isinstance(node, dict):
        if node.get("type") == "mrkdwn" or (top and isinstance(node.get("text"), str)):
            found.append(node["text"])
        for value in node.values():
            found += mrkdwn_texts(value, top=False)
    elif isinstance(node, list):
        for item in node:
            found += mrkdwn_texts(item, top=False)
    return found


def dm_blocks(call) -> list:
    blocks = call.args["blocks"]
    return json.loads(blocks) if isinstance(blocks, str) else blocks


@pytest.mark.parametrize("verb", ["checkin", "milestone", "task", "edit", "pause", "resume", "done", "abandon", "show"])
def test_every_goal_verb_refuses_a_number_that_is_not_mine(trellis, verb):
    set_goal(trellis, user="U2")

    assert "You have no goal #1" in ephemeral(trellis.command(f"{verb} 1"))
    assert trellis.fake.calls_to("views.open") == []


def test_a_congratulation_slack_refused_is_sent_by_the_next_done(trellis):
    set_goal(trellis)
    trellis.fake.throttle("chat.postMessage", times=3, retry_after=0)  # more than the client's two retries

    assert "Goal #1 is complete" in ephemeral(settled(trellis, lambda: trellis.command("done 1")))
    assert trellis.fake.calls_to("chat.postMessage") == []

    assert "already complete" in ephemeral(settled(trellis, lambda: trellis.command("done 1")))
    [dm] = trellis.fake.wait_for("chat.postMessage")
    assert "You did it" in text_of(dm.args)
    settled(trellis, lambda: trellis.command("done 1"))
    assert len(trellis.fake.calls_to("chat.postMessage")) == 1


def test_sharing_keeps_the_what_helped_button(trellis):
    trellis.fake.add_user("U3", "Chidi", admin=True)
    trellis.command("celebrations <#C777|wins>", user="U3")
    set_goal(trellis, visibility="public")
    trellis.command("done 1")
    [dm] = trellis.fake.wait_for("chat.postMessage")
    message = {"text": dm.args["text"], "blocks": dm_blocks(dm)}
    [share] = buttons(message, SHARE_BUTTON)

    trellis.click(SHARE_BUTTON, value=share["value"], message=message)

    [replaced] = trellis.fake.wait_for("response")
    assert replaced.args["replace_original"] is True
    assert buttons(replaced.args, HELPED_BUTTON) and not buttons(replaced.args, SHARE_BUTTON)
    assert "Shared in <#C777>" in text_of(replaced.args)


def test_history_dates_are_in_the_readers_time_zone(trellis):
    set_goal(trellis)
    trellis.services.clock.instant = trellis.services.clock.instant.replace(hour=20)  # 22 Nov in Kolkata
    trellis.submit_view(modal_for(trellis, "checkin 1"), {"value": "1", "confidence": "4"})

    history = text_of(modal_for(trellis, "show 1"))

    assert "*22 Nov 2026* · confidence 4/5" in history


def test_a_large_target_survives_an_edit_of_the_title(trellis):
    set_goal(trellis, metric="revenue", target="1234567.25", unit="USD")
    edit = modal_for(trellis, "edit 1")
    target = next(b for b in edit["blocks"] if b["block_id"] == "target")
    assert target["element"]["initial_value"] == "1234567.25"

    trellis.submit_view(
        edit,
        {
            "title": "Grow revenue for the platform team",
            "target": "1234567.25",
            "due_on": "2027-04-30",
            "reason": "Clearer wording",
        },
    )

    history = text_of(modal_for(trellis, "show 1"))
    assert "goal: Pass the AWS Solutions Architect Associate exam → Grow revenue for the platform team" in history
    assert "target:" not in history and "revenue: 0 → 1234567.25 USD" in history


def test_tasks_of_a_goal_let_go_leave_the_task_list(trellis):
    set_goal(trellis)
    add_task(trellis, 1, title="Book the exam slot", due_on="2027-01-20", flags=["urgent"])
    settled(trellis, lambda: trellis.submit_view(modal_for(trellis, "abandon 1"), {"learned": "Too much at once"}))

    assert "No open tasks" in ephemeral(trellis.command("tasks"))


def test_home_buttons_open_the_milestone_and_task_forms_and_the_menu_opens_the_rest(trellis):
    set_goal(trellis)
    for action, callback in (("milestone", "goal_milestone"), ("task", "goal_task")):
        before = len(trellis.fake.calls_to("views.open"))
        trellis.click(GOAL_BUTTON + action, value="1")
        assert opened(trellis, before + 1)["callback_id"] == callback
    for choice, expected in (("edit:1", "goal_edit"), ("abandon:1", "goal_abandon"), ("show:1", None)):
        before = len(trellis.fake.calls_to("views.open"))
        trellis.click(GOAL_MENU, selected=choice)
        view = opened(trellis, before + 1)
        assert view.get("callback_id") == expected
    settled(trellis, lambda: trellis.click(GOAL_MENU, selected="done:1"))
    trellis.fake.wait_for("chat.postMessage")


def test_marking_someone_elses_milestone_done_says_so_and_changes_nothing(trellis):
    set_goal(trellis, user="U2", measure_kind="milestones")
    add_milestone_for(trellis, "U2", "Bruno's milestone", "2027-01-15")
    [done] = buttons(home(trellis, user="U2"), MILESTONE_DONE)

    before = len(trellis.fake.calls_to("views.open"))
    trellis.click(MILESTONE_DONE, value=done["value"], user="U1")

    assert "isn't one of yours" in text_of(opened(trellis, before + 1))
    assert buttons(home(trellis, user="U2"), MILESTONE_DONE)  # still open


def add_milestone_for(trellis, user, title, due_on):
    before = len(trellis.fake.calls_to("views.open"))
    trellis.command("milestone 1", user=user)
    modal = opened(trellis, before + 1)
    settled(trellis, lambda: trellis.submit_view(modal, {"title": title, "due_on": due_on}, user=user))


def test_hostile_text_stays_inert_in_every_surface(trellis):
    trellis.fake.add_user("U3", "Chidi", admin=True)
    set_goal(trellis, title=f"Long {HOSTILE}", horizon="long", due_on="2033-01-01", measure_kind="milestones")
    set_goal(trellis, title=f"Short {HOSTILE}", supports="1")
    add_milestone(trellis, f"Milestone {HOSTILE}", "2027-01-15")
    add_task(trellis, 1, title=f"Task {HOSTILE}", due_on="2027-01-20", flags=["important"])
    trellis.submit_view(
        modal_for(trellis, "checkin 2"),
        {"value": "1", "confidence": "3", "blockers": HOSTILE, "learned": HOSTILE, "next_step": HOSTILE},
    )
    surfaces = [trellis.command(v).json() for v in ("list", "ladder", "tasks")]
    surfaces += [home(trellis), modal_for(trellis, "show 2"), modal_for(trellis, "show 1")]
    trellis.command("done 2")
    [dm] = trellis.fake.wait_for("chat.postMessage")
    surfaces.append({"text": dm.args["text"], "blocks": dm_blocks(dm)})

    for surface in surfaces:
        text = "\n".join(mrkdwn_texts(surface))  # plain_text is never parsed for mentions
        for control in ("<!channel>", "<@U2", "<https://evil"):
            assert control not in text
        assert "&lt;!channel&gt;" in text


def test_a_slow_or_limited_users_info_does_not_hold_up_the_answer(trellis):
    trellis.fake.throttle("users.info", times=5, retry_after=4)

    reply = trellis.command("list", user="U1")

    assert reply.status == 200 and reply.seconds < 2.5
    assert "no goals yet" in ephemeral(reply)


def test_any_milestone_or_task_is_ticked_off_from_the_goals_history(trellis):
    set_goal(trellis, measure_kind="milestones")
    add_milestone(trellis, "Book the exam", "2027-01-15")
    add_milestone(trellis, "Pass the practice test", "2027-03-01")
    add_task(trellis, 1, title="Buy the study guide", due_on="2027-01-10", flags=[])
    settled(trellis, lambda: trellis.command("pause 1"))
    history = modal_for(trellis, "show 1")
    later = next(b for b in history["blocks"] if "Pass the practice test" in text_of(b))

    payload_view = {**history, "id": "VHIST"}
    settled(trellis, lambda: trellis.click_in_modal(MILESTONE_DONE, later["accessory"]["value"], payload_view))

    [updated] = trellis.fake.wait_for("views.update")
    assert updated.args["view_id"] == "VHIST"
    refreshed = text_of(updated.args["view"])
    assert "☑️ Pass the practice test" in refreshed and "⬜ Book the exam" in refreshed
    assert "50%" in text_of(home(trellis))
