"""Stable addresses: every record has a page or an anchor that other records cannot move, every data file a path."""

from __future__ import annotations

import functools
import posixpath
from dataclasses import dataclass
from typing import Any

from generator.content.kinds import Kind
from generator.content.load import Content
from generator.facts.parts import Split


@dataclass(frozen=True)
class Address:
    page: str  # source path of the Markdown page, e.g. actors/jane-doe.md
    anchor: str | None = None


def address(kind: Kind[Any], record_id: str) -> Address:
    """Where a record of `kind` lives: its own page, or an anchor on its kind's page."""
    page, anchor = kind.address(record_id)
    return Address(page, anchor)


# The published data, by path from the site's root: the exports write these files and the
# pages link to them, so both read the paths here.
STORY_JSON = "data/story.json"
STORY_SCHEMA = "data/story.schema.json"
VOTES_CSV = "data/votes.csv"
POPOLO_JSON = "data/popolo.json"
TIMELINE_JSON = "data/timeline.json"
UPDATES_FEED = "feeds/updates.xml"
CORRECTIONS_FEED = "feeds/corrections.xml"


def table_file(kind: Kind[Any]) -> str:
    """The CSV file with one row per record of `kind`."""
    return f"data/{kind.name}.csv"


def vote_embed(document_id: str) -> str:
    """The standalone page with a document's vote chart, for other sites' iframes."""
    return f"embed/votes/{document_id}/index.html"


def figure_embed(metric_id: str) -> str:
    """The standalone page with a key figure's chart, for other sites' iframes."""
    return f"embed/figures/{metric_id}/index.html"


def is_page(path: str) -> bool:
    """Whether a path is a Markdown page (MkDocs gives it a URL of its own) rather than a file served as it is."""
    return path.endswith(".md")


@functools.cache
def page_url(page: str, directory_urls: bool = True) -> str:
    """The URL of a page's source path, as MkDocs writes it (without a leading slash); a data file's is its path."""
    if not is_page(page):
        return page
    stem = page.removesuffix(".md")
    if not directory_urls:
        return f"{stem}.html"
    parent, name = posixpath.split(stem)
    if name == "index":
        return f"{parent}/" if parent else ""
    return f"{stem}/"


@functools.cache
def _folders(url: str, directory_urls: bool) -> tuple[str, ...]:
    """The folders a page's URL sits in, as the browser resolves relative links from it."""
    folder = url.rstrip("/") if directory_urls else posixpath.dirname(url)
    return tuple(part for part in folder.split("/") if part)


@functools.cache
def _between(from_page: str, to_page: str, directory_urls: bool) -> str:
    source, target = page_url(from_page, directory_urls), page_url(to_page, directory_urls)
    if target == source:
        return ""
    # A file served as it is (an embed page) sits in its own folder, whatever directory_urls says.
    here = _folders(source, directory_urls and is_page(from_page))
    there = tuple(p for p in target.split("/") if p)
    common = 0
    while common < min(len(here), len(there)) and here[common] == there[common]:
        common += 1
    parts = [".."] * (len(here) - common) + list(there[common:])
    href = "/".join(parts)
    if directory_urls and is_page(to_page):
        return f"{href}/" if href else "./"
    return href


def relative(from_page: str, to_page: str, anchor: str | None = None, directory_urls: bool = True) -> str:
    """A link between published URLs (or to an anchor), as the browser resolves it: for files the
    builders copy as they are (embed pages); generated pages link with `source_link`."""
    href = _between(from_page, to_page, directory_urls)
    if anchor:
        return f"{href}#{anchor}"
    return href or "./"


def relative_path(to_path: str, from_folder: str) -> str:
    """`posixpath.relpath` for the site's own paths (relative, no `..`), without its two
    `abspath` calls per link: a build makes a link per reference on every page."""
    start = [part for part in from_folder.split("/") if part not in ("", ".")]
    target = [part for part in to_path.split("/") if part not in ("", ".")]
    if ".." in start or ".." in target:
        return posixpath.relpath(to_path, from_folder or ".")
    common = 0
    while common < min(len(start), len(target)) and start[common] == target[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + target[common:]) or "."


def source_link(from_page: str, to_path: str, anchor: str | None = None) -> str:
    """A link from a generated page to another page's Markdown source (or a data file), relative to
    the page's own source, as a Markdown link is written: `../sources.md#cnn`.

    Every link in the generated pages is made here. A builder turns it into the target's URL,
    whatever its URL layout: Zensical does so for every link in a page, raw HTML included; MkDocs
    only for Markdown links, so for the MkDocs adapter the pages are rendered with URLs (site/links.py).
    A link relative to the page's URL instead would be read from the source by Zensical and land
    one folder off on every page not named index.md.
    """
    if to_path == from_page:
        return f"#{anchor}" if anchor else posixpath.basename(from_page)
    href = _relative_from_folder(to_path, _folder(from_page))
    return f"{href}#{anchor}" if anchor else href


# A link depends on the page's folder, not the page: the thousand actor pages share one folder,
# so a target's path is worked out once per folder rather than once per page that links to it
# (a cache per page and target held 115,000 links at 1,000 actors, 9 MB, and rarely hit).
_relative_from_folder = functools.lru_cache(maxsize=1 << 16)(relative_path)
_folder = functools.lru_cache(maxsize=1 << 14)(posixpath.dirname)


class Addresses:
    """Looks up the address of any record id in the content.

    A record anchored on a section that is split into parts (see parts.py) is on its part's
    page: the split is decided once (sections.Registry.split), and the pages are rendered from
    the same split."""

    def __init__(self, content: Content, split: Split) -> None:
        self.split = split
        self.by_id = {}
        for record_id, kind in content.kinds.items():
            page, anchor = kind.address(record_id)
            if anchor is not None:
                page = split.page_of(page, record_id)
            self.by_id[record_id] = Address(page, anchor)

    def __getitem__(self, record_id: str) -> Address:
        return self.by_id[record_id]
