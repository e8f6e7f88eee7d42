"""The whole goal life cycle through the HTTP endpoint: every subcommand and button."""

import json
from datetime import timedelta

from slackapp.goals.form import new_goal_modal
from slackapp.goals.ids import HELPED_OPEN as HELPED_BUTTON
from slackapp.goals.ids import MENU as GOAL_MENU
from slackapp.goals.ids import MILESTONE_DONE, TASK_DONE
from slackapp.goals.ids import SHARE as SHARE_BUTTON
from slackapp.goals.ids import VERB_BUTTON as GOAL_BUTTON
from slackapp.shared.kudos_button import SEND_KUDOS, celebrated_goal
from tests.examples import GOOD_GOAL, run_together
from tests.slack_driver import text_of, view_arg


def settled(trellis, act):
    """Do `act`, then wait for the App Home refresh it sets off, so later reads see a quiet app."""
    before = len(trellis.fake.calls_to("views.publish"))
    result = act()
    trellis.fake.wait_for("views.publish", count=before + 1)
    return result


def set_goal(trellis, user="U1", **changes) -> None:
    reply = settled(trellis, lambda: trellis.submit_view(new_goal_modal(), {**GOOD_GOAL, **changes}, user=user))
    assert reply.json()["response_action"] == "update", reply.body


def opened(trellis, count=1) -> dict:
    return view_arg(trellis.fake.wait_for("views.open", count=count)[count - 1])


def modal_for(trellis, command: str) -> dict:
    """Run `/goal command` and return the modal it opens."""
    before = len(trellis.fake.calls_to("views.open"))
    trellis.command(command)
    return opened(trellis, before + 1)


def home(trellis, user="U1") -> dict:
    before = len(trellis.fake.calls_to("views.publish", user_id=user))
    trellis.open_home(user=user)
    return view_arg(trellis.fake.wait_for("views.publish", count=before + 1, user_id=user)[-1])


def ephemeral(reply) -> str:
    answer = reply.json()
    assert answer["response_type"] == "ephemeral"
    return text_of(answer)


def test_check_in_by_number_is_kept_and_shows_in_the_history(trellis):
    set_goal(trellis, metric="NPS", baseline="30", target="45", unit="points")

    assert trellis.command("checkin 1").status == 200
    modal = opened(trellis)
    assert modal["callback_id"] == "goal_checkin"
    assert "Target 45 points" in text_of(modal)
    saved = trellis.submit_view(
        modal, {"value": "37.5", "confidence": "4", "blockers": "Budget freeze", "next_step": "Run the survey"}
    ).json()
    assert "Checked in" in text_of(saved["view"]) and "50%" in text_of(saved["view"])

    trellis.command("show 1")
    history = text_of(opened(trellis, 2))
    assert "Check-ins (1)" in history and "confidence 4/5" in history and "value 37.5" in history
    assert "Budget freeze" in history and "Run the survey" in history


def test_a_check_in_needs_its_value_and_confidence(trellis):
    set_goal(trellis)
    trellis.command("checkin 1")

    answer = trellis.submit_view(opened(trellis), {"value": None, "confidence": None}).json()

    assert answer["response_action"] == "errors"
    assert set(answer["errors"]) == {"value", "confidence"}


def test_a_goal_number_that_is_not_mine_changes_nothing(trellis):
    set_goal(trellis, user="U2")

    for verb in ("checkin", "done", "pause", "edit", "show"):
        text = ephemeral(trellis.command(f"{verb} 1", user="U1"))
        assert "You have no goal #1" in text
    assert trellis.fake.calls_to("views.open") == []
    assert "🟢 on track" in text_of(home(trellis, user="U2"))


def test_a_bad_goal_number_gets_usage(trellis):
    assert "takes a goal number, like `/goal checkin 2`" in ephemeral(trellis.command("checkin first"))


