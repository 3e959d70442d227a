"""Charts drawn at build time as inline SVG: no JavaScript, no third-party service.

Each chart has a <title> and <desc> for screen readers, marks that differ in shape
or letter as well as colour, and colours from CSS classes so that the light and
dark schemes both work. Every chart sits next to a table with the same data. Charts
that run along time are drawn twice, for a phone's width and a desktop's, so their
text never shrinks below 11 px (see svg.py).
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from enum import Enum

from markupsafe import Markup

from generator.content.models import Actor, Figure, Qualifier, RelationKind, Side
from generator.content.voting import Choice, Count, Seat
from generator.facts import sentences
from generator.facts.derive import DefectionRow, Edge, FigureView, MissionView, MonthCount, Rank, Standing
from generator.facts.marks import PALETTE, SEAT_ORDER, Veto, seat_order
from generator.site.html import escape
from generator.site.svg import (
    FONT,
    FRAMES,
    Frame,
    Key,
    fit,
    framed,
    legend,
    month_label,
    month_step,
    placed,
    svg,
    text,
    text_width,
    time_scale,
    value_scale,
    wrap,
)

LETTER = {Choice.YES: "Y", Choice.NO: "N", Choice.ABSTAIN: "A", Choice.ABSENT: "–", Choice.UNKNOWN: "?"}
LABEL_HEIGHT = FONT * 1.15  # a line of chart text, as the browser boxes it


def _sentence(words: str) -> str:
    return words[:1].upper() + words[1:]


# --- votes --------------------------------------------------------------------------

VOTE_WIDTH = 360.0  # one layout: a phone shows it at 288-358 px, a desktop at up to 440 px
_GAP = 4.0  # between a seat's ring and its code


def vote_summary(count: Count, name: Callable[[str], str]) -> str:
    """One sentence with the tally, the vetoes and the outcome."""
    parts = [f"{count.yes} yes", f"{count.no} no", f"{count.abstain} abstaining"]
    if count.absent:
        parts.append(f"{count.absent} absent")
    if count.unknown:
        parts.append(f"{count.unknown} unknown")
    text_ = ", ".join(parts)
    if count.vetoes:
        text_ += "; vetoed by " + " and ".join(name(m) for m in count.vetoes)
    outcome = count.outcome.value if count.outcome else "undetermined"
    return f"{text_}. Outcome: {outcome}."


def vote_chart(chart_id: str, count: Count, name: Callable[[str], str], codes: Mapping[str, str]) -> Markup:
    """The seats in a half circle grouped by vote, from yes on the left to no on the right: letter
    and colour by vote, a ring round permanent seats, each member's code beside its seat, the
    tally inside and a legend of what occurs."""
    seats = seat_order(count)
    code_room = max((text_width(codes.get(s.member, "")) for s in seats), default=0.0)
    radius = VOTE_WIDTH / 2 - 14 - _GAP - code_room - 2
    spacing = math.pi * radius / max(len(seats) - 1, 1)
    seat = min(10.0, spacing * 0.34)
    ring = seat + 3.5
    # Codes go beside the seats when neighbours' codes cannot touch (fewer than ~20 seats).
    labelled = spacing * (radius + ring + LABEL_HEIGHT) / radius >= code_room + 4
    cx, cy = VOTE_WIDTH / 2, radius + ring + (_GAP + LABEL_HEIGHT if labelled else 0) + 4
    body = []
    for i, s in enumerate(seats):
        angle = math.pi - math.pi * i / max(len(seats) - 1, 1)
        body.append(_seat(s, count, cx, cy, radius, angle, seat, ring, name))
        if labelled:
            body.append(_beside(cx, cy, angle, radius + ring + _GAP, codes.get(s.member, "")))
    body.append(text(cx, cy - 22, f"{count.yes}–{count.no}–{count.abstain}", "se-chart__big"))
    body.append(text(cx, cy + 2, count.outcome.value if count.outcome else "undetermined"))
    below = cy + max(seat, LABEL_HEIGHT / 2) + 12
    keys, height = legend(_vote_keys(count), below, VOTE_WIDTH)
    desc = (
        f"{len(seats)} seats in a half circle, grouped by vote from yes on the left to no on the right, "
        "each labelled with the member's code; permanent members have a ring. " + vote_summary(count, name)
    )
    return svg(
        chart_id, Frame("vote", VOTE_WIDTH), below + height + 4, "Each member's vote", desc, "".join(body) + keys
    )


def _seat(
    s: Seat,
    count: Count,
    cx: float,
    cy: float,
    radius: float,
    angle: float,
    seat: float,
    ring: float,
    name: Callable[[str], str],
) -> str:
    x, y = cx + radius * math.cos(angle), cy - radius * math.sin(angle)
    veto = s.member in count.vetoes
    label = f"{name(s.member)}: {s.choice.value}{' (veto)' if veto else ''}"
    label += " (permanent member)" if s.permanent else ""
    label += " (inferred)" if s.inferred else ""
    ring_mark = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{ring:.1f}" class="se-seat__ring"/>' if s.permanent else ""
    letter = text(x, y + FONT * 0.35, LETTER[s.choice], "se-seat__letter") if seat >= 8 else ""
    return (
        f'<g class="se-seat se-seat--{s.choice.value}{" se-seat--veto" if veto else ""}">'
        f"<title>{escape(label)}</title>{ring_mark}"
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{seat:.1f}"/>{letter}</g>'
    )


def _beside(cx: float, cy: float, angle: float, distance: float, code: str) -> str:
    """A code just outside a seat, on the ray from the arc's centre through it: its box's
    nearest side touches the circle at `distance`."""
    dx, dy = math.cos(angle), -math.sin(angle)
    half_w, half_h = text_width(code) / 2, LABEL_HEIGHT / 2
    reach = min(half_w / abs(dx) if abs(dx) > 1e-6 else math.inf, half_h / abs(dy) if abs(dy) > 1e-6 else math.inf)
    x, y = cx + (distance + reach) * dx, cy + (distance + reach) * dy
    return text(x, y + FONT * 0.35, code, "se-chart__label se-seat__code")


def _vote_keys(count: Count) -> list[Key]:
    """A legend entry for each kind of vote cast, and for permanent seats if there are any."""
    keys = [
        Key(functools.partial(_sample_seat, choice), choice.value)
        for choice in SEAT_ORDER
        if any(s.choice is choice for s in count.seats)
    ]
    if any(s.permanent for s in count.seats):
        words = "permanent member (a no is a veto)" if count.rule.veto else "permanent member"
        keys.append(Key(_sample_ring, words))
    return keys


def _sample_ring(x: float, y: float) -> str:
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="9.5" class="se-seat__ring"/>'


def _sample_seat(choice: Choice, x: float, y: float) -> str:
    return (
        f'<g class="se-seat se-seat--{choice.value}"><circle cx="{x:.1f}" cy="{y:.1f}" r="9.5"/>'
        f"{text(x, y + FONT * 0.35, LETTER[choice], 'se-seat__letter')}</g>"
    )


# --- defections ---------------------------------------------------------------------------


def defections_chart(rows: Sequence[DefectionRow], name: Callable[[str], str]) -> Markup:
    """A dated strip, one lane per seniority ladder; bigger marks are more senior, filled marks set records."""
    if not rows:
        return Markup("")
    return framed("defections-chart", lambda frame, chart_id: _defections(frame, chart_id, rows, name))


def _defections(frame: Frame, chart_id: str, rows: Sequence[DefectionRow], name: Callable[[str], str]) -> Markup:
    lanes = list(dict.fromkeys(rank.track.label for row in rows for rank in row.ranks)) + ["not ranked"]
    biggest = 4 + 2.5 * max((rank.level for row in rows for rank in row.ranks), default=0)
    width = frame.width
    # On a phone each lane's name sits above it; on a desktop, in a column to its left.
    column = 0.0 if frame.narrow else min(max(text_width(lane) for lane in lanes) + 14, width / 3)
    lane_height = 2 * biggest + 8 + (LABEL_HEIGHT if frame.narrow else 0)
    top = 8.0
    scale = time_scale([r.defection.date.settled for r in rows], column + biggest + 2, width - biggest - 2)
    height = top + lane_height * len(lanes)
    body = [scale.ticks(top, height - top, width)]
    centres = []
    for i, lane in enumerate(lanes):
        y = top + lane_height * (i + 1) - biggest - 4
        centres.append(y)
        body.append(f'<line x1="{column:.1f}" x2="{width:.1f}" y1="{y:.1f}" y2="{y:.1f}" class="se-chart__lane"/>')
        if frame.narrow:
            body.append(text(0, y - biggest - 6, lane, "se-chart__label se-chart__lane-name", "start"))
        else:
            body.append(text(column - 8, y + FONT * 0.35, fit(lane, column - 10), "se-chart__label", "end"))
    for row in rows:
        # Where the page lists and counts it (see FuzzyDate.sort_key).
        body.extend(_defection_marks(row, scale.x(row.defection.date.settled), centres, lanes, name))
    records = sum(1 for r in rows for k in r.ranks if k.standing is Standing.RECORD)
    desc = (
        f"{len(rows)} defections from {rows[0].defection.date.display()} to {rows[-1].defection.date.display()}, "
        f"one lane per ladder ({', '.join(lanes[:-1])}). Larger marks are more senior; "
        + (
            "the one filled mark was the most senior on its ladder so far, above someone before it."
            if records == 1
            else f"the {records} filled marks were the most senior on their ladder so far, above someone before them."
        )
    )
    return svg(chart_id, frame, height + FONT + 8, "Defections over time, by seniority", desc, "".join(body))


def _defection_marks(
    row: DefectionRow, x: float, centres: Sequence[float], lanes: Sequence[str], name: Callable[[str], str]
) -> list[str]:
    d = row.defection
    who = d.name or name(d.actor or "")
    marks = []
    ranks: tuple[Rank | None, ...] = row.ranks or (None,)
    for rank in ranks:
        lane = lanes.index(rank.track.label) if rank else len(lanes) - 1
        record = rank is not None and rank.standing is Standing.RECORD
        size = 4 + 2.5 * (rank.level if rank else 0)
        label = f"{who}, {d.date.display()}" + (f": {rank.grade_label} ({rank.track.label})" if rank else "")
        label += ", highest so far" if record else ""
        marks.append(
            f'<circle cx="{x:.1f}" cy="{centres[lane]:.1f}" r="{size:.1f}" '
            f'class="se-mark{" se-mark--record" if record else ""}"><title>{escape(label)}</title></circle>'
        )
    return marks


def months_chart(months: Sequence[MonthCount]) -> Markup:
    """People defecting each month, as bars on a count axis."""
    if not months:
        return Markup("")
    return framed("defections-by-month", lambda frame, chart_id: _months(frame, chart_id, months))


def _months(frame: Frame, chart_id: str, months: Sequence[MonthCount]) -> Markup:
    width, top = frame.width, LABEL_HEIGHT + 10
    values = value_scale(max(m.number for m in months), top, 130.0 if frame.narrow else 170.0)
    left, right = values.label_room() + 10, width - 2
    band = (right - left) / len(months)
    body = [text(0, FONT, "People defecting", "se-chart__label se-chart__axis-name", "start"), values.grid(left, right)]
    step = month_step(len(months), right - left)
    for i, m in enumerate(months):
        year, month = (int(part) for part in m.iso.split("-")[:2])
        x = left + band * (i + 0.5)
        y = values.y(m.number)
        body.append(
            f'<rect x="{x - band * 0.35:.1f}" y="{y:.1f}" width="{band * 0.7:.1f}" '
            f'height="{values.y(0) - y:.1f}" class="se-bar"><title>{escape(m.month)}: {m.people} '
            f"({m.total} so far)</title></rect>"
        )
        if m.number and text_width(m.people) <= band:
            body.append(text(x, y - 4, m.people))
        if (year * 12 + month - 1) % step == 0:
            body.append(placed(x, values.y(0) + FONT + 5, month_label(year, month, step >= 12), 0, width))
    desc = (
        f"People defecting in each month from {months[0].month} to {months[-1].month}: "
        f"{months[-1].total} in all, most in one month {max(months, key=lambda m: m.number).people}."
    )
    return svg(chart_id, frame, values.y(0) + FONT + 10, "Defections by month", desc, "".join(body))


# --- figures --------------------------------------------------------------------------------


class Shape(Enum):
    """How a claim is drawn, by its qualifier: the legend lists the shapes a chart uses."""

    MORE = "more than / at least"
    FEWER = "fewer than / up to / almost"
    EXACT = "exactly"
    ABOUT = "about"
    RANGE = "a range, with its best estimate"


def shape_of(figure: Figure) -> Shape:
    if figure.value is None:
        return Shape.RANGE
    if figure.qualifier in (Qualifier.MORE_THAN, Qualifier.AT_LEAST):
        return Shape.MORE
    if figure.qualifier in (Qualifier.FEWER_THAN, Qualifier.UP_TO, Qualifier.ALMOST, Qualifier.NEARLY):
        return Shape.FEWER
    return Shape.ABOUT if figure.qualifier is Qualifier.ABOUT else Shape.EXACT


def figures_chart(
    chart_id: str,
    label: str,
    unit: str,
    claims: Sequence[FigureView],
    name: Callable[[str], str],
    series: Mapping[str, int],
    frames: Sequence[Frame] = FRAMES,
) -> Markup:
    """Each claim as a mark coloured by its claimant (the same colour on every chart), shaped by
    its qualifier: ▲ for 'more than' or 'at least', ▼ for 'fewer than', a bar for a range.
    Drawn once per frame (an embed page, which has no container query, takes one)."""
    if len(claims) < 2:
        return Markup("")
    return framed(chart_id, lambda frame, cid: _figures(frame, cid, label, unit, claims, name, series), frames)


def _figures(
    frame: Frame,
    chart_id: str,
    label: str,
    unit: str,
    claims: Sequence[FigureView],
    name: Callable[[str], str],
    series: Mapping[str, int],
) -> Markup:
    width, top = frame.width, LABEL_HEIGHT + 14
    values = value_scale(max(_top(c.figure) for c in claims), top, 150.0 if frame.narrow else 210.0)
    left = values.label_room() + 10
    scale = time_scale([c.figure.dated.earliest for c in claims], left + 10, width - 10)
    body = [
        text(0, FONT, _sentence(unit), "se-chart__label se-chart__axis-name", "start"),
        values.grid(left, width),
        scale.ticks(top, values.height, width),
    ]
    for c in claims:
        body.append(_claim_mark(scale.x(c.figure.dated.earliest), values.y, c, series[c.figure.claimed_by], name))
    claimants = sorted(dict.fromkeys(c.figure.claimed_by for c in claims), key=series.__getitem__)
    shapes = [s for s in Shape if any(shape_of(c.figure) is s for c in claims)]
    # Past as many claimants as there are colours, colours repeat and a key cannot tell them
    # apart (a big story's key ran to 200 names, taller than the chart): each mark names its
    # claimant instead, and the key shows the shapes only.
    keyed = claimants if len(claimants) <= PALETTE else []
    who, who_height = legend(
        [Key(functools.partial(_swatch, series[c] % PALETTE), name(c)) for c in keyed],
        top + values.height + FONT + 14,
        width,
        aligned=True,
    )
    how, how_height = legend(
        [Key(functools.partial(_sample_shape, s), s.value) for s in shapes],
        top + values.height + FONT + 18 + who_height,
        width,
    )
    drawn, height = who + how, who_height + 4 + how_height
    desc = (
        f"{len(claims)} claims of {label.lower()} by {len(claimants)} sources over time, counted in {unit}. "
        "Claims are drawn as they were made, never merged: a 'more than' claim is a triangle pointing up at "
        "its number."
    )
    if not keyed:
        desc += f" Colours repeat among {len(claimants)} sources: each mark names its own."
    return svg(
        chart_id,
        frame,
        top + values.height + FONT + 14 + height + 4,
        f"{label}: claims over time",
        desc,
        "".join(body) + drawn,
    )


def _swatch(series: int, x: float, y: float) -> str:
    return f'<rect x="{x - 6:.1f}" y="{y - 6:.1f}" width="12" height="12" class="se-series-{series}"/>'


def _sample_shape(shape: Shape, x: float, y: float) -> str:
    return f'<g class="se-key">{_shape(shape, x, y)}</g>'


def _top(f: Figure) -> int:
    return max(v for v in (f.value, f.low, f.best, f.high) if v is not None)


def _shape(shape: Shape, x: float, y: float) -> str:
    """The mark for a shape, centred on (x, y); a range's sample is a short bar with a dot."""
    if shape is Shape.MORE:
        return f'<path d="M{x:.1f},{y - 7:.1f} L{x + 6.5:.1f},{y + 5:.1f} L{x - 6.5:.1f},{y + 5:.1f} Z"/>'
    if shape is Shape.FEWER:
        return f'<path d="M{x:.1f},{y + 7:.1f} L{x + 6.5:.1f},{y - 5:.1f} L{x - 6.5:.1f},{y - 5:.1f} Z"/>'
    if shape is Shape.ABOUT:
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" class="se-mark--hollow"/>'
    if shape is Shape.RANGE:
        return (
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y - 7:.1f}" y2="{y + 7:.1f}" '
            f'class="se-range"/><circle cx="{x:.1f}" cy="{y:.1f}" r="4"/>'
        )
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5.5"/>'


