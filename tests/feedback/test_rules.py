"""Feedback's domain rules: who may be asked, which questions, the deadline, the anonymity threshold and order,
who may read the answers, and when nudges fall."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from domain.feedback.answers import Answer, may_read, reveal, scale_summary
from domain.feedback.model import BUILT_IN, AskForm, Question, Readers, Scale, check_request
from domain.feedback.records import FeedbackRequest, end_of_day
from domain.feedback.reminders import nudge_times, nudges_for
from domain.people.candidates import Candidate
from domain.people.members import Member
from domain.reminders.kinds import Recipient
from domain.reminders.preferences import Preferences
from domain.shared.errors import InvalidInput

TODAY = date(2026, 11, 21)
PEOPLE = {
    "U2": Candidate("U2", "Bruno"),
    "U3": Candidate("U3", "Chen"),
    "UBOT": Candidate("UBOT", "Deploy bot", is_bot=True),
    "UGONE": Candidate("UGONE", "Dana", deactivated=True),
}


def ask(**changes) -> AskForm:
    fields = {"asked": ("U2", "U3"), "templates": ("keep_start_stop",), "deadline": "2026-11-28"}
    return AskForm(**{**fields, **changes})


def errors(form: AskForm, **options) -> dict[str, str]:
    with pytest.raises(InvalidInput) as refused:
        check_request(form, "U1", PEOPLE, TODAY, **options)
    return refused.value.errors


def test_a_good_request_keeps_the_template_questions_and_my_own():
    spec = check_request(
        ask(own_questions=("How was my demo?", "", "Rate my estimates"), own_scales=("text", "text", "scale")),
        "U1",
        PEOPLE,
        TODAY,
    )

    assert spec.asked == ("U2", "U3") and spec.deadline == date(2026, 11, 28) and spec.readers is Readers.ME
    assert [q.text for q in spec.questions][:3] == [q.text for q in BUILT_IN[0].questions]
    assert spec.questions[3:] == (Question("How was my demo?"), Question("Rate my estimates", Scale.ONE_TO_FIVE))


@pytest.mark.parametrize(
    ("asked", "says"),
    [
        ((), "at least one"),
        (("U1", "U2"), "can't ask yourself"),
        (("UBOT",), "Deploy bot is a bot"),
        (("UGONE",), "Dana is no longer in this workspace"),
        (("UNOBODY",), "couldn't find"),
        (tuple(f"U{n}" for n in range(10, 21)), "at most 10"),
    ],
)
def test_who_may_be_asked(asked, says):
    assert says in errors(ask(asked=asked))["asked"]


def test_the_same_person_twice_is_asked_once():
    assert check_request(ask(asked=("U2", "U2", "U3")), "U1", PEOPLE, TODAY).asked == ("U2", "U3")


def test_at_least_one_question_and_at_most_three_of_my_own():
    assert "at least one question" in errors(ask(templates=()))["own_questions"]
    assert "at most 3" in errors(ask(own_questions=("a?", "b?", "c?", "d?")))["own_questions"]
    assert "300 characters" in errors(ask(own_questions=("x" * 301,)))["own_questions"]
    assert "no longer exists" in errors(ask(templates=("retired",)))["templates"]


@pytest.mark.parametrize(
    ("deadline", "says"),
    [(None, "Pick a deadline"), ("2026-11-21", "from tomorrow"), ("2027-01-21", "within 60 days")],
)
def test_the_deadline_is_from_tomorrow_to_60_days(deadline, says):
    assert says in errors(ask(deadline=deadline))["deadline"]


def test_the_deadline_bounds_themselves_are_allowed():
    for day in (TODAY + timedelta(days=1), TODAY + timedelta(days=60)):
        assert check_request(ask(deadline=day.isoformat()), "U1", PEOPLE, TODAY).deadline == day


def test_anonymity_can_be_turned_off_by_the_workspace():
    assert "turned off" in errors(ask(anonymous=True), anonymity_allowed=False)["anonymous"]
    assert check_request(ask(anonymous=True), "U1", PEOPLE, TODAY).anonymous


def answer(answer_id: int, author: str | None, day: int = 22) -> Answer:
    return Answer(answer_id, author, date(2026, 11, day), ("keep going",))


def test_anonymous_answers_are_held_until_three_people_have_answered_anonymously():
    held = reveal(7, [answer(1, None), answer(2, "U2")])

    assert [a.author_id for a in held.shown] == ["U2"]
    assert held.held == 1 and "held until 3 people have answered anonymously" in held.why_held
    # two named answers beside one anonymous one would name its author by elimination
    still_held = reveal(7, [answer(1, None), answer(2, "U2"), answer(3, "U3")])
    assert still_held.held == 1 and [a.author_id for a in still_held.shown] == ["U2", "U3"]
    assert reveal(7, [answer(1, None), answer(2, None), answer(3, None)]).held == 0


def test_once_shown_anonymous_answers_keep_an_order_that_is_not_their_arrival():
    answers = [answer(n, None, day=20 + n) for n in range(1, 9)]

    shown = reveal(7, answers).shown

    assert reveal(7, list(reversed(answers))).shown == shown  # fixed, whatever order they are read in
    assert [a.id for a in shown] != sorted(a.id for a in shown)
    assert reveal(7, answers).held == 0


def test_named_answers_come_first_by_date():
    answers = [answer(1, None), answer(2, "U3", day=25), answer(3, "U2", day=23), answer(4, None), answer(5, None)]
    shown = reveal(3, answers).shown
    assert [a.author_id for a in shown] == ["U2", "U3", None, None, None]


def test_who_may_read_the_answers():
    assert may_read(Readers.ME, "U1", "U1", None)
    assert not may_read(Readers.ME, "U1", "U9", "U9")  # my manager, but I kept them to myself
    assert may_read(Readers.ME_AND_MANAGER, "U1", "U9", "U9")
    assert not may_read(Readers.ME_AND_MANAGER, "U1", "U9", None)  # no manager link yet
    assert not may_read(Readers.ME_AND_MANAGER, "U1", "U2", "U9")


def nudge_days(asked_on: date, deadline: date) -> tuple[date, ...]:
    return tuple(day for _, day in nudges_for(a_request(asked_on, deadline)))


def test_nudges_fall_two_days_before_and_on_the_deadline_never_on_the_day_asked():
    deadline = date(2026, 11, 28)
    assert nudge_days(TODAY, deadline) == (date(2026, 11, 26), deadline)
    assert nudge_days(date(2026, 11, 26), deadline) == (deadline,)
    assert nudge_days(date(2026, 11, 27), date(2026, 11, 28)) == (date(2026, 11, 28),)


def test_a_scale_question_is_summed_up_as_counts_and_a_mean():
    counts, mean = scale_summary(["4", "5", "4", "not a score"])
    assert counts == {1: 0, 2: 0, 3: 0, 4: 2, 5: 1} and mean == 4.3
    assert scale_summary([]) == ({1: 0, 2: 0, 3: 0, 4: 0, 5: 0}, None)


def a_request(asked_on: date, deadline: date, **changes):
    fields = dict(
        id=7,
        number=1,
        requester_id="U1",
        asked_on=asked_on,
        deadline=deadline,
        closes_at=datetime.combine(deadline + timedelta(days=1), datetime.min.time(), UTC),
        questions=BUILT_IN[0].questions,
        topic=None,
        goal_number=None,
        goal_title=None,
        anonymous=True,
        readers=Readers.ME,
    )
    return FeedbackRequest(**{**fields, **changes})


def test_nudges_are_keyed_by_their_place_so_an_extension_moves_them_instead_of_adding_more():
    request = a_request(TODAY, date(2026, 11, 27))
    assert nudges_for(request) == [("7-0", date(2026, 11, 25)), ("7-1", date(2026, 11, 27))]

    extended = a_request(TODAY, date(2026, 12, 4), extended=True)
    assert [key for key, _ in nudges_for(extended)] == ["7-0", "7-1"]
    assert [day for _, day in nudges_for(extended)] == [date(2026, 12, 2), date(2026, 12, 4)]


def test_no_nudge_falls_on_the_day_of_asking():
    assert nudges_for(a_request(TODAY, TODAY + timedelta(days=1))) == [("7-1", TODAY + timedelta(days=1))]
    assert nudges_for(a_request(TODAY, TODAY + timedelta(days=2))) == [("7-1", TODAY + timedelta(days=2))]


def test_a_request_is_open_until_the_end_of_its_deadline_day_in_the_requesters_zone():
    closes = end_of_day(date(2026, 11, 27), ZoneInfo("Asia/Kolkata"))
    assert closes == datetime(2026, 11, 27, 18, 30, tzinfo=UTC)
    request = a_request(TODAY, date(2026, 11, 27), closes_at=closes)
    assert request.is_open(closes - timedelta(seconds=1)) and not request.is_open(closes)


def person(tz: str) -> Recipient:
    return Recipient(Member("U3", "Chen", tz, None), Preferences(), lambda country, day: False)


ASKED_AT = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)  # a Saturday
KOLKATA = ZoneInfo("Asia/Kolkata")


def test_a_weekend_that_moves_the_first_nudge_onto_the_deadline_day_leaves_one():
    monday = date(2026, 11, 30)  # two days before is a Saturday: moved to Monday 09:00, the deadline's own nudge
    request = a_request(TODAY, monday, closes_at=end_of_day(monday, KOLKATA))

    assert nudge_times(request, person("Europe/Berlin"), ASKED_AT) == [("7-1", datetime(2026, 11, 30, 8, tzinfo=UTC))]


def test_when_the_deadline_day_ends_before_someones_working_day_their_last_nudge_comes_a_day_earlier():
    friday = date(2026, 11, 27)  # a Tokyo requester's Friday ends at 07:00 in Los Angeles, before 09:00 there
    request = a_request(TODAY, friday, closes_at=end_of_day(friday, ZoneInfo("Asia/Tokyo")))

    times = nudge_times(request, person("America/Los_Angeles"), ASKED_AT)

    assert [when for _, when in times] == [
        datetime(2026, 11, 25, 17, tzinfo=UTC),
        datetime(2026, 11, 26, 17, tzinfo=UTC),
    ]


def test_no_nudge_is_planned_sooner_than_half_a_day_ahead():
    request = a_request(TODAY, date(2026, 11, 27), closes_at=end_of_day(date(2026, 11, 27), KOLKATA))
    wednesday_morning = datetime(2026, 11, 25, 0, 0, tzinfo=UTC)  # 09:00 in Tokyo is now, 09:00 in Berlin is 8 h on

    assert [key for key, _ in nudge_times(request, person("Asia/Tokyo"), wednesday_morning)] == ["7-1"]
    assert [key for key, _ in nudge_times(request, person("Europe/Berlin"), wednesday_morning)] == ["7-1"]
