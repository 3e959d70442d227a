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
from collections.abc import Callable, Mapping, Sequence
from enum import Enum

from markupsafe import Markup

from generator.content.dates import FuzzyDate
from generator.content.i18n import _, current, ngettext
from generator.content.models import Actor, Figure, Mandate, Qualifier, RelationKind, Side
from generator.content.phrasing import number
from generator.content.voting import Choice, Count, Seat
from generator.facts import sentences
from generator.facts.derive import DefectionRow, Edge, MissionView, MonthCount, Rank
from generator.facts.marks import PALETTE, SEAT_ORDER, Veto, seat_order
from generator.facts.metrics import FigureView
from generator.site import chart_words
from generator.site.graph_layout import BOX, Box, Link, Route, layered
from generator.site.html import escape
from generator.site.svg import (
    FONT,
    FRAMES,
    Frame,
    Key,
    anchored,
    fit,
    framed,
    legend,
    line_step,
    month_label,
    month_step,
    placed,
    svg,
    text,
    text_width,
    time_scale,
    upright,
    value_scale,
    wrap,
)


def _day(date: FuzzyDate) -> str:
    """A date as readers of the language being written see it."""
    return date.display(current().tag)


LABEL_HEIGHT = FONT * 1.15  # a line of chart text, as the browser boxes it


def _sentence(words: str) -> str:
    return words[:1].upper() + words[1:]


# --- votes --------------------------------------------------------------------------

VOTE_WIDTH = 360.0  # one layout: a phone shows it at 288-358 px, a desktop at up to 440 px
_GAP = 4.0  # between a seat's ring and its code


def vote_summary(count: Count, name: Callable[[str], str], outcome: str) -> str:
    """One sentence with the tally, the vetoes and the outcome (as every page states it: outcomes.py)."""
    parts = [
        ngettext("{count} yes", "{count} yes", count.yes).format(count=count.yes),
        ngettext("{count} no", "{count} no", count.no).format(count=count.no),
        ngettext("{count} abstaining", "{count} abstaining", count.abstain).format(count=count.abstain),
    ]
    if count.absent:
        parts.append(ngettext("{count} absent", "{count} absent", count.absent).format(count=count.absent))
    if count.unknown:
        parts.append(ngettext("{count} unknown", "{count} unknown", count.unknown).format(count=count.unknown))
    text_ = _(", ").join(parts)
    if count.vetoes:
        members = _(" and ").join(name(m) for m in count.vetoes)
        text_ = _("{tally}; vetoed by {members}").format(tally=text_, members=members)
    return _("{tally}. Outcome: {outcome}.").format(tally=text_, outcome=outcome)


