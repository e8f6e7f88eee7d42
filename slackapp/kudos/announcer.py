"""Kudos's announcer: the public post in a channel through Slack, and taking posts and DMs back."""

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from domain.kudos.ports import CannotPost
from domain.kudos.records import NewKudos, Post
from slackapp.kudos.messages import public_post
from slackapp.shared.clients import slack_error

log = logging.getLogger("trellis.kudos")

POST_SECONDS = 5.0  # after the acknowledgement; no retries, which could post twice
INVITE = "Invite it with `/invite @Trellis` in that channel, then give it again, or make it private."
WHY = {
    "not_in_channel": f"Trellis isn't a member of <#{{channel}}>. {INVITE}",
    "channel_not_found": f"Trellis can't see <#{{channel}}>. {INVITE}",
    "is_archived": "<#{channel}> is archived. Give it again in another channel, or make it private.",
    "restricted_action": "Only some people may post in <#{channel}>. Give it again elsewhere, or make it private.",
}
BUSY = "Slack didn't take the post in <#{channel}> just now ({reason}). Give it again in a minute."


class SlackAnnouncer:
    def __init__(self, client: WebClient):
        self.client = client

    def announce(self, kudos: NewKudos) -> Post | None:
        try:
            posted = self.client.chat_postMessage(channel=kudos.channel, **public_post(kudos))
        except SlackApiError as error:
            reason = error.response.get("error", "")
            log.info("kudos not posted in %s: %s", kudos.channel, reason)
            raise CannotPost(WHY.get(reason, BUSY).format(channel=kudos.channel, reason=reason)) from error
        except OSError as error:  # no answer: it may be posted, so it is neither retried nor taken back
            log.warning("kudos post in %s got no answer: %s", kudos.channel, error)
            return None
        return Post(posted["channel"], posted["ts"])

    def withdraw(self, post: Post) -> None:
        try:
            self.client.chat_delete(channel=post.channel, ts=post.ts)
        except (SlackApiError, OSError) as error:  # gone already, or Slack away: the record is what counts
            log.warning("kudos message %s in %s not deleted: %s", post.ts, post.channel, slack_error(error))
