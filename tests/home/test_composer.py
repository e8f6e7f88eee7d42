"""App Home is composed of sections, each within its block budget, and the page within Slack's 100 blocks."""

from datetime import UTC, datetime

from slack_sdk.models.blocks import ButtonElement

from domain.people.members import Member
from slackapp.home.composer import HOME_BLOCKS, HomeComposer, Part
from slackapp.shared.blocks import section

READER = Member("U1", "Asha", "UTC", datetime(2026, 11, 21, tzinfo=UTC))


class Section:
    def __init__(self, name: str, budget: int, holds: int, honest: bool = True):
        self.name, self.budget, self.holds, self.honest = name, budget, holds, honest
        self.given: int | None = None

    def part(self, context, reader, budget):
        self.given = budget
        shown = min(self.holds, budget) if self.honest else self.holds
        button = ButtonElement(text=self.name, action_id=f"{self.name}_open")
        return Part([button], [section(f"{self.name} {n}") for n in range(shown)])


def texts(view: dict) -> list[str]:
    return [b["text"]["text"] for b in view["blocks"] if b["type"] == "section"]


def test_each_section_gets_its_budget_and_the_page_stays_within_100_blocks():
    first, second, third = Section("goals", 60, 500), Section("kudos", 30, 500), Section("mentors", 30, 500)

    view = HomeComposer("Your growth", [first, second, third]).compose(None, READER)

    assert len(view["blocks"]) == HOME_BLOCKS
    assert (first.given, second.given, third.given) == (60, 30, 8)  # the last gets what is left of 98
    assert [e["action_id"] for e in view["blocks"][1]["elements"]] == ["goals_open", "kudos_open", "mentors_open"]
    assert texts(view)[59] == "goals 59" and texts(view)[60] == "kudos 0"


def test_a_section_that_overspends_is_cut_to_its_budget_and_others_keep_theirs():
    greedy, modest = Section("greedy", 10, 500, honest=False), Section("modest", 5, 3)

    view = HomeComposer("Your growth", [greedy, modest]).compose(None, READER)

    assert [t for t in texts(view) if t.startswith("greedy")] == [f"greedy {n}" for n in range(10)]
    assert [t for t in texts(view) if t.startswith("modest")] == ["modest 0", "modest 1", "modest 2"]
    assert len(view["blocks"]) == 2 + 10 + 3
