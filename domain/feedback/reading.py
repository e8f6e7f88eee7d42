"""What one may read of feedback: a request as its requester sees it (anonymity rules applied), and each person's
overview of what they asked, what waits for them, and what they received and gave."""

from dataclasses import dataclass, field
from datetime import datetime

from domain.feedback.answers import ERASED_AUTHOR, Answer, Reveal, reveal, scale_summary
from domain.feedback.model import Question, Scale
from domain.feedback.ports import FeedbackUnitOfWork
from domain.feedback.records import Ask, AskState, FeedbackRequest, Given, Tally, tally
from domain.feedback.services import my_request

RECEIVED_KEY = 0  # the fixed order of anonymous feedback given unasked is keyed by this, not by a request
NOTHING_RECEIVED = Reveal((), 0, None)


class Names:
    """Display names of everyone a view shows, by user id; someone the directory never met shows as their id."""

    names: dict[str, str]

    def name(self, user_id: str) -> str:
        return "(name erased)" if user_id == ERASED_AUTHOR else self.names.get(user_id, user_id)


def names_of(uow: FeedbackUnitOfWork, people: list[str]) -> dict[str, str]:
    """Call inside `with uow`."""
    return {user_id: m.display_name for user_id, m in uow.members.many(people).items()}


@dataclass(frozen=True)
class QuestionResult:
    question: Question
    replies: tuple[tuple[Answer, str], ...]  # the shown answers that replied, in shown order
    counts: dict[int, int] | None  # for a 1–5 scale
    mean: float | None


@dataclass(frozen=True)
class Summary(Names):
    """A request as its requester sees it: anonymity rules applied."""

    request: FeedbackRequest
    tally: Tally
    reveal: Reveal
    declined: tuple[Ask, ...]
    waiting: tuple[str, ...]  # named only when answers can't be anonymous: otherwise they'd tell who answered
    names: dict[str, str]
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


def summary_of(uow: FeedbackUnitOfWork, request: FeedbackRequest, now: datetime) -> Summary:
    """Call inside `with uow`."""
    asks = uow.feedback.asks([request.id])
    answers = uow.feedback.answers(request.id)
    declined = tuple(a for a in asks if a.state is AskState.DECLINED)
    waiting = () if request.anonymous else tuple(a.user_id for a in asks if a.state is AskState.WAITING)
    named = [a.author_id for a in answers if a.author_id]
    names = names_of(uow, [*named, *(a.user_id for a in declined), *waiting])
    return Summary(request, tally(asks), reveal(request.id, answers), declined, waiting, names, request.is_open(now))


def request_summary(uow: FeedbackUnitOfWork, requester_id: str, number: int, now: datetime) -> Summary:
    """One of my requests with its answers; a number that is not mine finds nothing."""
    with uow:
        return summary_of(uow, my_request(uow, requester_id, number), now)


def summaries_about_goal(uow: FeedbackUnitOfWork, owner_id: str, goal_number: int, now: datetime) -> list[Summary]:
    with uow:
        return [summary_of(uow, r, now) for r in uow.feedback.about_goal(owner_id, goal_number)]


@dataclass(frozen=True)
class Overview(Names):
    """What `/feedback list` and App Home show one person."""

    mine: list[tuple[FeedbackRequest, Tally]]  # newest first
    waiting: list[FeedbackRequest]  # requests waiting for my answer
    names: dict[str, str]
    received: Reveal = NOTHING_RECEIVED  # feedback given to me unasked
    given: list[Given] = field(default_factory=list)  # the named answers I gave


def at_hand(uow: FeedbackUnitOfWork, user_id: str, now: datetime) -> Overview:
    """My requests and those waiting for my answer: App Home's part of the overview."""
    with uow:
        return _at_hand(uow, user_id, now)


def _at_hand(uow: FeedbackUnitOfWork, user_id: str, now: datetime) -> Overview:
    mine = uow.feedback.requests_of(user_id)
    asks = uow.feedback.asks([r.id for r in mine])
    tallies = [(r, tally([a for a in asks if a.request_id == r.id])) for r in mine]
    waiting = [r for r, ask in uow.feedback.asked(user_id, now) if ask.state is AskState.WAITING]
    return Overview(tallies, waiting, names_of(uow, [r.requester_id for r in waiting]))


def overview(uow: FeedbackUnitOfWork, user_id: str, now: datetime) -> Overview:
    """Everything `/feedback list` shows: what is at hand, and the feedback I received unasked and gave."""
    with uow:
        hand = _at_hand(uow, user_id, now)
        received = reveal(RECEIVED_KEY, uow.feedback.received(user_id))
        given = uow.feedback.given_by(user_id)
        people = [a.author_id for a in received.shown if a.author_id] + [g.about_id for g in given]
        names = {**hand.names, **names_of(uow, people)}
    return Overview(hand.mine, hand.waiting, names, received, given)
