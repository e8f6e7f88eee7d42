"""Feedback's use cases: ask, answer, decline, give unasked, close, extend, and read what one may read."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from domain.feedback.forms import (
    ANSWER_LIMIT,
    AnswerForm,
    GiveForm,
    check_answer,
    check_reason,
)
from domain.feedback.model import LONGEST_DAYS, MOST_ASKED, AskForm, Question, check_request
from domain.feedback.ports import FeedbackUnitOfWork
from domain.feedback.records import AskState, FeedbackRequest, Tally, end_of_day, tally
from domain.feedback.settings import ask_choices
from domain.people.candidates import Directory, look_up, refusals, remember
from domain.people.members import Member
from domain.shared.clock import Clock
from domain.shared.errors import DomainError, InvalidInput
from domain.shared.forms import FormCheck
from domain.shared.text import human_date

GIVEN_QUESTION = Question("Feedback")


class RequestNotFound(DomainError):
    def __init__(self, number: int):
        super().__init__(f"You have no feedback request #{number}. `/feedback list` shows yours and their numbers.")


class NotAsked(DomainError):
    def __init__(self):
        super().__init__("That feedback request isn't one you were asked to answer.")


def ask_for_feedback(
    uow: FeedbackUnitOfWork,
    clock: Clock,
    requester: Member,
    form: AskForm,
    directory: Directory,
    goal_title: Callable[[int], str | None],
) -> tuple[FeedbackRequest, list[str]]:
    """Check and save a request with a waiting ask for each person; returns it with the people to tell."""
    now = clock.now()
    today = requester.today(now)
    choices = ask_choices(uow)
    wanted = list(dict.fromkeys(form.asked))
    candidates = look_up(directory, wanted, "asked") if 0 < len(wanted) <= MOST_ASKED else {}
    spec = check_request(
        form,
        requester.user_id,
        candidates,
        today,
        anonymity_allowed=choices.anonymity_allowed,
        templates=choices.templates,
    )
    title = goal_title(spec.goal_number) if spec.goal_number is not None else None
    if spec.goal_number is not None and title is None:
        raise InvalidInput({"goal": f"You have no goal #{spec.goal_number}. Choose one of yours, or none."})
    with uow:
        uow.members.save(requester)
        remember(uow.members, [candidates[user_id] for user_id in spec.asked], now)  # their zone decides their nudges
        number = uow.feedback.next_number(requester.user_id)
        closes_at = end_of_day(spec.deadline, requester.zone)
        request = uow.feedback.add(requester.user_id, number, spec, title, today, closes_at, now)
        uow.commit()
    return request, list(spec.asked)


def answerable(uow: FeedbackUnitOfWork, clock: Clock, user_id: str, request_id: int) -> tuple[FeedbackRequest, str]:
    """A request `user_id` may still answer or decline, with the requester's name; says why not otherwise."""
    with uow:
        request = uow.feedback.get(request_id)
        ask = uow.feedback.ask(request_id, user_id) if request else None
        if request is None or ask is None:
            raise NotAsked()
        requester = uow.members.get(request.requester_id)
    name = requester.display_name if requester else request.requester_id
    if ask.state is AskState.DONE:
        raise DomainError(f"You answered {name}'s feedback request already. Thank you!")
    if ask.state is AskState.DECLINED:
        raise DomainError(f"You declined {name}'s feedback request. It is closed for you.")
    if not request.is_open(clock.now()):
        raise DomainError(f"{name}'s feedback request closed on {human_date(request.deadline)}. Nothing more to do.")
    return request, name


@dataclass(frozen=True)
class Response:
    """An answer or a decline, saved: what the requester may be told."""

    request: FeedbackRequest
    person_id: str | None  # None for an anonymous answer: the requester is not told who
    declined: bool
    reason: str | None
    tally: Tally


def answer_request(uow: FeedbackUnitOfWork, clock: Clock, user_id: str, request_id: int, form: AnswerForm) -> Response:
    """Save one answer per person asked: a second, or one racing the first, saves nothing."""
    request, _ = answerable(uow, clock, user_id, request_id)
    replies = check_answer(form, request.questions, request.anonymous)
    with uow:
        if not uow.feedback.finish_ask(request_id, user_id, AskState.DONE):
            raise DomainError("You answered this feedback request already. Thank you!")
        author = None if form.anonymous else user_id
        uow.feedback.add_answer(
            request_id, request.requester_id, author, clock.now().date(), request.questions, replies
        )
        uow.commit()
        counts = tally(uow.feedback.asks([request_id]))
    return Response(request, author, False, None, counts)


