"""The reminder engine on a real database (SQLite and PostgreSQL), delivering to the loopback fake Slack."""

import time
from datetime import timedelta

from domain.goals.checkins import CheckInForm
from domain.goals.tracking import check_in
from domain.reminders.engine import dispatch_due, plan_reminders
from slackapp.goals.ids import VERB_BUTTON
from tests.examples import run_together
from tests.reminders.conftest import WORKSPACE, add_person, engine_for
from tests.slack_driver import text_of


def deliver_now(engine):
    """An enqueue that delivers at once, in this thread."""
    return lambda reminder_id, delay: engine.deliver(reminder_id)


def test_one_dm_lists_every_goal_due_a_check_in_with_a_button_each(app_on):
    services = app_on.services
    add_person(services, "U1", tz="Asia/Kolkata", goals=2)
    engine = engine_for(app_on)

    assert plan_reminders(services.uow, services.reminder_queue, services.clock, services.reminder_kinds) == 1
    assert (
        plan_reminders(services.uow, services.reminder_queue, services.clock, services.reminder_kinds) == 0
    )  # its key is taken
    assert dispatch_due(services.reminder_queue, services.clock, deliver_now(engine)) == 0  # not yet due

    services.clock.instant = services.clock.instant.replace(day=23, hour=3, minute=30)  # Monday 09:00 in Kolkata
    assert dispatch_due(services.reminder_queue, services.clock, deliver_now(engine)) == 1

    [dm] = app_on.fake.wait_for("chat.postMessage")
    assert dm.args["channel"] == "U1"
    text = text_of(dm.args)
    assert "Time to check in on 2 goals" in text and text.count(f'"{VERB_BUTTON}checkin"') == 2
    assert "Snooze 1 hour" in text and "Tomorrow" in text
    assert services.reminder_queue.counts() == {"sent": 1}


def test_someone_who_already_checked_in_this_period_gets_nothing(app_on):
    services = app_on.services
    member = add_person(services, "U1")
    plan_reminders(services.uow, services.reminder_queue, services.clock, services.reminder_kinds)
    services.clock.instant += timedelta(days=2, hours=-2)  # Monday 10:00 UTC
    check_in(services.uow(WORKSPACE), services.clock, member, 1, CheckInForm(value="1", confidence="4"))

    dispatch_due(services.reminder_queue, services.clock, deliver_now(engine_for(app_on)))

    assert app_on.fake.calls_to("chat.postMessage") == []
    assert services.reminder_queue.counts() == {"skipped": 1}


def test_four_concurrent_dispatchers_send_each_occurrence_exactly_once(app_on):
    services = app_on.services
    people = [f"U{n}" for n in range(10, 30)]
    for user in people:
        add_person(services, user)
    plan_reminders(services.uow, services.reminder_queue, services.clock, services.reminder_kinds)
    services.clock.instant += timedelta(days=2)
    engine = engine_for(app_on)

    failures = run_together(4, lambda: dispatch_due(services.reminder_queue, services.clock, deliver_now(engine)))

    assert failures == []
    sent_to = sorted(call.args["channel"] for call in app_on.fake.calls_to("chat.postMessage"))
    assert sent_to == sorted(people)
    assert services.reminder_queue.counts() == {"sent": len(people)}


def test_slacks_429_is_waited_out_and_the_dm_sent_once(app_on):
    services = app_on.services
    add_person(services, "U1")
    plan_reminders(services.uow, services.reminder_queue, services.clock, services.reminder_kinds)
    services.clock.instant += timedelta(days=2)
    app_on.fake.throttle("chat.postMessage", times=1, retry_after=7)
    engine = engine_for(app_on)
    delays = []

    dispatch_due(services.reminder_queue, services.clock, lambda rid, delay: delays.append((rid, delay)))
    [(reminder_id, _)] = delays
    engine.enqueue = lambda rid, delay: delays.append((rid, delay))
    engine.deliver(reminder_id)

    assert delays[-1] == (reminder_id, 7.0)  # back in the queue, after Retry-After
    time.sleep(1.05)  # and Slack's one message a second to a channel still holds
    engine.deliver(reminder_id)
    assert len(app_on.fake.calls_to("chat.postMessage")) == 1
    assert services.reminder_queue.counts() == {"sent": 1}


def test_a_worker_that_died_mid_call_never_sends_again(app_on):
    services = app_on.services
    add_person(services, "U1")
    plan_reminders(services.uow, services.reminder_queue, services.clock, services.reminder_kinds)
    services.clock.instant += timedelta(days=2)
    queued = []
    dispatch_due(services.reminder_queue, services.clock, lambda rid, delay: queued.append(rid))
    services.reminder_queue.start(queued[0])  # taken for sending, then the worker died: outcome unknown

    services.clock.instant += timedelta(hours=1)
    engine = engine_for(app_on)
    dispatch_due(services.reminder_queue, services.clock, deliver_now(engine))
    engine.deliver(queued[0])

    assert app_on.fake.calls_to("chat.postMessage") == []
    assert services.reminder_queue.counts() == {"sending": 1}