def test_no_number_opens_a_goal_picker_then_the_form(trellis):
    set_goal(trellis)
    set_goal(trellis, title="Mentor two juniors through their first launch", measure_kind="milestones")

    trellis.command("milestone")
    picker = opened(trellis)
    assert picker["callback_id"] == "goal_pick"
    assert "#2 Mentor two juniors" in text_of(picker)

    answer = trellis.submit_view(picker, {"goal": "2"}).json()
    assert answer["response_action"] == "update"
    assert answer["view"]["callback_id"] == "goal_milestone"
    assert json.loads(answer["view"]["private_metadata"]) == {"goal": 2}


def add_milestone(trellis, title: str, due_on: str) -> None:
    modal = modal_for(trellis, "milestone 1")
    reply = settled(trellis, lambda: trellis.submit_view(modal, {"title": title, "due_on": due_on}))
    assert reply.json()["response_action"] == "update"


def buttons(view: dict, action_id: str) -> list[dict]:
    return [e for b in view["blocks"] if b["type"] == "actions" for e in b["elements"] if e["action_id"] == action_id]


def test_milestones_drive_progress_and_are_marked_done_from_home(trellis):
    set_goal(trellis, measure_kind="milestones")
    add_milestone(trellis, "Book the exam", "2027-01-15")
    add_milestone(trellis, "Pass the practice test", "2027-03-01")

    board = home(trellis)
    assert "Next milestone: Book the exam, due 15 Jan 2027" in text_of(board) and " 0%" in text_of(board)
    [done_button] = buttons(board, MILESTONE_DONE)
    published = len(trellis.fake.calls_to("views.publish"))
    trellis.click(MILESTONE_DONE, value=done_button["value"])

    after = text_of(view_arg(trellis.fake.wait_for("views.publish", count=published + 1)[-1]))
    assert "50%" in after and "Next milestone: Pass the practice test" in after

    history = modal_for(trellis, "show 1")  # the milestone done can be celebrated with kudos, the other ticked
    [kudos] = [b["accessory"] for b in history["blocks"] if (b.get("accessory") or {}).get("action_id") == SEND_KUDOS]
    assert celebrated_goal(kudos["value"]) == ("U1", 1, GOOD_GOAL["title"], "Book the exam")
    assert len([b for b in history["blocks"] if (b.get("accessory") or {}).get("action_id") == MILESTONE_DONE]) == 1


def test_a_milestone_outside_the_goals_span_is_an_inline_error(trellis):
    set_goal(trellis)
    trellis.command("milestone 1")

    answer = trellis.submit_view(opened(trellis), {"title": "Too late", "due_on": "2027-06-01"}).json()

    assert answer["response_action"] == "errors"
    assert "within goal #1" in answer["errors"]["due_on"]


def add_task(trellis, number: int, **answers) -> None:
    modal = modal_for(trellis, f"task {number}")
    assert settled(trellis, lambda: trellis.submit_view(modal, answers)).json()["response_action"] == "update"


def test_tasks_are_listed_by_quadrant_and_done_from_the_list(trellis):
    set_goal(trellis)
    add_task(trellis, 1, title="Someday tidy the notes", due_on="2027-01-05", flags=[])
    add_task(
        trellis,
        1,
        title="Book the exam slot",
        due_on="2027-01-20",
        flags=["urgent", "important"],
        resource_kind="certification",
        resource_link="https://aws.amazon.com/certification/",
    )
    add_task(trellis, 1, title="Read the study guide", due_on="2027-01-10", flags=["important"], resource_kind="book")

    listed = trellis.command("tasks").json()
    text = text_of(listed)
    order = [
        text.index(t)
        for t in (
            "Urgent and important",
            "Book the exam slot",
            "*Important*",
            "Read the study guide",
            "Neither urgent nor important",
            "Someday tidy",
        )
    ]
    assert order == sorted(order)
    assert "📚 certification: <https://aws.amazon.com/certification/|open>" in text

    book = next(b for b in listed["blocks"] if "Book the exam slot" in text_of(b))
    trellis.click(TASK_DONE, value=book["accessory"]["value"], message=listed)

    [replaced] = trellis.fake.wait_for("response")
    assert replaced.args["replace_original"] is True
    assert "Book the exam slot" not in text_of(replaced.args) and "Read the study guide" in text_of(replaced.args)


