"""A rebuild under `mkdocs serve` redoes only what an edit changed, and gives the same site as a clean build.

The builds run in this process, as `mkdocs serve` runs them: the first clean, every later one
dirty (generator/adapters/mkdocs_rebuild.py). After each edit of a seeded random sequence the
served folder must equal, file for file and byte for byte, a clean build of the same content.
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from conftest import ENGINE_STORY, make_project

SERVE_URL = "http://127.0.0.1:8000/story-explainer/"
# A plain one-line text value of a field whose words a reader sees: editing it keeps the story valid.
TEXT_LINE = re.compile(
    r"^(?P<head>\s*-?\s*(?:name|short|description|title|summary|text): )(?P<value>[A-Za-z][^:#\"'\n]*)$", re.M
)


@pytest.fixture(autouse=True)
def _quiet(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")


@contextmanager
def serving(project: Path) -> Iterator[Any]:
    """The project's plugin, started as by `mkdocs serve` and shut down after (MkDocs keeps the instance)."""
    from mkdocs.config import load_config

    plugins = load_config(str(project / "mkdocs.yml")).plugins
    plugins.on_startup(command="serve", dirty=False)
    try:
        yield plugins["story-explainer"]
    finally:
        plugins.on_shutdown()


def build(project: Path, site: Path, *, dirty: bool) -> None:
    """The first build of `mkdocs serve` (dirty=False), or a rebuild after an edit, as the plugin makes
    serve's builder run it (mkdocs_rebuild.Rebuilds.run)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.config.defaults import MkDocsConfig

    is_clean, serve_url = False, SERVE_URL

    def get_config() -> MkDocsConfig:
        return load_config(str(project / "mkdocs.yml"), site_dir=str(site))

    # Made as MkDocs 1.6's `serve` makes it: the plugin reads these names from its closure.
    def builder(config: MkDocsConfig | None = None) -> None:
        if config is None:
            config = get_config()
            config.site_url = serve_url
        mkdocs_build(config, serve_url=None if is_clean else serve_url, dirty=False)

    if not dirty:
        builder()
        return
    plugin = get_config().plugins["story-explainer"]
    plugin.rebuilds.run(builder, None)


def clean_build(plugin: Any, project: Path, site: Path) -> None:
    """A clean build by the same plugin instance, with none of the state the rebuilds keep."""
    from generator.adapters.mkdocs_rebuild import Rebuilds
    from generator.content.load import FileCache

    kept = plugin.rebuilds, plugin.cache
    plugin.rebuilds, plugin.cache = Rebuilds(), FileCache()
    try:
        build(project, site, dirty=False)
    finally:
        plugin.rebuilds, plugin.cache = kept


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def mtimes(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*.html")}


def assert_same_site(served: Path, clean: Path) -> None:
    got, want = files_of(served), files_of(clean)
    assert sorted(got) == sorted(want)
    differing = [path for path in want if got[path] != want[path]]
    assert differing == [], f"served differs from a clean build in {differing[:5]}"


def edit_text(rng: random.Random, content: Path, token: str) -> str:
    """Append a word to one visible text value of one record, chosen at random; say which file."""
    candidates = [
        (path, match)
        for path in sorted(content.glob("*.yml"))
        for match in TEXT_LINE.finditer(path.read_text(encoding="utf-8"))
    ]
    path, match = rng.choice(candidates)
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: match.end("value")] + f" {token}" + text[match.end("value") :], encoding="utf-8")
    return f"{path.name}:{match.group('head').strip()}"


def edit_theme(project: Path, token: str) -> str:
    css = next((project / "theme").rglob("*.css"))
    css.write_text(css.read_text(encoding="utf-8") + f"\n/* {token} */\n", encoding="utf-8")
    return "theme css"


def edit_hand_written(project: Path, token: str) -> str:
    about = project / "content" / "pages" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + f"\n{token}\n", encoding="utf-8")
    return "about.md"


def break_then_fix(project: Path, served: Path, token: str) -> str:
    """A typo (a problems banner on every page, over the last good site), then its fix."""
    story = project / "content" / "story.yml"
    good = story.read_text(encoding="utf-8")
    story.write_text(good + "\nno_such_field: [unclosed\n", encoding="utf-8")
    build(project, served, dirty=True)
    assert "se-problems" in (served / "index.html").read_text(encoding="utf-8")
    story.write_text(good, encoding="utf-8")
    return "broken story.yml, fixed"


def add_or_remove_actor(content: Path) -> str:
    """Add an actor of the test's own at the end of actors.yml, or remove the one added before."""
    actors = content / "actors.yml"
    text = actors.read_text(encoding="utf-8")
    head, added, _ = text.partition(ADDED_ACTOR)
    if added:
        actors.write_text(head, encoding="utf-8")
        return "removed an actor"
    actors.write_text(text + ADDED_ACTOR, encoding="utf-8")
    return "added an actor"


# An actor of the fixture story's sides and sources, written in by the test.
ADDED_ACTOR = """- id: added-by-the-test
  name: Added Bytest
  kind: person
  short: An actor the test adds and removes
  description: A person the test adds to the story, then takes out again.
  side: civilian
  sources: [example-wire-2023-06-20]
"""


