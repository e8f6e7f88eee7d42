"""A person's growth profile: saved from its form, shown as far as its owner allows, and grown from feedback."""

import re
from dataclasses import dataclass, replace

from domain.profiles.ports import ProfilesUnitOfWork
from domain.profiles.records import MOST_CAPACITY, MOST_LISTED, Profile, Visibility
from domain.shared.clock import Clock
from domain.shared.errors import DomainError
from domain.shared.forms import FormCheck
from domain.shared.skills import MOST_SKILLS, Skill, distinct, skill, skill_key

PHRASE_LIMIT = 80  # characters of a strength or an area to improve
VISION_LIMIT = 1000
MOST_INTERESTS = 10
_LINES = re.compile(r"\n+")
_COMMAS = re.compile(r"[,\n;]+")


@dataclass(frozen=True)
class ProfileForm:
    """The profile modal's raw values."""

    visibility: str | None = None
    strengths: str | None = None  # one a line
    areas: str | None = None
    interests: str | None = None  # separated by commas
    vision: str | None = None
    learn: list[str] | None = None  # skill names, from the catalogue select
    teach: list[str] | None = None
    capacity: str | None = None


def phrase(text: str) -> str:
    """A strength or an area to improve: tidied, not empty, at most PHRASE_LIMIT characters."""
    tidy = " ".join(text.split())
    if not tidy:
        raise DomainError("Write a few words.", "phrase")
    if len(tidy) > PHRASE_LIMIT:
        raise DomainError(f"Keep it to {PHRASE_LIMIT} characters; it has {len(tidy)}.", "phrase")
    return tidy


def _phrases(check: FormCheck, field: str, raw: str | None, name: str) -> tuple[str, ...]:
    found: list[str] = []
    for line in _LINES.split(raw or ""):
        if not line.strip():
            continue
        try:
            tidy = phrase(line)
        except DomainError as error:
            check.fail(field, f"“{line.strip()[:30]}…”: {error.message}")
            continue
        if tidy.casefold() not in {f.casefold() for f in found}:
            found.append(tidy)
    if len(found) > MOST_LISTED:
        check.fail(field, f"Keep to {MOST_LISTED} {name}, one a line; there are {len(found)}.")
    return tuple(found)


def _skills(check: FormCheck, field: str, names: list[str], most: int, name: str) -> tuple[Skill, ...]:
    try:
        found = distinct([n for n in names if n.strip()])
    except DomainError as error:
        check.fail(field, error.message)
        return ()
    if len(found) > most:
        check.fail(field, f"Keep to {most} {name}; there are {len(found)}.")
    return tuple(found)


def read_form(user_id: str, form: ProfileForm) -> Profile:
    """The profile the form describes, or InvalidInput naming each field to fix."""
    check = FormCheck()
    visibility = check.choice("visibility", Visibility, form.visibility, "Choose who may see your profile.")
    strengths = _phrases(check, "strengths", form.strengths, "strengths")
    areas = _phrases(check, "areas", form.areas, "areas to improve")
    interests = _skills(check, "interests", _COMMAS.split(form.interests or ""), MOST_INTERESTS, "interests")
    vision = check.text("vision", form.vision, "your career vision", VISION_LIMIT, required=False) or ""
    learn = _skills(check, "learn", form.learn or [], MOST_SKILLS, "skills to learn")
    teach = _skills(check, "teach", form.teach or [], MOST_SKILLS, "skills to teach")
    capacity = check.number("capacity", form.capacity, "number of people") or 0
    if not (0 <= capacity <= MOST_CAPACITY and capacity == int(capacity)):
        check.fail("capacity", f"Choose a whole number from 0 to {MOST_CAPACITY}.")
    elif capacity and not teach and check.ok("teach"):
        check.fail("teach", "Name the skills you can teach, or mentor 0 people.")
    check.done()
    return Profile(
        user_id,
        visibility,
        strengths,
        areas,
        interests,
        vision,
        learn,
        teach,
        int(capacity),
    )


def my_profile(uow: ProfilesUnitOfWork, user_id: str) -> Profile:
    """My profile, or an empty one (shown to no one) when I have none."""
    with uow:
        return uow.profiles.get(user_id) or Profile(user_id)