def test_the_task_form_checks_its_fields(trellis):
    set_goal(trellis)
    trellis.command("task 1")

    answer = trellis.submit_view(
        opened(trellis), {"title": "", "due_on": "2026-01-01", "resource_link": "https://example.com"}
    ).json()

    assert set(answer["errors"]) == {"title", "due_on", "resource_kind"}


def test_an_adjustment_needs_a_reason_and_is_kept_in_the_history(trellis):
    set_goal(trellis)
    trellis.command("edit 1")
    modal = opened(trellis)
    values = {"title": GOOD_GOAL["title"], "target": "2", "due_on": "2027-05-15"}

    assert "reason" in trellis.submit_view(modal, {**values, "reason": ""}).json()["errors"]
    assert (
        trellis.submit_view(modal, {**values, "reason": "Adding the security specialty"}).json()["response_action"]
        == "update"
    )

    trellis.command("show 1")
    history = text_of(opened(trellis, 2))
    assert "target: 1 → 2; due date: 30 Apr 2027 → 15 May 2027" in history
    assert "Adding the security specialty" in history


def test_pause_blocks_check_ins_until_resumed(trellis):
    set_goal(trellis)

    assert "Paused goal #1" in ephemeral(settled(trellis, lambda: trellis.command("pause 1")))
    assert "Goal #1 is paused, so you can't check in on it. Resume it first." in ephemeral(trellis.command("checkin 1"))
    assert "⏸️ paused" in text_of(home(trellis))
    assert "active again" in ephemeral(settled(trellis, lambda: trellis.command("resume 1")))
    trellis.command("checkin 1")
    assert opened(trellis)["callback_id"] == "goal_checkin"


def test_done_twice_completes_once_and_celebrates_once(trellis):
    set_goal(trellis)
    trellis.command("checkin 1")
    trellis.submit_view(opened(trellis), {"value": "1", "confidence": "5"})

    first = ephemeral(trellis.command("done 1"))
    second = ephemeral(trellis.command("done 1"))

    assert "Goal #1 is complete" in first and "already complete" in second
    [dm] = trellis.fake.wait_for("chat.postMessage")
    assert dm.args["channel"] == "U1"
    assert "You did it: #1 · Pass the AWS" in text_of(dm.args) and "1 check-in" in text_of(dm.args)
    assert "completed, so you can't check in" in ephemeral(trellis.command("checkin 1"))
    assert len(trellis.fake.calls_to("chat.postMessage")) == 1


def test_what_helped_most_is_asked_and_kept(trellis):
    set_goal(trellis)
    trellis.command("done 1")
    [dm] = trellis.fake.wait_for("chat.postMessage")
    [helped] = buttons(
        {"blocks": json.loads(dm.args["blocks"]) if isinstance(dm.args["blocks"], str) else dm.args["blocks"]},
        HELPED_BUTTON,
    )

    trellis.click(HELPED_BUTTON, value=helped["value"], message={"blocks": []})
    modal = opened(trellis)
    assert (
        trellis.submit_view(modal, {"helped": "A study buddy and weekly check-ins"}).json()["response_action"]
        == "update"
    )

    trellis.command("show 1")
    assert "What helped most:_ A study buddy and weekly check-ins" in text_of(opened(trellis, 2))


