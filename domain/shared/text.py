"""Numbers and dates as people write them."""

import re
from datetime import date

MENTION = re.compile(r"<@([A-Z0-9]{1,32})(?:\|[^>]*)?>")  # how the chat platform writes a mention
CONTROL = re.compile(r"<([^<>|]*)(?:\|([^<>]*))?>")  # <#C1|general>, <!channel>, <https://…|label>
ENTITIES = (("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&"))


def number_text(value: float | None) -> str:
    """A number as a person typed it: 45, 2.5, 1234567 (no exponent, no trailing zeros)."""
    if value is None:
        return "?"
    return f"{value:.15g}" if abs(value) < 1e15 else f"{value:.0f}"


def human_date(day: date) -> str:
    """A date as people write it, for example “7 Mar 2027”."""
    return f"{day.day} {day:%b %Y}"


def mentioned(text: str) -> tuple[str, ...]:
    """The user ids mentioned in `text` (Slack sends them as <@U…|name>), each once, in order."""
    return tuple(dict.fromkeys(MENTION.findall(text)))


def as_typed(text: str) -> str:
    """Command text as the person typed it: the chat platform sends channels, @channel and links as control
    sequences and escapes &, < and >. Mentions are read (and taken out) before this."""

    def readable(match: re.Match) -> str:
        target, label = match[1], match[2]
        if target.startswith("#"):  # a channel
            return f"#{label or target[1:]}"
        if target.startswith(("!", "@")):  # @channel, @here, a user group
            return "@" + (label or target[1:].split("^")[0]).lstrip("@")
        return f"{label} ({target})" if label and label != target else target  # a link shows where it goes

    text = CONTROL.sub(readable, text)
    for entity, character in ENTITIES:
        text = text.replace(entity, character)
    return text
