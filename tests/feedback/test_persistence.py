"""Feedback's use cases on a real database, SQLite and PostgreSQL: requests, answers that stay anonymous, one
answer per person, closing and extending once, workspaces kept apart, settings and templates."""

import threading
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import Date, DateTime, inspect, select, text

import persistence.uow
from domain.feedback.forms import AnswerForm, GiveForm, TemplateForm
from domain.feedback.model import BUILT_IN, AskForm, Question, Readers, Scale
from domain.feedback.reading import overview, request_summary
from domain.feedback.records import AskState, Given
from domain.feedback.services import (
    GIVEN_QUESTION,
    NotAsked,
    RequestNotFound,
    answer_request,
    ask_for_feedback,
    close_early,
    decline_request,
    extend_deadline,
    give_feedback,
)
from domain.feedback.settings import add_template, ask_choices, set_anonymity
from domain.people.candidates import Candidate
from domain.people.members import Member
from domain.shared.clock import FixedClock
from domain.shared.errors import DomainError, InvalidInput
from domain.shared.workspace import WorkspaceKey
from persistence.database import make_engine, session_factory, upgrade
from persistence.feedback.tables import AnswerRow
from persistence.uow import unit_of_work_factory
from tests.examples import run_together

ACME = WorkspaceKey("", "T1")
OTHER = WorkspaceKey("", "T2")
NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
ASHA = Member("U1", "Asha", "Asia/Kolkata", NOW)  # 17:30 there: still 21 November
BRUNO = Member("U2", "Bruno", "America/Los_Angeles", NOW)
ADMIN = Member("U9", "Ines", "UTC", NOW, is_admin=True)
END_OF_28TH_IN_KOLKATA = datetime(2026, 11, 28, 18, 30, tzinfo=UTC)
THREE_TEXT_REPLIES = AnswerForm(("Keep pairing", "Start writing notes", "Stop skipping reviews"))


class Directory:
    """The chat platform's people, as a dict."""

    def __init__(self, *people: Candidate):
        self.people = {person.user_id: person for person in people}

    def candidates(self, user_ids: list[str]) -> dict[str, Candidate]:
        return {user_id: self.people[user_id] for user_id in user_ids if user_id in self.people}


TEAM = Directory(
    Candidate("U1", "Asha", tz="Asia/Kolkata"),
    Candidate("U2", "Bruno", tz="America/Los_Angeles"),
    Candidate("U3", "Chen"),
    Candidate("U4", "Dana"),
)
GOALS = {1: "Ship the beta"}


def ask(**changes) -> AskForm:
    fields = {"asked": ("U2", "U3"), "templates": ("keep_start_stop",), "deadline": "2026-11-28"}
    return AskForm(**{**fields, **changes})


def request(uow_factory, clock, requester: Member = ASHA, **changes):
    made, _ = ask_for_feedback(uow_factory(ACME), clock, requester, ask(**changes), TEAM, GOALS.get)
    return made


def test_a_request_is_saved_and_read_back_whole(uow_factory, clock):
    made, tell = ask_for_feedback(
        uow_factory(ACME),
        clock,
        ASHA,
        ask(
            templates=("presentation",),
            own_questions=("Rate my estimates",),
            own_scales=("scale",),
            topic="The Q4 demo",
            readers="me_and_manager",
        ),
        TEAM,
        GOALS.get,
    )

    with uow_factory(ACME) as uow:
        assert uow.feedback.get(made.id) == made
        assert uow.feedback.by_number("U1", 1) == made
        asks = uow.feedback.asks([made.id])
        bruno = uow.members.get("U2")
    assert tell == ["U2", "U3"]
    assert made.number == 1 and made.requester_id == "U1"
    assert made.questions == (
        Question("How clear was the presentation?", Scale.ONE_TO_FIVE),
        Question("What one change would have made it better?"),
        Question("Rate my estimates", Scale.ONE_TO_FIVE),
    )
    assert (made.asked_on, made.deadline) == (date(2026, 11, 21), date(2026, 11, 28))
    assert made.closes_at == END_OF_28TH_IN_KOLKATA and made.closes_at.tzinfo is not None
    assert (made.topic, made.goal_number, made.goal_title) == ("The Q4 demo", None, None)
    assert made.readers is Readers.ME_AND_MANAGER and not made.anonymous and not made.extended
    assert [(a.user_id, a.state) for a in asks] == [("U2", AskState.WAITING), ("U3", AskState.WAITING)]
    assert bruno.tz == "America/Los_Angeles"  # their zone decides when nudges reach them


