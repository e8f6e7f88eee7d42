"""Where feedback meets profiles without importing them: *Add to strengths* and *Add to areas to improve* on an
answer I received. slackapp/feedback draws them; slackapp/profiles answers them with a form that takes a short phrase
of my choosing, prefilled from the answer."""

from slack_sdk.models.blocks import ActionsBlock, ButtonElement, Option, OverflowMenuElement

ADD_TO_PROFILE = "profiles_add_phrase"  # value (or the chosen option's): "strengths|…" or "areas|…"
PLACES = {"strengths": "Add to strengths", "areas": "Add to areas to improve"}
SNIPPET = 140  # of the answer, to start the phrase from: an option's value holds at most 150 characters


def _value(where: str, answer: str) -> str:
    return f"{where}|{' '.join(answer.split())[:SNIPPET]}"


def add_to_profile_buttons(answer: str) -> ActionsBlock:
    """Two buttons under an answer (a DM)."""
    return ActionsBlock(
        elements=[
            ButtonElement(text=label, action_id=ADD_TO_PROFILE, value=_value(where, answer))
            for where, label in PLACES.items()
        ]
    )


def add_to_profile_menu(answer: str) -> OverflowMenuElement:
    """The same two, as a section's overflow menu (one answer among many)."""
    options = [Option(value=_value(where, answer), label=label) for where, label in PLACES.items()]
    return OverflowMenuElement(action_id=ADD_TO_PROFILE, options=options)


def chosen_place(action: dict) -> tuple[str, str]:
    """(where, the answer's start) from a click on either; an unknown place counts as strengths."""
    value = (action.get("selected_option") or {}).get("value") or action.get("value") or ""
    where, _, snippet = value.partition("|")
    return (where if where in PLACES else "strengths"), snippet
