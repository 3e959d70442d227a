"""The second builder: the README's "Building with Zensical" commands, run exactly as written,
build the same site as MkDocs, with every internal link resolving under a site address with a path.

Zensical, Material for MkDocs' successor, reads mkdocs.yml but runs no MkDocs plugins: it builds
the folder `python -m generator pages` writes. It resolves every link in a page from the page's
Markdown source, raw HTML included, while MkDocs leaves raw HTML alone; the generated pages link
from their sources (`../sources.md#x`) and the MkDocs adapter resolves those, so both builders
must give each page the same links. Skipped where Zensical is not installed, except under CI=true.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from html.parser import HTMLParser
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote, urldefrag, urljoin, urlparse

import pytest
import yaml
from conftest import ENGINE_STORY, ROOT, first_story, make_project
from test_publishing import mkdocs_yml_variables

SECTION = "## Building with Zensical"
# A site address with a path, as on GitHub Pages: a link that climbs one folder too many
# resolves outside the site here, where at a host's root it would land on a page by luck.
SITE_URL = "http://127.0.0.1:8000/story/"
BUILDERS = ("mkdocs", "zensical")


def readme_commands() -> str:
    """The one sh block of the README's Zensical section."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme.count(f"\n{SECTION}\n") == 1
    section = readme.split(f"\n{SECTION}\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"^```sh\n(.*?)^```$", section, re.S | re.M)
    assert len(blocks) == 1, "the section holds its commands in one sh block"
    return str(blocks[0])


def tool_path() -> str:
    """PATH with this interpreter's scripts first, so `python` and `zensical` are the ones under test."""
    return os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])


def require_zensical() -> None:
    if shutil.which("zensical", path=tool_path()):
        return
    message = (
        "Zensical is not installed: `pip install -e '.[test]'` installs the pinned version "
        "(see pyproject.toml) to run the second builder's test"
    )
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


class Anchor(NamedTuple):
    href: str
    in_article: bool
    edit: bool


