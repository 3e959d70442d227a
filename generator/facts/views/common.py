"""Helpers every page's view shares: words for closed-set values, counts, downloads and the parts navigation."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from generator.content.dates import Timestamp
from generator.content.kinds import ACTORS, DEFECTIONS, DOCUMENTS, FIGURES, KINDS, MISSIONS, Kind
from generator.content.load import Content
from generator.content.models import (
    Document,
    DocumentKind,
    Story,
)
from generator.facts import addresses
from generator.facts.parts import PagePart, Parts

EXCERPT = 140  # characters of a quote shown on the timeline

# Parts of closed-set values that are initialisms, written as readers know them.
INITIALISMS = {"un": "UN", "ngo": "NGO"}


def value_words(value: StrEnum | str) -> str:
    """A closed-set value as words: `armed-group` -> armed group, `un-body` -> UN body."""
    return " ".join(INITIALISMS.get(part, part) for part in str(value).split("-"))


def sentence_case(text: str) -> str:
    """First letter upper case, the rest as written (so `UN body` keeps its initialism)."""
    return text[:1].upper() + text[1:]


# Only a council's resolutions can be adopted under Chapter VII; for other texts the question does not arise.
CHAPTER_VII_KINDS = frozenset({DocumentKind.DRAFT_RESOLUTION, DocumentKind.RESOLUTION})


def chapter_vii(document: Document, council: bool = True) -> str:
    """'yes', 'no' or 'not recorded'; empty where Chapter VII does not apply: statements, and texts of
    bodies that do not vote by the council rule (assemblies, other organisations)."""
    if document.chapter_vii is not None:
        return "yes" if document.chapter_vii else "no"
    return "not recorded" if council and document.kind in CHAPTER_VII_KINDS else ""


def plural(count: int, singular: str, many: str | None = None) -> str:
    """'1 record', '3 records'."""
    return f"{count:,} {singular if count == 1 else many or singular + 's'}"


def excerpt(text: str, length: int = EXCERPT, leeway: int = 5) -> str:
    """Shorten long text at a word boundary with an ellipsis ('...'), leaving short text alone."""
    if len(text) <= length + leeway:
        return text
    return text[: length - 3].rsplit(" ", 1)[0] + "..."


def last_updated(story: Story) -> Timestamp | None:
    """When the story last changed for readers: its latest update or correction (None if neither)."""
    changes = [u.at for u in story.updates] + [c.at for c in story.corrections]
    return max(changes) if changes else None


@dataclass(frozen=True)
class Mention:
    """A link to another record, with what kind of record it is."""

    id: str
    kind: str  # singular, e.g. "defection"


def mentions(content: Content, ids: tuple[str, ...]) -> tuple[Mention, ...]:
    return tuple(Mention(i, content.kinds[i].singular) for i in ids)


# --- the published data a table comes from ------------------------------------------


@dataclass(frozen=True)
class Download:
    """A data file a page links to: under a table, the file the table comes from."""

    path: str  # from the site's root, e.g. data/defections.csv
    name: str  # the file's name, as the link shows it
    format: str  # what it is, e.g. "CSV"


def download(path: str, format: str) -> Download:
    return Download(path, posixpath.basename(path), format)


def table(kind: Kind[Any]) -> Download:
    """The CSV of a kind of record."""
    return download(addresses.table_file(kind), "CSV")


STORY_DATA = download(addresses.STORY_JSON, "JSON")
VOTES_DATA = download(addresses.VOTES_CSV, "CSV, one row per member's vote")
TIMELINE_DATA = download(addresses.TIMELINE_JSON, "TimelineJS JSON")
ACTORS_DATA, DEFECTIONS_DATA, DOCUMENTS_DATA = table(ACTORS), table(DEFECTIONS), table(DOCUMENTS)
FIGURES_DATA, MISSIONS_DATA = table(FIGURES), table(MISSIONS)
# Every published file, for the overview's list: the whole story, its schema, the other
# formats, a table per kind, and the feeds.
DATA_FILES = (
    STORY_DATA,
    download(addresses.STORY_SCHEMA, "JSON Schema"),
    download(addresses.POPOLO_JSON, "Popolo JSON"),
    TIMELINE_DATA,
    VOTES_DATA,
    *(table(kind) for kind in KINDS),
    download(addresses.UPDATES_FEED, "Atom feed of updates"),
    download(addresses.CORRECTIONS_FEED, "Atom feed of corrections"),
)


@dataclass(frozen=True)
class Embed:
    """A chart other sites can show in an iframe: the page that holds it and the code to copy."""

    path: str  # the embed page, from the site's root
    code: str  # the <iframe> element, as text to copy


# --- the overview -----------------------------------------------------------------


@dataclass(frozen=True)
class Counts:
    """How many of each thing the explainer holds, in words, for the overview's table of contents."""

    actors: str  # "12 people, groups and states"
    defections: str  # "about 80 people in 16 recorded defections"
    documents: str
    timeline: str
    figures: str
    quotes: str
    sources: str
    glossary: str


# --- sections split into parts (see parts.py) -------------------------------------------


@dataclass(frozen=True)
class PartLink:
    label: str  # "July 2012"
    page: str  # its source path, for the page_url filter
    count: str  # "77 entries"


@dataclass(frozen=True)
class PartsNav:
    """How a reader moves through a section split into pages: every part, and where they are."""

    index: str  # the section's own page, which lists the parts
    parts: tuple[PartLink, ...]
    pages: str  # "48 pages"
    here: PartLink | None  # the part this page shows; None on the section's page
    before: PartLink | None
    after: PartLink | None


def parts_nav(parts: Parts | None, here: PagePart | None, one: str, many: str | None = None) -> PartsNav | None:
    """The navigation of a split section's page (None when the section is one page)."""
    if parts is None:
        return None

    def link(part: PagePart | None) -> PartLink | None:
        return PartLink(part.label, part.page, plural(part.count, one, many)) if part else None

    before, after = parts.around(here) if here else (None, None)
    return PartsNav(
        parts.section,
        tuple(PartLink(p.label, p.page, plural(p.count, one, many)) for p in parts.parts),
        plural(len(parts.parts), "page"),
        link(here),
        link(before),
        link(after),
    )