def test_numbers_count_per_requester_and_lists_come_in_their_order(uow_factory, clock):
    first = request(uow_factory, clock)
    second = request(uow_factory, clock, goal="1", deadline="2026-11-25", asked=("U2",))
    of_bruno = request(uow_factory, clock, BRUNO, asked=("U3",))

    with uow_factory(ACME) as uow:
        mine = uow.feedback.requests_of("U1")
        about_goal = uow.feedback.about_goal("U1", 1)
        asked_bruno = uow.feedback.asked("U2", NOW)
        waiting = uow.feedback.waiting_people(NOW)
        requesters = uow.feedback.requesters(NOW)
    assert (first.number, second.number, of_bruno.number) == (1, 2, 1)
    assert [r.number for r in mine] == [2, 1]  # newest first
    assert about_goal == [second] and second.about == "goal #1: Ship the beta"
    assert [(r.id, a.user_id) for r, a in asked_bruno] == [(second.id, "U2"), (first.id, "U2")]  # soonest first
    assert sorted(waiting) == ["U2", "U3"]
    assert sorted(requesters) == ["U1", "U2"]


def test_an_anonymous_answer_keeps_no_author_and_an_ask_keeps_no_time(uow_factory, engine, clock):
    made = request(uow_factory, clock, anonymous=True, asked=("U2", "U3", "U4"))

    anonymous = answer_request(
        uow_factory(ACME), clock, "U2", made.id, AnswerForm(THREE_TEXT_REPLIES.replies, anonymous=True)
    )
    named = answer_request(uow_factory(ACME), clock, "U3", made.id, THREE_TEXT_REPLIES)
    decline_request(uow_factory(ACME), clock, "U4", made.id, "I haven't worked with Asha yet")

    with session_factory(engine)() as session:
        rows = session.execute(select(AnswerRow.author_id, AnswerRow.about_id).order_by(AnswerRow.id)).all()
    asks = {c["name"]: c["type"] for c in inspect(engine).get_columns("feedback_asks")}
    answers = {c["name"]: c["type"] for c in inspect(engine).get_columns("feedback_answers")}
    assert (anonymous.person_id, named.person_id) == (None, "U3")
    assert rows == [(None, "U1"), ("U3", "U1")]
    assert set(asks) == {"id", "request_id", "user_id", "state", "reason", "enterprise_id", "team_id"}
    assert not any(isinstance(kind, DateTime | Date) for kind in asks.values())
    assert not any(isinstance(kind, DateTime) for kind in answers.values())  # the day, never the time

    summary = request_summary(uow_factory(ACME), "U1", 1, NOW)
    assert summary.tally.text() == "2 of 3 answered, 1 declined"
    assert [a.author_id for a in summary.reveal.shown] == ["U3"]
    assert summary.reveal.held == 1  # fewer than three answers: the anonymous one waits
    assert [(a.user_id, a.reason) for a in summary.declined] == [("U4", "I haven't worked with Asha yet")]
    assert summary.waiting == ()  # naming who is left would tell who answered
    with uow_factory(ACME) as uow:
        [answer, _] = uow.feedback.answers(made.id)
    assert answer.anonymous and answer.given_on == date(2026, 11, 21)
    assert answer.replies == ("Keep pairing", "Start writing notes", "Stop skipping reviews")


def test_a_second_answer_by_the_same_person_is_refused_and_saves_nothing(uow_factory, clock):
    made = request(uow_factory, clock)
    answer_request(uow_factory(ACME), clock, "U2", made.id, THREE_TEXT_REPLIES)

    with pytest.raises(DomainError):
        answer_request(uow_factory(ACME), clock, "U2", made.id, AnswerForm(("Again", "", "")))
    with pytest.raises(DomainError):
        decline_request(uow_factory(ACME), clock, "U2", made.id, None)
    with uow_factory(ACME) as uow:
        assert uow.feedback.finish_ask(made.id, "U2", AskState.DONE) is False  # what a racing second one meets
        answers = uow.feedback.answers(made.id)
        bruno = uow.feedback.ask(made.id, "U2")
    assert [a.replies for a in answers] == [THREE_TEXT_REPLIES.replies]
    assert bruno.state is AskState.DONE


