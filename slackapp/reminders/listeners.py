"""Reminders in Slack: `/growth settings`, the settings modal, its searchable menus, and snoozing."""

from zoneinfo import available_timezones

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.models.blocks import ButtonElement

from domain.people.members import Member
from domain.reminders.preferences import holiday_countries
from domain.reminders.settings import reminder_settings, save_reminder_settings, snooze
from domain.shared.errors import DomainError
from slackapp.home.composer import Part
from slackapp.reminders import ids
from slackapp.reminders.messages import snoozed_text
from slackapp.reminders.settings import search_options, settings_form_from_state, settings_modal, when_text
from slackapp.shared.blocks import local_date
from slackapp.shared.context import member, services, unit_of_work
from slackapp.shared.replies import answer_submission, notice_modal, say
from slackapp.shared.router import Call, Verb

TIME_ZONES = sorted((name, name.replace("_", " ")) for name in available_timezones() if "/" in name)


def reminders_uow(context: BoltContext):
    return unit_of_work(context, "reminders")


def open_settings(client: WebClient, context: BoltContext, trigger_id: str) -> None:
    owner = member(context, allow_stale=True)
    s = services(context)
    settings = reminder_settings(reminders_uow(context), s.clock, owner, s.reminder_kinds)
    client.views_open(trigger_id=trigger_id, view=settings_modal(settings))


def settings_command(call: Call) -> None:
    call.ack()
    open_settings(call.client, call.context, call.trigger_id)


SETTINGS_VERB = Verb(
    "settings",
    settings_command,
    (
        (
            "/growth settings",
            "when check-in reminders come: how often, which day and time, your working days and hours, your "
            "time zone, public holidays, and a pause",
            "/growth settings",
        ),
    ),
)


def settings_button(ack: Ack, body: dict, client: WebClient, context: BoltContext) -> None:
    ack()
    open_settings(client, context, body["trigger_id"])


def submit_settings(ack: Ack, view: dict, context: BoltContext) -> None:
    def save():
        owner = member(context, allow_stale=True)
        form = settings_form_from_state(view["state"]["values"])
        s = services(context)
        saved = save_reminder_settings(reminders_uow(context), s.clock, owner, form, s.reminder_kinds)
        return notice_modal("Saved", when_text(saved))

    answer_submission(ack, save)


def time_zone_options(ack: Ack, payload: dict) -> None:
    ack(options=search_options(TIME_ZONES, payload.get("value") or ""))


def country_options(ack: Ack, payload: dict) -> None:
    ack(options=search_options(holiday_countries(), payload.get("value") or ""))


def snooze_button(ack: Ack, action: dict, respond: Respond, context: BoltContext) -> None:
    ack()
    choice, _, reminder_id = action["value"].partition(":")
    owner = member(context, allow_stale=True)
    try:
        due = snooze(reminders_uow(context), services(context).clock, owner, int(reminder_id), choice)
    except DomainError as error:
        respond(replace_original=False, **say(error.message))
        return
    when = f"{local_date(due, due.tzinfo)} at {due:%H:%M}"
    respond(replace_original=True, **snoozed_text(when))


class RemindersSection:
    """Reminders on App Home: a button to the settings, and no blocks of its own."""

    budget = 0

    def part(self, context: BoltContext, reader: Member, budget: int) -> Part:
        return Part([ButtonElement(text="Reminder settings", action_id=ids.SETTINGS_OPEN)])


def register(app: App) -> None:
    for action_id in (ids.SETTINGS_OPEN, *ids.RENAMED):
        app.action(action_id)(settings_button)
    app.view(ids.SETTINGS)(submit_settings)
    app.options(ids.TZ_OPTIONS)(time_zone_options)
    app.options(ids.COUNTRY_OPTIONS)(country_options)
    app.action(ids.SNOOZE)(snooze_button)