def test_milestones_and_tasks_due_tomorrow_and_goals_due_in_a_week_get_one_notice(app_on):
    from domain.goals.plan import MilestoneForm, TaskForm
    from domain.goals.tracking import add_milestone, add_task

    services = app_on.services
    member = add_person(services, "U1", goals=2)
    services.clock.instant = services.clock.instant.replace(day=24, hour=9, minute=30)  # Tuesday, working time
    uow = services.uow(WORKSPACE)
    add_milestone(uow, services.clock, member, 1, MilestoneForm("Book the <!channel> exam", "2026-11-25"))
    add_task(uow, services.clock, member, 2, TaskForm("Read chapter 1", "2026-11-25", important=True))
    add_task(uow, services.clock, member, 2, TaskForm("Read chapter 2", "2026-11-28"))  # not tomorrow

    assert (
        plan_reminders(services.uow, services.reminder_queue, services.clock, services.reminder_kinds) == 2
    )  # check-in and notice
    assert plan_reminders(services.uow, services.reminder_queue, services.clock, services.reminder_kinds) == 0
    dispatch_due(services.reminder_queue, services.clock, deliver_now(engine_for(app_on)))

    [notice] = app_on.fake.wait_for("chat.postMessage")
    text = text_of(notice.args)
    assert "Coming up soon" in text and "Milestone *Book the &lt;!channel&gt; exam*" in text
    assert "Task *Read chapter 1* for goal #2, due tomorrow" in text and "chapter 2" not in text
    assert services.reminder_queue.counts() == {"sent": 1, "pending": 1}  # the check-in waits for next Monday


def test_a_reminder_held_up_past_working_hours_waits_for_the_next_working_morning(app_on):
    services = app_on.services
    add_person(services, "U1")
    plan_reminders(services.uow, services.reminder_queue, services.clock, services.reminder_kinds)
    services.clock.instant = services.clock.instant.replace(day=23, hour=21)  # Monday 21:00: the worker was down

    dispatch_due(services.reminder_queue, services.clock, deliver_now(engine_for(app_on)))

    assert app_on.fake.calls_to("chat.postMessage") == []
    assert services.reminder_queue.counts() == {"pending": 1}
    services.clock.instant = services.clock.instant.replace(day=24, hour=9, minute=1)
    dispatch_due(services.reminder_queue, services.clock, deliver_now(engine_for(app_on)))
    assert len(app_on.fake.wait_for("chat.postMessage")) == 1


def plan_snoozes(services, user: str, count: int) -> None:
    from domain.goals.reminders import CHECKIN

    with services.uow(WORKSPACE) as uow:
        for n in range(count):
            uow.reminders.plan(user, CHECKIN.name, f"{n}:snooze", services.clock.now())
        uow.commit()


def test_a_429_does_not_cost_the_person_a_second_daily_reminder(app_on):
    services = app_on.services
    add_person(services, "U1")
    services.clock.instant = services.clock.instant.replace(day=24, hour=10)  # Tuesday, working time
    plan_snoozes(services, "U1", 2)
    queued = []
    dispatch_due(services.reminder_queue, services.clock, lambda rid, delay: queued.append(rid))
    engine = engine_for(app_on)
    engine.enqueue = lambda rid, delay: None
    app_on.fake.throttle("chat.postMessage", times=1, retry_after=1)

    first, second = sorted(queued)
    engine.deliver(first)  # 429: back to the queue
    time.sleep(1.05)
    engine.deliver(first)  # sent, still one of two for the day
    time.sleep(1.05)
    engine.deliver(second)

    assert len(app_on.fake.calls_to("chat.postMessage")) == 2
    assert services.reminder_queue.counts() == {"sent": 2}


def test_a_long_retry_after_is_waited_out_before_the_sweep_queues_it_again(app_on):
    services = app_on.services
    add_person(services, "U1")
    services.clock.instant = services.clock.instant.replace(day=24, hour=10)
    plan_snoozes(services, "U1", 1)
    queued = []
    dispatch_due(services.reminder_queue, services.clock, lambda rid, delay: queued.append(rid))
    engine = engine_for(app_on)
    engine.enqueue = lambda rid, delay: None  # the queue entry is lost, say
    app_on.fake.throttle("chat.postMessage", times=1, retry_after=300)
    engine.deliver(queued[0])

    services.clock.instant += timedelta(minutes=3)  # past QUEUE_LOST_AFTER, not past Retry-After
    assert dispatch_due(services.reminder_queue, services.clock, lambda rid, delay: queued.append(rid)) == 0
    services.clock.instant += timedelta(minutes=5)
    assert dispatch_due(services.reminder_queue, services.clock, lambda rid, delay: queued.append(rid)) == 1


def test_the_workspace_posting_budget_comes_from_the_environment(app_on):
    from dataclasses import replace

    from slackapp.config import Settings
    from slackapp.worker import ReminderEngine, make_huey

    assert Settings.from_env({"REMINDER_POSTS_PER_MINUTE": "1"}).workspace_posts_per_minute == 1
    assert Settings.from_env({}).workspace_posts_per_minute == 300  # Slack's
    services = app_on.services
    for user in ("U1", "U2"):
        add_person(services, user)
    services.clock.instant = services.clock.instant.replace(day=23, hour=9)  # Monday 09:00 UTC
    plan_reminders(services.uow, services.reminder_queue, services.clock, services.reminder_kinds)
    services.settings = replace(services.settings, workspace_posts_per_minute=1)
    engine = ReminderEngine(services, make_huey(None, ":memory:"))
    engine.enqueue = lambda reminder_id, delay: None

    queued = []
    dispatch_due(services.reminder_queue, services.clock, lambda reminder_id, delay: queued.append(reminder_id))
    outcomes = sorted(str(engine.deliver(reminder_id)) for reminder_id in queued)

    assert outcomes == ["queued", "sent"]  # one a minute for the whole workspace: the second waits
    assert len(app_on.fake.calls_to("chat.postMessage")) == 1
