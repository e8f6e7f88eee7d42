"""The SMART coach: hard rules that block a save, and advice with a score from 0 to 5."""

import re
from dataclasses import dataclass
from datetime import date

from domain.goals.model import GoalForm, GoalSpec, Horizon, Measure, MeasureKind, Visibility
from domain.shared.errors import DomainError
from domain.shared.forms import FormCheck
from domain.shared.skills import MOST_SKILLS, distinct

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
    check = FormCheck()
    title = check.text("title", form.title, "the goal", TITLE_MAX)
    why = check.text("why", form.why, "why it matters", WHY_MAX)
    horizon = check.choice("horizon", Horizon, form.horizon, "Choose a horizon: short, medium or long.")
    visibility = check.choice("visibility", Visibility, form.visibility, "Choose who can see this goal.")
    due_on = check.day("due_on", form.due_on, today)
    if horizon is not None:
        check_horizon(check, horizon, today, due_on)
    measure = _measure(form, check)
    skills = check_skills(check, form.skills)
    check.done()
    return GoalSpec(title, why, horizon, due_on, measure, visibility, skills)


def check_skills(check: FormCheck, names) -> tuple[str, ...]:
    """The skills a goal builds, each once (matched whatever the case or spacing), tidied; at most MOST_SKILLS."""
    try:
        skills = tuple(found.name for found in distinct(list(names or ())))
    except DomainError as error:
        check.fail("skills", error.message)
        return ()
    if len(skills) > MOST_SKILLS:
        check.fail("skills", f"Choose at most {MOST_SKILLS} skills for one goal; this has {len(skills)}.")
    return skills


def check_horizon(check: FormCheck, horizon: Horizon, starts_on: date, due_on: date | None) -> None:
    """The due date must fall in the horizon's window, counted from the goal's start."""
    earliest, latest = horizon.due_window(starts_on)
    check.within("due_on", due_on, earliest, latest, f"A {horizon.value} goal is due in {horizon.span_text}")


def check_target(check: FormCheck, raw: str | None, baseline: float) -> float | None:
    target = check.number("target", raw, "target")
    if target is None:
        check.fail("target", "Give the number you're aiming for.")
    elif target == baseline:
        check.fail("target", "The target equals the starting value, so there is nothing to reach.")
    return target


def _measure(form: GoalForm, check: FormCheck) -> Measure | None:
    kind = check.choice(
        "measure_kind", MeasureKind, form.measure_kind, "Say how you'll measure it: a number, or milestones."
    )
    if kind is MeasureKind.MILESTONES:
        return Measure(MeasureKind.MILESTONES)
    metric = check.text("metric", form.metric, "what you count", METRIC_MAX, required=False)
    unit = check.text("unit", form.unit, "the unit", UNIT_MAX, required=False)
    baseline = check.number("baseline", form.baseline, "starting value") or 0.0
    if kind is None:
        return None
    if metric is None:
        check.fail("metric", "Say what you'll count, for example “certifications” or “NPS”.")
    target = check_target(check, form.target, baseline)
    if not check.ok("metric", "target", "unit", "baseline"):
        return None
    return Measure(MeasureKind.METRIC, metric, target, unit, baseline)


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