@pytest.mark.parametrize("seed", [1, 2])
def test_rebuilds_after_random_edits_equal_a_clean_build(tmp_path: Path, seed: int) -> None:
    project = make_project(ENGINE_STORY, tmp_path / "project")
    # Material prints a navigation page's icon from its front matter on every page's navigation,
    # also when that page is not read again.
    about = project / "content" / "pages" / "about.md"
    about.write_text("---\nicon: material/information\n---\n\n" + about.read_text(encoding="utf-8"), encoding="utf-8")
    served, clean = tmp_path / "served", tmp_path / "clean"
    rng = random.Random(seed)  # noqa: S311 - a repeatable sequence of edits, not a secret
    with serving(project) as plugin:
        build(project, served, dirty=False)
        partial = 0
        # Each kind of edit at least once, in an order the seed chooses; "actor" adds an actor
        # (a new page, so a whole rebuild) the first time and removes it (a page gone) the second.
        steps = ["text", "text", "theme", "hand-written", "broken", "actor", "actor"]
        rng.shuffle(steps)
        for step, kind in enumerate(steps):
            time.sleep(0.01)  # hand-written pages and theme files are compared by modification time
            token = f"edit{seed}x{step}"
            if kind == "text":
                what = edit_text(rng, project / "content", token)
            elif kind == "theme":
                what = edit_theme(project, token)
            elif kind == "hand-written":
                what = edit_hand_written(project, token)
            elif kind == "broken":
                what = break_then_fix(project, served, token)
            else:
                what = add_or_remove_actor(project / "content")
            build(project, served, dirty=True)
            partial += plugin.rebuilds.last is not None and plugin.rebuilds.partial
            clean_build(plugin, project, clean)
            try:
                assert_same_site(served, clean)
            except AssertionError as err:
                raise AssertionError(f"after step {step} ({what}): {err}") from None
    assert partial, "no rebuild was partial: the test compared only whole builds"


def test_a_one_record_edit_rewrites_only_the_pages_that_show_it(tmp_path: Path) -> None:
    """An actor's description is on its page and in who's who: only those are written again,
    and the search index still has every page (Material indexes only the pages it renders)."""
    project = make_project(ENGINE_STORY, tmp_path / "project")
    served = tmp_path / "served"
    with serving(project):
        build(project, served, dirty=False)
        before, index = mtimes(served), (served / "search/search_index.json").read_bytes()
        time.sleep(0.01)
        actors = project / "content" / "actors.yml"
        text = actors.read_text(encoding="utf-8")
        old = "description: A colonel the junta named as its ambassador to the UN."
        assert old in text
        actors.write_text(text.replace(old, old[:-1] + " in June."), encoding="utf-8")
        build(project, served, dirty=True)
        after = mtimes(served)
    rewritten = sorted(path for path in before if after[path] != before[path])
    assert "actors/rina-vask/index.html" in rewritten
    assert "index.html" not in rewritten and "votes/index.html" not in rewritten
    assert len(rewritten) < len(before) / 4, rewritten
    new_index = (served / "search/search_index.json").read_bytes()
    assert b"in June." in new_index
    assert new_index.count(b'"location":') == index.count(b'"location":')


def test_the_page_memo_gives_the_pages_a_clean_render_gives(tmp_path: Path) -> None:
    """The generator alone, after each of a seeded sequence of edits (names, descriptions, titles of
    sources and documents, glossary text): pages and data files equal a build with no memo."""
    import shutil

    from generator.content.load import FileCache
    from generator.pipeline import build_site
    from generator.site.page_memo import PageMemo

    content = tmp_path / "content"
    shutil.copytree(ENGINE_STORY, content)
    memo, cache = PageMemo(), FileCache()
    rng = random.Random(7)  # noqa: S311 - a repeatable sequence of edits, not a secret
    build_site(content, pages=memo, cache=cache)
    reused = 0
    for step in range(14):
        time.sleep(0.01)  # the file cache tells an edited file by its modification time
        what = edit_text(rng, content, f"memo{step}")
        kept = build_site(content, pages=memo, cache=cache)
        clean = build_site(content)
        reused += len(clean.pages) - memo.rendered
        assert kept == clean, f"after step {step} ({what})"
    assert reused > 0, "no page came from the memo: the test compared only fresh renders"


def test_an_edit_to_one_actor_renders_few_pages(tmp_path: Path) -> None:
    import shutil

    from generator.pipeline import build_site
    from generator.site.page_memo import PageMemo

    content = tmp_path / "content"
    shutil.copytree(ENGINE_STORY, content)
    memo = PageMemo()
    site = build_site(content, pages=memo)
    assert memo.rendered == len(site.pages)
    actors = content / "actors.yml"
    text = actors.read_text(encoding="utf-8")
    old = "description: A colonel the junta named as its ambassador to the UN."
    actors.write_text(text.replace(old, old[:-1] + " in June."), encoding="utf-8")
    edited = build_site(content, pages=memo)
    assert "in June." in edited.pages["actors/rina-vask.md"].text
    assert 0 < memo.rendered < len(site.pages) / 2
