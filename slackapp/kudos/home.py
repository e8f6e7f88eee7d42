"""Kudos's section of App Home: *Give kudos*, my allowance this week, and the latest kudos I received."""

from slack_bolt import BoltContext
from slack_sdk.models.blocks import ButtonElement, DividerBlock

from domain.kudos.services import recognition
from domain.people.members import Member
from slackapp.home.composer import Part
from slackapp.kudos import ids
from slackapp.kudos.listeners import kudos_uow
from slackapp.kudos.messages import allowance_line, received_line
from slackapp.shared.blocks import note, section
from slackapp.shared.context import services

SHOWN = 3


class RecognitionSection:
    budget = SHOWN + 4

    def part(self, context: BoltContext, reader: Member, budget: int) -> Part:
        give = ButtonElement(text="Give kudos", action_id=ids.GIVE_OPEN)
        view = recognition(kudos_uow(context), services(context).clock, reader, given=False)
        blocks = [section("*Recognition*")]
        blocks += [section(received_line(kudos, reader.zone)) for kudos in view.received[:SHOWN]]
        if not view.received:
            blocks.append(note("None received yet."))
        more = " `/kudos list` shows them all." if len(view.received) > SHOWN else ""
        blocks += [note(allowance_line(view.allowance) + more), DividerBlock()]
        return Part([give], blocks)
