"""The drawing kit the charts share: frames, text, axes and legends, all in SVG.

SVG text scales with the chart: a chart drawn 680 units wide and shown 358 px wide
would print 13-unit text at 7 px. So each chart is drawn at the widths it is shown at
(a frame), with text of FONT units, and story.css shows the frame that fits its box
without shrinking that text below 11 px (see the container query there).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from babel.numbers import format_decimal
from markupsafe import Markup

from generator.content import i18n
from generator.content.i18n import current
from generator.site import fonts
from generator.site.html import escape

FONT = 13.0  # every chart label, in viewBox units
MIN_PX = 11.0  # the smallest text a reader gets, in CSS px
# The classes story.css (and the embed page) draw in bold: text in them is measured bold.
BOLD = frozenset(
    {"se-chart__big", "se-chart__heading", "se-chart__axis-name", "se-chart__lane-name", "se-seat__letter", "se-veto"}
)


@dataclass(frozen=True)
class Frame:
    """A width a chart is drawn at; story.css shows the one that fits its box."""

    name: str  # narrow or wide: the CSS class se-chart--NAME
    width: float

    @property
    def narrow(self) -> bool:
        return self.name == "narrow"


NARROW = Frame("narrow", 340.0)  # phones: shown 288-425 px wide, so 13 units >= 11 px
WIDE = Frame("wide", 680.0)  # from 580 px of room (the container query), so 13 units >= 11 px
FRAMES = (NARROW, WIDE)
WIDE_FROM = 580  # px of room from which story.css shows the wide frame (a test checks the two agree)


def text_width(text: str, size: float = FONT, bold: bool = False) -> float:
    """How wide text is drawn in viewBox units, in the charts' own font (fonts.py), which the
    site serves: its real advance widths, whatever fonts the reader has."""
    return fonts.text_width(text, size, bold)


def bold(css: str) -> bool:
    """Whether text of these classes is drawn bold."""
    return not BOLD.isdisjoint(css.split())


def fit(text: str, room: float, size: float = FONT, bold: bool = False) -> str:
    """Text shortened with an ellipsis at a word boundary where possible, to fit `room` units."""
    if text_width(text, size, bold) <= room:
        return text
    while text and text_width(text + "…", size, bold) > room:
        text = text[:-1]
    cut = text.rsplit(" ", 1)[0] if " " in text[len(text) // 2 :] else text
    return cut.rstrip(" ,;:") + "…"


def wrap(content: str, room: float, lines: int = 2) -> list[str]:
    """Text broken at spaces into at most `lines` lines of `room` units, the last one cut to fit."""
    found: list[str] = []
    words = content.split()
    while words and len(found) < lines - 1:
        line = words.pop(0)
        while words and text_width(f"{line} {words[0]}") <= room:
            line += " " + words.pop(0)
        found.append(line)
    if words:
        found.append(fit(" ".join(words), room))
    return [fit(line, room) for line in found]


def right_to_left() -> bool:
    """Whether charts are drawn right to left now: the language being written reads so (content/i18n.py)."""
    return i18n.direction(i18n.current().tag) == "rtl"


# Languages written in the Arabic script, whose letters and marks stand taller and deeper than
# Latin ones: their lines of chart text need more room between them (the browser boxes each
# line by the font's full height, and the boxes must not overlap).
TALL_SCRIPT_LANGUAGES = frozenset({"ar", "fa", "ur", "ps", "sd", "ug", "ku", "ckb"})


def line_step() -> float:
    """The distance from one line of chart text to the next, in the language being written."""
    tall = i18n.current().locale.language in TALL_SCRIPT_LANGUAGES
    return FONT * (1.75 if tall else 1.1)


_FLIPPED = {"start": "end", "end": "start", "middle": "middle"}


def upright(x: float) -> str:
    """A text's transform in a chart drawn right to left, which svg() mirrors as a whole (time then
    runs from right to left): mirrored back about its x, the text reads as written. Nothing otherwise."""
    return f' transform="matrix(-1 0 0 1 {2 * round(x, 1):.1f} 0)"' if right_to_left() else ""


def anchored(anchor: str) -> str:
    """A text's anchor in the chart as drawn: in a mirrored chart, a label laid out to run right
    from its x runs left from it, so it is anchored at its end (the chart's own direction stays ltr,
    so that anchors mean the same in every browser and on every page)."""
    return _FLIPPED[anchor] if right_to_left() else anchor


def text(x: float, y: float, content: str, css: str = "se-chart__label", anchor: str = "middle", full: str = "") -> str:
    """A text element; `y` is its baseline. `full`, the whole text of one shortened to fit, is its
    tooltip, so that a cut label still says all it said (a side's label with whose claim it is)."""
    title = f"<title>{escape(full)}</title>" if full and full != content else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" class="{css}" text-anchor="{anchored(anchor)}"{upright(x)}>'
        f"{escape(content)}{title}</text>"
    )


