"""The team summary in Slack, with its chart: drawn, uploaded through the external upload API and shown in an image
block; in words when there is nothing to chart, the upload fails, or Slack can't show the image yet."""

import logging

from slack_bolt import Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackClientError
from slack_sdk.models.blocks import Block

from domain.teams.summary import TeamSummary
from slackapp.shared.blocks import escape, section
from slackapp.shared.clients import slack_error
from slackapp.shared.files import image_block, upload_image, without_images
from slackapp.teams import messages
from slackapp.teams.chart import render, text_alternative

log = logging.getLogger("trellis.teams")
CHART_TITLE = "Progress against time elapsed"


def chart_blocks(client: WebClient, team: TeamSummary) -> list:
    """The chart as an image uploaded to Slack; its words instead when there is nothing to chart or the upload
    fails."""
    bars = messages.bars(team)
    if not bars:
        return []
    words = text_alternative(bars)
    try:
        file_id = upload_image(client, render(bars, CHART_TITLE), "team-progress.png", CHART_TITLE, words)
    except (SlackClientError, OSError) as error:
        log.warning("team chart not uploaded: %s", slack_error(error))
        return [section(escape(words))]
    return [Block.parse(image_block(file_id, words, CHART_TITLE))]


def show_summary(client: WebClient, respond: Respond, team: TeamSummary) -> None:
    """The summary with its chart, below the command; the chart in words when Slack can't show the image yet."""
    blocks = [b.to_dict() for b in messages.team_blocks(team, chart_blocks(client, team))]
    reply = {"response_type": "ephemeral", "text": messages.team_headline(team), "blocks": blocks}
    if refused(respond(**reply)):
        respond(**{**reply, "blocks": without_images(blocks)})


def refused(answer) -> bool:
    """Did a response URL refuse the message? Slack says so with a 4xx status; the fake with `"ok": false`."""
    return answer.status_code != 200 or '"ok": false' in (answer.body or "")