def vote_chart(
    chart_id: str,
    count: Count,
    name: Callable[[str], str],
    codes: Mapping[str, str],
    outcome: str,
    keyed: bool = True,
) -> Markup:
    """The seats in a half circle grouped by vote, from yes on the left to no on the right: letter
    and colour by vote, a ring round permanent seats, each member's code beside its seat (its
    name on hover), the tally inside and, `keyed`, a legend of what occurs. A page of charts
    prints one legend for all of them instead (vote_key)."""
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
            body.append(_beside(cx, cy, angle, radius + ring + _GAP, codes.get(s.member, ""), name(s.member)))
    body.append(text(cx, cy - 22, f"{count.yes}–{count.no}–{count.abstain}", "se-chart__big"))
    body.append(text(cx, cy + 2, outcome))
    below = cy + max(seat, LABEL_HEIGHT / 2) + 12
    keys, height = legend(_vote_keys([count]), below, VOTE_WIDTH) if keyed else ("", -12.0)
    desc = ngettext(
        "{count} seat in a half circle, grouped by vote from yes on the left to no on the right, "
        "each labelled with the member's code; permanent members have a ring. {summary}",
        "{count} seats in a half circle, grouped by vote from yes on the left to no on the right, "
        "each labelled with the member's code; permanent members have a ring. {summary}",
        len(seats),
    ).format(count=len(seats), summary=vote_summary(count, name, outcome))
    return svg(
        chart_id, Frame("vote", VOTE_WIDTH), below + height + 4, _("Each member's vote"), desc, "".join(body) + keys
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
    label = _("{member}: {vote}").format(member=name(s.member), vote=chart_words.choice_word(s.choice))
    label += " " + _("(veto)") if veto else ""
    label += " " + _("(permanent member)") if s.permanent else ""
    label += " " + _("(inferred)") if s.inferred else ""
    ring_mark = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{ring:.1f}" class="se-seat__ring"/>' if s.permanent else ""
    letter = text(x, y + FONT * 0.35, chart_words.letter(s.choice), "se-seat__letter") if seat >= 8 else ""
    return (
        f'<g class="se-seat se-seat--{s.choice.value}{" se-seat--veto" if veto else ""}">'
        f"<title>{escape(label)}</title>{ring_mark}"
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{seat:.1f}"/>{letter}</g>'
    )


def _beside(cx: float, cy: float, angle: float, distance: float, code: str, member: str) -> str:
    """A code just outside a seat, on the ray from the arc's centre through it: its box's
    nearest side touches the circle at `distance`. Hovering it shows the member's name."""
    dx, dy = math.cos(angle), -math.sin(angle)
    half_w, half_h = text_width(code) / 2, LABEL_HEIGHT / 2
    reach = min(half_w / abs(dx) if abs(dx) > 1e-6 else math.inf, half_h / abs(dy) if abs(dy) > 1e-6 else math.inf)
    x, y = cx + (distance + reach) * dx, cy + (distance + reach) * dy
    return (
        f'<text x="{x:.1f}" y="{y + FONT * 0.35:.1f}" class="se-chart__label se-seat__code" '
        f'text-anchor="middle"{upright(x)}><title>{escape(member)}</title>{escape(code)}</text>'
    )


def _vote_keys(counts: Sequence[Count]) -> list[Key]:
    """A legend entry for each kind of vote cast, and for permanent seats if there are any."""
    seats = [s for count in counts for s in count.seats]
    keys = [
        Key(functools.partial(_sample_seat, choice), chart_words.choice_word(choice))
        for choice in SEAT_ORDER
        if any(s.choice is choice for s in seats)
    ]
    if any(s.permanent for s in seats):
        vetoes = any(count.rule.veto for count in counts if any(s.permanent for s in count.seats))
        keys.append(Key(_sample_ring, _("permanent member (a no is a veto)") if vetoes else _("permanent member")))
    return keys


def vote_key(counts: Sequence[Count]) -> Markup:
    """One legend for every vote chart on a page, printed above the first: each mark the charts
    use, with its meaning."""
    items = []
    for key in _vote_keys(counts):
        sample = (
            f'<svg class="se-key__sample" width="22" height="22" viewBox="0 0 22 22" aria-hidden="true">'
            f"{key.sample(11, 11)}</svg>"
        )
        items.append(f"<li>{sample} {escape(key.words)}</li>")
    if not items:
        return Markup("")
    key_name = _("Key to the vote charts")
    return Markup(  # noqa: S704 - the words are escaped
        f'<ul class="se-key se-key--votes" aria-label="{escape(key_name)}">{"".join(items)}</ul>'
    )


def _sample_ring(x: float, y: float) -> str:
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="9.5" class="se-seat__ring"/>'


def _sample_seat(choice: Choice, x: float, y: float) -> str:
    return (
        f'<g class="se-seat se-seat--{choice.value}"><circle cx="{x:.1f}" cy="{y:.1f}" r="9.5"/>'
        f"{text(x, y + FONT * 0.35, chart_words.letter(choice), 'se-seat__letter')}</g>"
    )


# --- defections ---------------------------------------------------------------------------


def defections_chart(rows: Sequence[DefectionRow], name: Callable[[str], str], note: str = "") -> Markup:
    """A dated strip, one lane per seniority ladder; bigger marks are more senior, filled marks set records.
    `note` says which defections were left out, when the rows are a sample (thinning.py)."""
    if not rows:
        return Markup("")
    return framed("defections-chart", lambda frame, chart_id: _defections(frame, chart_id, rows, name, note))


def _defections(
    frame: Frame, chart_id: str, rows: Sequence[DefectionRow], name: Callable[[str], str], note: str
) -> Markup:
    lanes = list(dict.fromkeys(rank.track.label for row in rows for rank in row.ranks)) + [_("not ranked")]
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
    records = sum(1 for r in rows for k in r.ranks if k.highest)
    ladders = _(", ").join(lanes[:-1])
    start, end = _day(rows[0].defection.date), _day(rows[-1].defection.date)
    # A sample's count is told by the note, after the chart's description.
    opening = (
        _("Defections from {start} to {end}, one lane per ladder ({ladders}).")
        if note
        else ngettext(
            "{count} defection from {start} to {end}, one lane per ladder ({ladders}).",
            "{count} defections from {start} to {end}, one lane per ladder ({ladders}).",
            len(rows),
        )
    )
    desc = " ".join(
        (
            opening.format(count=number(len(rows)), start=start, end=end, ladders=ladders),
            ngettext(
                "Larger marks are more senior; the one filled mark was the most senior on its ladder so far.",
                "Larger marks are more senior; the {count} filled marks were each the most senior on their "
                "ladder so far.",
                records,
            ).format(count=number(records)),
            *((note,) if note else ()),
        )
    )
    return svg(chart_id, frame, height + FONT + 8, _("Defections over time, by seniority"), desc, "".join(body))


def _defection_marks(
    row: DefectionRow, x: float, centres: Sequence[float], lanes: Sequence[str], name: Callable[[str], str]
) -> list[str]:
    d = row.defection
    who = d.name or name(d.actor or "")
    marks = []
    ranks: tuple[Rank | None, ...] = row.ranks or (None,)
    for rank in ranks:
        lane = lanes.index(rank.track.label) if rank else len(lanes) - 1
        record = rank is not None and rank.highest
        size = 4 + 2.5 * (rank.level if rank else 0)
        label = _("{who}, {date}").format(who=who, date=_day(d.date))
        if rank:
            label = _("{who}: {grade} ({ladder})").format(who=label, grade=rank.grade_label, ladder=rank.track.label)
        label = _("{mark}, highest so far").format(mark=label) if record else label
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
    body = [
        text(0, FONT, _("People defecting"), "se-chart__label se-chart__axis-name", "start"),
        values.grid(left, right),
    ]
    step = month_step(len(months), right - left)
    for i, m in enumerate(months):
        year, month = (int(part) for part in m.iso.split("-")[:2])
        x = left + band * (i + 0.5)
        y = values.y(m.number)
        bar = _("{month}: {people} ({total} so far)").format(month=m.month, people=m.people, total=m.total)
        body.append(
            f'<rect x="{x - band * 0.35:.1f}" y="{y:.1f}" width="{band * 0.7:.1f}" '
            f'height="{values.y(0) - y:.1f}" class="se-bar"><title>'
            f"{escape(bar)}"
            "</title></rect>"
        )
        if m.number and text_width(m.people) <= band:
            body.append(text(x, y - 4, m.people))
        if (year * 12 + month - 1) % step == 0:
            body.append(placed(x, values.y(0) + FONT + 5, month_label(year, month, step >= 12), 0, width))
    desc = _("People defecting in each month from {start} to {end}: {total} in all, most in one month {most}.").format(
        start=months[0].month,
        end=months[-1].month,
        total=months[-1].total,
        most=max(months, key=lambda m: m.number).people,
    )
    return svg(chart_id, frame, values.y(0) + FONT + 10, _("Defections by month"), desc, "".join(body))


# --- figures --------------------------------------------------------------------------------


class Shape(Enum):
    """How a claim is drawn, by its qualifier: the legend lists the shapes a chart uses."""

    MORE = "more"
    FEWER = "fewer"
    EXACT = "exact"
    ABOUT = "about"
    RANGE = "range"

    @property
    def words(self) -> str:
        """What the shape means, in the legend, in the language being written."""
        meaning = {
            Shape.MORE: _("more than / at least"),
            Shape.FEWER: _("fewer than / up to / almost"),
            Shape.EXACT: _("exactly"),
            Shape.ABOUT: _("about"),
            Shape.RANGE: _("a range, with its best estimate"),
        }
        return meaning[self]


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
    note: str = "",
) -> Markup:
    """Each claim as a mark coloured by its claimant (the same colour on every chart), shaped by
    its qualifier: ▲ for 'more than' or 'at least', ▼ for 'fewer than', a bar for a range.
    Drawn once per frame (an embed page, which has no container query, takes one); `note` says
    which claims were left out, when they are a sample (thinning.py)."""
    if len(claims) < 2:
        return Markup("")
    return framed(chart_id, lambda frame, cid: _figures(frame, cid, label, unit, claims, name, series, note), frames)


