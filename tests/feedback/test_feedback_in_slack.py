"""Feedback requests through the HTTP endpoint and the loopback fake Slack: ask, the DMs, answer, decline, read,
anonymity in every view, and nudges and the summary through the reminder engine."""

import json
import time
from datetime import timedelta

import pytest
from sqlalchemy import inspect, text

from domain.reminders.engine import deliver, dispatch_due, plan_reminders
from domain.reminders.model import ReminderState
from slackapp.feedback import ids
from tests.reminders.conftest import engine_for
from tests.slack_driver import text_of, view_arg

ASK = {"templates": ["keep_start_stop"], "deadline": "2026-11-27", "readers": "me"}
PEOPLE = {"U3": ("Chen", "Europe/Berlin"), "U4": ("Dana", "UTC"), "UBOT": ("Deploy bot", "UTC")}


@pytest.fixture
def trellis(trellis_on):
    """Every test here runs on SQLite and on PostgreSQL."""
    return trellis_on


@pytest.fixture
def team(fake_slack):
    for user_id, (name, tz) in PEOPLE.items():
        fake_slack.add_user(user_id, name, tz=tz, bot=user_id == "UBOT")
    return fake_slack


def opened(trellis, count: int) -> dict:
    return view_arg(trellis.fake.wait_for("views.open", count=count)[count - 1])


def open_view(trellis, act) -> dict:
    """Do `act` and return the modal it opens."""
    before = len(trellis.fake.calls_to("views.open"))
    reply = act()
    assert reply.status == 200, reply.body
    return opened(trellis, before + 1)


def ask(trellis, people: list[str], **answers):
    modal = open_view(trellis, lambda: trellis.command("", command="/feedback"))
    return modal, trellis.submit_view(modal, {**ASK, "asked": people, **answers})


def dms_to(trellis, user: str, count: int = 1):
    return trellis.fake.wait_for("chat.postMessage", count=count, channel=user)


def button(message_args: dict, action_id: str) -> dict:
    blocks = message_args["blocks"]
    blocks = json.loads(blocks) if isinstance(blocks, str) else blocks
    elements = [e for b in blocks for e in (b.get("elements") or [b.get("accessory") or {}])]
    [found] = [e for e in elements if e.get("action_id") == action_id]
    return {"value": found["value"], "blocks": blocks}


def answer(trellis, user: str, replies: dict, anonymous: bool = False, view_id: str | None = None):
    """Press Answer in the DM `user` got, and send `replies` (by field: q0, q1, …)."""
    dm = button(dms_to(trellis, user)[0].args, ids.ANSWER_OPEN)
    modal = open_view(trellis, lambda: trellis.click(ids.ANSWER_OPEN, dm["value"], user=user, message=dm))
    choices = {**replies, "anonymous": ["yes"] if anonymous else []}
    return modal, trellis.submit_view(modal, choices, user=user, view_id=view_id)


def show(trellis, number: int = 1, user: str = "U1") -> str:
    return text_of(open_view(trellis, lambda: trellis.command(f"show {number}", user=user, command="/feedback")))


def test_ask_two_one_answers_one_declines_and_the_requester_reads_both(trellis, team):
    _, asked = ask(trellis, ["U2", "U3"], topic="My talk at the <!channel> all-hands")
    assert asked.json()["response_action"] == "update" and "Request #1" in text_of(asked.json())

    for person in ("U2", "U3"):
        [dm] = dms_to(trellis, person)
        assert "Asha* asks for your feedback" in text_of(dm.args) and "27 Nov 2026" in text_of(dm.args)
        assert "&lt;!channel&gt;" in text_of(dm.args) and "<!channel>" not in text_of(dm.args)

    modal, saved = answer(trellis, "U2", {"q0": "Your demos", "q1": "Writing things down", "q2": ""})
    assert [b["label"]["text"] for b in modal["blocks"] if b["type"] == "input"][:3] == [
        "What should I keep doing?",
        "What should I start doing?",
        "What should I stop doing?",
    ]
    assert "Thank you" in text_of(saved.json())
    [told] = dms_to(trellis, "U1")
    assert "Bruno answered your feedback request #1" in text_of(told.args) and "1 of 2 answered" in text_of(told.args)

    dm = button(dms_to(trellis, "U3")[0].args, ids.DECLINE_OPEN)
    decline = open_view(trellis, lambda: trellis.click(ids.DECLINE_OPEN, dm["value"], user="U3", message=dm))
    trellis.submit_view(decline, {"reason": "I wasn't at the talk"}, user="U3")
    told = dms_to(trellis, "U1", count=2)[1]
    assert "Chen declined your feedback request #1: _I wasn't at the talk_" in text_of(told.args)

    summary = show(trellis)
    assert "Your demos" in summary and "Writing things down" in summary and "Bruno" in summary
    assert "Chen declined" in summary and "1 of 2 answered, 1 declined" in summary


def test_a_second_answer_click_says_it_is_done_and_a_repeated_submission_saves_one(trellis, team):
    ask(trellis, ["U2", "U3"])
    modal, first = answer(trellis, "U2", {"q0": "Pairing with juniors"}, view_id="VANSWER1")
    assert "Thank you" in text_of(first.json())

    again = trellis.submit_view(modal, {"q0": "Pairing with juniors"}, user="U2", view_id="VANSWER1")
    assert "saved it once" in text_of(again.json())

    dm = button(dms_to(trellis, "U2")[0].args, ids.ANSWER_OPEN)
    views_before = len(trellis.fake.calls_to("views.open"))
    trellis.click(ids.ANSWER_OPEN, dm["value"], user="U2", message=dm)
    said = trellis.fake.wait_for("response")[-1]
    assert "You answered Asha's feedback request already" in text_of(said.args)
    assert len(trellis.fake.calls_to("views.open")) == views_before

    with trellis.services.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM feedback_answers")).scalar() == 1
    assert "1 of 2 answered" in show(trellis)


