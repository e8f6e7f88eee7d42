"""Teams' storage on a real database, SQLite and PostgreSQL: manager links proposed, confirmed and removed once, one
confirmed manager per report (racing too), the workspace lock, workspaces kept apart; and the one-query reads a
manager's summary makes of goals, check-ins, feedback, kudos and reminder preferences."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select, text

import persistence.uow
from domain.feedback.model import Question, Readers, RequestSpec
from domain.feedback.records import AskState
from domain.goals.checkins import CheckInEntry
from domain.goals.model import GoalSpec, Horizon, Measure, MeasureKind, Visibility
from domain.goals.plan import NewMilestone
from domain.kudos.records import NewKudos
from domain.reminders.preferences import Preferences
from domain.shared.workspace import WorkspaceKey
from domain.teams.records import Link, LinkState
from persistence.reminders.tables import ReminderPrefsRow
from tests.examples import in_one as committed
from tests.examples import race as race_threads

ACME = WorkspaceKey("", "T1")
OTHER = WorkspaceKey("", "T2")
NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
LATER = NOW + timedelta(hours=3)
WORKERS = 20


def in_one(uow_factory, action, workspace=ACME):
    return committed(uow_factory, action, workspace)


def test_a_link_is_proposed_confirmed_and_removed_once(uow_factory):
    proposed = in_one(uow_factory, lambda uow: uow.links.propose("U1", "U2", "U2", NOW))
    confirmed = in_one(uow_factory, lambda uow: uow.links.confirm(proposed.id, LATER))

    assert proposed == Link(proposed.id, "U1", "U2", LinkState.PENDING, "U2", NOW)
    assert confirmed == Link(proposed.id, "U1", "U2", LinkState.CONFIRMED, "U2", NOW, LATER, imported=False)
    with uow_factory(ACME) as uow:
        assert uow.links.get(proposed.id) == confirmed
        assert uow.links.between("U1", "U2") == confirmed and uow.links.between("U2", "U1") is None
        assert uow.links.manager_of("U2") == confirmed
        assert uow.links.reports_of("U1") == [confirmed]
        assert uow.links.managers() == ["U1"]
        assert uow.links.confirm(proposed.id, LATER) is None  # confirmed already
        removed, again = uow.links.remove(proposed.id), uow.links.remove(proposed.id)
        uow.commit()
    assert removed == confirmed and again is None  # as it was, once
    with uow_factory(ACME) as uow:
        assert uow.links.get(proposed.id) is None and uow.links.manager_of("U2") is None
        assert uow.links.managers() == [] and uow.links.confirm(proposed.id, LATER) is None


def test_two_people_are_linked_once_whichever_way_round(uow_factory):
    with uow_factory(ACME) as uow:
        first = uow.links.propose("U1", "U2", "U1", NOW)
        assert uow.links.propose("U1", "U2", "U2", NOW) is None
        assert uow.links.propose("U2", "U1", "U2", NOW) is None  # the reverse pair
        assert uow.links.add_confirmed("U1", "U2", "U9", NOW) is None  # a pending link is a link
        assert uow.links.add_confirmed("U2", "U1", "U9", NOW) is None
        uow.commit()
    with uow_factory(ACME) as uow:
        assert uow.links.between("U1", "U2") == first and first.state is LinkState.PENDING
        assert uow.links.between("U2", "U1") is None


def test_a_report_has_at_most_one_confirmed_manager(uow_factory):
    with uow_factory(ACME) as uow:
        first, second = uow.links.propose("U1", "U3", "U3", NOW), uow.links.propose("U2", "U3", "U3", NOW)
        assert uow.links.confirm(first.id, LATER).confirmed
        assert uow.links.confirm(second.id, LATER) is None  # the unique key refuses, and the work goes on
        assert uow.links.add_confirmed("U4", "U3", "U9", NOW) is None
        assert uow.links.get(second.id).state is LinkState.PENDING
        uow.commit()
    with uow_factory(ACME) as uow:
        assert uow.links.manager_of("U3").manager_id == "U1"
        assert uow.links.between("U4", "U3") is None
        uow.links.remove(first.id)
        again = uow.links.confirm(second.id, LATER)  # once the first is gone, the place is free
        uow.commit()
    assert again.manager_id == "U2" and again.confirmed_at == LATER


def test_an_import_is_confirmed_at_once(uow_factory):
    with uow_factory(ACME) as uow:
        imported = uow.links.add_confirmed("U1", "U2", "U9", NOW)
        uow.links.add_confirmed("U1", "U4", "U9", NOW)
        uow.links.add_confirmed("U1", "U3", "U9", NOW)
        uow.commit()

    assert imported == Link(imported.id, "U1", "U2", LinkState.CONFIRMED, "U9", NOW, NOW, imported=True)
    with uow_factory(ACME) as uow:
        assert [link.report_id for link in uow.links.reports_of("U1")] == ["U2", "U3", "U4"]  # by report id
        assert uow.links.manager_of("U2") == imported


def test_only_confirmed_links_make_managers_and_reports(uow_factory):
    with uow_factory(ACME) as uow:
        uow.links.propose("U1", "U2", "U2", NOW)
        uow.links.add_confirmed("U1", "U3", "U9", NOW)
        uow.links.add_confirmed("U5", "U4", "U9", NOW)
        uow.links.add_confirmed("U5", "U6", "U9", NOW)
        uow.links.propose("U7", "U8", "U7", NOW)
        uow.commit()
    with uow_factory(ACME) as uow:
        assert uow.links.manager_of("U2") is None and uow.links.manager_of("U8") is None
        assert [link.report_id for link in uow.links.reports_of("U1")] == ["U3"]
        assert uow.links.reports_of("U7") == []
        assert uow.links.managers() == ["U1", "U5"]  # each once


def test_a_person_s_pending_links_on_either_side_come_oldest_first(uow_factory):
    with uow_factory(ACME) as uow:
        as_report = uow.links.propose("U2", "U1", "U1", LATER)
        as_manager = uow.links.propose("U1", "U3", "U1", NOW)
        as_manager_too = uow.links.propose("U1", "U4", "U4", NOW)  # the same time: by id
        uow.links.confirm(uow.links.propose("U1", "U5", "U5", NOW).id, LATER)
        uow.links.propose("U6", "U7", "U7", NOW)
        uow.commit()
    in_one(uow_factory, lambda uow: uow.links.propose("U8", "U1", "U1", NOW), OTHER)

    with uow_factory(ACME) as uow:
        assert uow.links.pending_of("U1") == [as_manager, as_manager_too, as_report]
        assert uow.links.pending_of("U5") == []  # confirmed: no longer pending


def test_another_workspace_sees_no_link_and_can_link_the_same_people(uow_factory):
    with uow_factory(ACME) as uow:
        pending, confirmed = uow.links.propose("U1", "U2", "U2", NOW), uow.links.add_confirmed("U1", "U3", "U9", NOW)
        uow.commit()

    with uow_factory(OTHER) as uow:
        assert uow.links.get(pending.id) is None and uow.links.between("U1", "U2") is None
        assert uow.links.manager_of("U3") is None and uow.links.reports_of("U1") == []
        assert uow.links.managers() == []
        assert uow.links.confirm(pending.id, LATER) is None and uow.links.remove(confirmed.id) is None
        assert uow.links.add_confirmed("U1", "U2", "U9", NOW).imported
        assert uow.links.add_confirmed("U4", "U3", "U9", NOW).confirmed  # U3's manager in ACME is not here
        uow.commit()
    with uow_factory(ACME) as uow:
        assert uow.links.get(pending.id) == pending and uow.links.get(confirmed.id) == confirmed
        assert uow.links.manager_of("U3") == confirmed and uow.links.managers() == ["U1"]


def test_the_lock_holds_a_second_unit_of_work_until_the_first_ends(uow_factory):
    happened, locked = [], threading.Event()

    def first():
        with uow_factory(ACME) as uow:
            uow.links.lock()
            locked.set()
            time.sleep(0.5)
            happened.append("first ends")
            uow.commit()

    def second():
        locked.wait()
        with uow_factory(ACME) as uow:
            uow.links.lock()
            happened.append("second locked")
            uow.commit()

    with ThreadPoolExecutor(2) as pool:
        for future in [pool.submit(first), pool.submit(second)]:
            future.result()
    assert happened == ["first ends", "second locked"]


@pytest.fixture
def racing_uow_factory(racing_units):
    return racing_units(persistence.uow.TEAMS, WORKERS)


def race(uow_factory, action, inputs) -> list:
    """`action(uow, input)` for each input, each in its own committed unit of work, from threads let go at once."""
    return race_threads(WORKERS, lambda item: in_one(uow_factory, lambda uow: action(uow, item)), inputs)


def test_on_postgresql_20_racing_confirmations_for_one_report_confirm_exactly_one(racing_uow_factory):
    managers = [f"M{n:02}" for n in range(WORKERS)]
    pending = in_one(racing_uow_factory, lambda uow: [uow.links.propose(m, "U1", "U1", NOW) for m in managers])

    confirmed = race(racing_uow_factory, lambda uow, link: uow.links.confirm(link.id, LATER), pending)

    [winner] = [link for link in confirmed if link is not None]
    with racing_uow_factory(ACME) as uow:
        assert uow.links.manager_of("U1") == winner
        assert [uow.links.get(link.id).confirmed for link in pending].count(True) == 1


def test_on_postgresql_racing_proposals_under_the_lock_link_two_people_once_either_way(racing_uow_factory):
    def propose(uow, n: int) -> Link | None:
        uow.links.lock()
        return uow.links.propose(*(("U1", "U2") if n % 2 else ("U2", "U1")), "U1", NOW)

    proposed = race(racing_uow_factory, propose, range(WORKERS))

    [made] = [link for link in proposed if link is not None]
    with racing_uow_factory(ACME) as uow:
        assert uow.links.between(made.manager_id, made.report_id) == made
        assert uow.links.between(made.report_id, made.manager_id) is None


def test_on_postgresql_racing_removes_remove_a_link_for_exactly_one_of_them(racing_uow_factory):
    link = in_one(racing_uow_factory, lambda uow: uow.links.add_confirmed("U1", "U2", "U9", NOW))

    removed = race(racing_uow_factory, lambda uow, _: uow.links.remove(link.id), range(WORKERS))

    assert [r for r in removed if r is not None] == [link]


NPS = Measure(MeasureKind.METRIC, "NPS", 45.0, "points", 30.0)


def spec(title: str, measure: Measure = NPS) -> GoalSpec:
    return GoalSpec(title, "It matters to the team.", Horizon.SHORT, date(2027, 5, 21), measure, Visibility.TEAM)


def entry(value: float | None) -> CheckInEntry:
    return CheckInEntry(value, 3, None, None, None)


def test_goals_of_several_owners_come_by_owner_then_number_with_their_counts(uow_factory):
    with uow_factory(ACME) as uow:
        add = uow.goals.add
        bruno_1 = add("U2", 1, spec("Bruno's first goal"), NOW.date(), NOW, None)
        asha_2 = add("U1", 2, spec("Asha's second", Measure(MeasureKind.MILESTONES)), NOW.date(), NOW, None)
        asha_1 = add("U1", 1, spec("Asha's first goal"), NOW.date(), NOW, None)
        add("U3", 1, spec("Chen's goal, not asked for"), NOW.date(), NOW, None)
        uow.history.add_checkin(asha_1.id, "U1", entry(32.0), NOW)
        uow.history.add_checkin(asha_1.id, "U1", entry(35.0), LATER)
        uow.history.add_checkin(bruno_1.id, "U2", entry(40.0), NOW)
        uow.plan.add_milestone(asha_2.id, NewMilestone("Draft", date(2026, 12, 1)))
        uow.commit()
    in_one(uow_factory, lambda uow: uow.goals.add("U1", 1, spec("Elsewhere"), NOW.date(), NOW, None), OTHER)

    with uow_factory(ACME) as uow:
        goals = uow.goals.owned_by_many(["U2", "U1"])
        assert uow.goals.owned_by_many([]) == []
        assert uow.goals.owned_by("U1") == goals[:2]
    assert [(g.owner_id, g.number) for g in goals] == [("U1", 1), ("U1", 2), ("U2", 1)]
    assert [(g.checkins, g.current_value, g.milestones_total) for g in goals] == [(2, 35, 0), (0, None, 1), (1, 40, 0)]
    assert goals[0].last_checkin_at == LATER


def test_checkins_since_and_each_goal_s_value_at_an_instant(uow_factory):
    with uow_factory(ACME) as uow:
        asha, bruno, chen, dana = (uow.goals.add(u, 1, spec(f"{u}'s goal"), NOW.date(), NOW, None) for u in "ABCD")
        checkins = [
            (asha, 31.0, NOW - timedelta(days=3)),
            (asha, None, NOW - timedelta(days=2)),  # confidence only: no value
            (bruno, 10.0, NOW - timedelta(days=5)),
            (bruno, 12.0, NOW - timedelta(days=5)),  # the same instant: the later one counts
            (bruno, 14.0, NOW - timedelta(days=1, hours=12)),
            (asha, 33.0, NOW - timedelta(days=1)),
            (asha, 40.0, NOW + timedelta(hours=1)),
            (dana, 99.0, NOW - timedelta(days=1)),  # not asked for
        ]
        ids = [uow.history.add_checkin(goal.id, goal.owner_id, entry(value), at).id for goal, value, at in checkins]
        uow.commit()
    asked = [asha.id, bruno.id, chen.id]

    with uow_factory(ACME) as uow:
        since = uow.history.checkins_since(asked, NOW - timedelta(days=2))
        at_now, earlier = uow.history.values_at(asked, NOW), uow.history.values_at(asked, NOW - timedelta(days=2))
        before_any = uow.history.values_at(asked, NOW - timedelta(days=6))
        assert uow.goals.by_id("B", bruno.id).current_value == 14.0
    with uow_factory(OTHER) as uow:
        assert uow.history.values_at(asked, NOW) == {}
        assert uow.history.checkins_since(asked, NOW - timedelta(days=9)) == []

    assert [c.id for c in since] == [ids[1], ids[4], ids[5], ids[6]]  # oldest first, across the goals
    assert at_now == {asha.id: 33.0, bruno.id: 14.0}
    assert earlier == {asha.id: 31.0, bruno.id: 12.0}  # at or before; a check-in without a value is passed over
    assert before_any == {}


def feedback_spec(*asked: str) -> RequestSpec:
    keep = (Question("What should I keep doing?"),)
    return RequestSpec(asked, keep, date(2026, 12, 1), None, None, False, Readers.ME)


def test_ask_counts_count_each_requester_s_asks_since_a_day_and_those_answered(uow_factory):
    def request(uow, requester: str, asked_on: date, *asked: str) -> int:
        number = uow.feedback.next_number(requester)
        return uow.feedback.add(requester, number, feedback_spec(*asked), None, asked_on, LATER, NOW).id

    with uow_factory(ACME) as uow:
        recent = request(uow, "U1", date(2026, 11, 10), "U2", "U3", "U4")
        uow.feedback.finish_ask(recent, "U2", AskState.DONE)
        uow.feedback.finish_ask(recent, "U3", AskState.DECLINED)
        request(uow, "U1", date(2026, 11, 5), "U5")  # on the day: counted
        old = request(uow, "U1", date(2026, 11, 4), "U6")
        uow.feedback.finish_ask(old, "U6", AskState.DONE)
        request(uow, "U2", date(2026, 11, 20), "U1")
        request(uow, "U7", date(2026, 11, 20), "U1")  # not asked for
        uow.commit()

    with uow_factory(ACME) as uow:
        counts = uow.feedback.ask_counts(["U1", "U2", "U3"], date(2026, 11, 5))
    with uow_factory(OTHER) as uow:
        elsewhere = uow.feedback.ask_counts(["U1", "U2"], date(2026, 11, 1))
    assert counts == {"U1": (4, 1), "U2": (1, 0)}  # U3 asked no one: left out
    assert elsewhere == {}


def kudos(giver: str, *recipients: str, at: datetime = NOW, channel: str | None = None) -> NewKudos:
    return NewKudos(giver, recipients, "for the release notes", None, channel, None, None, date(2026, 11, 16), at)


def test_received_counts_count_public_and_private_kudos_since_an_instant(uow_factory):
    with uow_factory(ACME) as uow:
        uow.kudos.add(kudos("U1", "U2", "U3", channel="C1"), None)
        uow.kudos.add(kudos("U2", "U3"), None)  # private
        uow.kudos.add(kudos("U4", "U2", at=NOW - timedelta(days=2)), None)  # before
        uow.kudos.add(kudos("U4", "U9", at=NOW), None)  # not asked for
        uow.commit()
    in_one(uow_factory, lambda uow: uow.kudos.add(kudos("U1", "U2"), None), OTHER)

    with uow_factory(ACME) as uow:
        counts = uow.kudos.received_counts(["U2", "U3", "U5"], NOW - timedelta(days=1))
        on_the_instant = uow.kudos.received_counts(["U3"], NOW)
    with uow_factory(OTHER) as uow:
        elsewhere = uow.kudos.received_counts(["U2", "U3"], NOW - timedelta(days=1))
    assert counts == {"U2": 1, "U3": 2, "U5": 0}
    assert on_the_instant == {"U3": 2}
    assert elsewhere == {"U2": 1, "U3": 0}


def test_reminder_kinds_turned_off_round_trip_and_older_rows_read_none(uow_factory, engine):
    off = Preferences(off_kinds=frozenset({"nudge", "digest"}))
    with uow_factory(ACME) as uow:
        uow.reminders.save_preferences("U1", off)
        uow.reminders.save_preferences("U2", off)
        uow.reminders.save_preferences("U2", Preferences())
        uow.commit()
    with engine.begin() as connection:  # a row as written before the column was added
        connection.execute(
            text(
                "INSERT INTO reminder_prefs (enterprise_id, team_id, user_id, cadence, weekday, at, working_days,"
                " work_start, work_end) VALUES ('', 'T1', 'U3', 'weekly', 0, '09:00', '0,1,2,3,4', '09:00', '18:00')"
            )
        )

    with uow_factory(ACME) as uow:
        stored = uow.session.scalar(select(ReminderPrefsRow.off_kinds).where(ReminderPrefsRow.user_id == "U1"))
        assert uow.reminders.preferences("U1") == off
        assert stored == "digest,nudge"
        assert uow.reminders.preferences("U2").off_kinds == frozenset()
        assert uow.reminders.preferences("U3") == Preferences()
