"""Teams's buttons and modal: Accept, Decline and *That's not right* in DMs, *View* on a summary, and the import's
submission; and the pieces the commands share: DMs, the summary with its chart."""

import logging

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from domain.shared.errors import AlreadyDone, DomainError
from domain.teams.imports import import_links
from domain.teams.links import Ended, accept, decline, end_link
from domain.teams.report import report_view
from slackapp.shared.blocks import escape
from slackapp.shared.context import member, now, services, unit_of_work, workspace
from slackapp.shared.directory import SlackFinder
from slackapp.shared.files import (
    FileTooLarge,
    FileUnavailable,
    download,
)
from slackapp.shared.inputs import read_state
from slackapp.shared.replies import answer_request, message, notice_modal, tell
from slackapp.shared.replies import dm as send_dm
from slackapp.teams import ids, messages, requests

log = logging.getLogger("trellis.teams")
CSV_LIMIT = 1_000_000  # bytes: a team list of thousands of rows is far smaller


def teams_uow(context: BoltContext, *, once: bool = True):
    return unit_of_work(context, "teams", once=once)


def dm(client: WebClient, user_id: str, text: str, blocks: list | None = None) -> bool:
    """A DM from Trellis; False (and one log line) when Slack won't take it."""
    return send_dm(client, user_id, {"text": text, "blocks": blocks} if blocks else message(text))


def tell_other(client: WebClient, ended: Ended) -> str:
    """DM the other side of an ended link; what the one who ended it is told."""
    mine, theirs = requests.ended_texts(ended)
    dm(client, ended.tell, theirs)
    return mine


def accept_button(
    ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond, context: BoltContext
) -> None:
    def act():
        link = accept(teams_uow(context), services(context).clock, int(action["value"]), context.user_id)
        mine, theirs = requests.accepted_texts(link)
        return mine, [(link.asked_by, message(theirs))]

    answer_request(ack, body, client, respond, act)


def _ending_button(end, texts):
    """A button that ends a link or a request (`end`, a domain use case) and tells both sides (`texts`)."""

    def button(ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond, context: BoltContext) -> None:
        def act():
            ended = end(teams_uow(context), int(action["value"]), context.user_id)
            mine, theirs = texts(ended)
            return mine, [(ended.tell, message(theirs))]

        answer_request(ack, body, client, respond, act)

    return button


decline_button = _ending_button(decline, requests.declined_texts)  # *Decline* on a request
end_button = _ending_button(end_link, requests.ended_texts)  # *That's not right* on an imported link


def view_button(ack: Ack, body: dict, action: dict, client: WebClient, respond: Respond, context: BoltContext) -> None:
    ack()
    manager = member(context, allow_stale=True)
    try:
        view = report_view(teams_uow(context), manager.user_id, action["value"], now(context))
    except DomainError as error:
        tell(body, client, respond, error.message)
        return
    client.views_open(trigger_id=body["trigger_id"], view=messages.report_modal(view, manager.zone))


def submit_import(ack: Ack, view: dict, client: WebClient, context: BoltContext) -> None:
    """Answer at once, then read the file, match the people and link them; the admin gets the result in a DM."""
    files = read_state(view["state"]["values"]).get("file") or []
    if not files:
        ack(response_action="errors", errors={"file": "Choose a CSV file of `email,manager_email` rows."})
        return
    admin = member(context)
    if not admin.is_admin:
        ack(response_action="update", view=notice_modal("Not done", "Only a workspace admin or owner can import."))
        return
    ack(response_action="update", view=notice_modal("Importing", "Trellis is importing the file: a DM follows."))
    try:
        text = download(client, files[0]["url_private_download"], CSV_LIMIT).decode("utf-8-sig")
        imported = import_links(
            teams_uow(context),
            services(context).clock,
            SlackFinder(services(context).clients, workspace(context)),
            admin,
            text,
        )
    except AlreadyDone:  # the same submission came twice: its first delivery imported
        return
    except FileTooLarge:
        dm(client, admin.user_id, "That file is too large for a team list. Nothing was imported.")
        return
    except FileUnavailable as error:
        log.warning("team import file not fetched: %s", error)
        dm(client, admin.user_id, f"Nothing was imported. {error}")
        return
    except UnicodeDecodeError:
        dm(client, admin.user_id, "That file isn't text in UTF-8: save it as CSV (UTF-8). Nothing was imported.")
        return
    except DomainError as error:
        if error.__cause__ is not None:
            log.warning("team import stopped: %s", error.__cause__)
        dm(client, admin.user_id, f"Nothing was imported: {escape(error.message)}")
        return
    except Exception as error:  # the modal said a DM follows: it must, whatever went wrong
        log.warning("team import failed: %s: %s", type(error).__name__, error)
        dm(client, admin.user_id, "Something went wrong on Trellis's side, and nothing was imported. Try again.")
        return
    result = requests.import_result(imported)
    dm(client, admin.user_id, result["text"], result["blocks"])
    managers: dict[str, list[str]] = {}
    for link in imported.linked:
        dm(client, link.report_id, **requests.imported_dm(link))
        managers.setdefault(link.manager_id, []).append(link.report_id)
    for manager_id, reports in managers.items():
        dm(client, manager_id, **requests.imported_manager_dm(reports, admin.user_id))


def register(app: App) -> None:
    app.action(ids.ACCEPT)(accept_button)
    app.action(ids.DECLINE)(decline_button)
    app.action(ids.END)(end_button)
    app.action(ids.VIEW)(view_button)
    app.view(ids.IMPORT)(submit_import)
