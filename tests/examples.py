"""Example data and small helpers shared by the test suites."""

import threading
from concurrent.futures import ThreadPoolExecutor

from domain.goals.model import GoalForm

GOOD_GOAL = {
    "title": "Pass the AWS Solutions Architect Associate exam",
    "why": "I lead our cloud migration next year and the team needs a certified architect.",
    "horizon": "short",
    "due_on": "2027-04-30",
    "measure_kind": "metric",
    "metric": "certifications",
    "target": "1",
    "visibility": "private",
}


def goal_form(**changes) -> GoalForm:
    return GoalForm(**{**GOOD_GOAL, **changes})


def run_together(count: int, action) -> list[Exception]:
    """Run `action` in `count` threads released at the same instant; return what they raised."""
    start = threading.Barrier(count)
    failures: list[Exception] = []

    def run():
        start.wait()
        try:
            action()
        except Exception as error:  # collected, so the test's assertion shows it
            failures.append(error)

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return failures


def race(threads: int, action, inputs) -> list:
    """`action(input)` for each input, from `threads` threads let go at once; what each returned, in order."""
    go = threading.Event()

    def run(item):
        go.wait()
        return action(item)

    with ThreadPoolExecutor(threads) as pool:
        futures = [pool.submit(run, item) for item in inputs]
        go.set()
        return [future.result() for future in futures]


def in_one(uow_factory, action, workspace):
    """`action(uow)` in one committed unit of work; what it returned."""
    with uow_factory(workspace) as uow:
        result = action(uow)
        uow.commit()
    return result


def a_goal(
    number: int = 1,
    *,
    horizon: str = "short",
    status: str = "active",
    starts_on: str = "2026-11-21",
    due_on: str = "2027-05-21",
    measure_kind: str = "metric",
    current_value: float | None = None,
    milestones: tuple[int, int] = (0, 0),
    supports_id: int | None = None,
    owner_id: str = "U1",
    created_at=None,
    last_checkin_at=None,
    visibility: str = "private",
):
    """A Goal as the repositories hand it back, for domain tests."""
    from datetime import UTC, date, datetime

    from domain.goals.model import Goal, GoalSpec, GoalStatus, Horizon, Measure, MeasureKind, Visibility

    kind = MeasureKind(measure_kind)
    measure = Measure(kind, "NPS", 45.0, "points", 30.0) if kind is MeasureKind.METRIC else Measure(kind)
    spec = GoalSpec(
        f"Goal {number} for the team",
        "It matters for my career growth.",
        Horizon(horizon),
        date.fromisoformat(due_on),
        measure,
        Visibility(visibility),
    )
    created = created_at or datetime.fromisoformat(starts_on).replace(tzinfo=UTC)
    return Goal(
        number * 10,
        number,
        owner_id,
        spec,
        date.fromisoformat(starts_on),
        GoalStatus(status),
        current_value,
        created,
        supports_id=supports_id,
        milestones_done=milestones[0],
        milestones_total=milestones[1],
        last_checkin_at=last_checkin_at,
    )