class _Html(HTMLParser):
    """The links, ids and stylesheets and scripts of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.anchors: list[Anchor] = []
        self.assets: list[str] = []
        self.ids: set[str] = set()
        self.articles = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if tag == "article":
            self.articles += 1
        if tag == "a" and attributes.get("href"):
            edit = attributes.get("rel") == "edit"
            self.anchors.append(Anchor(attributes["href"], self.articles > 0, edit))
        if tag == "link" and attributes.get("rel") == "stylesheet":
            self.assets.append(attributes["href"])
        if tag == "script" and attributes.get("src"):
            self.assets.append(attributes["src"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.articles -= 1


class Built(NamedTuple):
    site: Path
    pages: dict[str, _Html]  # by path in the site


def read_site(site: Path, translations: tuple[str, ...] = ()) -> Built:
    """The site's pages in the story's own language. A translation's pages (under its tag) are
    the MkDocs plugin's alone: the language selector, hreflang links and each language's search
    and sidebar are its work, which Zensical, running no plugin, does not do (README)."""
    pages = {}
    for path in sorted(site.rglob("*.html")):
        if path.relative_to(site).parts[0] in translations:
            continue
        page = _Html()
        page.feed(path.read_text(encoding="utf-8"))
        pages[path.relative_to(site).as_posix()] = page
    return Built(site, pages)


def page_address(path: str) -> str:
    """The address a page is served at under SITE_URL."""
    return urljoin(SITE_URL, path.removesuffix("index.html"))


def target(built: Built, page: str, href: str) -> tuple[str, str] | None:
    """The file (by path in the site) and anchor an internal link leads to, or None for another host."""
    address, anchor = urldefrag(urljoin(page_address(page), href))
    parsed = urlparse(address)
    if (parsed.scheme, parsed.netloc) != ("http", urlparse(SITE_URL).netloc):
        return None
    if not parsed.path.startswith(urlparse(SITE_URL).path):
        return ("(outside the site)" + parsed.path, anchor)
    path = unquote(parsed.path.removeprefix(urlparse(SITE_URL).path))
    if path == "" or path.endswith("/") or (built.site / path).is_dir():
        path = f"{path.rstrip('/')}/index.html".lstrip("/")
    return (path, anchor)


def broken_links(built: Built) -> tuple[int, list[str]]:
    """How many internal links and assets the pages have, and each one that leads nowhere."""
    checked, broken = 0, []
    for page, html in built.pages.items():
        for href in [a.href for a in html.anchors] + html.assets:
            found = target(built, page, href)
            if found is None:
                continue
            checked += 1
            path, anchor = found
            if not (built.site / path).is_file():
                broken.append(f"{page}: {href}")
            elif anchor and path in built.pages and anchor not in built.pages[path].ids:
                broken.append(f"{page}: {href} (no such anchor)")
    return checked, broken


def run_readme_commands(project: Path) -> None:
    env = {**os.environ, "PATH": tool_path(), "SITE_URL": SITE_URL, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        ["sh", "-e", "-c", readme_commands()], cwd=project, capture_output=True, text=True, env=env, timeout=600
    )
    assert result.returncode == 0, result.stdout + result.stderr


def build_with_mkdocs(project: Path) -> None:
    env = {**os.environ, "SITE_URL": SITE_URL, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", "site"],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr


STORIES = {"engine": lambda: ENGINE_STORY, "first": first_story}


@pytest.fixture(scope="module", params=sorted(STORIES))
def sites(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    """One story built by both builders in one project: MkDocs into site/, the README's commands
    into site-zensical/."""
    require_zensical()
    content = STORIES[request.param]()
    project = make_project(content, tmp_path_factory.mktemp(f"zensical-{request.param}"))
    shutil.copy(ROOT / "zensical.yml", project / "zensical.yml")
    run_readme_commands(project)
    build_with_mkdocs(project)
    story = yaml.safe_load((project / "content" / "story.yml").read_text(encoding="utf-8"))
    tags = tuple(str(tag) for tag in story.get("translations") or ())
    return {"mkdocs": read_site(project / "site", tags), "zensical": read_site(project / "site-zensical", tags)}


def test_the_commands_check_write_and_build_into_site_zensical() -> None:
    commands = [line for line in readme_commands().splitlines() if line.strip()]
    assert [line.split()[:3] for line in commands] == [
        ["python", "-m", "generator"],
        ["python", "-m", "generator"],
        ["zensical", "build", "--strict"],
    ]
    assert commands[0].split()[3] == "check" and commands[1].split()[3] == "pages"
    config = yaml.safe_load((ROOT / "zensical.yml").read_text(encoding="utf-8"))
    assert config["site_dir"] == "site-zensical" and config["INHERIT"] == "mkdocs.yml"
    assert f"--out {config['docs_dir']} " in commands[1]
    # The pages get the site's address as the MkDocs plugin does: the variable and default of mkdocs.yml.
    assert f'--site-url "${{SITE_URL:-{mkdocs_yml_variables()["SITE_URL"]}}}"' in commands[1]


def test_the_readme_names_the_version_the_tests_install() -> None:
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    [pin] = [spec for spec in extras["test"] if spec.startswith("zensical")]
    assert re.fullmatch(r"zensical==[0-9.]+", pin)
    section = (ROOT / "README.md").read_text(encoding="utf-8").split(f"\n{SECTION}\n", 1)[1].split("\n## ", 1)[0]
    assert f"`pip install {pin}`" in section


def test_both_builders_make_the_same_pages(sites: dict[str, Built]) -> None:
    mkdocs, zensical = sites["mkdocs"], sites["zensical"]
    assert len(mkdocs.pages) > 20
    assert sorted(zensical.pages) == sorted(mkdocs.pages)
    # The data files, feeds and embed pages are the same bytes: `pages --site-url` as the plugin's site_url.
    for folder in ("data", "feeds", "embed"):
        made = {
            builder: {
                p.relative_to(sites[builder].site).as_posix(): p.read_bytes()
                for p in (sites[builder].site / folder).rglob("*")
                if p.is_file()
            }
            for builder in BUILDERS
        }
        assert made["mkdocs"] and made["zensical"] == made["mkdocs"], folder


@pytest.mark.parametrize("builder", BUILDERS)
def test_no_internal_link_is_broken_under_the_site_path(sites: dict[str, Built], builder: str) -> None:
    checked, broken = broken_links(sites[builder])
    assert checked > 500
    assert broken == []


def test_every_page_links_to_the_same_places_in_both_builders(sites: dict[str, Built]) -> None:
    """The same link written once in a page's Markdown lands on the same file and anchor in both builds."""
    compared = 0
    for page in sites["mkdocs"].pages:
        leads = {
            builder: [target(sites[builder], page, a.href) for a in sites[builder].pages[page].anchors if a.in_article]
            for builder in BUILDERS
        }
        assert leads["zensical"] == leads["mkdocs"], page
        compared += len(leads["mkdocs"])
    assert compared > 500


def test_edit_links_open_the_yaml_each_page_comes_from(sites: dict[str, Built]) -> None:
    generated = 0
    for page in sites["mkdocs"].pages:
        edits = {builder: [a.href for a in sites[builder].pages[page].anchors if a.edit] for builder in BUILDERS}
        assert edits["zensical"] == edits["mkdocs"], page
        if page.startswith(("actors/", "votes/")) or page == "index.html":
            [edit] = edits["mkdocs"]
            assert re.fullmatch(r"https://github\.com/[^/]+/[^/]+/edit/main/content/[a-z/_.-]+\.yml", edit), edit
            generated += 1
        if page == "about/index.html":
            assert edits["mkdocs"] == [
                "https://github.com/story-explainer/story-explainer/edit/main/content/pages/about.md"
            ]
    assert generated > 10
