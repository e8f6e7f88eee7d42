"""Feedback requests, the people asked, and the answers."""

from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import case, func, select, update

from domain.feedback.answers import Answer
from domain.feedback.model import Question, Readers, RequestSpec, Scale
from domain.feedback.records import Ask, AskState, FeedbackRequest, Given
from persistence.base import Scoped
from persistence.feedback.tables import AnswerRow, AskRow, CounterRow, RequestRow


class SqlFeedbackRepository(Scoped):
    def next_number(self, requester_id: str) -> int:
        return self.next_count(CounterRow.seq, requester_id=requester_id)

    def add(
        self,
        requester_id: str,
        number: int,
        spec: RequestSpec,
        goal_title: str | None,
        asked_on: date,
        closes_at: datetime,
        created_at: datetime,
    ) -> FeedbackRequest:
        row = RequestRow(
            **self.keys(),
            number=number,
            requester_id=requester_id,
            asked_on=asked_on,
            deadline=spec.deadline,
            closes_at=closes_at,
            questions=questions_json(spec.questions),
            topic=spec.topic,
            goal_number=spec.goal_number,
            goal_title=goal_title,
            anonymous=spec.anonymous,
            readers=spec.readers.value,
            extended=False,
            created_at=created_at,
        )
        self.session.add(row)
        self.session.flush()
        waiting = AskState.WAITING.value
        self.session.add_all(AskRow(**self.keys(), request_id=row.id, user_id=u, state=waiting) for u in spec.asked)
        self.session.flush()
        return _request(row)

    def _requests(self, *where, order=(RequestRow.id,)) -> list[FeedbackRequest]:
        rows = self.session.scalars(select(RequestRow).where(self.mine(RequestRow), *where).order_by(*order))
        return [_request(row) for row in rows]

    def get(self, request_id: int) -> FeedbackRequest | None:
        return next(iter(self._requests(RequestRow.id == request_id)), None)

    def ask_counts(self, requester_ids: list[str], asked_since: date) -> dict[str, tuple[int, int]]:
        answered = func.count(case((AskRow.state == AskState.DONE.value, AskRow.id)))
        theirs = (RequestRow.requester_id.in_(requester_ids), RequestRow.asked_on >= asked_since)
        rows = self.session.execute(
            select(RequestRow.requester_id, func.count(AskRow.id), answered)
            .join(AskRow, AskRow.request_id == RequestRow.id)
            .where(self.mine(RequestRow), self.mine(AskRow), *theirs)
            .group_by(RequestRow.requester_id)
        )
        return {requester_id: (asked, done) for requester_id, asked, done in rows}

    def by_number(self, requester_id: str, number: int) -> FeedbackRequest | None:
        return next(iter(self._requests(RequestRow.requester_id == requester_id, RequestRow.number == number)), None)

    def requests_of(self, requester_id: str) -> list[FeedbackRequest]:
        """The requester's requests, newest first."""
        return self._requests(RequestRow.requester_id == requester_id, order=(RequestRow.number.desc(),))

    def about_goal(self, requester_id: str, goal_number: int) -> list[FeedbackRequest]:
        """The requester's requests about one of their goals, newest first."""
        mine = (RequestRow.requester_id == requester_id, RequestRow.goal_number == goal_number)
        return self._requests(*mine, order=(RequestRow.number.desc(),))

    def asks(self, request_ids: Iterable[int]) -> list[Ask]:
        wanted = AskRow.request_id.in_(list(request_ids))
        rows = self.session.scalars(select(AskRow).where(self.mine(AskRow), wanted).order_by(AskRow.id))
        return [_ask(row) for row in rows]

    def ask(self, request_id: int, user_id: str) -> Ask | None:
        mine = self.mine(AskRow) & (AskRow.request_id == request_id) & (AskRow.user_id == user_id)
        row = self.session.scalar(select(AskRow).where(mine))
        return None if row is None else _ask(row)

    def _open_asks(self, open_after: datetime, *columns):
        return (
            select(*columns)
            .join(RequestRow, RequestRow.id == AskRow.request_id)
            .where(self.mine(AskRow), self.mine(RequestRow), RequestRow.closes_at > open_after)
        )

    def asked(self, user_id: str, open_after: datetime) -> list[tuple[FeedbackRequest, Ask]]:
        """The requests asking `user_id` that close after `open_after`, with their ask, soonest deadline first."""
        query = self._open_asks(open_after, RequestRow, AskRow).where(AskRow.user_id == user_id)
        rows = self.session.execute(query.order_by(RequestRow.deadline, RequestRow.id))
        return [(_request(request), _ask(ask)) for request, ask in rows]

    def waiting_people(self, open_after: datetime) -> list[str]:
        """Everyone with a waiting ask on a request that closes after `open_after`."""
        waiting = AskRow.state == AskState.WAITING.value
        return list(self.session.scalars(self._open_asks(open_after, AskRow.user_id).where(waiting).distinct()))

    def requesters(self, closing_after: datetime) -> list[str]:
        """Everyone with a request that closes (or closed) after `closing_after`."""
        query = select(RequestRow.requester_id).distinct()
        return list(self.session.scalars(query.where(self.mine(RequestRow), RequestRow.closes_at > closing_after)))

    def finish_ask(self, request_id: int, user_id: str, state: AskState, reason: str | None = None) -> bool:
        """Move a waiting ask to `state` in one conditional UPDATE: of two racing answers, one finds it waiting."""
        statement = (
            update(AskRow)
            .where(self.mine(AskRow), AskRow.request_id == request_id, AskRow.user_id == user_id)
            .where(AskRow.state == AskState.WAITING.value)
            .values(state=state.value, reason=reason)
        )
        if self.session.execute(statement).rowcount != 1:
            return False
        # PostgreSQL keeps with each row the transaction that wrote it: rewrite every ask of the request, so the
        # one written with an anonymous answer is not the only one that shares its transaction.
        everyone = update(AskRow).where(self.mine(AskRow), AskRow.request_id == request_id)
        self.session.execute(everyone.values(state=AskRow.state))
        return True

    def add_answer(
        self,
        request_id: int | None,
        about_id: str,
        author_id: str | None,
        given_on: date,
        questions: tuple[Question, ...],
        replies: tuple[str, ...],
    ) -> int:
        """Save an answer; `author_id` None keeps it anonymous: nothing stored links it to anyone."""
        row = AnswerRow(
            **self.keys(),
            request_id=request_id,
            about_id=about_id,
            author_id=author_id,
            given_on=given_on,
            questions=questions_json(questions),
            replies=list(replies),
        )
        self.session.add(row)
        self.session.flush()
        return row.id

    def _answers(self, *where, order=(AnswerRow.id,)) -> list[AnswerRow]:
        return list(self.session.scalars(select(AnswerRow).where(self.mine(AnswerRow), *where).order_by(*order)))

    def answers(self, request_id: int) -> list[Answer]:
        return [_answer(row) for row in self._answers(AnswerRow.request_id == request_id)]

    def received(self, about_id: str) -> list[Answer]:
        """Feedback given to `about_id` without a request."""
        unasked = (AnswerRow.request_id.is_(None), AnswerRow.about_id == about_id)
        return [_answer(row) for row in self._answers(*unasked)]

    def given_by(self, author_id: str) -> list[Given]:
        """The named answers `author_id` gave, newest first."""
        rows = self._answers(AnswerRow.author_id == author_id, order=(AnswerRow.given_on.desc(), AnswerRow.id.desc()))
        return [Given(r.about_id, r.given_on, questions_of(r.questions), tuple(r.replies)) for r in rows]

    def _update(self, request_id: int, *where, **values) -> bool:
        mine = (self.mine(RequestRow), RequestRow.id == request_id, *where)
        return self.session.execute(update(RequestRow).where(*mine).values(**values)).rowcount == 1

    def close(self, request_id: int, at: datetime) -> bool:
        """Close an open request at `at`; False when it was closed already."""
        return self._update(request_id, RequestRow.closes_at > at, closes_at=at)

    def extend(self, request_id: int, deadline: date, closes_at: datetime, now: datetime) -> bool:
        """Move the deadline of an open request that was never extended; False otherwise."""
        never = RequestRow.extended.is_(False)
        return self._update(
            request_id, never, RequestRow.closes_at > now, deadline=deadline, closes_at=closes_at, extended=True
        )


def questions_json(questions: tuple[Question, ...]) -> list[dict]:
    return [{"text": q.text, "scale": q.scale.value} for q in questions]


def questions_of(stored: list[dict]) -> tuple[Question, ...]:
    return tuple(Question(q["text"], Scale(q["scale"])) for q in stored)


def _request(row: RequestRow) -> FeedbackRequest:
    return FeedbackRequest(
        id=row.id,
        number=row.number,
        requester_id=row.requester_id,
        asked_on=row.asked_on,
        deadline=row.deadline,
        closes_at=row.closes_at,
        questions=questions_of(row.questions),
        topic=row.topic,
        goal_number=row.goal_number,
        goal_title=row.goal_title,
        anonymous=row.anonymous,
        readers=Readers(row.readers),
        extended=row.extended,
    )


def _ask(row: AskRow) -> Ask:
    return Ask(row.request_id, row.user_id, AskState(row.state), row.reason)


def _answer(row: AnswerRow) -> Answer:
    return Answer(row.id, row.author_id, row.given_on, tuple(row.replies))
