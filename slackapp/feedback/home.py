"""Feedback's section of App Home: requests waiting for my answer, with Answer buttons, and my open requests."""

from slack_bolt import BoltContext
from slack_sdk.models.blocks import ButtonElement, DividerBlock

from domain.feedback.reading import at_hand
from domain.people.members import Member
from domain.shared.text import human_date
from slackapp.feedback import ids
from slackapp.feedback.listeners import feedback_uow
from slackapp.feedback.messages import about_text, answer_button, waiting_line
from slackapp.home.composer import Part
from slackapp.shared.blocks import note, section
from slackapp.shared.context import now

BUDGET = 14
SHOWN = 5  # of each list


class FeedbackSection:
    budget = BUDGET

    def part(self, context: BoltContext, reader: Member, budget: int) -> Part:
        ask = ButtonElement(text="Ask for feedback", action_id=ids.ASK_OPEN)
        moment = now(context)
        view = at_hand(feedback_uow(context), reader.user_id, moment)
        mine = [(r, t) for r, t in view.mine if r.is_open(moment)]
        if not view.waiting and not mine:
            return Part([ask])
        blocks = [section("*Feedback*")]
        for request in view.waiting[:SHOWN]:
            blocks.append(section(waiting_line(request, view.name(request.requester_id)), answer_button(request.id)))
        for request, tally in mine[:SHOWN]:
            show = ButtonElement(text="Show", action_id=ids.SHOW, value=str(request.number))
            due = human_date(request.deadline)
            line = f"Your request #{request.number}{about_text(request)}: {tally.text()}, due {due}"
            blocks.append(section(line, show))
        if len(view.waiting) > SHOWN or len(mine) > SHOWN:
            blocks.append(note("`/feedback list` shows them all."))
        blocks.append(DividerBlock())
        return Part([ask], blocks)
