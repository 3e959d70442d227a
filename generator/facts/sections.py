"""The registry of section pages: one declaration per page, read by every module that makes one.

A section's path, title, view, template, how its list splits into parts, whether it is in the
navigation and has a table of contents, and the anchors its template writes all live in its
`Section` below. The renderer renders what is declared here, addresses and parts split what
is declared here, the checker refuses record ids that would take a section's anchors, and a
test holds mkdocs.yml's nav to it. Adding a page is one entry, one view and one template.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from generator.content.dates import MAX_YEAR, MIN_YEAR
from generator.content.explain import field_path
from generator.content.i18n import N_, _, speaking
from generator.content.kinds import KINDS
from generator.content.load import Content
from generator.content.models import PublisherType, Update
from generator.content.pages import EDITIONS_FOLDER, NOTE_ANCHOR, heading_anchor
from generator.content.problems import Problem
from generator.facts import parts, timeline_view, views
from generator.facts.derive import Facts
from generator.facts.parts import Division, Place, Scope, Split, Splitter

V = TypeVar("V")

# The anchor of a part's title ("# Timeline: July 2012 {: #se-part }" in the section templates).
PART_ANCHOR = "se-part"

# A view makes a section's typed page from the content and its facts, for the whole section,
# the index of its parts or one part (Scope): every view takes the same three arguments.
View = Callable[[Content, Facts, Scope], V]


@dataclass(frozen=True)
class Section(Generic[V]):
    """Everything the pipeline needs to know about one section page."""

    path: str  # its Markdown source: "timeline.md", "actors/index.md"
    # Its title as written here, in English: the catalog's message (mkdocs.yml's nav uses it); the
    # page, the nav and every breadcrumb show `title`, in the language being written.
    english: str
    template: str  # in generator/site/templates/
    view: View[V]
    # How its list splits into parts when long (facts/parts.py), and the folder they go in
    # (default: the path without .md, timeline/2012.md); None: the page is never split.
    split: Splitter | None = None
    folder: str | None = None
    # The ids its template writes besides headings it names here, and the headings' own texts:
    # a record anchored on the page must not take one (it would repeat an anchor).
    anchors: frozenset[str] = frozenset()
    headings: tuple[str, ...] = ()
    derived_anchors: Callable[[Content], Iterable[str]] | None = None  # ids made from the content
    toc: bool = False  # long text, which a table of contents helps; data pages take the width instead
    in_nav: bool = True  # an entry in mkdocs.yml's nav (tests/test_sections.py holds the two together)
    short: str = ""  # its short name in tests and tools, if not its path's stem (votes/index.md: votes)

    @property
    def title(self) -> str:
        """Its first heading, its title in the nav and in every breadcrumb, in the language being written."""
        return _(self.english)

    @property
    def name(self) -> str:
        """A short name for the page: "timeline", "votes", or the one it is given ("overview")."""
        return self.short or self.path.removesuffix(".md").removesuffix("/index")

    @property
    def place(self) -> Place:
        return Place(self.path, self.folder or self.path.removesuffix(".md"))

    def reserved(self) -> frozenset[str]:
        """The ids the page writes whatever the content: its title's anchor, its headings' and
        its own, "notes" (a page that cites sources per sentence ends with a Notes heading) and,
        when it may split, its parts' title's anchor (PART_ANCHOR: the same on every part, where
        a title made from the part's label could be any record's id)."""
        # The headings other pages link to carry a fixed id, their English anchor, in every language
        # (`## ... {: #highest-ranking-so-far }`); the title's anchor follows the language.
        titles = (self.title, *self.headings)
        part = {PART_ANCHOR} if self.split is not None else set()
        return frozenset({"notes", *part, *(heading_anchor(t) for t in titles), *self.anchors})


@dataclass(frozen=True)
class Editions(Generic[V]):
    """A page per update in `folder`: a section as it stood then, by that section's template and
    a view that also takes the update, made from the content as of the update (facts/editions.py)."""

    folder: str
    of: Section[V]  # the section they are editions of, itself made from the content as of the story's now
    view: Callable[[Content, Facts, Scope, Update], V]


# A chart is drawn once per frame (generator/site/svg.py's FRAMES: phones and wider screens),
# each drawing with its own title and description ids; a test keeps the names in step.
CHART_FRAMES = ("narrow", "wide")


def chart_anchors(chart_id: str) -> frozenset[str]:
    """The ids of a chart's title and description, drawn once or once per frame."""
    ids = (chart_id, *(f"{chart_id}-{frame}" for frame in CHART_FRAMES))
    return frozenset(f"{drawn}-{part}" for drawn in ids for part in ("title", "desc"))


