"""Mentoring with consent on both sides: I find mentors by skill gap and ask one with a note; they accept or
decline; either of us ends it, with a note on what we got out of it."""

from dataclasses import dataclass, replace

from domain.profiles.matching import Suggestion, rarity_of, suggest_mentors
from domain.profiles.ports import ProfilesUnitOfWork
from domain.profiles.profile import wants
from domain.profiles.records import Mentorship, MentorshipState, Profile
from domain.shared.clock import Clock
from domain.shared.errors import DomainError
from domain.shared.text import human_date

NOTE_LIMIT = 500
GONE = "This request is no longer open: it was answered already."
NOTHING_TO_LEARN = (
    "Trellis matches mentors to the skills you want to learn: add some in `/growth profile`, or name the skills a "
    "goal builds, then try again."
)


@dataclass(frozen=True)
class Found:
    suggestions: list[Suggestion]
    names: dict[str, str]  # what I want to learn, key → name: each suggestion's shared skills are named from it

    @property
    def wanted(self) -> int:
        return len(self.names)


def find_mentors(uow: ProfilesUnitOfWork, me: str) -> Found:
    """`/growth mentor`: up to 5 people who teach what I want to learn, best first."""
    with uow:
        profile = uow.profiles.get(me) or Profile(me)
        wanted = wants(uow, profile)
        if not wanted:
            raise DomainError(NOTHING_TO_LEARN)
        keys = frozenset(wanted)
        teachers = uow.profiles.visible_teachers(keys)
        counts, everyone = uow.profiles.teaching_counts(keys)
        teams = uow.links.manager_ids([me, *(t.user_id for t in teachers)])
    teachers = [replace(t, team=teams.get(t.user_id)) for t in teachers]
    found = suggest_mentors(me, keys, teams.get(me), teachers, rarity_of(counts, everyone))
    return Found(found, wanted)


def _note(text: str | None) -> str:
    note = (text or "").strip()
    if len(note) > NOTE_LIMIT:
        raise DomainError(f"Keep the note to {NOTE_LIMIT} characters; it has {len(note)}.", "note")
    return note


def ask_mentor(uow: ProfilesUnitOfWork, clock: Clock, me: str, mentor_id: str, note: str | None) -> Mentorship:
    """Ask someone to mentor me; they get a DM with my note and Accept / Decline."""
    said = _note(note)
    if mentor_id == me:
        raise DomainError("You can't be your own mentor.")
    now = clock.now()
    with uow:
        mentor = uow.profiles.get(mentor_id)
        if mentor is None or not mentor.public or mentor.capacity == 0:
            raise DomainError("They aren't open to mentoring in Trellis now.")
        already = uow.mentorships.open_between(mentor_id, me)
        if already is not None and already.state is MentorshipState.ACTIVE:
            raise DomainError("They are your mentor already.")
        if already is not None:
            raise DomainError(
                f"You asked them on {human_date(already.asked_at.date())}: the request waits for their answer."
            )
        if mentor.mentees >= mentor.capacity:
            raise DomainError("They have no free mentoring place now: they mentor as many people as they offered.")
        mine = {s.key for s in (uow.profiles.get(me) or Profile(me)).learn}  # never a private goal's skills
        shared = tuple(s.name for s in mentor.teach if s.key in mine)
        asked = uow.mentorships.ask(mentor_id, me, said, shared, now)
        if asked is None:  # a racing twin of this request
            raise DomainError("You asked them already: the request waits for their answer.")
        uow.commit()
    return asked


def _waiting_for_me(uow: ProfilesUnitOfWork, mentorship_id: int, me: str) -> Mentorship:
    asked = uow.mentorships.get(mentorship_id)
    if asked is None or asked.mentor_id != me or asked.state is not MentorshipState.PENDING:
        raise DomainError(GONE)
    return asked


def accept_mentee(uow: ProfilesUnitOfWork, clock: Clock, mentorship_id: int, me: str) -> Mentorship:
    """The mentor accepts: a free place is taken at once (never more mentees than offered, however many click)."""
    with uow:
        _waiting_for_me(uow, mentorship_id, me)
        if not uow.profiles.take_mentee(me):
            raise DomainError(
                "You have no free mentoring place: you mentor as many people as you offered. Offer more in "
                "`/growth profile`, or decline."
            )
        accepted = uow.mentorships.accept(mentorship_id, clock.now())
        if accepted is None:
            raise DomainError(GONE)  # leaving rolls the place back
        uow.commit()
    return accepted


def decline_mentee(uow: ProfilesUnitOfWork, clock: Clock, mentorship_id: int, me: str) -> Mentorship:
    with uow:
        _waiting_for_me(uow, mentorship_id, me)
        declined = uow.mentorships.decline(mentorship_id, clock.now())
        if declined is None:
            raise DomainError(GONE)
        uow.commit()
    return declined


def end_mentorship(uow: ProfilesUnitOfWork, clock: Clock, mentorship_id: int, me: str, note: str | None) -> Mentorship:
    """Either side ends it, with an optional note on what they got out of it; the mentor's place is freed."""
    said = _note(note)
    with uow:
        ended = None
        current = uow.mentorships.get(mentorship_id)
        if current is not None and current.involves(me):
            ended = uow.mentorships.end(mentorship_id, me, said, clock.now())
        if ended is None:
            raise DomainError("This mentorship has ended already.")
        uow.profiles.release_mentee(ended.mentor_id)
        uow.commit()
    return ended


def my_mentoring(uow: ProfilesUnitOfWork, me: str) -> tuple[Profile, list[Mentorship]]:
    """My profile (an empty one when I have none) and my pending and active mentorships, either side."""
    with uow:
        return uow.profiles.get(me) or Profile(me), uow.mentorships.of(me)


def active_mentorship(uow: ProfilesUnitOfWork, mentorship_id: int, me: str) -> Mentorship:
    """One of my active mentorships, to end it."""
    with uow:
        found = uow.mentorships.get(mentorship_id)
    if found is None or not found.involves(me) or found.state is not MentorshipState.ACTIVE:
        raise DomainError("This mentorship has ended already.")
    return found
