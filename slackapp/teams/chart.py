"""The team summary's chart: each person's progress against the time elapsed, as a PNG, and the same in words.

The picture is drawn in slackapp.teams.drawing, with matplotlib.
"""

from dataclasses import dataclass

from domain.goals.pace import AT_RISK_AFTER, BEHIND_AFTER

ALT_TEXT_LIMIT = 2000  # Slack's alt_text in an image block


@dataclass(frozen=True)
class Bar:
    """One person."""

    name: str  # display name (plain text, not mrkdwn)
    actual: float  # mean progress of their active visible goals, 0.0–1.0
    expected: float  # mean expected progress (share of time elapsed), 0.0–1.0


def status(bar: Bar) -> str:
    """ahead, on track, behind or at risk: the pace thresholds of a single goal, applied to the means."""
    gap = round(bar.expected - bar.actual, 9)
    if gap > AT_RISK_AFTER:
        return "at risk"
    if gap > BEHIND_AFTER:
        return "behind"
    return "ahead" if -gap > BEHIND_AFTER else "on track"


def render(bars: list[Bar], title: str) -> bytes:
    """The chart as a PNG. matplotlib is imported with the first chart, not at start-up, where it would cost every
    process (serve, worker, migrate) over half a second."""
    from slackapp.teams import drawing

    return drawing.png(bars, title)


def text_alternative(bars: list[Bar]) -> str:
    """The chart in words for a screen reader, within Slack's 2000 characters: names are shortened, then the last
    people are counted rather than described, if the whole would not fit."""
    if not bars:
        return "No one has a goal to chart yet."
    sentences: list[str] = []
    for limit in (None, 40, 20):
        sentences = [_sentence(bar, limit) for bar in bars]
        text = " ".join(sentences)
        if len(text) <= ALT_TEXT_LIMIT:
            return text
    for kept in range(len(sentences) - 1, -1, -1):
        left = len(sentences) - kept
        text = " ".join([*sentences[:kept], f"And {left} more {'person' if left == 1 else 'people'}."])
        if len(text) <= ALT_TEXT_LIMIT:
            return text
    return text[:ALT_TEXT_LIMIT]


def _sentence(bar: Bar, limit: int | None) -> str:
    name = " ".join(bar.name.split()) or "Someone"
    if limit is not None and len(name) > limit:
        name = name[: limit - 1] + "…"
    done, expected = round(share(bar.actual) * 100), round(share(bar.expected) * 100)
    return f"{name}: {done}% done, {expected}% expected ({status(bar)})."


def share(value: float) -> float:
    return min(1.0, max(0.0, value))
