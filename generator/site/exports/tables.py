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

import codecs
import csv
import functools
import io
import itertools
import operator
import re
import typing
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import Enum, StrEnum
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
CRLF = "\r\n"  # RFC 4180's line ending
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


_FORMULA_FIRST = frozenset("".join(FORMULA_STARTS))
# A cell after the first that starts a formula, in a row's cells joined by commas (a comma inside a
# cell may match too, and the row then takes the careful way). Led by the comma rather than by "^|,",
# the pattern is found by a scan for commas, four times as fast.
_FORMULA_CELL = re.compile(",[" + re.escape("".join(FORMULA_STARTS)) + "]")


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    """RFC 4180 CSV in UTF-8 with a byte-order mark; every cell made inert, and fitted.

    A row is looked at as its cells joined by commas, by searches of that line (C loops), as the
    csv module and `inert` would otherwise look at each cell in turn: most rows need nothing done
    and are written as that line, most others only quoting, which the module does. Checked against
    the module on generated rows in tests/test_export_shortcuts.py."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=CRLF)
    writer.writerow(header)
    for row in rows:
        line = ",".join(row)
        if not _inert_and_fitted(line):
            writer.writerow([fitted(inert(cell)) for cell in row])
        elif _unquoted(line, len(row)):
            buffer.write(line)
            buffer.write(CRLF)
        else:
            writer.writerow(row)
    return _encoded(buffer.getvalue())


def csv_columns(header: Sequence[str], table: Sequence[Sequence[str]]) -> bytes:
    """csv_bytes(header, rows) of a table given column by column, the columns of one length.

    Each column is looked at whole, by searches of its cells joined (C loops): most columns need
    nothing done and are written as they are, the others cell by cell. The rows are then their cells
    joined by commas. Checked against the csv module on generated columns in
    tests/test_export_shortcuts.py."""
    if len(table) < 2:  # a row of one empty cell is written "" by the csv module: the plain way
        return csv_bytes(header, list(zip(*table, strict=True)))
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=CRLF).writerow(header)
    buffer.write(CRLF.join(map(",".join, zip(*map(_as_written, table), strict=True))))
    buffer.write(CRLF if table[0] else "")
    return _encoded(buffer.getvalue())


def _encoded(text: str) -> bytes:
    """A table's text in UTF-8 after a byte-order mark. The mark is added as bytes: added to the text,
    it would widen a text of ASCII or Latin-1 to two bytes a character before encoding (a tenth of
    the tables' time at 1,000 actors)."""
    return codecs.BOM_UTF8 + text.encode("utf-8")


def _as_written(column: Sequence[str]) -> Sequence[str]:
    """A column's cells as a row of the csv module holds them, each made inert and fitted."""
    joined = "\x00".join(column)  # any joiner would do: it only makes a cell's start follow one
    starts_formula = joined[:1] in _FORMULA_FIRST or _FORMULA_AFTER_NUL.search(joined) is not None
    if starts_formula or (len(joined) > MAX_CELL and max(map(len, column)) > MAX_CELL):
        column = [fitted(inert(cell)) for cell in column]
    elif not any(character in joined for character in _QUOTED):
        return column
    return list(map(_quoted, column))


def _quoted(cell: str) -> str:
    """A cell as the csv module writes it in a row of several: quoted when it holds a comma, a quote
    or a line break, its quotes doubled."""
    if '"' in cell:
        return '"' + cell.replace('"', '""') + '"'
    if "," in cell or "\n" in cell or "\r" in cell:
        return '"' + cell + '"'
    return cell


_QUOTED = (",", '"', "\r", "\n")  # what makes the csv module quote a cell (its delimiter, quote, line ending)
# A cell after the first that starts a formula, in a column's cells joined by NUL (a NUL inside a cell
# may match too, and the column then takes the careful way).
_FORMULA_AFTER_NUL = re.compile("\x00[" + re.escape("".join(FORMULA_STARTS)) + "]")


def _inert_and_fitted(line: str) -> bool:
    """Whether no cell of a row joined into `line` starts a formula or runs long: each cell starts the
    line or follows a comma, and none is longer than the line."""
    return len(line) <= MAX_CELL and line[:1] not in _FORMULA_FIRST and _FORMULA_CELL.search(line) is None


def _unquoted(line: str, cells: int) -> bool:
    """Whether the csv module writes a row joined into `line` as that line: when no cell holds a comma
    (the line has only the commas between cells), a quote or a line break, and it is not one empty
    cell (written "")."""
    return line.count(",") == cells - 1 and not ('"' in line or "\n" in line or "\r" in line) and line != ""


# --- a record as a row ----------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One column of a kind's table: its header, the field path it reads, and whether it shows names."""

    header: str
    path: tuple[str, ...]
    names: bool = False  # the referenced records' names rather than their ids


@dataclass(frozen=True)
class Field:
    """One field of a model as the table reads it: a leaf makes a cell (and one of names when it
    refers to records); a nested model makes its own fields' cells."""

    name: str
    names: bool  # a leaf holding ids: a second cell gives the records' names
    nested: Plan | None  # how a nested model is read; None for a leaf
    blank: tuple[str, ...]  # the field's cells when it holds nothing (None or an empty list)


@dataclass(frozen=True)
class Plan:
    """How a model's table reads it: its fields in field order, and all their values at once."""

    fields: tuple[Field, ...]
    # One itemgetter call (a C loop) gets a model's every field from its __dict__, which holds them,
    # rather than a getattr per field (a quarter as fast: each looks through the model's classes first).
    values: Callable[[dict[str, Any]], tuple[Any, ...]]


def _getter(names: tuple[str, ...]) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    """A function giving a mapping's values of these names as a tuple (itemgetter gives one value
    alone, not in a tuple)."""
    if len(names) > 1:
        return operator.itemgetter(*names)
    return lambda value: tuple(value[name] for name in names)


@functools.cache
def plan(model: type[BaseModel]) -> Plan:
    """How a model's table reads it, field by field: decided once per model."""
    found = []
    for name, info in model.model_fields.items():
        nested = first_in(info.annotation, BaseModel)
        if nested is not None:
            inner = plan(nested)
            found.append(Field(name, False, inner, ("",) * sum(len(f.blank) for f in inner.fields)))
        else:
            names = _is_reference(info.annotation, tuple(info.metadata))
            found.append(Field(name, names, None, ("",) * (2 if names else 1)))
    return Plan(tuple(found), _getter(tuple(model.model_fields)))


@functools.cache
def columns(model: type[BaseModel], prefix: str = "") -> tuple[Column, ...]:
    """The columns of a model's table, in field order; nested models add their fields' columns."""
    found: list[Column] = []
    for field in plan(model).fields:
        header = f"{prefix}{field.name}"
        if field.nested is not None:
            nested = first_in(model.model_fields[field.name].annotation, BaseModel)
            assert nested is not None
            found += [Column(c.header, (field.name, *c.path), c.names) for c in columns(nested, f"{header}_")]
            continue
        found.append(Column(header, (field.name,)))
        if field.names:
            found.append(Column(f"{header}_name", (field.name,), names=True))
    return tuple(found)


def _is_reference(annotation: Any, metadata: tuple[Any, ...] = ()) -> bool:
    """Whether a field holds ids of other records (checked by a RefId validator), alone or in a list."""
    if any(isinstance(m, AfterValidator) and isinstance(m.func, type) and issubclass(m.func, RefId) for m in metadata):
        return True
    if typing.get_origin(annotation) is typing.Annotated:
        inner, *extras = typing.get_args(annotation)
        return _is_reference(inner, tuple(extras))
    return any(_is_reference(arg) for arg in typing.get_args(annotation) if arg is not Ellipsis)


Format = Callable[[Any], str]


def _true_or_false(value: bool) -> str:
    return "true" if value else "false"


def _enum_value(value: Enum) -> str:
    return str(value.value)


# A date's ISO text: the method called from C, rather than from a function of ours (a call fewer a date).
_iso: Format = operator.methodcaller("iso")


def _nothing(value: None) -> str:
    return ""


def _same(value: str) -> str:
    return value


def _as_it_is(cls: type, names: bool) -> bool:
    """Whether a value of class `cls` is its own cell: text that is not prose, an id when its name is
    not asked for, a StrEnum's member (whose text is its value). Such values are joined as they are."""
    return (
        issubclass(cls, str)
        and cls.__str__ is str.__str__
        and not issubclass(cls, Prose)
        and not (names and issubclass(cls, RefId))
        and (not issubclass(cls, Enum) or issubclass(cls, StrEnum))
    )


def _format(export: Export, cls: type, names: bool) -> Format:
    """How a value of class `cls` is written: ids or names, enums by value, dates in ISO 8601,
    prose as plain words. The class decides it, so it is decided once per class and table."""
    if cls is type(None):
        return _nothing
    if _as_it_is(cls, names):
        return _same
    if issubclass(cls, bool):
        return _true_or_false
    if issubclass(cls, RefId) and names:
        return export.names.__getitem__
    if issubclass(cls, Enum):
        return _enum_value
    if issubclass(cls, Prose):
        return export.words
    if issubclass(cls, (FuzzyDate, Timestamp)):
        return _iso
    return str


class Cells:
    """Writes records as a table's cells, column by column, lists joined (see LIST_SEPARATORS).

    A table has over a hundred thousand cells at a thousand actors, most of them empty or plain
    text. They are made a column at a time, so that what a column needs is decided once and done
    by C loops over it: how a field is read comes from its model once (`plan`), how a value is
    written from its class once (`_format`); a column of nothing is blank at once, one of plain
    text is itself, one of another class a map of its writer; the items of a field's lists make
    one column, then each list's cells are joined. Checked against a cell-by-cell reading of the
    column paths in tests/test_export_shortcuts.py.
    """

    def __init__(self, export: Export) -> None:
        self.export = export
        # How each class is written, as an id's text or as its name (by `names`): two tables rather
        # than one keyed by (class, names), which would make a key per value written.
        self._formats: tuple[dict[type, Format], dict[type, Format]] = ({}, {})

    def table(self, model: type[BaseModel], records: Sequence[BaseModel]) -> list[Sequence[str]]:
        """Records of one model as its table's columns (`columns` of the model, in order), a cell
        per record in each."""
        return self._columns(plan(model), records, 0)

    def _columns(self, read: Plan, values: Sequence[object], depth: int) -> list[Sequence[str]]:
        """The columns of models read by `read`."""
        if not values:
            return [()] * sum(len(field.blank) for field in read.fields)
        found: list[Sequence[str]] = []
        # The values field by field: each model's fields (from its __dict__), transposed in C.
        by_field = zip(*map(read.values, map(vars, values)), strict=True)
        for field, column in zip(read.fields, by_field, strict=True):
            found += self._field(field, column, depth)
        return found

    def _field(self, field: Field, column: Sequence[Any], depth: int) -> list[Sequence[str]]:
        """A field's columns: its cell and its names' where it holds ids, its fields' when nested."""
        classes = set(map(type, column))
        if tuple in classes:
            return self._lists(field, column, depth) if classes <= _LIST else self._each(field, column, depth)
        if classes == {type(None)}:  # most fields: nothing, every cell empty
            return [("",) * len(column)] * len(field.blank)
        if field.nested is not None:
            return self._nested(field.nested, column, depth)
        blanks = type(None) in classes
        classes.discard(type(None))
        if len(classes) > 1:
            return self._each(field, column, depth)
        (cls,) = classes
        found = [_written(column, self._writer(cls, False), blanks)]
        if field.names:
            found.append(_written(column, self._writer(cls, True), blanks))
        return found

    def _lists(self, field: Field, column: Sequence[Any], depth: int) -> list[Sequence[str]]:
        """A field of lists: all lists' items make one column of cells, then each list's are joined
        (none for an empty list or None: a blank cell)."""
        if None in column:  # no list: as an empty one
            column = [value or () for value in column]
        items = list(itertools.chain.from_iterable(column))
        if not items:
            return [("",) * len(column)] * len(field.blank)
        lengths = list(map(len, column))
        made = self._field(field, items, depth + 1)
        if lengths.count(1) == len(lengths):  # a list of one item each: its cells are the item's
            return made
        separator = LIST_SEPARATORS[min(depth, len(LIST_SEPARATORS) - 1)]
        return [_joined(cells, lengths, separator) for cells in made]

    def _nested(self, read: Plan, column: Sequence[Any], depth: int) -> list[Sequence[str]]:
        """A nested model's columns: its fields' cells where it is there, blank cells where it is None."""
        there = [value for value in column if value is not None]
        made = self._columns(read, there, depth)
        if len(there) == len(column):
            return made
        counts = [0 if value is None else 1 for value in column]
        return [_joined(cells, counts, "") for cells in made]

    def _each(self, field: Field, column: Sequence[Any], depth: int) -> list[Sequence[str]]:
        """A field's columns made value by value: for the rare field whose values mix classes, or
        lists and single values (each value alone is a column of one class)."""
        rows = [[cells[0] for cells in self._field(field, (value,), depth)] for value in column]
        return [list(cells) for cells in zip(*rows, strict=True)]

    def _writer(self, cls: type, names: bool) -> Format:
        formats = self._formats[names]
        write = formats.get(cls)
        if write is None:
            write = formats[cls] = _format(self.export, cls, names)
        return write


_LIST = frozenset({tuple, type(None)})  # the classes of a field of lists: lists, and None for no list


def _written(column: Sequence[Any], write: Format, blanks: bool) -> Sequence[str]:
    """A column of values of one class written by `write`, with None where `blanks` (a blank cell)."""
    if blanks:
        return ["" if value is None else write(value) for value in column]
    return column if write is _same else list(map(write, column))


def _joined(cells: Sequence[str], counts: Sequence[int], separator: str) -> list[str]:
    """`cells` taken in turn, `counts[i]` of them joined into the i-th cell (none: a blank cell).

    All in C: map makes an islice of the cells' one iterator per count as join asks for it, and
    join consumes each before the next is made."""
    if max(counts, default=0) <= 1:
        return _one_or_blank(cells, counts)
    taken = iter(cells)
    return list(map(separator.join, map(itertools.islice, itertools.repeat(taken), counts)))


def _one_or_blank(cells: Sequence[str], counts: Sequence[int]) -> list[str]:
    """_joined where each count is 0 or 1 (a field's lists of one item or none, a nested model there or
    not): the i-th cell is the next of `cells`, or blank. Each cell is picked by its position, worked
    out in C: the running count less one where the count is 1, and -1 where it is 0, which picks a
    blank put after the cells. Twice as fast as an islice and a join per cell (half the cells joined
    at 1,000 actors are such); checked against that in tests/test_export_fast_ways.py, and with the
    rest of the tables in tests/test_export_shortcuts.py."""
    padded = [*cells, ""]
    running = map(operator.mul, itertools.accumulate(counts), counts)  # 0 where the count is 0
    return list(map(padded.__getitem__, map(operator.sub, running, itertools.repeat(1))))


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
    every = [c.header for c in columns(model)]
    # The id leads the row, with the name: it is taken out of the model's cells.
    at = every.index("id") if "id" in every else None
    derived = [(header, make(export)) for header, make in DERIVED.get(kind.name, ())]
    header = ["id", "display_name", *(h for i, h in enumerate(every) if i != at), *(h for h, _ in derived), "page"]
    records = export.content.of(kind)
    written = Cells(export).table(model, records)
    if at is not None:
        del written[at]
    ids = list(map(operator.attrgetter("id"), records))
    table = [
        ids,
        list(map(export.names.__getitem__, ids)),
        *written,
        *[list(map(value, records)) for _, value in derived],
        list(map(export.published_page, ids)),
    ]
    return csv_columns(header, table)


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
