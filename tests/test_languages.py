"""A site per language in one build (issue 25): the story's own language at the root, each of
its translations under /<tag>/, every page with its language, direction and alternates.

The story is the engine's invented one (tests/fixtures/coup-story) published in Arabic too,
with a few translations written here in the translation files' format. What is checked holds
for any story with translations: each page exists in every language, says which language it is
in and where its other versions are, and those say the same of it; each language has its own
navigation, search index, sitemap, feeds and data.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import unicodedata
from pathlib import Path

import pytest
from conftest import ENGINE_STORY, broken_links, build_site_with_mkdocs, make_project
from test_html_validity import KNOWN_MATERIAL_ERRORS, run_checker

from generator.adapters.cli import main
from generator.content.i18n import direction
from generator.content.problems import ContentError
from generator.pipeline import build_sites, load_checked
from generator.site.languages import own_name

OTHER = "ar"
ABOUT = "---\ntitle: About this explainer\n---\n# About\n\nWritten by hand.\n"  # a page with front matter
SKIPPED = ("assets/", "search/", "404.html")  # the theme's files and the one page with no language
ALTERNATE = re.compile(r'<link rel="alternate ?" hreflang="([^"]+)" href="([^"]+)">')
SELECTOR = re.compile(r'<a href="([^"]+)" hreflang="([^"]+)" lang="[^"]+" class="md-select__link"')
HTML = re.compile(r'<html lang="([^"]+)" dir="([^"]+)"')
BODY = re.compile(r'<body dir="([^"]+)"')


def fingerprint(english: str) -> str:
    """The fingerprint a translation entry names the English it translates by (`of`)."""
    return hashlib.sha256(" ".join(unicodedata.normalize("NFC", english).split()).encode("utf-8")).hexdigest()[:12]


def bilingual(content: Path) -> Path:
    """Publish the story in `content` in Arabic too, with its name and one actor's translated."""
    story = content / "story.yml"
    text = story.read_text(encoding="utf-8")
    language = re.search(r"^language: .*$", text, re.MULTILINE)
    assert language is not None
    story.write_text(text.replace(language[0], f"{language[0]}\ntranslations: [{OTHER}]"), encoding="utf-8")
    folder = content / "translations" / OTHER
    folder.mkdir(parents=True)
    (folder / "story.yml").write_text(
        "translated: 2023-06-21\nstory:\n"
        f"  name: {{text: فيلوريا بعد الانقلاب, of: {fingerprint('Veloria after the coup')}}}\n",
        encoding="utf-8",
    )
    (folder / "actors.yml").write_text(
        "translated: 2023-06-21\nrecords:\n  tomas-arlen:\n"
        f"    name: {{text: توماس أرلين, of: {fingerprint('Tomas Arlen')}}}\n",
        encoding="utf-8",
    )
    return content


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(ENGINE_STORY, tmp_path_factory.mktemp("bilingual"))
    bilingual(project / "content")
    (project / "content" / "pages" / "about.md").write_text(ABOUT, encoding="utf-8")
    out = tmp_path_factory.mktemp("bilingual-site")
    build_site_with_mkdocs(project, out)
    return out


def pages(site: Path) -> dict[str, str]:
    """Every HTML page of the built site by its path, apart from the theme's."""
    found = {}
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        if not relative.startswith(SKIPPED) and "/embed/" not in f"/{relative}":
            found[relative] = path.read_text(encoding="utf-8")
    return found


def language_of(path: str) -> str:
    return OTHER if path.startswith(f"{OTHER}/") else "en"


def resolve(site: Path, page: str, href: str) -> Path:
    """The file a relative link on `page` opens."""
    target = Path(os.path.normpath((site / page).parent / href.split("#")[0]))
    return target / "index.html" if target.is_dir() else target


def test_pipeline_renders_each_language_in_it(tmp_path: Path) -> None:
    """The story's own language first, then each translation, each speaking its language."""
    content = tmp_path / "content"
    shutil.copytree(ENGINE_STORY, content)
    bilingual(content)
    sites = build_sites(content, site_url="https://example.org/story/")
    assert list(sites) == ["en-GB", OTHER]
    assert sites[OTHER].language == OTHER
    assert set(sites[OTHER].pages) == set(sites["en-GB"].pages)
    assert set(sites[OTHER].files) == set(sites["en-GB"].files)
    # A translation's feeds link to its own pages.
    feed = sites[OTHER].files["feeds/updates.xml"].decode()
    assert "https://example.org/story/ar/" in feed
    assert re.search(r'xml:lang="ar"', feed)


