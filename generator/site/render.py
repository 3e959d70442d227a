"""Render the derived facts into Markdown pages with Jinja templates from `generator/site/templates/`.

Pages are Markdown with HTML blocks: headings stay Markdown (for the table of
contents), the data is HTML printed by templates, so that nothing an editor types
is read as Markdown or HTML a second time. Everything is escaped on the way out
unless the generator made it safe (`Markup`).
"""

from __future__ import annotations

import datetime as dt
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2.runtime import Context
from markupsafe import Markup

from generator.content.dates import FuzzyDate, Timestamp
from generator.content.kinds import ACTORS, DOCUMENTS
from generator.content.load import Content, display_root
from generator.content.models import (
    Attribution,
    Record,
    Source,
)
from generator.content.pages import edition_path
from generator.content.prose import strip_markup
from generator.content.weak_sources import source_weakness
from generator.facts import views
from generator.facts.addresses import address, source_link
from generator.facts.derivation import Derivation
from generator.facts.names import name_on
from generator.facts.parts import WHOLE, Scope
from generator.facts.sections import Section
from generator.facts.sentences import claimed_text
from generator.facts.trail import Trail, Trails
from generator.site import exports, fonts
from generator.site.environment import TEMPLATES, edit_path, environment, tidy
from generator.site.exports import embeds
from generator.site.html import Resolver, escape, inline, plain
from generator.site.jsonld import StructuredData
from generator.site.notes import NOTES_HEADING, PageNotes, note_id
from generator.site.page_charts import Charts

# Templates for the kinds that have a page per record (the kind's `home` is a folder).
RECORD_TEMPLATES = {ACTORS.name: "actor.md.html", DOCUMENTS.name: "document.md.html"}

# The way on from a page (facts/trail.py), printed after its notes.
STEPS_TEMPLATE = "_steps.md.html"


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


class Renderer:
    """Holds what every page needs: the content, the facts, addresses and templates."""

    def __init__(
        self,
        derived: Derivation,
        templates: Path = TEMPLATES,
        directory_urls: bool = True,
        site_url: str | None = None,
        content_path: str | None = None,
    ) -> None:
        content, facts = derived.content, derived.facts
        self.derived, self.content, self.facts, self.directory_urls = derived, content, facts, directory_urls
        self.addresses = derived.addresses
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
        self.env = environment(templates)
        # Templates see their page's view, the charts and their title; the filters reach the
        # renderer through the context (a test keeps templates from using it directly).
        self.globals = {"_renderer": self, "charts": Charts(facts, self.names.__getitem__, self._name_on)}
        self.trails = Trails(content, facts, self.addresses, self.names.__getitem__, derived.sections.titles)
        self.export = exports.Export(content, facts, self.names, templates, self.addresses, directory_urls, site_url)
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
        return Page(path, title, tidy(text + self._notes_list(path) + self._steps(path, values["trail"])), source)

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
        overview = StructuredData(self.derived.now.content, self.derived.now.facts, self.names).article()
        special = {"index.md": overview, "timeline.md": data.timeline(), "quotes.md": data.quotes()}
        headline = self.content.story.current_headline
        # A split section's page lists its parts, not its entries: its structured data too.
        for path in self.addresses.split.sections():
            special.pop(path, None)
        specs = []
        for section in self.derived.sections.sections:
            source = self.derived.sections.edit_file(self.content, section.path)
            for path, title, view in self._pages_of(section):
                specs.append(
                    PageSpec(
                        path,
                        section.template,
                        title,
                        source,
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

    def edition_specs(self) -> list[PageSpec]:
        """A page per update: the overview as it stood then, whose now is the update."""
        specs = []
        editions = self.derived.sections.editions
        for edition in self.derived.editions:
            update = edition.update
            view = editions.view(edition.content, edition.facts, WHOLE, update)
            specs.append(
                PageSpec(
                    edition_path(update.at),
                    editions.of.template,
                    view.title,
                    self.content.story_file,
                    {
                        "page": view,
                        "jsonld": StructuredData(edition.content, edition.facts, self.names).article(),
                        "_now": update.at,
                        "trail": self.trails.of_edition(update.at),
                    },
                )
            )
        return specs

    def _pages_of(self, section: Section[Any]) -> list[tuple[str, str, object]]:
        """A section's page, and when it is split (parts.py) the page of each of its parts."""
        division = self.addresses.split.divisions.get(section.path)
        if division is None:
            # The overview is the edition at the story's now: made the same way as every other.
            now = self.derived.now if section is self.derived.sections.editions.of else self.derived
            return [(section.path, section.title, section.view(now.content, now.facts, WHOLE))]
        content, facts = self.content, self.facts
        return [(section.path, section.title, section.view(content, facts, Scope(division)))] + [
            (part.page, f"{section.title}: {part.label}", section.view(content, facts, Scope(division, part)))
            for part in division.parts.parts
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


@dataclass(frozen=True)
class PageSpec:
    """A page to render: where it goes, its template and title, the file its edit link opens, its values."""

    path: str
    template: str
    title: str
    source: str
    values: dict[str, Any]


def shown_name(content: Content, record: Record) -> str:
    """The name links, lists and data show for a record: one that is wholly someone's claim (an
    event told on someone's word) says whose, wherever it is named."""
    own = getattr(record, "attribution", None)
    claim = own if isinstance(own, Attribution) else None
    return claimed_text(content.name_of(record), claim, content.actor_name)
