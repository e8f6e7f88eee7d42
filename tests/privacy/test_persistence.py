"""Privacy's repository on a real database: an erasure is one transaction, so a failure half-way leaves everything;
racing erasures (two confirmations at once) on PostgreSQL free a mentor's place once and count each row once."""

import pytest

import persistence.database
import persistence.uow
from domain.privacy.erasure import erase_data
from domain.profiles.records import Profile, Visibility
from domain.shared.skills import skill
from domain.shared.workspace import WorkspaceKey
from persistence.people.tables import MemberRow
from persistence.privacy.erasing import PersonalErasure
from tests.examples import in_one, race
from tests.profiles.test_persistence import NOW

ACME = WorkspaceKey("", "T1")
RACERS = 4


def mentored_by_m1(uow_factory, *mentees: str) -> None:
    """M1 teaches Python to each of `mentees`, one place each."""

    def make(uow):
        uow.profiles.save(Profile("M1", Visibility.EVERYONE, teach=(skill("Python"),), capacity=3), NOW)
        for mentee in mentees:
            uow.profiles.save(Profile(mentee, Visibility.EVERYONE, learn=(skill("Python"),)), NOW)
            asked = uow.mentorships.ask("M1", mentee, "", ("Python",), NOW)
            assert uow.profiles.take_mentee("M1") and uow.mentorships.accept(asked.id, NOW)

    in_one(uow_factory, make, ACME)


def mentees_of_m1(uow_factory) -> int:
    with uow_factory(ACME) as uow:
        return uow.profiles.get("M1").mentees


def test_an_erasure_that_fails_half_way_erases_nothing(engine, monkeypatch):
    units = persistence.uow.unit_of_work_factory(persistence.database.session_factory(engine), persistence.uow.PROFILES)
    privacy = persistence.uow.unit_of_work_factory(
        persistence.database.session_factory(engine), persistence.uow.PRIVACY
    )
    mentored_by_m1(units, "U1")

    delete = PersonalErasure._delete

    def failing_at_the_end(self, table, *where):
        if table is MemberRow:  # the last step: everything else is deleted by now, in the same transaction
            raise RuntimeError("the database went away")
        return delete(self, table, *where)

    monkeypatch.setattr(PersonalErasure, "_delete", failing_at_the_end)
    with pytest.raises(RuntimeError):
        erase_data(privacy(ACME), "U1")

    with units(ACME) as uow:
        assert uow.profiles.get("U1") is not None and uow.mentorships.of("U1")
    assert mentees_of_m1(units) == 1


def test_on_postgresql_racing_erasures_free_a_mentors_place_once(racing_units):
    profiles = racing_units(persistence.uow.PROFILES, 2)
    privacy = racing_units(persistence.uow.PRIVACY, RACERS)
    mentored_by_m1(profiles, "U1", "U2")

    erased = race(RACERS, lambda _: erase_data(privacy(ACME), "U1"), range(RACERS))

    assert mentees_of_m1(profiles) == 1  # U1's place given back once; U2's kept
    assert sum(e.places_freed for e in erased) == 1
    assert sum(e.deleted["mentorships"] for e in erased) == 1 and sum(e.deleted["profile"] for e in erased) == 1
    assert sum(not e.nothing for e in erased) >= 1
