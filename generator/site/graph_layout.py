"""Where the relations chart puts its boxes and routes its arrows, worked out at build time.

The boxes stand in one column, grouped under their sides' headings, and every arrow runs
in a lane beside that column: out of its box's side, along its lane, back into the other
box's side. Lanes lie outside the column, so no arrow can pass behind a box it does not
connect, and the whole drawing fits the width it is given (the chart is drawn once for a
phone and once for a desktop). Arrows are given lanes the way an interval graph is
coloured: short arrows first, each in the innermost lane where it meets no other, so
short arrows nest inside long ones.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

GAP = 10.0  # between the column and the first lane
LANE = 9.0  # between lanes, at most
ROW_GAP = 12.0  # between boxes
HEADING = 28.0  # room for a side's heading above its boxes
PORT = 7.0  # between two arrows leaving one side of a box
BOX = 36.0  # a box's least height: two lines of names
COLUMN = 300.0  # a box's greatest width: on a desktop the column and its lanes stand centred


class Side(Enum):
    LEFT = -1
    RIGHT = 1


@dataclass(frozen=True)
class Box:
    """A box's rectangle: left, top, width, height."""

    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height


@dataclass(frozen=True)
class Link:
    """An arrow to route: from one box to another, and whether it needs room for a word."""

    source: str
    target: str
    worded: bool = False  # a claim: its word ('alleged') sits beside its lane, on the right


@dataclass(frozen=True)
class Route:
    """An arrow's corners, from where it leaves its source to where it enters its target."""

    link: Link
    points: tuple[tuple[float, float], ...]
    side: Side

    @property
    def lane(self) -> float:
        return self.points[1][0]


@dataclass(frozen=True)
class Layout:
    width: float
    height: float
    boxes: dict[str, Box]
    headings: tuple[tuple[str, float, float, float], ...]  # text, left, baseline, width
    routes: tuple[Route, ...]


def layered(
    groups: Sequence[tuple[str, Sequence[str]]],
    links: Sequence[Link],
    width: float,
    word_room: float = 0.0,
    box: float = BOX,
) -> Layout:
    """Boxes in one column under their groups' headings, arrows in lanes beside it; a box is at
    least `box` high (two lines of names: taller in a script whose lines stand further apart)."""
    rows = {node: i for i, node in enumerate(n for _, nodes in groups for n in nodes)}
    sides, lanes = _lanes(links, rows)
    left_lanes = max((lanes[i] + 1 for i in range(len(links)) if sides[i] is Side.LEFT), default=0)
    right_lanes = max((lanes[i] + 1 for i in range(len(links)) if sides[i] is Side.RIGHT), default=0)
    worded = any(link.worded for link in links)
    # The column keeps at least half the width: lanes close up when there are many.
    spacing = min(LANE, (width / 2 - 2 * GAP - word_room) / max(left_lanes + right_lanes, 1))
    left_room = GAP + spacing * left_lanes if left_lanes else 2.0
    # A claim's word sits just outside its lane, so the right side also holds the widest word.
    right_room = GAP + spacing * right_lanes + (word_room if worded else 0.0) if right_lanes else 2.0
    column = min(width - left_room - right_room, COLUMN)
    left = left_room + (width - left_room - right_room - column) / 2
    ports = _ports(links, rows, sides, lanes)
    # A side's heading spans the whole drawing (lanes and all), so that long ones need no cut.
    drawing = (left - left_room, left + column + right_room)
    boxes, headings, height = _column(groups, ports, drawing, left, column, box)
    routes = tuple(
        _route(i, link, sides[i], lanes[i], ports, boxes, (left, left + column), spacing)
        for i, link in enumerate(links)
    )
    return Layout(width, height, boxes, headings, routes)


