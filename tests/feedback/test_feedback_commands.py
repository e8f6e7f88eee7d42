"""The rest of /feedback through the HTTP endpoint: give unasked, close early, extend once, workspace templates and
the anonymity switch, App Home's Feedback section, and feedback asked about a goal in that goal's history."""

import pytest

from slackapp.feedback import ids
from tests.feedback.test_feedback_in_slack import ASK, answer, ask, dms_to, open_view, show
from tests.goals.test_goal_lifecycle import set_goal
from tests.slack_driver import text_of, view_arg


@pytest.fixture
def team(fake_slack):
    fake_slack.add_user("U3", "Chen", tz="Europe/Berlin")
    fake_slack.add_user("U9", "Ines", admin=True)
    return fake_slack


def said(reply) -> str:
    answer = reply.json()
    assert answer["response_type"] == "ephemeral", answer
    return text_of(answer)


def test_feedback_given_unasked_reaches_the_person_and_lands_in_their_history(trellis, team):
    modal = open_view(trellis, lambda: trellis.command("give <@U2|bruno>", command="/feedback"))
    assert [b["element"].get("initial_user") for b in modal["blocks"] if b["block_id"] == "to"] == ["U2"]

    sent = trellis.submit_view(modal, {"to": "U2", "text": "Your <!here> review notes saved us a day"})
    assert "Sent to <@U2>" in text_of(sent.json())
    [dm] = dms_to(trellis, "U2")
    assert "Asha* sent you feedback" in text_of(dm.args) and "&lt;!here&gt;" in text_of(dm.args)

    history = said(trellis.command("list", user="U2", command="/feedback"))
    assert "Feedback you received without asking" in history and "saved us a day" in history and "Asha" in history
    mine = said(trellis.command("list", command="/feedback"))
    assert "Feedback you gave with your name" in mine and "To Bruno" in mine


def test_anonymous_feedback_given_unasked_sends_no_notice_and_waits_for_three(trellis, team):
    for giver in ("U1", "U3"):
        modal = open_view(trellis, lambda giver=giver: trellis.command("give <@U2>", user=giver, command="/feedback"))
        trellis.submit_view(
            modal, {"to": "U2", "text": f"Anonymous note from {giver}", "anonymous": ["yes"]}, user=giver
        )

    assert not trellis.fake.calls_to("chat.postMessage", channel="U2")
    history = said(trellis.command("list", user="U2", command="/feedback"))
    assert "Anonymous note" not in history and "2 anonymous answers are held until 3" in history


def test_giving_to_yourself_or_with_anonymity_off_is_refused_on_the_field(trellis, team):
    modal = open_view(trellis, lambda: trellis.command("give", command="/feedback"))
    refused = trellis.submit_view(modal, {"to": "U1", "text": "Great job me"}).json()
    assert refused["errors"] == {"to": "Feedback goes to a teammate, not to yourself."}

    assert "only a workspace admin" in said(trellis.command("anonymity off", command="/feedback")).lower()
    assert "Anonymous feedback is off" in said(trellis.command("anonymity off", user="U9", command="/feedback"))
    refused = trellis.submit_view(modal, {"to": "U2", "text": "Nice work", "anonymous": ["yes"]}).json()
    assert refused["errors"] == {"anonymous": "Anonymous feedback is turned off in this workspace."}
    ask_modal = open_view(trellis, lambda: trellis.command("", command="/feedback"))
    assert "anonymous" not in [b.get("block_id") for b in ask_modal["blocks"]]


def test_a_requester_closes_early_once_and_the_closed_request_says_so_to_the_people_asked(trellis, team):
    ask(trellis, ["U2", "U3"])
    assert "Closed request #1" in said(trellis.command("close 1", command="/feedback"))
    assert "closed already" in said(trellis.command("close 1", command="/feedback"))

    dm = dms_to(trellis, "U2")[0].args
    trellis.click(ids.ANSWER_OPEN, "1", user="U2", message={"blocks": dm["blocks"]})
    assert "feedback request closed on 27 Nov 2026" in text_of(trellis.fake.wait_for("response")[-1].args)
    assert "closed" in show(trellis)


def test_a_deadline_is_extended_once_and_only_later(trellis, team):
    ask(trellis, ["U2"])
    modal = open_view(trellis, lambda: trellis.command("extend 1", command="/feedback"))

    earlier = trellis.submit_view(modal, {"deadline": "2026-11-26"}).json()
    assert "A later deadline" in earlier["errors"]["deadline"]
    extended = trellis.submit_view(modal, {"deadline": "2026-12-04"}).json()
    assert "open until the end of 4 Dec 2026" in text_of(extended)
    assert "extended once already" in said(trellis.command("extend 1", command="/feedback"))
    assert "due 4 Dec 2026" in show(trellis)


def test_an_admin_adds_a_template_that_everyone_can_then_ask_with(trellis, team):
    assert "Templates you can ask with" in said(trellis.command("templates", command="/feedback"))
    modal = open_view(trellis, lambda: trellis.command("templates", user="U9", command="/feedback"))
    added = trellis.submit_view(
        modal, {"name": "Onboarding buddy", "questions": "How clear was my welcome?", "scales": ["1"]}, user="U9"
    )
    assert "Onboarding buddy" in text_of(added.json())

    _, asked = ask(trellis, ["U2"], templates=["ws1"])
    assert asked.json()["response_action"] == "update"
    question = [b for b in answer(trellis, "U2", {"q0": "4"})[0]["blocks"] if b.get("block_id") == "q0"]
    assert question[0]["element"]["type"] == "static_select"
    assert "Mean *4.0* of 5" in show(trellis)


def test_app_home_lists_what_waits_for_me_with_an_answer_button(trellis, team):
    ask(trellis, ["U2"], topic="the Q3 roadmap")
    before = len(trellis.fake.calls_to("views.publish", user_id="U2"))
    trellis.open_home(user="U2")
    home = view_arg(trellis.fake.wait_for("views.publish", count=before + 1, user_id="U2")[-1])
    [waiting] = [b for b in home["blocks"] if b.get("accessory", {}).get("action_id") == ids.ANSWER_OPEN]
    assert "Asha* asks for your feedback about *the Q3 roadmap*" in text_of(waiting)

    modal = open_view(trellis, lambda: trellis.click(ids.ANSWER_OPEN, waiting["accessory"]["value"], user="U2"))
    assert modal["callback_id"] == ids.ANSWER


def test_feedback_asked_about_a_goal_shows_in_its_history(trellis, team):
    set_goal(trellis)
    modal = open_view(trellis, lambda: trellis.command("", command="/feedback"))
    [goal] = [b for b in modal["blocks"] if b["block_id"] == "goal"]
    assert goal["element"]["options"][0]["value"] == "1"
    trellis.submit_view(modal, {**ASK, "asked": ["U2"], "goal": "1"})
    answer(trellis, "U2", {"q0": "Booking the exam early"})

    history = text_of(open_view(trellis, lambda: trellis.command("show 1")))
    assert "Feedback" in history and "Booking the exam early" in history and "Bruno" in history
