"""Feedback's modals, and reading each one's submitted state back into the domain's forms."""

from datetime import date

from slack_sdk.models.blocks import InputBlock, StaticMultiSelectElement, UserMultiSelectElement, UserSelectElement

from domain.feedback.forms import (
    ANSWER_LIMIT,
    MOST_TEMPLATE_QUESTIONS,
    REASON_LIMIT,
    AnswerForm,
    GiveForm,
    TemplateForm,
    reply_field,
)
from domain.feedback.model import (
    MOST_ASKED,
    MOST_OWN_QUESTIONS,
    QUESTION_LIMIT,
    TOPIC_LIMIT,
    AskForm,
    Readers,
    Scale,
    Template,
    default_deadline,
)
from domain.feedback.records import FeedbackRequest
from domain.feedback.settings import AskChoices
from domain.shared.text import human_date
from slackapp.feedback import ids
from slackapp.feedback.messages import request_lines
from slackapp.shared.blocks import escape, section
from slackapp.shared.inputs import (
    VALUE,
    checkboxes_input,
    date_input,
    form_modal,
    option,
    radio_input,
    read_state,
    select_input,
    text_input,
)

YES = "yes"
SCORES = [
    option(str(n), f"{n}", label) for n, label in ((1, "Not at all"), (2, None), (3, None), (4, None), (5, "Very"))
]
READERS = {Readers.ME: "Only me", Readers.ME_AND_MANAGER: "Me and my manager"}


def _question_inputs(first_field: str, count: int, label: str, placeholder: str) -> list:
    """Blocks for writing `count` questions: the first fills `first_field` (errors land there), then `_2`, `_3`…"""
    return [
        text_input(
            first_field if n == 1 else f"{first_field}_{n}",
            f"{label} {n}",
            limit=QUESTION_LIMIT,
            optional=True,
            placeholder=placeholder if n == 1 else None,
        )
        for n in range(1, count + 1)
    ]


def _scale_choice(field: str, count: int):
    return checkboxes_input(
        field, "Answered on a 1–5 scale", [option(str(n), f"Question {n}") for n in range(1, count + 1)]
    )


def _written(state: dict, first_field: str, count: int) -> tuple[str | None, ...]:
    return tuple(state.get(first_field if n == 1 else f"{first_field}_{n}") for n in range(1, count + 1))


def _scales(state: dict, field: str, count: int) -> tuple[str, ...]:
    checked = set(state.get(field) or [])
    return tuple(Scale.ONE_TO_FIVE.value if str(n) in checked else Scale.TEXT.value for n in range(1, count + 1))


def ask_modal(choices: AskChoices, goals: dict[int, str], today: date, asked: tuple[str, ...] = ()) -> dict:
    """The Ask for feedback form: who, about what, which questions, by when, and who may read the answers."""
    people = UserMultiSelectElement(
        action_id=VALUE,
        placeholder="Choose teammates",
        max_selected_items=MOST_ASKED,
        initial_users=list(asked[:MOST_ASKED]) or None,
    )
    blocks = [
        InputBlock(block_id="asked", label="Who do you want to hear from?", element=people, hint="1 to 10 teammates."),
    ]
    if goals:
        goal_options = [option(str(number), f"#{number} {title}") for number, title in list(goals.items())[:100]]
        blocks.append(select_input("goal", "About one of your goals", goal_options, optional=True, placeholder="None"))
    blocks += [
        text_input(
            "topic",
            "Or about this",
            limit=TOPIC_LIMIT,
            optional=True,
            placeholder="My talk at the all-hands on Tuesday",
        ),
        InputBlock(
            block_id="templates",
            label="Questions from templates",
            optional=True,
            element=StaticMultiSelectElement(
                action_id=VALUE,
                placeholder="Choose templates",
                options=[option(t.key, t.name, _template_hint(t)) for t in choices.templates[:100]],
            ),
        ),
        *_question_inputs("own_questions", MOST_OWN_QUESTIONS, "Your own question", "What should I do more of?"),
        _scale_choice("own_scales", MOST_OWN_QUESTIONS),
        date_input(
            "deadline", "Answer by", initial=default_deadline(today).isoformat(), hint="From tomorrow to 60 days."
        ),
    ]
    if choices.anonymity_allowed:
        blocks.append(checkboxes_input("anonymous", "Anonymity", [option(YES, "People may answer anonymously")]))
    readers = [option(r.value, label) for r, label in READERS.items()]
    blocks.append(radio_input("readers", "Who may read the answers", readers, initial=readers[0]))
    return form_modal(ids.ASK, "Ask for feedback", "Ask", blocks)


