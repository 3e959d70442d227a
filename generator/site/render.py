"""Render the derived facts into Markdown pages with Jinja templates from `generator/site/templates/`.

Pages are Markdown with HTML blocks: headings stay Markdown (for the table of
contents), the data is HTML printed by templates, so that nothing an editor types
is read as Markdown or HTML a second time. Everything is escaped on the way out
unless the generator made it safe (`Markup`).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
import posixpath
import re
import urllib.parse
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import jinja2
from babel import Locale, UnknownLocaleError
from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from generator.content import i18n
from generator.content.dates import FuzzyDate, Timestamp
from generator.content.kinds import ACTORS, DOCUMENTS, KINDS
from generator.content.load import Content, display_root
from generator.content.models import (
    Attribution,
    Document,
    Record,
    Source,
    Update,
)
from generator.content.pages import EDITIONS_FOLDER, SECTION_TITLES, edition_path
from generator.content.prose import strip_markup
from generator.content.weak_sources import source_weakness
from generator.facts import parts as split_pages
from generator.facts import timeline_view, views
from generator.facts.addresses import Addresses, address, source_link
from generator.facts.derive import DefectionRow, Facts, MetricGroup, MissionView, derive
from generator.facts.editions import as_of
from generator.facts.names import name_on
from generator.facts.parts import PAGE_SIZE, Part
from generator.facts.sentences import claim_note, claimed_text
from generator.facts.trail import Trail, Trails
from generator.site import charts, exports, fonts
from generator.site.exports import embeds
from generator.site.html import Resolver, escape, inline, plain
from generator.site.jsonld import StructuredData, script_safe
from generator.site.notes import NOTES_HEADING, PageNotes, note_id

TEMPLATES = Path(__file__).resolve().parent / "templates"


def _facts_only(view: Callable[[Facts], object]) -> Callable[[Content, Facts], object]:
    return lambda _, facts: view(facts)


def _content_only(view: Callable[[Content], object]) -> Callable[[Content, Facts], object]:
    return lambda content, _: view(content)


class Section(NamedTuple):
    """A section page: its path, its template, its title and how its view is made."""

    path: str
    template: str
    title: str
    view: Callable[[Content, Facts], object]
    toc: bool = False  # long text, which a table of contents helps; data pages take the width instead


# The overview's edit link opens story.yml; every other section's opens the file of the
# first kind (in the registry's order) that the section lists.
SECTIONS = (
    Section("index.md", "overview.md.html", SECTION_TITLES["index.md"], views.overview_page, toc=True),
    Section("actors/index.md", "actors.md.html", SECTION_TITLES["actors/index.md"], views.actors_page),
    Section("defections.md", "defections.md.html", SECTION_TITLES["defections.md"], _facts_only(views.defections_page)),
    Section("votes/index.md", "votes.md.html", SECTION_TITLES["votes/index.md"], views.votes_page),
    Section("timeline.md", "timeline.md.html", SECTION_TITLES["timeline.md"], timeline_view.timeline_page),
    Section("figures.md", "figures.md.html", SECTION_TITLES["figures.md"], _facts_only(views.figures_page)),
    Section("quotes.md", "quotes.md.html", SECTION_TITLES["quotes.md"], views.quotes_page),
    Section("sources.md", "sources.md.html", SECTION_TITLES["sources.md"], views.sources_page),
    Section("glossary.md", "glossary.md.html", SECTION_TITLES["glossary.md"], _content_only(views.glossary_page)),
)


class Editions(NamedTuple):
    """A page per update in `folder`: a section as it stood then, by that section's template
    and view, made from the content as of the update (facts/editions.py)."""

    folder: str
    of: str  # the section they are editions of, itself made from the content as of the story's now
    template: str
    view: Callable[[Content, Facts, Update], views.OverviewPage]


# Editions are of the overview, with its template and view; they stay out of search and the nav.
EDITIONS = Editions(EDITIONS_FOLDER, SECTIONS[0].path, SECTIONS[0].template, views.overview_page)

# Templates for the kinds that have a page per record (the kind's `home` is a folder).
RECORD_TEMPLATES = {ACTORS.name: "actor.md.html", DOCUMENTS.name: "document.md.html"}

# The way on from a page (facts/trail.py), printed after its notes.
STEPS_TEMPLATE = "_steps.md.html"

_MARKDOWN_SPECIALS = re.compile(r"[\\`*_{}\[\]()#+\-.!|<>&~:\"']")


@dataclass(frozen=True)
class Page:
    """One rendered page: its Markdown, its title, and the content file it comes from."""

    path: str
    title: str
    text: str
    source: str


@dataclass(frozen=True)
class Site:
    """The rendered pages, and the files published beside them (data, feeds, embeds) by path."""

    pages: dict[str, Page] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)
    name: str = ""  # the story's stable short name (Story.short_name): the site's name, in every header
    language: str = ""  # the story's checked language tag (the theme's interface language follows it)
    description: str = ""  # the story's summary as it reads now, in plain words: the site's description
    copyright: str = ""  # the story's `copyright` line, if it sets one: the site's footer


def md_escape(text: str) -> str:
    """Make text inert in Markdown (headings): every special character as an entity."""
    return _MARKDOWN_SPECIALS.sub(lambda m: f"&#{ord(m.group(0))};", " ".join(text.split()))


def language_name(tag: str) -> str:
    """Name a language tag in English: ar -> Arabic."""
    try:
        return str(Locale.parse(tag, sep="-").get_display_name("en"))
    except (ValueError, UnknownLocaleError):
        return tag


class Charts:
    """The charts a template can print, drawn from the facts (see charts.py)."""

    def __init__(self, facts: Facts, name: Callable[[str], str], name_on: Callable[[str, dt.date], str]) -> None:
        self.facts, self.name, self.marks = facts, name, facts.marks
        self.name_on = name_on  # a record's name on a day: members are named in a vote's chart as on its day

    def vote(self, document_id: str) -> Markup:
        view = self.facts.votes[document_id]
        count = view.count
        if count is None or not view.seat_by_seat:
            return Markup("")
        # The page prints one legend for all its vote charts, above the first (vote_key).
        assert view.document.vote is not None  # a count is made from a vote
        day = view.document.vote.date.latest
        return charts.vote_chart(
            f"vote-{document_id}",
            count,
            lambda record_id: self.name_on(record_id, day),
            self.marks.codes,
            view.verdict.label,
            keyed=False,
        )

    def vote_key(self, documents: Sequence[Document]) -> Markup:
        """The legend to the vote charts of these documents (those drawn seat by seat)."""
        views = [self.facts.votes[d.id] for d in documents]
        return charts.vote_key([v.count for v in views if v.count is not None and v.seat_by_seat])

    def defections(self, rows: Sequence[DefectionRow] | None = None, note: str = "") -> Markup:
        """The defections over time: these rows (a page's sample, thinning.py), or every one."""
        return charts.defections_chart(self.facts.defections if rows is None else rows, self.name, note)

    def months(self) -> Markup:
        return charts.months_chart(self.facts.defection_months)

    def figures(self, group: MetricGroup) -> Markup:
        return charts.figures_chart(
            f"figures-{group.metric_id}",
            group.label,
            group.unit,
            group.drawn,
            self.name,
            self.marks.series,
            note=group.thinned,
        )

    def mandate(self, view: MissionView) -> Markup:
        return charts.mandate_chart(view, self.name, self.marks.labels, self.marks.vetoes[view.mission.id])

    def relations(self) -> Markup:
        return charts.relations_chart(self.facts.sides, self.facts.charted, self.name)

    def relations_key(self) -> Markup:
        return charts.relations_key(self.facts.charted)


class Renderer:
    """Holds what every page needs: the content, the facts, addresses and templates."""

    def __init__(
        self,
        content: Content,
        facts: Facts,
        templates: Path = TEMPLATES,
        directory_urls: bool = True,
        site_url: str | None = None,
        page_size: int = PAGE_SIZE,
        content_path: str | None = None,
    ) -> None:
        self.content, self.facts, self.directory_urls = content, facts, directory_urls
        self.addresses = Addresses(content, page_size)
        self.records, self.kinds = content.by_id, content.kinds
        self.names = {rid: shown_name(content, r) for rid, r in self.records.items()}
        # What [[id]] prints in running text: a record's short name where the editor gave one.
        self.short_names = {rid: content.short_name_of(r) for rid, r in self.records.items()}
        self.renamed = {a.id: a for a in content.actors if a.earlier_names}  # actors named otherwise before
        self.abbreviations = {t.term: t.expansion for t in content.glossary if t.expansion}
        self._names_html: dict[str, str] = {}
        self._resolvers: dict[str, Resolver] = {}
        self._notes: dict[str, PageNotes] = {}
        self._titles: dict[str, str] = {}
        self._times: dict[tuple[FuzzyDate | Timestamp, bool], Markup] = {}
        self.language = content.story.language
        self.env = _environment(templates)
        # Templates see their page's view, the charts and their title; the filters reach the
        # renderer through the context (a test keeps templates from using it directly).
        self.globals = {"_renderer": self, "charts": Charts(facts, self.names.__getitem__, self._name_on)}
        self.trails = Trails(content, facts, self.addresses, self.names.__getitem__)
        self.export = exports.Export(content, facts, self.names, templates, directory_urls, site_url, self.addresses)
        # The content folder from the repository's root, for edit links: its name unless told (stories/libya).
        self._shown_root = display_root(content.root)
        self._content_folder = content_path or content.root.resolve().name

    # -- filters: each knows the page it prints on, so links are relative ---------------

    def _href(self, page: str, record_id: str) -> str:
        target = self.addresses[record_id]
        return source_link(page, target.page, target.anchor)

    def _ref(self, ctx: Context, record_id: str, label: str | None = None) -> Markup:
        if label is None and record_id in self.renamed:
            return self._renamed_ref(ctx, record_id)
        shown = self._name_html(record_id) if label is None else plain(label, self._resolver(ctx))
        href = escape(self._href(ctx["page_path"], record_id))
        # f-strings rather than Markup.format: this runs tens of thousands of times per build.
        return Markup(f'<a href="{href}">{shown}</a>')  # noqa: S704 - both parts escaped above

    def _named_on(self, ctx: Context) -> dt.date:
        """The day a page names actors as of: the day it speaks for (a vote's), else its now."""
        day: dt.date | None = ctx.get("_named_on")
        return day if day is not None else ctx["_now"].moment.date()

    def _name_on(self, record_id: str, day: dt.date) -> str:
        """A record's name on `day`: a renamed actor's as it was then, any other's as it is."""
        actor = self.renamed.get(record_id)
        return name_on(actor, day) if actor is not None else self.names[record_id]

    def _name_then(self, ctx: Context, record_id: str) -> str:
        """A record's name on the page's day: a renamed actor's name as it was then."""
        return self._name_on(record_id, self._named_on(ctx))

    def _renamed_ref(self, ctx: Context, record_id: str) -> Markup:
        """A link to a renamed actor under the name of the page's day; on a page of a day before its
        now (a vote's), with the name it had by then noted: 'Swaziland (now Eswatini)'."""
        actor = self.renamed[record_id]
        then, now = name_on(actor, self._named_on(ctx)), name_on(actor, ctx["_now"].moment.date())
        href = escape(self._href(ctx["page_path"], record_id))
        later = f" <small>(now {escape(now)})</small>" if now != then else ""
        return Markup(f'<a href="{href}">{escape(then)}</a>{later}')  # noqa: S704 - every part escaped

    def _refs(self, ctx: Context, record_ids: tuple[str, ...]) -> Markup:
        return Markup(", ").join(self._ref(ctx, record_id) for record_id in record_ids)

    def _name_html(self, record_id: str) -> str:
        """A record's name as escaped HTML with abbreviations marked, made once per record."""
        if record_id not in self._names_html:
            self._names_html[record_id] = plain(self.names[record_id], Resolver(lambda _: ("", ""), self.abbreviations))
        return self._names_html[record_id]

    def _url(self, ctx: Context, record_id: str) -> str:
        return self._href(ctx["page_path"], record_id)

    def _page_url(self, ctx: Context, page: str, anchor: str | None = None) -> str:
        return source_link(ctx["page_path"], page, anchor)

    def _name(self, ctx: Context, record_id: str) -> str:
        return self._name_then(ctx, record_id)

    def _words(self, ctx: Context, text: str) -> str:
        return strip_markup(text, self.short_names.__getitem__)

    def _claimed(self, ctx: Context, text: str, attribution: Attribution | None) -> str:
        """Prose as plain words followed by whose claim it is, for a page's description."""
        return claimed_text(self._words(ctx, text), attribution, self.names.__getitem__)

    def _resolver(self, ctx: Context) -> Resolver:
        page = ctx["page_path"]
        if page not in self._resolvers:
            # Each page explains an abbreviation at its first use (`explained`, one set per page).
            notes = self._notes.setdefault(page, PageNotes())
            self._resolvers[page] = Resolver(
                link=lambda rid: (
                    self._href(page, rid),
                    self._name_then(ctx, rid) if rid in self.renamed else self.short_names[rid],
                ),
                abbreviations=self.abbreviations,
                explained=set(),
                cite=lambda sid: notes.marker(sid, self.names[sid]),
            )
        return self._resolvers[page]

    def _prose(self, ctx: Context, text: str | None) -> Markup:
        # inline() escapes everything the editor typed and builds only its own tags.
        return Markup(inline(text, self._resolver(ctx))) if text else Markup("")  # noqa: S704

    def _plain(self, ctx: Context, text: str | None) -> Markup:
        # plain() escapes the text and adds only <abbr> tags of its own.
        return Markup(plain(text, self._resolver(ctx))) if text else Markup("")  # noqa: S704

    def _markers(self, ctx: Context, source_ids: tuple[str, ...]) -> Markup:
        """Note markers for sources, as if the text before them ended in [^id] for each."""
        cite = self._resolver(ctx).cite
        assert cite is not None
        return Markup("".join(cite(sid) for sid in source_ids))  # noqa: S704 - markers built from escaped parts

    def _cite(self, ctx: Context, source_ids: tuple[str, ...]) -> Markup:
        if not source_ids:
            return Markup("")
        page = ctx["page_path"]
        # A publisher cited twice is named once ("CNN (11 July 2012, 12 July 2012)", not "CNN, CNN"):
        # each of its sources is then linked by its date, or by its number where dates do not tell them apart.
        by_name: dict[str, list[str]] = {}
        for sid in source_ids:
            by_name.setdefault(self.names[sid], []).append(sid)
        links = []
        for name, ids in by_name.items():
            if len(ids) == 1:
                links.append(self._cite_link(page, ids[0], escape(name)))
                continue
            labels = self._cite_labels(ids)
            each = ", ".join(
                self._cite_link(page, sid, escape(label), f"{name}: {label}")
                for sid, label in zip(ids, labels, strict=True)
            )
            links.append(f"{escape(name)} ({each})")
        plural = "s" if len(source_ids) > 1 else ""
        return Markup(f'<span class="se-cite">Source{plural}: {", ".join(links)}</span>')  # noqa: S704 - parts escaped

    def _cite_link(self, page: str, source_id: str, shown: str, label: str = "") -> str:
        """A link to a source, with its title and date as the tooltip (and a full name for screen readers)."""
        aria = f' aria-label="{escape(label)}"' if label else ""
        href = escape(self._href(page, source_id))
        return f'<a href="{href}" title="{self._source_title(source_id)}"{aria}>{shown}</a>'

    def _cite_labels(self, source_ids: list[str]) -> list[str]:
        """How to tell one publisher's sources apart, as plain text: their dates when all differ, else numbers."""
        dates = []
        for sid in source_ids:
            source = self.records[sid]
            assert isinstance(source, Source)
            dates.append(source.date.display(self.language) if source.date else "")
        if all(dates) and len(set(dates)) == len(dates):
            return dates
        return [str(number) for number in range(1, len(source_ids) + 1)]

    def _when(self, ctx: Context, date: FuzzyDate | Timestamp) -> Markup:
        """A date or a moment as readers of the story's language see it, in a <time> element
        with its ISO form for machines (a date's first day), made once per value. A day known
        in advance that is still ahead of the page's now says "(scheduled)" and has the class
        `scheduled` (after the date, so that it reads in any sentence: "from 5 April to ...")."""
        ahead = isinstance(date, FuzzyDate) and date.scheduled and date.earliest > ctx["_now"].moment.date()
        if (date, ahead) not in self._times:
            machine = date.start.iso() if isinstance(date, FuzzyDate) else date.iso()
            shown = escape(date.display(self.language))
            self._times[date, ahead] = Markup(  # noqa: S704 - escaped
                f'<time class="scheduled" datetime="{machine}">{shown} (scheduled)</time>'
                if ahead
                else f'<time datetime="{machine}">{shown}</time>'
            )
        return self._times[date, ahead]

    def _source_title(self, source_id: str) -> str:
        """The tooltip of a citation, escaped for an attribute (made once per source)."""
        if source_id not in self._titles:
            source = self.records[source_id]
            assert isinstance(source, Source)
            # The tooltip says what kind of publisher it is: every list of sources shows it.
            kind = views.publisher_type(source)
            title = (
                f"{source.title} ({kind}, {source.date.display(self.language)})"
                if source.date
                else f"{source.title} ({kind})"
            )
            self._titles[source_id] = escape(title)
        return self._titles[source_id]

    # -- pages ----------------------------------------------------------------------

    def page(self, path: str, template: str, title: str, source: str, **values: Any) -> Page:
        # Notes are numbered afresh each time a page is rendered (mkdocs serve renders it again).
        self._resolvers.pop(path, None)
        self._notes.pop(path, None)
        values.setdefault("_now", self.content.story.now)  # the page's now: see _when
        text = self.env.get_template(template).render(
            page_path=path, title=title, edit_path=self._edit_path(source), **self.globals, **values
        )
        return Page(path, title, _tidy(text + self._notes_list(path) + self._steps(path, values["trail"])), source)

    def _steps(self, path: str, trail: Trail) -> str:
        """The way on from a page, after everything else: the pages before and after it in each list
        it is a step of, and the way back to the list."""
        if not trail.steps:
            return ""
        return "\n\n" + self.env.get_template(STEPS_TEMPLATE).render(
            page_path=path, trail=trail, _now=self.content.story.now, **self.globals
        )

    def _published(self, date: FuzzyDate) -> str:
        """A source's date: when it was published, so never ahead of a page and never "(scheduled)"."""
        return f'<time datetime="{date.start.iso()}">{escape(date.display(self.language))}</time>'

    def _notes_list(self, page: str) -> str:
        """The page's numbered notes, one per source its prose cites, after everything else."""
        notes = self._notes.get(page)
        if notes is None or not notes.numbers:
            return ""
        items = []
        for source_id, number in notes.numbers.items():
            source = self.records[source_id]
            assert isinstance(source, Source)
            link = f'<a href="{escape(self._href(page, source_id))}">{escape(source.publisher)}</a>'
            date = f", {self._published(source.date)}" if source.date else ""
            # Each note says what kind of publisher it is, and a weak one says so in words, so that a
            # reader can weigh every claim where it is made, not only on the sources page.
            kind = f' <span class="se-source-type">{escape(views.publisher_type(source))}</span>'
            weak = source_weakness(source)
            flag = f' <strong class="se-weak-source">Weak source: {escape(weak[0])}.</strong>' if weak else ""
            weak_class = ' class="se-weak"' if weak else ""
            items.append(
                f'<li id="{note_id(number)}"{weak_class}>{link}{kind}: '
                f"<cite>{escape(source.title)}</cite>{date}.{flag} {notes.back_links(source_id)}</li>"
            )
        return f'\n\n## {NOTES_HEADING}\n\n<ol class="se-notes">\n' + "\n".join(items) + "\n</ol>\n"

    def _edit_path(self, source: str) -> str:
        """The content file a page comes from, as a URL path from the folder that holds the content
        folder (the repository's root): the theme joins it to the repository's edit address, the
        same in every builder. Written the same however the content folder was named to us."""
        inside = posixpath.relpath(source, self._shown_root)
        return edit_path(posixpath.join(self._content_folder, inside))

    def specs(self) -> list[PageSpec]:
        """Every page to render, with its template and values, in a stable order."""
        data = StructuredData(self.content, self.facts, self.names)
        overview = StructuredData(*self.at_now, self.names).article()
        special = {"index.md": overview, "timeline.md": data.timeline(), "quotes.md": data.quotes()}
        headline = self.content.story.current_headline
        # A split section's page lists its parts, not its entries: its structured data too.
        for path in self.addresses.split.sections():
            special.pop(path, None)
        specs = []
        for section in SECTIONS:
            for path, title, view in self._pages_of(section):
                specs.append(
                    PageSpec(
                        path,
                        section.template,
                        title,
                        self._source_of(section.path),
                        {
                            "page": view,
                            "jsonld": (special.get(path) or data.collection(title, f"{title}: {headline}")),
                            "trail": self.trails.of_section(path, section.toc),
                        },
                    )
                )
        for actor in self.content.actors:
            specs.append(
                PageSpec(
                    address(ACTORS, actor.id).page,
                    RECORD_TEMPLATES[ACTORS.name],
                    actor.name,
                    self.content.origins[actor.id].file,
                    {
                        "page": views.actor_page(self.content, self.facts, self.facts.actors[actor.id]),
                        "jsonld": data.actor(actor),
                        "trail": self.trails.of_actor(actor.id),
                    },
                )
            )
        for document in self.content.documents:
            specs.append(
                PageSpec(
                    address(DOCUMENTS, document.id).page,
                    RECORD_TEMPLATES[DOCUMENTS.name],
                    self.names[document.id],
                    self.content.origins[document.id].file,
                    {
                        "page": views.document_page(
                            self.facts.votes[document.id], self.facts.marks, embeds.vote_code(self.export, document)
                        ),
                        "jsonld": data.document(document),
                        "trail": self.trails.of_document(document.id),
                        # A vote's page names the members as they were called on the day of the vote.
                        "_named_on": document.vote.date.latest if document.vote else None,
                    },
                )
            )
        return specs + self.edition_specs()

    @functools.cached_property
    def at_now(self) -> tuple[Content, Facts]:
        """The content as of the story's now (editions.as_of) and its facts: what the overview shows."""
        now = as_of(self.content, self.content.story.now)
        return now, self.facts if now is self.content else derive(now)

    def edition_specs(self) -> list[PageSpec]:
        """A page per update: the overview as it stood then, whose now is the update."""
        specs = []
        for update in self.content.story.updates:
            dated = as_of(self.content, update.at)
            facts = derive(dated)
            view = EDITIONS.view(dated, facts, update)
            specs.append(
                PageSpec(
                    edition_path(update.at),
                    EDITIONS.template,
                    view.title,
                    self.content.story_file,
                    {
                        "page": view,
                        "jsonld": StructuredData(dated, facts, self.names).article(),
                        "_now": update.at,
                        "trail": self.trails.of_edition(update.at),
                    },
                )
            )
        return specs

    def _pages_of(self, section: Section) -> list[tuple[str, str, object]]:
        """A section's page, and when it is split (parts.py) the page of each of its parts."""
        split = self.addresses.split
        parts = split.sections().get(section.path)
        if parts is None:
            if section.path == EDITIONS.of:
                # The overview is the edition at the story's now: made the same way as every other.
                return [(section.path, section.title, section.view(*self.at_now))]
            return [(section.path, section.title, section.view(self.content, self.facts))]
        content, facts = self.content, self.facts

        def view(here: Part | None) -> object:
            if section.path == split_pages.WHO:
                return views.actors_page(content, facts, parts, here, dict(split.actor_parts))
            if section.path == split_pages.TIMELINE:
                return timeline_view.timeline_page(content, facts, split.timeline, here)
            if section.path == split_pages.DEFECTIONS_PAGE:
                return views.defections_page(facts, split.defections, here)
            if section.path == split_pages.QUOTES_PAGE:
                return views.quotes_page(content, facts, split.quotes, here)
            if section.path == split_pages.FIGURES_PAGE:
                return views.figures_page(facts, parts, here, split.figure_parts)
            return views.sources_page(content, facts, parts, here, dict(split.source_parts))

        return [(section.path, section.title, view(None))] + [
            (part.page, f"{section.title}: {part.label}", view(part)) for part in parts.parts
        ]

    def render(self) -> Site:
        pages = [self.page(s.path, s.template, s.title, s.source, **s.values) for s in self.specs()]
        return Site(
            {p.path: p for p in sorted(pages, key=lambda p: p.path)},
            dict(sorted({**exports.build(self.export), **fonts.files()}.items())),
            self.content.story.short_name,
            self.content.story.language,
            strip_markup(self.content.story.current_summary, self.names.__getitem__),
            self.content.story.copyright or "",
        )

    def _source_of(self, section: str) -> str:
        """The content file an edit link for a section page opens: the first file of the first
        kind the section lists, or story.yml."""
        for kind in KINDS:
            if kind.section == section:
                return self._first_files.get(kind.name, self.content.story_file)
        return self.content.story_file

    @functools.cached_property
    def _first_files(self) -> dict[str, str]:
        """Each kind's first content file, found in one pass (a section page asks for its own)."""
        first: dict[str, str] = {}
        for record_id, origin in self.content.origins.items():
            name = self.kinds[record_id].name
            if name not in first or origin.file < first[name]:
                first[name] = origin.file
        return first


@dataclass(frozen=True)
class PageSpec:
    """A page to render: where it goes, its template and title, the file its edit link opens, its values."""

    path: str
    template: str
    title: str
    source: str
    values: dict[str, Any]


class _FilterAwareCache(FileSystemBytecodeCache):
    """Jinja's file cache, keyed also by the filters: Jinja compiles a call to a filter that
    takes the context differently from one that does not, and checks a cached entry only
    against the template's source, so a changed filter would run stale compiled code."""

    def __init__(self, folder: Path, filters: dict[str, Any]) -> None:
        super().__init__(str(folder))
        shape = sorted((name, bool(getattr(f, "jinja_pass_arg", None))) for name, f in filters.items())
        self.salt = hashlib.sha256(repr((jinja2.__version__, shape)).encode()).hexdigest()[:16]

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return hashlib.sha256(f"{self.salt}:{super().get_cache_key(name, filename)}".encode()).hexdigest()


def _bytecode_cache(filters: dict[str, Any]) -> FileSystemBytecodeCache | None:
    """Compiled templates kept between runs in the user's cache folder (a fresh process would
    otherwise spend about 80 ms compiling them). Jinja checks each entry against its source."""
    folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "story-explainer" / "jinja"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # a read-only home: compile every time
    return _FilterAwareCache(folder, filters)


def shown_name(content: Content, record: Record) -> str:
    """The name links, lists and data show for a record: one that is wholly someone's claim (an
    event told on someone's word) says whose, wherever it is named."""
    own = getattr(record, "attribution", None)
    claim = own if isinstance(own, Attribution) else None
    return claimed_text(content.name_of(record), claim, content.actor_name)


def _delegate(method: str) -> Any:
    """A filter that calls a method of the page's renderer, with the template context."""

    @pass_context
    def call(ctx: Context, *args: Any) -> Any:
        return getattr(ctx["_renderer"], method)(ctx, *args)

    return call


@functools.cache
def _environment(templates: Path) -> Environment:
    """One Jinja environment per template folder, kept so templates compile once per process.

    Jinja checks each template's modification time, so edited templates still reload.
    """
    env = Environment(
        loader=FileSystemLoader(templates),
        undefined=StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    # The templates' words come from the same catalogs as the views' (content/i18n.py), in the
    # language being written: `{{ _("Sources") }}`, `{{ _("%(n)s votes", n=...) }}`, `{% trans %}`.
    env.install_gettext_callables(  # type: ignore[attr-defined]
        i18n._, i18n.ngettext, newstyle=True, pgettext=i18n.pgettext, npgettext=i18n.npgettext
    )
    env.filters.update(
        {
            name: _delegate(f"_{name}")
            for name in (
                "ref",
                "refs",
                "url",
                "page_url",
                "prose",
                "plain",
                "cite",
                "markers",
                "name",
                "words",
                "when",
                "claimed",
            )
        },
        md=_markdown_text,
        front_matter=_front_matter,
        jsonld=_jsonld,
        language=language_name,
        claim=claim_note,  # an Attribution as the phrase printed after the text it qualifies
    )
    env.bytecode_cache = _bytecode_cache(env.filters)
    return env


def edit_path(source: str) -> str:
    """A content file's path for an edit link: themes print it into an href as it is, so every
    part of it is URL-quoted."""
    return urllib.parse.quote(source, safe="/")


def _front_matter(value: str, *, text: bool = True) -> Markup:
    """A front matter value as a YAML double-quoted string in printable ASCII, which MkDocs'
    front-matter parser always reads back as data (text: spaces collapsed and HTML-escaped first)."""
    if text:
        value = escape(" ".join(value.split()))  # MkDocs' templates print titles as they are

    # One character YAML refuses (DEL, C1 controls, U+FFFE, U+FFFF) and MkDocs silently keeps the
    # whole block as Markdown, where attr_list makes live attributes. So every character outside
    # printable ASCII is written as an escape: \U for astral ones (libyaml refuses JSON's surrogate
    # pairs), and U+FFFD for a lone surrogate, which no escape can carry.
    def yaml_escape(match: re.Match[str]) -> str:
        code = ord(match.group())
        code = 0xFFFD if 0xD800 <= code <= 0xDFFF else code
        return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"

    quoted = re.sub(r"[^\x20-\x7e]", yaml_escape, json.dumps(value, ensure_ascii=False))
    return Markup(quoted)  # noqa: S704


def _jsonld(data: dict[str, Any]) -> Markup:
    """JSON-LD for the front matter: script-safe JSON, as a front matter string (read as it is)."""
    return _front_matter(script_safe(data), text=False)


def _markdown_text(text: str) -> Markup:
    """Text for a Markdown heading: md_escape turns every special character into an entity."""
    return Markup(md_escape(text))  # noqa: S704


def _tidy(text: str) -> str:
    """Strip trailing spaces and runs of blank lines, so output is stable and diffable."""
    lines = [line.rstrip() for line in text.splitlines()]
    tidy: list[str] = []
    for line in lines:
        if line or (tidy and tidy[-1]):
            tidy.append(line)
    return "\n".join(tidy).strip() + "\n"
