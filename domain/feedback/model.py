"""A feedback request and its rules: who may be asked, which questions, by when, and who may read what."""

from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

from domain.people.candidates import Candidate, refusals
from domain.shared.forms import FormCheck

MOST_ASKED = 10
MOST_OWN_QUESTIONS = 3
MOST_QUESTIONS = 10  # in all, templates' and one's own: one answer form holds them
QUESTION_LIMIT = 300  # characters in a question of one's own
TOPIC_LIMIT = 150
DEFAULT_DAYS, LONGEST_DAYS = 7, 60


class Scale(Enum):
    TEXT = "text"  # an open answer
    ONE_TO_FIVE = "scale"


class Readers(Enum):
    """Who may read the answers: fixed when the request is made."""

    ME = "me"
    ME_AND_MANAGER = "me_and_manager"  # honoured once a manager link exists


@dataclass(frozen=True)
class Question:
    text: str
    scale: Scale = Scale.TEXT


@dataclass(frozen=True)
class Template:
    key: str
    name: str
    questions: tuple[Question, ...]


BUILT_IN = (
    Template(
        "keep_start_stop",
        "Keep / start / stop doing",
        (
            Question("What should I keep doing?"),
            Question("What should I start doing?"),
            Question("What should I stop doing?"),
        ),
    ),
    Template(
        "strengths",
        "Strengths",
        (Question("What do you see as my greatest strength at work?"), Question("Where could I use it more?")),
    ),
    Template(
        "presentation",
        "A presentation",
        (
            Question("How clear was the presentation?", Scale.ONE_TO_FIVE),
            Question("What one change would have made it better?"),
        ),
    ),
    Template(
        "work_review",
        "A piece of work or code review",
        (
            Question("How would you rate the quality of this work?", Scale.ONE_TO_FIVE),
            Question("What would you have done differently?"),
        ),
    ),
    Template(
        "leadership",
        "Leadership",
        (
            Question("How well do I set direction and explain why?", Scale.ONE_TO_FIVE),
            Question("When did I help you do your best work, and when did I get in the way?"),
        ),
    ),
)


@dataclass(frozen=True)
class AskForm:
    """The ask modal's fields, as typed."""

    asked: tuple[str, ...] = ()
    topic: str | None = None
    goal: str | None = None  # the number of one of my goals
    templates: tuple[str, ...] = ()
    own_questions: tuple[str, ...] = ()
    own_scales: tuple[str, ...] = ()  # "scale" or "text" for each own question, by position
    deadline: str | None = None
    anonymous: bool = False
    readers: str = Readers.ME.value


@dataclass(frozen=True)
class RequestSpec:
    """A checked request, ready to be saved."""

    asked: tuple[str, ...]
    questions: tuple[Question, ...]
    deadline: date
    topic: str | None
    goal_number: int | None
    anonymous: bool
    readers: Readers


def default_deadline(today: date) -> date:
    return today + timedelta(days=DEFAULT_DAYS)


def check_request(
    form: AskForm,
    requester_id: str,
    candidates: dict[str, Candidate],
    today: date,
    *,
    anonymity_allowed: bool = True,
    templates: tuple[Template, ...] = BUILT_IN,
) -> RequestSpec:
    """Every field checked at once; InvalidInput says what to fix on each field at fault."""
    check = FormCheck()
    asked = _asked(check, form.asked, requester_id, candidates)
    questions = _questions(check, form, templates)
    deadline = _deadline(check, form.deadline, today)
    topic = check.text("topic", form.topic, "the topic", TOPIC_LIMIT, required=False)
    goal = int(form.goal) if (form.goal or "").isdigit() and len(form.goal) < 10 else None
    if form.anonymous and not anonymity_allowed:
        check.fail("anonymous", "Anonymous answers are turned off in this workspace.")
    readers = check.choice("readers", Readers, form.readers, "Choose who may read the answers.")
    check.done()
    return RequestSpec(asked, questions, deadline, topic, goal, form.anonymous, readers)


def _asked(check: FormCheck, asked: tuple[str, ...], requester_id: str, candidates: dict[str, Candidate]):
    """Every person refused is named with the reason, in one message on the field."""
    unique = tuple(dict.fromkeys(asked))
    if not unique:
        check.fail("asked", "Choose at least one teammate to ask.")
    elif len(unique) > MOST_ASKED:
        check.fail("asked", f"Ask at most {MOST_ASKED} people at once; you chose {len(unique)}.")
        return unique
    yourself, bot = "You can't ask yourself: choose teammates.", "{name} is a bot, and bots don't give feedback."
    if reasons := refusals(unique, requester_id, candidates, yourself=yourself, bot=bot):
        check.fail("asked", reasons)
    return unique


def _questions(check: FormCheck, form: AskForm, templates: tuple[Template, ...]) -> tuple[Question, ...]:
    by_key = {template.key: template for template in templates}
    chosen = [question for key in dict.fromkeys(form.templates) if key in by_key for question in by_key[key].questions]
    if any(key not in by_key for key in form.templates):
        check.fail("templates", "One of the templates you chose no longer exists. Choose again.")
    scales = {n: Scale.ONE_TO_FIVE for n, kind in enumerate(form.own_scales) if kind == Scale.ONE_TO_FIVE.value}
    written = [
        Question(text.strip(), scales.get(n, Scale.TEXT))  # a scale belongs to the question in its position
        for n, text in enumerate(form.own_questions)
        if text and text.strip()
    ]
    if len(written) > MOST_OWN_QUESTIONS:
        check.fail("own_questions", f"Write at most {MOST_OWN_QUESTIONS} questions of your own.")
    if any(len(question.text) > QUESTION_LIMIT for question in written):
        check.fail("own_questions", f"Keep each question to {QUESTION_LIMIT} characters.")
    if not chosen and not written:
        check.fail("own_questions", "Ask at least one question: pick a template or write your own.")
    elif len(chosen) + len(written) > MOST_QUESTIONS:
        field = "templates" if chosen else "own_questions"
        check.fail(field, f"Ask at most {MOST_QUESTIONS} questions in all; these make {len(chosen) + len(written)}.")
    return tuple(chosen + written)


def _deadline(check: FormCheck, raw: str | None, today: date) -> date | None:
    try:
        deadline = date.fromisoformat(raw or "")
    except ValueError:
        check.fail("deadline", "Pick a deadline.")
        return None
    if deadline <= today:
        check.fail("deadline", "Pick a deadline from tomorrow on, so people have time to answer.")
    elif deadline > today + timedelta(days=LONGEST_DAYS):
        check.fail("deadline", f"Pick a deadline within {LONGEST_DAYS} days.")
    return deadline