def test_another_workspace_sees_nothing_and_cannot_answer(uow_factory, clock):
    made = request(uow_factory, clock)
    set_anonymity(uow_factory(ACME), ADMIN, False)

    with pytest.raises(NotAsked):
        answer_request(uow_factory(OTHER), clock, "U2", made.id, THREE_TEXT_REPLIES)
    with pytest.raises(RequestNotFound):
        request_summary(uow_factory(OTHER), "U1", 1, NOW)
    with pytest.raises(RequestNotFound):
        close_early(uow_factory(OTHER), clock, "U1", 1)
    with uow_factory(OTHER) as uow:
        assert uow.feedback.get(made.id) is None
        assert uow.feedback.asks([made.id]) == []
        assert uow.feedback.asked("U2", NOW) == []
        assert uow.feedback.waiting_people(NOW) == [] and uow.feedback.requesters(NOW) == []
        assert uow.feedback.finish_ask(made.id, "U2", AskState.DONE) is False
        assert uow.feedback.close(made.id, NOW) is False
        assert uow.feedback_settings.anonymity_allowed() is True
        uow.commit()
    assert overview(uow_factory(OTHER), "U2", NOW).waiting == []
    assert request(uow_factory, clock).number == 2  # Acme's counter, untouched by the other workspace
    with uow_factory(ACME) as uow:
        assert uow.feedback.ask(made.id, "U2").state is AskState.WAITING
        assert uow.feedback.answers(made.id) == []
        assert uow.feedback.get(made.id).closes_at == END_OF_28TH_IN_KOLKATA


def test_a_request_closes_once_and_then_takes_no_answers(uow_factory, clock):
    made = request(uow_factory, clock)

    closed = close_early(uow_factory(ACME), clock, "U1", 1)

    assert closed.closes_at == NOW and not closed.is_open(NOW)
    with pytest.raises(DomainError):
        close_early(uow_factory(ACME), clock, "U1", 1)
    with pytest.raises(DomainError):
        answer_request(uow_factory(ACME), clock, "U2", made.id, THREE_TEXT_REPLIES)
    with uow_factory(ACME) as uow:
        assert uow.feedback.close(made.id, NOW) is False
        assert uow.feedback.extend(made.id, date(2026, 12, 5), NOW + timedelta(days=14), NOW) is False
        assert uow.feedback.asked("U2", NOW) == []
        assert uow.feedback.requesters(NOW - timedelta(days=7)) == ["U1"]  # its summary is still to come
        assert uow.feedback.get(made.id).closes_at == NOW


def test_a_deadline_moves_once(uow_factory, clock):
    request(uow_factory, clock)

    extended = extend_deadline(uow_factory(ACME), clock, ASHA, 1, "2026-12-05")

    assert extended.deadline == date(2026, 12, 5) and extended.extended
    assert extended.closes_at == datetime(2026, 12, 5, 18, 30, tzinfo=UTC)
    with pytest.raises(DomainError):
        extend_deadline(uow_factory(ACME), clock, ASHA, 1, "2026-12-10")
    with uow_factory(ACME) as uow:
        later = datetime(2026, 12, 10, 18, 30, tzinfo=UTC)
        assert uow.feedback.extend(extended.id, date(2026, 12, 10), later, NOW) is False
        assert uow.feedback.get(extended.id) == extended


def test_feedback_given_unasked_is_received_and_the_named_kind_is_listed_by_its_giver(uow_factory):
    clock = FixedClock(NOW)
    give_feedback(uow_factory(ACME), clock, ASHA, GiveForm("U2", "Great demo on Monday"), TEAM)
    clock.instant = NOW + timedelta(days=2)
    give_feedback(uow_factory(ACME), clock, ASHA, GiveForm("U3", "Thanks for the review"), TEAM)
    give_feedback(uow_factory(ACME), clock, BRUNO, GiveForm("U3", "Clear specs", anonymous=True), TEAM)

    with uow_factory(ACME) as uow:
        received = uow.feedback.received("U3")
        given = uow.feedback.given_by("U1")
        chen = uow.members.get("U3")
    assert [(a.author_id, a.replies) for a in received] == [
        ("U1", ("Thanks for the review",)),
        (None, ("Clear specs",)),
    ]
    assert given == [
        Given("U3", date(2026, 11, 23), (GIVEN_QUESTION,), ("Thanks for the review",)),
        Given("U2", date(2026, 11, 21), (GIVEN_QUESTION,), ("Great demo on Monday",)),
    ]
    assert chen.display_name == "Chen"  # saved from the directory, so the overview can name them
    assert overview(uow_factory(ACME), "U2", NOW).given == []  # Bruno's was anonymous


