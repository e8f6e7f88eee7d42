"""Sending a reminder DM through Slack, and telling a sure failure from an unknown outcome."""

import urllib.error

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from domain.goals.model import Goal
from domain.people.members import Member
from domain.reminders.engine import NotSent, Refused, Sent, Unknown
from domain.reminders.model import DueSoon, Reminder
from slackapp.views.reminders import due_soon_dm, reminder_dm


class SlackReminderSender:
    def __init__(self, client: WebClient):
        # No retry handlers: the engine decides about retries, and honours Retry-After itself.
        self.client = WebClient(
            token=client.token, base_url=client.base_url, timeout=10, retry_handlers=[], logger=client.logger
        )

    def send(self, reminder: Reminder, member: Member, content: list[Goal] | DueSoon):
        message = (
            due_soon_dm(content, reminder.id) if isinstance(content, DueSoon) else reminder_dm(content, reminder.id)
        )
        try:
            response = self.client.chat_postMessage(channel=member.user_id, **message)
        except SlackApiError as error:
            if error.response.status_code == 429:
                return NotSent(float(error.response.headers.get("Retry-After", 1)), "rate limited")
            if error.response.status_code >= 500:
                return Unknown(f"slack answered {error.response.status_code}")
            return Refused(str(error.response.get("error")))
        except urllib.error.URLError as error:
            if isinstance(error.reason, ConnectionRefusedError):
                return NotSent(5.0, "connection refused")  # nothing left this machine
            return Unknown(f"{error.reason}")
        except (TimeoutError, OSError) as error:
            return Unknown(type(error).__name__)
        return Sent(str(response.get("ts")))
