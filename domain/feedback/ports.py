"""What the feedback use cases need from storage and from the chat platform. persistence/feedback/ implements the
storage."""

from collections.abc import Iterable
from datetime import date, datetime
from typing import Protocol

from domain.feedback.answers import Answer
from domain.feedback.model import Question, RequestSpec, Template
from domain.feedback.records import Ask, AskState, FeedbackRequest, Given
from domain.people.ports import MemberRepository
from domain.shared.unit_of_work import UnitOfWork


class FeedbackRepository(Protocol):
    def next_number(self, requester_id: str) -> int:
        """Atomically take the requester's next request number (1, 2, …)."""
        ...

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
        """Save the request and one waiting ask for each person in `spec.asked`."""
        ...

    def get(self, request_id: int) -> FeedbackRequest | None: ...

    def ask_counts(self, requester_ids: list[str], asked_since: date) -> dict[str, tuple[int, int]]:
        """For each requester with requests made on or after `asked_since`: how many people they asked and how many
        of those answered, in one query (a manager's summary). Requesters with none are left out."""
        ...

    def by_number(self, requester_id: str, number: int) -> FeedbackRequest | None: ...

    def requests_of(self, requester_id: str) -> list[FeedbackRequest]:
        """The requester's requests, newest first."""
        ...

    def about_goal(self, requester_id: str, goal_number: int) -> list[FeedbackRequest]: ...

    def asks(self, request_ids: Iterable[int]) -> list[Ask]: ...

    def ask(self, request_id: int, user_id: str) -> Ask | None: ...

    def asked(self, user_id: str, open_after: datetime) -> list[tuple[FeedbackRequest, Ask]]:
        """The requests asking `user_id` that close after `open_after`, with their ask, soonest deadline first."""
        ...

    def waiting_people(self, open_after: datetime) -> list[str]:
        """Everyone with a waiting ask on a request that closes after `open_after`."""
        ...

    def requesters(self, closing_after: datetime) -> list[str]:
        """Everyone with a request that closes (or closed) after `closing_after`."""
        ...

    def finish_ask(self, request_id: int, user_id: str, state: AskState, reason: str | None = None) -> bool:
        """Move a waiting ask to `state`, atomically; False when it was not waiting (a second answer)."""
        ...

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
        ...

    def answers(self, request_id: int) -> list[Answer]: ...

    def received(self, about_id: str) -> list[Answer]:
        """Feedback given to `about_id` without a request."""
        ...

    def given_by(self, author_id: str) -> list[Given]:
        """The named answers `author_id` gave, newest first."""
        ...

    def close(self, request_id: int, at: datetime) -> bool:
        """Close an open request now; False when it was closed already."""
        ...

    def extend(self, request_id: int, deadline: date, closes_at: datetime, now: datetime) -> bool:
        """Move the deadline of an open request that was never extended; False otherwise."""
        ...


class FeedbackSettingsRepository(Protocol):
    def anonymity_allowed(self) -> bool: ...

    def set_anonymity(self, allowed: bool) -> None: ...

    def templates(self) -> list[Template]:
        """The workspace's own templates, oldest first; their keys are `ws` and a number."""
        ...

    def add_template(self, name: str, questions: tuple[Question, ...], created_by: str) -> Template: ...


class FeedbackUnitOfWork(UnitOfWork, Protocol):
    feedback: FeedbackRepository
    feedback_settings: FeedbackSettingsRepository
    members: MemberRepository
