"""Profiles' forms: the growth profile, a phrase from feedback, the note with a mentoring request, and the note on
ending one. Inputs are named by the form field they fill (slackapp.shared.inputs)."""

from domain.profiles.mentoring import NOTE_LIMIT
from domain.profiles.profile import MOST_INTERESTS, PHRASE_LIMIT, VISION_LIMIT
from domain.profiles.records import MOST_CAPACITY, MOST_LISTED, Mentorship, Profile, Visibility
from slackapp.profiles import ids
from slackapp.shared.blocks import section
from slackapp.shared.inputs import form_modal, option, radio_input, select_input, text_input
from slackapp.shared.profile_buttons import PLACES
from slackapp.shared.skills_select import skills_input

SEEN_BY = {
    Visibility.EVERYONE: ("Everyone in the workspace", "Also used to match mentors and growth chats"),
    Visibility.MANAGER: ("My manager in Trellis", "Not used for matching"),
    Visibility.ONLY_ME: ("Only me", "Never shown to anyone else, never matched"),
}


def _capacity_label(n: int) -> str:
    return "0: not mentoring now" if n == 0 else f"{n} {'person' if n == 1 else 'people'}"


def _phrases_input(field: str, name: str, phrases: tuple[str, ...], placeholder: str):
    """Up to MOST_LISTED short phrases, one a line."""
    return text_input(
        field,
        f"{name} (up to {MOST_LISTED}, one a line)",
        limit=MOST_LISTED * (PHRASE_LIMIT + 1),
        multiline=True,
        optional=True,
        initial="\n".join(phrases),
        placeholder=placeholder,
    )


def profile_modal(profile: Profile) -> dict:
    seen = [option(v.value, label, more) for v, (label, more) in SEEN_BY.items()]
    capacity = [option(str(n), _capacity_label(n)) for n in range(MOST_CAPACITY + 1)]
    blocks = [
        radio_input(
            "visibility",
            "Who may see my profile",
            seen,
            initial=next((o for o in seen if o.value == profile.visibility.value), None) if profile.saved else None,
        ),
        _phrases_input("strengths", "Strengths", profile.strengths, "Explaining hard things simply"),
        _phrases_input("areas", "Areas to improve", profile.areas, "Saying no to work that isn't mine"),
        text_input(
            "interests",
            f"Interests (up to {MOST_INTERESTS}, separated by commas)",
            limit=MOST_INTERESTS * 62,
            optional=True,
            initial=", ".join(s.name for s in profile.interests),
            placeholder="Climbing, open source, design systems",
        ),
        text_input(
            "vision",
            "My career vision, in my words",
            limit=VISION_LIMIT,
            multiline=True,
            optional=True,
            initial=profile.vision,
        ),
        skills_input(
            "learn",
            "Skills I want to learn",
            initial=[s.name for s in profile.learn],
            hint="Skills your active goals build count too.",
        ),
        skills_input("teach", "Skills I can teach", initial=[s.name for s in profile.teach]),
        select_input(
            "capacity",
            "How many people I could mentor at once",
            capacity,
            initial=capacity[profile.capacity],
        ),
    ]
    return form_modal(ids.SAVE, "Your growth profile", "Save", blocks)


def phrase_modal(where: str, snippet: str) -> dict:
    """*Add to strengths* or *Add to areas to improve*: a phrase of my choosing, starting from the answer."""
    start = snippet[:PHRASE_LIMIT]
    blocks = [
        text_input(
            "phrase",
            "In a few words of your own",
            limit=PHRASE_LIMIT,
            initial=start,
            hint="It joins your growth profile, which is shown only as you allow.",
        )
    ]
    return form_modal(ids.PHRASE, PLACES[where], "Add", blocks, where=where)


def ask_modal(mentor_id: str) -> dict:
    blocks = [
        section(f"Trellis DMs <@{mentor_id}> your note with *Accept* and *Decline*."),
        text_input(
            "note",
            "Your note",
            limit=NOTE_LIMIT,
            multiline=True,
            optional=True,
            placeholder="What you hope to learn, and how often you'd like to meet",
        ),
    ]
    return form_modal(ids.ASK_SEND, "Ask for mentoring", "Send", blocks, mentor=mentor_id)


def end_modal(mentorship: Mentorship, me: str) -> dict:
    blocks = [
        section(f"End your mentorship with <@{mentorship.other(me)}>? They get a DM with your note."),
        text_input(
            "note",
            "What did you get out of it? (optional)",
            limit=NOTE_LIMIT,
            multiline=True,
            optional=True,
        ),
    ]
    return form_modal(ids.END_SEND, "End mentoring", "End it", blocks, mentorship=mentorship.id)
