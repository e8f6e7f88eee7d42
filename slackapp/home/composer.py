"""App Home as a composer: each capability contributes a section with a block budget, and the page stays within
Slack's 100 blocks however much each one holds."""

from dataclasses import dataclass, field
from typing import Protocol

from slack_bolt import BoltContext
from slack_sdk.models.blocks import ActionsBlock, Block, ButtonElement, HeaderBlock
from slack_sdk.models.views import View

from domain.people.members import Member

HOME_BLOCKS = 100
TOP_BLOCKS = 2  # the header, and the row of buttons the sections contribute
ROW_BUTTONS = 25  # Slack's most elements in one actions block


@dataclass(frozen=True)
class Part:
    """What a section shows: buttons for the top row, and blocks within its budget."""

    buttons: list[ButtonElement] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)


class HomeSection(Protocol):
    budget: int  # the most blocks the section may take

    def part(self, context: BoltContext, reader: Member, budget: int) -> Part:
        """The section for `reader`, in at most `budget` blocks (which may be less than the section's own)."""
        ...


class HomeComposer:
    def __init__(self, title: str, sections: list[HomeSection]):
        self.title = title
        self.sections = sections

    def compose(self, context: BoltContext, reader: Member) -> dict:
        room = HOME_BLOCKS - TOP_BLOCKS
        buttons: list[ButtonElement] = []
        blocks: list[Block] = []
        for home_section in self.sections:
            budget = min(home_section.budget, room)
            part = home_section.part(context, reader, budget)
            buttons += part.buttons
            shown = part.blocks[:budget]  # a section that overspends is cut, never the page
            blocks += shown
            room -= len(shown)
        top = [HeaderBlock(text=self.title)] + ([ActionsBlock(elements=buttons[:ROW_BUTTONS])] if buttons else [])
        return View(type="home", blocks=[*top, *blocks]).to_dict()
