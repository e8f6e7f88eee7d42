"""What teams says about links: the request with Accept and Decline, the answers and endings each side is told,
and an admin's import (its form, its result, and the DMs to the people it linked). People are mentions; user text
is escaped."""

from slack_sdk.models.blocks import ActionsBlock, ButtonElement
from slack_sdk.models.views import View

from domain.teams.imports import Imported
from domain.teams.links import Ended
from domain.teams.records import Link
from slackapp.shared.blocks import escape, pack, section
from slackapp.teams import ids

MESSAGE_BLOCKS = 50
LISTED = 40  # people or rows named in one message; the rest are counted
WHAT_A_MANAGER_SEES = (
    "Your manager sees the goals you share with *Me and my manager*, *My team* or *Everyone* (never *Only me*, not "
    "even as a count), feedback answers only where you chose *Me and my manager*, your public kudos and how many "
    "kudos you received."
)


def _link_buttons(link: Link) -> ActionsBlock:
    value = str(link.id)
    return ActionsBlock(
        elements=[
            ButtonElement(text="Accept", action_id=ids.ACCEPT, value=value, style="primary"),
            ButtonElement(text="Decline", action_id=ids.DECLINE, value=value),
        ]
    )


def request_dm(link: Link) -> dict:
    """To the person asked to confirm a link, with Accept and Decline."""
    if link.asked_by == link.report_id:
        text = f"<@{link.report_id}> says you are their manager in Trellis."
        more = (
            "If you accept, you'll see their shared goals, check-ins, feedback they choose to share and kudos in "
            "`/growth team`, and a weekly digest. Nothing is shared until you accept."
        )
    else:
        text = f"<@{link.manager_id}> says they are your manager in Trellis."
        more = f"{WHAT_A_MANAGER_SEES} Nothing is shared until you accept, and you can end it any time."
    return {"text": text, "blocks": [section(f"*{text}*\n{more}").to_dict(), _link_buttons(link).to_dict()]}


def asked_text(link: Link) -> str:
    return f"Asked <@{link.awaits}> to confirm. Nothing is shared until they accept; you'll get a DM when they answer."


def accepted_texts(link: Link) -> tuple[str, str]:
    """What the one who accepted sees in place of the request, and what the one who asked is told."""
    if link.asked_by == link.report_id:
        mine = f"You accepted: <@{link.report_id}> is on your team in Trellis. `/growth team` shows how they are doing."
        theirs = f"<@{link.manager_id}> confirmed they are your manager in Trellis. {WHAT_A_MANAGER_SEES}"
    else:
        mine = f"You accepted: <@{link.manager_id}> is your manager in Trellis. {WHAT_A_MANAGER_SEES}"
        theirs = (
            f"<@{link.report_id}> confirmed you as their manager in Trellis. `/growth team` shows how they are doing."
        )
    return mine, theirs


def declined_texts(ended: Ended) -> tuple[str, str]:
    return (
        "You declined. Nothing is shared.",
        f"<@{ended.by}> declined the link in Trellis. Nothing is shared.",
    )


def ended_texts(ended: Ended) -> tuple[str, str]:
    """What the one who ended a link (or withdrew a request) is told, and what the other is told."""
    what = "link" if ended.link.confirmed else "request"
    return (
        f"Done: your manager {what} with <@{ended.tell}> in Trellis has ended. Nothing more is shared.",
        f"<@{ended.by}> ended your manager {what} in Trellis. Nothing more is shared.",
    )


def imported_dm(link: Link) -> dict:
    """To each person an admin's import linked to a manager, with *That's not right*."""
    text = f"<@{link.asked_by}> set <@{link.manager_id}> as your manager in Trellis, from the team list."
    end = ButtonElement(text="That's not right", action_id=ids.END, value=str(link.id), style="danger")
    blocks = [section(f"*{text}*\n{WHAT_A_MANAGER_SEES}"), ActionsBlock(elements=[end])]
    return {"text": text, "blocks": [b.to_dict() for b in blocks]}


def imported_manager_dm(reports: list[str], admin_id: str) -> dict:
    people = ", ".join(f"<@{u}>" for u in reports[:LISTED])
    if len(reports) > LISTED:
        people += f" and {len(reports) - LISTED} more"
    text = f"<@{admin_id}> set you as the manager in Trellis of {people}, from the team list."
    return {"text": text, "blocks": [section(f"{text}\n`/growth team` shows how they are doing.").to_dict()]}


def import_result(imported: Imported) -> dict:
    """To the admin: how many were linked, and each row that could not be, with why."""
    linked = len(imported.linked)
    lines = [f"*Team import: {linked} {'person' if linked == 1 else 'people'} linked to a manager.*"]
    if imported.linked:
        lines.append("Each got a DM that names their manager, says what the manager sees, and lets them end it.")
    if imported.skipped:
        lines.append(f"*{len(imported.skipped)} row{'s' if len(imported.skipped) != 1 else ''} not imported:*")
        lines += [f"• line {s.line}: `{escape(s.text[:100])}`: {escape(s.why)}" for s in imported.skipped[:LISTED]]
        if len(imported.skipped) > LISTED:
            lines.append(f"• and {len(imported.skipped) - LISTED} more rows")
    blocks = [section(chunk) for chunk in pack(lines, sep="\n")][:MESSAGE_BLOCKS]
    return {"text": lines[0].strip("*"), "blocks": [b.to_dict() for b in blocks]}


def import_modal() -> dict:
    """A file input for the CSV: Block Kit's file_input, which slack_sdk's models don't have yet."""
    view = View(
        type="modal",
        callback_id=ids.IMPORT,
        title="Import team links",
        submit="Import",
        close="Cancel",
        blocks=[
            section(
                "A CSV file with one person a row: `email,manager_email` (Slack user ids work too). Each person is "
                "told who their manager in Trellis is, what that manager sees, and can end the link."
            )
        ],
    ).to_dict()
    view["blocks"].append(
        {
            "type": "input",
            "block_id": "file",
            "label": {"type": "plain_text", "text": "Team list (CSV)"},
            "element": {"type": "file_input", "action_id": "value", "filetypes": ["csv", "txt"], "max_files": 1},
        }
    )
    return view