def test_anonymity_is_allowed_until_an_admin_turns_it_off(uow_factory, clock):
    assert ask_choices(uow_factory(ACME)).anonymity_allowed is True

    with pytest.raises(DomainError):
        set_anonymity(uow_factory(ACME), ASHA, False)
    set_anonymity(uow_factory(ACME), ADMIN, False)

    assert ask_choices(uow_factory(ACME)).anonymity_allowed is False
    assert ask_choices(uow_factory(OTHER)).anonymity_allowed is True
    with pytest.raises(InvalidInput) as refused:
        request(uow_factory, clock, anonymous=True)
    assert "anonymous" in refused.value.errors
    set_anonymity(uow_factory(ACME), ADMIN, True)
    assert request(uow_factory, clock, anonymous=True).anonymous


def test_a_workspace_template_round_trips_and_can_be_asked_with(uow_factory, clock):
    form = TemplateForm("Sprint retro", ("How did the sprint go?", "Rate the sprint"), ("text", "scale"))

    template = add_template(uow_factory(ACME), ADMIN, form)

    with uow_factory(ACME) as uow:
        stored = uow.feedback_settings.templates()
    assert stored == [template]
    assert template.key.startswith("ws") and template.key[2:].isdigit()
    assert template.name == "Sprint retro"
    assert template.questions == (Question("How did the sprint go?"), Question("Rate the sprint", Scale.ONE_TO_FIVE))
    assert ask_choices(uow_factory(ACME)).templates == (*BUILT_IN, template)
    assert ask_choices(uow_factory(OTHER)).templates == BUILT_IN
    assert request(uow_factory, clock, templates=(template.key,)).questions == template.questions
    with pytest.raises(DomainError):
        add_template(uow_factory(ACME), ADMIN, form)  # the same name again
    with pytest.raises(DomainError):
        add_template(uow_factory(ACME), ASHA, TemplateForm("Mine", ("Anything?",)))


class MeetingClock:
    """A fixed clock whose first reading in each thread waits for the other thread's: both answers have found
    the ask waiting before either saves, so only the conditional UPDATE can keep the second one out."""

    def __init__(self, instant: datetime, threads: int):
        self.instant = instant
        self.meeting = threading.Barrier(threads, timeout=30)
        self.seen = threading.local()

    def now(self) -> datetime:
        if not getattr(self.seen, "met", False):
            self.seen.met = True
            self.meeting.wait()
        return self.instant


def test_two_concurrent_answers_by_one_person_save_one_on_postgresql(postgres_url, clock):
    engine = make_engine(postgres_url)
    try:
        upgrade(engine)
        uow_factory = unit_of_work_factory(session_factory(engine), persistence.uow.FEEDBACK)
        made = request(uow_factory, clock)
        racing = MeetingClock(NOW, 2)

        failures = run_together(2, lambda: answer_request(uow_factory(ACME), racing, "U2", made.id, THREE_TEXT_REPLIES))

        assert [type(f) for f in failures] == [DomainError]
        assert failures[0].message == "You answered this feedback request already. Thank you!"  # the UPDATE's no
        with uow_factory(ACME) as uow:
            assert len(uow.feedback.answers(made.id)) == 1
            assert uow.feedback.ask(made.id, "U2").state is AskState.DONE
    finally:
        engine.dispose()


def test_on_postgresql_no_ask_shares_only_its_own_writing_transaction_with_an_anonymous_answer(postgres_url, clock):
    """PostgreSQL keeps each row's writing transaction (xmin): an ask row written alone with an anonymous answer
    would name its author to anyone reading the database."""
    engine = make_engine(postgres_url)
    try:
        upgrade(engine)
        uow_factory = unit_of_work_factory(session_factory(engine), persistence.uow.FEEDBACK)
        made = request(uow_factory, clock, asked=("U2", "U3", "U4"), anonymous=True)
        for person in ("U3", "U2", "U4"):
            anonymous = AnswerForm(THREE_TEXT_REPLIES.replies, anonymous=True)
            answer_request(uow_factory(ACME), clock, person, made.id, anonymous)

        with engine.connect() as connection:
            answers = connection.execute(text("SELECT xmin::text FROM feedback_answers")).scalars().all()
            asks = connection.execute(text("SELECT user_id, xmin::text FROM feedback_asks")).all()
        for written_by in answers:
            sharing = {user_id for user_id, xmin in asks if xmin == written_by}
            assert sharing in (set(), {"U2", "U3", "U4"})
    finally:
        engine.dispose()