def _figures_anchors(content: Content) -> Iterable[str]:
    """Each metric's heading, and its chart's title and description."""
    for metric in content.story.metrics:
        yield heading_anchor(metric.label)
        yield from chart_anchors(f"figures-{metric.id}")


def _votes_anchors(content: Content) -> Iterable[str]:
    """Each vote chart's and mission chart's title and description, and a heading per body (by its
    name, and the id the template gives it)."""
    for document in content.documents:
        yield from chart_anchors(f"vote-{document.id}")
        yield heading_anchor(content.actor_name(document.body))
        yield f"body-{document.body}"
    for mission in content.missions:
        yield from chart_anchors(f"{mission.id}-chart")


def _timeline_anchors(content: Content) -> Iterable[str]:
    """The timeline's month headings, anchored by the month: 2012-07 (facts/timeline_view.py)."""
    # Each month is written once, from the first day found in it, and only the kinds on the
    # timeline are asked for a moment: writing a date per record took this from 0.015 to 0.005
    # CPU seconds at 1,000 actors (nearly all of the check of reserved ids).
    months: dict[tuple[int, int], dt.date] = {}
    for kind, records in content.by_kind():
        if kind.dated:
            for record in records:
                moment = kind.moment_of(record)
                if moment is not None:
                    day = moment.date.settled
                    months.setdefault((day.year, day.month), day)
    return [f"{day:%Y-%m}" for day in months.values()]


def _overview(content: Content, facts: Facts, scope: Scope) -> views.OverviewPage:
    return views.overview_page(content, facts, scope)


def _edition(content: Content, facts: Facts, scope: Scope, update: Update) -> views.OverviewPage:
    return views.overview_page(content, facts, scope, update)


OVERVIEW: Section[views.OverviewPage] = Section(
    "index.md", N_("Overview"), "overview.md.html", _overview, toc=True, short="overview"
)
SECTIONS: tuple[Section[Any], ...] = (
    OVERVIEW,
    Section(
        "actors/index.md",
        N_("Who's who"),
        "actors.md.html",
        views.actors_page,
        split=parts.sides,
        folder="actors/sides",
        short="whos-who",
    ),
    Section(
        "defections.md",
        N_("Defections"),
        "defections.md.html",
        views.defections_page,
        split=parts.defections,
        headings=(
            "Highest-ranking so far",
            "Defections over time",
            "Defections by month",
            "All defections",
            "Each defection",
        ),
        anchors=chart_anchors("defections-chart") | chart_anchors("defections-by-month"),
    ),
    Section(
        "votes/index.md",
        N_("Drafts and votes"),
        "votes.md.html",
        views.votes_page,
        headings=("Every vote at a glance", "Membership", "Missions", "Contested seats", "Plans"),
        # The lead, and the ids the template gives its headings (votes.md.html).
        anchors=frozenset({"latest-vote", "at-a-glance", "mission-mandates", "the-plans"}),
        derived_anchors=_votes_anchors,
    ),
    Section(
        "timeline.md",
        N_("Timeline"),
        "timeline.md.html",
        timeline_view.timeline_page,
        split=parts.timeline,
        # A heading per year: any year a date may have.
        anchors=frozenset(str(year) for year in range(MIN_YEAR, MAX_YEAR + 1)),
        derived_anchors=_timeline_anchors,
    ),
    Section(
        "figures.md",
        N_("Figures"),
        "figures.md.html",
        views.figures_page,
        split=parts.metrics,
        derived_anchors=_figures_anchors,
    ),
    Section("quotes.md", N_("Quotes"), "quotes.md.html", views.quotes_page, split=parts.quotes),
    Section(
        "sources.md",
        N_("Sources"),
        "sources.md.html",
        views.sources_page,
        split=parts.sources,
        # A heading per publisher type, and one for the weaker sources (facts/source_groups.py).
        anchors=frozenset({"weaker-sources", *(f"publisher-{kind.value}" for kind in PublisherType)}),
    ),
    Section("glossary.md", N_("Glossary"), "glossary.md.html", views.glossary_page),
)


class _Titles(Mapping[str, str]):
    """The section pages' titles by path, in the language being written when they are read."""

    def __getitem__(self, path: str) -> str:
        return _BY_PATH[path].title

    def __iter__(self) -> Iterator[str]:
        return iter(_BY_PATH)

    def __len__(self) -> int:
        return len(_BY_PATH)


_BY_PATH = {section.path: section for section in SECTIONS}
SECTION_TITLES: Mapping[str, str] = _Titles()

