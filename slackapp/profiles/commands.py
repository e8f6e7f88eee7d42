"""`/growth profile`, `/growth mentor` and `/growth chats`: my profile's form, someone's profile as far as they
allow, mentors for what I want to learn, and growth chats on or off."""

from domain.profiles.mentoring import find_mentors
from domain.profiles.profile import my_profile, profile_for, set_chats, shares
from domain.shared.errors import DomainError
from domain.shared.text import mentioned
from slackapp.profiles import messages, modals
from slackapp.profiles.listeners import profiles_uow
from slackapp.shared.blocks import escape
from slackapp.shared.context import services
from slackapp.shared.replies import say
from slackapp.shared.router import Call, Takes, Verb


def profile_verb(call: Call) -> None:
    """Alone: my profile's form. With a person: their profile, as far as they allow."""
    if not call.argument:
        call.ack()
        profile = my_profile(profiles_uow(call.context), call.context.user_id)
        call.client.views_open(trigger_id=call.trigger_id, view=modals.profile_modal(profile))
        return
    people = mentioned(call.argument)
    if len(people) != 1:
        call.ack(**call.usage("Name one person, like `/growth profile @ana`."))
        return
    try:
        profile = profile_for(profiles_uow(call.context), call.context.user_id, people[0])
    except DomainError as error:
        call.ack(**say(escape(error.message)))
        return
    call.ack(**messages.profile_reply(profile, mine=profile.user_id == call.context.user_id))


def mentor_verb(call: Call) -> None:
    """Up to 5 people who teach what I want to learn, each with *Ask*."""
    call.ack()
    try:
        found = find_mentors(profiles_uow(call.context), call.context.user_id)
    except DomainError as error:
        call.context.respond(**say(error.message))
        return
    call.context.respond(**messages.mentors_reply(found))


def chats_verb(call: Call) -> None:
    word = call.argument.lower()
    if word not in ("on", "off", ""):
        call.ack(**call.usage("`/growth chats` takes `on` or `off`."))
        return
    uow = profiles_uow(call.context)
    if not word:
        profile = my_profile(uow, call.context.user_id)
    else:
        profile = set_chats(uow, services(call.context).clock, call.context.user_id, word == "on")
    call.ack(**say(messages.chats_text(profile, shares(profile))))


PROFILE_VERBS = (
    Verb(
        "profile",
        profile_verb,
        (
            (
                "/growth profile",
                "your growth profile: strengths, areas to improve, skills to learn and teach",
                "/growth profile",
            ),
            ("/growth profile @person", "someone's growth profile, as far as they share it", "/growth profile @ana"),
        ),
        Takes.TEXT,
    ),
    Verb(
        "mentor",
        mentor_verb,
        (("/growth mentor", "find a mentor who teaches what you want to learn", "/growth mentor"),),
    ),
    Verb(
        "chats",
        chats_verb,
        (("/growth chats on|off", "be paired every two weeks with someone from another team", "/growth chats on"),),
        Takes.TEXT,
    ),
)
