"""What kudos say in Slack: the public post, each recipient's DM, the giver's confirmation, the list."""

from datetime import datetime

from slack_sdk.models.blocks import ButtonElement

from domain.kudos.records import Celebrated, Kudos, NewKudos
from domain.kudos.rules import UNDO_MINUTES, Value, may_undo
from domain.kudos.services import READ_DAYS, Allowance, Given, Recognition
from domain.shared.text import human_date
from slackapp.kudos import ids
from slackapp.shared.blocks import escape, note, section
from slackapp.shared.replies import reply

SHOWN = 15  # kudos of each list in one reply


def people(user_ids: tuple[str, ...]) -> str:
    """`<@A>`, `<@A> and <@B>`, `<@A>, <@B> and <@C>`."""
    names = [f"<@{user_id}>" for user_id in user_ids]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def values_text(values: list[Value]) -> str:
    return ", ".join(escape(value.label) for value in values) or "none yet"


def value_text(kudos: NewKudos) -> str:
    return f" {escape(kudos.value.label)}" if kudos.value else ""


def celebrates_text(goal: Celebrated | None) -> str:
    if goal is None:
        return ""
    what = f"the milestone “{escape(goal.milestone)}” of" if goal.milestone else "completing"
    return f"Celebrating {what} <@{goal.owner_id}>'s goal *#{goal.goal_number} · {escape(goal.title)}*."


def quoted(reason: str) -> str:
    return "\n".join(f"> {line}" for line in escape(reason).splitlines() or [""])


def kudos_blocks(kudos: NewKudos, headline: str) -> list:
    """A headline, the reason quoted (user text, escaped), and what it celebrates and comes from."""
    blocks = [section(f"{headline}{value_text(kudos)}"), section(quoted(kudos.reason))]
    small = [celebrates_text(kudos.celebrates)] + ([f"<{kudos.link}|The message it is for>"] if kudos.link else [])
    if any(small):
        blocks.append(note(" ".join(line for line in small if line)))
    return blocks


def public_post(kudos: NewKudos) -> dict:
    headline = f"🙌 <@{kudos.giver_id}> gave kudos to {people(kudos.recipients)}"
    return {"text": headline, "blocks": [b.to_dict() for b in kudos_blocks(kudos, headline)]}


def recipient_dm(kudos: Kudos, recipient: str) -> dict:
    where = f"Posted in <#{kudos.channel}>." if kudos.public else "It's private: only the people it's for see it."
    others = tuple(user_id for user_id in kudos.recipients if user_id != recipient)
    headline = f"🙌 <@{kudos.giver_id}> gave you kudos" + (f", with {people(others)}" if others else "")
    blocks = kudos_blocks(kudos, headline) + [note(where)]
    return {"text": headline, "blocks": [b.to_dict() for b in blocks]}


def undo_button(kudos: Kudos) -> ButtonElement:
    return ButtonElement(text="Undo", action_id=ids.UNDO, value=str(kudos.id))


def given_text(given: Given) -> str:
    kudos = given.kudos
    where = "sent privately"
    if kudos.public:
        where = (
            f"posted in <#{kudos.channel}>"
            if kudos.post
            else f"sent (Slack didn't confirm the post in <#{kudos.channel}>)"
        )
    return (
        f"Kudos to {people(kudos.recipients)}, {where}. You have {given.allowance.text()}.\n"
        f"You can take it back within {UNDO_MINUTES} minutes."
    )


def given_blocks(given: Given) -> list:
    return [section(given_text(given), undo_button(given.kudos))]


def allowance_line(allowance: Allowance) -> str:
    return f"You have {allowance.text()}."


def _line(kudos: Kudos, other: str, zone) -> str:
    day = human_date(kudos.given_at.astimezone(zone).date())
    private = " (private)" if not kudos.public else ""
    reason = " ".join(kudos.reason.split())  # one line
    reason = escape(reason if len(reason) <= 150 else reason[:149] + "…")
    return f"{other}{value_text(kudos)} · {day}{private}\n> {reason}"


def received_line(kudos: Kudos, zone) -> str:
    return _line(kudos, f"From <@{kudos.giver_id}>", zone)


def recognition_blocks(view: Recognition, zone, now: datetime) -> list:
    """`/kudos list`: what I received and gave lately; an Undo on what I may still take back."""
    blocks = [section(f"*Kudos received in the last {READ_DAYS} days: {len(view.received)}*")]
    blocks += [section(received_line(k, zone)) for k in view.received[:SHOWN]]
    if not view.received:
        blocks.append(note("None yet."))
    blocks.append(section(f"*Kudos given in the last {READ_DAYS} days: {len(view.given)}*"))
    for kudos in view.given[:SHOWN]:
        undo = undo_button(kudos) if may_undo(kudos.given_at, now) else None
        blocks.append(section(_line(kudos, f"To {people(kudos.recipients)}", zone), undo))
    if len(view.received) > SHOWN or len(view.given) > SHOWN:
        blocks.append(note(f"Showing the latest {SHOWN} of each."))
    blocks.append(note(allowance_line(view.allowance) + " Counts are yours alone: there is no leaderboard."))
    return blocks


def recognition_reply(view: Recognition, zone, now: datetime) -> dict:
    return reply("Your kudos", recognition_blocks(view, zone, now))


def taken_back_text(kudos: Kudos) -> str:
    count, to = len(kudos.recipients), people(kudos.recipients)
    return f"Taken back: the kudos to {to} is gone, and {count} kudos are back in its week's allowance."
