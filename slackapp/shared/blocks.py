"""Small text helpers for mrkdwn."""

from datetime import datetime
from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import ContextBlock, MarkdownTextObject, SectionBlock

from domain.shared.text import human_date


def escape(text: str) -> str:
    """Neutralise Slack's control sequences, so `<!channel>` or `<@U123>` in user text stays inert."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def progress_bar(share: float, width: int = 10) -> str:
    """A text bar such as `▰▰▰▱▱▱▱▱▱▱ 30%`."""
    share = min(1.0, max(0.0, share))
    filled = round(share * width)
    return f"{'▰' * filled}{'▱' * (width - filled)} {round(share * 100)}%"


def stars(score: int, out_of: int = 5) -> str:
    return "★" * score + "☆" * (out_of - score)


def pack(paragraphs: list[str], limit: int = 2900, sep: str = "\n\n") -> list[str]:
    """Join paragraphs (or lines) into as few texts as fit Slack's 3000 characters a text block."""
    packed: list[str] = []
    for paragraph in paragraphs:
        paragraph = paragraph[:limit]
        if packed and len(packed[-1]) + len(sep) + len(paragraph) <= limit:
            packed[-1] += sep + paragraph
        else:
            packed.append(paragraph)
    return packed


def local_date(instant: datetime, zone: ZoneInfo) -> str:
    """The calendar date of `instant` where the reader is."""
    return human_date(instant.astimezone(zone).date())


def section(text: str, accessory=None) -> SectionBlock:
    """A mrkdwn section, cut to Slack's 3000 characters."""
    return SectionBlock(text=MarkdownTextObject(text=text[:3000]), accessory=accessory)


def note(text: str) -> ContextBlock:
    """A line of small print."""
    return ContextBlock(elements=[MarkdownTextObject(text=text)])
