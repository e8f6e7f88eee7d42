"""The reminder settings modal: cadence, day and time, working time, time zone, holidays, a pause."""

from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import (
    ContextBlock,
    ExternalDataSelectElement,
    InputBlock,
    MarkdownTextObject,
    SectionBlock,
    TimePickerElement,
)

from domain.reminders.preferences import WEEKDAYS, Cadence, PreferencesForm
from domain.reminders.settings import ReminderSettings
from domain.shared.text import human_date
from slackapp.reminders import ids
from slackapp.shared.inputs import checkboxes_input, date_input, form_from_state, form_modal, option, select_input


def _time_input(field: str, label: str, value) -> InputBlock:
    return InputBlock(
        block_id=field, label=label, element=TimePickerElement(action_id="value", initial_time=value.strftime("%H:%M"))
    )


def _search_input(field, label, action_id, initial, hint, min_query_length):
    element = ExternalDataSelectElement(
        action_id=action_id, placeholder="Type to search", min_query_length=min_query_length, initial_option=initial
    )
    return InputBlock(block_id=field, label=label, element=element, optional=True, hint=hint)


def when_text(settings: ReminderSettings) -> str:
    if settings.next_at is None:
        return "Check-in reminders are *off*."
    local = settings.next_at.astimezone(ZoneInfo(settings.zone_name))
    return (
        f"Your next check-in reminder: *{local:%A} {human_date(local.date())}, {local:%H:%M}* ({settings.zone_name})."
    )


def settings_modal(settings: ReminderSettings) -> dict:
    prefs = settings.prefs
    cadences = [option(c.value, c.label) for c in Cadence]
    days = [option(str(n), name) for n, name in enumerate(WEEKDAYS)]
    working = checkboxes_input("working_days", "Working days", days)
    working.element.initial_options = [days[n] for n in sorted(prefs.working_days)]
    tz = option(prefs.tz, prefs.tz) if prefs.tz else None
    country = option(prefs.holiday_country, prefs.holiday_country) if prefs.holiday_country else None
    blocks = [
        SectionBlock(text=MarkdownTextObject(text=when_text(settings))),
        select_input("cadence", "Check-in reminders", cadences, initial=cadences[list(Cadence).index(prefs.cadence)]),
        select_input(
            "weekday",
            "On",
            days,
            initial=days[prefs.weekday],
            hint="For monthly reminders: the month's first such day.",
        ),
        _time_input("at", "At", prefs.at),
        working,
        _time_input("work_start", "Working day starts", prefs.work_start),
        _time_input("work_end", "Working day ends", prefs.work_end),
        _search_input("tz", "Time zone", ids.TZ_OPTIONS, tz, f"Empty means Slack's: {settings.zone_name}.", 2),
        _search_input("holiday_country", "Skip the public holidays of", ids.COUNTRY_OPTIONS, country, None, 1),
        date_input(
            "paused_until",
            "Pause reminders until",
            optional=True,
            initial=prefs.paused_until.isoformat() if prefs.paused_until else None,
        ),
        *_optional_kinds(settings),
        ContextBlock(
            elements=[
                MarkdownTextObject(
                    text="Reminders never come outside your working days and hours: one due then waits for the next "
                    "working moment. At most two reminders a day."
                )
            ]
        ),
    ]
    return form_modal(ids.SETTINGS, "Reminder settings", "Save", blocks)


def _optional_kinds(settings: ReminderSettings) -> list:
    """A checkbox for each kind of reminder the person may turn off, ticked while it is on."""
    if not settings.optional:
        return []
    kinds = [option(name, label) for name, label in settings.optional.items()]
    block = checkboxes_input("kinds_on", "Also send me", kinds)
    block.element.initial_options = [o for o in kinds if o.value not in settings.prefs.off_kinds] or None
    return [block]


def settings_form_from_state(values: dict) -> PreferencesForm:
    return form_from_state(values, PreferencesForm)


def search_options(pairs: list[tuple[str, str]], query: str) -> list[dict]:
    """Up to 100 (value, label) pairs whose label or value contains `query`."""
    query = query.strip().lower()
    found = [option(value, label) for value, label in pairs if query in label.lower() or query == value.lower()]
    return [o.to_dict() for o in found[:100]]
