"""Charts drawn at build time as inline SVG: no JavaScript, no third-party service.

Each chart has a <title> and <desc> for screen readers, marks that differ in shape
or letter as well as colour, and colours from CSS classes so that the light and
dark schemes both work. Every chart sits next to a table with the same data.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from generator.content.dates import FuzzyDate
from generator.content.models import Actor, Qualifier, Side
from generator.content.voting import Choice, Count
from generator.facts.derive import DefectionRow, Edge, FigureView, MissionView, Rank, Standing

LETTER = {Choice.YES: "Y", Choice.NO: "N", Choice.ABSTAIN: "A", Choice.ABSENT: "–", Choice.UNKNOWN: "?"}
PALETTE = 8  # claimant colours, se-series-0 .. se-series-7 in story.css


def _svg(chart_id: str, width: float, height: float, title: str, desc: str, body: str,
         css_class: str = "") -> Markup:
    """Wrap chart elements in an accessible <svg> that scales to its container."""
    return Markup(  # noqa: S704 - every text in `body` was escaped where it was made
        f'<svg class="se-chart {css_class}" viewBox="0 0 {width:.0f} {height:.0f}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" preserveAspectRatio="xMidYMid meet">'
        f'<title id="{chart_id}-title">{escape(title)}</title><desc id="{chart_id}-desc">{escape(desc)}</desc>'
        f"{body}</svg>")


def _text(x: float, y: float, text: str, css: str = "se-chart__label", anchor: str = "middle") -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" class="{css}" text-anchor="{anchor}">{escape(text)}</text>'


# --- votes --------------------------------------------------------------------------

def vote_summary(count: Count, name: Callable[[str], str]) -> str:
    """One sentence with the tally, the vetoes and the outcome."""
    parts = [f"{count.yes} yes", f"{count.no} no", f"{count.abstain} abstaining"]
    if count.absent:
        parts.append(f"{count.absent} absent")
    if count.unknown:
        parts.append(f"{count.unknown} unknown")
    text = ", ".join(parts)
    if count.vetoes:
        text += "; vetoed by " + " and ".join(name(m) for m in count.vetoes)
    outcome = count.outcome.value if count.outcome else "undetermined"
    return f"{text}. Outcome: {outcome}."


def vote_chart(chart_id: str, count: Count, name: Callable[[str], str], small: bool = False) -> Markup:
    """The seats in a half circle: letter and colour by vote, a double ring for permanent seats."""
    seats = count.seats
    radius, seat = (95.0, 11.0) if small else (150.0, 15.0)
    width = 2 * radius + 4 * seat if small else 470.0  # room for the legend
    cx, cy = width / 2, radius + 2 * seat
    body = []
    for i, s in enumerate(seats):
        angle = math.pi - (math.pi * i / max(len(seats) - 1, 1))
        x, y = cx + radius * math.cos(angle), cy - radius * math.sin(angle)
        veto = s.member in count.vetoes
        label = f"{name(s.member)}: {s.choice.value}{' (veto)' if veto else ''}"
        label += " (permanent member)" if s.permanent else ""
        label += " (inferred)" if s.inferred else ""
        ring = (f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{seat + 4:.1f}" class="se-seat__ring"/>'
                if s.permanent else "")
        body.append(f'<g class="se-seat se-seat--{s.choice.value}{" se-seat--veto" if veto else ""}">'
                    f"<title>{escape(label)}</title>{ring}"
                    f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{seat:.1f}"/>'
                    f'{_text(x, y + seat * 0.38, LETTER[s.choice], "se-seat__letter")}</g>')
    tally = f"{count.yes}–{count.no}–{count.abstain}"
    body.append(_text(cx, cy - 18, tally, "se-chart__big"))
    outcome = count.outcome.value if count.outcome else "undetermined"
    body.append(_text(cx, cy + 4, outcome, "se-chart__label"))
    height = cy + 2 * seat
    if not small:
        body.append(_vote_legend(cy + 2.5 * seat, width))
        height += 40
    title = "Each member's vote" if not small else "Seats"
    desc = (f"{len(seats)} seats in a half circle, permanent members first with a double ring. "
            + vote_summary(count, name))
    return _svg(chart_id, width, height, title, desc, "".join(body), "se-chart--vote")


def _vote_legend(y: float, width: float) -> str:
    items = [(Choice.YES, "yes"), (Choice.NO, "no"), (Choice.ABSTAIN, "abstain"), (Choice.ABSENT, "absent"),
             (Choice.UNKNOWN, "unknown")]
    step = width / (len(items) + 1)
    parts = []
    for i, (choice, word) in enumerate(items):
        x = step * i + 14
        parts.append(f'<g class="se-seat se-seat--{choice.value}"><circle cx="{x:.1f}" cy="{y:.1f}" r="8"/>'
                     f'{_text(x, y + 3, LETTER[choice], "se-seat__letter se-seat__letter--small")}</g>'
                     f'{_text(x + 12, y + 4, word, "se-chart__small", "start")}')
    x = step * len(items) + 14
    parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="10" class="se-seat__ring"/>'
                 f'{_text(x + 14, y + 4, "permanent", "se-chart__small", "start")}')
    return "".join(parts)


# --- time axes --------------------------------------------------------------------------

@dataclass(frozen=True)
class TimeScale:
    start: dt.date
    end: dt.date
    left: float
    right: float

    def x(self, day: dt.date) -> float:
        span = max((self.end - self.start).days, 1)
        return self.left + (self.right - self.left) * (day - self.start).days / span

    def ticks(self, y: float, height: float) -> str:
        """Month or year ticks, with labels, that fit the width."""
        months = (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1
        step = 1 if months <= 8 else 3 if months <= 24 else 6 if months <= 48 else 12
        parts = []
        year, month = self.start.year, self.start.month
        while (year, month) <= (self.end.year, self.end.month):
            if (month - 1) % step == 0:
                x = self.x(dt.date(year, month, 1))
                if self.left <= x <= self.right:
                    label = str(year) if month == 1 or step == 12 else dt.date(year, month, 1).strftime("%b")
                    parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y:.1f}" y2="{y + height:.1f}" '
                                 f'class="se-chart__grid"/>{_text(x, y + height + 14, label, "se-chart__small")}')
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return "".join(parts)


def _scale(dates: Sequence[FuzzyDate], left: float, right: float) -> TimeScale:
    start = min(d.earliest for d in dates)
    end = max(d.latest for d in dates)
    return TimeScale(dt.date(start.year, start.month, 1), end, left, right)


# --- defections ---------------------------------------------------------------------------

def defections_chart(rows: Sequence[DefectionRow], name: Callable[[str], str]) -> Markup:
    """A dated strip, one lane per seniority ladder; bigger marks are more senior, filled marks set records."""
    if not rows:
        return Markup("")
    lanes = list(dict.fromkeys(rank.track.label for row in rows for rank in row.ranks)) + ["not ranked"]
    width, left, lane_height, top = 680.0, 130.0, 44.0, 16.0
    scale = _scale([r.defection.date for r in rows], left, width - 20)
    height = top + lane_height * len(lanes)
    body = [scale.ticks(top - 8, height - top + 8)]
    for i, lane in enumerate(lanes):
        y = top + lane_height * (i + 0.5)
        body.append(f'<line x1="{left}" x2="{width - 20}" y1="{y:.1f}" y2="{y:.1f}" class="se-chart__lane"/>')
        body.append(_text(left - 8, y + 4, lane, "se-chart__label", "end"))
    for row in rows:
        d = row.defection
        who = d.name or name(d.actor or "")
        x = scale.x(d.date.settled)  # where the page lists and counts it (see FuzzyDate.sort_key)
        ranks: tuple[Rank | None, ...] = row.ranks or (None,)
        for rank in ranks:
            row_index = lanes.index(rank.track.label) if rank else len(lanes) - 1
            grade = rank.level if rank else 0
            record = rank is not None and rank.standing is Standing.RECORD
            size = 4 + 2.5 * grade
            label = f"{who}, {d.date.display()}" + (f": {rank.grade_label} ({rank.track.label})" if rank else "")
            label += ", highest so far" if record else ""
            body.append(f'<circle cx="{x:.1f}" cy="{top + lane_height * (row_index + 0.5):.1f}" r="{size:.1f}" '
                        f'class="se-mark{" se-mark--record" if record else ""}"><title>{escape(label)}</title>'
                        "</circle>")
    height += 26
    records = sum(1 for r in rows for k in r.ranks if k.standing is Standing.RECORD)
    desc = (f"{len(rows)} defections from {rows[0].defection.date.display()} to {rows[-1].defection.date.display()}, "
            f"one lane per ladder ({', '.join(lanes[:-1])}). Larger marks are more senior; the {records} filled "
            "marks were the most senior on their ladder so far.")
    return _svg("defections-chart", width, height, "Defections over time, by seniority", desc, "".join(body))


# --- figures --------------------------------------------------------------------------------

def figures_chart(chart_id: str, label: str, claims: Sequence[FigureView], name: Callable[[str], str]) -> Markup:
    """Each claim as a mark: ▲ for 'more than' or 'at least', ▼ for 'fewer than', a bar for a range."""
    if len(claims) < 2:
        return Markup("")
    width, left, top, plot = 680.0, 70.0, 14.0, 220.0
    scale = _scale([c.figure.as_of for c in claims], left, width - 170)
    highest = max(_top(c) for c in claims) or 1
    step = _nice_step(highest)
    ceiling = step * math.ceil(highest / step)

    def y(value: float) -> float:
        return top + plot - plot * value / ceiling

    body = [scale.ticks(top, plot)]
    for tick in range(0, int(ceiling) + 1, int(step)):
        body.append(f'<line x1="{left}" x2="{width - 170}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
                    f'class="se-chart__grid"/>{_text(left - 6, y(tick) + 4, f"{tick:,}", "se-chart__small", "end")}')
    claimants = list(dict.fromkeys(c.figure.claimed_by for c in claims))
    for c in claims:
        series = claimants.index(c.figure.claimed_by) % PALETTE
        body.append(_claim_mark(scale.x(c.figure.as_of.earliest), y, c, series, name))
    for i, claimant in enumerate(claimants):
        ly = top + 14 + 18 * i
        swatch = f'<rect x="{width - 160}" y="{ly - 9:.1f}" width="10" height="10" class="se-series-{i % PALETTE}"/>'
        body.append(swatch + _text(width - 145, ly, name(claimant)[:26], "se-chart__small", "start"))
    body.append(_text(left, top + plot + 34, "▲ more than / at least   ▼ fewer than / up to / almost   "
                                             "● exactly   ○ about   | range", "se-chart__small", "start"))
    desc = (f"{len(claims)} claims of {label.lower()} by {len(claimants)} sources over time. Claims are drawn as "
            "they were made, never merged: a 'more than' claim is a triangle pointing up at its number.")
    return _svg(chart_id, width, top + plot + 44, f"{label}: claims over time", desc, "".join(body))


def _top(view: FigureView) -> int:
    f = view.figure
    return max(v for v in (f.value, f.low, f.best, f.high) if v is not None)


def _nice_step(highest: float) -> float:
    magnitude = 10 ** math.floor(math.log10(highest))
    for factor in (1, 2, 5, 10):
        if highest / (factor * magnitude) <= 5:
            return float(factor * magnitude)
    return float(10 * magnitude)


def _claim_mark(x: float, y: Callable[[float], float], view: FigureView, series: int,
                name: Callable[[str], str]) -> str:
    f = view.figure
    label = escape(f"{name(f.claimed_by)}, {f.as_of.display()}: {view.number}")
    css = f"se-series-{series}"
    if f.value is None:
        low, high = f.low if f.low is not None else f.best, f.high if f.high is not None else f.best
        best = f.best if f.best is not None else (low or 0)
        return (f'<g class="{css}"><title>{label}</title><line x1="{x:.1f}" x2="{x:.1f}" y1="{y(low or 0):.1f}" '
                f'y2="{y(high or 0):.1f}" class="se-range"/><circle cx="{x:.1f}" cy="{y(best):.1f}" r="4"/></g>')
    vy = y(f.value)
    if f.qualifier in (Qualifier.MORE_THAN, Qualifier.AT_LEAST):
        shape = f'<path d="M{x:.1f},{vy - 7:.1f} L{x + 6:.1f},{vy + 4:.1f} L{x - 6:.1f},{vy + 4:.1f} Z"/>'
    elif f.qualifier in (Qualifier.FEWER_THAN, Qualifier.UP_TO, Qualifier.ALMOST, Qualifier.NEARLY):
        shape = f'<path d="M{x:.1f},{vy + 7:.1f} L{x + 6:.1f},{vy - 4:.1f} L{x - 6:.1f},{vy - 4:.1f} Z"/>'
    elif f.qualifier is Qualifier.ABOUT:
        shape = f'<circle cx="{x:.1f}" cy="{vy:.1f}" r="5" class="se-mark--hollow"/>'
    else:
        shape = f'<circle cx="{x:.1f}" cy="{vy:.1f}" r="5"/>'
    return f'<g class="{css}"><title>{label}</title>{shape}</g>'


# --- missions -------------------------------------------------------------------------------

def mandate_chart(view: MissionView, name: Callable[[str], str]) -> Markup:
    """The mandate as a time bar: one segment per period, labelled with its length."""
    mandates = view.mandates
    width, left, top = 680.0, 20.0, 24.0
    scale = _scale([m.mandate.start for m in mandates] + [m.mandate.end for m in mandates], left, width - 20)
    body = [scale.ticks(top - 10, 46)]
    for i, m in enumerate(mandates):
        x1, x2 = scale.x(m.mandate.start.earliest), scale.x(m.mandate.end.latest + dt.timedelta(days=1))
        by = name(m.mandate.by) if m.mandate.by else "no document recorded"
        label = f"{m.mandate.start.display()} to {m.mandate.end.display()}, {m.days} days, set by {by}"
        body.append(f'<g class="se-period se-period--{i % 3}"><title>{escape(label)}</title>'
                    f'<rect x="{x1:.1f}" y="{top:.1f}" width="{max(x2 - x1, 2):.1f}" height="26"/></g>')
        body.append(_text((x1 + x2) / 2, top - 4, f"{m.days} d", "se-chart__small"))
    desc = (f"{len(mandates)} mandate periods from {mandates[0].mandate.start.display()} to "
            f"{mandates[-1].mandate.end.display()}, {view.total_days} days in all.")
    return _svg(f"{view.mission.id}-chart", width, top + 64, f"{name(view.mission.actor)}: mandate over time",
                desc, "".join(body))


# --- relations -------------------------------------------------------------------------------

def relations_chart(sides: Sequence[tuple[Side, Sequence[Actor]]], edges: Sequence[Edge],
                    name: Callable[[str], str]) -> Markup:
    """Who backs or opposes whom: one column per side, arrows from each actor to the other."""
    if not edges:
        return Markup("")
    involved = {e.source for e in edges} | {e.target for e in edges}
    columns = [(side, [a for a in actors if a.id in involved]) for side, actors in sides]
    columns = [(side, actors) for side, actors in columns if actors]
    col_width, row_height, top = 190.0, 30.0, 40.0
    width = col_width * len(columns)
    position: dict[str, tuple[float, float]] = {}
    body = []
    for c, (side, actors) in enumerate(columns):
        x = col_width * (c + 0.5)
        body.append(_text(x, 16, side.label, "se-chart__label se-chart__heading"))
        for r, actor in enumerate(actors):
            position[actor.id] = (x, top + row_height * (r + 0.5))
    height = top + row_height * max(len(actors) for _, actors in columns) + 10
    body.append('<defs><marker id="se-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
                'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 Z" '
                'class="se-arrowhead"/></marker></defs>')
    half = 85.0  # half a node's width: arrows run from box edge to box edge
    for e in edges:
        (x1, y1), (x2, y2) = position[e.source], position[e.target]
        if x1 == x2:  # same column: loop out to the right
            x1, x2, bend = x1 + half, x2 + half, 45.0
        else:
            direction = 1 if x2 > x1 else -1
            x1, x2, bend = x1 + direction * half, x2 - direction * half, 0.0
        middle = (x1 + x2) / 2
        path = (f"M{x1:.1f},{y1:.1f} C{(middle if not bend else x1 + bend):.1f},{y1:.1f} "
                f"{(middle if not bend else x2 + bend):.1f},{y2:.1f} {x2:.1f},{y2:.1f}")
        label = f"{name(e.source)} {e.kind.replace('-', ' ')} {name(e.target)}"
        body.append(f'<path d="{path}" class="se-edge se-edge--{e.kind}" marker-end="url(#se-arrow)">'
                    f"<title>{escape(label)}</title></path>")
    for actor_id, (x, y) in position.items():
        body.append(f'<g class="se-node"><rect x="{x - half:.1f}" y="{y - 11:.1f}" width="{2 * half:.0f}" '
                    'height="22" rx="4"/>'
                    f'{_text(x, y + 4, name(actor_id)[:28], "se-chart__small")}</g>')
    kinds = sorted({e.kind for e in edges})
    desc = (f"{len(edges)} relations ({', '.join(kinds)}) between {len(position)} actors, drawn in one column "
            "per side. Green solid arrows back, red dashed arrows oppose, grey dotted arrows show membership.")
    return _svg("relations-chart", width, height, "Who backs or opposes whom", desc, "".join(body),
                "se-chart--wide")
