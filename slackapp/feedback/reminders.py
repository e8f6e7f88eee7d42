"""What feedback's reminders say: a nudge with Answer and Decline, and the requester's summary at close."""

from domain.feedback.reminders import NudgeReminder, SummaryReminder
from slackapp.feedback.messages import closed_summary, nudge_message

REMINDER_VIEWS = {NudgeReminder.name: nudge_message, SummaryReminder.name: closed_summary}
