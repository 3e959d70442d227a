"""Tables as CSV: one file per kind of record (from the registry) and one row per member's vote.

RFC 4180: comma-separated, fields quoted when they hold a comma, quote or line break, lines
ending in CRLF, a header row. UTF-8 with a byte-order mark, which is how Excel knows the
encoding. Spreadsheets run a cell that starts with =, +, - or @ (or a tab or carriage return)
as a formula, so such a cell gets a leading apostrophe, which they show as text.

A record's nested fields become columns named by their path (`announced_via`); a reference
gets a second column with the record's name (`actor`, `actor_name`); prose is given as plain
words. Lists in one cell are joined with "; " (item by item, so the n-th item of
`left_role` goes with the n-th of `left_organization`), lists inside a list item with ", ".
story.json holds the same records losslessly.
"""

from __future__ import annotations

import csv
import functools
import io
import typing
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from pydantic import AfterValidator, BaseModel

from generator.content.annotations import first_in
from generator.content.dates import FuzzyDate, Timestamp
from generator.content.fields import Prose, RefId
from generator.content.kinds import DEFECTIONS, DOCUMENTS, FIGURES, KINDS, Kind
from generator.content.models import Defection, Document, Figure
from generator.content.phrasing import figure_number
from generator.content.voting import Choice, Seat
from generator.facts.addresses import STORY_JSON, VOTES_CSV, table_file
from generator.facts.derive import VoteView
from generator.site.exports.context import Export

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATORS = ("; ", ", ")  # a list's items, then a list's inside a list item
MAX_CELL = 32_767  # Excel's limit on a cell, below Python csv's default field limit (131,072)


def inert(cell: str) -> str:
    """A cell a spreadsheet shows as text: one that would start a formula gets a leading apostrophe."""
    return f"'{cell}" if cell.startswith(FORMULA_STARTS) else cell


def fitted(cell: str) -> str:
    """A cell that every consumer reads whole: Excel holds at most 32,767 characters in a cell and
    Python's csv module reads at most 131,072 in a field, so a longer text is cut, and says so."""
    if len(cell) <= MAX_CELL:
        return cell
    note = f"… [cut at {MAX_CELL:,} of {len(cell):,} characters; the whole text is in {STORY_JSON}]"
    return cell[: MAX_CELL - len(note)] + note


def _safe(cell: str) -> str:
    """A cell made inert and fitted; most cells are neither, and are returned at once."""
    if (cell and cell[0] in _FORMULA_FIRST) or len(cell) > MAX_CELL:
        return fitted(inert(cell))
    return cell


_FORMULA_FIRST = frozenset("".join(FORMULA_STARTS))


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    """RFC 4180 CSV in UTF-8 with a byte-order mark; every cell made inert, and fitted."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(list(map(_safe, row)) for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


# --- a record as a row ----------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One column of a kind's table: its header, the field path it reads, and whether it shows names."""

    header: str
    path: tuple[str, ...]
    names: bool = False  # the referenced records' names rather than their ids


@functools.cache
def columns(model: type[BaseModel], prefix: str = "") -> tuple[Column, ...]:
    """The columns of a model's table, in field order; nested models add their fields' columns."""
    found: list[Column] = []
    for name, info in model.model_fields.items():
        header = f"{prefix}{name}"
        nested = first_in(info.annotation, BaseModel)
        if nested is not None:
            found += [Column(c.header, (name, *c.path), c.names) for c in columns(nested, f"{header}_")]
            continue
        found.append(Column(header, (name,)))
        if _is_reference(info.annotation, tuple(info.metadata)):
            found.append(Column(f"{header}_name", (name,), names=True))
    return tuple(found)


def _is_reference(annotation: Any, metadata: tuple[Any, ...] = ()) -> bool:
    """Whether a field holds ids of other records (checked by a RefId validator), alone or in a list."""
    if any(isinstance(m, AfterValidator) and isinstance(m.func, type) and issubclass(m.func, RefId) for m in metadata):
        return True
    if typing.get_origin(annotation) is typing.Annotated:
        inner, *extras = typing.get_args(annotation)
        return _is_reference(inner, tuple(extras))
    return any(_is_reference(arg) for arg in typing.get_args(annotation) if arg is not Ellipsis)


def cell(export: Export, value: object, path: tuple[str, ...], names: bool, depth: int = 0) -> str:
    """The text of one cell: the value at `path`, lists joined (see LIST_SEPARATORS)."""
    # Down the path while the value is one record or part (most cells), without recursing.
    while path and value is not None and not isinstance(value, tuple):
        value, path = getattr(value, path[0]), path[1:]
    if value is None:
        return ""
    if type(value) is str:  # most cells, at once (scalar() says the same)
        return value
    if isinstance(value, tuple):
        if not value:
            return ""
        separator = LIST_SEPARATORS[min(depth, len(LIST_SEPARATORS) - 1)]
        return separator.join([cell(export, item, path, names, depth + 1) for item in value])
    return scalar(export, value, names)


