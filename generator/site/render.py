"""Render the derived facts into Markdown pages with Jinja templates from `generator/site/templates/`.

Pages are Markdown with HTML blocks: headings stay Markdown (for the table of
contents), the data is HTML printed by templates, so that nothing an editor types
is read as Markdown or HTML a second time. Everything is escaped on the way out
unless the generator made it safe (`Markup`).
"""

from __future__ import annotations

import datetime as dt
import functools
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2.runtime import Context
from markupsafe import Markup

from generator.content.dates import FuzzyDate, Timestamp
from generator.content.i18n import N_, _
from generator.content.load import display_root
from generator.content.models import Attribution, Event
from generator.content.prose import plain_words, strip_markup
from generator.facts.addresses import Address
from generator.facts.derivation import Derivation
from generator.facts.names import name_on
from generator.facts.sections import SECTION_TITLES
from generator.facts.sentences import Phrase, claim_note, claimed_text
from generator.facts.trail import Link, Steps, Trail
from generator.facts.views import Download, Mention
from generator.site import exports, fonts
from generator.site.citing import Citations
from generator.site.environment import TEMPLATES, Pages, _gettext, crumb_item, edit_path, environment, front, tidy
from generator.site.environment import output_escape as autoescape  # as templates escape what they print
from generator.site.html import (
    Resolver,
    abbreviation_pattern,
    abbreviator,
    as_markup,
    escape,
    inline,
    marked_plain,
    marker,
    named_link,
    plain,
)
from generator.site.links import Links
from generator.site.notes import PageNotes
from generator.site.page_charts import Charts
from generator.site.specs import PageSpec, Specs
from generator.site.theme_words import theme_words


@dataclass(frozen=True)
class Page:
    """One rendered page: its Markdown, its title, and the content file it comes from."""

    path: str
    title: str
    text: str
    source: str
    # The pages and files it links to (source paths), each with the first anchor it links to: a
    # builder reports those that are not in the site (links.py).
    links: dict[str, str | None] = field(default_factory=dict)


@dataclass(frozen=True)
class Site:
    """The rendered pages, and the files published beside them (data, feeds, embeds) by path."""

    pages: dict[str, Page] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)
    name: str = ""  # the story's stable short name (Story.short_name): the site's name, in every header
    language: str = ""  # the story's checked language tag (the theme's interface language follows it)
    description: str = ""  # the story's summary as it reads now, in plain words: the site's description
    copyright: str = ""  # the story's `copyright` line, if it sets one: the site's footer
    # The words the theme prints around the pages (theme/main.html), in the story's language, by
    # name: the MkDocs adapter hands them to the theme as `config.extra.story_words`.
    words: dict[str, str] = field(default_factory=dict)
    # The section pages' titles by path, in the story's language: the navigation shows these.
    sections: dict[str, str] = field(default_factory=dict)