def _figures(
    frame: Frame,
    chart_id: str,
    label: str,
    unit: str,
    claims: Sequence[FigureView],
    name: Callable[[str], str],
    series: Mapping[str, int],
    note: str,
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
        [Key(functools.partial(_sample_shape, s), s.words) for s in shapes],
        top + values.height + FONT + 18 + who_height,
        width,
    )
    drawn, height = who + how, who_height + 4 + how_height
    # A sample's count is told by the note, at the end.
    if note:
        desc = _(
            "Claims of {figure} over time, counted in {unit}. Claims are drawn as they were made, never merged: "
            "a 'more than' claim is a triangle pointing up at its number."
        ).format(figure=label.lower(), unit=unit)
    else:
        desc = _(
            "{claims} claims of {figure} by {sources} sources over time, counted in {unit}. Claims are drawn as "
            "they were made, never merged: a 'more than' claim is a triangle pointing up at its number."
        ).format(claims=number(len(claims)), figure=label.lower(), sources=number(len(claimants)), unit=unit)
    if not keyed:
        desc += " " + _("Colours repeat among {sources} sources: each mark names its own.").format(
            sources=number(len(claimants))
        )
    if note:
        desc += f" {note}"
    return svg(
        chart_id,
        frame,
        top + values.height + FONT + 14 + height + 4,
        _("{figure}: claims over time").format(figure=label),
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
    said = _("{claimant}, {date}: {number}").format(
        claimant=name(f.claimed_by), date=sentences.render(view.date, name, current().tag), number=view.number
    )
    label = escape(said)
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
        by = labels[m.mandate.by] if m.mandate.by else _("no document recorded")
        ended = m.mandate.ended_by
        days = ngettext("{count} day", "{count} days", m.days).format(count=m.days)
        words = f"{by} · {days}" + (" · " + _("ended by {document}").format(document=labels[ended]) if ended else "")
        tooltip = _("{start} to {end}, {days}, set by {document}").format(
            start=_day(m.mandate.start),
            end=_day(m.mandate.end),
            days=days,
            document=name(m.mandate.by) if m.mandate.by else _("no document recorded"),
        )
        tooltip += ", " + _("ended by {document}").format(document=name(ended)) if ended else ""
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
        vetoed = _("{document}: vetoed, {date}").format(document=name(veto.document), date=_day(veto.date))
        words = "✕ " + _("{document} vetoed, {date}").format(document=labels[veto.document], date=_day(veto.date))
        body.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y + 4:.1f}" y2="{bottom - 6:.1f}" class="se-veto-line">'
            f"<title>{escape(vetoed)}</title></line>"
        )
        body.append(placed(x, y, fit(words, width, bold=True), 0, width, "se-chart__label se-veto"))
    desc = ngettext(
        "{count} mandate period from {start} to {end}, {days} days in all, set by {documents}.",
        "{count} mandate periods from {start} to {end}, {days} days in all, each set by {documents}.",
        len(mandates),
    ).format(
        count=len(mandates),
        start=_day(mandates[0].mandate.start),
        end=_day(mandates[-1].mandate.end),
        days=view.total_days,
        documents=_("; ").join(_set_and_ended(m.mandate, labels) for m in mandates),
    )
    desc += "".join(
        " " + _("{document} was vetoed on {date}.").format(document=labels[v.document], date=_day(v.date))
        for v in vetoes
    )
    title = _("{mission}: mandate over time").format(mission=name(view.mission.actor))
    return svg(chart_id, frame, bottom + FONT + 10, title, desc, "".join(body))


