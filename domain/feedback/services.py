"""Feedback's use cases: ask, answer, decline, give unasked, close, extend, and read what one may read."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.feedback.answers import Answer, Reveal, reveal, scale_summary
from domain.feedback.forms import (
    ANSWER_LIMIT,
    AnswerForm,
    GiveForm,
    TemplateForm,
    check_answer,
    check_reason,
    check_template,
)
from domain.feedback.model import BUILT_IN, LONGEST_DAYS, MOST_ASKED, AskForm, Question, Scale, Template, check_request
from domain.feedback.ports import Directory, FeedbackUnitOfWork
from domain.feedback.records import Ask, AskState, FeedbackRequest, Given, Tally, end_of_day, tally
from domain.people.members import Member
from domain.shared.clock import Clock
from domain.shared.errors import DomainError, InvalidInput
from domain.shared.forms import FormCheck
from domain.shared.text import human_date

GIVEN_QUESTION = Question("Feedback")
RECEIVED_KEY = 0  # the fixed order of anonymous feedback given unasked is keyed by this, not by a request


class RequestNotFound(DomainError):
    def __init__(self, number: int):
        super().__init__(f"You have no feedback request #{number}. `/feedback list` shows yours and their numbers.")


class NotAsked(DomainError):
    def __init__(self):
        super().__init__("That feedback request isn't one you were asked to answer.")


def templates_of(uow: FeedbackUnitOfWork) -> tuple[Template, ...]:
    """The built-in templates, then the workspace's own; call inside `with uow`."""
    return BUILT_IN + tuple(uow.feedback_settings.templates())


@dataclass(frozen=True)
class AskChoices:
    """What the ask modal offers: the templates, and whether answers may be anonymous."""

    templates: tuple[Template, ...]
    anonymity_allowed: bool


def ask_choices(uow: FeedbackUnitOfWork) -> AskChoices:
    with uow:
        return AskChoices(templates_of(uow), uow.feedback_settings.anonymity_allowed())


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
    candidates = directory.candidates(wanted) if 0 < len(wanted) <= MOST_ASKED else {}
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
        known = uow.members.many(list(spec.asked))
        uow.members.save(requester)
        for user_id in spec.asked:  # their zone decides when nudges reach them
            if user_id not in known:
                person = candidates[user_id]
                uow.members.save(Member(user_id, person.name, person.tz, now))
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


@dataclass(frozen=True)
class QuestionResult:
    question: Question
    replies: tuple[tuple[Answer, str], ...]  # the shown answers that replied, in shown order
    counts: dict[int, int] | None  # for a 1–5 scale
    mean: float | None


@dataclass(frozen=True)
class Summary:
    """A request as its requester sees it: anonymity rules applied."""

    request: FeedbackRequest
    tally: Tally
    reveal: Reveal
    declined: tuple[Ask, ...]
    waiting: tuple[str, ...]  # named only when answers can't be anonymous: otherwise they'd tell who answered
    names: dict[str, str]  # display names of everyone the summary names
    open: bool

    def by_question(self) -> list[QuestionResult]:
        results = []
        for position, question in enumerate(self.request.questions):
            replies = tuple(
                (answer, answer.replies[position])
                for answer in self.reveal.shown
                if position < len(answer.replies) and answer.replies[position]
            )
            counts, mean = (None, None)
            if question.scale is Scale.ONE_TO_FIVE:
                counts, mean = scale_summary([reply for _, reply in replies])
            results.append(QuestionResult(question, replies, counts, mean))
        return results

    def name(self, user_id: str) -> str:
        return self.names.get(user_id, user_id)


def summary_of(uow: FeedbackUnitOfWork, request: FeedbackRequest, now: datetime) -> Summary:
    """Call inside `with uow`."""
    asks = uow.feedback.asks([request.id])
    answers = uow.feedback.answers(request.id)
    declined = tuple(a for a in asks if a.state is AskState.DECLINED)
    waiting = () if request.anonymous else tuple(a.user_id for a in asks if a.state is AskState.WAITING)
    named = [a.author_id for a in answers if a.author_id]
    people = [*named, *(a.user_id for a in declined), *waiting]
    names = {user_id: m.display_name for user_id, m in uow.members.many(people).items()}
    return Summary(request, tally(asks), reveal(request.id, answers), declined, waiting, names, request.is_open(now))


