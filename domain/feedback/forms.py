"""The other feedback forms: an answer, a decline, feedback given unasked, and a workspace template."""

from dataclasses import dataclass

from domain.feedback.model import QUESTION_LIMIT, Question, Scale, Template
from domain.shared.forms import FormCheck

ANSWER_LIMIT = 3000  # characters in one reply
REASON_LIMIT = 500
TEMPLATE_NAME_LIMIT = 60
MOST_TEMPLATE_QUESTIONS = 5
SCORES = ("1", "2", "3", "4", "5")


def reply_field(position: int) -> str:
    """The form field of the answer to the question at `position`."""
    return f"q{position}"


@dataclass(frozen=True)
class AnswerForm:
    replies: tuple[str | None, ...]  # by question, in order
    anonymous: bool = False


def check_answer(form: AnswerForm, questions: tuple[Question, ...], anonymity_allowed: bool) -> tuple[str, ...]:
    """The replies, one for each question ("" for one left empty); at least one must be given."""
    check = FormCheck()
    replies = []
    for position, question in enumerate(questions):
        field = reply_field(position)
        raw = form.replies[position] if position < len(form.replies) else None
        text = (raw or "").strip()
        if question.scale is Scale.ONE_TO_FIVE and text and text not in SCORES:
            check.fail(field, "Choose a score from 1 to 5.")
        elif len(text) > ANSWER_LIMIT:
            check.fail(field, f"Keep an answer to {ANSWER_LIMIT} characters; this one has {len(text)}.")
        replies.append(text)
    if not any(replies) and questions:
        check.fail(reply_field(0), "Answer at least one question. You can leave the others empty.")
    if form.anonymous and not anonymity_allowed:
        check.fail("anonymous", "This request can't be answered anonymously.")
    check.done()
    return tuple(replies)


def check_reason(raw: str | None) -> str | None:
    check = FormCheck()
    reason = check.text("reason", raw, "the reason", REASON_LIMIT, required=False)
    check.done()
    return reason


@dataclass(frozen=True)
class GiveForm:
    to: str | None = None
    text: str | None = None
    anonymous: bool = False


@dataclass(frozen=True)
class TemplateForm:
    name: str | None = None
    questions: tuple[str | None, ...] = ()
    scales: tuple[str, ...] = ()  # "scale" or "text", by position


def check_template(form: TemplateForm, existing: list[Template]) -> tuple[str, tuple[Question, ...]]:
    check = FormCheck()
    name = check.text("name", form.name, "the template's name", TEMPLATE_NAME_LIMIT)
    if name and any(t.name.casefold() == name.casefold() for t in existing):
        check.fail("name", "There is a template with that name already. Choose another name.")
    scales = {n for n, kind in enumerate(form.scales) if kind == Scale.ONE_TO_FIVE.value}
    questions = tuple(
        Question(text.strip(), Scale.ONE_TO_FIVE if n in scales else Scale.TEXT)
        for n, text in enumerate(form.questions)
        if text and text.strip()
    )
    if not questions:
        check.fail("questions", "Write at least one question.")
    elif len(questions) > MOST_TEMPLATE_QUESTIONS:
        check.fail("questions", f"A template has at most {MOST_TEMPLATE_QUESTIONS} questions.")
    elif any(len(q.text) > QUESTION_LIMIT for q in questions):
        check.fail("questions", f"Keep each question to {QUESTION_LIMIT} characters.")
    check.done()
    return name, questions
