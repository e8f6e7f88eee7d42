"""Reminders in Slack: `/growth settings`, the settings modal, its searchable menus, and snoozing."""

from zoneinfo import available_timezones

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from domain.shared.errors import DomainError
from domain.reminders.preferences import holiday_countries
from domain.reminders.settings import reminder_settings, save_reminder_settings, snooze
from slackapp.listeners.context import member, services, unit_of_work
from slackapp.listeners.views import answer
from slackapp.views import messages
from slackapp.views.goal_modals import notice_modal
from slackapp.views.home import SETTINGS_BUTTON
from slackapp.views.mrkdwn import escape, local_date
from slackapp.views.reminder_settings import (
    COUNTRY_OPTIONS,
    SETTINGS_CALLBACK,
    TZ_OPTIONS,
    search_options,
    settings_form_from_state,
    settings_modal,
    when_text,
)
from slackapp.views.reminders import SNOOZE, snoozed_text

TIME_ZONES = sorted((name, name.replace("_", " ")) for name in available_timezones() if "/" in name)
GROWTH_HELP = (
    "*/growth*\n• `/growth settings`: when check-in reminders come: how often, which day and time, your working "
    "days and hours, your time zone, public holidays, and a pause. Example: `/growth settings`\n"
    "• `/growth help`: this help. Growth profiles, mentoring and team summaries come in a later release."
)


def growth_command(ack: Ack, command: dict, client: WebClient, context: BoltContext) -> None:
    word = (command.get("text") or "").strip().lower()
    if word == "settings":
        ack()
        open_settings(client, context, command["trigger_id"])
    elif word in ("", "help"):
        ack(**messages.say(GROWTH_HELP))
    else:
        ack(**messages.say(f"Trellis doesn't know `/growth {escape(word)}` yet.\n{GROWTH_HELP}"))


def open_settings(client: WebClient, context: BoltContext, trigger_id: str) -> None:
    owner = member(context, client, allow_stale=True)
    settings = reminder_settings(unit_of_work(context), services(context).clock, owner)
    client.views_open(trigger_id=trigger_id, view=settings_modal(settings))


def settings_button(ack: Ack, body: dict, client: WebClient, context: BoltContext) -> None:
    ack()
    open_settings(client, context, body["trigger_id"])


def submit_settings(ack: Ack, view: dict, client: WebClient, context: BoltContext) -> None:
    def save():
        owner = member(context, client, allow_stale=True)
        form = settings_form_from_state(view["state"]["values"])
        saved = save_reminder_settings(unit_of_work(context), services(context).clock, owner, form)
        return notice_modal("Saved", when_text(saved))

    answer(ack, save)


def time_zone_options(ack: Ack, payload: dict) -> None:
    ack(options=search_options(TIME_ZONES, payload.get("value") or ""))


def country_options(ack: Ack, payload: dict) -> None:
    ack(options=search_options(holiday_countries(), payload.get("value") or ""))


def snooze_button(ack: Ack, action: dict, respond: Respond, client: WebClient, context: BoltContext) -> None:
    ack()
    choice, _, reminder_id = action["value"].partition(":")
    owner = member(context, client, allow_stale=True)
    try:
        due = snooze(unit_of_work(context), services(context).clock, owner, int(reminder_id), choice)
    except DomainError as error:
        respond(replace_original=False, **messages.say(error.message))
        return
    when = f"{local_date(due, due.tzinfo)} at {due:%H:%M}"
    respond(replace_original=True, **snoozed_text(when))


def register(app: App) -> None:
    app.command("/growth")(growth_command)
    app.action(SETTINGS_BUTTON)(settings_button)
    app.view(SETTINGS_CALLBACK)(submit_settings)
    app.options(TZ_OPTIONS)(time_zone_options)
    app.options(COUNTRY_OPTIONS)(country_options)
    app.action(SNOOZE)(snooze_button)
