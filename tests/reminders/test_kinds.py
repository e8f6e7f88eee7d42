"""A new kind of reminder takes no edit of the engine: it registers who is due, what it says and how it reads,
and is planned, sent once and snoozed like every other kind."""

import time
from datetime import timedelta

from domain.goals.plan import TaskForm
from domain.goals.reminders import DUE_SOON, DUE_SOON_KEY
from domain.goals.tracking import add_task
from domain.reminders.engine import dispatch_due, plan_reminders
from slackapp.reminders.ids import SNOOZE
from slackapp.shared.blocks import escape, section
from tests.reminders.conftest import WORKSPACE, add_person, engine_for, sent_reminder
from tests.slack_driver import text_of


class Greeting:
    """A throwaway kind: one greeting a day for the people it names, until told there is nothing to say."""

    name = "greeting"

    def __init__(self, people: list[str]):
        self.people = people
        self.says: str | None = "Hello <!channel>, how is it going?"

    def audience(self, uow):
        return self.people

    def plan(self, uow, recipient, now, after):
        return [(f"hello-{recipient.today(now).isoformat()}", now)]

    def content(self, uow, recipient, key, now):
        return self.says


def greeting_view(content: str):
    return "A greeting", [section(escape(content))]


def greeting_for(services, user_id: str) -> Greeting:
    """A Greeting registered for someone Trellis knows, at 10:00 on a Tuesday, in working hours."""
    add_person(services, user_id, goals=0)
    kind = Greeting([user_id])
    services.reminder_kinds.register(kind)
    services.reminder_views[kind.name] = greeting_view
    services.clock.instant = services.clock.instant.replace(day=24, hour=10)
    return kind


def deliver_now(engine):
    return lambda reminder_id, delay: engine.deliver(reminder_id)


def test_a_kind_registered_from_outside_is_planned_sent_once_and_snoozed_as_itself(app_on):
    services = app_on.services
    greeting_for(services, "U9")
    engine = engine_for(app_on)

    assert plan_reminders(services.uow, services.reminder_queue, services.clock, services.reminder_kinds) == 1
    assert plan_reminders(services.uow, services.reminder_queue, services.clock, services.reminder_kinds) == 0
    assert dispatch_due(services.reminder_queue, services.clock, deliver_now(engine)) == 1
    assert dispatch_due(services.reminder_queue, services.clock, deliver_now(engine)) == 0

    [dm] = app_on.fake.wait_for("chat.postMessage")
    assert dm.args["channel"] == "U9" and dm.args["text"] == "A greeting"
    assert "Hello &lt;!channel&gt;" in text_of(dm.args) and "Snooze 1 hour" in text_of(dm.args)
    assert services.reminder_queue.counts() == {"sent": 1}

    [snooze_hour] = [e for b in dm.args["blocks"] if b["type"] == "actions" for e in b["elements"]][:1]
    app_on.click(SNOOZE, value=snooze_hour["value"], user="U9", message={"blocks": dm.args["blocks"]})
    assert "Snoozed. Trellis will remind you again 24 Nov 2026 at 11:00." in text_of(
        app_on.fake.wait_for("response")[0].args
    )

    services.clock.instant += timedelta(hours=1, minutes=1)
    time.sleep(1.05)  # Slack's one message a second to a channel counts real time
    assert dispatch_due(services.reminder_queue, services.clock, deliver_now(engine)) == 1
    first, again = app_on.fake.wait_for("chat.postMessage", count=2)
    assert again.args["text"] == "A greeting" and again.args["channel"] == "U9"
    assert services.reminder_queue.counts() == {"sent": 2}


def test_a_kind_with_nothing_left_to_say_is_skipped_not_sent(app_on):
    services = app_on.services
    kind = greeting_for(services, "U9")
    plan_reminders(services.uow, services.reminder_queue, services.clock, services.reminder_kinds)
    kind.says = None

    dispatch_due(services.reminder_queue, services.clock, deliver_now(engine_for(app_on)))

    assert app_on.fake.calls_to("chat.postMessage") == []
    assert services.reminder_queue.counts() == {"skipped": 1}


def test_a_snoozed_due_soon_notice_comes_back_as_a_due_soon_notice(app_on):
    services = app_on.services
    member = add_person(services, "U1")
    services.clock.instant = services.clock.instant.replace(day=24, hour=10)  # Tuesday, in working hours
    add_task(services.uow(WORKSPACE), services.clock, member, 1, TaskForm("Read chapter 1", "2026-11-25"))
    notice = sent_reminder(services, "U1", DUE_SOON.name, f"{DUE_SOON_KEY}2026-11-24")

    app_on.click(SNOOZE, value=f"hour:{notice.id}", message={"blocks": []})
    app_on.fake.wait_for("response")
    services.clock.instant += timedelta(hours=1, minutes=1)
    dispatch_due(services.reminder_queue, services.clock, deliver_now(engine_for(app_on)))

    [dm] = app_on.fake.wait_for("chat.postMessage")
    assert "Coming up soon" in text_of(dm.args) and "Task *Read chapter 1* for goal #1, due tomorrow" in text_of(
        dm.args
    )
    assert "Time to check in" not in text_of(dm.args)


def test_a_kind_slack_cannot_show_stops_the_worker_at_start_rather_than_at_its_first_send(app_on):
    import pytest

    app_on.services.reminder_kinds.register(Greeting(["U9"]))

    with pytest.raises(ValueError, match="reminder kinds with no view in Slack: greeting"):
        engine_for(app_on)


class Deadline(Greeting):
    """A kind that `moves`: its one occurrence follows a time that may change, here at night."""

    name = "deadline"
    moves = True

    def __init__(self, people: list[str], at):
        super().__init__(people)
        self.at = at

    def plan(self, uow, recipient, now, after):
        return [("only", self.at)]


def test_a_kind_that_moves_follows_a_new_time_but_the_engines_move_into_working_hours_stays(app_on):
    services = app_on.services
    add_person(services, "U9", goals=0)  # UTC, working 09:00 to 18:00 on weekdays
    services.clock.instant = services.clock.instant.replace(day=24, hour=10)
    night = services.clock.instant.replace(day=25, hour=2)
    kind = Deadline(["U9"], night)
    services.reminder_kinds.register(kind)
    services.reminder_views[kind.name] = greeting_view

    def plan():
        return plan_reminders(services.uow, services.reminder_queue, services.clock, services.reminder_kinds)

    def due_at(reminder_id):
        with services.uow(WORKSPACE) as uow:
            return uow.reminders.occurrence("U9", reminder_id).due_at

    assert plan() == 1
    services.clock.instant = night
    claimed = []
    dispatch_due(services.reminder_queue, services.clock, lambda reminder_id, delay: claimed.append(reminder_id))
    [reminder_id] = claimed
    engine_for(app_on).deliver(reminder_id)  # at 02:00: held for the working day
    assert due_at(reminder_id) == night.replace(hour=9)

    plan()  # planned again for the same time: the engine's move stays
    assert due_at(reminder_id) == night.replace(hour=9)
    kind.at = night + timedelta(days=1)  # its time changed: it follows
    plan()
    assert due_at(reminder_id) == night + timedelta(days=1)
    assert not app_on.fake.calls_to("chat.postMessage")
