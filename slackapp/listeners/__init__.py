"""Listeners grouped by Slack concept; each module has one register(app)."""

from slack_bolt import App

from slackapp.listeners import actions, commands, events, options, reminders, views


def register_listeners(app: App) -> None:
    for group in (commands, views, actions, options, reminders, events):
        group.register(app)