def _claim_mark(
    x: float, y: Callable[[float], float], view: FigureView, series: int, name: Callable[[str], str]
) -> str:
    f = view.figure
    label = escape(f"{name(f.claimed_by)}, {sentences.render(view.date, name)}: {view.number}")
    shape = shape_of(f)
    if shape is Shape.RANGE:
        low = f.low if f.low is not None else f.best or 0
        high = f.high if f.high is not None else f.best or 0
        best = f.best if f.best is not None else low
        mark = (
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y(low):.1f}" y2="{y(high):.1f}" class="se-range"/>'
            f'<circle cx="{x:.1f}" cy="{y(best):.1f}" r="4"/>'
        )
    else:
        mark = _shape(shape, x, y(f.value or 0))
    return f'<g class="se-series-{series % PALETTE}"><title>{label}</title>{mark}</g>'


# --- missions -------------------------------------------------------------------------------


def mandate_chart(
    view: MissionView, name: Callable[[str], str], labels: Mapping[str, str], vetoes: Sequence[Veto]
) -> Markup:
    """The mandate as one bar per period, each named by the document that set it, with the
    vetoes that fell while it ran marked across the bars."""
    return framed(
        f"{view.mission.id}-chart", lambda frame, chart_id: _mandate(frame, chart_id, view, name, labels, vetoes)
    )


