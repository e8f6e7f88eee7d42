"""The weekly team digest: it arrives once through `trellis worker`, with its chart, on the manager's weekday and
time; a manager turns it off in `/growth settings`; App Home shows a manager their team."""

import time
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import text

from domain.reminders.engine import plan_reminders
from domain.shared.clock import SystemClock
from domain.teams.digest import DigestReminder
from slackapp.teams import ids
from tests.conftest import start_trellis
from tests.reminders.conftest import start_worker, worker_environment
from tests.reminders.test_settings_in_slack import GOOD as GOOD_SETTINGS
from tests.reminders.test_settings_in_slack import settings_modal
from tests.slack_driver import text_of, view_arg
from tests.teams.test_teams_in_slack import PNG, goals_of, linked

DIGEST = "Your team's week in Trellis"


def digest_plans(trellis) -> int:
    with trellis.services.engine.connect() as connection:
        query = "SELECT count(*) FROM reminders WHERE kind = 'team_digest' AND state = 'pending' AND user_id = 'U1'"
        return connection.execute(text(query)).scalar()


def plan(trellis) -> None:
    s = trellis.services
    plan_reminders(s.uow, s.reminder_queue, s.clock, s.reminder_kinds)


def test_the_digest_arrives_once_through_the_worker_with_its_chart(tmp_path, fake_slack, redis_url):
    database = f"sqlite:///{tmp_path / 'trellis.db'}"
    kolkata = ZoneInfo("Asia/Kolkata")  # U1's zone in the fake Slack
    with start_trellis(fake_slack, database, SystemClock(), redis_url=redis_url) as trellis:
        goals_of(trellis, "U2", ("Ship the beta to ten design partners", "team"))  # started this week
        linked(trellis, "U1", "U2")
        at = (datetime.now(UTC) + timedelta(seconds=90)).astimezone(kolkata).replace(second=0, microsecond=0)
        modal = settings_modal(trellis)
        assert "Weekly team digest" in text_of(modal)
        every_day = {
            **GOOD_SETTINGS,
            "cadence": "off",
            "weekday": str(at.weekday()),
            "at": f"{at:%H:%M}",
            "holiday_country": None,
            "working_days": [str(d) for d in range(7)],
            "work_start": "00:00",
            "work_end": "23:59",
            "kinds_on": [DigestReminder.name],
        }
        assert trellis.submit_view(modal, every_day).json()["response_action"] == "update"
        before = len(fake_slack.calls_to("chat.postMessage", channel="U1"))

        env = worker_environment(fake_slack, database, redis_url)
        worker = start_worker(env, tmp_path)
        try:
            fake_slack.wait_for("chat.postMessage", count=before + 1, timeout=180, channel="U1")
            time.sleep(3)  # a few more sweeps: nothing more may come
        finally:
            worker.terminate()
            worker.wait(timeout=30)

        digests = [c for c in fake_slack.calls_to("chat.postMessage", channel="U1") if DIGEST in text_of(c.args)]
        assert len(digests) == 1
        shown = text_of(digests[0].args)
        assert "*Started*" in shown and "Ship the beta to ten design partners" in shown and "1 person" in shown
        [image] = [b for b in digests[0].args["blocks"] if b["type"] == "image"]
        assert fake_slack.uploaded[image["slack_file"]["id"]].startswith(PNG)


def test_a_manager_turns_the_digest_off_in_settings(trellis, fake_slack):
    linked(trellis, "U1", "U2")
    plan(trellis)
    assert digest_plans(trellis) == 1

    modal = settings_modal(trellis)
    [toggle] = [b for b in modal["blocks"] if b.get("block_id") == "kinds_on"]
    assert [o["value"] for o in toggle["element"]["initial_options"]] == [DigestReminder.name]  # on by default
    assert trellis.submit_view(modal, {**GOOD_SETTINGS, "kinds_on": []}).json()["response_action"] == "update"
    plan(trellis)

    assert digest_plans(trellis) == 0
    again = settings_modal(trellis)
    [toggle] = [b for b in again["blocks"] if b.get("block_id") == "kinds_on"]
    assert not toggle["element"].get("initial_options")
    assert "kinds_on" not in str(settings_modal_for(trellis, "U2"))  # someone with no report is offered nothing


def settings_modal_for(trellis, user: str) -> dict:
    before = len(trellis.fake.calls_to("views.open"))
    trellis.command("settings", command="/growth", user=user)
    return view_arg(trellis.fake.wait_for("views.open", count=before + 1)[before])


def test_app_home_shows_a_manager_their_team_with_view(trellis, fake_slack):
    goals_of(trellis, "U2", ("Ship the beta to ten design partners", "manager"))
    linked(trellis, "U1", "U2")

    trellis.open_home(user="U1")
    home = view_arg(fake_slack.wait_for("views.publish", user_id="U1")[-1])
    shown = text_of(home)
    assert "*Your team*" in shown and "Bruno" in shown and ids.VIEW in shown

    trellis.open_home(user="U2")
    assert "*Your team*" not in text_of(view_arg(fake_slack.wait_for("views.publish", user_id="U2")[-1]))
