"""What the weekly team digest says, and its chart, which is uploaded to Slack as the digest is sent."""

from slack_sdk import WebClient

from domain.teams.digest import Digest, DigestReminder
from slackapp.teams.messages import digest_message
from slackapp.teams.summary import chart_blocks

REMINDER_VIEWS = {DigestReminder.name: digest_message}


def digest_chart(digest: Digest, client: WebClient) -> list:
    return chart_blocks(client, digest.team)


REMINDER_UPLOADS = {DigestReminder.name: digest_chart}