def _set_and_ended(mandate: Mandate, labels: Mapping[str, str]) -> str:
    """'Resolution 2043, ended by Resolution 2059': the documents that set a period and ended it."""
    by = labels[mandate.by] if mandate.by else _("no document recorded")
    if mandate.ended_by:
        return _("{document}, ended by {end}").format(document=by, end=labels[mandate.ended_by])
    return by


def _beside_bar(x1: float, x2: float, y: float, words: str, width: float) -> str:
    """A bar's label above it: from its start if it fits, else ending at its end, else cut to fit."""
    if x1 + text_width(words) <= width:
        return text(x1, y, words, "se-chart__label", "start")
    if x2 - text_width(words) >= 0:
        return text(x2, y, words, "se-chart__label", "end")
    return text(0, y, fit(words, width), "se-chart__label", "start")


# --- relations -------------------------------------------------------------------------------

_CORNER = 4.0  # how round an arrow's corners are
_WORD_GAP = 3.0  # between a claim's lane and its word


def relations_chart(
    sides: Sequence[tuple[Side, Sequence[Actor]]], edges: Sequence[Edge], name: Callable[[str], str]
) -> Markup:
    """Who backs or opposes whom: the actors in one column grouped by side, each arrow in a lane
    beside the column (see graph_layout.py), drawn for a phone's width and a desktop's."""
    if not edges:
        return Markup("")
    return framed("relations-chart", lambda frame, chart_id: _relations(frame, chart_id, sides, edges, name))


