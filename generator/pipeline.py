"""The pipeline's front half: load and validate a content folder, or fail once."""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import time
from collections.abc import Iterator
from pathlib import Path

from generator.content import translation_check
from generator.content.fallback import Untranslated
from generator.content.i18n import speaking
from generator.content.load import Content, FileCache, display_root, load
from generator.content.problems import ContentError, Problem
from generator.content.translations import (
    Translation,
    edit_files,
    read_translation,
    read_translations,
    translate,
    translated_pages,
)
from generator.content.validate import check
from generator.facts import citations
from generator.facts.derivation import derive_site
from generator.facts.parts import PAGE_SIZE
from generator.facts.sections import REGISTRY, Registry
from generator.site.environment import TEMPLATES
from generator.site.page_memo import MemoRenderer, PageMemo
from generator.site.render import Page, Renderer, Site


class _Frozen:
    """Whether the last build froze what it made (see _gc_paused): a build thaws its own freeze only."""

    by_us = False


@contextlib.contextmanager
def _gc_paused(*, freeze: bool = False) -> Iterator[None]:
    """Pause Python's cyclic garbage collector while building.

    Loading allocates hundreds of thousands of small, acyclic objects; each allocation
    burst triggers full collections that walk everything built so far, which made loading
    grow faster than the content (measured: 6.1 s with, 1.6 s without, at 5,000 actors).

    With `freeze`, the objects the build made are then frozen (gc.freeze): the collector's first
    pass after the pause would walk every one of them, and MkDocs' later full passes everything the
    site keeps. The next build unfreezes and collects them first, so that `mkdocs serve` does not
    keep one build's cyclic garbage for ever; a freeze made by anyone else is left alone.
    """
    enabled = gc.isenabled()
    if _Frozen.by_us:
        _Frozen.by_us = False
        gc.unfreeze()
        gc.collect()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if freeze:
                gc.freeze()
                _Frozen.by_us = True
            gc.enable()


def load_checked(root: Path, timings: dict[str, float] | None = None, warnings: list[Problem] | None = None) -> Content:
    """Load and validate `root`; raise ContentError listing every problem. When `warnings` is given,
    the translations' warnings (translation_check.py) are added to it."""
    with _gc_paused():
        return _load_checked(root, timings, warnings=warnings)[0]


def _load_checked(
    root: Path,
    timings: dict[str, float] | None,
    cache: FileCache | None = None,
    sections: Registry = REGISTRY,
    warnings: list[Problem] | None = None,
) -> tuple[Content, dict[str, Translation]]:
    """The checked content, and its translations as read and matched for the check: the build
    uses those same ones (matching every entry with the story's texts is not done twice)."""
    clock = _Clock(timings)
    content, problems = load(root, cache)
    clock.lap("load")
    if content is None:
        raise ContentError(problems)
    languages = read_translations(content) if content.story_loaded else {}
    problems += validate(content, sections, languages)
    if warnings is not None and not problems:
        warnings += translation_check.warnings(content, languages)
    clock.lap("validate")
    if problems:
        raise ContentError(problems)
    return content, languages


def validate(
    content: Content, sections: Registry = REGISTRY, languages: dict[str, Translation] | None = None
) -> list[Problem]:
    """Every problem of loaded content: the rules across records, citations, and ids its pages use.
    `languages` are the story's translations if already read (translations.read_translations)."""
    problems = check(content)
    if content.story_loaded:  # the story's prose is only walked when there is a story
        problems += citations.problems(content)[0]
        problems += translation_check.problems(content, languages)
    # Ids a page already uses for itself (the section registry declares them).
    return problems + sections.reserved_problems(content)


def summary(content: Content) -> str:
    """One line with the number of records of each kind."""
    parts = [f"{len(records)} {kind.name}" for kind, records in content.by_kind()]
    parts.insert(0, f"{len(content.story.highlights)} highlights")
    return f"{display_root(content.root)} is valid: " + ", ".join(parts)


