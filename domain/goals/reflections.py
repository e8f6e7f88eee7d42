"""Reflections: what an abandoned goal taught, kept as lessons."""

from dataclasses import dataclass
from datetime import datetime

from domain.shared.forms import FormCheck

REFLECTION_MAX = 1000
QUESTIONS = {
    "happened": "What happened?",
    "learned": "What did you learn?",
    "differently": "What would you do differently?",
}


@dataclass(frozen=True)
class ReflectionForm:
    happened: str | None = None
    learned: str | None = None
    differently: str | None = None


@dataclass(frozen=True)
class Reflection:
    goal_number: int
    goal_title: str
    at: datetime
    happened: str | None
    learned: str | None
    differently: str | None


def check_reflection(form: ReflectionForm) -> ReflectionForm:
    check = FormCheck()
    answers = {
        field: check.text(field, getattr(form, field), question.lower().rstrip("?"), REFLECTION_MAX, required=False)
        for field, question in QUESTIONS.items()
    }
    if check.ok(*QUESTIONS) and not any(answers.values()):
        check.fail("happened", "Answer at least one question: a lesson kept is the point of letting a goal go.")
    check.done()
    return ReflectionForm(**answers)
