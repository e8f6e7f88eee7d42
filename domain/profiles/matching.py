"""Mentor matching by skill gap: the people whose skills to teach meet the skills I want to learn, best first.

More shared skills first; among as many, rarer skills weigh more (a skill few in the workspace can teach counts for
more than one many can); then someone from another team; never myself, never someone with no free mentoring place,
and only skills a person made visible to everyone."""

import math
from collections import Counter
from dataclasses import dataclass

MOST_SUGGESTED = 5


@dataclass(frozen=True)
class Teacher:
    user_id: str
    teaches: frozenset[str]  # skill keys, visible to everyone
    capacity: int  # how many people they could mentor at once, 0 to 5
    mentees: int  # how many they mentor now
    team: str | None  # their manager's id: people who share one are a team

    @property
    def has_room(self) -> bool:
        return self.mentees < self.capacity


@dataclass(frozen=True)
class Suggestion:
    teacher: Teacher
    shared: tuple[str, ...]  # the skill keys we share, rarest first
    weight: float  # the rarity of those skills, summed


def rarity_of(counts: dict[str, int], everyone: int) -> dict[str, float]:
    """Each skill's weight: log(1 + people who teach anything / people who teach it)."""
    return {key: math.log(1 + max(1, everyone) / count) for key, count in counts.items() if count}


def rarity(teachers: list[Teacher]) -> dict[str, float]:
    """The weights when `teachers` are every teacher there is."""
    return rarity_of(Counter(key for teacher in teachers for key in teacher.teaches), len(teachers))


def suggest_mentors(
    me: str,
    wants: frozenset[str],
    my_team: str | None,
    teachers: list[Teacher],
    weights: dict[str, float] | None = None,
    most: int = MOST_SUGGESTED,
) -> list[Suggestion]:
    """`weights` are the skills' rarity in the whole workspace (rarity_of); by default, among `teachers`."""
    weights = weights if weights is not None else rarity(teachers)
    found = []
    for teacher in teachers:
        shared = wants & teacher.teaches
        if teacher.user_id == me or not shared or not teacher.has_room:
            continue
        ordered = tuple(sorted(shared, key=lambda key: (-weights.get(key, 0.0), key)))
        found.append(Suggestion(teacher, ordered, sum(weights.get(key, 0.0) for key in shared)))

    def best_first(s: Suggestion):
        teacher = s.teacher
        same_team = (
            (my_team is not None and teacher.team == my_team) or my_team == teacher.user_id or teacher.team == me
        )
        return (-len(s.shared), -round(s.weight, 9), same_team, s.teacher.user_id)

    return sorted(found, key=best_first)[:most]
