"""Profiles' section of App Home: my profile in a line, mentoring requests waiting for me (with Accept and Decline),
and my mentorships (with End); *Edit growth profile* and *Find a mentor* in the top row."""

from slack_bolt import BoltContext
from slack_sdk.models.blocks import Block, ButtonElement, DividerBlock

from domain.people.members import Member
from domain.profiles.mentoring import my_mentoring
from domain.profiles.records import Mentorship, MentorshipState, Profile
from slackapp.home.composer import Part
from slackapp.profiles import ids, messages
from slackapp.profiles.listeners import profiles_uow
from slackapp.profiles.modals import SEEN_BY
from slackapp.shared.blocks import section


def profile_line(profile: Profile) -> str:
    if not profile.saved:
        return "Not filled in yet. Your strengths, what you want to learn and teach: Trellis finds you a mentor."
    parts = [
        f"Seen by: {SEEN_BY[profile.visibility][0].lower()}",
        f"{len(profile.strengths)} strengths",
        f"{len(profile.learn)} skills to learn",
        f"{len(profile.teach)} to teach",
    ]
    if profile.capacity:
        parts.append(f"mentoring {profile.mentees} of {profile.capacity}")
    parts.append(f"growth chats {'on' if profile.chats else 'off'}")
    return " · ".join(parts)


def mentorship_blocks(m: Mentorship, me: str) -> list[Block]:
    if m.state is MentorshipState.PENDING and m.mentor_id == me:
        return messages.request_dm(m)["blocks"]
    if m.state is MentorshipState.PENDING:
        return [section(f"You asked <@{m.mentor_id}> to mentor you: waiting for their answer.")]
    role = "You mentor" if m.mentor_id == me else "Your mentor is"
    end = ButtonElement(text="End mentoring", action_id=ids.END, value=str(m.id))
    return [section(f"{role} <@{m.other(me)}>.", accessory=end)]


class ProfileSection:
    budget = 10

    def part(self, context: BoltContext, reader: Member, budget: int) -> Part:
        profile, mentorships = my_mentoring(profiles_uow(context, once=False), reader.user_id)
        buttons = [
            ButtonElement(text="Edit growth profile", action_id=ids.EDIT),
            ButtonElement(text="Find a mentor", action_id=ids.FIND_MENTOR),
        ]
        blocks: list = [section(f"*Growth profile*\n{profile_line(profile)}")]
        for m in mentorships:
            shown = mentorship_blocks(m, reader.user_id)
            if len(blocks) + len(shown) > budget - 1:
                break
            blocks += shown
        blocks.append(DividerBlock())
        return Part(buttons, blocks)
