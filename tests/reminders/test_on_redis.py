"""The engine on the running Redis: a flushed queue loses nothing, caps hold, a killed worker sends no double."""

import os
import signal
import time
import uuid
from datetime import UTC, datetime, timedelta
from datetime import time as wall_time

import redis

from domain.goals.reminders import CHECKIN
from domain.reminders.engine import QUEUE_LOST_AFTER, dispatch_due, plan_reminders
from domain.reminders.preferences import Preferences
from domain.shared.clock import FixedClock
from persistence.rate_limits import PostingLimits, limits_storage
from slackapp.queue_consumer import EmbeddedConsumer
from slackapp.worker import ReminderEngine, make_huey
from tests.conftest import start_trellis
from tests.examples import run_together
from tests.reminders.conftest import WORKSPACE, add_person, start_worker, worker_environment

ALWAYS_WORKING = Preferences(working_days=frozenset(range(7)), work_start=wall_time(0, 0), work_end=wall_time(23, 59))


def redis_engine(driver, redis_url, **limits):
    huey = make_huey(redis_url)
    huey.name = f"trellis-test-{uuid.uuid4().hex[:8]}"  # a queue of its own
    storage = limits_storage(redis_url)
    return ReminderEngine(driver.services, huey, PostingLimits(storage, **limits))


def test_a_queue_flushed_mid_dispatch_loses_no_reminder(fake_slack, database_url, clock, redis_url):
    with start_trellis(fake_slack, database_url, clock, redis_url=redis_url) as driver:
        services = driver.services
        people = [f"U{n}" for n in range(40, 50)]
        for user in people:
            add_person(services, user)
        plan_reminders(services.uow, services.reminder_queue, services.clock, services.reminder_kinds)
        services.clock.instant += timedelta(days=2)
        engine = redis_engine(driver, redis_url)

        assert engine.sweep() == len(people)  # queued in Redis…
        redis.Redis.from_url(redis_url).flushdb()  # …and gone (the test's own database: never FLUSHALL)
        consumer = EmbeddedConsumer(engine.huey, workers=2, worker_type="thread", periodic=False)
        consumer.start()
        try:
            assert engine.sweep() == 0  # not yet taken for lost
            services.clock.instant += QUEUE_LOST_AFTER + timedelta(seconds=1)
            assert engine.sweep() == len(people)  # the database knew: queued again
            fake_slack.wait_for("chat.postMessage", count=len(people), timeout=20)
        finally:
            consumer.stop(graceful=True)

        assert sorted(c.args["channel"] for c in fake_slack.calls_to("chat.postMessage")) == sorted(people)
        assert services.reminder_queue.counts() == {"sent": len(people)}


def test_the_per_person_cap_holds_under_concurrency(fake_slack, database_url, clock, redis_url):
    with start_trellis(fake_slack, database_url, clock, redis_url=redis_url) as driver:
        services = driver.services
        add_person(services, "U1")
        services.clock.instant = services.clock.instant.replace(day=24, hour=10)  # a Tuesday, in working hours
        due = services.clock.now()
        with services.uow(WORKSPACE) as uow:
            for n in range(8):
                uow.reminders.plan("U1", CHECKIN.name, f"cap-{uuid.uuid4().hex}-{n}", due)
            uow.commit()
        queued = []
        dispatch_due(services.reminder_queue, services.clock, lambda rid, delay: queued.append(rid))
        engine = redis_engine(driver, redis_url, per_channel="100/second")

        assert run_together(8, lambda: engine.deliver(queued.pop())) == []

        assert len(fake_slack.calls_to("chat.postMessage")) == 2
        assert services.reminder_queue.counts() == {"sent": 2, "pending": 6}  # the rest wait for tomorrow


def test_a_worker_killed_mid_send_and_restarted_sends_no_duplicate(tmp_path, fake_slack, redis_url):
    database = f"sqlite:///{tmp_path / 'trellis.db'}"
    clock_now = datetime.now(UTC)

    with start_trellis(fake_slack, database, FixedClock(clock_now), redis_url=redis_url) as driver:
        add_person(driver.services, "U1")
        with driver.services.uow(WORKSPACE) as uow:
            uow.reminders.save_preferences("U1", ALWAYS_WORKING)  # whatever the real time of day
            uow.reminders.plan("U1", CHECKIN.name, f"kill-{uuid.uuid4().hex}", clock_now - timedelta(minutes=1))
            uow.commit()
    fake_slack.delay("chat.postMessage", 5)  # the worker will be mid-call when it is killed
    env = worker_environment(fake_slack, database, redis_url, "0.3")

    first = start_worker(env, tmp_path, start_new_session=True)
    try:
        fake_slack.wait_for("chat.postMessage", timeout=20)
    finally:
        os.killpg(first.pid, signal.SIGKILL)
        first.wait()
    fake_slack.delay("chat.postMessage", 0)
    second = start_worker(env, tmp_path)
    try:
        time.sleep(3)  # several sweeps
    finally:
        second.terminate()
        second.wait(timeout=30)

    assert len(fake_slack.calls_to("chat.postMessage")) == 1


def test_four_dispatchers_sharing_redis_send_each_occurrence_exactly_once(fake_slack, database_url, clock, redis_url):
    with start_trellis(fake_slack, database_url, clock, redis_url=redis_url) as driver:
        services = driver.services
        people = [f"U{n}" for n in range(60, 84)]
        for user in people:
            add_person(services, user)
        plan_reminders(services.uow, services.reminder_queue, services.clock, services.reminder_kinds)
        services.clock.instant += timedelta(days=2)
        engines = [redis_engine(driver, redis_url) for _ in range(4)]
        for engine in engines[1:]:
            engine.huey = engines[0].huey  # one queue, four dispatchers
            engine.deliver_task = engines[0].deliver_task
        consumer = EmbeddedConsumer(engines[0].huey, workers=4, worker_type="thread", periodic=False)
        consumer.start()
        try:
            swept = []
            assert run_together(4, lambda: swept.append(engines[len(swept) % 4].sweep())) == []
            assert sum(swept) == len(people)  # the claims were disjoint
            fake_slack.wait_for("chat.postMessage", count=len(people), timeout=20)
        finally:
            consumer.stop(graceful=True)

        assert sorted(c.args["channel"] for c in fake_slack.calls_to("chat.postMessage")) == sorted(people)
        assert services.reminder_queue.counts() == {"sent": len(people)}
