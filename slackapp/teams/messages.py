"""What teams shows a manager: the team summary, one report's view, and the weekly digest. Pure functions from
results to Block Kit; every piece of user text is escaped."""

from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import Block, ButtonElement, DividerBlock, HeaderBlock
from slack_sdk.models.views import View

from domain.teams.digest import Change, Digest
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
        f"answered {report.feedback_answered} · kudos ({DAYS} days): {report.kudos_received} · "
        f"mentor: {'yes' if report.has_mentor else 'no'}"
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
