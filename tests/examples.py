"""Example data and small helpers shared by the test suites."""

import threading

from domain.goals import GoalForm

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
