"""Check-ins: where a goal stands, how sure I am, what blocks me, what I learned, what comes next."""

from dataclasses import dataclass
from datetime import datetime

from domain.goals.model import Goal, MeasureKind
from domain.shared.forms import FormCheck

CHECKIN_TEXT_MAX = 500


@dataclass(frozen=True)
class CheckInForm:
    value: str | None = None
    confidence: str | None = None
    blockers: str | None = None
    learned: str | None = None
    next_step: str | None = None


@dataclass(frozen=True)
class CheckIn:
    id: int
    goal_id: int
    at: datetime
    value: float | None
    confidence: int
    blockers: str | None
    learned: str | None
    next_step: str | None


@dataclass(frozen=True)
class CheckInEntry:
    value: float | None
    confidence: int
    blockers: str | None
    learned: str | None
    next_step: str | None


def check_checkin(form: CheckInForm, goal: Goal) -> CheckInEntry:
    check = FormCheck()
    value = None
    if goal.spec.measure.kind is MeasureKind.METRIC:
        value = check.number("value", form.value, "current value")
        if value is None:
            check.fail("value", f"Give the current value of {goal.spec.measure.metric}.")
    confidence = None
    if (form.confidence or "").strip() in {"1", "2", "3", "4", "5"}:
        confidence = int(form.confidence)
    else:
        check.fail("confidence", "Pick how confident you are, from 1 to 5.")
    blockers = check.text("blockers", form.blockers, "the blockers", CHECKIN_TEXT_MAX, required=False)
    learned = check.text("learned", form.learned, "what you learned", CHECKIN_TEXT_MAX, required=False)
    next_step = check.text("next_step", form.next_step, "the next step", CHECKIN_TEXT_MAX, required=False)
    check.done()
    return CheckInEntry(value, confidence, blockers, learned, next_step)
