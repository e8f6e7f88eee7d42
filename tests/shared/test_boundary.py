"""Payloads Slack never sends, but a forger with the secret or a future Slack change could: each is answered in
time, the person is told where there is a surface, and the log gets one line with the request's kind and ids,
never a traceback. New listeners get this from the app's error handler, not from code of their own."""

import json
import logging
import time
from urllib.parse import urlencode

import pytest

from slackapp.goals import ids
from slackapp.goals.form import new_goal_modal
from slackapp.shared.boundary import FAILED, STORAGE_DOWN, UNKNOWN_REQUEST
from tests.goals.test_goal_lifecycle import modal_for, set_goal
from tests.slack_driver import TEAM, signed_headers, text_of, view_arg


@pytest.fixture
def log(caplog):
    caplog.set_level(logging.DEBUG, logger="trellis")
    return caplog


def boundary_lines(log) -> list[str]:
    return [r.getMessage() for r in log.records if r.name == "trellis.boundary" and r.levelno >= logging.WARNING]


def assert_quiet(log) -> None:
    """No traceback reached the log above DEBUG."""
    loud = [r for r in log.records if r.exc_info and r.levelno > logging.DEBUG]
    assert loud == [], [r.getMessage() for r in loud]


def told_in_a_modal(trellis, words: str) -> None:
    notice = view_arg(trellis.fake.wait_for("views.open")[-1])
    assert words in text_of(notice)


def post_payload(trellis, payload) -> object:
    body = urlencode({"payload": json.dumps(payload)})
    return trellis.post(body, signed_headers(body))


def test_a_button_value_that_is_not_a_number(trellis, log):
    reply = trellis.click(ids.VERB_BUTTON + "checkin", value="first")

    assert reply.status == 200 and reply.seconds < 3
    told_in_a_modal(trellis, FAILED)
    [line] = boundary_lines(log)
    assert "block_actions request failed" in line and "team=T1 user=U1 action=goal_verb_checkin" in line
    assert "ValueError" in line and "slackapp/goals/actions.py" in line
    assert_quiet(log)


def test_an_unknown_verb_and_a_missing_selected_option(trellis, log):
    assert trellis.click(ids.VERB_BUTTON + "bogus", value="1").status == 200
    assert trellis.click(ids.MENU).status == 200  # an overflow without its selected_option

    trellis.fake.wait_for("views.open", count=2)
    assert len(boundary_lines(log)) == 2
    assert_quiet(log)


def test_a_button_in_a_message_is_answered_below_it(trellis, log):
    reply = trellis.click(ids.VERB_BUTTON + "pause", value="x", message={"blocks": []})

    assert reply.status == 200
    assert FAILED in text_of(trellis.fake.wait_for("response")[0].args)
    assert_quiet(log)


def test_a_button_trellis_does_not_know_is_answered(trellis, log):
    reply = trellis.click("kudos_from_a_future_version", value="1")

    assert reply.status == 200 and reply.seconds < 3
    told_in_a_modal(trellis, UNKNOWN_REQUEST)
    assert (
        "unhandled block_actions request (team=T1 user=U1 action=kudos_from_a_future_version)"
        in (boundary_lines(log)[0])
    )
    assert_quiet(log)


def test_no_actions_at_all_is_a_request_trellis_cannot_read(trellis, log):
    payload = {
        "type": "block_actions",
        "team": {"id": TEAM},
        "user": {"id": "U1", "team_id": TEAM},
        "trigger_id": "trigger-empty",
        "container": {"type": "view", "view_id": "VHOME"},
        "actions": [],
    }
    reply = post_payload(trellis, payload)

    assert reply.status == 400 and reply.seconds < 3
    assert any("could not read a signed request: IndexError" in r.getMessage() for r in log.records)
    assert_quiet(log)


def test_a_goal_number_beyond_64_bits_changes_nothing(trellis_on, log):
    set_goal(trellis_on)
    reply = trellis_on.click(ids.VERB_BUTTON + "done", value="9" * 30)

    assert reply.status == 200 and reply.seconds < 3
    told_in_a_modal(trellis_on, FAILED)
    assert "🟢" in text_of(trellis_on.command("list").json())  # goal #1 is still active
    assert_quiet(log)


def test_a_submission_with_empty_metadata_or_no_view_id_gets_a_notice(trellis, log):
    set_goal(trellis)
    modal = modal_for(trellis, "checkin 1")

    empty = trellis.submit_view({**modal, "private_metadata": ""}, {"value": "3", "confidence": "3"}).json()
    assert empty["response_action"] == "update" and FAILED in text_of(empty["view"])

    view = {**new_goal_modal(), "state": {"values": {}}}
    payload = {"type": "view_submission", "team": {"id": TEAM}, "user": {"id": "U1", "team_id": TEAM}, "view": view}
    reply = post_payload(trellis, payload)
    assert reply.status == 200 and FAILED in reply.body
    assert len(boundary_lines(log)) == 2 and "view_submission request failed" in boundary_lines(log)[1]
    assert_quiet(log)


