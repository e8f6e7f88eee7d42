"""Goals: horizons, measures, visibility, and the goal itself."""

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from dateutil.relativedelta import relativedelta

from domain.shared.text import number_text


class Horizon(StrEnum):
    SHORT = "short"
    MEDIUM = "medium"
    LONG = "long"

    @property
    def label(self) -> str:
        return {"short": "Short", "medium": "Medium", "long": "Long"}[self.value]

    @property
    def span_text(self) -> str:
        return {"short": "3–6 months", "medium": "1–3 years", "long": "5–10 years"}[self.value]

    def due_window(self, start: date) -> tuple[date, date]:
        """The earliest and latest due dates, inclusive, for a goal started on `start`."""
        earliest, latest = _SPANS[self]
        return start + earliest, start + latest


_SPANS = {
    Horizon.SHORT: (relativedelta(months=3), relativedelta(months=6)),
    Horizon.MEDIUM: (relativedelta(years=1), relativedelta(years=3)),
    Horizon.LONG: (relativedelta(years=5), relativedelta(years=10)),
}


class Visibility(StrEnum):
    """Who may see a goal. Fixed when the goal is created."""

    PRIVATE = "private"
    MANAGER = "manager"
    TEAM = "team"
    PUBLIC = "public"

    @property
    def label(self) -> str:
        return {
            "private": "Only me",
            "manager": "Me and my manager",
            "team": "My team",
            "public": "Everyone in the workspace",
        }[self.value]


class MeasureKind(StrEnum):
    METRIC = "metric"
    MILESTONES = "milestones"


class GoalStatus(StrEnum):
    """What is stored. Whether a goal is missed follows from its due date: see domain.lifecycle."""

    ACTIVE = "active"
    PAUSED = "paused"
    COMPLETED = "completed"
    ABANDONED = "abandoned"


@dataclass(frozen=True)
class Measure:
    """How progress is counted: a metric from a baseline to a target, or milestones."""

    kind: MeasureKind
    metric: str | None = None
    target: float | None = None
    unit: str | None = None
    baseline: float = 0.0

    def describe(self) -> str:
        if self.kind is MeasureKind.MILESTONES:
            return "by milestones"
        unit = f" {self.unit}" if self.unit else ""
        return f"{self.metric}: {number_text(self.baseline)} → {number_text(self.target)}{unit}"


@dataclass(frozen=True)
class GoalForm:
    """A goal as typed into a form: raw text, not yet checked. None means left empty."""

    title: str | None = None
    why: str | None = None
    horizon: str | None = None
    due_on: str | None = None
    measure_kind: str | None = None
    metric: str | None = None
    target: str | None = None
    unit: str | None = None
    baseline: str | None = None
    visibility: str | None = None
    supports: str | None = None  # the id of a longer goal of mine that this one serves
    skills: list[str] | tuple[str, ...] = ()  # the names chosen in the skills select


@dataclass(frozen=True)
class GoalSpec:
    """A goal that passed every hard rule of the coach."""

    title: str
    why: str
    horizon: Horizon
    due_on: date
    measure: Measure
    visibility: Visibility
    skills: tuple[str, ...] = ()  # the skills it builds: each once, tidied, at most MOST_SKILLS


@dataclass(frozen=True)
class Goal:
    id: int
    number: int
    owner_id: str
    spec: GoalSpec
    starts_on: date
    status: GoalStatus
    current_value: float | None  # the latest check-in's value
    created_at: datetime
    supports_id: int | None = None
    status_changed_at: datetime | None = None
    paused_days: int = 0  # days spent paused before the last resume: they don't count towards pace
    completed_at: datetime | None = None  # when its status became completed
    helped_most: str | None = None
    milestones_done: int = 0
    milestones_total: int = 0
    checkins: int = 0
    last_checkin_at: datetime | None = None

    @property
    def skills(self) -> tuple[str, ...]:
        """The skills this goal builds; while it is active, profiles count them as skills its owner wants to learn."""
        return self.spec.skills

    @property
    def progress(self) -> float:
        """Share of the way to done, 0.0 to 1.0: from baseline to target, or milestones done."""
        measure = self.spec.measure
        if measure.kind is MeasureKind.MILESTONES:
            return self.milestones_done / self.milestones_total if self.milestones_total else 0.0
        if self.current_value is None or measure.target is None:
            return 0.0
        span = measure.target - measure.baseline
        share = (self.current_value - measure.baseline) / span if span else 0.0
        return min(1.0, max(0.0, share))
