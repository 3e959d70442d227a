"""Rebuilds under `mkdocs serve` that redo only what an edit changed: part of the MkDocs adapter.

MkDocs 1.6 rebuilds the whole site on every save unless it builds "dirty": then it reads,
renders and writes only the pages whose `File.is_modified()` says so, and copies only such
files. That is right only while everything a page's HTML depends on, besides its own
Markdown, stays the same: the configuration, the theme, the navigation, the set of files
(links resolve against it) and the preview's banner. Together they are the build's *frame*.

So every rebuild after the first is dirty, and this module decides, once MkDocs has made the
navigation (`plan`), which of two it is:

- the frame is the last build's: a generated page or data file counts as modified only when
  its bytes differ from the last build's; hand-written pages and theme files keep MkDocs'
  own test (their modification time);
- the frame changed (or there is no last build): the site folder is emptied, as a clean build
  does, and everything is built.

Two things MkDocs keeps per build would otherwise go wrong in a partial one, and are made
whole here: the `meta` of navigation pages that are not read again (Material prints a nav
item's icon, subtitle and status from it), and the search index (Material's search plugin
indexes only the pages it renders; `finish` puts back every other page's entries, in the
order a whole build gives them). With a plugin this module does not know, which may keep
state per build too, every rebuild is whole.

MkDocs also makes the theme's Jinja environment afresh for every build, and so compiles
Material's templates again each time (about half a second): `CompiledTemplates` keeps
their compiled code for the whole serve. And it looks for changes every half second, which
is most of the wait for a small story's preview: `poll_often` looks at the content more often.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment
from jinja2.bccache import Bucket, BytecodeCache
from mkdocs.commands.build import build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import clean_directory
from mkdocs.utils import meta as front_matter

log = logging.getLogger("mkdocs.plugins.story_explainer")

# Plugins whose state across a partial build this module keeps right ("search" is Material's,
# or MkDocs' own with another theme; only Material's index is merged, see `_search_index`).
# Seconds between two looks at the content and templates for changes (MkDocs' own is 0.5 s). A look
# lists the folder and reads each file's size and time: well under a millisecond for a story's files.
POLL_SECONDS = 0.1

KNOWN_PLUGINS = frozenset({"search", "material/search", "story-explainer"})

SearchEntries = list[dict[str, Any]]


class GeneratedFile(File):
    """A generated page or data file that counts as modified only when its bytes changed.

    MkDocs counts every file made from content in memory as modified, so a dirty build
    would still render every generated page."""

    changed = True

    def is_modified(self) -> bool:
        return self.changed


@dataclass
class _Built:
    """What the last finished build wrote: its frame, the generated files' bytes, its search entries by page."""

    frame: str
    sources: dict[str, str | bytes]
    search: dict[str, SearchEntries]


