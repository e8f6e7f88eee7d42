"""Reminder settings and snoozing, through the HTTP endpoint."""

from domain.goals.reminders import CHECKIN
from slackapp.reminders.ids import COUNTRY_OPTIONS, SNOOZE, TZ_OPTIONS
from slackapp.reminders.ids import SETTINGS_OPEN as SETTINGS_BUTTON
from tests.goals.test_goal_lifecycle import ephemeral, home, opened
from tests.reminders.conftest import WORKSPACE, add_person, sent_reminder
from tests.slack_driver import text_of

GOOD = {
    "cadence": "weekly",
    "weekday": "1",
    "at": "10:30",
    "working_days": ["0", "1", "2", "3", "4"],
    "work_start": "09:00",
    "work_end": "18:00",
    "tz": None,
    "holiday_country": "DE",
    "paused_until": None,
}


def settings_modal(trellis) -> dict:
    before = len(trellis.fake.calls_to("views.open"))
    trellis.command("settings", command="/growth")
    return opened(trellis, before + 1)


def test_settings_open_with_the_next_reminder_and_save_with_the_new_one(trellis):
    modal = settings_modal(trellis)
    assert modal["callback_id"] == "reminder_settings"
    assert "Monday 23 Nov 2026, 09:00* (Asia/Kolkata)" in text_of(modal)  # Slack's zone for U1 by default

    saved = trellis.submit_view(modal, GOOD).json()

    assert saved["response_action"] == "update"
    assert "Tuesday 24 Nov 2026, 10:30* (Asia/Kolkata)" in text_of(saved["view"])
    again = settings_modal(trellis)
    assert "Tuesday 24 Nov 2026, 10:30" in text_of(again)
    [country] = [b for b in again["blocks"] if b.get("block_id") == "holiday_country"]
    assert country["element"]["initial_option"]["value"] == "DE"


def test_bad_settings_are_inline_errors(trellis):
    answer = trellis.submit_view(settings_modal(trellis), {**GOOD, "working_days": [], "work_end": "08:00"}).json()

    assert answer["response_action"] == "errors"
    assert set(answer["errors"]) == {"working_days", "work_end"}


def test_off_means_no_reminder(trellis):
    saved = trellis.submit_view(settings_modal(trellis), {**GOOD, "cadence": "off"}).json()

    assert "Check-in reminders are *off*." in text_of(saved["view"])


def test_time_zones_and_countries_are_searched_as_you_type(trellis):
    zones = trellis.suggest(TZ_OPTIONS, "tz", value="kolk").json()["options"]
    countries = trellis.suggest(COUNTRY_OPTIONS, "holiday_country", value="indi").json()["options"]

    assert [o["value"] for o in zones] == ["Asia/Kolkata"]
    assert {"value": "IN", "text": {"type": "plain_text", "text": "India", "emoji": True}} in countries


def test_app_home_has_a_button_for_the_settings(trellis):
    board = home(trellis)
    assert SETTINGS_BUTTON in text_of(board)

    before = len(trellis.fake.calls_to("views.open"))
    trellis.click(SETTINGS_BUTTON)

    assert opened(trellis, before + 1)["callback_id"] == "reminder_settings"


def test_snoozing_plans_the_reminder_again_and_snoozing_twice_moves_it(trellis):
    add_person(trellis.services, "U1", tz="Asia/Kolkata")
    reminder = sent_reminder(trellis.services, "U1", CHECKIN.name, "2026-W47")

    trellis.click(SNOOZE, value=f"tomorrow:{reminder.id}", message={"blocks": []})
    trellis.click(SNOOZE, value=f"hour:{reminder.id}", message={"blocks": []})

    first, second = trellis.fake.wait_for("response", count=2)
    assert "Snoozed. Trellis will remind you again 23 Nov 2026 at 09:00." in text_of(first.args)
    assert "again 23 Nov 2026 at 09:00." in text_of(second.args)  # Saturday: an hour on is Monday morning
    with trellis.services.uow(WORKSPACE) as uow:
        assert uow.reminders.plan("U1", CHECKIN.name, reminder.snooze_key(), trellis.services.clock.now()) is False
    assert trellis.services.reminder_queue.counts() == {"sent": 1, "pending": 1}  # the reminder; one snooze, moved


def test_growth_help_and_unknown_words(trellis):
    assert "`/growth settings`" in ephemeral(trellis.command("help", command="/growth"))
    assert "doesn't know `/growth mentors`" in ephemeral(trellis.command("mentors", command="/growth"))