def _relations(
    frame: Frame,
    chart_id: str,
    sides: Sequence[tuple[Side, Sequence[Actor]]],
    edges: Sequence[Edge],
    name: Callable[[str], str],
) -> Markup:
    involved = {e.source for e in edges} | {e.target for e in edges}
    # A side's label that is someone's claim says whose, as every page says it.
    labelled = [(sentences.claimed_text(s.label, s.attribution, name), actors) for s, actors in sides]
    groups = [(label, [a.id for a in actors if a.id in involved]) for label, actors in labelled]
    groups = [(label, ids) for label, ids in groups if ids]
    words = {sentences.CLAIM_MARK[e.attribution.verb] for e in edges if e.attribution is not None}
    word_room = max((text_width(w) for w in words), default=0.0) + _WORD_GAP
    links = [Link(e.source, e.target, e.attribution is not None) for e in edges]
    # A box holds two lines of names, with room around them.
    layout = layered(groups, links, frame.width, word_room, box=max(BOX, line_step() + FONT * 1.6))
    marker = f"{chart_id}-arrow"
    # One arrowhead per line style, in the line's colour.
    heads = "".join(
        f'<marker id="{marker}-{style}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 Z" '
        f'class="se-arrowhead se-arrowhead--{style}"/></marker>'
        for style in _STYLES
    )
    body = [f"<defs>{heads}</defs>"]
    for label, x, y, width in layout.headings:
        body.append(text(x, y, fit(label, width, bold=True), "se-chart__label se-chart__heading", "start", full=label))
    for actor_id, box in layout.boxes.items():
        body.append(_node(actor_id, box, name(actor_id)))
    body.extend(_edge(e, route, marker, name) for e, route in zip(edges, layout.routes, strict=True))
    body.extend(_claim_words(edges, layout.routes))
    claims = sum(1 for e in edges if e.attribution is not None)
    kinds = sorted({e.kind for e in edges})
    desc = _(
        "{relations} relations ({kinds}) between {actors} actors, listed by side, with arrows running beside "
        "the list from one actor to another. Green solid arrows back, red dashed arrows oppose, grey dotted "
        "arrows show membership."
    ).format(
        relations=len(edges),
        kinds=_(", ").join(chart_words.relation_words()[k] for k in kinds),
        actors=len(layout.boxes),
    )
    if claims:
        desc += " " + ngettext(
            "{count} of them is only someone's claim, not established fact: drawn as a grey long-dashed arrow "
            "marked alleged, claimed, reported or denied.",
            "{count} of them are only someone's claim, not established fact: drawn as grey long-dashed arrows "
            "marked alleged, claimed, reported or denied.",
            claims,
        ).format(count=claims)
    return svg(chart_id, frame, layout.height, _("Who backs or opposes whom"), desc, "".join(body))


# The relations chart's line styles (story.css draws them), each with the relations drawn in it
# ("claim": any relation that is someone's claim).
_STYLES = {
    "backs": ("backs", "arms"),
    "opposes": ("opposes",),
    "member-of": ("member-of", "part-of", "leads"),
    "claim": ("claim",),
}


def _style(kind: str) -> str:
    """The line style a relation of this kind is drawn in."""
    return next((style for style, kinds in _STYLES.items() if kind in kinds), "member-of")


def relations_key(edges: Sequence[Edge]) -> Markup:
    """The key to the relations chart's line styles: only the styles it draws, each with a sample."""
    # An attributed relation is drawn as a claim, whatever its kind (see _edge).
    kinds = {e.kind if e.attribution is None else "claim" for e in edges}
    items = []
    for style, drawn in _STYLES.items():
        name = chart_words.style_words()[style]
        shown = [chart_words.relation_words()[k] for k in drawn if k in kinds]
        if shown:
            sample = (
                f'<svg class="se-key__sample" width="40" height="12" viewBox="0 0 40 12" aria-hidden="true">'
                f'<path d="M2,6 L36,6" class="se-edge se-edge--{style}"/></svg>'
            )
            kinds_shown = _(", ").join(shown)
            items.append(f"<li>{sample} {escape(name)}: {escape(kinds_shown)}</li>")
    if not items:
        return Markup("")
    key_name = _("Key to the lines")
    return Markup(f'<ul class="se-key" aria-label="{escape(key_name)}">{"".join(items)}</ul>')  # noqa: S704 - escaped