class Renderer:
    """Holds what every page needs: the content, the facts, addresses and templates."""

    def __init__(
        self,
        derived: Derivation,
        templates: Path = TEMPLATES,
        directory_urls: bool = True,
        site_url: str | None = None,
        content_path: str | None = None,
        url_links: bool = False,
    ) -> None:
        content, facts = derived.content, derived.facts
        self.derived, self.content, self.facts, self.directory_urls = derived, content, facts, directory_urls
        self.addresses = derived.addresses
        # The addresses by record id, read as a dict: the filters look up some 40,000 a build, and
        # each through Addresses.__getitem__ was a Python call around the same lookup.
        self._address = derived.addresses.by_id
        self.records, self.kinds = content.by_id, content.kinds
        self.names = derived.names
        # What [[id]] prints in running text: a record's short name where the editor gave one.
        self.short_names = {rid: content.short_name_of(r) for rid, r in self.records.items()}
        self.renamed = {a.id: a for a in content.actors if a.earlier_names}  # actors named otherwise before
        self.abbreviations = {t.term: t.expansion for t in content.glossary if t.expansion}
        self._abbreviation_pattern = abbreviation_pattern(self.abbreviations)
        # What marks abbreviations in records' names (no first use explained), made once, not per name.
        self._abbreviate = abbreviator(self.abbreviations)
        self._names_html: dict[str, str] = {}
        self._resolvers: dict[str, Resolver] = {}
        self._notes: dict[str, PageNotes] = {}
        # <time> elements by date and whether it is ahead, made once per value (_made_times); found
        # first by the date object (its id), as a date's own hash and equality walk its fields. The
        # date is kept beside its element, so its id cannot pass to another object meanwhile.
        self._made_times: dict[tuple[FuzzyDate | Timestamp, bool], Markup] = {}
        self._times: dict[tuple[int, bool], tuple[FuzzyDate | Timestamp, Markup]] = {}
        # Links and "Sources:" lines by where they are seen from (_origin) and what they link to.
        self._links: dict[tuple[str, str], Markup] = {}
        self._citations: dict[tuple[str, tuple[str, ...]], Markup] = {}
        # Events as lines of a list, by origin, event and now, each kept beside its line (_dated).
        self._lines: dict[tuple[str, int, int], tuple[Event, Any, Markup]] = {}
        self._mentions: dict[tuple[str, str, str], Markup] = {}  # mentions, by origin, id and kind (_mentioned)
        self._asides: dict[tuple[str, tuple[Download, ...]], Markup] = {}  # data files, by origin (_downloads)
        self._crumbs: dict[tuple[str, str, str | None, str], str] = {}  # breadcrumbs' items, by origin (_crumb)
        self._plain_texts: dict[str, Markup] = {}  # plain texts that read the same on every page (_plain)
        self._prose_links: dict[tuple[str, str], str] = {}  # by origin and record (_prose_link)
        self._frames: dict[tuple[str, str, str, str | None, str], tuple[str, str]] = {}  # by origin (_step_frame)
        self._targets: dict[tuple[str, ...], tuple[Address, ...]] = {}  # records' addresses (_origin)
        # An event's address and its sources', by the event (its id), kept beside them (_dated).
        self._line_targets: dict[int, tuple[Event, tuple[Address, ...]]] = {}
        self.language = content.story.language
        # The story's now, worked out once: Story.now takes the latest of every update and correction
        # at each reading, and each page and each of its steps (_step) read it.
        self._now = content.story.now
        self.env = environment(templates)
        self.pages = Pages(self.env)
        self.citations = Citations(self.records, self.names, self.language, self._href, self._made_href)
        # Templates see their page's view, the charts and their title; the filters reach the
        # renderer through the context (a test keeps templates from using it directly).
        self.globals = {"_renderer": self, "charts": Charts(facts, self.names.__getitem__, self._name_on)}
        self.trails = derived.trails
        self.export = exports.Export(content, facts, self.names, templates, self.addresses, directory_urls, site_url)
        # The content folder from the repository's root, for edit links: its name unless told (stories/libya).
        self._shown_root = display_root(content.root)
        self._content_folder = content_path or content.root.resolve().name
        self._edit_paths: dict[str, str] = {}  # by content file
        # Links from each page's source, for any builder, or as URLs from its address (`url_links`).
        self.links = Links(url_links, directory_urls)

    # -- filters: each knows the page it prints on, so links are relative ---------------
    # The page's path and its now are render() arguments, which no template sets: the filters read
    # them from the context's parent, a plain dict, rather than through Context's lookup of local
    # variables first (some 40,000 reads a build).

    def _href(self, page: str, record_id: str) -> str:
        target = self._address[record_id]
        return self.links.link(page, target.page, target.anchor)

    def _made_href(self, page: str, origin: str, record_id: str) -> str:
        """_href, for a record noted for the page already with this origin (Links.made)."""
        target = self._address[record_id]
        return self.links.made(page, origin, target.page, target.anchor)

    def _origin(self, page: str, record_ids: tuple[str, ...]) -> str:
        """What links from `page` to these records depend on (Links.origin): a folder a thousand
        actor pages share, or the page itself. Each target the links go to is noted for the page,
        as making them would (a builder reports a target missing from the site)."""
        if len(record_ids) == 1:  # most links and citations: one origin, no set to build
            target = self._address[record_ids[0]]
            return self.links.saw(page, target.page, target.anchor)
        targets = self._targets.get(record_ids)
        if targets is None:  # an event's line and a citation link to the same records from every page
            targets = self._targets[record_ids] = tuple(self._address[record_id] for record_id in record_ids)
        return self.links.saw_all(page, targets)

    def _ref(self, ctx: Context, record_id: str, label: str | None = None) -> Markup:
        if label is not None:
            # A label is the page's text: it explains an abbreviation at its first use on the page.
            shown = plain(label, self._resolver(ctx))
            href = escape(self._href(ctx.parent["page_path"], record_id))
            return as_markup(f'<a href="{href}">{shown}</a>')  # both parts escaped
        if record_id in self.renamed:
            return self._renamed_ref(ctx, record_id)
        page = ctx.parent["page_path"]
        target = self._address[record_id]
        return self._named(page, self.links.saw(page, target.page, target.anchor), record_id)  # _origin of one

    def _named(self, page: str, origin: str, record_id: str) -> Markup:
        """A link under a record's name, the record noted for the page with this origin (Links.saw). It
        reads the same from every page of the origin: made once."""
        link = self._links.get((origin, record_id))
        if link is None:
            target = self._address[record_id]
            href = escape(self.links.made(page, origin, target.page, target.anchor))
            # f-strings rather than Markup.format: this runs tens of thousands of times per build.
            link = self._links[origin, record_id] = as_markup(f'<a href="{href}">{self._name_html(record_id)}</a>')
        return link

    def _named_on(self, ctx: Context) -> dt.date:
        """The day a page names actors as of: the day it speaks for (a vote's), else its now."""
        day: dt.date | None = ctx.get("_named_on")
        return day if day is not None else ctx.parent["_now"].moment.date()

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
        then, now = name_on(actor, self._named_on(ctx)), name_on(actor, ctx.parent["_now"].moment.date())
        href = escape(self._href(ctx.parent["page_path"], record_id))
        now_called = escape(_("(now {name})").format(name=now))
        later = f" <small>{now_called}</small>" if now != then else ""
        return as_markup(f'<a href="{href}">{escape(then)}</a>{later}')  # every part escaped

    def _refs(self, ctx: Context, record_ids: tuple[str, ...]) -> Markup:
        # The list's commas are the language's (Arabic writes "، ").
        # The links are Markup already: joined as text, not escaped again one by one as Markup.join does.
        return as_markup(escape(_(", ")).join([self._ref(ctx, rid) for rid in record_ids]))  # escaped

    def _name_html(self, record_id: str) -> str:
        """A record's name as escaped HTML with abbreviations marked, made once per record."""
        if record_id not in self._names_html:
            self._names_html[record_id] = marked_plain(self.names[record_id], self._abbreviate, note=False)
        return self._names_html[record_id]

    def _url(self, ctx: Context, record_id: str) -> str:
        return self._href(ctx.parent["page_path"], record_id)

    def _page_url(self, ctx: Context, page: str, anchor: str | None = None) -> str:
        return self.links.link(ctx.parent["page_path"], page, anchor)

    def _name(self, ctx: Context, record_id: str) -> str:
        return self._name_then(ctx, record_id)

    def _words(self, ctx: Context, text: str) -> str:
        # As strip_markup, without the parser for prose whose only markup is [[id]] (prose.words_and_refs).
        return plain_words(text, self.short_names.__getitem__)

    def _claimed(self, ctx: Context, text: str, attribution: Attribution | None) -> str:
        """Prose as plain words followed by whose claim it is, for a page's description."""
        return claimed_text(self._words(ctx, text), attribution, self.names.__getitem__)

    def _resolver(self, ctx: Context) -> Resolver:
        page = ctx.parent["page_path"]
        if page not in self._resolvers:
            # Each page explains an abbreviation at its first use (`explained`, one set per page).
            notes = self._notes.setdefault(page, PageNotes())
            resolver = Resolver(
                link=lambda rid: (
                    self._href(page, rid),
                    self._name_then(ctx, rid) if rid in self.renamed else self.short_names[rid],
                ),
                abbreviations=self.abbreviations,
                explained=set(),
                cite=lambda sid: notes.marker(sid, self.names[sid]),
                pattern=self._abbreviation_pattern,
            )
            # One marker per page, and links in running text made once per origin (_prose_link).
            named = functools.partial(self._prose_link, ctx, page)
            self._resolvers[page] = resolver._replace(marked=marker(resolver), named=named)
        return self._resolvers[page]

    def _prose_link(self, ctx: Context, page: str, record_id: str) -> str:
        """A link in running text to a record under its short name (html.named_link), as the page's
        resolver's `link` gives it; made once per origin, as _named is. A renamed actor's name is
        the page's day's: made each time."""
        target = self._address[record_id]
        origin = self.links.saw(page, target.page, target.anchor)
        if record_id in self.renamed:
            href = self.links.made(page, origin, target.page, target.anchor)
            return named_link(href, self._name_then(ctx, record_id))
        link = self._prose_links.get((origin, record_id))
        if link is None:
            href = self.links.made(page, origin, target.page, target.anchor)
            link = self._prose_links[origin, record_id] = named_link(href, self.short_names[record_id])
        return link

    def _prose(self, ctx: Context, text: str | None) -> Markup:
        # inline() escapes everything the editor typed and builds only its own tags.
        return as_markup(inline(text, self._resolver(ctx))) if text else Markup("")

    def _plain(self, ctx: Context, text: str | None) -> Markup:
        # plain() escapes the text and adds only <abbr> tags of its own.
        if not text:
            return Markup("")
        shown = self._plain_texts.get(text)
        if shown is not None and type(text) is str:
            return shown
        shown = as_markup(plain(text, self._resolver(ctx)))
        # A plain str in which no abbreviation was marked reads the same on every page (only an
        # abbreviation's first use on a page differs): kept, as the sentences around links repeat
        # the same few words on every page.
        if type(text) is str and shown == escape(text):
            self._plain_texts[text] = shown
        return shown

    def _say(self, ctx: Context, phrase: Phrase) -> Markup:
        """A sentence made in facts/sentences.py: its text, links to records and dates, in order.
        (A filter, not a macro: pages print some 20,000 of them, and a Jinja macro call costs
        several times what the sentence does.)"""
        printed = [
            self._ref(ctx, bit.ref, bit.text or None)
            if bit.ref
            else self._when(ctx, bit.date)
            if bit.date
            else self._plain(ctx, bit.text)
            for bit in phrase
        ]
        return as_markup("".join(printed))  # each part is Markup made by the filters above

    def _uncertain(self, ctx: Context, text: str | None) -> Markup:
        """What the editor is unsure of, in a paragraph of its own; nothing for a certain record. (A
        filter, not a macro: the timeline asks once per entry, most of them certain.)"""
        if not text:
            return Markup("")
        said = _gettext(N_("Uncertain:"))
        return as_markup(f'<p class="se-uncertain"><strong>{said}</strong> {self._prose(ctx, text)}</p>')

    def _attributed(self, ctx: Context, attribution: Attribution | None) -> Markup:
        """Whose claim the text before it is, or nothing when it is stated as fact."""
        return self._say(ctx, claim_note(attribution)) if attribution else Markup("")

    def _markers(self, ctx: Context, source_ids: tuple[str, ...]) -> Markup:
        """Note markers for sources, as if the text before them ended in [^id] for each."""
        cite = self._resolver(ctx).cite
        assert cite is not None
        return as_markup("".join(cite(sid) for sid in source_ids))  # markers built from escaped parts

    def _cite(self, ctx: Context, source_ids: tuple[str, ...]) -> Markup:
        # A "Sources:" line reads the same from every page of a folder: made once per build. (An
        # actor page cites its events' sources, and the timeline the same ones again.)
        page = ctx.parent["page_path"]
        return self._sources_line(page, self._origin(page, source_ids), source_ids)

    def _sources_line(self, page: str, origin: str, source_ids: tuple[str, ...]) -> Markup:
        """A "Sources:" line, its sources noted for the page with this origin (_origin): made once per origin."""
        line = self._citations.get((origin, source_ids))
        if line is None:  # its sources' links may have been made for other lines: see Citations.cite
            line = self._citations[origin, source_ids] = self.citations.cite(page, source_ids, origin)
        return line

    def _dated(self, ctx: Context, event: Event) -> Markup:
        """An event as a line of a list: its date, a link under its name and its "Sources:" line, as
        `date|when`, `id|ref` and `sources|cite` print them. (One filter rather than three: an actor
        page lists six events on average, and each is the same line on every page of a folder, so
        the whole line is made once per build, keyed on where it is seen from as its parts are.)"""
        if event.id in self.renamed:  # named as of the page's day: not the same line everywhere
            return as_markup(
                f"{self._when(ctx, event.date)}: {self._ref(ctx, event.id)} {self._cite(ctx, event.sources)}"
            )
        # The event's address and its sources', looked up once per event; by the event itself (its
        # id, the event kept beside them), as an edition's copy of an event may cite fewer sources.
        found = self._line_targets.get(id(event))
        if found is None:
            targets = tuple(self._address[i] for i in (event.id, *event.sources))
            found = self._line_targets[id(event)] = (event, targets)
        page, now = ctx.parent["page_path"], ctx.parent["_now"]
        origin = self.links.saw_all(page, found[1])  # as _origin of them all
        # Found by the event and the page's now (its date's element depends on both; both kept beside
        # the line), so that a line made before costs no date's element to find.
        made = self._lines.get((origin, id(event), id(now)))
        if made is not None:
            return made[2]
        # Its parts by the origin of the whole line, its targets noted: not noted and worked out again
        # for the link and then for the sources. (Where they share none, the page itself is the origin.)
        when, link = self._time(event.date, now), self._named(page, origin, event.id)
        line = as_markup(f"{when}: {link} {self._sources_line(page, origin, event.sources)}")  # Markup parts
        self._lines[origin, id(event), id(now)] = (event, now, line)
        return line

    def _mentioned(self, ctx: Context, mention: Mention) -> Markup:
        """A record that mentions the page's subject: a link under its name, then what kind of record
        it is, as `id|ref` and `kind` print them (one filter call per line rather than a link and a
        value printed apart: an actor page lists five on average). Made once per origin and kind."""
        if mention.id in self.renamed:  # named as of the page's day: not the same line everywhere
            return as_markup(f"{self._ref(ctx, mention.id)} <small>({autoescape(mention.kind)})</small>")
        page = ctx.parent["page_path"]
        target = self._address[mention.id]
        origin = self.links.saw(page, target.page, target.anchor)  # as _ref: the same link for the origin
        line = self._mentions.get((origin, mention.id, mention.kind))
        if line is None:
            link, kind = self._named(page, origin, mention.id), autoescape(mention.kind)
            line = self._mentions[origin, mention.id, mention.kind] = as_markup(f"{link} <small>({kind})</small>")
        return line

    def _downloads(self, ctx: Context, files: tuple[Download, ...]) -> Markup:
        """The files a page's tables come from, in an aside after them; nothing without any. (A filter
        rather than the macro alone: a page importing the macros made a module of them each time,
        which cost more than printing this.) The same aside on every page of a folder is made once:
        a format's name is looked up in the catalog at each reading."""
        if not files:
            return Markup("")
        page = ctx.parent["page_path"]
        origins = {self.links.saw(page, file.path) for file in files}
        key = (origins.pop() if len(origins) == 1 else page, files)
        aside = self._asides.get(key)
        if aside is None:
            listed = " · ".join(
                f'<a href="{autoescape(self.links.link(page, file.path))}" download>{autoescape(file.name)}</a> '
                f"<small>({autoescape(file.format)})</small>"
                for file in files
            )
            about, lead = _gettext(N_("The data on this page")), _gettext(N_("The tables on this page as data:"))
            aside = self._asides[key] = as_markup(  # every value escaped
                f'<aside class="se-downloads" aria-label="{about}">\n'
                f"<p><strong>{lead}</strong> {listed}</p>\n</aside>\n"
            )
        return aside

    def _front(self, ctx: Context, title: str, description: str, search: bool = True) -> Markup:
        """The page's front matter and breadcrumb (environment.front), its description in plain words."""
        page = ctx.parent["page_path"]
        return front(
            title,
            self._words(ctx, description),
            ctx["edit_path"],
            ctx["trail"],
            ctx["jsonld"],
            search,
            lambda crumb: self._crumb(page, crumb),
        )

    def _crumb(self, page: str, crumb: Link) -> str:
        """A breadcrumb's item on a page (environment.crumb_item), made once per origin of its link: a
        thousand actor pages show the same three. A label left in another language (a str subclass
        that prints its own language) is made each time."""
        origin = self.links.saw(page, crumb.page, crumb.anchor)
        if type(crumb.label) is not str:
            return crumb_item(self.links.made(page, origin, crumb.page, crumb.anchor), crumb.label)
        key = (origin, crumb.page, crumb.anchor, crumb.label)
        item = self._crumbs.get(key)
        if item is None:
            item = self._crumbs[key] = crumb_item(self.links.made(page, origin, crumb.page, crumb.anchor), crumb.label)
        return item

    def _when(self, ctx: Context, date: FuzzyDate | Timestamp) -> Markup:
        """A date or a moment as readers of the story's language see it, in a <time> element
        with its ISO form for machines (a date's first day), made once per value. A day known
        in advance that is still ahead of the page's now says "(scheduled)" and has the class
        `scheduled` (after the date, so that it reads in any sentence: "from 5 April to ...")."""
        return self._time(date, ctx.parent["_now"])

    def _time(self, date: FuzzyDate | Timestamp, now: Any) -> Markup:
        """A date's <time> element (see _when) on a page whose now is `now` (an Update)."""
        ahead = isinstance(date, FuzzyDate) and date.scheduled and date.earliest > now.moment.date()
        key = (id(date), ahead)
        found = self._times.get(key)
        if found is not None:
            return found[1]
        element = self._made_times.get((date, ahead)) or self._time_element(date, ahead)
        self._times[key] = (date, element)
        return element

    def _time_element(self, date: FuzzyDate | Timestamp, ahead: bool) -> Markup:
        """A date's <time> element, made (see _when)."""
        machine = date.start.iso() if isinstance(date, FuzzyDate) else date.iso()
        shown = escape(date.display(self.language))
        scheduled = escape(_("{date} (scheduled)")).format(date=shown)
        element = as_markup(  # escaped
            f'<time class="scheduled" datetime="{machine}">{scheduled}</time>'
            if ahead
            else f'<time datetime="{machine}">{shown}</time>'
        )
        self._made_times[date, ahead] = element
        return element

    # -- pages ----------------------------------------------------------------------

    def page(self, path: str, template: str, title: str, source: str, **values: Any) -> Page:
        # Notes are numbered afresh each time a page is rendered (mkdocs serve renders it again).
        self._resolvers.pop(path, None)
        self._notes.pop(path, None)
        values.setdefault("_now", self._now)  # the page's now: see _when
        # dict() refuses a value given twice, as Template.render's keywords did.
        shown = dict(page_path=path, title=title, edit_path=self._edit_path(source), **self.globals, **values)
        text = self.pages.render(template, shown)
        notes = self.citations.notes_list(path, self._notes.get(path))
        text = tidy(text + notes + self._steps(path, values["trail"]))
        return Page(path, title, text, source, self.links.targets(path))

    def _steps(self, path: str, trail: Trail) -> str:
        """The way on from a page, after everything else: the pages before and after it in each list
        it is a step of, and the way back to the list."""
        if not trail.steps:
            return ""
        return "\n\n" + "".join(self._step_nav(path, steps, at == 0) for at, steps in enumerate(trail.steps))

    def _step_nav(self, path: str, steps: Steps, first: bool) -> str:
        """One list's way on (facts/trail.py), printed here rather than by a second
        template render per page, which cost a tenth of an actor page in Jinja's machinery alone.
        Dates read as of the story's now, links are made in the order the page prints them."""
        lines = [""]  # the list's heading (made with its way back, after the step before), then its steps
        if steps.before:
            rel = ' rel="prev"' if first else ""
            step = self._step(path, steps.before, _gettext(N_("← Previous")))
            lines.append(f'<li class="se-steps__before"><a href="{step[0]}"{rel}>{step[1]}</a></li>\n')
        lines[0], back = self._step_frame(path, steps)
        lines.append(back)
        if steps.after:
            rel = ' rel="next"' if first else ""
            step = self._step(path, steps.after, _gettext(N_("Next →")))
            lines.append(f'<li class="se-steps__after"><a href="{step[0]}"{rel}>{step[1]}</a></li>\n')
        lines.append("</ul>\n</nav>\n")
        return "".join(lines)

    def _step_frame(self, path: str, steps: Steps) -> tuple[str, str]:
        """A list's way on without its steps: its heading, and its way back, which read the same on
        every page of the list seen from one origin (a thousand actor pages are steps of a few lists):
        made once per origin. (Words left in another language print as the same str: output_escape.)"""
        back = steps.back
        origin = self.links.saw(path, back.page, back.anchor)
        key = (origin, steps.what, back.page, back.anchor, back.label)
        frame = self._frames.get(key)
        if frame is None:
            what = autoescape(steps.what)
            href = autoescape(self.links.made(path, origin, back.page, back.anchor))
            frame = (
                f'<nav class="se-steps" aria-label="{what}" data-search-exclude>\n'
                f'<p class="se-steps__what">{what}</p>\n<ul class="se-steps__links">\n',
                f'<li class="se-steps__back"><a href="{href}">{autoescape(back.label)}</a></li>\n',
            )
            self._frames[key] = frame
        return frame

    def _step(self, path: str, link: Link, direction: Markup) -> tuple[str, str]:
        """A step's href and what its link says: the direction, the step's name and its date."""
        href = autoescape(self.links.link(path, link.page, link.anchor))
        date = f" <small>{self._time(link.date, self._now)}</small>" if link.date else ""
        return href, f'<span class="se-steps__dir">{direction}</span> {autoescape(link.label)}{date}'

    def _edit_path(self, source: str) -> str:
        """The content file a page comes from, as a URL path from the folder that holds the content
        folder (the repository's root): the theme joins it to the repository's edit address, the
        same in every builder. Written the same however the content folder was named to us."""
        if source not in self._edit_paths:  # a thousand actor pages share a few content files
            inside = posixpath.relpath(source, self._shown_root)
            self._edit_paths[source] = edit_path(posixpath.join(self._content_folder, inside))
        return self._edit_paths[source]

    def specs(self) -> list[PageSpec]:
        """Every page to render, with its template and values, in a stable order."""
        return Specs(self.derived, self.names, self.trails, self.export).all()

    def edition_specs(self) -> list[PageSpec]:
        """A page per update: the overview as it stood then, whose now is the update."""
        return Specs(self.derived, self.names, self.trails, self.export).editions()

    def render(self) -> Site:
        pages = [self.page(s.path, s.template, s.title, s.source, **s.values) for s in self.specs()]
        # The links and "Sources:" lines made once served these pages: let them go now, as the
        # renderer itself lives on until a garbage collection (its template globals refer to it),
        # which the build pauses, and MkDocs' own peak of memory comes later.
        self._links.clear()
        self._citations.clear()
        self.citations.forget_links()
        self._lines.clear()
        self._mentions.clear()
        self._asides.clear()
        self._crumbs.clear()
        self._frames.clear()
        self._prose_links.clear()
        self._plain_texts.clear()
        self._targets.clear()
        self._line_targets.clear()
        return Site(
            {p.path: p for p in sorted(pages, key=lambda p: p.path)},
            dict(sorted({**exports.build(self.export), **fonts.files()}.items())),
            self.content.story.short_name,
            self.content.story.language,
            strip_markup(self.content.story.current_summary, self.names.__getitem__),
            self.content.story.copyright or "",
            theme_words(),
            dict(SECTION_TITLES),
        )
