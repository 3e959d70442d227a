"""Render the derived facts into Markdown pages with Jinja templates from `theme/story/`.

Pages are Markdown with HTML blocks: headings stay Markdown (for the table of
contents), the data is HTML printed by templates, so that nothing an editor types
is read as Markdown or HTML a second time. Everything is escaped on the way out
unless the generator made it safe (`Markup`).
"""

from __future__ import annotations

import functools
import html
import json
import multiprocessing
import os
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from generator.site import charts
from generator.content.dates import FuzzyDate
from generator.facts.derive import Facts, MetricGroup, MissionView, figure_number
from generator.content.load import Content
from generator.content.models import (
    Actor,
    Defection,
    Document,
    Event,
    Figure,
    Membership,
    Mission,
    Plan,
    Quote,
    Record,
    Source,
    Term,
)
from generator.site.jsonld import StructuredData, script_safe
from generator.content.prose import strip_markup
from generator.site.html import Resolver, inline, plain
from generator.facts.addresses import Addresses, address, relative
from generator.content.validate import SINGULAR

TEMPLATES = Path(__file__).resolve().parents[2] / "theme" / "story"

# Section pages: path, template, title, and the content files that an edit link opens.
SECTIONS = (
    ("index.md", "overview.md.html", "Overview", "story.yml"),
    ("actors/index.md", "actors.md.html", "Who's who", "actors"),
    ("defections.md", "defections.md.html", "Defections", "defections"),
    ("votes/index.md", "votes.md.html", "Drafts and votes", "documents"),
    ("timeline.md", "timeline.md.html", "Timeline", "events"),
    ("figures.md", "figures.md.html", "Figures", "figures"),
    ("quotes.md", "quotes.md.html", "Quotes", "quotes"),
    ("sources.md", "sources.md.html", "Sources", "sources"),
    ("glossary.md", "glossary.md.html", "Glossary", "glossary"),
)

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
    pages: dict[str, Page] = field(default_factory=dict)


def md_escape(text: str) -> str:
    """Make text inert in Markdown (headings): every special character as an entity."""
    return _MARKDOWN_SPECIALS.sub(lambda m: f"&#{ord(m.group(0))};", " ".join(text.split()))


def language_name(tag: str) -> str:
    """Name a language tag in English: ar -> Arabic."""
    try:
        return str(Locale.parse(tag, sep="-").get_display_name("en"))
    except (ValueError, UnknownLocaleError):
        return tag


def record_name(record: Record, content: Content) -> str:
    """The name a link to a record shows."""
    match record:
        case Actor() | Plan():
            return record.name
        case Source():
            return record.publisher
        case Document() | Event():
            return record.title
        case Defection():
            return record.name or _actor_name(content, record.actor)
        case Quote():
            return f"{_actor_name(content, record.speaker)}, {record.date.display()}"
        case Figure():
            return f"{figure_number(record)} ({_actor_name(content, record.claimed_by)})"
        case Mission():
            return _actor_name(content, record.actor)
        case Membership():
            return f"{_actor_name(content, record.body)}, {record.year}"
        case Term():
            return record.term
    return record.id


def _actor_name(content: Content, actor_id: str | None) -> str:
    return content.actor_names.get(actor_id or "", actor_id or "")


class Charts:
    """The charts a template can print, drawn from the facts (see charts.py)."""

    def __init__(self, facts: Facts, name: Callable[[str], str]) -> None:
        self.facts, self.name = facts, name

    def vote(self, document_id: str, small: bool = False) -> Markup:
        count = self.facts.votes[document_id].count
        if count is None:
            return Markup("")
        return charts.vote_chart(f"vote-{document_id}", count, self.name, small)

    def vote_summary(self, document_id: str) -> str:
        count = self.facts.votes[document_id].count
        return charts.vote_summary(count, self.name) if count else ""

    def defections(self) -> Markup:
        return charts.defections_chart(self.facts.defections, self.name)

    def figures(self, group: MetricGroup) -> Markup:
        return charts.figures_chart(f"figures-{group.metric_id}", group.label, group.claims, self.name)

    def mandate(self, view: MissionView) -> Markup:
        return charts.mandate_chart(view, self.name)

    def relations(self) -> Markup:
        return charts.relations_chart(self.facts.sides, self.facts.edges, self.name)


