"""The SMART coach: hard rules that block a save, and advice with a score from 0 to 5."""

import math
import re
from dataclasses import dataclass
from datetime import date

from domain.errors import InvalidInput
from domain.goals import GoalForm, GoalSpec, Horizon, Measure, MeasureKind, Visibility, human_date

# Field limits; the form's max_length values come from here.
TITLE_MAX = 150
WHY_MAX = 500
METRIC_MAX = 60
UNIT_MAX = 20

_VAGUE_VERBS = re.compile(
    r"\b(improve|get better|be better|become better|work on|enhance|try to|learn more|do more|"
    r"get good|level up|grow)\b",
    re.IGNORECASE,
)
_HEDGES = re.compile(r"\b(stuff|things|somehow|maybe|some|various|generally|better)\b", re.IGNORECASE)
_ABSOLUTES = re.compile(r"\b(always|never|perfect|perfectly|everyone|every single|all of|100 ?%|best in)\b", re.I)
_LOOSE_TIME = re.compile(r"\b(someday|some day|one day|eventually|soon|at some point|sometime)\b", re.I)
_NUMBER = re.compile(r"\d")
_MIN_SPECIFIC_WORDS = 4
_MIN_RELEVANT_WORDS = 6


def check_goal(form: GoalForm, today: date) -> GoalSpec:
    """Apply the hard rules. `today` is the date in the person's own time zone.

    Raises InvalidInput with one message per field at fault.
    """
    errors: dict[str, str] = {}
    title = _required_text(form.title, "the goal", TITLE_MAX, "title", errors)
    why = _required_text(form.why, "why it matters", WHY_MAX, "why", errors)
    horizon = _choice(Horizon, form.horizon, "Choose a horizon: short, medium or long.", "horizon", errors)
    visibility = _choice(Visibility, form.visibility, "Choose who can see this goal.", "visibility", errors)
    due_on = _due_date(form.due_on, horizon, today, errors)
    measure = _measure(form, errors)
    if errors:
        raise InvalidInput(errors)
    return GoalSpec(title, why, horizon, due_on, measure, visibility)


def _required_text(raw: str | None, name: str, limit: int, field: str, errors: dict[str, str]) -> str:
    text = (raw or "").strip()
    if not text:
        errors[field] = f"Write {name}: it can't be empty."
    elif len(text) > limit:
        errors[field] = f"Keep {name} to {limit} characters; it has {len(text)}."
    return text


def _optional_text(raw: str | None, name: str, limit: int, field: str, errors: dict[str, str]) -> str | None:
    text = (raw or "").strip()
    if len(text) > limit:
        errors[field] = f"Keep {name} to {limit} characters; it has {len(text)}."
    return text or None


def _choice(enum, raw, message, field, errors):
    try:
        return enum(raw)
    except ValueError:
        errors[field] = message
        return None


def _due_date(raw: str | None, horizon: Horizon | None, today: date, errors: dict[str, str]) -> date | None:
    try:
        due_on = date.fromisoformat(raw or "")
    except ValueError:
        errors["due_on"] = "Pick a due date."
        return None
    if due_on < today:
        errors["due_on"] = f"The due date {human_date(due_on)} is in the past. Pick a date after today."
    elif horizon is not None:
        earliest, latest = horizon.due_window(today)
        if not earliest <= due_on <= latest:
            errors["due_on"] = (
                f"A {horizon.value} goal is due in {horizon.span_text}: "
                f"pick a date from {human_date(earliest)} to {human_date(latest)}, or change the horizon."
            )
    return due_on


def _number(raw: str | None, name: str, field: str, errors: dict[str, str]) -> float | None:
    text = (raw or "").strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        errors[field] = f"The {name} must be a number, like 45 or 2.5."
        return None
    return value


def _measure(form: GoalForm, errors: dict[str, str]) -> Measure | None:
    kind = _choice(
        MeasureKind,
        form.measure_kind,
        "Say how you'll measure it: a number, or milestones.",
        "measure_kind",
        errors,
    )
    if kind is MeasureKind.MILESTONES:
        return Measure(MeasureKind.MILESTONES)
    metric = _optional_text(form.metric, "what you count", METRIC_MAX, "metric", errors)
    unit = _optional_text(form.unit, "the unit", UNIT_MAX, "unit", errors)
    target = _number(form.target, "target", "target", errors)
    baseline = _number(form.baseline, "starting value", "baseline", errors)
    if kind is None:
        return None
    if metric is None and "metric" not in errors:
        errors["metric"] = "Say what you'll count, for example “certifications” or “NPS”."
    if target is None and "target" not in errors:
        errors["target"] = "Give the number you're aiming for."
    elif target is not None and target == (baseline or 0.0):
        errors["target"] = "The target equals the starting value, so there is nothing to reach."
    if errors.keys() & {"metric", "target", "unit", "baseline"}:
        return None
    return Measure(MeasureKind.METRIC, metric, target, unit, baseline or 0.0)


@dataclass(frozen=True)
class Tip:
    letter: str
    advice: str


@dataclass(frozen=True)
class Assessment:
    score: int
    tips: tuple[Tip, ...]


def assess(spec: GoalSpec) -> Assessment:
    """Score a saved goal on the five SMART letters, with one concrete tip per letter it misses."""
    title = spec.title
    has_number = bool(_NUMBER.search(title)) or spec.measure.kind is MeasureKind.METRIC
    vague = bool(_VAGUE_VERBS.search(title))
    checks = {
        "S": (
            len(title.split()) >= _MIN_SPECIFIC_WORDS and not _HEDGES.search(title),
            "Specific: name the result, not the effort. Say what will be true when it's done, "
            "for example “Give a 20-minute talk at the March all-hands” rather than “get better at speaking”.",
        ),
        "M": (
            not vague or has_number,
            "Measurable: a verb like “improve” or “get better” needs a number. Say how much, how many "
            "or by when, for example “raise NPS from 30 to 45”.",
        ),
        "A": (
            not _ABSOLUTES.search(title),
            "Achievable: words like “always”, “never” or “perfect” set a bar no one clears. Aim for a "
            "stretch you can reach with effort.",
        ),
        "R": (
            len(spec.why.split()) >= _MIN_RELEVANT_WORDS,
            "Relevant: say in a sentence how this moves your career or your team forward, and who "
            "benefits when it's done.",
        ),
        "T": (
            not _LOOSE_TIME.search(title),
            "Time-bound: drop “someday” or “soon” from the goal; the due date sets the time, and "
            "checkpoints along the way keep it honest.",
        ),
    }
    tips = tuple(Tip(letter, advice) for letter, (ok, advice) in checks.items() if not ok)
    return Assessment(score=len(checks) - len(tips), tips=tips)
