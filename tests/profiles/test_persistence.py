"""Profiles' storage on a real database, SQLite and PostgreSQL: profiles saved and read whole, the people matching and
growth chats read, the skill catalogue's search, mentorships asked, accepted, declined and ended once, mentoring
places never overfilled (racing too), growth-chat rounds started once and their group DMs claimed once, workspaces
kept apart."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

import persistence.uow
from domain.profiles.chats import Pair
from domain.profiles.matching import Teacher
from domain.profiles.records import Mentorship, MentorshipState, Profile, Visibility
from domain.shared.skills import Skill, skill
from domain.shared.workspace import WorkspaceKey
from tests.examples import in_one as committed
from tests.examples import race as race_threads

ACME = WorkspaceKey("", "T1")
OTHER = WorkspaceKey("", "T2")
NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
LATER = NOW + timedelta(hours=3)
WORKERS = 10


def in_one(uow_factory, action, workspace=ACME):
    return committed(uow_factory, action, workspace)


def skills(*names: str) -> tuple[Skill, ...]:
    return tuple(skill(name) for name in names)


def profile(user_id: str, visibility=Visibility.EVERYONE, teach=(), learn=(), interests=(), capacity=0, chats=False):
    return Profile(
        user_id,
        visibility,
        teach=skills(*teach),
        learn=skills(*learn),
        interests=skills(*interests),
        capacity=capacity,
        chats=chats,
    )


def save(uow_factory, *profiles: Profile, workspace=ACME) -> None:
    in_one(uow_factory, lambda uow: [uow.profiles.save(p, NOW) for p in profiles], workspace)


def test_a_profile_is_saved_and_read_whole_and_keeps_its_mentees(uow_factory):
    asha = Profile(
        "U1",
        Visibility.MANAGER,
        strengths=("Calm under pressure", "Writing"),
        areas=("Delegating",),
        interests=skills("Chess", "board games"),
        vision="Lead a platform team.",
        learn=skills("Public Speaking", "SQL"),
        teach=skills("Python", "Code review", "Testing"),
        capacity=2,
        chats=True,
    )
    with uow_factory(ACME) as uow:
        assert uow.profiles.get("U1") is None
        uow.profiles.save(asha, NOW)
        uow.commit()
    assert in_one(uow_factory, lambda uow: uow.profiles.take_mentee("U1"))

    saved = in_one(uow_factory, lambda uow: uow.profiles.get("U1"))
    assert saved == replace(asha, mentees=1, updated_at=NOW) and saved.saved
    assert [s.name for s in saved.teach] == ["Python", "Code review", "Testing"]  # in the order given

    fewer = Profile("U1", Visibility.EVERYONE, teach=skills("Testing", "Python"), capacity=3, mentees=0)
    save(uow_factory, fewer)
    with uow_factory(ACME) as uow:
        again = uow.profiles.get("U1", for_update=True)
    assert again.teach == skills("Testing", "Python") and again.learn == () and again.interests == ()
    assert again.mentees == 1  # storage keeps the count, whatever the profile said
    assert again.capacity == 3 and again.public and again.strengths == ()


def test_another_workspace_sees_no_profile_skill_mentorship_or_chat(uow_factory):
    save(uow_factory, profile("U1", teach=("Python",), capacity=2, chats=True, interests=("Chess",)))
    in_one(uow_factory, lambda uow: uow.skills.add(skills("Python"), "U1", NOW))
    in_one(uow_factory, lambda uow: uow.mentorships.ask("U1", "U2", "", (), NOW))
    in_one(uow_factory, lambda uow: uow.chats.claim_round("2026-47", NOW))

    with uow_factory(OTHER) as uow:
        assert uow.profiles.get("U1") is None
        assert uow.profiles.visible_teachers(frozenset({"python"})) == []
        assert uow.profiles.teaching_counts(frozenset({"python"})) == ({"python": 0}, 0)
        assert uow.profiles.chat_people() == {}
        assert uow.profiles.take_mentee("U1") is False
        assert uow.skills.search("py", 10) == []
        assert uow.mentorships.of("U1") == [] and uow.mentorships.open_between("U1", "U2") is None
        assert uow.mentorships.ask("U1", "U2", "", (), NOW) is not None  # the same two, here
        assert uow.chats.claim_round("2026-47", NOW) is True


def test_visible_teachers_are_those_everyone_sees_with_a_free_place_teaching_a_wanted_skill(uow_factory):
    save(
        uow_factory,
        profile("U1", teach=("Python", "SQL", "Go"), capacity=2),
        profile("U2", teach=("sql",), capacity=1),
        profile("U3", Visibility.MANAGER, teach=("Python",), capacity=2),
        profile("U4", Visibility.ONLY_ME, teach=("Python",), capacity=2),
        profile("U5", teach=("Python",), capacity=0),  # not mentoring
        profile("U6", teach=("Rust",), capacity=2),  # none of the skills
        profile("U7", teach=("Python",), capacity=1),  # full, below
        profile("U8", learn=("Python",), capacity=2),  # learns it, doesn't teach it
    )
    in_one(uow_factory, lambda uow: uow.profiles.take_mentee("U7"))

    with uow_factory(ACME) as uow:
        teachers = uow.profiles.visible_teachers(frozenset({"python", "sql"}))
        assert uow.profiles.visible_teachers(frozenset()) == []

    assert teachers == [
        Teacher("U1", frozenset({"python", "sql"}), capacity=2, mentees=0, team=None),
        Teacher("U2", frozenset({"sql"}), capacity=1, mentees=0, team=None),
    ]


def test_teaching_counts_count_everyone_visible_teachers_whatever_their_places(uow_factory):
    save(
        uow_factory,
        profile("U1", teach=("Python", "SQL"), capacity=1),
        profile("U2", teach=("Python",), capacity=0),
        profile("U3", teach=("Rust",)),
        profile("U4", Visibility.MANAGER, teach=("Python",)),
        profile("U5", learn=("Python",)),
    )
    with uow_factory(ACME) as uow:
        assert uow.profiles.teaching_counts(frozenset({"python", "sql", "go"})) == ({"python": 2, "sql": 1, "go": 0}, 3)
        assert uow.profiles.teaching_counts(frozenset()) == ({}, 3)


def test_chat_people_are_those_opted_in_whom_everyone_sees_with_all_they_share(uow_factory):
    save(
        uow_factory,
        profile("U1", interests=("Chess",), learn=("SQL",), teach=("Python",), chats=True),
        profile("U2", Visibility.MANAGER, interests=("Chess",), chats=True),
        profile("U3", interests=("Chess",), chats=False),
        profile("U4", chats=True),  # opted in, nothing shared yet
    )
    in_one(uow_factory, lambda uow: uow.profiles.set_chats("U5", True, NOW))  # no profile: only-me, not matched

    with uow_factory(ACME) as uow:
        assert uow.profiles.chat_people() == {"U1": {"chess": "Chess", "sql": "SQL", "python": "Python"}, "U4": {}}


def test_setting_chats_keeps_a_profile_and_makes_an_unsaved_private_one_for_someone_without(uow_factory):
    save(uow_factory, profile("U1", teach=("Python",), capacity=2))
    in_one(uow_factory, lambda uow: [uow.profiles.set_chats(u, True, LATER) for u in ("U1", "U2")])

    with uow_factory(ACME) as uow:
        kept, new = uow.profiles.get("U1"), uow.profiles.get("U2")
    assert kept.chats and kept.teach == skills("Python") and kept.updated_at == NOW
    assert new == Profile("U2", Visibility.ONLY_ME, chats=True) and not new.saved

    in_one(uow_factory, lambda uow: uow.profiles.set_chats("U1", False, LATER))
    assert in_one(uow_factory, lambda uow: uow.profiles.get("U1")).chats is False


def test_mentees_are_taken_up_to_capacity_and_released_down_to_zero(uow_factory):
    save(uow_factory, profile("U1", capacity=2))
    with uow_factory(ACME) as uow:
        assert [uow.profiles.take_mentee("U1") for _ in range(3)] == [True, True, False]
        assert uow.profiles.take_mentee("U9") is False  # no profile
        uow.commit()
    with uow_factory(ACME) as uow:
        for _ in range(3):
            uow.profiles.release_mentee("U1")
        uow.commit()
    assert in_one(uow_factory, lambda uow: uow.profiles.get("U1")).mentees == 0


def test_the_catalogue_finds_skills_by_key_those_starting_with_it_first_then_by_name(uow_factory):
    names = ["Public speaking", "Speaking", "Speed reading", "Spanish", "Python", "100% focus", "snake_case"]
    in_one(uow_factory, lambda uow: uow.skills.add(list(skills(*names)), "U1", NOW))
    in_one(uow_factory, lambda uow: uow.skills.add(skills("public SPEAKING", "Go"), "U2", LATER))  # first name kept

    with uow_factory(ACME) as uow:
        found = lambda text, limit=10: [s.name for s in uow.skills.search(text, limit)]  # noqa: E731
        assert found("spe") == ["Speaking", "Speed reading", "Public speaking"]
        assert found("  SPEA king ") == ["Speaking", "Public speaking"]  # case and spacing don't matter
        assert found("spe", 2) == ["Speaking", "Speed reading"]
        every = ["100% focus", "Go", "Public speaking", "Python", "snake_case", "Spanish", "Speaking", "Speed reading"]
        assert found("") == every and found("", 3) == every[:3]
        assert found("%") == ["100% focus"] and found("0%f") == ["100% focus"]  # typed as written, not a wildcard
        assert found("_") == ["snake_case"] and found("e_c") == ["snake_case"]
        assert found("s%g") == [] and found("p_t") == []


def test_a_pair_has_one_open_mentorship_and_may_ask_again_after_a_decline(uow_factory):
    with uow_factory(ACME) as uow:
        asked = uow.mentorships.ask("U1", "U2", "Help me with SQL", ("SQL", "Python"), NOW)
        assert uow.mentorships.ask("U1", "U2", "again", (), NOW) is None
        reverse = uow.mentorships.ask("U2", "U1", "", (), NOW)  # the other way round is another mentorship
        uow.commit()
    assert asked == Mentorship(
        asked.id, "U1", "U2", MentorshipState.PENDING, "Help me with SQL", ("SQL", "Python"), NOW
    )

    with uow_factory(ACME) as uow:
        assert uow.mentorships.get(asked.id) == asked and uow.mentorships.open_between("U1", "U2") == asked
        assert uow.mentorships.open_between("U2", "U1") == reverse
        declined = uow.mentorships.decline(asked.id, LATER)
        assert uow.mentorships.decline(asked.id, LATER) is None and uow.mentorships.accept(asked.id, LATER) is None
        assert uow.mentorships.open_between("U1", "U2") is None
        again = uow.mentorships.ask("U1", "U2", "Second try", (), LATER)
        uow.commit()
    assert declined.state is MentorshipState.DECLINED and declined.ended_at == LATER and declined.ended_by is None
    assert again is not None and again.id != asked.id and again.state is MentorshipState.PENDING


def test_a_mentorship_is_accepted_once_and_ended_once(uow_factory):
    asked = in_one(uow_factory, lambda uow: uow.mentorships.ask("U1", "U2", "", ("SQL",), NOW))
    with uow_factory(ACME) as uow:
        accepted = uow.mentorships.accept(asked.id, LATER)
        assert uow.mentorships.accept(asked.id, LATER) is None and uow.mentorships.decline(asked.id, LATER) is None
        uow.commit()
    assert accepted.state is MentorshipState.ACTIVE and accepted.started_at == LATER
    ended_at = LATER + timedelta(days=30)
    with uow_factory(ACME) as uow:
        assert uow.mentorships.in_mentorships() == ["U1", "U2"]
        assert uow.mentorships.with_mentor(["U1", "U2", "U3"]) == {"U2"} and uow.mentorships.with_mentor([]) == set()
        assert uow.mentorships.ask("U1", "U2", "", (), NOW) is None  # active is open
        ended = uow.mentorships.end(asked.id, "U2", "Learned a lot", ended_at)
        assert uow.mentorships.end(asked.id, "U2", "twice", LATER) is None
        uow.commit()
    assert ended == replace(
        accepted, state=MentorshipState.ENDED, ended_at=ended_at, ended_by="U2", end_note="Learned a lot"
    )
    with uow_factory(ACME) as uow:
        assert uow.mentorships.in_mentorships() == [] and uow.mentorships.of("U1") == []
        assert uow.mentorships.end(asked.id, "U1", "", LATER) is None  # never active again


def test_a_person_s_open_mentorships_on_either_side_come_oldest_first(uow_factory):
    with uow_factory(ACME) as uow:
        second = uow.mentorships.ask("U3", "U1", "", (), LATER)
        first = uow.mentorships.ask("U1", "U2", "", (), NOW)
        declined = uow.mentorships.ask("U4", "U1", "", (), NOW)
        uow.mentorships.decline(declined.id, NOW)
        third = uow.mentorships.accept(uow.mentorships.ask("U1", "U5", "", (), LATER + timedelta(hours=1)).id, LATER)
        uow.commit()
    with uow_factory(ACME) as uow:
        assert uow.mentorships.of("U1") == [first, second, third]
        assert uow.mentorships.of("U4") == []


def test_a_chat_round_is_started_once_and_its_pairs_recorded(uow_factory):
    assert in_one(uow_factory, lambda uow: uow.chats.left_out_last(before="r1")) == set()
    assert in_one(uow_factory, lambda uow: uow.chats.claim_round("r1", NOW)) is True
    assert in_one(uow_factory, lambda uow: uow.chats.claim_round("r1", NOW)) is False
    pairs = [Pair("U1", "U2", ("chess", "sql")), Pair("U3", "U4", ("go",))]
    names = {"chess": "Chess", "sql": "SQL"}
    in_one(uow_factory, lambda uow: uow.chats.add_pairs("r1", pairs, names, ["U5"], NOW))

    with uow_factory(ACME) as uow:
        assert uow.chats.recent_pairs(NOW) == {frozenset({"U1", "U2"}), frozenset({"U3", "U4"})}
        assert uow.chats.recent_pairs(LATER) == set()
        assert uow.chats.left_out_last(before="r2") == {"U5"} and uow.chats.left_out_last(before="r1") == set()
        unsent = uow.chats.unsent()
    assert [(p.round_key, p.first, p.second, p.common, p.created_at, p.sent_at) for p in unsent] == [
        ("r1", "U1", "U2", ("Chess", "SQL"), NOW, None),
        ("r1", "U3", "U4", ("go",), NOW, None),  # a key without a name stays a key
    ]

    assert in_one(uow_factory, lambda uow: uow.chats.claim_round("r2", LATER))
    in_one(uow_factory, lambda uow: uow.chats.add_pairs("r2", [], {}, ["U1", "U2"], LATER))
    assert in_one(uow_factory, lambda uow: uow.chats.left_out_last(before="r3")) == {"U1", "U2"}  # the latest


def test_a_pair_s_group_dm_is_claimed_once_and_given_up_after_five_refusals(uow_factory):
    in_one(uow_factory, lambda uow: uow.chats.claim_round("r1", NOW))
    in_one(uow_factory, lambda uow: uow.chats.add_pairs("r1", [Pair("U1", "U2", ())], {}, [], NOW))
    [pair] = in_one(uow_factory, lambda uow: uow.chats.unsent())

    with uow_factory(ACME) as uow:
        assert uow.chats.mark_sent(pair.id, LATER) is True and uow.chats.mark_sent(pair.id, LATER) is False
        assert uow.chats.unsent() == []
        uow.commit()
    for tries in range(1, 6):
        in_one(uow_factory, lambda uow: uow.chats.release(pair.id))  # Slack refused: back to unsent, one more try
        if tries < 5:
            assert in_one(uow_factory, lambda uow: uow.chats.unsent()) == [pair]
            assert in_one(uow_factory, lambda uow: uow.chats.mark_sent(pair.id, LATER))
    assert in_one(uow_factory, lambda uow: uow.chats.unsent()) == []  # five tries: given up


def test_manager_ids_are_confirmed_managers_of_the_people_asked_for(uow_factory):
    with uow_factory(ACME) as uow:
        uow.links.add_confirmed("M1", "U1", "M1", NOW)
        uow.links.add_confirmed("M2", "U2", "M2", NOW)
        uow.links.propose("M1", "U3", "M1", NOW)  # pending: not a manager yet
        uow.commit()
    with uow_factory(ACME) as uow:
        assert uow.links.manager_ids(["U1", "U2", "U3", "U4"]) == {"U1": "M1", "U2": "M2"}
        assert uow.links.manager_ids(["U2"]) == {"U2": "M2"} and uow.links.manager_ids([]) == {}
    with uow_factory(OTHER) as uow:
        assert uow.links.manager_ids(["U1"]) == {}


@pytest.fixture
def racing_uow_factory(racing_units):
    return racing_units(persistence.uow.PROFILES, WORKERS)


def race(uow_factory, action, inputs) -> list:
    """`action(uow, input)` for each input, each in its own committed unit of work, from threads let go at once."""
    return race_threads(WORKERS, lambda item: in_one(uow_factory, lambda uow: action(uow, item)), inputs)


def test_on_postgresql_10_racing_accepts_to_a_mentor_with_two_places_start_exactly_two(racing_uow_factory):
    save(racing_uow_factory, profile("M1", teach=("Python",), capacity=2))
    mentees = [f"U{n:02}" for n in range(WORKERS)]
    asked = in_one(racing_uow_factory, lambda uow: [uow.mentorships.ask("M1", m, "", (), NOW) for m in mentees])

    def accept(uow, mentorship: Mentorship) -> Mentorship | None:
        if not uow.profiles.take_mentee("M1"):
            return None
        return uow.mentorships.accept(mentorship.id, LATER)

    accepted = race(racing_uow_factory, accept, asked)

    assert sum(m is not None for m in accepted) == 2
    with racing_uow_factory(ACME) as uow:
        assert uow.profiles.get("M1").mentees == 2
        assert uow.mentorships.with_mentor(mentees) == {m.mentee_id for m in accepted if m is not None}


def test_on_postgresql_racing_starts_of_one_chat_round_start_it_once(racing_uow_factory):
    started = race(racing_uow_factory, lambda uow, _: uow.chats.claim_round("2026-47", NOW), range(8))

    assert sorted(started) == [False] * 7 + [True]