def _mandate(
    frame: Frame,
    chart_id: str,
    view: MissionView,
    name: Callable[[str], str],
    labels: Mapping[str, str],
    vetoes: Sequence[Veto],
) -> Markup:
    width, row = frame.width, LABEL_HEIGHT + 4 + 16 + 10
    mandates = view.mandates
    # A period ends at the end of its last day.
    ends = [m.mandate.end.latest + dt.timedelta(days=1) for m in mandates]
    scale = time_scale([m.mandate.start.earliest for m in mandates] + ends, 2, width - 2)
    top = 4 + len(vetoes) * (LABEL_HEIGHT + 4)
    bottom = top + row * len(mandates)
    body = [scale.ticks(top, bottom - top, width)]
    for i, m in enumerate(mandates):
        x1 = scale.x(m.mandate.start.earliest)
        x2 = max(scale.x(ends[i]), x1 + 2)
        by = labels[m.mandate.by] if m.mandate.by else "no document recorded"
        words = f"{by} · {m.days} days"
        tooltip = f"{m.mandate.start.display()} to {m.mandate.end.display()}, {m.days} days, set by " + (
            name(m.mandate.by) if m.mandate.by else "no document recorded"
        )
        y = top + row * i + LABEL_HEIGHT
        body.append(_beside_bar(x1, x2, y, words, width))
        body.append(
            f'<g class="se-period se-period--{i % 3}"><title>{escape(tooltip)}</title>'
            f'<rect x="{x1:.1f}" y="{y + 4:.1f}" width="{x2 - x1:.1f}" height="16"/></g>'
        )
    for i, veto in enumerate(vetoes):
        x = (
            scale.x(veto.date.earliest)
            + (scale.x(veto.date.earliest + dt.timedelta(days=1)) - scale.x(veto.date.earliest)) / 2
        )
        y = 4 + i * (LABEL_HEIGHT + 4) + FONT
        words = f"✕ {labels[veto.document]} vetoed, {veto.date.display()}"
        body.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y + 4:.1f}" y2="{bottom - 6:.1f}" class="se-veto-line">'
            f"<title>{escape(name(veto.document))}: vetoed, {escape(veto.date.display())}</title></line>"
        )
        body.append(placed(x, y, fit(words, width, bold=True), 0, width, "se-chart__label se-veto"))
    desc = (
        f"{len(mandates)} mandate periods from {mandates[0].mandate.start.display()} to "
        f"{mandates[-1].mandate.end.display()}, {view.total_days} days in all, each set by "
        + "; ".join(labels[m.mandate.by] if m.mandate.by else "no document recorded" for m in mandates)
        + "."
        + "".join(f" {labels[v.document]} was vetoed on {v.date.display()}." for v in vetoes)
    )
    return svg(
        chart_id, frame, bottom + FONT + 10, f"{name(view.mission.actor)}: mandate over time", desc, "".join(body)
    )


