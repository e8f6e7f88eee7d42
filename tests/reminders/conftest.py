"""Fixtures for the reminder engine: Trellis's services on a real database, with the fake Slack."""

import ctypes
import signal
import subprocess
from datetime import UTC, datetime

import pytest

from domain.goals.model import GoalForm
from domain.goals.services import set_goal
from domain.people.members import Member
from domain.reminders.model import Reminder, ReminderState
from domain.shared.workspace import WorkspaceKey
from slackapp.worker import ReminderEngine, make_huey
from tests.conftest import start_trellis
from tests.examples import GOOD_GOAL
from tests.test_cli import TRELLIS, environment

PR_SET_PDEATHSIG = 1  # Linux prctl: the signal a child gets when its parent dies

WORKSPACE = WorkspaceKey("", "T1")
# Saturday 21 Nov 2026, noon UTC; people's first reminders fall on Monday 23 Nov at 09:00 local
NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)


@pytest.fixture
def app_on(fake_slack, database_url, clock, request):
    """Trellis's services on SQLite and on PostgreSQL."""
    with start_trellis(fake_slack, database_url, clock) as driver:
        yield driver


def add_person(services, user_id: str, tz: str = "UTC", goals: int = 1) -> Member:
    member = Member(user_id, user_id, tz, services.clock.now())
    uow = services.uow(WORKSPACE)
    with uow:
        uow.members.save(member)  # as when they first used Trellis
        uow.commit()
    for n in range(goals):
        set_goal(uow, services.clock, member, GoalForm(**{**GOOD_GOAL, "title": f"Goal {n} of {user_id} for the year"}))
    return member


def engine_for(driver, huey=None) -> ReminderEngine:
    return ReminderEngine(driver.services, huey or make_huey(None, ":memory:"))


def sent_reminder(services, user_id: str, kind: str, key: str) -> Reminder:
    """An occurrence planned now and already sent, as if its DM had gone out: one a person can snooze."""
    now = services.clock.now()
    with services.uow(WORKSPACE) as uow:
        assert uow.reminders.plan(user_id, kind, key, now)
        uow.commit()
    [reminder_id] = services.reminder_queue.claim_due(now, 10)
    reminder = services.reminder_queue.start(reminder_id)
    services.reminder_queue.finish(reminder_id, ReminderState.SENT, now)
    return reminder


def worker_environment(fake_slack, database: str, redis_url: str, sweep_seconds: str = "1") -> dict:
    """What a `trellis worker` process needs to send through the fake Slack, sweeping often."""
    return environment(
        SLACK_BOT_TOKEN="xoxb-1",
        SLACK_API_URL=fake_slack.api_url,
        DATABASE_URL=database,
        REDIS_URL=redis_url,
        REMINDER_SWEEP_SECONDS=sweep_seconds,
    )


def start_worker(env: dict, cwd, **options) -> subprocess.Popen:
    """A `trellis worker` process that dies with the tests: a killed test run must not leave one consuming the
    test queue of the next run."""
    libc = ctypes.CDLL(None, use_errno=True)

    def die_with_parent() -> None:
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)

    return subprocess.Popen(
        [TRELLIS, "worker"],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=die_with_parent,
        **options,
    )