def _node(actor_id: str, box: Box, label: str) -> str:
    """An actor's box, its name on one line or two."""
    lines = wrap(label, box.width - 12)
    middle = box.y + box.height / 2
    step = line_step()
    first = middle + FONT * 0.35 - (len(lines) - 1) * step / 2
    x = box.x + box.width / 2
    names = "".join(text(x, first + i * step, line) for i, line in enumerate(lines))
    return (
        f'<g class="se-node" data-actor="{escape(actor_id)}"><rect x="{box.x:.1f}" y="{box.y:.1f}" '
        f'width="{box.width:.1f}" height="{box.height:.1f}" rx="4"/>{names}</g>'
    )


def _path(points: Sequence[tuple[float, float]]) -> str:
    """A path through the corners, each corner rounded inside the turn it makes."""
    (x0, y0), (xn, yn) = points[0], points[-1]
    d = f"M{x0:.1f},{y0:.1f}"
    for (px, py), (cx, cy), (nx, ny) in zip(points, points[1:], points[2:], strict=False):
        r = min(_CORNER, math.dist((px, py), (cx, cy)) / 2, math.dist((cx, cy), (nx, ny)) / 2)
        ax, ay = _toward((cx, cy), (px, py), r)
        bx, by = _toward((cx, cy), (nx, ny), r)
        d += f" L{ax:.1f},{ay:.1f} Q{cx:.1f},{cy:.1f} {bx:.1f},{by:.1f}"
    return d + f" L{xn:.1f},{yn:.1f}"


def _toward(a: tuple[float, float], b: tuple[float, float], distance: float) -> tuple[float, float]:
    length = math.dist(a, b) or 1.0
    return a[0] + (b[0] - a[0]) * distance / length, a[1] + (b[1] - a[1]) * distance / length


def _edge(e: Edge, route: Route, marker: str, name: Callable[[str], str]) -> str:
    ends = f'data-from="{escape(e.source)}" data-to="{escape(e.target)}"'
    path = _path(route.points)
    if e.attribution is None:
        label = chart_words.relation_label(e.kind, name(e.source), name(e.target))
        return (
            f'<path d="{path}" class="se-edge se-edge--{e.kind}" marker-end="url(#{marker}-{_style(e.kind)})" {ends}>'
            f"<title>{escape(label)}</title></path>"
        )
    # A claim is never drawn as the fact it claims: its own style, its word on the arrow, its title the claim.
    claim = sentences.relation_line(
        RelationKind(e.kind), e.attribution, sentences.link(e.source), sentences.link(e.target)
    )
    return (
        f'<path d="{path}" class="se-edge se-edge--claim" marker-end="url(#{marker}-claim)" {ends}>'
        f"<title>{escape(sentences.render(claim, name))}</title></path>"
    )


def _claim_words(edges: Sequence[Edge], routes: Sequence[Route]) -> list[str]:
    """Each claim's word ('alleged') just outside its lane, halfway along it; words that would
    touch move along their lanes until they do not."""
    placed_boxes: list[tuple[float, float, float, float]] = []
    words = []
    for e, route in zip(edges, routes, strict=True):
        if e.attribution is None:
            continue
        word = sentences.CLAIM_MARK[e.attribution.verb]
        x, (top, bottom) = route.lane + _WORD_GAP, sorted((route.points[1][1], route.points[2][1]))
        y = _free_line(x, text_width(word), (top + bottom) / 2, top, bottom, placed_boxes)
        placed_boxes.append((x, y - LABEL_HEIGHT / 2, x + text_width(word), y + LABEL_HEIGHT / 2))
        words.append(
            f'<text x="{x:.1f}" y="{y + FONT * 0.35:.1f}" class="se-chart__label se-claim__mark" '
            f'text-anchor="{anchored("start")}"{upright(x)}>{escape(word)}</text>'
        )
    return words


def _free_line(
    x: float, width: float, y: float, top: float, bottom: float, taken: Sequence[tuple[float, float, float, float]]
) -> float:
    """The nearest middle height to y, between top and bottom, where a word does not touch one
    already placed (boxes as left, top, right, bottom)."""

    def clear(at: float) -> bool:
        low, high = at - LABEL_HEIGHT / 2, at + LABEL_HEIGHT / 2
        return all(x >= r or x + width <= left or low >= b or high <= t for left, t, r, b in taken)

    tries = (y + sign * step * 4 for step in range(int((bottom - top) / 4) + 2) for sign in (1, -1))
    return next((at for at in tries if top <= at <= bottom and clear(at)), y)