def placed(
    x: float, y: float, content: str, left: float, right: float, css: str = "se-chart__label", size: float = FONT
) -> str:
    """Text centred on x, moved sideways only as far as it takes to stay between left and right."""
    half = text_width(content, size, bold(css)) / 2
    x = min(max(x, left + half), right - half)
    return text(x, y, content, css)


def svg(chart_id: str, frame: Frame, height: float, title: str, desc: str, body: str) -> Markup:
    """Wrap chart elements in an accessible <svg> that scales to its container; for a language read
    right to left, mirrored (its texts kept upright by text()), so that time runs from the right."""
    direction = ""
    if right_to_left():
        body = f'<g transform="matrix(-1 0 0 1 {frame.width:.0f} 0)">{body}</g>'
        direction = ' direction="ltr"'  # anchors as anchored() reckons them, whatever the page's direction
    return Markup(  # noqa: S704 - every text in `body` was escaped where it was made
        f'<svg class="se-chart se-chart--{frame.name}" viewBox="0 0 {frame.width:.0f} {height:.0f}"{direction} '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" preserveAspectRatio="xMidYMid meet">'
        f'<title id="{chart_id}-title">{escape(title)}</title><desc id="{chart_id}-desc">{escape(desc)}</desc>'
        f"{body}</svg>"
    )


def framed(chart_id: str, draw: Callable[[Frame, str], Markup], frames: Sequence[Frame] = FRAMES) -> Markup:
    """The chart once per frame, each with its own ids; CSS shows one."""
    return Markup("").join(draw(frame, f"{chart_id}-{frame.name}") for frame in frames)


# --- legends ------------------------------------------------------------------------


@dataclass(frozen=True)
class Key:
    """One legend entry: a sample mark drawn at (x, y) and the words after it."""

    sample: Callable[[float, float], str]
    words: str
    room: float = 18.0  # how wide the sample is


def legend(
    keys: Sequence[Key], top: float, width: float, line: float = 20.0, aligned: bool = False
) -> tuple[str, float]:
    """Keys in rows that wrap at the chart's width, or (`aligned`) in equal columns; return
    the drawing and its height."""
    if not keys:
        return "", 0.0
    needs = [key.room + 6 + text_width(key.words) for key in keys]
    column = min(max(needs) + 14, width) if aligned else 0.0
    parts, x, y = [], 0.0, top + line / 2
    for key, need in zip(keys, needs, strict=True):
        step = column or need + 14
        if x > 0 and x + min(need, width) > width:
            x, y = 0.0, y + line
        words = fit(key.words, width - x - key.room - 6)
        parts.append(
            key.sample(x + key.room / 2, y) + text(x + key.room + 4, y + FONT * 0.35, words, "se-chart__label", "start")
        )
        x += step
    return "".join(parts), y - top + line / 2


# --- axes -----------------------------------------------------------------------------

_MONTH_STEPS = (1, 2, 3, 6, 12, 24, 60, 120)


