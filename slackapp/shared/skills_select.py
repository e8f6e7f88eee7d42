"""Where goals and profiles meet without importing each other: a type-ahead select of the workspace's skill
catalogue. Any form may hold one (slackapp/goals draws it in the goal form); slackapp/profiles answers its options,
offering the typed name as a new skill when the catalogue has no such skill yet."""

from slack_sdk.models.blocks import ExternalDataMultiSelectElement, InputBlock, Option

from domain.shared.skills import MOST_SKILLS

CHOOSE_SKILLS = "skills_choose"  # the action id of every skills select; the block id names the form field


def skill_option(name: str) -> Option:
    """A skill as an option: its value is its name, read back as the name on submission."""
    return Option(value=name[:150], label=name[:75])


def new_skill_option(name: str) -> Option:
    """What is typed, offered as a skill the catalogue doesn't have yet; it joins the catalogue when saved."""
    return Option(value=name[:150], label=f"{name} (new skill)"[:75])


def skills_input(field: str, label: str, *, initial: list[str] = (), hint: str | None = None) -> InputBlock:
    """An optional multi-select of skills, at most MOST_SKILLS, with those named `initial` chosen."""
    element = ExternalDataMultiSelectElement(
        action_id=CHOOSE_SKILLS,
        placeholder="Type to find or add a skill",
        min_query_length=0,
        max_selected_items=MOST_SKILLS,
        initial_options=[skill_option(name) for name in initial] or None,
    )
    return InputBlock(block_id=field, label=label, element=element, hint=hint, optional=True)
