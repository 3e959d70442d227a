"""Rendered pages kept from one build to the next, so `mkdocs serve` renders only changed pages.

A page whose inputs are the same as in the last build is not rendered again.

A page's Markdown is a function of its template, its path, title and source file, the values
given to the template (its typed view, structured data and trail), and what the renderer's
filters look up while printing: the names, short names and addresses of every record, the
abbreviations, the sources, the language and the story's now. The key of a page is a digest
of all of these, pickled: a pickle holds every field of every object in the values (a `repr`
may leave fields out, and costs twice as much), and names functions and classes by where they
are defined. Values that cannot be pickled (a lambda) are rendered every time. So are the
pages of templates that draw charts, which read the facts directly.
"""

from __future__ import annotations

import hashlib
import pickle
import re
from pathlib import Path
from typing import Any

from generator.facts.derivation import Derivation
from generator.site.environment import TEMPLATES
from generator.site.render import Page, Renderer, Site

# Templates named by another's include, import, from or extends.
_USES = re.compile(r"""\{%-?\s*(?:include|import|from|extends)\s+["']([^"']+)["']""")


class PageMemo:
    """Pages by the digest of their inputs, from the last build; kept by the caller between builds."""

    def __init__(self) -> None:
        self.pages: dict[str, Page] = {}
        self.rendered = 0  # pages rendered in the last build (the others came from the memo)
        self._languages: dict[str, PageMemo] = {}

    def of(self, tag: str) -> PageMemo:
        """The memo of a translation's site (each language keeps its own last build's pages)."""
        return self._languages.setdefault(tag, PageMemo())


class MemoRenderer(Renderer):
    """A renderer that takes a page from the memo when its inputs did not change."""

    def __init__(
        self,
        memo: PageMemo,
        derived: Derivation,
        templates: Path = TEMPLATES,
        directory_urls: bool = True,
        site_url: str | None = None,
        content_path: str | None = None,
        url_links: bool = False,
    ) -> None:
        super().__init__(derived, templates, directory_urls, site_url, content_path, url_links)
        self.memo, self.kept = memo, dict[str, Page]()
        self.charted = _charted_templates(templates)
        self.shared = _renderer_digest(self, templates)
        memo.rendered = 0

    def page(self, path: str, template: str, title: str, source: str, **values: Any) -> Page:
        inputs = _pickled((template, path, title, source, values))
        if template in self.charted or inputs is None or self.shared is None:
            return self._render(path, template, title, source, values)
        key = hashlib.sha256(self.shared + inputs).hexdigest()
        page = self.memo.pages.get(key) or self._render(path, template, title, source, values)
        self.kept[key] = page
        return page

    def _render(self, path: str, template: str, title: str, source: str, values: dict[str, Any]) -> Page:
        self.memo.rendered += 1
        return super().page(path, template, title, source, **values)

    def render(self) -> Site:
        site = super().render()
        self.memo.pages = self.kept  # only the last build's pages: the memo never grows past a site
        return site


def _pickled(value: object) -> bytes | None:
    """`value` pickled, or None when it holds something pickle refuses (a lambda, a generator)."""
    try:
        return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return None


def _renderer_digest(renderer: Renderer, templates: Path) -> bytes | None:
    """A digest of what the filters look up while any page prints, and of the templates' files."""
    content = renderer.content
    addresses: list[tuple[str, object]] = []
    for record_id in sorted(renderer.records):
        try:
            addresses.append((record_id, renderer.addresses[record_id]))
        except KeyError:  # a record with no place of its own
            addresses.append((record_id, ""))
    parts = (
        sorted(renderer.names.items()),
        sorted(renderer.short_names.items()),
        sorted(renderer.renamed.items()),
        sorted(renderer.abbreviations.items()),
        addresses,
        list(content.sources),
        renderer.language,
        content.story.now,
        renderer.directory_urls,
        renderer.links.as_urls,
        renderer._shown_root,
        renderer._content_folder,
        _files_of(templates),
    )
    pickled = _pickled(parts)
    return None if pickled is None else hashlib.sha256(pickled).digest()


def _files_of(folder: Path) -> list[tuple[str, int, int]]:
    """The templates by name, modification time and size (Jinja reloads an edited template)."""
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            stat = path.stat()
            found.append((path.relative_to(folder).as_posix(), stat.st_mtime_ns, stat.st_size))
    return found


def _charted_templates(folder: Path) -> frozenset[str]:
    """The templates that print charts, themselves or through a template they use."""
    uses: dict[str, set[str]] = {}
    charted: set[str] = set()
    for path in folder.rglob("*"):
        if path.is_file():
            name, text = path.relative_to(folder).as_posix(), path.read_text(encoding="utf-8")
            uses[name] = set(_USES.findall(text))
            if "charts" in text:
                charted.add(name)
    grew = True
    while grew:
        more = {name for name, used in uses.items() if used & charted} - charted
        charted |= more
        grew = bool(more)
    return frozenset(charted)
