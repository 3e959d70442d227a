"""`mkdocs serve` keeps the preview up through bugs and moved folders; pages stay inert.

One test per class of failure (issues 9, 10 and 14). The serve tests run a real
`mkdocs serve` on the small fixture story, so each takes a few seconds.
"""

from __future__ import annotations

import html
import logging
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, TESTS
from test_serve import Server, edit, wait_for

from generator.content.problems import ContentError
from generator.content.prose import CONTROL_RE
from generator.facts.trail import Trail
from generator.pipeline import build_site
from generator.site.environment import front
from generator.site.render import Site

FIXTURE = TESTS / "fixtures" / "harbour-story"
HEADLINE = "Harbourside council rejects the ferry contract"
# Every character that makes YAML refuse a document: DEL, C1 controls (NEL is also a line
# break), U+FFFE and U+FFFF; and an astral character, which libyaml refuses as a JSON surrogate pair.
HOSTILE = "\x7f\x80\x85\x9f\ufffe\uffff\U0001f6a2"
PAYLOAD = "![m](https://x.invalid/m.png){: onerror=alert(1) }"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A site of the fixture story: content/ (with the hand-written About page), theme/, mkdocs.yml."""
    shutil.copytree(FIXTURE, tmp_path / "content")
    (tmp_path / "content" / "pages").mkdir()
    (tmp_path / "content" / "pages" / "about.md").write_text("# About\n\nHand-written.\n", encoding="utf-8")
    shutil.copytree(ROOT / "theme", tmp_path / "theme")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


@pytest.fixture
def serve(project: Path) -> Iterator[Callable[[], Server]]:
    servers: list[Server] = []

    def start() -> Server:
        servers.append(Server(project))
        return servers[-1]

    yield start
    for server in servers:
        server.stop()


@contextmanager
def session(project: Path, command: str) -> Iterator[tuple[Any, Any]]:
    """The project's configuration and plugin, started as `mkdocs <command>` and shut down after."""
    from mkdocs.config import load_config

    config = load_config(str(project / "mkdocs.yml"))
    config.plugins.on_startup(command=command, dirty=False)
    try:
        yield config, config.plugins["story-explainer"]
    finally:
        config.plugins.on_shutdown()  # MkDocs keeps the instance for the whole process


def generated(config: Any) -> dict[str, str]:
    """The plugin's pages for one build: path -> Markdown."""
    from mkdocs.structure.files import Files

    config = config.plugins.on_config(config)  # as MkDocs does before every build: the plugin builds there
    files = config.plugins.on_files(Files([]), config=config)
    return {f.src_uri: f.content_string for f in files if f.is_documentation_page()}


@pytest.mark.parametrize(
    "error",
    [ValueError("bad value\nfor x"), RuntimeError("for x"), OSError(5, "for x"), RecursionError("for x")],
    ids=lambda e: type(e).__name__,
)
def test_unexpected_exception_shows_the_banner_and_the_last_good_site(
    project: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, error: Exception
) -> None:
    import generator.adapters.mkdocs_plugin as plugin_module

    def broken(*args: object, **kwargs: object) -> Site:
        raise error

    caplog.set_level(logging.DEBUG, logger="mkdocs.plugins.story_explainer")
    with session(project, "serve") as (config, _):
        good = generated(config)
        monkeypatch.setattr(plugin_module, "build_sites", broken)
        pages = generated(config)
    last_line = str(error).splitlines()[-1]
    message = (
        f"internal error while building: {type(error).__name__}: {last_line} "
        "(this is a bug in Story Explainer; the preview shows the last good site)"
    )
    assert sorted(pages) == sorted(good)
    for path, text in pages.items():
        assert html.escape(message) in text, path  # on every page
        assert good[path].partition("\n---\n")[2].strip() in text, path  # over the last good page
    assert any(r.levelno == logging.ERROR and r.getMessage() == message for r in caplog.records)
    assert any(r.levelno == logging.DEBUG and r.exc_info and r.exc_info[1] is error for r in caplog.records)


def test_unexpected_exception_fails_mkdocs_build_in_one_line(project: Path) -> None:
    """`mkdocs build` with a bug in the pipeline: exit 1 and one line, no traceback."""
    inject = (
        "import sys, generator.adapters.mkdocs_plugin as m\n"
        "def broken(*a, **k): raise ValueError('bad value\\nfor x')\n"
        "m.build_sites = broken\n"
        "from mkdocs.__main__ import cli\n"
        "sys.exit(cli(['build', '-d', sys.argv[1]]))\n"
    )
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-c", inject, str(project / "site")],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (
        "ERROR   -  internal error while building: ValueError: for x (this is a bug in Story Explainer)\n"
        in result.stderr
    )