class Renderer:
    """Holds what every page needs: the content, the facts, addresses and templates."""

    def __init__(self, content: Content, facts: Facts, templates: Path = TEMPLATES,
                 directory_urls: bool = True) -> None:
        self.content, self.facts, self.directory_urls = content, facts, directory_urls
        self.addresses = Addresses(content)
        self.records, self.kinds = content.by_id, content.kinds
        self.names = {rid: record_name(r, content) for rid, r in self.records.items()}
        self.abbreviations = {t.term: t.expansion for t in content.glossary if t.expansion}
        self._names_html: dict[str, str] = {}
        self._resolvers: dict[str, Resolver] = {}
        self._titles: dict[str, str] = {}
        self.env = _environment(templates)
        self.globals = {"story": content.story, "facts": facts, "content": content, "records": self.records,
                        "renderer": self, "charts": Charts(facts, self.names.__getitem__)}

    # -- filters: each knows the page it prints on, so links are relative ---------------

    def _href(self, page: str, record_id: str) -> str:
        target = self.addresses[record_id]
        return relative(page, target.page, target.anchor, self.directory_urls)

    def _ref(self, ctx: Context, record_id: str, label: str | None = None) -> Markup:
        shown = self._name_html(record_id) if label is None else plain(label, self._resolver(ctx))
        href = html.escape(self._href(ctx["page_path"], record_id))
        # f-strings rather than Markup.format: this runs tens of thousands of times per build.
        return Markup(f'<a href="{href}">{shown}</a>')  # noqa: S704 - both parts escaped above

    def _refs(self, ctx: Context, record_ids: tuple[str, ...]) -> Markup:
        return Markup(", ").join(self._ref(ctx, record_id) for record_id in record_ids)

    def _name_html(self, record_id: str) -> str:
        """A record's name as escaped HTML with abbreviations marked, made once per record."""
        if record_id not in self._names_html:
            self._names_html[record_id] = plain(self.names[record_id], Resolver(lambda _: ("", ""),
                                                                                self.abbreviations))
        return self._names_html[record_id]

    def _url(self, ctx: Context, record_id: str) -> str:
        return self._href(ctx["page_path"], record_id)

    def _page_url(self, ctx: Context, page: str, anchor: str | None = None) -> str:
        return relative(ctx["page_path"], page, anchor, self.directory_urls)

    def _kind_of(self, ctx: Context, record_id: str) -> str:
        return self.kinds[record_id]

    def _name(self, ctx: Context, record_id: str) -> str:
        return self.names[record_id]

    def _words(self, ctx: Context, text: str) -> str:
        return strip_markup(text, self.names.__getitem__)

    def _resolver(self, ctx: Context) -> Resolver:
        page = ctx["page_path"]
        if page not in self._resolvers:
            self._resolvers[page] = Resolver(link=lambda rid: (self._href(page, rid), self.names[rid]),
                                             abbreviations=self.abbreviations)
        return self._resolvers[page]

    def _prose(self, ctx: Context, text: str | None) -> Markup:
        # inline() escapes everything the editor typed and builds only its own tags.
        return Markup(inline(text, self._resolver(ctx))) if text else Markup("")  # noqa: S704

    def _plain(self, ctx: Context, text: str | None) -> Markup:
        # plain() escapes the text and adds only <abbr> tags of its own.
        return Markup(plain(text, self._resolver(ctx))) if text else Markup("")  # noqa: S704

    def _cite(self, ctx: Context, source_ids: tuple[str, ...]) -> Markup:
        if not source_ids:
            return Markup("")
        page = ctx["page_path"]
        links = ", ".join(f'<a href="{html.escape(self._href(page, sid))}" title="{self._source_title(sid)}">'
                          f"{html.escape(self.names[sid])}</a>" for sid in source_ids)
        plural = "s" if len(source_ids) > 1 else ""
        return Markup(f'<span class="se-cite">Source{plural}: {links}</span>')  # noqa: S704 - parts escaped

    def _source_title(self, source_id: str) -> str:
        """The tooltip of a citation, escaped for an attribute (made once per source)."""
        if source_id not in self._titles:
            source = self.records[source_id]
            assert isinstance(source, Source)
            title = f"{source.title} ({source.date.display()})" if source.date else source.title
            self._titles[source_id] = html.escape(title)
        return self._titles[source_id]

    # -- pages ----------------------------------------------------------------------

    def page(self, path: str, template: str, title: str, source: str, **values: Any) -> Page:
        text = self.env.get_template(template).render(page_path=path, title=title, **self.globals, **values)
        return Page(path, title, _tidy(text), source)

    def specs(self) -> list[PageSpec]:
        """Every page to render, with its template and values, in a stable order."""
        data = StructuredData(self.content, self.facts, self.names)
        special = {"index.md": data.article(), "timeline.md": data.timeline(), "quotes.md": data.quotes()}
        headline = self.content.story.headline
        weights = {"timeline.md": len(self.facts.timeline), "sources.md": 2 * len(self.content.sources),
                   "quotes.md": 2 * len(self.content.quotes), "figures.md": len(self.content.figures),
                   "actors/index.md": len(self.content.actors) // 2}
        specs = [PageSpec(path, template, title, self._source_of(files),
                          {"jsonld": special.get(path) or data.collection(title, f"{title}: {headline}")},
                          weights.get(path, 5))
                 for path, template, title, files in SECTIONS]
        for actor in self.content.actors:
            specs.append(PageSpec(address("actors", actor.id).page, "actor.md.html", actor.name,
                                  self.content.origins[actor.id].file,
                                  {"view": self.facts.actors[actor.id], "jsonld": data.actor(actor)}))
        for document in self.content.documents:
            specs.append(PageSpec(address("documents", document.id).page, "document.md.html",
                                  self.names[document.id], self.content.origins[document.id].file,
                                  {"view": self.facts.votes[document.id], "jsonld": data.document(document)}))
        return specs

    def render(self) -> Site:
        specs = self.specs()
        pages = _render_in_parallel(self, specs) if _can_fork(len(specs)) else [
            self.page(s.path, s.template, s.title, s.source, **s.values) for s in specs]
        return Site({p.path: p for p in sorted(pages, key=lambda p: p.path)})

    def _source_of(self, files: str) -> str:
        """The content file (or folder) an edit link for a section page should open."""
        if files == "story.yml":
            return self.content.story_file
        kind_files = sorted({o.file for rid, o in self.content.origins.items() if self.kinds[rid] == files})
        return kind_files[0] if kind_files else self.content.story_file


@dataclass(frozen=True)
class PageSpec:
    path: str
    template: str
    title: str
    source: str
    values: dict[str, Any]
    weight: int = 5  # rough cost, in timeline entries (measured: an actor page costs about five)


# Rendering is most of our build time on big stories; on a machine with more than one core,
# a forked worker renders every other page. Only in a single-threaded process (a plain
# `mkdocs build` or `generator pages`): forking beside other threads, as `mkdocs serve`
# has, can deadlock the child.
PARALLEL_FROM_PAGES = 400
_active: tuple[Renderer, list[PageSpec]] | None = None


def _can_fork(pages: int) -> bool:
    return (pages >= PARALLEL_FROM_PAGES and (os.cpu_count() or 1) > 1 and threading.active_count() == 1
            and "fork" in multiprocessing.get_all_start_methods())


def _render_share(indexes: list[int]) -> list[Page]:
    assert _active is not None
    renderer, specs = _active
    return [renderer.page(s.path, s.template, s.title, s.source, **s.values) for s in (specs[i] for i in indexes)]


def _split(specs: list[PageSpec]) -> tuple[list[int], list[int]]:
    """Two shares of about equal cost: heaviest pages first, each to the lighter share."""
    shares: tuple[list[int], list[int]] = ([], [])
    loads = [0, 0]
    for index in sorted(range(len(specs)), key=lambda i: -specs[i].weight):
        lighter = 0 if loads[0] <= loads[1] else 1
        shares[lighter].append(index)
        loads[lighter] += specs[index].weight
    return shares


def _render_in_parallel(renderer: Renderer, specs: list[PageSpec]) -> list[Page]:
    global _active  # what the forked worker inherits
    _active = (renderer, specs)
    ours, theirs = _split(specs)
    try:
        with multiprocessing.get_context("fork").Pool(1) as pool:
            result = pool.map_async(_render_share, [theirs])
            return _render_share(ours) + result.get()[0]
    finally:
        _active = None


def _bytecode_cache() -> FileSystemBytecodeCache | None:
    """Compiled templates kept between runs in the user's cache folder (a fresh process would
    otherwise spend about 80 ms compiling them). Jinja checks each entry against its source."""
    folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "story-explainer" / "jinja"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # a read-only home: compile every time
    return FileSystemBytecodeCache(str(folder))


def _delegate(method: str) -> Any:
    """A filter that calls a method of the page's renderer, with the template context."""

    @pass_context
    def call(ctx: Context, *args: Any) -> Any:
        return getattr(ctx["renderer"], method)(ctx, *args)

    return call


@functools.cache
def _environment(templates: Path) -> Environment:
    """One Jinja environment per template folder, kept so templates compile once per process.

    Jinja checks each template's modification time, so edited templates still reload.
    """
    env = Environment(loader=FileSystemLoader(templates), undefined=StrictUndefined, autoescape=True,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                      bytecode_cache=_bytecode_cache())
    env.filters.update(
        {name: _delegate(f"_{name}") for name in
         ("ref", "refs", "url", "page_url", "prose", "plain", "cite", "kind_of", "name", "words")},
        when=_when,
        md=_markdown_text, front_matter=_front_matter, jsonld=_jsonld, language=language_name,
        kind_label=SINGULAR.__getitem__, number=figure_number,
    )
    return env


def _front_matter(value: str) -> Markup:
    """A front matter value: HTML-escaped text (MkDocs' templates print titles as they are),
    written as a JSON string, which YAML reads as it is."""
    return Markup(json.dumps(html.escape(" ".join(value.split()), quote=True), ensure_ascii=False))  # noqa: S704


@functools.lru_cache(maxsize=65536)
def _when(date: FuzzyDate) -> Markup:
    """A date as readers see it, in a <time> element with its ISO start for machines."""
    return Markup(f'<time datetime="{date.start.iso()}">{html.escape(date.display())}</time>')  # noqa: S704


def _jsonld(data: dict[str, Any]) -> Markup:
    """JSON-LD for the front matter: script-safe JSON, as a JSON string (which YAML reads as is)."""
    return Markup(json.dumps(script_safe(data)))  # noqa: S704


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
