"""What teams says in Slack: the link requests and their answers, the import's DMs and result, the team summary,
one report's view, and the weekly digest. Pure functions from results to Block Kit; people are mentions, and every
piece of user text is escaped."""

from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import ActionsBlock, Block, ButtonElement, DividerBlock, HeaderBlock
from slack_sdk.models.views import View

from domain.teams.digest import Change, Digest
from domain.teams.imports import Imported
from domain.teams.links import Ended
from domain.teams.records import Link
from domain.teams.report import ReportView
from domain.teams.summary import WINDOW, ReportSummary, SharedGoal, TeamSummary
from slackapp.feedback.messages import goal_feedback_blocks
from slackapp.goals.cards import PACE_BADGES, goal_name
from slackapp.goals.history import checkin_text
from slackapp.kudos.messages import received_line
from slackapp.shared.blocks import escape, note, pack, progress_bar, section
from slackapp.teams import ids
from slackapp.teams.chart import Bar

MESSAGE_BLOCKS = 50
MODAL_BLOCKS = 100
GOALS_A_PERSON = 4
DAYS = WINDOW.days
NO_TEAM = (
    "No one has confirmed you as their manager in Trellis yet. `/growth team add @person` asks someone to confirm "
    "you; people can also ask you with `/growth manager @you`, and workspace admins can import a file with "
    "`/growth import`."
)
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


def imported_manager_dm(manager_id: str, reports: list[str], admin_id: str) -> dict:
    people = ", ".join(f"<@{u}>" for u in reports)
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
        lines += [f"• line {s.line}: `{escape(s.text)}`: {escape(s.why)}" for s in imported.skipped]
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


def pace_line(shared: SharedGoal) -> str:
    pace = shared.pace
    badge = "💤 stale: no check-in for two weeks" if shared.label == "stale" else PACE_BADGES[pace.pace]
    return (
        f"{goal_name(shared.goal)} · {badge} · `{progress_bar(pace.actual)}` ({round(pace.expected * 100)}% expected)"
    )


def quiet_text(report: ReportSummary) -> str:
    if report.last_checkin is None:
        return "no check-in yet"
    days = report.quiet_days or 0
    return "last check-in today" if days == 0 else f"last check-in {days} day{'s' if days != 1 else ''} ago"


def report_text(report: ReportSummary) -> str:
    head = f"*{escape(report.member.display_name)}*"
    if report.needs_attention:
        head = f"⚠️ {head} · needs attention: {', '.join(report.attention)}"
    goals = [pace_line(g) for g in report.goals[:GOALS_A_PERSON]]
    if len(report.goals) > GOALS_A_PERSON:
        goals.append(f"and {len(report.goals) - GOALS_A_PERSON} more")
    facts = (
        f"{quiet_text(report).capitalize()} · feedback ({DAYS} days): asked {report.feedback_asked}, "
        f"answered {report.feedback_answered} · kudos ({DAYS} days): {report.kudos_received}"
    )
    return "\n".join([head, *goals, facts])


def view_button(report: ReportSummary) -> ButtonElement:
    return ButtonElement(text="View", action_id=ids.VIEW, value=report.user_id)


def bars(team: TeamSummary) -> list[Bar]:
    """Each report's mean progress against mean expected progress, over their active shared goals."""
    chart = []
    for report in team.reports:
        active = report.active
        if active:
            actual = sum(g.pace.actual for g in active) / len(active)
            expected = sum(g.pace.expected for g in active) / len(active)
            chart.append(Bar(report.member.display_name, actual, expected))
    return chart


def team_headline(team: TeamSummary) -> str:
    count = len(team.reports)
    need = team.attention_count
    attention = f", {need} of them need{'s' if need == 1 else ''} attention" if need else ", none needs attention"
    return f"Your team in Trellis: {count} {'person' if count == 1 else 'people'}{attention}."


def team_blocks(team: TeamSummary, chart: list, room: int = MESSAGE_BLOCKS) -> list[Block]:
    """The summary: a headline, the chart's blocks (its image, or its words), then each report, those who need
    attention first, each with *View*; within `room` blocks."""
    blocks: list[Block] = [section(f"*{team_headline(team)}*"), *chart]
    left = room - len(blocks) - 1
    shown = team.reports if len(team.reports) <= left else team.reports[: left - 1]
    blocks += [section(report_text(r), accessory=view_button(r)) for r in shown]
    rest = team.reports[len(shown) :]
    if rest:
        blocks.append(section("Also: " + ", ".join(escape(r.member.display_name) for r in rest)))
    blocks.append(note(f"Only what each person shares with their manager. Feedback and kudos: the last {DAYS} days."))
    return blocks


def report_modal(view: ReportView, zone: ZoneInfo) -> dict:
    """One report as their manager sees them."""
    name = escape(view.member.display_name)
    blocks: list[Block] = [section(f"*{name}'s shared goals*")]
    blocks += [section(pace_line(g)) for g in view.goals[:20]] or [note("No goal shared with you.")]
    blocks.append(HeaderBlock(text="Recent check-ins"))
    for checkin in view.checkins:
        goal = view.goal_of(checkin)
        title = f"{goal_name(goal.goal)}\n" if goal else ""
        blocks.append(section(title + checkin_text(checkin, zone)))
    if not view.checkins:
        blocks.append(note(f"No check-in on shared goals in the last {DAYS} days."))
    blocks += goal_feedback_blocks(view.feedback) or [note("No feedback shared with you.")]
    blocks.append(HeaderBlock(text=f"Public kudos, last {DAYS} days"))
    blocks += [section(received_line(k, zone)) for k in view.kudos] or [note("None.")]
    blocks.append(DividerBlock())
    blocks.append(note("Only what they share with their manager."))
    title = view.member.display_name if len(view.member.display_name) <= 24 else "Team member"
    return View(type="modal", title=title, close="Close", blocks=blocks[:MODAL_BLOCKS]).to_dict()


def _changes(title: str, changes: list[Change]) -> str | None:
    if not changes:
        return None
    lines = [f"• <@{c.owner.user_id}>: {goal_name(c.goal)}" for c in changes[:10]]
    if len(changes) > 10:
        lines.append(f"• and {len(changes) - 10} more")
    return f"*{title}*\n" + "\n".join(lines)


def digest_message(digest: Digest) -> tuple[str, list[Block]]:
    """The weekly digest, before its chart (slackapp.teams.reminders adds that)."""
    text = "Your team's week in Trellis"
    counts = (
        f"{digest.checkins} check-in{'s' if digest.checkins != 1 else ''} · "
        f"{digest.kudos} kudos received · {team_headline(digest.team)}"
    )
    parts = [
        _changes("Moved to at risk", digest.at_risk),
        _changes("Completed", digest.completed),
        _changes("Started", digest.started),
    ]
    blocks: list[Block] = [section(f"*{text}*\n{counts}")]
    blocks += [section(chunk) for chunk in pack([p for p in parts if p], sep="\n\n")]
    blocks.append(note("`/growth team` shows everyone; `/growth settings` turns this digest off."))
    return text, blocks
