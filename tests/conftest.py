"""Shared helpers: materialise content cases and run the CLI in-process."""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urldefrag, urlparse

import pytest
from hypothesis import settings

TESTS = Path(__file__).parent
ROOT = TESTS.parent
BROKEN = TESTS / "broken"
BASE = BROKEN / "_base"


# Hypothesis: every example under CI (the `CI` variable, set by GitHub Actions and most CI
# services), a fifth of them on a laptop, where the suite is run often. HYPOTHESIS_PROFILE picks
# one by name: `HYPOTHESIS_PROFILE=ci pytest tests/test_properties.py` runs CI's locally.
settings.register_profile("ci", max_examples=100)
settings.register_profile("local", max_examples=20)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "local"))


def examples(full: int) -> int:
    """How many examples a property tries: `full` under CI, scaled by the profile elsewhere."""
    return max(10, full * settings.default.max_examples // 100)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--regenerate",
        action="store_true",
        help="rewrite expected outputs (broken cases and golden pages) from the current code",
    )


@pytest.fixture
def regenerate(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--regenerate"))


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """A run that regenerated expected files fails, so that it is never mistaken for a pass:
    review the diff of tests/golden and tests/broken, then run again without --regenerate."""
    if session.config.getoption("--regenerate") and exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line("")
            reporter.write_line(
                "expected files were regenerated: review `git diff tests/`, then run again without --regenerate",
                red=True,
            )


# What a test (or a fixture it uses) calls to reach the story in content/: such a test is marked
# `story`, so `pytest -m story` runs the tests of the story alone (tests/test_editing_loop.py).
STORY_NAMES = frozenset({"first_story", "story_content", "first_built", "story_built"})


# Module fixtures that build a whole site of their own (tests/test_hostile.py, tests/test_parts.py).
SLOW_FIXTURES = frozenset({"hostile_site", "big_site"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if _reads_the_story(item):
            item.add_marker(pytest.mark.story)
        # Marked where it is certain, rather than by hand: a test that opens the browser, or that
        # needs a site no other test file builds (the hostile one, the 100-actor one).
        fixtures = set(getattr(item, "fixturenames", ()))
        if "browser" in fixtures:
            item.add_marker(pytest.mark.browser)
        if fixtures & SLOW_FIXTURES:
            item.add_marker(pytest.mark.slow)


def _reads_the_story(item: pytest.Item) -> bool:
    """Whether the test, a fixture it uses or a story it is parametrised with is the story in content/."""
    if item.get_closest_marker("slow"):
        return False  # the editing loop runs the story's tests itself, on stories of its own
    callspec = getattr(item, "callspec", None)
    stories = getattr(getattr(item, "module", None), "STORIES", {})  # a module's stories by name: {name: where}
    if not isinstance(stories, dict):  # a module may list its stories' names alone
        stories = {}
    for value in callspec.params.values() if callspec is not None else ():
        if isinstance(value, str) and getattr(stories.get(value), "__name__", "") in STORY_NAMES:
            return True
    if STORY_NAMES & set(getattr(item, "fixturenames", ())):
        return True
    functions = [getattr(item, "function", None)]
    fixture_info = getattr(item, "_fixtureinfo", None)
    for definitions in getattr(fixture_info, "name2fixturedefs", {}).values():
        functions += [d.func for d in definitions]
    return any(STORY_NAMES & set(_names(f)) for f in functions if f is not None)


def _names(function: Any) -> set[str]:
    """The global names a function's code (and the code nested in it) refers to."""
    code = getattr(function, "__code__", None)
    found: set[str] = set()
    stack = [code] if code is not None else []
    while stack:
        current = stack.pop()
        found.update(current.co_names)
        stack.extend(c for c in current.co_consts if hasattr(c, "co_names"))
    return found


def materialise(case: Path, target: Path) -> Path:
    """Copy the base content, then the case's files over it; return the content folder."""
    content = target / "content"
    shutil.copytree(BASE, content)
    for path in sorted(case.rglob("*")):
        if path.is_dir() or path.name in ("expected.txt", "DELETE", "GENERATE"):
            continue
        destination = content / path.relative_to(case)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, destination)
    if (case / "DELETE").exists():
        for name in (case / "DELETE").read_text().split():
            (content / name).unlink()
    if (case / "GENERATE").exists():
        for line in (case / "GENERATE").read_text().splitlines():
            name, size = line.split()
            _write_big(content / name, int(size))
    return content


def _write_big(path: Path, size: int) -> None:
    """Write valid-looking records until the file reaches `size` bytes."""
    record = (
        "- id: meeting-{n}\n  date: 2020-05-01\n  title: A meeting\n  kind: meeting\n  sources: [gazette-2020-05-01]\n"
    )
    with path.open("w", encoding="utf-8") as out:
        written, n = 0, 0
        while written < size:
            written += out.write(record.format(n=n))
            n += 1


def build_site_with_mkdocs(project: Path, site: Path) -> str:
    """Run `mkdocs build --strict` in `project`; return its log (the build must succeed)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1342000000"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return result.stderr


class _Page(HTMLParser):
    """Collect the links and ids of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"td", "th", "tr", "li", "p", "br", "dt", "dd", "div", "h1", "h2", "h3", "caption"}:
            self.text.append(" ")
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(str(attributes["id"]))
        # Every href, not only a link's: MkDocs checks anchors in Markdown links alone, never in
        # the raw HTML our pages are mostly made of, so a dangling one is found here or nowhere.
        if attributes.get("href"):
            self.links.append(str(attributes["href"]))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def broken_links(site: Path) -> list[str]:
    """Every link in the built site that lands on no page, or on no element with its anchor."""
    pages = {p: parse(p) for p in site.rglob("*.html")}
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', (site / "index.html").read_text())
    assert canonical is not None
    base = urlparse(canonical[1]).path
    broken = []
    for path, page in pages.items():
        for href in page.links:
            parsed = urlparse(href)
            if parsed.scheme or href.startswith(("//", "mailto:")):
                continue
            target_path, anchor = urldefrag(href)
            if target_path.startswith("/"):  # the 404 page links from the site's root
                assert target_path.startswith(base), href
                target_path = os.path.relpath(site / target_path.removeprefix(base), path.parent)
            target = (path.parent / unquote(target_path)).resolve() if target_path else path
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{path.relative_to(site)}: {href}")
            elif anchor and target.suffix == ".html" and anchor not in pages[target].ids:
                broken.append(f"{path.relative_to(site)}: {href} (no such anchor)")
    return broken


# The invented story the engine's end-to-end tests build: it uses every part of the model.
ENGINE_STORY = TESTS / "fixtures" / "coup-story"
# The first story's tests run against it wherever it lives: content/ unless FIRST_STORY says.
FIRST_STORY_MARK = "[[nawaf-al-fares]]"  # in its story.yml's summary


# Tests of content/ (tests/test_content_invariants.py) hold for any valid story; STORY_CONTENT may
# point them at another folder, as tests/test_editing_loop.py does with each story it edits.
def story_content() -> Path:
    """The content folder the invariant tests check: content/, unless STORY_CONTENT says another."""
    return Path(os.environ.get("STORY_CONTENT") or ROOT / "content")


def first_story() -> Path:
    """The first story's content folder, or skip saying why it is not there."""
    path = Path(os.environ.get("FIRST_STORY") or ROOT / "content")
    story = path / "story.yml"
    if not story.is_file():
        pytest.skip(
            f"the first story's tests need its content, and {path} holds no story.yml; "
            "set FIRST_STORY to the folder that holds the first story"
        )
    if FIRST_STORY_MARK not in story.read_text(encoding="utf-8"):
        pytest.skip(
            f"{path} holds another story, not the first one (Syria, July 2012); its tests run against "
            "the first story wherever it lives: set FIRST_STORY to its folder"
        )
    return path


def make_project(content: Path, target: Path) -> Path:
    """A site project in `target`: a copy of `content`, with an About page if it has none, the theme, mkdocs.yml."""
    shutil.copytree(content, target / "content")
    about = target / "content" / "pages" / "about.md"
    if not about.exists():
        about.parent.mkdir(parents=True, exist_ok=True)
        about.write_text("# About\n\nHand-written.\n", encoding="utf-8")
    shutil.copytree(ROOT / "theme", target / "theme")
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The engine's site: the invented coup story built once per session; its folder and the build log."""
    project = make_project(ENGINE_STORY, tmp_path_factory.mktemp("engine"))
    site = tmp_path_factory.mktemp("site")
    return site, build_site_with_mkdocs(project, site)


@pytest.fixture(scope="session")
def story_built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The story in content/ (or STORY_CONTENT) built once per session; its folder and the build log."""
    project = make_project(story_content(), tmp_path_factory.mktemp("story"))
    site = tmp_path_factory.mktemp("story-site")
    return site, build_site_with_mkdocs(project, site)


@pytest.fixture(scope="session")
def first_built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The first story's site, built once per session wherever the story lives (or skipped): the
    story's own build when content/ holds it, as it usually does."""
    first = first_story()
    if first.resolve() == story_content().resolve():
        built: tuple[Path, str] = request.getfixturevalue("story_built")
        return built
    project = make_project(first, tmp_path_factory.mktemp("first"))
    site = tmp_path_factory.mktemp("first-site")
    return site, build_site_with_mkdocs(project, site)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@functools.cache
def chromium() -> str | None:
    """Debian's Chromium, if it is installed."""
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


def require_chromium() -> str:
    """Chromium's path; skip with how to install it, except in CI, where a missing browser fails."""
    path = chromium()
    if path:
        return path
    message = (
        "Chromium not found: install Debian's browser with `apt-get install chromium` "
        "(or set CHROMIUM to its path) to run the browser tests"
    )
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def serve_folder(folder: Path) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 on a free port; yield its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-features=Translate,MediaRouter",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the whole session (Playwright's sync API allows one per thread)."""
    executable = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=BROWSER_ARGS)
        yield launched
        launched.close()