def test_a_command_without_a_trigger_id_is_told_below_it(trellis, log):
    set_goal(trellis)
    fields = {"team_id": TEAM, "user_id": "U1", "command": "/goal", "text": "checkin 1", "channel_id": "C1"}
    body = urlencode({**fields, "response_url": trellis.fake.api_url + "response"})
    reply = trellis.post(body, signed_headers(body))

    assert reply.status == 200 and reply.seconds < 3
    assert FAILED in text_of(trellis.fake.wait_for("response")[0].args)
    assert "command request failed (team=T1 user=U1 command=/goal)" in wait_for_line(log)
    assert_quiet(log)


def test_ids_that_are_not_slacks_shape_are_refused(trellis, log):
    for user in ("U1\u0000", "u1; DROP", "U" * 40):
        body = urlencode({"team_id": TEAM, "user_id": user, "command": "/goal", "text": "list", "trigger_id": "t"})
        assert trellis.post(body, signed_headers(body)).status == 400
    assert_quiet(log)


@pytest.mark.parametrize(
    "document",
    [
        {"type": "event_callback", "team_id": TEAM, "event_id": "Ev1", "event": [1, 2]},
        {"type": "event_callback", "team_id": TEAM, "event_id": "Ev2"},
        {"type": "event_callback", "team_id": TEAM, "event_id": "Ev3", "event": {"type": "app_home_opened"}},
        {"type": "event_callback", "team_id": TEAM, "event": {"type": "reaction_added", "user": "U1"}},
    ],
)
def test_odd_events_are_acknowledged(trellis, log, document):
    body = json.dumps(document)
    reply = trellis.post(body, signed_headers(body, content_type="application/json"))

    assert reply.status == 200 and reply.seconds < 3
    assert_quiet(log)


def test_a_listener_that_fails_after_its_acknowledgement_tells_the_person(trellis, log):
    """Slack refuses to open the check-in modal: the command was acknowledged, so the person hears below it."""
    set_goal(trellis)
    trellis.fake.throttle("views.open", times=10, retry_after=0)

    assert trellis.command("checkin 1").status == 200

    assert FAILED in text_of(trellis.fake.wait_for("response")[0].args)
    line = wait_for_line(log)
    assert "command request failed (team=T1 user=U1 command=/goal)" in line and "SlackApiError" in line
    assert_quiet(log)


def wait_for_line(log, seconds: float = 3.0) -> str:
    deadline = time.monotonic() + seconds
    while not boundary_lines(log) and time.monotonic() < deadline:
        time.sleep(0.02)
    return boundary_lines(log)[0]


def test_a_new_listener_inherits_the_boundary(fake_slack, sqlite_url, clock, log):
    """A capability added later writes only its listeners: failing before or after acknowledging, or on an
    outage, they are answered in time, the person is told, and the log has one line."""
    from sqlalchemy.exc import OperationalError

    from tests.conftest import start_trellis

    def added_before_serving(app):
        @app.command("/kudos-test")
        def fails_after_ack(ack, command):
            ack()
            raise RuntimeError("boom")

        @app.view("kudos_test_modal")
        def outage_before_ack(ack, view):
            raise OperationalError("INSERT", {}, ConnectionRefusedError("refused"))

    with start_trellis(fake_slack, sqlite_url, clock, extend=added_before_serving) as trellis:
        command = trellis.command("", command="/kudos-test")
        modal = {"type": "modal", "callback_id": "kudos_test_modal", "title": {"type": "plain_text", "text": "K"},
                 "blocks": [{"type": "input", "block_id": "reason", "label": {"type": "plain_text", "text": "Why"},
                             "element": {"type": "plain_text_input", "action_id": "value"}}]}  # fmt: skip
        submitted = trellis.submit_view(modal, {"reason": "for the release"}).json()

        assert command.status == 200 and command.seconds < 3
        assert FAILED in text_of(trellis.fake.wait_for("response")[0].args)
        assert submitted == {"response_action": "errors", "errors": {"reason": STORAGE_DOWN}}
        lines = boundary_lines(log)
        assert any("command request failed" in line and "command=/kudos-test" in line for line in lines)
        assert any("storage unavailable for a view_submission request" in line for line in lines)
        assert_quiet(log)