def test_a_story_without_translations_builds_one_site(tmp_path: Path) -> None:
    assert list(build_sites(ENGINE_STORY)) == ["en-GB"]


def test_one_build_makes_every_page_in_every_language(site: Path) -> None:
    built = pages(site)
    own = {p for p in built if language_of(p) == "en"}
    translated = {p.removeprefix(f"{OTHER}/") for p in built if language_of(p) == OTHER}
    assert own == translated
    assert len(own) > 20  # every page kind, records' pages and editions
    for data in ("data/story.json", "feeds/updates.xml", "feeds/corrections.xml"):
        assert (site / data).is_file() and (site / OTHER / data).is_file(), data


def test_every_page_says_its_language_and_direction(site: Path) -> None:
    for path, html in pages(site).items():
        tag = language_of(path)
        found = HTML.search(html)
        assert found is not None, path
        assert found[1] == ("ar" if tag == OTHER else "en-GB"), path  # the story's own tag, not Material's "en"
        assert found[2] == direction(tag) == BODY.findall(html)[0], path
    assert direction(OTHER) == "rtl"


def test_alternates_lead_to_the_same_page_in_each_language_and_back(site: Path) -> None:
    """hreflang links: one per language and x-default, each opening a page in the language it
    claims, whose own alternates lead back (search engines ignore one-way alternates)."""
    built = pages(site)
    for path, html in built.items():
        links = ALTERNATE.findall(html)
        assert [lang for lang, _ in links] == ["en-GB", OTHER, "x-default"], path
        for lang, href in links:
            target = resolve(site, path, href).relative_to(site).as_posix()
            assert target in built, f"{path}: {href}"
            claimed = OTHER if lang == OTHER else "en"
            assert language_of(target) == claimed, f"{path}: {href}"
            back = {resolve(site, target, h).relative_to(site).as_posix() for _, h in ALTERNATE.findall(built[target])}
            assert path in back, f"{target} does not lead back to {path}"


def test_the_language_selector_opens_the_same_page(site: Path) -> None:
    for path, html in pages(site).items():
        selector = [(lang, href) for href, lang in SELECTOR.findall(html)]
        alternates = ALTERNATE.findall(html)[:-1]  # without x-default
        assert selector == alternates, path
    home = (site / "index.html").read_text(encoding="utf-8")
    assert f">\n              {own_name(OTHER)}\n" in home  # each language by its own name


def test_each_language_has_its_own_navigation(site: Path) -> None:
    for path, html in pages(site).items():
        for href in re.findall(r'<a href="([^"#][^"]*)" class="md-nav__link', html):
            target = resolve(site, path, href).relative_to(site).as_posix()
            assert language_of(target) == language_of(path), f"{path}: {href}"


def test_each_language_searches_its_own_pages(site: Path) -> None:
    own = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    other = json.loads((site / OTHER / "search/search_index.json").read_text(encoding="utf-8"))
    assert own["config"]["lang"] == ["en"] and other["config"]["lang"] == [OTHER, "en"]
    assert own["docs"] and other["docs"]
    for index, root in ((own, site), (other, site / OTHER)):
        for doc in index["docs"]:
            assert not doc["location"].startswith(f"{OTHER}/"), doc["location"]
            assert resolve(root, "index.html", doc["location"] or "./").is_file(), doc["location"]
    # A translation's pages look their search index up from their own root (Material's `base`).
    actor = (site / OTHER / "actors/tomas-arlen/index.html").read_text(encoding="utf-8")
    assert '"base": "../.."' in actor


