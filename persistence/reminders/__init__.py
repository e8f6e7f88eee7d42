"""Reminders' tables, repository and queue."""

from persistence.reminders.repository import SqlReminderRepository

REPOSITORIES = {"reminders": SqlReminderRepository}