# Editions are of the overview, with its template; they stay out of search and the nav.
EDITIONS = Editions(EDITIONS_FOLDER, OVERVIEW, _edition)


@dataclass(frozen=True)
class Registry:
    """The sections a story is built with: SECTIONS, or more in a test that adds one."""

    sections: tuple[Section[Any], ...] = SECTIONS
    editions: Editions[Any] = EDITIONS

    def __post_init__(self) -> None:
        # Two entries for one page (or one name) would make one of them silently lost.
        for what in ("path", "name"):
            values = [getattr(section, what) for section in self.sections]
            if len(set(values)) != len(values):
                raise ValueError(f"section registry: two sections share a {what}: {sorted(values)}")

    @property
    def by_path(self) -> dict[str, Section[Any]]:
        return {section.path: section for section in self.sections}

    @property
    def titles(self) -> dict[str, str]:
        return {section.path: section.title for section in self.sections}

    def nav_problems(self, nav: Sequence[object]) -> list[str]:
        """How a site's nav (mkdocs.yml's `nav`, as read) differs from the registry: each section
        in the nav that it lacks, or lists under another title, with the line to write."""
        listed = dict(_nav_pages(nav))
        problems = []
        for section in self.sections:
            entry = f"`- {section.english}: {section.path}`"
            if not section.in_nav:
                continue
            if section.path not in listed:
                problems.append(f"nav: the section page {section.path} is missing (add {entry} to mkdocs.yml's nav)")
            elif listed[section.path] not in (None, section.english):
                problems.append(
                    f"nav: {section.path} is titled '{listed[section.path]}' but the section is "
                    f"'{section.english}' (write {entry} in mkdocs.yml's nav)"
                )
        return problems

    def split(self, content: Content, facts: Facts, size: int) -> Split:
        """Decide which sections are split, and how: each by its own splitter."""
        divisions: dict[str, Division] = {}
        for section in self.sections:
            division = section.split(content, facts, section.place, size) if section.split else None
            if division is not None:
                divisions[section.path] = division
        return Split(size, divisions)

    def reserved_ids(self, content: Content) -> dict[str, frozenset[str]]:
        """The ids each page records live on already uses: a section's own, those it makes from the
        content, and a folder's index.md (a page per record: the folder's index is the section)."""
        found: dict[str, frozenset[str]] = {
            kind.home: frozenset({"index"}) for kind in KINDS if kind.home.endswith("/")
        }
        for section in self.sections:
            derived = section.derived_anchors(content) if section.derived_anchors else ()
            # A title's anchor is made from it in the story's language (`# Glossaire` -> glossaire).
            with speaking(content.story.language):
                found[section.path] = section.reserved() | frozenset(derived)
        return found

    def edit_file(self, content: Content, section: str) -> str:
        """The content file a section page's edit link opens: the first file (by name) of the first
        kind, in the kinds' order, that the section lists; else story.yml."""
        for kind, records in content.by_kind():
            if kind.section == section:
                files = sorted({content.origins[r.id].file for r in records})
                return files[0] if files else content.story_file
        return content.story_file

    def reserved_problems(self, content: Content) -> list[Problem]:
        """Refuse ids that would overwrite a page or repeat an anchor on the page the record lives on."""
        reserved = self.reserved_ids(content)
        problems = []
        for kind, records in content.by_kind():
            taken = reserved.get(kind.home, frozenset())
            anchored = not kind.home.endswith("/")
            for record in records:
                note = anchored and NOTE_ANCHOR.match(record.id) is not None
                if record.id not in taken and not note:
                    continue
                where = (
                    "the page already uses it as an anchor"
                    if anchored
                    else f"{kind.home}{record.id}.md is the section page"
                )
                origin = content.origins[record.id]
                line, column = content.locate(origin, ("id",))
                problems.append(
                    Problem(
                        origin.file,
                        line,
                        column,
                        field_path([record.id, "id"]),
                        f"id '{record.id}' is reserved: {where} (choose another, e.g. '{record.id}-2')",
                    )
                )
        return problems


REGISTRY = Registry()


def _nav_pages(nav: object, title: str | None = None) -> Iterator[tuple[str, str | None]]:
    """Every page a nav lists, with its title there (None for a bare path), as MkDocs reads the nav:
    a path, a {title: path} or {title: [more]}, or a list of those."""
    if isinstance(nav, str):
        yield nav, title
    elif isinstance(nav, dict):
        for key, value in nav.items():
            yield from _nav_pages(value, str(key))
    elif isinstance(nav, list):
        for item in nav:
            yield from _nav_pages(item)