@dataclass
class Rebuilds:
    """What a partial rebuild needs from the last build; kept on the plugin instance for the whole serve."""

    always_dirty: bool = False  # `mkdocs serve --dirty`: every build is dirty, the first too
    # Keep each generated file's bytes to compare with the next build's (serve's on_startup says so);
    # a build that no rebuild follows would only hold a second reference to every page until it ends.
    remember: bool = False
    dirty: bool = False  # this build is dirty (MkDocs keeps the site folder and asks File.is_modified)
    last: _Built | None = None
    generated: dict[str, tuple[GeneratedFile, str | bytes]] = field(default_factory=dict)
    frame: str = ""
    files: Files | None = None  # this build's files, once MkDocs has gathered them
    fresh: dict[str, SearchEntries] = field(default_factory=dict)  # entries of the pages rendered in this build
    seen: int = 0  # search entries already given to a page in this build
    partial: bool = False  # this build renders only what changed

    def add(self, config: MkDocsConfig, path: str, data: str | bytes) -> GeneratedFile:
        """A generated file for this build, to be marked modified or not once the frame is known."""
        file = GeneratedFile.generated(config, path, content=data)
        assert isinstance(file, GeneratedFile)  # File.generated makes an instance of the class it is called on
        if self.remember:
            self.generated[path] = (file, data)
        return file

    def plan(self, config: MkDocsConfig, files: Files, nav: Navigation, banner: str) -> None:
        """Decide whether this build renders only what changed or everything, and prepare for it."""
        self.frame, self.fresh, self.seen, self.files = _frame(config, files, nav, banner), {}, 0, files
        last, dirty = self.last, self.dirty or self.always_dirty
        self.partial = dirty and last is not None and self.frame == last.frame and self.frame != ""
        if self.partial and last is not None:
            for path, (file, data) in self.generated.items():
                file.changed = last.sources.get(path) != data
            _read_nav_meta(nav, self.generated)
        elif dirty:  # as a clean build: nothing of the last build's output is kept
            clean_directory(config.site_dir)
        changed = sum(file.changed for file, _ in self.generated.values())
        kind = "partial" if self.partial else "whole"
        log.debug("%s build: %d of %d generated files changed", kind, changed, len(self.generated))

    def page_done(self, config: MkDocsConfig, page: Page) -> None:
        """Keep the search entries the page just rendered added, to reuse while it does not change."""
        index = _search_index(config)
        if index is not None:
            self.fresh[page.file.src_uri] = index.entries[self.seen :]
            self.seen = len(index.entries)

    def finish(self, config: MkDocsConfig) -> None:
        """Complete the search index of a partial build, and remember this build for the next."""
        search: dict[str, SearchEntries] = {}
        index = _search_index(config)
        previous = self.last.search if self.last is not None and self.partial else {}
        if index is not None and self.files is not None:
            for file in self.files.documentation_pages(inclusion=InclusionLevel.is_in_serve):
                uri = file.src_uri
                search[uri] = self.fresh[uri] if uri in self.fresh else previous.get(uri, [])
            index.entries = [entry for entries in search.values() for entry in entries]
            # Material merges its own previous index under `--dirty`, assuming one page changed.
            _search_plugin(config).search_index_prev = None
        sources = {path: data for path, (_, data) in self.generated.items()}
        self.last = _Built(self.frame, sources, search) if self.frame else None
        self.generated, self.fresh, self.files = {}, {}, None

    def forget(self) -> None:
        """After a failed build, whose output is unknown: the next is whole."""
        self.last, self.generated, self.fresh, self.files = None, {}, {}, None

    def run(self, builder: Callable[..., None], config: MkDocsConfig | None) -> None:
        """Run serve's `builder` dirty, so that `plan` may keep what did not change; as it is when
        MkDocs does not say how (a version this module was not written for)."""
        dirty_builder = _dirty_builder(builder)
        if dirty_builder is None:
            builder(config)
            return
        self.dirty = True
        try:
            dirty_builder(config)
        finally:
            self.dirty = False


class CompiledTemplates(BytecodeCache):
    """Compiled templates in memory, kept across the environments of serve's builds.

    Jinja checks each entry against its template's source; the key also holds what changes the
    compiled code besides the source (extensions, autoescape, which filters take the context)."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}
        self.salt = ""

    def use_in(self, env: Environment) -> None:
        filters = sorted((name, bool(getattr(f, "jinja_pass_arg", None))) for name, f in env.filters.items())
        self.salt = repr((sorted(env.extensions), env.autoescape, filters))
        env.bytecode_cache = self

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return hashlib.sha256(f"{self.salt}|{name}|{filename}".encode()).hexdigest()

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


def poll_often(server: LiveReloadServer) -> None:
    """Make the folders watched from now on be looked at every POLL_SECONDS.

    MkDocs' observer gives each new watch its own timeout as the time between two polls; it
    has no public setter (watchdog 2 to 7 keep it in `_timeout`), so without one nothing changes."""
    if isinstance(getattr(server.observer, "_timeout", None), int | float):
        server.observer._timeout = POLL_SECONDS


def _dirty_builder(builder: Callable[..., None]) -> Callable[[MkDocsConfig | None], None] | None:
    """Serve's builder, building dirty: made from the names its closure holds in MkDocs 1.6
    (the last 1.x, pinned), or None if they are not there."""
    code, cells = getattr(builder, "__code__", None), getattr(builder, "__closure__", None)
    if code is None or cells is None:
        return None
    names = dict(zip(code.co_freevars, (cell.cell_contents for cell in cells), strict=True))
    get_config, serve_url = names.get("get_config"), names.get("serve_url")
    if not callable(get_config) or not isinstance(serve_url, str) or names.get("is_clean") is not False:
        return None

    def dirty_build(config: MkDocsConfig | None = None) -> None:
        logging.getLogger("mkdocs.commands.serve").info("Building documentation...")
        if config is None:
            config = get_config()
            config.site_url = serve_url
        with _quiet_dirty_warning():
            build(config, serve_url=serve_url, dirty=True)

    return dirty_build


class _DirtyWarning(logging.Filter):
    """Drops MkDocs' warning that a dirty build may leave the navigation wrong: `plan` keeps it right."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