def test_abandon_needs_a_reflection_which_then_shows_under_lessons(trellis):
    set_goal(trellis)
    trellis.command("abandon 1")
    modal = opened(trellis)

    empty = trellis.submit_view(modal, {}).json()
    assert empty["response_action"] == "errors" and "at least one" in empty["errors"]["happened"]
    kept = trellis.submit_view(modal, {"learned": "Start with <!channel> smaller steps"}).json()
    assert kept["response_action"] == "update"

    board = text_of(home(trellis))
    assert "*Lessons*" in board and "What did you learn?_ Start with &lt;!channel&gt; smaller steps" in board
    assert "🍂" not in board or "Finished: #1" in board
    assert "Start with &lt;!channel&gt; smaller steps" in ephemeral(trellis.command("lessons"))
    assert "abandoned, so you can't" in ephemeral(trellis.command("done 1"))


def test_the_ladder_links_a_short_goal_to_a_longer_one(trellis):
    set_goal(trellis, title="Become a principal cloud architect", horizon="long", due_on="2033-01-01")
    set_goal(trellis, user="U2", title="Bruno's own long goal", horizon="long", due_on="2033-01-01")
    form = modal_for(trellis, "new")
    [supports] = [b for b in form["blocks"] if b["block_id"] == "supports"]

    offered = trellis.suggest(supports["element"]["action_id"], "supports").json()["options"]

    assert [o["text"]["text"] for o in offered] == ["#1 Become a principal cloud architect"]
    set_goal(trellis, supports=offered[0]["value"])
    ladder = ephemeral(trellis.command("ladder"))
    assert "• #1 · Become a principal cloud architect (long)" in ladder
    assert "    ◦ #2 · Pass the AWS Solutions Architect Associate exam (short)" in ladder
    assert "↑ supports #1 · Become a principal cloud architect" in text_of(home(trellis))


def test_a_goal_supports_only_my_own_longer_goals(trellis):
    set_goal(trellis)  # short #1
    set_goal(trellis, user="U2", title="Bruno's own long goal", horizon="long", due_on="2033-01-01")
    medium = {**GOOD_GOAL, "horizon": "medium", "due_on": "2028-06-01"}

    shorter = trellis.submit_view(new_goal_modal(), {**medium, "supports": "1"}).json()  # my short goal #1 (row 1)
    theirs = trellis.submit_view(new_goal_modal(), {**medium, "supports": "2"}).json()  # Bruno's long goal (row 2)

    assert "longer horizon" in shorter["errors"]["supports"]
    assert "Pick one of your own goals" in theirs["errors"]["supports"]
    assert "You have no goals" not in ephemeral(trellis.command("list"))


def test_the_home_menu_pauses_and_the_buttons_follow_the_state(trellis):
    set_goal(trellis)
    board = home(trellis)
    menu = next(b["accessory"] for b in board["blocks"] if b.get("accessory", {}).get("action_id") == GOAL_MENU)
    assert [o["value"] for o in menu["options"]] == ["edit:1", "pause:1", "done:1", "abandon:1", "show:1"]

    published = len(trellis.fake.calls_to("views.publish"))
    trellis.click(GOAL_MENU, selected="pause:1")
    paused = view_arg(trellis.fake.wait_for("views.publish", count=published + 1)[-1])

    assert "⏸️ paused" in text_of(paused)
    assert [b["text"]["text"] for b in buttons(paused, GOAL_BUTTON + "resume")] == ["Resume"]
    trellis.click(GOAL_BUTTON + "resume", value="1")
    trellis.fake.wait_for("views.publish", count=published + 2)
    trellis.click(GOAL_BUTTON + "checkin", value="1")
    assert opened(trellis)["callback_id"] == "goal_checkin"


def test_a_missed_goal_offers_extend_or_reflect(trellis):
    set_goal(trellis)
    trellis.services.clock.instant += timedelta(days=200)  # past 30 Apr 2027

    board = home(trellis)
    assert "⚠️ missed" in text_of(board)
    assert [b["text"]["text"] for b in buttons(board, GOAL_BUTTON + "edit")] == ["Extend"]
    assert [b["text"]["text"] for b in buttons(board, GOAL_BUTTON + "abandon")] == ["Reflect"]
    assert "extend it by adjusting the due date, or reflect" in ephemeral(trellis.command("checkin 1"))