def test_sitemaps_list_each_page_with_its_alternates(site: Path) -> None:
    """A sitemap per language (Material's instant navigation stays within it), each entry with its
    alternates for search engines, which are the entries of the other sitemap."""
    entries = {}
    for root, tag in ((site, "en-GB"), (site / OTHER, OTHER)):
        sitemap = (root / "sitemap.xml").read_text(encoding="utf-8")
        entries[tag] = {
            loc: dict(re.findall(r'<xhtml:link rel="alternate" hreflang="([^"]+)" href="([^"]+)"/>', rest))
            for loc, rest in re.findall(r"<url><loc>([^<]+)</loc>(.*?)</url>", sitemap)
        }
        assert len(entries[tag]) == len([p for p in pages(site) if language_of(p) == (OTHER if tag == OTHER else "en")])
    for tag, urls in entries.items():
        for loc, links in urls.items():
            assert set(links) == {"en-GB", OTHER, "x-default"}, loc
            assert links[tag] == loc
            assert links["en-GB"] in entries["en-GB"] and links[OTHER] in entries[OTHER], loc
            assert links["x-default"] == links["en-GB"]


def test_no_link_is_broken_in_any_language(site: Path) -> None:
    assert broken_links(site) == []


@pytest.mark.parametrize(
    ("listed", "message"),
    [
        ("[ar, en-GB]", "'en-GB' is the story's own language (`language`); list only its other languages"),
        ("[ar, ar]", "'ar' is listed twice; list each language once"),
    ],
)
def test_translations_are_other_languages_listed_once(listed: str, message: str, tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ENGINE_STORY, content)
    story = content / "story.yml"
    text = story.read_text(encoding="utf-8").replace("language: en-GB\n", f"language: en-GB\ntranslations: {listed}\n")
    story.write_text(text, encoding="utf-8")
    line = text.splitlines().index(f"translations: {listed}") + 1
    with pytest.raises(ContentError) as raised:
        load_checked(content)
    assert [str(p) for p in raised.value.problems] == [f"content/story.yml:{line}:15: translations: {message}"]


def test_a_translation_is_valid_html(site: Path) -> None:
    """Its pages pass the Nu HTML checker, apart from stock Material's known errors (the
    hreflang links, the selector and a hand-written page wrapped in its language included)."""
    errors = [m for m in run_checker(site / OTHER) if m["type"] == "error"]
    unknown = [f"{m.get('url', '')}: {m['message']}" for m in errors if m["message"] not in KNOWN_MATERIAL_ERRORS]
    assert unknown == []


def test_pages_command_writes_every_language(tmp_path: Path) -> None:
    """For other builders, `pages` writes each translation's pages and files under its tag too."""
    content = bilingual(shutil.copytree(ENGINE_STORY, tmp_path / "content"))
    out = tmp_path / "pages"
    assert main(["pages", "--content", str(content), "--out", str(out)]) == 0
    own = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and not p.is_relative_to(out / OTHER)}
    translated = {p.relative_to(out / OTHER).as_posix() for p in (out / OTHER).rglob("*") if p.is_file()}
    assert {"index.md", "data/story.json", "feeds/updates.xml"} <= translated
    assert translated <= own


def test_a_hand_written_page_untranslated_keeps_its_language(site: Path) -> None:
    """The original, in its language and direction, with its front matter still read."""
    html = (site / OTHER / "about/index.html").read_text(encoding="utf-8")
    assert "<title>About this explainer" in html
    found = re.search(r'<div (?=[^>]*lang="en-GB")(?=[^>]*dir="ltr")[^>]*>\s*<h1 id="about">About', html)
    assert found is not None
    assert "Written by hand." in html


def test_a_page_in_one_language_only_has_no_alternates(tmp_path: Path) -> None:
    """A page written by hand for one language alone names no other version of itself (hreflang,
    sitemap); its language selector leads to the other language's home page."""
    project = make_project(ENGINE_STORY, tmp_path / "project")
    bilingual(project / "content")
    only = project / "content" / "pages" / OTHER / "only.md"
    only.parent.mkdir(parents=True)
    only.write_text("# صفحة بالعربية وحدها\n", encoding="utf-8")
    out = tmp_path / "site"
    build_site_with_mkdocs(project, out)
    html = (out / OTHER / "only/index.html").read_text(encoding="utf-8")
    assert ALTERNATE.findall(html) == [(OTHER, "./")]
    assert [(lang, href) for href, lang in SELECTOR.findall(html)] == [("en-GB", "../.."), (OTHER, "./")]
    sitemap = (out / OTHER / "sitemap.xml").read_text(encoding="utf-8")
    entry = re.search(r"<url><loc>[^<]*/ar/only/</loc>(.*?)</url>", sitemap)
    assert entry is not None and 'hreflang="en-GB"' not in entry[1]
