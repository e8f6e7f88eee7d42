"""Input blocks for modals, and reading a submitted modal's state back into plain values.

Every input's action_id is VALUE, and its block_id is the name of the form field it fills.
"""

import json
from dataclasses import fields

from slack_sdk.models.blocks import (
    CheckboxesElement,
    DatePickerElement,
    InputBlock,
    NumberInputElement,
    Option,
    PlainTextInputElement,
    RadioButtonsElement,
    StaticSelectElement,
)
from slack_sdk.models.views import View

VALUE = "value"


def option(value: str, label: str, description: str | None = None) -> Option:
    return Option(value=value, label=label[:75], description=description)


def text_input(field, label, *, limit, placeholder=None, hint=None, multiline=False, optional=False, initial=None):
    element = PlainTextInputElement(
        action_id=VALUE, max_length=limit, placeholder=placeholder, multiline=multiline, initial_value=initial or None
    )
    return InputBlock(block_id=field, label=label, element=element, hint=hint, optional=optional)


def date_input(field, label, *, hint=None, initial=None, optional=False):
    element = DatePickerElement(action_id=VALUE, initial_date=initial)
    return InputBlock(block_id=field, label=label, element=element, hint=hint, optional=optional)


def number_input(field, label, *, hint=None, optional=False, initial=None):
    element = NumberInputElement(action_id=VALUE, is_decimal_allowed=True, initial_value=initial)
    return InputBlock(block_id=field, label=label, element=element, hint=hint, optional=optional)


def select_input(field, label, options, *, optional=False, initial=None, hint=None, placeholder=None):
    element = StaticSelectElement(action_id=VALUE, options=options, initial_option=initial, placeholder=placeholder)
    return InputBlock(block_id=field, label=label, element=element, hint=hint, optional=optional)


def radio_input(field, label, options, *, hint=None, initial=None):
    element = RadioButtonsElement(action_id=VALUE, options=options, initial_option=initial)
    return InputBlock(block_id=field, label=label, element=element, hint=hint)


def checkboxes_input(field, label, options):
    return InputBlock(
        block_id=field, label=label, element=CheckboxesElement(action_id=VALUE, options=options), optional=True
    )


def read_state(values: dict) -> dict:
    """Each block's value: text, a date, a chosen option's value, user or conversation, or a list of checked values,
    users or uploaded files."""
    read = {}
    for field, actions in values.items():
        state = next(iter(actions.values()), {})  # one element a block
        if "selected_options" in state:
            read[field] = [chosen["value"] for chosen in state["selected_options"] or []]
        elif "selected_users" in state:
            read[field] = list(state["selected_users"] or [])
        elif "selected_user" in state:
            read[field] = state["selected_user"]
        elif "files" in state:
            read[field] = list(state["files"] or [])
        elif "selected_conversation" in state:
            read[field] = state["selected_conversation"]
        else:
            chosen = state.get("selected_option") or {}
            read[field] = (
                state.get("value") or state.get("selected_date") or state.get("selected_time") or chosen.get("value")
            )
    return read


def form_from_state(values: dict, form_class, **extra):
    """The dataclass `form_class`, filled from the fields of a submitted modal that it names."""
    state = read_state(values)
    names = {f.name for f in fields(form_class)}
    return form_class(**{name: state[name] for name in names if name in state}, **extra)


def form_modal(callback_id: str, title: str, submit: str | None, blocks: list, **metadata) -> dict:
    """A modal with its callback id; `metadata` travels with it in private_metadata, for the submission."""
    return View(
        type="modal",
        callback_id=callback_id,
        title=title[:24],
        submit=submit,
        close="Cancel" if submit else "Close",
        blocks=blocks,
        private_metadata=json.dumps(metadata) if metadata else None,
    ).to_dict()


def metadata(view: dict) -> dict:
    """What `form_modal` sent with the view."""
    return json.loads(view.get("private_metadata") or "{}")