def test_content_moved_away_and_back_keeps_live_preview(
    project: Path, serve: Callable[[], Server], tmp_path: Path
) -> None:
    server = serve()
    wait_for(lambda: HEADLINE in server.page(), "the first build")
    content, away = project / "content", tmp_path / "away"

    content.rename(away)
    wait_for(lambda: "The content folder is missing." in server.page(), "the missing-folder banner")
    assert "content: folder not found" in server.page("timeline/")  # on every page
    assert HEADLINE in server.page()  # the last good site

    away.rename(content)
    wait_for(lambda: "se-problems" not in server.page(), "recovery")
    edit(content / "story.yml", f"headline: {HEADLINE}", "headline: Edited after the move")
    wait_for(lambda: "Edited after the move" in server.page(), "an edit after the move back")

    # Away and back within one poll of the watcher: a watch that saw the folder gone has died.
    content.rename(away)
    away.rename(content)
    time.sleep(1.5)
    edit(content / "story.yml", "headline: Edited after the move", "headline: Edited after the quick move")
    wait_for(lambda: "Edited after the quick move" in server.page(), "an edit after a quick move away and back")
    assert server.process.poll() is None


def test_theme_css_edit_triggers_rebuild(project: Path, serve: Callable[[], Server]) -> None:
    server = serve()
    wait_for(lambda: HEADLINE in server.page(), "the first build")
    stylesheet = project / "theme/stylesheets/story.css"
    stylesheet.write_text(stylesheet.read_text(encoding="utf-8") + "\n/* se-css-marker */\n", encoding="utf-8")
    wait_for(lambda: "se-css-marker" in server.page("stylesheets/story.css"), "the edited stylesheet")
    edit(
        project / "theme/main.html",
        "{% block extrahead %}\n",
        '{% block extrahead %}\n  <meta name="se-template-marker" content="1">\n',
    )
    wait_for(lambda: "se-template-marker" in server.page(), "the edited theme template")


@pytest.mark.parametrize(
    ("source", "quoted"),
    [
        (
            'content/" autofocus onfocus="alert(1)" x=".yml',
            "content/%22%20autofocus%20onfocus%3D%22alert%281%29%22%20x%3D%22.yml",
        ),
        ("content/actors/نواف.yml", "content/actors/%D9%86%D9%88%D8%A7%D9%81.yml"),
    ],
)
def test_edit_path_quoting(source: str, quoted: str) -> None:
    """Themes print the edit link into an href as it is: the content file's path in the front
    matter is URL-quoted, so no file name can end the href or add an attribute."""
    from mkdocs.utils.meta import get_data

    from generator.site.environment import edit_path

    assert edit_path(source) == quoted
    assert get_data(_front("X", edit_path(source)))[1]["edit_path"] == quoted


def _front_matter_is_data(text: str, title: str | None = None) -> None:
    """MkDocs' own parser reads the page's front matter as data, never leaving it in the body."""
    from mkdocs.utils.meta import get_data

    body, meta = get_data(text)
    assert isinstance(meta, dict) and meta.get("title"), text[:200]
    assert {"title", "description", "edit_path", "jsonld"} <= set(meta)
    assert not body.startswith("---")
    if title is not None:
        assert meta["title"] == html.escape(" ".join(title.split()))  # every character comes back


def test_front_matter_parsed_as_data(tmp_path: Path) -> None:
    for page in build_site(FIXTURE).pages.values():
        _front_matter_is_data(page.text)
    # An Arabic name with an astral character (libyaml refuses JSON's surrogate pairs for it),
    # then one with every character YAML refuses, in the headline and an actor's name.
    for name in (f"نواف الفارس \U0001f6a2 {PAYLOAD}", f"نواف الفارس {HOSTILE} {PAYLOAD}"):
        pages = _pages_named(tmp_path / str(len(name)), name)
        assert pages or HOSTILE in name  # only control characters may be refused at load time
        for path, text in pages.items():
            _front_matter_is_data(text, name if path in ("index.md", "actors/town-council.md") else None)
        # Whatever the loader lets through, the front macro itself writes data (escaping for HTML
        # drops control characters, which the loader refuses anyway).
        _front_matter_is_data(_front(name), CONTROL_RE.sub("", name))


def _pages_named(target: Path, name: str) -> dict[str, str]:
    """The fixture story's pages with `name` as headline and council name ({} if the loader refuses it)."""
    content = target / "content"
    shutil.copytree(FIXTURE, content)
    edit(content / "story.yml", f"headline: {HEADLINE}", f'headline: "{_yaml_escaped(name)}"')
    edit(content / "actors.yml", "name: Harbourside Town Council", f'name: "{_yaml_escaped(name)}"')
    try:
        return {path: page.text for path, page in build_site(content).pages.items()}
    except ContentError:
        return {}  # load-time refusal of control characters: the front macro's test remains


def _yaml_escaped(text: str) -> str:
    """Text for a YAML double-quoted scalar: control characters as escapes, the rest as is."""
    return "".join(
        c if c.isprintable() and c not in '"\\' else f"\\u{ord(c):04x}" if ord(c) < 0x10000 else c for c in text
    )


def _front(title: str, edit_path: str = "content/actors.yml") -> str:
    """A page's front matter from the front filter's printer, with `title` as title and description."""
    trail = Trail("actors/index.md", (), title, (), toc=False)  # where the page sits: its breadcrumb
    jsonld = {"@type": "Person", "name": title}
    return front(title, title, edit_path, trail, jsonld, True, lambda page, anchor: page) + "\n\n# Body\n"
