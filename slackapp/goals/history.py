"""A goal's history: where it stands, and everything that happened to it."""

import json
from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import (
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from domain.goals.lifecycle import ALLOWED, Action
from domain.goals.overview import GoalHistory
from domain.shared.text import number_text
from slackapp.goals import ids
from slackapp.goals.cards import card_text, goal_details
from slackapp.goals.plan import milestone_line, task_text
from slackapp.shared.blocks import escape, local_date, section
from slackapp.shared.kudos_button import send_kudos_button

MODAL_BLOCKS = 100
SHOWN_PER_PART = 20


def checkin_text(checkin, zone: ZoneInfo) -> str:
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


def _part(title: str, items: list, empty: str) -> list:
    """A heading and its items: each a text, or a (text, accessory) pair."""
    blocks = [HeaderBlock(text=title)]
    for item in items[:SHOWN_PER_PART]:
        text, accessory = item if isinstance(item, tuple) else (item, None)
        blocks.append(SectionBlock(text=MarkdownTextObject(text=text[:3000]), accessory=accessory))
    if not items:
        blocks.append(section(empty))
    if len(items) > SHOWN_PER_PART:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=f"…and {len(items) - SHOWN_PER_PART} more.")]))
    return blocks


def _done_button(action_id: str, item_id: int) -> ButtonElement:
    return ButtonElement(text="Done", action_id=action_id, value=str(item_id))


def _milestone_button(goal, milestone, can_tick: bool):
    """*Done* on a milestone still to do; *Send kudos* on one done, to celebrate it (or thank who helped)."""
    if not milestone.done_at:
        return _done_button(ids.MILESTONE_DONE, milestone.id) if can_tick else None
    return send_kudos_button(goal.owner_id, goal.number, goal.spec.title, milestone=milestone.title)


def history_modal(history: GoalHistory, zone: ZoneInfo, more: list | None = None) -> dict:
    """`zone` is the reader's, for the dates of check-ins and adjustments; `more` holds what other capabilities
    keep about the goal (feedback asked about it)."""
    card = history.card
    goal = card.goal
    summary = [
        section(card_text(card)),
        ContextBlock(elements=[MarkdownTextObject(text=goal_details(goal))]),
    ]
    if goal.helped_most:
        summary.append(section(f"_What helped most:_ {escape(goal.helped_most)}"))
    checkins = [checkin_text(c, zone) for c in reversed(history.checkins)]
    adjustments = [_adjustment_text(a, zone) for a in reversed(history.adjustments)]
    can_tick = Action.FINISH_PART in ALLOWED[card.state]
    milestones = [(milestone_line(m), _milestone_button(goal, m, can_tick)) for m in history.milestones]
    tasks = [
        (
            ("☑️ " if t.done_at else "⬜ ") + task_text(t),
            _done_button(ids.TASK_DONE, t.id) if can_tick and not t.done_at else None,
        )
        for t in history.tasks
    ]
    blocks = [
        *summary,
        *(more or []),
        DividerBlock(),
        *_part(f"Check-ins ({len(checkins)})", checkins, "No check-ins yet."),
        *_part("Adjustments", adjustments, "Never adjusted."),
        *_part("Milestones", milestones, "No milestones yet."),
        *_part("Tasks", tasks, "No tasks yet."),
    ]
    return View(
        type="modal",
        title=f"Goal #{goal.number}"[:24],
        close="Close",
        blocks=blocks[:MODAL_BLOCKS],
        private_metadata=json.dumps({"goal": goal.number}),
    ).to_dict()