def request_summary(uow: FeedbackUnitOfWork, requester_id: str, number: int, now: datetime) -> Summary:
    """One of my requests with its answers; a number that is not mine finds nothing."""
    with uow:
        return summary_of(uow, my_request(uow, requester_id, number), now)


def summaries_about_goal(uow: FeedbackUnitOfWork, owner_id: str, goal_number: int, now: datetime) -> list[Summary]:
    with uow:
        return [summary_of(uow, r, now) for r in uow.feedback.about_goal(owner_id, goal_number)]


@dataclass(frozen=True)
class Overview:
    """What `/feedback list` and App Home show one person."""

    mine: list[tuple[FeedbackRequest, Tally]]  # newest first
    waiting: list[tuple[FeedbackRequest, str]]  # requests waiting for my answer, with the requester's name
    received: Reveal  # feedback given to me unasked
    given: list[Given]  # the named answers I gave
    names: dict[str, str]

    def name(self, user_id: str) -> str:
        return self.names.get(user_id, user_id)


def overview(uow: FeedbackUnitOfWork, user_id: str, now: datetime) -> Overview:
    with uow:
        mine = uow.feedback.requests_of(user_id)
        asks = uow.feedback.asks([r.id for r in mine])
        tallies = [(r, tally([a for a in asks if a.request_id == r.id])) for r in mine]
        waiting = [r for r, ask in uow.feedback.asked(user_id, now) if ask.state is AskState.WAITING]
        received = reveal(RECEIVED_KEY, uow.feedback.received(user_id))
        given = uow.feedback.given_by(user_id)
        people = [r.requester_id for r in waiting] + [a.author_id for a in received.shown if a.author_id]
        people += [g.about_id for g in given]
        names = {u: m.display_name for u, m in uow.members.many(people).items()}
    return Overview(tallies, [(r, names.get(r.requester_id, r.requester_id)) for r in waiting], received, given, names)


def give_feedback(uow: FeedbackUnitOfWork, clock: Clock, giver: Member, form: GiveForm, directory: Directory) -> bool:
    """Feedback to a teammate without a request; True when it was given with the giver's name."""
    with uow:
        anonymity = uow.feedback_settings.anonymity_allowed()
    check = FormCheck()
    text = check.text("text", form.text, "your feedback", ANSWER_LIMIT)
    person = directory.candidates([form.to]).get(form.to) if form.to else None
    if not form.to or person is None:
        check.fail("to", "Choose the teammate your feedback is for.")
    elif form.to == giver.user_id:
        check.fail("to", "Feedback goes to a teammate, not to yourself.")
    elif person.is_bot or person.deactivated:
        check.fail("to", f"{person.name} can't receive feedback: choose a teammate.")
    if form.anonymous and not anonymity:
        check.fail("anonymous", "Anonymous feedback is turned off in this workspace.")
    check.done()
    now = clock.now()
    with uow:
        if uow.members.get(form.to) is None:
            uow.members.save(Member(form.to, person.name, person.tz, now))
        author = None if form.anonymous else giver.user_id
        uow.feedback.add_answer(None, form.to, author, now.date(), (GIVEN_QUESTION,), (text,))
        uow.commit()
    return author is not None


def _admin_only(member: Member, what: str) -> None:
    if not member.is_admin:
        raise DomainError(f"Only a workspace admin or owner can {what}.")


def set_anonymity(uow: FeedbackUnitOfWork, member: Member, allowed: bool) -> None:
    _admin_only(member, "turn anonymous feedback on or off")
    with uow:
        uow.feedback_settings.set_anonymity(allowed)
        uow.commit()


def add_template(uow: FeedbackUnitOfWork, member: Member, form: TemplateForm) -> Template:
    _admin_only(member, "add feedback templates")
    with uow:
        name, questions = check_template(form, list(templates_of(uow)))
        template = uow.feedback_settings.add_template(name, questions, member.user_id)
        uow.commit()
    return template