def _lanes(links: Sequence[Link], rows: dict[str, int]) -> tuple[dict[int, Side], dict[int, int]]:
    """A side and a lane for each arrow: claims on the right (their words go there), the rest
    on whichever side has the fewer lanes after it, each in the innermost lane it fits."""
    taken: dict[Side, list[list[tuple[int, int]]]] = {Side.LEFT: [], Side.RIGHT: []}
    sides: dict[int, Side] = {}
    lanes: dict[int, int] = {}

    def span(i: int) -> tuple[int, int]:
        a, b = rows[links[i].source], rows[links[i].target]
        return min(a, b), max(a, b)

    def fits(side: Side, low: int, high: int) -> int:
        for lane, spans in enumerate(taken[side]):
            if all(high <= lo or low >= hi for lo, hi in spans):  # touching at a box is fine
                return lane
        return len(taken[side])

    for i in sorted(range(len(links)), key=lambda i: (span(i)[1] - span(i)[0], span(i), i)):
        low, high = span(i)
        # Claims go right, where their words have room; the rest to the side with the fewer lanes.
        side = Side.RIGHT if links[i].worded else min(Side, key=lambda s: (fits(s, low, high), s is Side.RIGHT))
        lane = fits(side, low, high)
        if lane == len(taken[side]):
            taken[side].append([])
        taken[side][lane].append((low, high))
        sides[i], lanes[i] = side, lane
    return sides, lanes


def _ports(
    links: Sequence[Link], rows: dict[str, int], sides: dict[int, Side], lanes: dict[int, int]
) -> dict[tuple[str, Side], list[tuple[int, str]]]:
    """The arrows at each side of each box, top to bottom: those to boxes above first, inner
    lanes outermost, so that no arrow leaving a box crosses another's lane beside it."""
    ends: dict[tuple[str, Side], list[tuple[tuple[int, int, int], int, str]]] = defaultdict(list)
    for i, link in enumerate(links):
        for node, other, end in ((link.source, link.target, "source"), (link.target, link.source, "target")):
            up = rows[other] < rows[node]
            # Up: inner lanes on top. Down: outer lanes on top.
            key = (0, lanes[i], rows[other]) if up else (1, -lanes[i], rows[other])
            ends[(node, sides[i])].append((key, i, end))
    return {place: [(i, end) for _, i, end in sorted(found)] for place, found in ends.items()}


def _column(
    groups: Sequence[tuple[str, Sequence[str]]],
    ports: dict[tuple[str, Side], list[tuple[int, str]]],
    drawing: tuple[float, float],
    left: float,
    width: float,
    least: float = BOX,
) -> tuple[dict[str, Box], tuple[tuple[str, float, float, float], ...], float]:
    boxes: dict[str, Box] = {}
    headings = []
    y = 0.0
    for heading, nodes in groups:
        headings.append((heading, drawing[0], y + HEADING - 10, drawing[1] - drawing[0]))
        y += HEADING
        for node in nodes:
            most = max(len(ports.get((node, side), ())) for side in Side)
            height = max(least, PORT * (most + 1))
            boxes[node] = Box(left, y, width, height)
            y += height + ROW_GAP
    return boxes, tuple(headings), y


def _route(
    index: int,
    link: Link,
    side: Side,
    lane: int,
    ports: dict[tuple[str, Side], list[tuple[int, str]]],
    boxes: dict[str, Box],
    column: tuple[float, float],
    spacing: float,
) -> Route:
    """Out of the source's side, along the lane, into the target's side."""
    edge = column[1] if side is Side.RIGHT else column[0]
    x = edge + side.value * (GAP + spacing * lane)

    def port(node: str, end: str) -> tuple[float, float]:
        found = ports[(node, side)]
        place = found.index((index, end))
        box = boxes[node]
        return edge, box.y + box.height * (place + 1) / (len(found) + 1)

    (x1, y1), (x2, y2) = port(link.source, "source"), port(link.target, "target")
    return Route(link, ((x1, y1), (x, y1), (x, y2), (x2, y2)), side)
