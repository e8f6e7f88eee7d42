"""Numbers and dates as people write them."""

import re
from datetime import date

MENTION = re.compile(r"<@([A-Z0-9]{1,32})(?:\|[^>]*)?>")  # how the chat platform writes a mention


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