def _beside_bar(x1: float, x2: float, y: float, words: str, width: float) -> str:
    """A bar's label above it: from its start if it fits, else ending at its end, else cut to fit."""
    if x1 + text_width(words) <= width:
        return text(x1, y, words, "se-chart__label", "start")
    if x2 - text_width(words) >= 0:
        return text(x2, y, words, "se-chart__label", "end")
    return text(0, y, fit(words, width), "se-chart__label", "start")


# --- relations -------------------------------------------------------------------------------

_LOOP = 45.0  # how far an arrow between two actors of one column loops out to its right
_CLAIM_GAP = 64.0  # the gap between columns when claims are drawn: room for a claim's word


def relations_chart(
    sides: Sequence[tuple[Side, Sequence[Actor]]], edges: Sequence[Edge], name: Callable[[str], str]
) -> Markup:
    """Who backs or opposes whom: one column per side, arrows from each actor to the other.

    Drawn at its own size (one unit a pixel), so its text keeps its size and the box
    around it scrolls sideways when there are more sides than the page is wide."""
    if not edges:
        return Markup("")
    involved = {e.source for e in edges} | {e.target for e in edges}
    columns = [(side, [a for a in actors if a.id in involved]) for side, actors in sides]
    columns = [(side, actors) for side, actors in columns if actors]
    half = 90.0  # half a node's width: arrows run from box edge to box edge
    # Columns stand wider apart when some relations are claims: each claim's word sits in the gap.
    claims = [e for e in edges if e.attribution is not None]
    col_width, row_height, top = 2 * half + (_CLAIM_GAP if claims else 20.0), 44.0, 40.0
    last = {a.id for a in columns[-1][1]}
    loops_out = any(e.source in last and e.target in last for e in edges)  # a loop bulges past the last column
    width = col_width * len(columns) + (_LOOP if loops_out else 0)
    position: dict[str, tuple[float, float]] = {}
    body = []
    for c, (side, actors) in enumerate(columns):
        x = col_width * (c + 0.5)
        body.append(text(x, 18, fit(side.label, col_width - 8, bold=True), "se-chart__label se-chart__heading"))
        for r, actor in enumerate(actors):
            position[actor.id] = (x, top + row_height * (r + 0.5))
    height = top + row_height * max(len(actors) for _, actors in columns) + 10
    body.append(
        '<defs><marker id="se-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 Z" '
        'class="se-arrowhead"/></marker></defs>'
    )
    body.extend(_edge(e, position, half, name) for e in edges)
    for actor_id, (x, y) in position.items():
        body.append(_node(x, y, half, name(actor_id)))
    # A claim's word goes over the boxes, so that no box hides it where columns are close.
    body.extend(_claim_words(claims, position, half))
    kinds = sorted({e.kind for e in edges})
    desc = (
        f"{len(edges)} relations ({', '.join(kinds)}) between {len(position)} actors, drawn in one column "
        "per side. Green solid arrows back, red dashed arrows oppose, grey dotted arrows show membership."
        + (
            f" {len(claims)} of them {'is' if len(claims) == 1 else 'are'} only someone's claim, not established fact: "
            "drawn as grey long-dashed arrows marked alleged, claimed, reported or denied."
            if claims
            else ""
        )
    )
    return svg(
        "relations-chart", Frame("graph", width), height, "Who backs or opposes whom", desc, "".join(body), natural=True
    )


