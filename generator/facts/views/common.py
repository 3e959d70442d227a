"""Helpers every page's view shares: words for closed-set values, counts, downloads and the parts navigation."""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from generator.content.dates import Timestamp
from generator.content.i18n import _, ngettext, pgettext
from generator.content.kinds import ACTORS, DEFECTIONS, DOCUMENTS, FIGURES, KINDS, MISSIONS, Kind, kind_word
from generator.content.load import Content
from generator.content.models import Document, DocumentKind, Story
from generator.content.phrasing import Words, number, value_words
from generator.facts import addresses
from generator.facts.parts import Scope

EXCERPT = 140  # characters of a quote shown on the timeline

# Parts of closed-set values that are initialisms, written as readers know them (for a value no
# table of content/phrasing.py words yet).
INITIALISMS = {"un": "UN", "ngo": "NGO"}


def in_words(value: StrEnum | str) -> str:
    """A closed-set value as words, in the language being written: `armed-group` -> armed group,
    `un-body` -> UN body (content/phrasing.py has each set's words)."""
    if isinstance(value, StrEnum):
        return value_words(value)
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
        return pgettext("chapter VII", "yes") if document.chapter_vii else pgettext("chapter VII", "no")
    return _("not recorded") if council and document.kind in CHAPTER_VII_KINDS else ""


def counted(message: str, count: int) -> str:
    """A count in words, from a message `ngettext` chose for it: "{count} sources" -> '81 sources'."""
    return message.format(count=number(count))


# How each list counts its items: a function of the count, so that every plural form is in the catalog.
Counter = Callable[[int], str]


def pages(count: int) -> str:
    return counted(ngettext("{count} page", "{count} pages", count), count)


def records(count: int) -> str:
    return counted(ngettext("{count} record", "{count} records", count), count)


def sources(count: int) -> str:
    return counted(ngettext("{count} source", "{count} sources", count), count)


def quotes(count: int) -> str:
    return counted(ngettext("{count} quote", "{count} quotes", count), count)


def claims(count: int) -> str:
    return counted(ngettext("{count} claim", "{count} claims", count), count)


def days(count: int) -> str:
    return counted(ngettext("{count} day", "{count} days", count), count)


def members(count: int) -> str:
    return counted(ngettext("{count} member", "{count} members", count), count)


def terms(count: int) -> str:
    return counted(ngettext("{count} term", "{count} terms", count), count)


def defections(count: int) -> str:
    return counted(ngettext("{count} defection", "{count} defections", count), count)


def actors(count: int) -> str:
    return counted(ngettext("{count} person, group or state", "{count} people, groups and states", count), count)


def dated_entries(count: int) -> str:
    return counted(ngettext("{count} dated entry", "{count} dated entries", count), count)


def documents(count: int) -> str:
    message = ngettext("{count} draft, resolution or statement", "{count} drafts, resolutions and statements", count)
    return counted(message, count)


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
    # Each kind's word is looked up once per list, not once per record (a source cites dozens).
    kinds = content.kinds
    words = {name: kind_word(name) for name in {kinds[i].name for i in ids}}
    return tuple(Mention(i, words[kinds[i].name]) for i in ids)


class Mentions(dict[str, Mention]):
    """Records as Mentions, each made the first time a list asks for it and shared by every list
    after: the sources pages list 7,800 records cited at 1,000 actors, 4,700 of them different.
    Made for one build's pages (Scope.once), in its language: a kind's word is looked up once."""

    def __init__(self, content: Content) -> None:
        super().__init__()
        self.kinds = content.kinds
        self.words: dict[str, str] = {}  # by kind name

    def __missing__(self, record_id: str) -> Mention:
        name = self.kinds[record_id].name
        word = self.words.get(name)
        if word is None:
            word = self.words[name] = kind_word(name)
        made = self[record_id] = Mention(record_id, word)
        return made

    def of(self, ids: tuple[str, ...]) -> tuple[Mention, ...]:
        """What `mentions` makes of these ids."""
        return tuple(map(self.__getitem__, ids))


# --- the published data a table comes from ------------------------------------------


@dataclass(frozen=True)
class Download:
    """A data file a page links to: under a table, the file the table comes from."""

    path: str  # from the site's root, e.g. data/defections.csv
    name: str  # the file's name, as the link shows it
    kind: str  # what it is, a key of FORMATS: "csv"

    @property
    def format(self) -> str:
        """What it is, in the language being written: "CSV", "Atom feed of updates"."""
        return FORMATS[self.kind]


# The files' formats in words, looked up when a page is written (the files are listed once, at import).
FORMATS: Words[str, str] = Words(
    lambda: {
        "csv": _("CSV"),
        "json": _("JSON"),
        "votes-csv": _("CSV, one row per member's vote"),
        "timelinejs": _("TimelineJS JSON"),
        "schema": _("JSON Schema"),
        "popolo": _("Popolo JSON"),
        "updates-feed": _("Atom feed of updates"),
        "corrections-feed": _("Atom feed of corrections"),
    }
)


def download(path: str, kind: str) -> Download:
    return Download(path, posixpath.basename(path), kind)


def table(kind: Kind[Any]) -> Download:
    """The CSV of a kind of record."""
    return download(addresses.table_file(kind), "csv")


STORY_DATA = download(addresses.STORY_JSON, "json")
VOTES_DATA = download(addresses.VOTES_CSV, "votes-csv")
TIMELINE_DATA = download(addresses.TIMELINE_JSON, "timelinejs")
ACTORS_DATA, DEFECTIONS_DATA, DOCUMENTS_DATA = table(ACTORS), table(DEFECTIONS), table(DOCUMENTS)
FIGURES_DATA, MISSIONS_DATA = table(FIGURES), table(MISSIONS)
# Every published file, for the overview's list: the whole story, its schema, the other
# formats, a table per kind, and the feeds.
DATA_FILES = (
    STORY_DATA,
    download(addresses.STORY_SCHEMA, "schema"),
    download(addresses.POPOLO_JSON, "popolo"),
    TIMELINE_DATA,
    VOTES_DATA,
    *(table(kind) for kind in KINDS),
    download(addresses.UPDATES_FEED, "updates-feed"),
    download(addresses.CORRECTIONS_FEED, "corrections-feed"),
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


def parts_nav(scope: Scope, count: Counter) -> PartsNav | None:
    """The navigation of a split section's page (None when the section is one page); `count`
    says how many items a part holds: `sources` -> '12 sources'."""
    parts, here = scope.parts, scope.here
    if parts is None:
        return None
    # Every page of the section lists all of its parts: their links are made once for them all
    # (Scope.once), not once per page (a timeline of 49 months made 2,401 of them).
    links = scope.once("parts' links", lambda: {p.key: PartLink(p.label, p.page, count(p.count)) for p in parts.parts})
    before, after = parts.around(here) if here else (None, None)
    return PartsNav(
        parts.section,
        tuple(links.values()),
        pages(len(parts.parts)),
        links[here.key] if here else None,
        links[before.key] if before else None,
        links[after.key] if after else None,
    )
