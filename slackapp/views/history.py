"""A goal's history: where it stands, and everything that happened to it."""

from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import ContextBlock, DividerBlock, HeaderBlock, MarkdownTextObject, SectionBlock
from slack_sdk.models.views import View

from domain.goals import number_text
from domain.overview import GoalHistory
from slackapp.views.goals import card_text, goal_details
from slackapp.views.mrkdwn import escape, local_date
from slackapp.views.plan import milestone_line, task_text

MODAL_BLOCKS = 100
SHOWN_PER_PART = 20


def _section(text: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=text[:3000]))


def _checkin_text(checkin, zone: ZoneInfo) -> str:
    parts = [f"*{local_date(checkin.at, zone)}* · confidence {checkin.confidence}/5"]
    if checkin.value is not None:
        parts[0] += f" · value {number_text(checkin.value)}"
    for label, text in (("Blockers", checkin.blockers), ("Learned", checkin.learned), ("Next", checkin.next_step)):
        if text:
            parts.append(f"_{label}:_ {escape(text)}")
    return "\n".join(parts)


def _adjustment_text(adjustment, zone: ZoneInfo) -> str:
    changes = "; ".join(f"{c.field}: {escape(c.before)} → {escape(c.after)}" for c in adjustment.changes)
    return f"*{local_date(adjustment.at, zone)}* · {changes}\n_Why:_ {escape(adjustment.reason)}"


def _part(title: str, texts: list[str], empty: str) -> list:
    blocks = [HeaderBlock(text=title)]
    blocks += [_section(text) for text in texts[:SHOWN_PER_PART]] or [_section(empty)]
    if len(texts) > SHOWN_PER_PART:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=f"…and {len(texts) - SHOWN_PER_PART} earlier.")]))
    return blocks


def history_modal(history: GoalHistory, zone: ZoneInfo) -> dict:
    """`zone` is the reader's, for the dates of check-ins and adjustments."""
    card = history.card
    goal = card.goal
    summary = [
        _section(card_text(card)),
        ContextBlock(elements=[MarkdownTextObject(text=goal_details(goal))]),
    ]
    if goal.helped_most:
        summary.append(_section(f"_What helped most:_ {escape(goal.helped_most)}"))
    checkins = [_checkin_text(c, zone) for c in reversed(history.checkins)]
    adjustments = [_adjustment_text(a, zone) for a in reversed(history.adjustments)]
    blocks = [
        *summary,
        DividerBlock(),
        *_part(f"Check-ins ({len(checkins)})", checkins, "No check-ins yet."),
        *_part("Adjustments", adjustments, "Never adjusted."),
        *_part("Milestones", [milestone_line(m) for m in history.milestones], "No milestones yet."),
        *_part("Tasks", [("☑️ " if t.done_at else "⬜ ") + task_text(t) for t in history.tasks], "No tasks yet."),
    ]
    return View(type="modal", title=f"Goal #{goal.number}"[:24], close="Close", blocks=blocks[:MODAL_BLOCKS]).to_dict()