def number(value: float) -> str:
    """An axis value as readers of the language being written group its digits: 20,000, 20 000."""
    return str(format_decimal(round(value), locale=current().locale))


def month_names() -> tuple[str, ...]:
    """The months' short names in the language being written (Babel's CLDR data): Jan, janv., يناير."""
    names = current().locale.months["stand-alone"]["abbreviated"]
    return tuple(str(names[month]) for month in range(1, 13))


def month_label(year: int, month: int, yearly: bool) -> str:
    """A tick's label: the year in January (or on a yearly axis), else the month."""
    return str(year) if month == 1 or yearly else month_names()[month - 1]


def months_from(start: dt.date, end: dt.date) -> list[tuple[int, int]]:
    """Every (year, month) from start's month to end's, inclusive."""
    found, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        found.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def month_step(months: int, room: float) -> int:
    """Months between labelled ticks, so that labels ('2012', 'Sep') never touch."""
    per_month = room / max(months, 1)
    need = max(text_width(label) for label in ("2012", *month_names())) + 12
    return next((s for s in _MONTH_STEPS if per_month * s >= need), _MONTH_STEPS[-1])


@dataclass(frozen=True)
class TimeScale:
    start: dt.date
    end: dt.date
    left: float
    right: float

    def x(self, day: dt.date) -> float:
        span = max((self.end - self.start).days, 1)
        return self.left + (self.right - self.left) * (day - self.start).days / span

    def ticks(self, y: float, height: float, width: float) -> str:
        """Gridlines with month or year labels below, as many as fit the width."""
        months = months_from(self.start, self.end)
        step = month_step(len(months), self.right - self.left)
        parts = []
        for year, month in months:
            x = self.x(dt.date(year, month, 1))
            if (year * 12 + month - 1) % step or not self.left <= x <= self.right:
                continue
            label = month_label(year, month, step >= 12)
            parts.append(
                f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y:.1f}" y2="{y + height:.1f}" class="se-chart__grid"/>'
                + placed(x, y + height + FONT + 3, label, 0, width)
            )
        return "".join(parts)


def time_scale(days: Sequence[dt.date], left: float, right: float) -> TimeScale:
    """A scale from the first of the earliest day's month to the latest day."""
    start, end = min(days), max(days)
    return TimeScale(dt.date(start.year, start.month, 1), end, left, right)


@dataclass(frozen=True)
class ValueScale:
    """A vertical scale from zero to a round number above the highest value."""

    top: float
    height: float
    ceiling: float
    step: float

    def y(self, value: float) -> float:
        return self.top + self.height - self.height * value / self.ceiling

    def ticks(self) -> list[float]:
        return [self.step * i for i in range(round(self.ceiling / self.step) + 1)]

    def grid(self, left: float, right: float) -> str:
        """Gridlines with their numbers to the left of `left`."""
        return "".join(
            f'<line x1="{left:.1f}" x2="{right:.1f}" y1="{self.y(v):.1f}" y2="{self.y(v):.1f}" '
            f'class="se-chart__grid"/>' + text(left - 6, self.y(v) + FONT * 0.35, number(v), "se-chart__label", "end")
            for v in self.ticks()
        )

    def label_room(self) -> float:
        """How wide the widest number on the axis is."""
        return max(text_width(number(v)) for v in self.ticks())


def value_scale(highest: float, top: float, height: float) -> ValueScale:
    step = nice_step(max(highest, 1))
    return ValueScale(top, height, step * max(math.ceil(highest / step), 1), step)


def nice_step(highest: float) -> float:
    """A round step (1, 2 or 5 times a power of ten) that splits 0..highest into at most five."""
    magnitude = 10 ** math.floor(math.log10(highest))
    for factor in (1, 2, 5, 10):
        if highest / (factor * magnitude) <= 5:
            return float(max(factor * magnitude, 1))
    return float(10 * magnitude)
