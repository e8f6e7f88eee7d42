"""The ladder: short goals serve medium ones, medium goals serve long ones."""

from dataclasses import dataclass

from domain.goals.model import Goal, GoalStatus, Horizon
from domain.shared.errors import DomainError

_RANK = {Horizon.SHORT: 0, Horizon.MEDIUM: 1, Horizon.LONG: 2}


def can_support(horizon: Horizon, longer: Goal) -> bool:
    """A goal may support an open goal on a longer horizon."""
    open_goal = longer.status in (GoalStatus.ACTIVE, GoalStatus.PAUSED)
    return open_goal and _RANK[longer.spec.horizon] > _RANK[horizon]


def supportable(horizon: Horizon | None, goals: list[Goal]) -> list[Goal]:
    """The goals a new goal could support (any horizon shorter than long, when `horizon` is None)."""
    return [g for g in goals if can_support(horizon or Horizon.SHORT, g)]


def check_support(horizon: Horizon, supported: Goal | None, owner_id: str) -> None:
    if supported is None or supported.owner_id != owner_id:
        raise DomainError("Pick one of your own goals to support.", field="supports")
    if not can_support(horizon, supported):
        raise DomainError(
            f"A {horizon.value} goal can support only an open goal on a longer horizon; "
            f"#{supported.number} is {supported.spec.horizon.value}.",
            field="supports",
        )


@dataclass(frozen=True)
class Rung:
    goal: Goal
    below: tuple["Rung", ...]


def ladder(goals: list[Goal]) -> list[Rung]:
    """The tree, long → medium → short. Goals that support nothing stand at the top of their own rungs."""
    by_id = {g.id: g for g in goals}
    children: dict[int | None, list[Goal]] = {}
    for goal in goals:
        parent = goal.supports_id if goal.supports_id in by_id else None
        children.setdefault(parent, []).append(goal)

    def rung(goal: Goal, seen: frozenset[int]) -> Rung:
        below = [rung(child, seen | {goal.id}) for child in children.get(goal.id, []) if child.id not in seen]
        return Rung(goal, tuple(below))

    roots = sorted(children.get(None, []), key=lambda g: (-_RANK[g.spec.horizon], g.number))
    return [rung(goal, frozenset()) for goal in roots]
