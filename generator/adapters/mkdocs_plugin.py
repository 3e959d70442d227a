"""The MkDocs adapter: the only module that imports MkDocs. A thin shell over the pipeline."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from generator.adapters import preview
from generator.content.problems import ContentError, Problem
from generator.pipeline import build_site
from generator.site.render import TEMPLATES, Site

log = logging.getLogger("mkdocs.plugins.story_explainer")

# Set by on_startup, which only the first plugin instance of a `mkdocs serve` receives.
_serving = False
_dirty = False


class StoryExplainerConfig(base.Config):
    content = c.Type(str, default="content")
    """The content folder, relative to mkdocs.yml."""
    templates = c.Type(str, default="")
    """The page templates folder, relative to mkdocs.yml (default: the package's theme/story)."""
    edit_uri = c.Type(str, default="")
    """Like MkDocs' edit_uri, but from the repository root, e.g. edit/main/ (empty: no edit links)."""


class StoryExplainerPlugin(BasePlugin[StoryExplainerConfig]):
    """Adds the explainer's pages, generated from `content/`, to the MkDocs build."""

    def __init__(self) -> None:
        self.site: Site | None = None
        self.root = Path()
        self.timings: dict[str, float] = {}  # seconds per pipeline stage, for benchmarks
        self.problems: list[Problem] = []  # content problems shown as a banner while serving

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also makes MkDocs keep this instance across serve rebuilds;
        # the last good site is kept in `preview` anyway, so either way works.
        global _serving, _dirty
        _serving, _dirty = command == "serve", dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Speak the story's language: Material's interface text, <html lang> and, for Arabic,
        Hebrew or Persian, right-to-left layout all follow the theme's language."""
        language = _story_language(self._path(config, self.config.content))
        if language and config.theme.name == "material":
            supported = _material_language(language)
            if supported:
                config.theme["language"] = supported
        return config

    def _path(self, config: MkDocsConfig, value: str) -> Path:
        return (Path(config.config_file_path).parent / value).resolve()

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        content = self._path(config, self.config.content)
        templates = self._path(config, self.config.templates) if self.config.templates else TEMPLATES
        self.problems = []
        try:
            self.timings = {}
            self.site = build_site(content, templates, directory_urls=config.use_directory_urls,
                                   timings=self.timings)
            preview.remember(content, self.site)
        except ContentError as err:
            if not _serving:
                raise PluginError(f"content has problems:\n{err.report()}") from None
            # While serving, a typo must not take the preview down: keep the last good pages.
            for problem in err.problems:
                log.error("%s", problem)
            self.problems = err.problems
            good = preview.last_good(content) or preview.placeholder_site(err.problems)
            self.site = preview.with_banner(good, err.problems)
        for page in self.site.pages.values():
            if files.get_file_from_path(page.path) is not None:
                raise PluginError(f"{page.path} is written by hand in {config.docs_dir} and generated "
                                  "from content; rename the hand-written page")
            if _serving and _dirty:
                # `mkdocs serve --dirty` rebuilds only pages whose source file is newer than
                # their output: back each page with a file rewritten only when it changed.
                source = preview.page_file(content, page.path, page.text)
                files.append(File.generated(config, page.path, abs_src_path=str(source)))
            else:
                files.append(File.generated(config, page.path, content=page.text))
        self.root = Path(config.config_file_path).parent
        log.debug("generated %d pages in %.3f s", len(self.site.pages), sum(self.timings.values()))
        return files

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Point the page's edit link at the YAML it was generated from; add the problems banner."""
        generated = self.site.pages.get(page.file.src_uri) if self.site else None
        if self.problems and generated is None:
            markdown = preview.banner(self.problems) + markdown  # hand-written pages
        if generated is not None and config.repo_url and self.config.edit_uri:
            content_root = self._path(config, self.config.content)
            source = (content_root.parent / generated.source).relative_to(self.root).as_posix()
            page.edit_url = f"{config.repo_url.rstrip('/')}/{self.config.edit_uri.strip('/')}/{source}"
        return markdown

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        server.watch(str(self._path(config, self.config.content)))
        templates = self._path(config, self.config.templates) if self.config.templates else TEMPLATES
        server.watch(str(templates))
        return server


def _story_language(content: Path) -> str | None:
    """The `language` of story.yml, read early and leniently (check reports any problem)."""
    try:
        story = yaml.safe_load((content / "story.yml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    language = story.get("language") if isinstance(story, dict) else None
    return language if isinstance(language, str) else None


def _material_language(tag: str) -> str | None:
    """The closest language Material has interface text for: pt-BR, else pt; None if neither."""
    import material

    languages = Path(material.__file__).parent / "templates" / "partials" / "languages"
    for candidate in (tag, tag.split("-")[0]):
        if (languages / f"{candidate}.html").is_file():
            return candidate
    return None
