"""The MkDocs adapter: the only module that imports MkDocs. A thin shell over the pipeline."""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import jinja2
from mkdocs.config import base, load_config
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext
from watchdog.events import EVENT_TYPE_MODIFIED, FileSystemEvent, FileSystemEventHandler

from generator.adapters import desk, mkdocs_rebuild, preview, settings
from generator.adapters import languages as langs
from generator.adapters.languages import material_language as _material_language
from generator.adapters.mkdocs_rebuild import KNOWN_PLUGINS, CompiledTemplates, Rebuilds
from generator.content.load import FileCache
from generator.content.problems import ContentError, Problem
from generator.facts.addresses import source_link
from generator.facts.parts import PAGE_SIZE
from generator.facts.sections import REGISTRY
from generator.pipeline import build_sites
from generator.site.environment import TEMPLATES
from generator.site.html import escape
from generator.site.languages import Languages
from generator.site.page_memo import PageMemo
from generator.site.render import Site

log = logging.getLogger("mkdocs.plugins.story_explainer")

BUG = "this is a bug in Story Explainer"

_T = TypeVar("_T")


def _hook(method: Callable[..., _T]) -> Callable[..., _T]:
    """A hook MkDocs calls once per page or after the build: its time counts in the "hooks" stage
    benchmarks print beside the pipeline's, as it is the plugin's own work within MkDocs' build."""

    @functools.wraps(method)
    def timed(self: StoryExplainerPlugin, *args: Any, **options: Any) -> _T:
        start = time.perf_counter()
        try:
            return method(self, *args, **options)
        finally:
            self._lap("hooks", start)

    return timed


class StoryExplainerConfig(base.Config):
    content = c.Type(str, default="content")
    """The content folder, relative to mkdocs.yml."""
    templates = c.Type(str, default="")
    """The page templates folder, relative to mkdocs.yml (default: the package's generator/site/templates)."""
    page_size = c.Type(int, default=PAGE_SIZE)
    """Entries a list page (timeline, quotes, sources, defections, who's who, figures) holds before it is split."""


