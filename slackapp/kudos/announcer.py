"""Kudos's announcer: the public post in a channel through Slack, and taking posts and DMs back."""

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from domain.kudos.ports import CannotPost
from domain.kudos.records import NewKudos, Post
from slackapp.kudos.messages import public_post

log = logging.getLogger("trellis.kudos")

POST_SECONDS = 2.0  # the post runs before a modal's acknowledgement, which Slack wants within 3 s
INVITE = "Invite it with `/invite @Trellis` in that channel, or make the kudos private."
WHY = {
    "not_in_channel": f"Trellis isn't a member of <#{{channel}}>. {INVITE}",
    "channel_not_found": f"Trellis can't see <#{{channel}}>. {INVITE}",
    "is_archived": "<#{channel}> is archived. Choose another channel, or make the kudos private.",
    "restricted_action": "Only some people may post in <#{channel}>. Choose another channel, or make it private.",
}


class SlackAnnouncer:
    def __init__(self, client: WebClient):
        self.client = client

    def announce(self, kudos: NewKudos) -> Post:
        try:
            posted = self.client.chat_postMessage(channel=kudos.channel, **public_post(kudos))
        except SlackApiError as error:
            reason = error.response.get("error", "")
            log.info("kudos not posted in %s: %s", kudos.channel, reason)
            why = WHY.get(reason, f"Slack wouldn't take the post in <#{{channel}}> ({reason}). {INVITE}")
            raise CannotPost(why.format(channel=kudos.channel)) from error
        except OSError as error:  # no answer in time: say so rather than guess
            log.warning("kudos post in %s got no answer: %s", kudos.channel, error)
            raise CannotPost("Slack didn't answer in time, so nothing was sent. Try again in a moment.") from error
        return Post(posted["channel"], posted["ts"])

    def withdraw(self, post: Post) -> None:
        try:
            self.client.chat_delete(channel=post.channel, ts=post.ts)
        except (SlackApiError, OSError) as error:  # gone already, or Slack away: the record is what counts
            reason = error.response.get("error") if isinstance(error, SlackApiError) else type(error).__name__
            log.warning("kudos message %s in %s not deleted: %s", post.ts, post.channel, reason)
