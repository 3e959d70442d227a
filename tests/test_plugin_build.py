"""What the MkDocs adapter keeps, and sets, during a build: MkDocs' own hooks, called as MkDocs calls them.

A build lets go of the content and the pages once MkDocs holds them (the build's peak memory);
`mkdocs serve` keeps them for its next rebuild. A story in one language is searched in it with no
second pass over the search index.
"""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from conftest import ENGINE_STORY, make_project


def _plugins(project: Path, command: str) -> tuple[Any, Any, Any]:
    """The configuration after on_config, the files after on_files, and the plugin, for `command`."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    config = load_config(str(project / "mkdocs.yml"))
    config.plugins.on_startup(command=command, dirty=False)
    config = config.plugins.on_config(config)
    files = config.plugins.on_files(Files([]), config=config)
    return config, files, config.plugins["story-explainer"]


@pytest.mark.parametrize("command", ["build", "serve"])
def test_a_build_lets_go_of_the_pages_once_mkdocs_holds_them(tmp_path: Path, command: str) -> None:
    project = make_project(ENGINE_STORY, tmp_path / "project")
    config, files, plugin = _plugins(project, command)
    try:
        generated = [f for f in files if f.src_uri in plugin.generated]
        assert len(generated) > 50 and all(f.content_string for f in generated)  # MkDocs has every page
        serving = command == "serve"
        # Serve keeps the pages, the parsed files and the bytes it compares with the next rebuild's.
        assert bool(plugin.site.pages) == serving and bool(plugin.site.files) == serving
        assert bool(plugin.rebuilds.generated) == serving
        assert bool(plugin.cache._results) == serving
        assert (plugin.last_good is not None) == serving
        assert plugin.site.name and plugin.site.words  # what the theme prints stays
        # Once MkDocs has made a page's HTML, a build lets go of its Markdown too.
        page = SimpleNamespace(file=generated[0], markdown="# A page")
        assert config.plugins.on_page_content("<h1>A page</h1>", page=page, config=config, files=files)
        assert page.markdown == ("# A page" if serving else "")
    finally:
        config.plugins.on_shutdown()


def test_a_build_keeps_the_markdown_for_a_plugin_it_does_not_know(tmp_path: Path) -> None:
    """Another plugin may read a page's Markdown after MkDocs has made its HTML."""
    project = make_project(ENGINE_STORY, tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - search\n", "  - search\n  - tags\n"), "utf-8")
    config, files, plugin = _plugins(project, "build")
    try:
        page = SimpleNamespace(file=next(f for f in files if f.src_uri in plugin.generated), markdown="# A page")
        plugin.on_page_content("<h1>A page</h1>", page=page, config=config, files=files)
        assert page.markdown == "# A page"
    finally:
        config.plugins.on_shutdown()


def _speaking(project: Path, language: str) -> None:
    story = project / "content" / "story.yml"
    text = re.sub(r"^language:.*$", f"language: {language}", story.read_text(encoding="utf-8"), count=1, flags=re.M)
    story.write_text(re.sub(r"^translations:.*\n", "", text, flags=re.M), encoding="utf-8")


@pytest.mark.parametrize("search_first", [True, False])
def test_a_story_in_one_language_is_searched_in_it(tmp_path: Path, search_first: bool) -> None:
    """Material's search is set to the story's language before it writes its index, whichever of
    the two plugins mkdocs.yml names first (Material reads the theme's language in its on_config)."""
    project = make_project(ENGINE_STORY, tmp_path / "project")
    _speaking(project, "fr")
    if not search_first:
        config = project / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        ours = re.search(r"  - story-explainer:\n(?:    .*\n)*", text)
        assert ours is not None
        text = text.replace(ours.group(), "").replace("plugins:\n  - search\n", f"plugins:\n{ours.group()}  - search\n")
        config.write_text(text, encoding="utf-8")
    config, _, plugin = _plugins(project, "build")
    try:
        search = config.plugins["material/search"]
        assert next(iter(config.plugins)) == ("material/search" if search_first else "story-explainer")
        assert search.search_index.config["lang"] == ["fr"]
        assert not plugin.search_split  # no second pass over the index after the build
    finally:
        config.plugins.on_shutdown()


def test_the_plugins_own_work_in_mkdocs_build_is_timed_for_the_benchmarks(tmp_path: Path) -> None:
    """benchmarks/build_scale.py counts as ours every stage the plugin times: the pipeline's, the
    hand-over to MkDocs, and the hooks MkDocs calls per page and after the build."""
    project = make_project(ENGINE_STORY, tmp_path / "project")
    config, files, plugin = _plugins(project, "build")
    try:
        assert {"load", "validate", "derive", "render", "write"} <= set(plugin.timings)
        assert "hooks" not in plugin.timings  # no page built yet
        page = SimpleNamespace(file=next(f for f in files if f.src_uri in plugin.generated), markdown="# A page")
        config.plugins.on_page_content("<h1>A page</h1>", page=page, config=config, files=files)
        first = plugin.timings["hooks"]
        config.plugins.on_post_build(config=config)
        assert plugin.timings["hooks"] > first > 0
    finally:
        config.plugins.on_shutdown()
