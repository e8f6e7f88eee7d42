"""GET /metrics over real HTTP: Slack's requests by kind and status, the acknowledgement's latency, the calls
Trellis makes to Slack (429s included), and the reminders waiting."""

import re
from pathlib import Path

import pytest
from slack_sdk.errors import SlackApiError

from domain.reminders.engine import plan_reminders
from slackapp.goals.form import new_goal_modal
from slackapp.metrics import OURS
from tests.examples import GOOD_GOAL
from tests.ops.served import samples, scrape, scrape_until, value
from tests.reminders.conftest import WORKSPACE, add_person

README = Path(__file__).resolve().parents[2] / "README.md"


def metrics(trellis) -> dict[tuple, float]:
    return scrape(trellis.base_url + "/metrics")


def test_a_command_is_counted_by_kind_and_status_and_its_acknowledgement_timed(trellis):
    before = metrics(trellis)

    reply = trellis.command("")
    trellis.fake.wait_for("views.open")
    after = metrics(trellis)

    assert reply.status == 200
    assert value(after, "trellis_slack_requests_total", kind="command", outcome="200") == (
        value(before, "trellis_slack_requests_total", kind="command", outcome="200") + 1
    )
    count = value(after, "trellis_slack_ack_seconds_count", kind="command")
    assert count == value(before, "trellis_slack_ack_seconds_count", kind="command") + 1
    took = value(after, "trellis_slack_ack_seconds_sum", kind="command") - value(
        before, "trellis_slack_ack_seconds_sum", kind="command"
    )
    assert 0 < took <= reply.seconds
    assert value(after, "trellis_slack_ack_seconds_bucket", kind="command", le="3.0") == count


def test_a_view_submission_is_its_own_kind(trellis):
    before = metrics(trellis)

    trellis.submit_view(new_goal_modal(), GOOD_GOAL)

    after = metrics(trellis)
    labels = {"kind": "view_submission", "outcome": "200"}
    assert value(after, "trellis_slack_requests_total", **labels) == (
        value(before, "trellis_slack_requests_total", **labels) + 1
    )


def test_an_unsigned_request_is_counted_as_refused_and_metrics_need_no_signature(trellis):
    before = metrics(trellis)

    refused = trellis.post("command=%2Fgoal", {"Content-Type": "application/x-www-form-urlencoded"})

    after = metrics(trellis)  # itself unsigned
    assert refused.status == 401
    assert value(after, "trellis_slack_requests_total", kind="other", outcome="401") == (
        value(before, "trellis_slack_requests_total", kind="other", outcome="401") + 1
    )


def test_calls_to_slack_are_counted_by_method_and_a_429_as_ratelimited(trellis):
    trellis.fake.throttle("views.open", times=1, retry_after=1)
    before = metrics(trellis)

    trellis.command("")
    trellis.fake.wait_for("views.open", timeout=10)  # answered after the retry

    ok = value(before, "trellis_slack_api_calls_total", method="views.open", outcome="ok") + 1
    after = scrape_until(
        trellis.base_url + "/metrics", "trellis_slack_api_calls_total", ok, method="views.open", outcome="ok"
    )
    for outcome in ("ratelimited", "ok"):
        labels = {"method": "views.open", "outcome": outcome}
        assert value(after, "trellis_slack_api_calls_total", **labels) == (
            value(before, "trellis_slack_api_calls_total", **labels) + 1
        )


def test_a_slack_error_is_counted_as_an_error(trellis):
    trellis.fake.refuse_posts("C9", "not_in_channel")
    client = trellis.services.clients.for_workspace(WORKSPACE)
    before = metrics(trellis)

    with pytest.raises(SlackApiError, match="not_in_channel"):
        client.chat_postMessage(channel="C9", text="hello")

    after = metrics(trellis)
    labels = {"method": "chat.postMessage", "outcome": "error"}
    assert value(after, "trellis_slack_api_calls_total", **labels) == (
        value(before, "trellis_slack_api_calls_total", **labels) + 1
    )


def test_reminders_due_and_unsent_are_read_from_the_database_when_scraped(trellis):
    services = trellis.services
    add_person(services, "U1", tz="Asia/Kolkata")
    plan_reminders(services.uow, services.reminder_queue, services.clock, services.reminder_kinds)
    assert value(metrics(trellis), "trellis_reminders_due") == 0  # planned for Monday 09:00 in Kolkata

    services.clock.instant = services.clock.instant.replace(day=23, hour=3, minute=30)

    assert value(metrics(trellis), "trellis_reminders_due") == 1


def test_the_page_parses_as_prometheus_text(trellis):
    page = trellis.get("/metrics")

    assert page.status == 200
    names = {name for name, _ in samples(page.body)}
    assert {"trellis_reminders_due"} <= names
    assert "# TYPE trellis_slack_ack_seconds histogram" in page.body


def test_the_readme_names_every_metric():
    counted = {
        f"{family.name}_total" if family.type == "counter" else family.name
        for metric in OURS
        for family in metric.describe()
    }
    gauges = {"trellis_reminders_due", "trellis_reminder_jobs_pending"}  # slackapp/backlog.py

    assert set(re.findall(r"`(trellis_\w+)", README.read_text())) == counted | gauges