# The relations chart's line styles (story.css draws them), each with the relations drawn in it.
_EDGE_STYLES = (
    ("backs", "solid green arrow", ("backs", "arms")),
    ("opposes", "dashed red arrow", ("opposes",)),
    ("member-of", "dotted grey arrow", ("member-of", "part-of", "leads")),
    ("claim", "long-dashed grey arrow", ("someone's claim",)),
)


def relations_key(edges: Sequence[Edge]) -> Markup:
    """The key to the relations chart's line styles: only the styles it draws, each with a sample."""
    # An attributed relation is drawn as a claim, whatever its kind (see _edge).
    kinds = {e.kind if e.attribution is None else "someone's claim" for e in edges}
    items = []
    for style, name, drawn in _EDGE_STYLES:
        shown = [k.replace("-", " ") for k in drawn if k in kinds]
        if shown:
            sample = (
                f'<svg class="se-key__sample" width="40" height="12" viewBox="0 0 40 12" aria-hidden="true">'
                f'<path d="M2,6 L36,6" class="se-edge se-edge--{style}"/></svg>'
            )
            items.append(f"<li>{sample} {escape(name)}: {escape(', '.join(shown))}</li>")
    if not items:
        return Markup("")
    return Markup(f'<ul class="se-key" aria-label="Key to the lines">{"".join(items)}</ul>')  # noqa: S704 - escaped


