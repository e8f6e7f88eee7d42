"""Listeners grouped by Slack concept; each module has one register(app)."""

from slack_bolt import App

from slackapp.listeners import actions, commands, events, options, views


def register_listeners(app: App) -> None:
    for group in (commands, views, actions, options, events):
        group.register(app)
