"""End to end: a person sets their check-in a minute ahead, `trellis worker` runs, one DM arrives."""

import time
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from domain.shared.clock import SystemClock
from slackapp.goals.form import new_goal_modal
from slackapp.goals.ids import VERB_BUTTON as GOAL_BUTTON
from slackapp.reminders.ids import SNOOZE
from tests.conftest import start_trellis
from tests.examples import GOOD_GOAL
from tests.goals.test_goal_edges import dm_blocks
from tests.goals.test_goal_lifecycle import opened
from tests.reminders.conftest import start_worker, worker_environment
from tests.reminders.test_settings_in_slack import GOOD as GOOD_SETTINGS
from tests.reminders.test_settings_in_slack import settings_modal
from tests.slack_driver import text_of


def test_a_check_in_set_a_minute_ahead_arrives_once_and_its_button_opens_the_form(tmp_path, fake_slack, redis_url):
    database = f"sqlite:///{tmp_path / 'trellis.db'}"
    kolkata = ZoneInfo("Asia/Kolkata")  # U1's zone in the fake Slack
    with start_trellis(fake_slack, database, SystemClock(), redis_url=redis_url) as trellis:
        due_on = (datetime.now(kolkata) + timedelta(days=120)).date().isoformat()
        assert (
            trellis.submit_view(new_goal_modal(), {**GOOD_GOAL, "due_on": due_on}).json()["response_action"] == "update"
        )
        at = (datetime.now(UTC) + timedelta(seconds=90)).astimezone(kolkata).replace(second=0, microsecond=0)
        settings = {
            **GOOD_SETTINGS,
            "weekday": str(at.weekday()),
            "at": f"{at:%H:%M}",
            "holiday_country": None,
            "working_days": [str(d) for d in range(7)],
            "work_start": "00:00",
            "work_end": "23:59",
        }
        saved = trellis.submit_view(settings_modal(trellis), settings).json()
        assert f"{at:%H:%M}* (Asia/Kolkata)" in text_of(saved["view"])

        env = worker_environment(fake_slack, database, redis_url)
        worker = start_worker(env, tmp_path)
        try:
            [dm] = fake_slack.wait_for("chat.postMessage", timeout=180)
            time.sleep(3)  # a few more sweeps: nothing more may come
        finally:
            worker.terminate()
            worker.wait(timeout=30)

        assert len(fake_slack.calls_to("chat.postMessage")) == 1
        assert dm.args["channel"] == "U1" and "Time to check in on your goal" in text_of(dm.args)
        assert datetime.fromtimestamp(dm.at - time.monotonic() + time.time(), UTC) >= at - timedelta(seconds=1)
        blocks = dm_blocks(dm)
        [check_in] = [
            b["accessory"] for b in blocks if b.get("accessory", {}).get("action_id") == GOAL_BUTTON + "checkin"
        ]
        assert SNOOZE in text_of(blocks)

        before = len(fake_slack.calls_to("views.open"))
        trellis.click(check_in["action_id"], value=check_in["value"], message={"blocks": blocks})
        assert opened(trellis, before + 1)["callback_id"] == "goal_checkin"