class StoryExplainerPlugin(BasePlugin[StoryExplainerConfig]):
    """Adds the explainer's pages, generated from `content/`, to the MkDocs build.

    Defining on_startup makes MkDocs 1.6 keep this one instance for the whole `mkdocs serve`
    (it loads the configuration again on every rebuild, but reuses such plugins), so what
    must outlive a rebuild lives here, on the instance.
    """

    def __init__(self) -> None:
        self.site: Site | None = None
        self.root = Path()
        self.timings: dict[str, float] = {}  # seconds per pipeline stage, for benchmarks
        self.banner = ""  # why the preview shows the last good site instead of the content, as HTML
        self.serving = False  # `mkdocs serve` (not `serve --clean`): broken content keeps the last good site
        self.dirty = False  # `--dirty`: every build is dirty, from the first
        self.rebuilds = Rebuilds()  # what a rebuild under serve keeps of the last build, to redo only what changed
        self.compiled = CompiledTemplates()  # the theme's templates, compiled once per serve
        self.last_good: Site | None = None
        self.scratch: Path | None = None  # temporary folder for the doorbell and a stand-in docs_dir; see on_serve
        self.server: LiveReloadServer | None = None
        self.watched: list[str] = []  # folders whose watch dies when they are moved away
        self.cache = FileCache()  # parsed files, kept across serve's rebuilds: an edit re-reads one file
        self.pages = PageMemo()  # rendered pages, kept across serve's rebuilds: an edit renders the pages it changes
        self.previous_sigterm: preview.Handler = None  # put back when the preview ends
        self.marked: Page | None = None  # the section page marked current while another page renders
        self.languages: Languages | None = None  # the story's languages, when it has translations
        self.navs: dict[str, Navigation] = {}  # each translation's sidebar (languages.py)
        self.files: Files | None = None  # the build's files, to find a page in another language
        self.words = langs.ConfigWords(None, ())  # the configuration's words, said in each page's language
        self.generated: frozenset[str] = frozenset()  # the generated pages' paths (docs_dir holds the others)
        self.search_split = True  # the search index is rewritten in the story's language after the build
        self.data_files: list[File] = []  # data files whose bytes `mkdocs build` drops once it has copied them

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Note whether this is a preview (`mkdocs serve`), which must survive broken content."""
        self.serving, self.dirty = command == "serve", dirty
        self.rebuilds = Rebuilds(always_dirty=dirty, remember=self.serving)
        if self.serving:
            self.previous_sigterm = preview.interrupt_on_sigterm()

    def on_shutdown(self) -> None:
        """Forget the session (the instance may serve again in this process) and remove its files."""
        if self.scratch is not None:
            shutil.rmtree(self.scratch, ignore_errors=True)
        preview.restore_sigterm(self.previous_sigterm)
        self.previous_sigterm = None
        self.serving = self.dirty = False
        self.rebuilds, self.compiled, self.pages = Rebuilds(), CompiledTemplates(), PageMemo()
        self.last_good, self.scratch, self.server, self.watched = None, None, None, []

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Check the deployment settings, build the site from the checked content, and speak the
        story's language: Material's interface text, <html lang> and, for Arabic, Hebrew or
        Persian, right-to-left layout all follow the theme's language."""
        if self.config.page_size < 1:
            # As `pages --page-size` refuses it: a page of no records would split every list.
            raise PluginError(
                f"story-explainer: page_size must be 1 or more, not {self.config.page_size} "
                "(mkdocs.yml, plugins: story-explainer: page_size)"
            )
        self._check_settings(config)
        # The one reading of the content is the checked one, done here (MkDocs loads the
        # configuration again before every rebuild in serve): the theme's language must be set
        # now, and only a checked story may choose it.
        self.root = self.root_of(config)
        content = self._content(config)
        desk.follow_the_story(config, content, self.root)
        self.site = self._build(content, self._templates(config), config)
        if self.site.language and config.theme.name == "material":
            supported = _material_language(self.site.language)
            if supported:
                config.theme["language"] = supported
        self.words = langs.ConfigWords.of(config)
        self.words.speak(config, self.site.words)
        # The sidebar lists the section pages the registry declares (a nav MkDocs makes itself
        # lists every generated page): a warning, which `--strict` makes an error, says what to add.
        for problem in REGISTRY.nav_problems(config.nav) if config.nav else []:
            log.warning("story-explainer: mkdocs.yml: %s", problem)
        # A story in one language is searched in it from the start; a story in several has an index
        # per language, split after the build from the one Material writes (_split_languages).
        self.search_split = self.languages is not None or not langs.search_in(config, self.site.language)
        if self.languages is not None:
            # Material shows its language selector when this is set; the selector's entries and the
            # hreflang links are each page's own (languages.py), so not a list Material would print.
            config.extra["alternate"] = True
        return config

    def _check_settings(self, config: MkDocsConfig) -> None:
        """Refuse deployment settings that are not what their names say, in one line each: every
        page prints them (issue 22). While serving, site_url is the preview's own address."""
        found = settings.problems(
            [
                (settings.SITE_URL, None if self.serving else config.site_url),
                (settings.REPO_URL, config.repo_url),
                (settings.REPO_NAME, config.repo_name),
                (settings.EDIT_URI, config.edit_uri),
                (settings.CONTENT_EDIT_URI, config.extra.get("content_edit_uri")),
            ]
        )
        if found:
            raise PluginError("story-explainer: " + "; ".join(found))

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """While serving, watch again the folders that were moved away and are back."""
        if self.server is not None:
            self._revive_watches(self.server)

    def _content(self, config: MkDocsConfig) -> Path:
        """The story to build: `content:`, unless STORY_EXPLAINER_CONTENT names another (README, "A second story")."""
        return self._path(config, os.environ.get(desk.CONTENT_ENV) or self.config.content)

    def root_of(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path).parent

    def _path(self, config: MkDocsConfig, value: str) -> Path:
        return (Path(config.config_file_path).parent / value).resolve()

    def _templates(self, config: MkDocsConfig) -> Path:
        return self._path(config, self.config.templates) if self.config.templates else TEMPLATES

    def _scratch(self, name: str) -> Path:
        """A folder of this session's temporary folder (made on first use, removed on shutdown)."""
        if self.scratch is None:
            self.scratch = Path(tempfile.mkdtemp(prefix="story-explainer-"))
        folder = self.scratch / name
        folder.mkdir(exist_ok=True)
        return folder

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        start = time.perf_counter()
        if self.site is None:  # built in on_config
            raise PluginError(f"story-explainer: on_files ran before on_config ({BUG})")
        if self.site.name:
            # The header and the browser tab name the story a reader came for, not the tool that
            # made it. Themes print site_name into HTML as it is, so it is escaped here, once.
            config.site_name = escape(" ".join(self.site.name.split()))
        # The desk's own words, from story.yml: mkdocs.yml names no story and no desk.
        if self.site.description:
            config.site_description = escape(" ".join(self.site.description.split()))  # printed as it is, as site_name
        if self.site.copyright:
            config.copyright = escape(" ".join(self.site.copyright.split()))
        # The theme's own words around the pages, in the story's language (theme/main.html).
        config.extra["story_words"] = dict(self.site.words)
        # Each generated file says whether it changed since the last build (mkdocs_rebuild.py):
        # a rebuild under serve renders and writes only those.
        self.rebuilds.generated = {}
        for page in self.site.pages.values():
            if files.get_file_from_path(page.path) is not None:
                raise PluginError(
                    f"{page.path} is written by hand in {config.docs_dir} and generated "
                    "from content; rename the hand-written page"
                )
            files.append(self.rebuilds.add(config, page.path, page.text))
        self.data_files = []
        for path, data in self.site.files.items():  # data, feeds and embeds: copied to the site as they are
            if files.get_file_from_path(path) is not None:
                raise PluginError(
                    f"{path} is written by hand in {config.docs_dir} and generated from content; "
                    "rename the hand-written file"
                )
            self.data_files.append(self.rebuilds.add(config, path, data))
            files.append(self.data_files[-1])
        self.generated = frozenset(self.site.pages)
        self._check_links(files)
        self._lap("write", start)  # handing the pages to MkDocs is our time too (benchmarks/build_scale.py)
        if self.languages is not None:
            for file in langs.hand_written(files, config, self.languages):
                files.append(file)
            langs.out_of_nav(files, self.languages)
        log.debug(
            "generated %d pages and %d data files in %.3f s",
            len(self.site.pages),
            len(self.site.files),
            sum(self.timings.values()),
        )
        if not self.serving:
            self._release_site()
        return files

    def _check_links(self, files: Files) -> None:
        """Report each link of a generated page to a file that is not in the site: under `mkdocs
        build --strict` the build fails, as it does for a Markdown link to no file."""
        assert self.site is not None
        present = files.src_uris
        for page in self.site.pages.values():
            # A translation's pages link within its own folder (generator/site/languages.py).
            prefix = self.languages.prefix(self.languages.of_path(page.path)) if self.languages else ""
            for target, anchor in page.links.items():
                if prefix + target not in present:
                    href = source_link(page.path.removeprefix(prefix), target, anchor)
                    log.warning("%s links to '%s', which is not in the site", page.path, href)

    def _release_site(self) -> None:
        """Let go of the pages' text and the files' bytes: MkDocs holds them now, and `mkdocs build`
        needs only the site's words and names from here on (serve keeps them for the next rebuild).
        At 1,000 actors they are about 37 MB, which MkDocs' own pages can then reuse."""
        self.site = _without_pages(self.site) if self.site is not None else None
        if self.languages is not None:
            sites = {tag: _without_pages(site) for tag, site in self.languages.sites.items()}
            self.languages = dataclasses.replace(self.languages, sites=sites)

    def _build(self, content: Path, templates: Path, config: MkDocsConfig) -> Site:
        """The site, or while serving, the last good site with a banner saying why it is not."""
        self.banner, self.timings = "", {}
        try:
            if self.serving and not content.is_dir():
                return self._last_good(preview.missing_banner(self._shown(content)), "")
            warnings: list[Problem] = []
            sites = build_sites(
                content,
                templates,
                directory_urls=config.use_directory_urls,
                timings=self.timings,
                site_url=config.site_url or None,
                # The parsed files and rendered pages are kept for serve's next rebuild; a build
                # would only hold them (and every record) in memory until it ends.
                cache=self.cache if self.serving else None,
                pages=self.pages if self.serving else None,
                page_size=self.config.page_size,
                content_path=desk.content_path(content, self.root_of(config)),
                warnings=warnings,
                url_links=True,  # MkDocs leaves links in raw HTML as they are: pages link by URL
            )
        except ContentError as err:
            if not self.serving:
                raise PluginError(f"content has problems:\n{err.report()}") from None
            # While serving, a typo must not take the preview down: keep the last good pages.
            for problem in err.problems:
                log.error("%s", problem)
            return self._last_good(preview.problems_banner(err.problems), err.problems[0].file if err.problems else "")
        except Exception as err:
            # A bug, not the content's fault; while serving, it must not take the preview down either.
            log.debug("unexpected exception while building:", exc_info=True)
            if not self.serving:
                raise PluginError(f"{preview.internal_error(err)} ({BUG})") from err
            message = f"{preview.internal_error(err)} ({BUG}; the preview shows the last good site)"
            log.error("%s", message)
            return self._last_good(preview.error_banner(message), "")
        # A translation behind the story's own text (stale, or matching nothing) shows the English or
        # says when it was made, so the story can still be published while its translators catch up:
        # said at INFO, which `--strict` lets pass, once per build, as `check` says it.
        for warning in warnings:
            log.info("story-explainer: translation warning: %s", warning)
        # One site per language: a translation's pages and files under its tag (languages.py).
        self.languages = Languages.of(sites) if len(sites) > 1 else None
        site = self.languages.merged() if self.languages is not None else next(iter(sites.values()))
        if self.serving:  # what the preview shows while the content is broken (a build just fails)
            self.last_good = site
        return site

    def _last_good(self, banner: str, source: str) -> Site:
        """The last good site (or placeholders, before there was one) with `banner` on every page."""
        self.banner = banner
        return preview.with_banner(self.last_good or preview.placeholder_site(source), banner)

    def _shown(self, path: Path) -> str:
        """A path as the editor knows it: relative to mkdocs.yml when inside its folder."""
        return path.relative_to(self.root).as_posix() if path.is_relative_to(self.root) else str(path)

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Title the section pages in the navigation as the story's language calls them (mkdocs.yml
        names them in English, for builders that run no plugin); then, while serving, decide
        whether this build renders only what changed (mkdocs_rebuild.py), with the titles shown."""
        sections = self.site.sections if self.site else {}
        for page in nav.pages:
            if page.file.src_uri in sections:
                page.title = sections[page.file.src_uri]
        # Each translation's navigation: the same sidebar, of its own pages (languages.py).
        self.files = files
        self.navs = langs.navigations(nav, files, self.languages) if self.languages is not None else {}
        if self.serving:
            self.rebuilds.plan(config, files, nav, self.banner)
        return nav

    def on_env(self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        """While serving, keep the theme's compiled templates for the next build (MkDocs makes a new
        environment for each)."""
        if self.serving:
            self.compiled.use_in(env)
        if self.languages is not None and self.site is not None:
            self.words.speak(config, self.site.words)  # the theme's own pages (404) speak the story's language
        return env

    @_hook
    def on_pre_page(self, page: Page, /, *, config: MkDocsConfig, files: Files) -> Page:
        """A page of a translation is rendered in its language (languages.py, ConfigWords)."""
        if self.languages is not None:
            self.words.speak_page(config, page, self.languages)
        return page

    @_hook
    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Add the problems banner to hand-written pages; MkDocs makes no edit link for generated ones."""
        if page.file.src_uri not in self.generated:
            return self.banner + markdown if self.banner else markdown  # hand-written pages
        # The edit link is made by the theme (partials/actions.html) from the page's edit_path;
        # MkDocs' own would open a Markdown file under docs_dir that does not exist.
        page.edit_url = None
        if not self.serving:
            # MkDocs has read the page into `markdown` and never reads its file again in a build;
            # the file's copy of the text would stay in memory until the build ends.
            page.file.content_string = ""
        return markdown

    @_hook
    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """In a build, let go of a generated page's Markdown once MkDocs has made its HTML: MkDocs and
        Material read only the HTML from here on, and every page's Markdown would otherwise stay in
        memory until the build ends (26 MB at 1,000 actors, a tenth of the build's peak). Only with
        the plugins this module knows, as another one may read the Markdown after this hook."""
        if not self.serving and page.file.src_uri in self.generated and set(config.plugins) <= KNOWN_PLUGINS:
            page.markdown = ""
        return html

    def _release_data_files(self) -> None:
        """Let go of the data files' bytes (the story's JSON alone is megabytes): MkDocs copied them
        to the site before it built the first page, and a build does not copy them again."""
        for file in self.data_files:
            file.content_bytes = b""
        self.data_files = []

    def _lap(self, stage: str, start: float) -> None:
        """Add the time since `start` to a stage's total in the timings benchmarks print."""
        self.timings[stage] = self.timings.get(stage, 0.0) + time.perf_counter() - start

    @_hook
    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """Mark the page's section current in the navigation. MkDocs marks only pages in the nav,
        and actor, vote, edition and part pages are kept out of it; each names its section in its
        front matter (facts/trail.py), and the theme highlights the section as the reader's place.
        A page of a translation has that language's navigation, and its section is in its folder."""
        section = page.meta.get("section")
        if self.languages is not None and self.files is not None:
            tag = langs.page_context(context, page, config, self.files, self.languages, self.words)
            if tag in self.navs:
                nav = context["nav"] = self.navs[tag]
                section = self.languages.prefix(tag) + section if isinstance(section, str) else section
        if isinstance(section, str) and section != page.file.src_uri:
            for item in nav.pages:
                if item.file.src_uri == section:
                    item.active, self.marked = True, item  # its parent sections too, as MkDocs does
                    break
        return context

    @_hook
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """Unmark the section marked for this page, as MkDocs unmarks the page itself; give the page
        its language's direction and search (languages.py)."""
        if self.marked is not None:
            self.marked.active, self.marked = False, None
        if self.data_files and not self.serving:
            self._release_data_files()
        if self.languages is not None:
            output = langs.post_page(output, page, self.languages)
        elif self.site is not None and self.site.language:
            output = langs.with_direction(output, self.site.language)
        if self.serving:
            self.rebuilds.page_done(config, page)
        return output

    @event_priority(100)  # before the search plugin writes its index
    @_hook
    def _remember_build(self, *, config: MkDocsConfig) -> None:
        """While serving, complete the search index of a partial build and remember this build."""
        if self.serving:
            self.rebuilds.finish(config)

    @event_priority(-100)  # after the search plugin has written its index
    @_hook
    def _split_languages(self, *, config: MkDocsConfig) -> None:
        """Give each language its own search index and sitemap (languages.py); a story in one
        language, the search of its language, when it could not be set before Material wrote it."""
        site_dir = Path(config.site_dir)
        if self.languages is not None and self.files is not None:
            langs.split_search(site_dir, self.languages)
            langs.write_sitemaps(site_dir, self.files, self.languages, config.site_url or "")
        elif self.search_split and self.site is not None and self.site.language:
            langs.split_search(site_dir, Languages.of({self.site.language: self.site}))

    on_post_build = CombinedEvent(_remember_build, _split_languages)

    def on_build_error(self, *, error: Exception) -> None:
        """A build that failed leaves output no one knows: the next one is whole."""
        self.rebuilds.forget()

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Callable[..., None]
    ) -> LiveReloadServer:
        """Watch the content and the whole theme, and keep watching the content when it is moved."""
        content = self._content(config)
        # MkDocs watches custom_dir only with --watch-theme; the templates are usually inside it.
        ours = [content, *([Path(config.theme.custom_dir)] if config.theme.custom_dir else [])]
        templates = self._templates(config)
        if not any(templates.is_relative_to(folder) for folder in ours[1:]):
            ours.append(templates)
        mkdocs_rebuild.poll_often(server)
        for folder in ours:
            server.watch(str(folder))
        self.server = server
        self.watched = [os.path.abspath(folder) for folder in (*ours, Path(config.docs_dir))]
        # A watched folder that is moved away stops being watched for good, and MkDocs ignores
        # the folder events that say so. A watch on the content's parent survives the move:
        # it rings a doorbell (a file in a folder MkDocs watches) to rebuild, and each rebuild
        # revives the watches that died (on_pre_build).
        doorbell = self._scratch("doorbell")
        server.watch(str(doorbell))
        server.observer.schedule(_ContentMoves(self, str(content), doorbell), str(content.parent))
        # MkDocs refuses to load a configuration whose docs_dir is missing (here it moves with
        # the content): then rebuild with an empty stand-in, so that the banner says why.
        server.builder = functools.partial(self._rebuild, builder, config)
        return server

    def _rebuild(self, builder: Callable[..., None], first: MkDocsConfig, config: MkDocsConfig | None = None) -> None:
        """MkDocs' serve builder, with an empty docs_dir stand-in while docs_dir is missing."""
        if config is None and not os.path.isdir(first.docs_dir):
            config = load_config(
                first.config_file_path,
                site_dir=first.site_dir,
                docs_dir=str(self._scratch("no-docs")),
                use_directory_urls=first.use_directory_urls,
            )
            config.site_url = first.site_url
        self.rebuilds.run(builder, config)

    def _revive_watches(self, server: LiveReloadServer) -> None:
        """Watch again each folder whose watch died (it was moved away) and that is back."""
        alive = {emitter.watch.path for emitter in list(server.observer.emitters) if emitter.is_alive()}
        for folder in self.watched:
            if folder not in alive and os.path.isdir(folder):
                log.debug("watching %s again", folder)
                _rewatch(server, folder)

    def dead_watches(self) -> bool:
        """Whether a watched folder is back but its watch died (it was moved away and back)."""
        if self.server is None:
            return False
        try:
            alive = {emitter.watch.path for emitter in list(self.server.observer.emitters) if emitter.is_alive()}
        except RuntimeError:  # the set changed while a rebuild revived a watch: ask again then
            return True
        return any(folder not in alive and os.path.isdir(folder) for folder in self.watched)