def _template_hint(template: Template) -> str:
    return f"{len(template.questions)} question{'s' if len(template.questions) != 1 else ''}"


def ask_form(values: dict) -> AskForm:
    state = read_state(values)
    return AskForm(
        asked=tuple(state.get("asked") or ()),
        topic=state.get("topic"),
        goal=state.get("goal"),
        templates=tuple(state.get("templates") or ()),
        own_questions=_written(state, "own_questions", MOST_OWN_QUESTIONS),
        own_scales=_scales(state, "own_scales", MOST_OWN_QUESTIONS),
        deadline=state.get("deadline"),
        anonymous=YES in (state.get("anonymous") or []),
        readers=state.get("readers") or Readers.ME.value,
    )


def answer_modal(request: FeedbackRequest, requester_name: str) -> dict:
    """One input per question and, when the request allows it, Answer anonymously."""
    blocks = [section(request_lines(request, requester_name))]
    for position, question in enumerate(request.questions):
        field, label = reply_field(position), question.text[:2000]
        if question.scale is Scale.ONE_TO_FIVE:
            blocks.append(select_input(field, label, SCORES, optional=True, placeholder="1 to 5"))
        else:
            blocks.append(text_input(field, label, limit=ANSWER_LIMIT, multiline=True, optional=True))
    if request.anonymous:
        blocks.append(
            checkboxes_input(
                "anonymous",
                "Anonymity",
                [option(YES, "Answer anonymously", "Your name is never stored with your answer")],
            )
        )
    return form_modal(ids.ANSWER, "Give feedback", "Send", blocks[:100], request=request.id)


def answer_form(values: dict, questions: int) -> AnswerForm:
    state = read_state(values)
    return AnswerForm(tuple(state.get(reply_field(n)) for n in range(questions)), YES in (state.get("anonymous") or []))


def decline_modal(request: FeedbackRequest, requester_name: str) -> dict:
    blocks = [
        section(f"Decline *{escape(requester_name)}*'s request for feedback? They will see that you declined."),
        text_input("reason", "Why (optional)", limit=REASON_LIMIT, multiline=True, optional=True),
    ]
    return form_modal(ids.DECLINE, "Decline", "Decline", blocks, request=request.id)


def give_modal(anonymity_allowed: bool, to: str | None = None) -> dict:
    blocks = [
        InputBlock(
            block_id="to",
            label="Feedback for",
            element=UserSelectElement(action_id=VALUE, placeholder="Choose a teammate", initial_user=to),
        ),
        text_input(
            "text",
            "Your feedback",
            limit=ANSWER_LIMIT,
            multiline=True,
            placeholder="What they did, the effect it had, and what to keep or change.",
        ),
    ]
    if anonymity_allowed:
        blocks.append(checkboxes_input("anonymous", "Anonymity", [option(YES, "Give it anonymously")]))
    return form_modal(ids.GIVE, "Give feedback", "Send", blocks)


def give_form(values: dict) -> GiveForm:
    state = read_state(values)
    return GiveForm(state.get("to"), state.get("text"), YES in (state.get("anonymous") or []))


def extend_modal(request: FeedbackRequest) -> dict:
    blocks = [
        section(f"Request #{request.number} is due {human_date(request.deadline)}. A request can be extended once."),
        date_input("deadline", "New deadline"),
    ]
    return form_modal(ids.EXTEND, f"Extend #{request.number}", "Extend", blocks, number=request.number)


def template_modal() -> dict:
    blocks = [
        text_input("name", "Template name", limit=60, placeholder="Onboarding buddy"),
        *_question_inputs("questions", MOST_TEMPLATE_QUESTIONS, "Question", "How well did I explain our tools?"),
        _scale_choice("scales", MOST_TEMPLATE_QUESTIONS),
    ]
    return form_modal(ids.TEMPLATE, "New template", "Add", blocks)


def template_form(values: dict) -> TemplateForm:
    state = read_state(values)
    count = MOST_TEMPLATE_QUESTIONS
    return TemplateForm(state.get("name"), _written(state, "questions", count), _scales(state, "scales", count))
