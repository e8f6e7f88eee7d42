"""Use cases on a real database: SQLite and PostgreSQL."""

from datetime import UTC, datetime, timedelta

from domain.goals.model import GoalForm
from domain.goals.services import set_goal
from domain.people.members import Member, Profile
from domain.people.services import known_member
from domain.shared.clock import FixedClock
from domain.shared.errors import LookupFailed
from domain.shared.workspace import WorkspaceKey
from tests.examples import GOOD_GOAL, goal_form, run_together

ACME = WorkspaceKey("", "T1")
GLOBEX = WorkspaceKey("E1", "T1")  # same team id, inside an Enterprise Grid org: a different workspace
NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
ASHA = Member("U1", "Asha", "Asia/Kolkata", NOW)


def my_goals(uow, owner_id: str):
    with uow:
        return uow.goals.owned_by(owner_id)


def form(title: str = GOOD_GOAL["title"]) -> GoalForm:
    return goal_form(title=title, metric="NPS", target="45", baseline="30", unit="points", visibility="team")


def test_a_goal_is_saved_and_read_back_whole(uow_factory):
    saved = set_goal(uow_factory(ACME), FixedClock(NOW), ASHA, form())

    [goal] = my_goals(uow_factory(ACME), "U1")
    assert goal == saved.goal
    assert goal.number == 1
    assert goal.spec.measure.describe() == "NPS: 30 → 45 points"
    assert goal.created_at == NOW and goal.created_at.tzinfo is not None
    assert goal.starts_on.isoformat() == "2026-11-21"


def test_numbers_are_per_person_and_per_workspace(uow_factory):
    clock = FixedClock(NOW)
    bruno = Member("U2", "Bruno", "UTC", NOW)
    numbers = [set_goal(uow_factory(ACME), clock, ASHA, form()).goal.number for _ in range(3)]
    numbers.append(set_goal(uow_factory(ACME), clock, bruno, form()).goal.number)
    numbers.append(set_goal(uow_factory(GLOBEX), clock, ASHA, form()).goal.number)

    assert numbers == [1, 2, 3, 1, 1]


def test_queries_never_cross_workspaces(uow_factory):
    set_goal(uow_factory(ACME), FixedClock(NOW), ASHA, form("Acme goal for the spring launch"))

    assert [g.spec.title for g in my_goals(uow_factory(ACME), "U1")] == ["Acme goal for the spring launch"]
    assert my_goals(uow_factory(GLOBEX), "U1") == []
    with uow_factory(GLOBEX) as uow:
        assert uow.members.get("U1") is None


def test_a_repeated_submission_saves_one_goal(uow_factory):
    first = set_goal(uow_factory(ACME), FixedClock(NOW), ASHA, form(), source_key="V123")
    again = set_goal(uow_factory(ACME), FixedClock(NOW), ASHA, form(), source_key="V123")

    assert first.created and not again.created
    assert again.goal.id == first.goal.id
    assert len(my_goals(uow_factory(ACME), "U1")) == 1


def test_concurrent_goals_get_distinct_numbers(uow_factory):
    set_goal(uow_factory(ACME), FixedClock(NOW), ASHA, form())  # the member row exists

    failures = run_together(6, lambda: set_goal(uow_factory(ACME), FixedClock(NOW), ASHA, form()))

    assert failures == []
    assert [g.number for g in my_goals(uow_factory(ACME), "U1")] == [1, 2, 3, 4, 5, 6, 7]


def test_concurrent_repeats_of_one_submission_save_once(uow_factory):
    results = []

    failures = run_together(
        4, lambda: results.append(set_goal(uow_factory(ACME), FixedClock(NOW), ASHA, form(), source_key="VDOUBLE"))
    )

    assert failures == [] and len(results) == 4
    assert sum(r.created for r in results) == 1
    assert len({r.goal.id for r in results}) == 1
    assert len(my_goals(uow_factory(ACME), "U1")) == 1


class People:
    def __init__(self, tz="Europe/Berlin", fail=False):
        self.tz, self.fail, self.asked = tz, fail, 0

    def lookup(self, user_id):
        self.asked += 1
        if self.fail:
            raise LookupFailed("down")
        return Profile(f"name-{user_id}", self.tz)


def test_the_directory_caches_profiles_and_refreshes_them_when_stale(uow_factory):
    people = People()
    clock = FixedClock(NOW)

    first = known_member(uow_factory(ACME), people, clock, "U7")
    again = known_member(uow_factory(ACME), people, clock, "U7")
    assert (first.tz, people.asked) == ("Europe/Berlin", 1)
    assert again == first and people.asked == 1

    people.tz = "Pacific/Auckland"
    clock.instant = NOW + timedelta(days=2)
    assert known_member(uow_factory(ACME), people, clock, "U7", allow_stale=True).tz == "Europe/Berlin"
    refreshed = known_member(uow_factory(ACME), people, clock, "U7")
    assert refreshed.tz == "Pacific/Auckland" and people.asked == 2
    with uow_factory(ACME) as uow:
        assert uow.members.get("U7").refreshed_at == clock.instant


def test_when_slack_cannot_be_reached_the_last_known_profile_stands_in(uow_factory):
    clock = FixedClock(NOW)
    known_member(uow_factory(ACME), People(), clock, "U7")
    clock.instant = NOW + timedelta(days=2)

    assert known_member(uow_factory(ACME), People(fail=True), clock, "U7").tz == "Europe/Berlin"
    assert known_member(uow_factory(ACME), People(fail=True), clock, "U8").tz == "UTC"