class _ContentMoves(FileSystemEventHandler):
    """Rings the doorbell when the content folder goes or comes back, or a watch died."""

    def __init__(self, plugin: StoryExplainerPlugin, content: str, doorbell: Path) -> None:
        self.plugin, self.content, self.doorbell = plugin, content, doorbell

    def on_any_event(self, event: FileSystemEvent) -> None:
        if not event.is_directory:  # files beside the content, such as a log, are not ours
            return
        # Only appearing and disappearing: edits inside the content already rebuild.
        moved = event.event_type != EVENT_TYPE_MODIFIED and self.content in (event.src_path, event.dest_path)
        # A move away and back between two polls shows only as a folder modified.
        if moved or self.plugin.dead_watches():
            (self.doorbell / "ring").write_text(str(time.time_ns()), encoding="utf-8")


def _rewatch(server: LiveReloadServer, folder: str) -> None:
    """Replace the watch on `folder` with a new one, as many times as it was watched."""
    count = 0
    with contextlib.suppress(KeyError):  # unwatch raises KeyError once the folder is not watched
        while True:
            server.unwatch(folder)
            count += 1
    try:
        for _ in range(max(count, 1)):
            server.watch(folder)
    except OSError:  # moved away again meanwhile: the next rebuild tries again
        log.debug("could not watch %s", folder, exc_info=True)


def _without_pages(site: Site) -> Site:
    """`site` without its pages and files: its name, language and words are what stays in use."""
    return dataclasses.replace(site, pages={}, files={})