def _node(x: float, y: float, half: float, label: str) -> str:
    """An actor's box, its name on one line or two."""
    lines = wrap(label, 2 * half - 12)
    first = y + FONT * 0.35 - (len(lines) - 1) * FONT * 0.55
    names = "".join(text(x, first + i * FONT * 1.1, line) for i, line in enumerate(lines))
    return (
        f'<g class="se-node"><rect x="{x - half:.1f}" y="{y - 18:.1f}" width="{2 * half:.0f}" height="36" '
        f'rx="4"/>{names}</g>'
    )


def _ends(
    e: Edge, position: Mapping[str, tuple[float, float]], half: float
) -> tuple[float, float, float, float, float]:
    """Where an arrow starts and ends (box edge to box edge), and how far it bends out when both are in one column."""
    (x1, y1), (x2, y2) = position[e.source], position[e.target]
    if x1 == x2:  # same column: loop out to the right
        return x1 + half, y1, x2 + half, y2, _LOOP
    direction = 1 if x2 > x1 else -1
    return x1 + direction * half, y1, x2 - direction * half, y2, 0.0


def _edge(e: Edge, position: Mapping[str, tuple[float, float]], half: float, name: Callable[[str], str]) -> str:
    x1, y1, x2, y2, bend = _ends(e, position, half)
    middle = (x1 + x2) / 2
    path = (
        f"M{x1:.1f},{y1:.1f} C{(middle if not bend else x1 + bend):.1f},{y1:.1f} "
        f"{(middle if not bend else x2 + bend):.1f},{y2:.1f} {x2:.1f},{y2:.1f}"
    )
    if e.attribution is None:
        label = f"{name(e.source)} {e.kind.replace('-', ' ')} {name(e.target)}"
        return (
            f'<path d="{path}" class="se-edge se-edge--{e.kind}" marker-end="url(#se-arrow)">'
            f"<title>{escape(label)}</title></path>"
        )
    # A claim is never drawn as the fact it claims: its own style, its word on the arrow, its title the claim.
    claim = sentences.relation_line(
        RelationKind(e.kind), e.attribution, sentences.link(e.source), sentences.link(e.target)
    )
    return (
        f'<path d="{path}" class="se-edge se-edge--claim" marker-end="url(#se-arrow)">'
        f"<title>{escape(sentences.render(claim, name))}</title></path>"
    )


def _claim_words(claims: Sequence[Edge], position: Mapping[str, tuple[float, float]], half: float) -> list[str]:
    """Each claim's word ('alleged') where its arrow leaves its box, in the gap beside it, never on a box;
    several claims leaving one box stack their words."""
    words = []
    leaving: dict[str, int] = defaultdict(int)
    for e in claims:
        assert e.attribution is not None
        x1, y1, x2, _, bend = _ends(e, position, half)
        direction = 1 if bend or x2 > x1 else -1
        x = x1 + direction * _CLAIM_GAP / 2
        y = y1 - 4 + 12 * leaving[e.source]
        leaving[e.source] += 1
        words.append(
            f'<text x="{x:.1f}" y="{y:.1f}" class="se-chart__label se-claim__mark" text-anchor="middle">'
            f"{escape(sentences.CLAIM_MARK[e.attribution.verb])}</text>"
        )
    return words