def build_site(
    root: Path,
    templates: Path = TEMPLATES,
    directory_urls: bool = True,
    timings: dict[str, float] | None = None,
    site_url: str | None = None,
    cache: FileCache | None = None,
    page_size: int = PAGE_SIZE,
    content_path: str | None = None,
    sections: Registry = REGISTRY,
    pages: PageMemo | None = None,
) -> Site:
    """Load, validate, derive and render: the whole pipeline, in memory, in the story's own language.

    `site_url`, the address the site is published at, makes the links in feeds, tables and
    embed code absolute. When `timings` is given, the seconds spent in each stage are added to it.
    A `cache` kept by the caller between builds re-reads only the files that changed.
    A list longer than `page_size` entries is split into pages (facts/parts.py).
    `content_path`, the content folder's path from the repository's root, makes the edit links
    (default: the folder's name, as for content/). `sections` are the section pages to make.
    A `pages` memo kept by the caller between builds renders again only the pages whose inputs changed.
    """
    sites = build_sites(
        root, templates, directory_urls, timings, site_url, cache, page_size, content_path, (), sections, pages
    )
    return next(iter(sites.values()))


def build_sites(
    root: Path,
    templates: Path = TEMPLATES,
    directory_urls: bool = True,
    timings: dict[str, float] | None = None,
    site_url: str | None = None,
    cache: FileCache | None = None,
    page_size: int = PAGE_SIZE,
    content_path: str | None = None,
    languages: tuple[str, ...] | None = None,
    sections: Registry = REGISTRY,
    pages: PageMemo | None = None,
    warnings: list[Problem] | None = None,
    url_links: bool = False,
) -> dict[str, Site]:
    """The site in the story's language and in each of its translations (`story.translations`, or
    `languages` when given), by language tag, the story's own first. Each is rendered from the
    story in that language (content/translations.py) while the generator speaks it (content/i18n.py);
    a translation's own links (feeds, data) are under `site_url` + its tag. When `warnings` is
    given, the translations' warnings (stale, unmatched: translation_check.py) are added to it.
    Pages link from their Markdown source, for any builder, or with `url_links` as URLs from their
    own address (site/links.py)."""
    with _gc_paused(freeze=True):  # a site's build, not a check: MkDocs builds its pages next
        content, read = _load_checked(root, timings, cache, sections, warnings)
        args = (templates, directory_urls, timings, page_size, content_path, sections, url_links)
        with speaking(content.story.language):
            sites = {content.story.language: _render(content, site_url, *args, pages)}
        for tag in content.story.translations if languages is None else languages:
            translation = read.get(tag) or read_translation(content, tag)
            with speaking(tag):
                translated = in_language(translate(content, translation), tag)
                url = f"{site_url.rstrip('/')}/{tag}/" if site_url else None
                site = _render(translated, url, *args, pages.of(tag) if pages else None)
                sites[tag] = _with_translated_pages(site, content, translation)
    return sites


def _with_translated_pages(site: Site, content: Content, translation: Translation) -> Site:
    """A translation's site with the hand-written pages (content/pages/NAME.md) translated into its
    language; a page not translated yet is left to the site's builder, which shows the original
    marked with its language (adapters/languages.py)."""
    where = edit_files(translation)
    translated = {
        name: Page(name, "", str(text), where.get(name, content.story_file))
        for name, text in translated_pages(content, translation).items()
        if not isinstance(text, Untranslated)
    }
    return dataclasses.replace(site, pages={**site.pages, **translated}) if translated else site


def in_language(content: Content, tag: str) -> Content:
    """The story as written in `tag`: dates, numbers and the pages' language follow it."""
    if content.story.language == tag:
        return content
    return dataclasses.replace(content, story=content.story.model_copy(update={"language": tag}))


def _render(
    content: Content,
    site_url: str | None,
    templates: Path,
    directory_urls: bool,
    timings: dict[str, float] | None,
    page_size: int,
    content_path: str | None,
    sections: Registry,
    url_links: bool,
    pages: PageMemo | None,
) -> Site:
    """Derive and render one language's site. Every fact, the split into parts, the addresses and
    every edition's facts are derived first, so that "render" times only rendering."""
    clock = _Clock(timings)
    derived = derive_site(content, page_size, sections)
    clock.lap("derive")
    options = (templates, directory_urls, site_url, content_path, url_links)
    renderer = Renderer(derived, *options) if pages is None else MemoRenderer(pages, derived, *options)
    site = renderer.render()
    clock.lap("render")
    return site


class _Clock:
    """Adds the time since the last lap to a stage's total, when someone is counting."""

    def __init__(self, timings: dict[str, float] | None) -> None:
        self.timings = timings
        self.last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        if self.timings is not None:
            self.timings[stage] = self.timings.get(stage, 0.0) + now - self.last
        self.last = now
