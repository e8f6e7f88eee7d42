"""Sending a reminder DM through Slack, and telling a sure failure from an unknown outcome."""

import logging
import urllib.error
from collections.abc import Callable, Mapping

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from domain.people.members import Member
from domain.reminders.model import Reminder
from domain.reminders.ports import NotSent, Refused, Sent, Unknown
from slackapp.reminders.messages import reminder_message
from slackapp.shared.boundary import storage_failed
from slackapp.shared.clients import NotInstalled, SlackClients, slack_error
from slackapp.shared.files import without_images

log = logging.getLogger("trellis.reminders")
NO_TOKEN_RETRY = 60.0  # seconds

ReminderView = Callable[[object], tuple[str, list]]  # a kind's content → its text and blocks
# A kind's content and the workspace's client → blocks that need Slack first (an uploaded image), added at the end.
ReminderUpload = Callable[[object, WebClient], list]


class SlackReminderSender:
    def __init__(
        self,
        clients: SlackClients,
        views: Mapping[str, ReminderView],
        unsnoozable: frozenset[str] = frozenset(),
        uploads: Mapping[str, ReminderUpload] | None = None,
    ):
        self.clients = clients
        self.views = views  # by kind name: what each kind of reminder says in Slack
        self.unsnoozable = unsnoozable  # kinds whose reminders offer no snooze
        self.uploads = uploads or {}

    def send(self, reminder: Reminder, member: Member, content: object):
        # No retry handlers: the engine decides about retries, and honours Retry-After itself.
        try:
            client = self.clients.for_workspace(reminder.workspace, retries=False)
        except NotInstalled as gone:  # only installing it again mends this
            return Refused(gone.why)
        except Exception as error:  # its token can't be read now: nothing reached Slack
            if not (storage_failed(error) or isinstance(error, SlackClientError | OSError)):
                raise
            log.warning(
                "reminder %s: no token for its workspace (%s); trying again later", reminder.id, slack_error(error)
            )
            return NotSent(NO_TOKEN_RETRY, "no token")
        text, blocks = self.views[reminder.kind](content)
        if upload := self.uploads.get(reminder.kind):
            blocks = [*blocks, *upload(content, client)]
        message = reminder_message(text, blocks, reminder.id, snoozes=reminder.kind not in self.unsnoozable)
        try:
            response = self._post(client, member.user_id, message)
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

    @staticmethod
    def _post(client: WebClient, channel: str, message: dict):
        """Post; an image Slack hasn't processed yet (`invalid_blocks` just after its upload) goes in words."""
        try:
            return client.chat_postMessage(channel=channel, **message)
        except SlackApiError as error:
            blocks = message.get("blocks") or []
            if error.response.get("error") != "invalid_blocks" or blocks == without_images(blocks):
                raise
            return client.chat_postMessage(channel=channel, **{**message, "blocks": without_images(blocks)})