def save_profile(uow: ProfilesUnitOfWork, clock: Clock, user_id: str, form: ProfileForm) -> Profile:
    """Save the form; new skills join the workspace's catalogue. How many I mentor and chats are kept."""
    wanted = read_form(user_id, form)
    now = clock.now()
    with uow:
        current = uow.profiles.get(user_id, for_update=True) or Profile(user_id)
        if wanted.capacity < current.mentees:
            raise DomainError(
                f"You mentor {current.mentees} now: offer at least {current.mentees}, or end a mentorship first.",
                "capacity",
            )
        profile = replace(wanted, mentees=current.mentees, chats=current.chats, updated_at=now)
        uow.skills.add([*profile.learn, *profile.teach], user_id, now)
        uow.profiles.save(profile, now)
        uow.commit()
    return profile


def may_see(profile: Profile, viewer: str, viewer_is_manager: bool) -> bool:
    """Whether `viewer` may see the profile: its owner always; others as its visibility allows."""
    if viewer == profile.user_id:
        return True
    if not profile.saved or profile.visibility is Visibility.ONLY_ME:
        return False
    return profile.visibility is Visibility.EVERYONE or viewer_is_manager


def profile_for(uow: ProfilesUnitOfWork, viewer: str, owner: str) -> Profile:
    """`/growth profile @ana`: Ana's profile as far as Ana allows; the same answer whether it is hidden or missing."""
    with uow:
        profile = uow.profiles.get(owner) or Profile(owner)
        manages = uow.links.manager_ids([owner]).get(owner) == viewer
    if not may_see(profile, viewer, manages):
        raise DomainError("They have no growth profile shared with you.")
    return profile


def add_phrase(uow: ProfilesUnitOfWork, clock: Clock, user_id: str, where: str, text: str) -> Profile:
    """*Add to strengths* / *Add to areas to improve* on feedback I received: a short phrase of my choosing."""
    said = phrase(text)
    name = "strengths" if where == "strengths" else "areas to improve"
    now = clock.now()
    with uow:
        profile = uow.profiles.get(user_id, for_update=True) or Profile(user_id)
        listed = profile.strengths if where == "strengths" else profile.areas
        if said.casefold() in {item.casefold() for item in listed}:
            raise DomainError(f"“{said}” is in your {name} already.", "phrase")
        if len(listed) >= MOST_LISTED:
            raise DomainError(
                f"You have {MOST_LISTED} {name} already: remove one in `/growth profile` first.", "phrase"
            )
        grown = (*listed, said)
        profile = replace(profile, **{"strengths" if where == "strengths" else "areas": grown}, updated_at=now)
        uow.profiles.save(profile, now)
        uow.commit()
    return profile


def wants(uow: ProfilesUnitOfWork, profile: Profile) -> dict[str, str]:
    """What I want to learn, key → name: my profile's skills, then those my active goals build."""
    found = {s.key: s.name for s in profile.learn}
    for name in uow.goals.skills_of_active(profile.user_id):
        found.setdefault(skill_key(name), name)
    return found


def set_chats(uow: ProfilesUnitOfWork, clock: Clock, user_id: str, on: bool) -> Profile:
    """`/growth chats on|off`. Off takes me out of the next round at once."""
    with uow:
        uow.profiles.set_chats(user_id, on, clock.now())
        profile = uow.profiles.get(user_id) or Profile(user_id, chats=on)
        uow.commit()
    return profile


def shares(profile: Profile) -> int:
    """How many interests and skills chats may pair on."""
    return len({s.key for s in (*profile.interests, *profile.learn, *profile.teach)}) if profile.public else 0


def find_skills(uow: ProfilesUnitOfWork, typed: str, most: int) -> tuple[list[Skill], Skill | None]:
    """The catalogue's skills matching what is typed, and the typed skill itself when the catalogue has no such
    skill yet (None when it has, or when what is typed can't be a skill)."""
    with uow:
        found = uow.skills.search(typed, most)
    try:
        new = skill(typed) if typed.strip() else None
    except DomainError:
        new = None
    if new is not None and any(s.key == new.key for s in found):
        new = None
    return found, new