@contextlib.contextmanager
def _quiet_dirty_warning() -> Iterator[None]:
    quiet, logger = _DirtyWarning(), logging.getLogger("mkdocs.commands.build")
    logger.addFilter(quiet)
    try:
        yield
    finally:
        logger.removeFilter(quiet)


def _frame(config: MkDocsConfig, files: Files, nav: Navigation, banner: str) -> str:
    """A digest of everything a page's HTML depends on besides its own source; "" when it cannot
    be told (an unknown plugin, or a navigation title that only reading a page gives)."""
    if not set(config.plugins) <= KNOWN_PLUGINS or (_search_in_use(config) and _search_index(config) is None):
        return ""
    items = list(_nav_items(nav.items))
    if any(title is None for _, title, _ in items):
        return ""
    digest = hashlib.sha256()
    for part in (
        Path(config.config_file_path).read_bytes() if config.config_file_path else b"",
        repr((config.site_name, config.site_description, config.copyright, config.site_url)).encode(),
        repr((config.use_directory_urls, sorted(config.theme.items(), key=lambda kv: kv[0]))).encode(),
        banner.encode(),
        repr(items).encode(),
        repr([(f.src_uri, f.dest_uri, f.url, f.inclusion.name) for f in files]).encode(),
        repr(list(_theme_files(config))).encode(),
    ):
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def _nav_items(items: list[Any]) -> Iterator[tuple[str, str | None, str]]:
    """The navigation as (kind, title, address) triples, depth first."""
    for item in items:
        if isinstance(item, Section):
            yield "section", item.title, ""
            yield from _nav_items(item.children)
            yield "end", "", ""
        elif isinstance(item, Link):
            yield "link", item.title, item.url
        else:
            yield "page", item.title, item.file.src_uri


def _theme_files(config: MkDocsConfig) -> Iterator[tuple[str, int, int]]:
    """The theme overrides (custom_dir) by path, modification time and size: an edit there may change every page."""
    folder = config.theme.custom_dir
    if not folder or not os.path.isdir(folder):
        return
    for parent, folders, names in os.walk(folder):
        folders.sort()
        for name in sorted(names):
            stat = os.stat(os.path.join(parent, name))
            yield os.path.relpath(os.path.join(parent, name), folder), stat.st_mtime_ns, stat.st_size


def _read_nav_meta(nav: Navigation, generated: dict[str, tuple[GeneratedFile, str | bytes]]) -> None:
    """Give every navigation page its front matter, as a whole build has read it by the time any
    page renders its navigation; MkDocs reads again only the pages that changed."""
    for page in nav.pages:
        found = generated.get(page.file.src_uri)
        if found is not None:
            text = found[1] if isinstance(found[1], str) else found[1].decode("utf-8")
        elif page.file.abs_src_path and os.path.isfile(page.file.abs_src_path):
            text = Path(page.file.abs_src_path).read_text(encoding="utf-8-sig", errors="strict")
        else:
            continue
        page.meta = front_matter.get_data(text)[1]


def _search_in_use(config: MkDocsConfig) -> bool:
    return _search_plugin(config) is not None


def _search_plugin(config: MkDocsConfig) -> Any:
    return config.plugins.get("search") or config.plugins.get("material/search")


def _search_index(config: MkDocsConfig) -> Any:
    """Material's search index for this build (its `entries` is a list, and the plugin keeps a
    previous index under `--dirty`), or None."""
    plugin = _search_plugin(config)
    index = getattr(plugin, "search_index", None)
    if not hasattr(plugin, "search_index_prev") or not isinstance(getattr(index, "entries", None), list):
        return None
    return index