def test_bad_requests_are_refused_inline_and_a_number_not_mine_changes_nothing(trellis, team):
    _, refused = ask(trellis, ["U1", "UBOT"], templates=[], deadline="2026-11-21")
    errors = refused.json()["errors"]
    assert (
        errors["asked"]
        == "You can't ask yourself: choose teammates. Deploy bot is a bot, and bots don't give feedback."
    )
    assert "own_questions" in errors and "from tomorrow" in errors["deadline"]
    assert not trellis.fake.calls_to("chat.postMessage")

    ask(trellis, ["U2"])
    reply = trellis.command("show 1", user="U3", command="/feedback")
    assert "You have no feedback request #1" in text_of(reply.json())
    reply = trellis.command("close 1", user="U3", command="/feedback")
    assert "You have no feedback request #1" in text_of(reply.json())
    assert "1 of 1" not in text_of(reply.json())


ANONYMOUS_PEOPLE = ["U2", "U3", "U4"]
THEIR_NAMES = ["U2", "U3", "U4", "Bruno", "Chen", "Dana"]


def test_anonymous_answers_are_held_until_three_and_nothing_the_requester_sees_names_them(trellis, team):
    ask(trellis, ANONYMOUS_PEOPLE, anonymous=["yes"])
    replies = {"U2": "Slow down in demos", "U3": "More written updates", "U4": "Keep the Friday notes"}

    answer(trellis, "U2", {"q0": replies["U2"]}, anonymous=True)
    held = show(trellis)
    assert replies["U2"] not in held and "1 anonymous answer is held until 3 people have answered" in held
    assert "1 of 3 answered" in held

    for person in ("U3", "U4"):
        answer(trellis, person, {"q0": replies[person]}, anonymous=True)
    summary = show(trellis)
    assert all(reply in summary for reply in replies.values()) and "anonymous, 21 Nov 2026" in summary
    listing = trellis.command("list", command="/feedback").body
    homes = len(trellis.fake.calls_to("views.publish", user_id="U1"))
    trellis.open_home()
    home = view_arg(trellis.fake.wait_for("views.publish", count=homes + 1, user_id="U1")[-1])
    assert "Your request #1: 3 of 3 answered" in text_of(home)

    seen_by_requester = [
        summary,
        listing,
        text_of(home),
        *[text_of(c.args) for c in trellis.fake.calls_to("chat.postMessage", channel="U1")],
    ]
    for seen in seen_by_requester:
        assert not any(name in seen for name in THEIR_NAMES), seen

    with trellis.services.engine.connect() as connection:
        rows = connection.execute(text("SELECT * FROM feedback_answers")).mappings().all()
        assert len(rows) == 3
        assert not any(name in str(value) for row in rows for value in row.values() for name in THEIR_NAMES)
        columns = {c["name"] for c in inspect(connection).get_columns("feedback_asks")}
    assert columns == {"id", "enterprise_id", "team_id", "request_id", "user_id", "state", "reason"}


def deliver_all(services, engine) -> None:
    """Queue what is due and send it, waiting out Slack's one message a second to a person when told to wait."""
    queue, due = services.reminder_queue, []
    dispatch_due(queue, services.clock, lambda reminder_id, delay: due.append(reminder_id))
    for reminder_id in due:  # a retry appends itself: the loop reaches it after the wait
        args = (queue, services.uow, services.clock, services.reminder_kinds, engine.limits, engine.sender)
        if deliver(reminder_id, *args, lambda again, delay: due.append(again)) is ReminderState.QUEUED:
            time.sleep(1.05)


def test_nudges_reach_only_who_has_not_answered_at_most_twice_and_the_summary_once(trellis, team):
    services = trellis.services
    ask(trellis, ["U2", "U3"])
    answer(trellis, "U2", {"q0": "Clear priorities"})
    dms_to(trellis, "U1")  # Bruno answered: the requester's notice comes after the acknowledgement
    engine = engine_for(trellis)
    before = {user: len(trellis.fake.calls_to("chat.postMessage", channel=user)) for user in ("U1", "U2", "U3")}

    while services.clock.instant < services.clock.instant.replace(day=30, hour=12):
        services.clock.instant += timedelta(hours=2)
        plan_reminders(services.uow, services.reminder_queue, services.clock, services.reminder_kinds)
        deliver_all(services, engine)

    def new_dms(user):
        return [c for c in trellis.fake.calls_to("chat.postMessage", channel=user)][before[user] :]

    nudges = new_dms("U3")
    assert len(nudges) == 2 and all("would like your feedback" in text_of(n.args) for n in nudges)
    assert "today" in text_of(nudges[1].args) and "closes <!date^" in text_of(nudges[0].args)
    assert not any("Snooze" in text_of(n.args) for n in nudges)  # a snooze would make a third
    assert new_dms("U2") == []
    [summary] = new_dms("U1")
    assert "Your feedback request #1 has closed" in text_of(summary.args) and "Clear priorities" in text_of(
        summary.args
    )
