"""Skills (a profile's, a goal's, a workspace's catalogue), matched without regard to case or spacing: "public
speaking", "Public Speaking" and "public  speaking" are one skill."""

import re
from dataclasses import dataclass

from domain.shared.errors import DomainError

SKILL_LIMIT = 60  # characters of a skill's name
MOST_SKILLS = 10  # in one list: a profile's skills to learn or to teach, a goal's
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Skill:
    key: str  # what names are matched by
    name: str  # as first written, tidied


def skill_key(name: str) -> str:
    """The matching key of a skill's name: case folded, every space removed."""
    return _SPACES.sub("", name).casefold()


def skill(name: str) -> Skill:
    """A skill as typed, tidied (outer spaces trimmed, inner runs made one); refused when empty or too long."""
    tidy = _SPACES.sub(" ", name).strip()
    if not skill_key(tidy):
        raise DomainError("A skill needs a name.")
    if len(tidy) > SKILL_LIMIT or len(skill_key(tidy)) > SKILL_LIMIT:  # case folding may lengthen it (ß → ss)
        raise DomainError(f"A skill's name has at most {SKILL_LIMIT} characters.")
    return Skill(skill_key(tidy), tidy)


def distinct(names: list[str]) -> list[Skill]:
    """The skills named, each once, in the order first named."""
    seen: dict[str, Skill] = {}
    for name in names:
        found = skill(name)
        seen.setdefault(found.key, found)
    return list(seen.values())
