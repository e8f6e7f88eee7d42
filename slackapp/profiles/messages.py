"""What profiles say: a profile, the mentors found, a mentoring request and its answers, introductions, growth-chat
group DMs and the monthly mentoring check-in. People are mentions; user text is escaped."""

from slack_sdk.models.blocks import ActionsBlock, Block, ButtonElement
from slack_sdk.models.views import View

from domain.profiles.mentoring import Found
from domain.profiles.records import ChatPair, Mentorship, Profile, Visibility
from domain.profiles.reminders import MentoringDue
from domain.profiles.rounds import topic
from domain.shared.text import human_date
from slackapp.profiles import ids
from slackapp.profiles.modals import SEEN_BY
from slackapp.shared.blocks import escape, note, pack, section
from slackapp.shared.replies import reply, say


def _list(items) -> str:
    return ", ".join(escape(item) for item in items) or "_none yet_"


def profile_blocks(profile: Profile, mine: bool) -> list[Block]:
    """A profile as its reader may see it; the owner also sees who sees it and an *Edit* button."""
    whose = "Your growth profile" if mine else f"<@{profile.user_id}>'s growth profile"
    lines = [f"*{whose}*"]
    if profile.vision:
        lines.append(f"_{escape(profile.vision)}_")
    lines += [
        f"*Strengths:* {_list(profile.strengths)}",
        f"*Areas to improve:* {_list(profile.areas)}",
        f"*Interests:* {_list(s.name for s in profile.interests)}",
        f"*Wants to learn:* {_list(s.name for s in profile.learn)}",
    ]
    teaches = f"*Can teach:* {_list(s.name for s in profile.teach)}"
    if profile.capacity:
        teaches += f" · mentoring {profile.mentees} of {profile.capacity}"
    lines.append(teaches)
    blocks: list[Block] = [section(chunk) for chunk in pack(lines, sep="\n")]  # a full profile passes 3000
    if mine:
        seen = SEEN_BY[profile.visibility][0] if profile.saved else "no one yet: save it to choose"
        chats = "on" if profile.chats else "off"
        more = f"Seen by: {seen}. Growth chats: {chats} (`/growth chats on` or `off`)."
        if profile.visibility is not Visibility.EVERYONE and (profile.chats or profile.capacity):
            more += " Mentoring and chats match only profiles seen by everyone."
        blocks += [note(more), ActionsBlock(elements=[ButtonElement(text="Edit profile", action_id=ids.EDIT)])]
    return blocks


def profile_reply(profile: Profile, mine: bool) -> dict:
    return reply("Growth profile", profile_blocks(profile, mine))


def saved_modal(profile: Profile) -> dict:
    return View(type="modal", title="Profile saved", close="Close", blocks=profile_blocks(profile, True)).to_dict()


def mentors_modal(found: dict) -> dict:
    """The mentors found, in a modal (from App Home)."""
    return View(type="modal", title="Find a mentor", close="Close", blocks=found["blocks"]).to_dict()


def mentors_reply(found: Found) -> dict:
    if not found.suggestions:
        text = (
            f"No one with a free mentoring place teaches the {found.wanted} skill{'s' if found.wanted != 1 else ''} "
            "you want to learn yet. Trellis matches only profiles seen by everyone; ask again later."
        )
        return say(text)
    blocks: list[Block] = [section("*Mentors for what you want to learn*, best match first:")]
    for suggestion in found.suggestions:
        teacher = suggestion.teacher
        shared = _list(found.names[key] for key in suggestion.shared)
        free = teacher.capacity - teacher.mentees
        line = f"<@{teacher.user_id}> · teaches {shared} · {free} free place{'s' if free != 1 else ''}"
        ask = ButtonElement(text="Ask", action_id=ids.ASK, value=teacher.user_id, style="primary")
        blocks.append(section(line, accessory=ask))
    blocks.append(note("Rarer skills weigh more; people from another team come first among equals."))
    return reply("Mentors for what you want to learn", blocks)