def decline_request(uow: FeedbackUnitOfWork, clock: Clock, user_id: str, request_id: int, reason: str | None):
    request, _ = answerable(uow, clock, user_id, request_id)
    reason = check_reason(reason)
    with uow:
        if not uow.feedback.finish_ask(request_id, user_id, AskState.DECLINED, reason):
            raise DomainError("You already answered or declined this feedback request.")
        uow.commit()
        counts = tally(uow.feedback.asks([request_id]))
    return Response(request, user_id, True, reason, counts)


def my_request(uow: FeedbackUnitOfWork, requester_id: str, number: int) -> FeedbackRequest:
    """One of my requests by number; call inside `with uow`."""
    request = uow.feedback.by_number(requester_id, number)
    if request is None:
        raise RequestNotFound(number)
    return request


def close_early(uow: FeedbackUnitOfWork, clock: Clock, requester_id: str, number: int) -> FeedbackRequest:
    """Close my request now; its summary follows."""
    now = clock.now()
    with uow:
        request = my_request(uow, requester_id, number)
        if not request.is_open(now) or not uow.feedback.close(request.id, now):
            raise DomainError(f"Request #{number} is closed already. `/feedback show {number}` has its answers.")
        uow.commit()
        return uow.feedback.get(request.id)


def extendable(uow: FeedbackUnitOfWork, clock: Clock, requester_id: str, number: int) -> FeedbackRequest:
    """My request #number, if its deadline may still be moved: it is open and was never extended."""
    with uow:
        request = my_request(uow, requester_id, number)
    if not request.is_open(clock.now()):
        raise DomainError(f"Request #{number} is closed; a closed request can't be extended.")
    if request.extended:
        raise DomainError(f"Request #{number} was extended once already. A request can be extended only once.")
    return request


def extend_deadline(
    uow: FeedbackUnitOfWork, clock: Clock, requester: Member, number: int, raw: str | None
) -> FeedbackRequest:
    """Move an open request's deadline later, once."""
    now = clock.now()
    today = requester.today(now)
    request = extendable(uow, clock, requester.user_id, number)
    check = FormCheck()
    day = check.day("deadline", raw, today, name="new deadline")
    check.within(
        "deadline", day, request.deadline + timedelta(days=1), today + timedelta(days=LONGEST_DAYS), "A later deadline"
    )
    check.done()
    with uow:
        if not uow.feedback.extend(request.id, day, end_of_day(day, requester.zone), now):
            raise DomainError(f"Request #{number} was extended or closed meanwhile. Nothing changed.")
        uow.commit()
        return uow.feedback.get(request.id)


def give_feedback(uow: FeedbackUnitOfWork, clock: Clock, giver: Member, form: GiveForm, directory: Directory) -> bool:
    """Feedback to a teammate without a request; True when it was given with the giver's name."""
    with uow:
        anonymity = uow.feedback_settings.anonymity_allowed()
    check = FormCheck()
    text = check.text("text", form.text, "your feedback", ANSWER_LIMIT)
    people = look_up(directory, [form.to], "to") if form.to else {}
    yourself, bot = "Feedback goes to a teammate, not to yourself.", "{name} is a bot: choose a teammate."
    if not form.to:
        check.fail("to", "Choose the teammate your feedback is for.")
    elif reasons := refusals([form.to], giver.user_id, people, yourself=yourself, bot=bot):
        check.fail("to", reasons)
    if form.anonymous and not anonymity:
        check.fail("anonymous", "Anonymous feedback is turned off in this workspace.")
    check.done()
    now = clock.now()
    with uow:
        remember(uow.members, [people[form.to]], now)
        author = None if form.anonymous else giver.user_id
        uow.feedback.add_answer(None, form.to, author, now.date(), (GIVEN_QUESTION,), (text,))
        uow.commit()
    return author is not None
