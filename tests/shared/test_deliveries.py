"""One effect per delivery: an event Slack delivers again, or a modal submitted again with the same view id,
acts once, on SQLite and PostgreSQL, however the repeats arrive."""

import json
import time

from tests.examples import run_together
from tests.goals.test_goal_lifecycle import modal_for, set_goal
from tests.slack_driver import TEAM, signed_headers, text_of

REPEATED = "Trellis got this twice and saved it once."


def home_opened(event_id: str, team: str = TEAM) -> str:
    return json.dumps(
        {
            "team_id": team,
            "api_app_id": "A1",
            "type": "event_callback",
            "event_id": event_id,
            "event_time": int(time.time()),
            "event": {"type": "app_home_opened", "user": "U1", "channel": "D1", "tab": "home"},
        }
    )


def deliver(trellis, body: str, retry: int = 0):
    headers = signed_headers(body, content_type="application/json")
    if retry:
        headers |= {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
    return trellis.post(body, headers)


def publishes_after(trellis, act) -> int:
    """How many App Home publishes `act` sets off: a fresh event afterwards marks the end of its effects."""
    before = len(trellis.fake.calls_to("views.publish"))
    act()
    assert deliver(trellis, home_opened(f"EvMARK{before}")).status == 200
    marked = trellis.fake.wait_for("views.publish", count=before + 1)
    time.sleep(0.2)  # a repeat that got through would publish about now
    return len(trellis.fake.calls_to("views.publish")) - before - 1 if marked else -1


def test_an_event_delivered_four_times_publishes_app_home_once(trellis_on):
    body = home_opened("Ev0FOUR")

    def four_deliveries():
        for retry in range(4):
            assert deliver(trellis_on, body, retry).status == 200

    assert publishes_after(trellis_on, four_deliveries) == 1


def test_four_deliveries_of_one_event_at_once_publish_once(trellis_on):
    body = home_opened("Ev0RACE")
    statuses = []
    assert (
        publishes_after(trellis_on, lambda: run_together(4, lambda: statuses.append(deliver(trellis_on, body).status)))
        == 1
    )
    assert statuses == [200] * 4


def test_the_same_event_id_in_another_workspace_is_another_event(trellis):
    body = home_opened("Ev0SAME")
    assert publishes_after(trellis, lambda: deliver(trellis, body)) == 1
    assert publishes_after(trellis, lambda: deliver(trellis, home_opened("Ev0SAME", team="T2"))) == 1


def history(trellis) -> str:
    """Goal #1's history modal, as its owner reads it."""
    return text_of(modal_for(trellis, "show 1"))


def submit_four_times(trellis, modal: dict, answers: dict, together: bool = False, view_id="V0SAME") -> list[str]:
    """Submit one modal four times with the same view id; what each submission was answered."""
    answers_seen = []

    def submit():
        reply = trellis.submit_view(modal, answers, view_id=view_id)
        assert reply.status == 200 and reply.seconds < 3, reply
        answers_seen.append(text_of(reply.json()))

    if together:
        assert run_together(4, submit) == []
    else:
        for _ in range(4):
            submit()
    return answers_seen


def test_a_check_in_submitted_four_times_is_saved_once(trellis_on):
    set_goal(trellis_on, metric="NPS", baseline="30", target="45", unit="points")
    modal = modal_for(trellis_on, "checkin 1")

    answers = submit_four_times(trellis_on, modal, {"value": "37.5", "confidence": "4"})

    assert "Checked in" in answers[0] and all(REPEATED in answer for answer in answers[1:])
    assert "Check-ins (1)" in history(trellis_on)


def test_four_concurrent_submissions_of_one_check_in_save_one(trellis_on):
    set_goal(trellis_on, metric="NPS", baseline="30", target="45", unit="points")
    modal = modal_for(trellis_on, "checkin 1")

    answers = submit_four_times(trellis_on, modal, {"value": "40", "confidence": "3"}, together=True)

    assert sum("Checked in" in answer for answer in answers) == 1
    assert sum(REPEATED in answer for answer in answers) == 3
    assert "Check-ins (1)" in history(trellis_on)


def test_milestone_task_adjustment_and_reflection_modals_save_once(trellis):
    set_goal(trellis)
    cases = [
        ("milestone 1", {"title": "Finish the practice exams", "due_on": "2027-02-01"}),
        ("task 1", {"title": "Book the exam slot", "due_on": "2027-01-05", "flags": []}),
        ("edit 1", {"title": "Pass the AWS exam", "target": "2", "due_on": "2027-04-30", "reason": "Add one"}),
    ]
    for number, (command, answers) in enumerate(cases):
        modal = modal_for(trellis, command)
        replies = submit_four_times(trellis, modal, answers, view_id=f"V0{number}")
        assert all(REPEATED in reply for reply in replies[1:]), (command, replies)
    board = history(trellis)
    assert board.count("⬜ Finish the practice exams") == 1
    assert board.count("Add one") == 1
    assert text_of(trellis.command("tasks").json()).count("Book the exam slot") == 1

    modal = modal_for(trellis, "abandon 1")
    submit_four_times(trellis, modal, {"learned": "Smaller steps first"}, view_id="V0LAST")
    assert text_of(trellis.command("lessons").json()).count("Smaller steps first") == 1


def test_a_corrected_submission_of_the_same_modal_is_saved(trellis):
    """Inline errors keep the modal open: submitting it again, fixed, is the first save, not a repeat."""
    set_goal(trellis)
    modal = modal_for(trellis, "checkin 1")

    refused = trellis.submit_view(modal, {"value": "", "confidence": "4"}, view_id="V0FIX").json()
    saved = trellis.submit_view(modal, {"value": "1", "confidence": "4"}, view_id="V0FIX").json()

    assert refused["response_action"] == "errors"
    assert "Checked in" in text_of(saved)
    assert "Check-ins (1)" in history(trellis)
