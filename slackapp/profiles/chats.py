"""Growth chats in the worker: each planning pass runs the fortnight's round once per workspace (whichever worker
claims it), then sends the group DMs still to send, each once."""

import logging

from slack_sdk.errors import SlackApiError

from domain.profiles.rounds import claim_pair, release_pair, run_round, unsent_pairs
from domain.shared.workspace import WorkspaceKey
from slackapp.profiles.messages import chat_message
from slackapp.shared.clients import slack_error

log = logging.getLogger("trellis.chats")


def growth_chats(services, workspace: WorkspaceKey) -> None:
    """Pair this round's people if no worker has yet, then open a group DM for each pair not yet sent."""

    def uow():
        return services.units["profiles"](workspace)

    done = run_round(uow(), services.clock)
    if done is not None:
        log.info("growth chats round %s in %s: %d pairs, %d left out", done.key, workspace, done.pairs, done.left_out)
    client = services.clients.for_workspace(workspace)  # retries Slack's 429 after Retry-After
    for pair in unsent_pairs(uow()):
        if not claim_pair(uow(), services.clock, pair):
            continue  # another worker took it, or one of the two opted out since
        try:
            opened = client.conversations_open(users=[pair.first, pair.second])
            client.chat_postMessage(channel=opened["channel"]["id"], **chat_message(pair))
        except (SlackApiError, OSError) as error:
            log.warning("growth chat %s not sent: %s", pair.id, slack_error(error))
            release_pair(uow(), pair.id)