def request_dm(asked: Mentorship) -> dict:
    text = f"<@{asked.mentee_id}> asks you to mentor them in Trellis."
    lines = [f"*{text}*"]
    if asked.skills:
        lines.append(f"You both named: {_list(asked.skills)}.")
    if asked.note:
        lines.append(f">{escape(asked.note)}")
    buttons = ActionsBlock(
        elements=[
            ButtonElement(text="Accept", action_id=ids.ACCEPT, value=str(asked.id), style="primary"),
            ButtonElement(text="Decline", action_id=ids.DECLINE, value=str(asked.id)),
        ]
    )
    return {"text": text, "blocks": [section("\n".join(lines)).to_dict(), buttons.to_dict()]}


def asked_text(asked: Mentorship) -> str:
    return f"Asked <@{asked.mentor_id}> to mentor you. You'll get a DM when they answer."


def introduction(m: Mentorship, to: str) -> dict:
    """To each side once the mentor accepts."""
    other = m.other(to)
    role = "your mentor" if other == m.mentor_id else "your mentee"
    what = f" around {_list(m.skills)}" if m.skills else ""
    text = f"Meet <@{other}>, {role} in Trellis{what}."
    tip = (
        "A first chat of 30 minutes is a good start: what you hope for, how often to meet, and how you'll know "
        "it's working. Trellis checks in once a month; either of you can end it any time."
    )
    end = ButtonElement(text="End mentoring", action_id=ids.END, value=str(m.id))
    return {"text": text, "blocks": [section(f"*{text}*\n{tip}").to_dict(), ActionsBlock(elements=[end]).to_dict()]}


def declined_texts(m: Mentorship) -> tuple[str, str]:
    return (
        f"You declined <@{m.mentee_id}>'s request. They are told, without a reason.",
        f"<@{m.mentor_id}> can't mentor you now. `/growth mentor` suggests others.",
    )


def ended_texts(m: Mentorship, by: str) -> tuple[str, str]:
    said = f"\n>{escape(m.end_note)}" if m.end_note else ""
    return (
        f"Your mentorship with <@{m.other(by)}> has ended. Thank you for the time you gave it.",
        f"<@{by}> ended your mentorship in Trellis.{said}",
    )


def chat_message(pair: ChatPair) -> dict:
    shared = _list(pair.common)
    text = f"Growth chat: <@{pair.first}> and <@{pair.second}>, meet each other!"
    body = (
        f"*{text}*\nYou both care about {shared}. "
        f"Find 30 minutes this fortnight.\n*A question to start:* {escape(topic(pair))}"
    )
    footer = note("Trellis pairs people who opted in every two weeks. `/growth chats off` stops it.")
    return {"text": text, "blocks": [section(body).to_dict(), footer.to_dict()]}


def mentoring_checkin(due: MentoringDue) -> tuple[str, list[Block]]:
    """The monthly mentoring check-in, one line a mentorship, with *End mentoring*."""
    text = "Monthly mentoring check-in"
    blocks: list[Block] = [section(f"*{text}*: how is it going? A short note to each other keeps it alive.")]
    for m in due.mentorships[:20]:
        role = "mentoring" if m.mentor_id == due.user_id else "mentored by"
        since = human_date(m.started_at.date()) if m.started_at else "recently"
        end = ButtonElement(text="End mentoring", action_id=ids.END, value=str(m.id))
        blocks.append(section(f"You are {role} <@{m.other(due.user_id)}> since {since}.", accessory=end))
    return text, blocks


def chats_text(profile: Profile, shares: int) -> str:
    if not profile.chats:
        return (
            "Growth chats are off for you: Trellis won't pair you. `/growth chats on` turns them on: every two weeks, "
            "a group DM with someone from another team who shares an interest or a skill."
        )
    text = (
        "Growth chats are on: every two weeks Trellis may pair you with someone from another team who shares an "
        "interest or a skill. `/growth chats off` stops it at once."
    )
    if not shares:
        text += (
            " Your profile has nothing to pair on yet: chats use the interests and skills of a profile seen by "
            "everyone (`/growth profile`)."
        )
    return text
