"""Privacy's buttons: *Erase my data* (after Slack's own confirmation dialog) and *Keep my data*, and the export's
delivery. Each logs one line with the workspace, the user id and counts: never content."""

import logging

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackClientError

from domain.privacy.erasure import erase_data, erased_text
from domain.privacy.export import Export
from slackapp.privacy import ids, messages
from slackapp.privacy.archive import FILENAME, archive
from slackapp.shared.clients import slack_error
from slackapp.shared.context import unit_of_work, workspace
from slackapp.shared.files import send_file
from slackapp.shared.replies import say, tell

log = logging.getLogger("trellis.privacy")


def privacy_uow(context: BoltContext):
    return unit_of_work(context, "privacy")


def _counts(counts: dict[str, int]) -> str:
    return " ".join(f"{name}={n}" for name, n in counts.items() if n) or "none"


def deliver_export(client: WebClient, context: BoltContext, export: Export) -> bool:
    """Send the export's file to the person's DM; when Slack won't take it, say so where they asked."""
    try:
        send_file(
            client, export.user_id, archive(export), FILENAME, "Your Trellis data", messages.export_comment(export)
        )
    except (SlackClientError, OSError) as error:
        log.warning(
            "export not sent: workspace=%s user=%s: %s", workspace(context).label, export.user_id, slack_error(error)
        )
        context.respond(**say(messages.EXPORT_FAILED))
        return False
    log.info("export sent: workspace=%s user=%s %s", workspace(context).label, export.user_id, _counts(export.counts()))
    return True


def erase_button(ack: Ack, body: dict, client: WebClient, respond: Respond, context: BoltContext) -> None:
    """Erase the clicker's own data; a second click finds nothing and says so."""
    ack()
    erased = erase_data(privacy_uow(context), context.user_id)
    log.info(
        "erased: workspace=%s user=%s deleted: %s; unnamed: %s; places freed=%d",
        workspace(context).label,
        context.user_id,
        _counts(erased.deleted),
        _counts(erased.unnamed),
        erased.places_freed,
    )
    text = erased_text(erased)
    tell(body, client, respond, text, title="Erased", replace=True)
    if erased.nothing:
        return
    try:
        client.views_publish(user_id=context.user_id, view=messages.erased_home(text))
    except (SlackClientError, OSError) as error:  # the reply above said it; Home is rebuilt when next opened
        log.info("home not republished after an erasure: %s", slack_error(error))


def keep_button(ack: Ack, body: dict, client: WebClient, respond: Respond) -> None:
    ack()
    tell(body, client, respond, messages.KEPT, title="Kept", replace=True)


def register(app: App) -> None:
    app.action(ids.ERASE)(erase_button)
    app.action(ids.KEEP)(keep_button)