def test_a_refused_home_button_says_why_in_a_modal(trellis):
    set_goal(trellis)
    trellis.command("done 1")

    trellis.click(GOAL_BUTTON + "checkin", value="1")

    notice = opened(trellis)
    assert "completed, so you can't check in" in text_of(notice)


def test_only_an_admin_chooses_the_celebrations_channel_and_a_public_goal_is_shared_once(trellis):
    trellis.fake.add_user("U3", "Chidi", admin=True)
    assert "Only a workspace admin" in ephemeral(trellis.command("celebrations <#C777|wins>", user="U1"))
    assert "<#C777>" in ephemeral(trellis.command("celebrations <#C777|wins>", user="U3"))

    set_goal(trellis, visibility="public")
    trellis.command("done 1")
    [dm] = trellis.fake.wait_for("chat.postMessage")
    blocks = dm.args["blocks"] if isinstance(dm.args["blocks"], list) else json.loads(dm.args["blocks"])
    [share] = buttons({"blocks": blocks}, SHARE_BUTTON)

    trellis.click(SHARE_BUTTON, value=share["value"], message={"blocks": blocks})
    trellis.click(SHARE_BUTTON, value=share["value"], message={"blocks": blocks})

    [post] = trellis.fake.wait_for("chat.postMessage", count=2)[1:]
    assert post.args["channel"] == "C777" and "<@U1> completed a goal" in text_of(post.args)
    trellis.fake.wait_for("response")
    assert len(trellis.fake.calls_to("chat.postMessage")) == 2

    # Both carry a kudos button that names the goal: for others on the post, to thank helpers in the DM.
    posted = post.args["blocks"]
    [send] = buttons({"blocks": posted if isinstance(posted, list) else json.loads(posted)}, SEND_KUDOS)
    [thank] = buttons({"blocks": blocks}, SEND_KUDOS)
    assert celebrated_goal(send["value"]) == celebrated_goal(thank["value"]) == ("U1", 1, GOOD_GOAL["title"], None)


def test_a_private_goal_offers_no_sharing(trellis):
    trellis.fake.add_user("U3", "Chidi", admin=True)
    trellis.command("celebrations <#C777|wins>", user="U3")
    set_goal(trellis, visibility="private")

    trellis.command("done 1")

    [dm] = trellis.fake.wait_for("chat.postMessage")
    assert SHARE_BUTTON not in text_of(dm.args)


def test_concurrent_done_commands_send_one_congratulation(trellis_on):
    set_goal(trellis_on)
    replies = []

    assert run_together(3, lambda: replies.append(ephemeral(trellis_on.command("done 1")))) == []

    assert sum("Goal #1 is complete" in r for r in replies) == 1
    assert sum("already complete" in r for r in replies) == 2
    trellis_on.fake.wait_for("chat.postMessage")
    trellis_on.fake.wait_for("views.publish", count=4)
    assert len(trellis_on.fake.calls_to("chat.postMessage")) == 1


def test_a_task_is_marked_done_from_home(trellis):
    set_goal(trellis)
    add_task(trellis, 1, title="Book the exam slot", due_on="2027-01-20", flags=["urgent", "important"])
    board = home(trellis)
    task = next(b for b in board["blocks"] if b.get("accessory", {}).get("action_id") == TASK_DONE)

    after = settled(trellis, lambda: trellis.click(TASK_DONE, value=task["accessory"]["value"]))

    assert after.status == 200
    assert "Book the exam slot" not in text_of(view_arg(trellis.fake.calls_to("views.publish")[-1]))
    assert "No open tasks" in ephemeral(trellis.command("tasks"))
