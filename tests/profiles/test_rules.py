"""Profiles' rules (issue 12, started): skill names matched whatever their case or spacing, mentors ranked by skill
gap with rarity, capacity and team, and growth-chat pairing (no repeats, the left-out first, odd numbers)."""

import pytest

from domain.profiles.chats import ChatPerson, pair_round
from domain.profiles.matching import Teacher, suggest_mentors
from domain.shared.errors import DomainError
from domain.shared.skills import distinct, skill, skill_key


def test_public_speaking_is_one_skill_however_it_is_typed():
    assert skill_key("public speaking") == skill_key("Public Speaking") == skill_key("  public   SPEAKING ")
    assert skill(" Public   Speaking ").name == "Public Speaking"
    assert [s.name for s in distinct(["public speaking", "SQL", "Public Speaking", "sql "])] == [
        "public speaking",
        "SQL",
    ]
    with pytest.raises(DomainError, match="needs a name"):
        skill("   ")
    with pytest.raises(DomainError, match="at most 60"):
        skill("x" * 61)


def teacher(user_id, *teaches, capacity=2, mentees=0, team="M1"):
    return Teacher(user_id, frozenset(teaches), capacity, mentees, team)


def test_mentors_with_more_shared_skills_come_first_then_rarer_skills_then_another_team():
    teachers = [
        teacher("U2", "sql", "python"),  # two shared
        teacher("U3", "sql"),  # one common skill
        teacher("U4", "negotiation"),  # one rare skill
        teacher("U5", "sql", team="M2"),  # one common skill, another team
        teacher("U6", "sql", "python", capacity=1, mentees=1),  # full
        teacher("U1", "sql", "python", "negotiation"),  # myself
        teacher("U7", "python"),
        teacher("U8", "cooking"),  # nothing I want
    ]
    found = suggest_mentors("U1", frozenset({"sql", "python", "negotiation"}), "M1", teachers)

    assert [s.teacher.user_id for s in found] == ["U2", "U4", "U7", "U5", "U3"]
    assert found[0].shared == ("python", "sql")  # rarer first: python has fewer teachers than sql
    assert len(suggest_mentors("U1", frozenset({"sql"}), "M1", teachers, most=2)) == 2


def test_no_mentor_for_what_no_one_teaches_or_with_no_room():
    teachers = [teacher("U2", "sql", capacity=0), teacher("U3", "sql", capacity=3, mentees=3)]
    assert suggest_mentors("U1", frozenset({"sql"}), None, teachers) == []


def person(user_id, team, *shares, left_out=False):
    return ChatPerson(user_id, team, frozenset(shares), left_out)


def test_a_round_pairs_people_of_different_teams_who_share_something():
    people = [person("U1", "A", "design"), person("U2", "A", "design"), person("U3", "B", "design")]
    pairs, left_out = pair_round(people, set(), "2026-W48")

    [pair] = pairs
    assert "U3" in (pair.first, pair.second) and pair.common == ("design",)  # never two of team A
    assert len(left_out) == 1  # three people: one waits


def test_no_pair_again_within_three_months_and_the_left_out_go_first():
    people = [person("U1", "A", "sql"), person("U2", "B", "sql"), person("U3", "C", "sql", left_out=True)]
    pairs, left_out = pair_round(people, {frozenset({"U1", "U3"})}, "2026-W50")

    [pair] = pairs
    assert {pair.first, pair.second} == {"U2", "U3"}  # U3 first, and not with U1 again
    assert left_out == ["U1"]


def test_nobody_is_paired_with_nothing_in_common():
    pairs, left_out = pair_round([person("U1", "A", "sql"), person("U2", "B", "cooking")], set(), "2026-W48")
    assert pairs == [] and sorted(left_out) == ["U1", "U2"]


def test_a_profile_form_is_read_into_tidy_lists_and_each_fault_is_named_on_its_field():
    from domain.profiles.profile import ProfileForm, read_form
    from domain.profiles.records import Visibility
    from domain.shared.errors import InvalidInput

    read = read_form(
        "U1",
        ProfileForm(
            visibility="everyone",
            strengths="  Explaining   things \n\nexplaining things\nMentoring",
            interests="climbing, Climbing ,, open source",
            learn=["SQL", "sql"],
            teach=["Public speaking"],
            capacity="2",
        ),
    )
    assert read.visibility is Visibility.EVERYONE and read.strengths == ("Explaining things", "Mentoring")
    assert [s.name for s in read.interests] == ["climbing", "open source"] and [s.name for s in read.learn] == ["SQL"]
    assert read.capacity == 2

    with pytest.raises(InvalidInput) as refused:
        read_form("U1", ProfileForm(strengths="\n".join("abcdef"), areas="x" * 81, capacity="7"))
    assert set(refused.value.errors) == {"visibility", "strengths", "areas", "capacity"}


def test_who_may_see_a_profile():
    from datetime import UTC, datetime

    from domain.profiles.profile import may_see
    from domain.profiles.records import Profile, Visibility

    saved = datetime(2026, 11, 1, tzinfo=UTC)
    everyone, manager, only_me = (Profile("U1", v, updated_at=saved) for v in Visibility)
    assert may_see(everyone, "U2", viewer_is_manager=False)
    assert may_see(manager, "U2", viewer_is_manager=True) and not may_see(manager, "U3", viewer_is_manager=False)
    assert not may_see(only_me, "U2", viewer_is_manager=True) and may_see(only_me, "U1", viewer_is_manager=False)
    assert not may_see(Profile("U1", Visibility.EVERYONE), "U2", viewer_is_manager=False)  # never saved


def test_rounds_fall_on_alternate_mondays_whatever_the_hour():
    from datetime import UTC, datetime

    from domain.profiles.rounds import round_key

    assert round_key(datetime(2026, 11, 23, 0, 0, tzinfo=UTC)) == "2026-11-23"
    assert round_key(datetime(2026, 12, 6, 23, 59, tzinfo=UTC)) == "2026-11-23"
    assert round_key(datetime(2026, 12, 7, 0, 0, tzinfo=UTC)) == "2026-12-07"
