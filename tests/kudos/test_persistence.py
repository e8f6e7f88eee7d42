"""Kudos's storage on a real database, SQLite and PostgreSQL: a kudos read back whole, one kudos per modal
submission, the weekly allowance that never overruns (racing, through the giving use case), undo by the giver
only, workspaces kept apart, settings."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

import persistence.uow
from domain.kudos.records import Celebrated, Kudos, KudosForm, NewKudos, Post
from domain.kudos.rules import Value
from domain.kudos.services import Given, give_kudos, post_kudos, record_dms
from domain.people.candidates import Candidate
from domain.people.members import Member
from domain.shared.clock import FixedClock
from domain.shared.errors import AlreadyDone, DomainError
from domain.shared.workspace import WorkspaceKey
from persistence.kudos.tables import RecipientRow
from tests.examples import race as race_threads

ACME = WorkspaceKey("", "T1")
OTHER = WorkspaceKey("", "T2")
NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
WEEK = date(2026, 11, 16)  # the Monday of NOW's week
NEXT_WEEK = WEEK + timedelta(days=7)
AN_HOUR_AGO = NOW - timedelta(hours=1)
OWNERSHIP = Value("ownership", ":muscle:")
WORKERS = 32


def new_kudos(**changes) -> NewKudos:
    fields = {
        "giver_id": "U1",
        "recipients": ("U3", "U2"),
        "reason": "for untangling the release notes",
        "value": None,
        "channel": None,
        "link": None,
        "celebrates": None,
        "week": WEEK,
        "given_at": NOW,
    }
    return NewKudos(**{**fields, **changes})


PUBLIC = new_kudos(
    value=OWNERSHIP,
    channel="C1",
    link="https://acme.slack.com/archives/C1/p1700000000000100",
    celebrates=Celebrated("U3", 2, "Ship the beta", milestone="Private beta"),
)
PUBLIC_POST = Post("C1", "1700000001.000200")


def add(uow_factory, kudos: NewKudos = PUBLIC, post: Post | None = None, view_id=None, workspace=ACME) -> Kudos:
    with uow_factory(workspace) as uow:
        added = uow.kudos.add(kudos, view_id)
        if post is not None:
            assert uow.kudos.record_post(added.id, post)
        uow.commit()
    return replace(added, post=post)


def test_a_kudos_is_saved_and_read_back_whole(uow_factory):
    public = add(uow_factory, PUBLIC, PUBLIC_POST)
    private = add(uow_factory, new_kudos(recipients=("U2",), given_at=NOW + timedelta(minutes=5)))
    dms = {"U3": Post("D3", "1700000002.000300"), "U2": Post("D2", "1700000002.000400")}
    with uow_factory(ACME) as uow:
        uow.kudos.record_dms(public.id, dms)
        uow.commit()

    with uow_factory(ACME) as uow:
        read = uow.kudos.get(public.id)
        received = uow.kudos.received("U2", AN_HOUR_AGO)
        of_u3 = uow.kudos.received("U3", AN_HOUR_AGO)
        given = uow.kudos.given("U1", AN_HOUR_AGO)
        given_later = uow.kudos.given("U1", NOW + timedelta(minutes=1))
    assert public == Kudos(**vars(PUBLIC), id=public.id, post=PUBLIC_POST)
    assert read == replace(public, dms=dms)
    assert read.recipients == ("U3", "U2") and read.value == OWNERSHIP and read.given_at.tzinfo is not None
    assert private.channel is None and private.post is None and private.value is None and private.celebrates is None
    assert [k.id for k in received] == [private.id, public.id]  # newest first
    assert [k.id for k in given] == [private.id, public.id]
    assert of_u3 == [read]
    assert given_later == [private]


def test_a_value_without_an_emoji_and_dms_not_yet_sent_read_back_empty(uow_factory):
    added = add(uow_factory, new_kudos(value=Value("craft")))
    with uow_factory(ACME) as uow:
        uow.kudos.record_dms(added.id, {"U2": Post("D2", "1700000002.000400")})
        uow.commit()

    with uow_factory(ACME) as uow:
        read = uow.kudos.get(added.id)
    assert read.value == Value("craft", "")
    assert read.dms == {"U2": Post("D2", "1700000002.000400")}  # U3's DM did not go out


def test_another_workspace_sees_nothing_and_cannot_undo(uow_factory):
    added = add(uow_factory, PUBLIC, PUBLIC_POST)
    with uow_factory(ACME) as uow:
        assert uow.kudos.take_allowance("U1", WEEK, 2, 10) == 2
        uow.kudos_settings.set_allowance(5)
        uow.kudos_settings.set_values([OWNERSHIP])
        uow.commit()

    with uow_factory(OTHER) as uow:
        assert uow.kudos.get(added.id) is None
        assert uow.kudos.received("U2", AN_HOUR_AGO) == []
        assert uow.kudos.given("U1", AN_HOUR_AGO) == []
        assert uow.kudos.used("U1", WEEK) == 0
        assert uow.kudos.remove(added.id, "U1", AN_HOUR_AGO) is None
        assert uow.kudos_settings.allowance() is None
        assert uow.kudos_settings.values() == []
        uow.commit()
    with uow_factory(ACME) as uow:
        assert uow.kudos.get(added.id) == added


def test_the_same_modal_submitted_twice_records_one_kudos(uow_factory):
    first = add(uow_factory, view_id="V1")
    with uow_factory(ACME) as uow:
        with pytest.raises(AlreadyDone):
            uow.kudos.add(PUBLIC, "V1")
        uow.kudos.add(new_kudos(), None)  # the unit of work goes on after the refusal
        uow.kudos.add(new_kudos(), None)  # kudos from the command have no view id
        uow.commit()
    elsewhere = add(uow_factory, view_id="V1", workspace=OTHER)

    with uow_factory(ACME) as uow:
        given = uow.kudos.given("U1", AN_HOUR_AGO)
    assert len(given) == 3 and first in given
    assert elsewhere.id != first.id


def test_the_allowance_fits_exactly_up_to_its_limit(uow_factory):
    with uow_factory(ACME) as uow:
        assert uow.kudos.used("U1", WEEK) == 0
        assert uow.kudos.take_allowance("U1", WEEK, 7, 10) == 7
        assert uow.kudos.take_allowance("U1", WEEK, 3, 10) == 10
        assert uow.kudos.take_allowance("U1", WEEK, 1, 10) is None
        uow.commit()
    with uow_factory(ACME) as uow:
        assert uow.kudos.used("U1", WEEK) == 10


def test_the_allowance_counts_each_giver_and_each_week_apart(uow_factory):
    with uow_factory(ACME) as uow:
        assert uow.kudos.take_allowance("U1", WEEK, 10, 10) == 10
        assert uow.kudos.take_allowance("U1", NEXT_WEEK, 4, 10) == 4
        assert uow.kudos.take_allowance("U2", WEEK, 3, 10) == 3
        assert uow.kudos.take_allowance("U1", WEEK, 11, 20) is None  # 21 would pass a raised limit too
        uow.commit()
    with uow_factory(ACME) as uow:
        assert [uow.kudos.used("U1", WEEK), uow.kudos.used("U1", NEXT_WEEK), uow.kudos.used("U2", WEEK)] == [10, 4, 3]


def test_a_refund_gives_back_but_never_below_zero(uow_factory):
    with uow_factory(ACME) as uow:
        uow.kudos.take_allowance("U1", WEEK, 5, 10)
        uow.kudos.refund("U1", WEEK, 2)
        assert uow.kudos.used("U1", WEEK) == 3
        uow.kudos.refund("U1", WEEK, 4)
        assert uow.kudos.used("U1", WEEK) == 0
        uow.kudos.refund("U2", WEEK, 1)  # nothing taken: nothing to give back
        assert uow.kudos.used("U2", WEEK) == 0
        uow.commit()
    with uow_factory(ACME) as uow:
        assert uow.kudos.take_allowance("U1", WEEK, 10, 10) == 10


def test_only_the_giver_removes_a_kudos_only_while_it_is_recent_and_only_once(uow_factory):
    added = add(uow_factory, PUBLIC, PUBLIC_POST)
    dms = {"U2": Post("D2", "1700000002.000400")}
    with uow_factory(ACME) as uow:
        uow.kudos.record_dms(added.id, dms)
        uow.commit()

    with uow_factory(ACME) as uow:
        assert uow.kudos.remove(added.id, "U2", AN_HOUR_AGO) is None  # a recipient can't
        assert uow.kudos.remove(added.id, "U1", NOW + timedelta(seconds=1)) is None  # given too long ago
        assert uow.kudos.get(added.id) is not None
        removed = uow.kudos.remove(added.id, "U1", NOW)
        assert uow.kudos.remove(added.id, "U1", NOW) is None
        uow.commit()

    assert removed == replace(added, dms=dms)  # as it was: where its post and DMs are, to take them back
    with uow_factory(ACME) as uow:
        assert uow.kudos.get(added.id) is None
        assert uow.kudos.received("U2", AN_HOUR_AGO) == []
        assert uow.session.scalar(select(func.count()).select_from(RecipientRow)) == 0


def test_the_allowance_and_values_are_the_workspace_s_own(uow_factory):
    with uow_factory(ACME) as uow:
        assert uow.kudos_settings.allowance() is None
        assert uow.kudos_settings.values() == []
        uow.kudos_settings.set_allowance(5)
        uow.kudos_settings.set_allowance(7)
        uow.kudos_settings.set_values([Value("ownership", ":muscle:"), Value("craft"), Value("candour", ":speech:")])
        uow.commit()
    with uow_factory(ACME) as uow:
        assert uow.kudos_settings.allowance() == 7
        assert uow.kudos_settings.values() == [OWNERSHIP, Value("craft", ""), Value("candour", ":speech:")]
        uow.kudos_settings.set_values([Value("craft", ":hammer:"), OWNERSHIP])
        uow.commit()
    with uow_factory(ACME) as uow:
        assert uow.kudos_settings.values() == [Value("craft", ":hammer:"), OWNERSHIP]


@pytest.fixture
def racing_uow_factory(racing_units):
    return racing_units(persistence.uow.KUDOS, WORKERS)


def race(action, inputs) -> list:
    return race_threads(WORKERS, action, inputs)


class Everyone:
    """The directory: everyone named is a person of the workspace."""

    def candidates(self, user_ids: list[str]) -> dict[str, Candidate]:
        return {user_id: Candidate(user_id, user_id) for user_id in user_ids}


class Channel:
    """The announcer: what was posted, and what was taken back."""

    def __init__(self):
        self.posted: list[Post] = []
        self.withdrawn: list[Post] = []

    def announce(self, kudos: NewKudos) -> Post:
        post = Post(kudos.channel, f"{NOW.timestamp():.0f}.{id(kudos)}")
        self.posted.append(post)
        return post

    def withdraw(self, post: Post) -> None:
        self.withdrawn.append(post)


def give(uow_factory, giver_id: str, channel: Channel) -> Given | None:
    """Giving, as /kudos does it: a public kudos to U2, recorded then posted; None when a rule (the allowance)
    said no."""
    form = KudosForm(("U2",), "for untangling the release notes", None, True, "C1")
    giver = Member(giver_id, giver_id, "UTC", NOW)
    try:
        given = give_kudos(uow_factory(ACME), FixedClock(NOW), giver, form, Everyone())
    except DomainError:
        return None
    post_kudos(uow_factory(ACME), channel, given.kudos)
    return given


def test_on_postgresql_200_racing_kudos_from_one_giver_record_exactly_the_allowance(racing_uow_factory):
    channel = Channel()
    given = race(lambda _: give(racing_uow_factory, "U1", channel), range(200))

    assert sum(kudos is not None for kudos in given) == 10
    assert len(channel.posted) == 10 and not channel.withdrawn  # nothing is posted that isn't recorded
    assert sorted(g.allowance.left for g in given if g is not None) == list(range(10))
    with racing_uow_factory(ACME) as uow:
        assert len(uow.kudos.given("U1", AN_HOUR_AGO)) == 10
        assert uow.kudos.used("U1", WEEK) == 10


def test_on_postgresql_50_givers_at_once_to_one_person_are_all_recorded(racing_uow_factory):
    givers = [f"G{n}" for n in range(50)]
    channel = Channel()
    given = race(lambda giver: give(racing_uow_factory, giver, channel), givers)

    assert all(kudos is not None for kudos in given) and not channel.withdrawn
    with racing_uow_factory(ACME) as uow:
        assert len(uow.kudos.received("U2", AN_HOUR_AGO)) == 50
        assert [uow.kudos.used(giver, WEEK) for giver in givers] == [1] * 50


def test_on_postgresql_racing_undos_of_a_kudos_remove_it_for_exactly_one_of_them(racing_uow_factory):
    added = [add(racing_uow_factory, PUBLIC, PUBLIC_POST) for _ in range(20)]

    def undo(kudos: Kudos) -> Kudos | None:
        with racing_uow_factory(ACME) as uow:
            removed = uow.kudos.remove(kudos.id, "U1", AN_HOUR_AGO)
            uow.commit()
        return removed

    removed = race(undo, [kudos for kudos in added for _twice in range(2)])

    assert [kudos for kudos in removed if kudos is not None] == added  # each once, to one of its two undos
    assert removed.count(None) == 20
    with racing_uow_factory(ACME) as uow:
        assert uow.kudos.given("U1", AN_HOUR_AGO) == []


def test_dms_sent_while_their_kudos_was_taken_back_are_taken_back_too(uow_factory):
    kept, undone = add(uow_factory, PUBLIC, PUBLIC_POST), add(uow_factory, PUBLIC, PUBLIC_POST)
    with uow_factory(ACME) as uow:
        assert uow.kudos.remove(undone.id, "U1", AN_HOUR_AGO) == undone
        uow.commit()
    channel = Channel()

    record_dms(uow_factory(ACME), channel, kept.id, {"U3": Post("D3", "1.1")})
    record_dms(uow_factory(ACME), channel, undone.id, {"U3": Post("D3", "2.2"), "U2": Post("D2", "2.3")})

    assert channel.withdrawn == [Post("D3", "2.2"), Post("D2", "2.3")]
    with uow_factory(ACME) as uow:
        assert uow.kudos.get(kept.id).dms == {"U3": Post("D3", "1.1")}


def test_a_kudos_counts_against_the_week_where_its_giver_is(uow_factory):
    sunday_noon_utc = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)  # already Monday 01:00 in Auckland
    form = KudosForm(("U2",), "for untangling the release notes", None, False, None)
    for giver in (Member("U1", "Asha", "Pacific/Auckland", NOW), Member("U5", "Eve", "UTC", NOW)):
        give_kudos(uow_factory(ACME), FixedClock(sunday_noon_utc), giver, form, Everyone())

    with uow_factory(ACME) as uow:
        assert (uow.kudos.used("U1", date(2026, 11, 23)), uow.kudos.used("U1", WEEK)) == (1, 0)
        assert (uow.kudos.used("U5", date(2026, 11, 23)), uow.kudos.used("U5", WEEK)) == (0, 1)