def scalar(export: Export, value: object, names: bool = False) -> str:
    """One value as text: ids or names, enums by value, dates in ISO 8601, prose as plain words."""
    if value is None:
        return ""
    if type(value) is str:  # most cells: plain text, not an id, enum or prose (str subclasses)
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, RefId) and names:
        return export.names[value]
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, Prose):
        return export.words(value)
    if isinstance(value, (FuzzyDate, Timestamp)):
        return value.iso()
    return str(value)


# --- what is worked out, beside what was written -----------------------------------------

# A derived column: its header, and what makes its cells for one table (looked up once per table).
Derived = tuple[str, Callable[[Export], Callable[[Any], str]]]


def _standing(export: Export) -> Callable[[Defection], str]:
    ranks = {row.defection.id: row.ranks for row in export.facts.defections}
    return lambda defection: "; ".join(rank.standing.value for rank in ranks[defection.id])


def _outcome(export: Export) -> Callable[[Document], str]:
    def outcome(document: Document) -> str:
        count = export.facts.votes[document.id].count
        return count.outcome.value if count is not None and count.outcome is not None else ""

    return outcome


def _counted(choice: Choice) -> Callable[[Export], Callable[[Document], str]]:
    def per_table(export: Export) -> Callable[[Document], str]:
        def value(document: Document) -> str:
            count = export.facts.votes[document.id].count
            return str(getattr(count, choice.value)) if count is not None else ""

        return value

    return per_table


def _number(export: Export) -> Callable[[Figure], str]:
    return figure_number


# Columns after a kind's own fields: what its page shows that is worked out, not typed.
DERIVED: dict[str, tuple[Derived, ...]] = {
    DEFECTIONS.name: (("seniority_standing", _standing),),  # record, equals, below or first, per ladder
    DOCUMENTS.name: (
        ("counted_yes", _counted(Choice.YES)),
        ("counted_no", _counted(Choice.NO)),
        ("counted_abstain", _counted(Choice.ABSTAIN)),
        ("outcome_by_rule", _outcome),
    ),
    FIGURES.name: (("number", _number),),  # as claimed: "more than 15,000"
}


def kind_table(export: Export, kind: Kind[Any]) -> bytes:
    """A kind's records in the order editors wrote them, a row each: id, name, every field, what is
    worked out, and the record's page."""
    model: type[BaseModel] = kind.model
    own = tuple(c for c in columns(model) if c.header != "id")
    derived = [(header, make(export)) for header, make in DERIVED.get(kind.name, ())]
    header = ["id", "display_name", *(c.header for c in own), *(name for name, _ in derived), "page"]
    rows = (
        [
            record.id,
            export.names[record.id],
            *(cell(export, record, c.path, c.names) for c in own),
            *(value(record) for _, value in derived),
            _page(export, record.id),
        ]
        for record in export.content.of(kind)
    )
    return csv_bytes(header, rows)


def _page(export: Export, record_id: str) -> str:
    page = export.page_of(record_id)
    return export.absolute(page) or page


VOTES_HEADER = (
    "document_id",
    "document_symbol",
    "document_title",
    "body_id",
    "body_name",
    "date",
    "member_id",
    "member_name",
    "seat",
    "vote",
    "veto",
    "how_known",
    "outcome",
    "outcome_basis",
)


def votes_table(export: Export) -> bytes:
    """One row per document and member: every seat of a vote counted member by member, and every
    member the sources name for a vote they give only in part. Each row carries the document's
    outcome as every page states it (outcomes.py)."""
    rows: list[tuple[str, ...]] = []
    for _, documents in export.facts.bodies:
        for document in documents:
            view = export.facts.votes[document.id]
            if view.count is None or document.vote is None:
                continue
            seats = (
                view.count.seats
                if view.seat_by_seat
                else [s for s in view.count.seats if s.choice is not Choice.UNKNOWN]
            )
            rows.extend(_vote_row(export, view, seat) for seat in seats)
    return csv_bytes(VOTES_HEADER, rows)


def _vote_row(export: Export, view: VoteView, seat: Seat) -> tuple[str, ...]:
    document, count, membership = view.document, view.count, view.membership
    assert count is not None and document.vote is not None and membership is not None
    known = "inferred" if seat.inferred else "not recorded" if seat.choice is Choice.UNKNOWN else "reported"
    kind = "permanent" if seat.permanent else "elected" if seat.member in membership.elected else "member"
    return (
        document.id,
        document.symbol or "",
        document.title,
        document.body,
        export.names[document.body],
        document.vote.date.iso(),
        seat.member,
        export.names[seat.member],
        kind,
        seat.choice.value,
        "true" if seat.member in count.vetoes else "false",
        known,
        view.verdict.status,
        view.verdict.basis.value,
    )


def files(export: Export) -> dict[str, bytes]:
    """Every table: a CSV per kind in the registry, and the votes."""
    tables = {table_file(kind): kind_table(export, kind) for kind in KINDS}
    tables[VOTES_CSV] = votes_table(export)
    return tables
