"""Drawing the team chart with matplotlib's object API on the Agg canvas: no pyplot, no global figure state, so it
is safe in any thread. Imported on the first chart only (see slackapp.teams.chart.render)."""

import io
import threading

from matplotlib import font_manager, ft2font
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import PercentFormatter

from slackapp.teams.chart import Bar, share, status

NAME_LIMIT = 28  # characters of a name on the chart; the words keep the whole name
TITLE_LIMIT = 80
DPI = 120
WIDTH = 8.0  # inches
ROW = 0.34  # inches a person
TOP = 0.75  # inches above the bars, for the legend and, under it, the title
BOTTOM = 0.4  # inches below, for the axis
RIGHT = 0.2
NAME_SIZE = 9  # points

# Okabe–Ito colours, told apart with any colour vision; the words say the same without colour.
COLOURS = {"ahead": "#0072B2", "on track": "#009E73", "behind": "#E69F00", "at risk": "#D55E00"}
EXPECTED = "#222222"

_FONT = font_manager.findfont(FontProperties(family="DejaVu Sans"))
_GLYPHS = frozenset(ft2font.FT2Font(_FONT).get_charmap())  # characters the chart's font can draw
# matplotlib's font caches are shared between figures; renders are CPU-bound, so one at a time costs nothing.
_DRAWING = threading.Lock()


def png(bars: list[Bar], title: str) -> bytes:
    """A PNG: a horizontal bar of progress for each person, first at the top, with a tick where they would be
    if progress kept pace with time. The image grows taller with each person, so fifty stay readable."""
    height = TOP + BOTTOM + ROW * max(len(bars), 2)
    figure = Figure(figsize=(WIDTH, height), dpi=DPI)
    canvas = FigureCanvasAgg(figure)
    names = [_drawable(bar.name, NAME_LIMIT) for bar in bars]
    with _DRAWING:
        left = _widest(canvas, names) / DPI + 0.2  # inches for the names, measured, and the ticks beside them
        axes = figure.add_axes((left / WIDTH, BOTTOM / height, 1 - (left + RIGHT) / WIDTH, 1 - (TOP + BOTTOM) / height))
        _draw(axes, bars, names)
        top_row = 1 - 0.4 / height  # the legend's row is above it
        figure.text(0.1 / WIDTH, top_row, _drawable(title, TITLE_LIMIT), va="top", fontsize=12, parse_math=False)
        if bars:
            handles = _legend({status(bar) for bar in bars})
            figure.legend(handles=handles, loc="upper right", ncols=len(handles), frameon=False, fontsize=8)
        buffer = io.BytesIO()
        canvas.print_png(buffer)
    figure.clear()  # no pyplot, so nothing else holds it: the figure goes when this returns
    return buffer.getvalue()


def _draw(axes, bars: list[Bar], names: list[str]) -> None:
    rows = range(len(bars))
    actual = [share(bar.actual) for bar in bars]
    axes.barh(rows, actual, height=0.6, color=[COLOURS[status(bar)] for bar in bars])
    axes.scatter([share(bar.expected) for bar in bars], rows, marker="|", s=260, linewidths=2.5, color=EXPECTED)
    for row, done in zip(rows, actual, strict=True):
        axes.text(done + 0.01, row, f"{round(done * 100)}%", va="center", fontsize=8, parse_math=False)
    axes.set_yticks(list(rows), labels=names, fontsize=NAME_SIZE, parse_math=False)
    axes.set_ylim(max(len(bars), 2) - 0.5, -0.5)  # first person at the top; bars as thick for one person as for fifty
    axes.set_xlim(0, 1.08)  # room for a 100% label
    axes.set_xticks([0, 0.25, 0.5, 0.75, 1.0])
    axes.xaxis.set_major_formatter(PercentFormatter(xmax=1.0))
    axes.grid(axis="x", color="#dddddd", linewidth=0.8)
    axes.set_axisbelow(True)
    axes.spines[["top", "right"]].set_visible(False)


def _widest(canvas: FigureCanvasAgg, names: list[str]) -> float:
    """Pixels the longest name takes, measured as it will be drawn."""
    renderer, font = canvas.get_renderer(), FontProperties(family="DejaVu Sans", size=NAME_SIZE)
    return max((renderer.get_text_width_height_descent(name, font, ismath=False)[0] for name in names), default=0.0)


def _legend(shown: set[str]) -> list:
    """A swatch for each status on the chart, in the order of COLOURS, then the tick for expected progress."""
    swatches = [Patch(color=colour, label=name) for name, colour in COLOURS.items() if name in shown]
    tick = Line2D([], [], marker="|", markersize=12, mew=2.5, ls="none", color=EXPECTED, label="expected by now")
    return [*swatches, tick]


def _drawable(text: str, limit: int) -> str:
    """One line the font can draw: characters it has no glyph for (emoji, most scripts but Latin, Greek and Cyrillic)
    are left out rather than drawn as boxes with a warning each; then cut to `limit`."""
    text = "".join(c for c in " ".join(text.split()) if ord(c) in _GLYPHS).strip() or "?"
    return text if len(text) <= limit else text[: limit - 1] + "…"
