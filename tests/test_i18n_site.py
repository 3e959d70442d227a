"""A story that speaks another language shows no English words of the generator's own.

The first story is built with `language: fr` (the interface only: its text stays English), and
every kind of page is read as a reader sees it, in Chromium: no message of the English catalog
(a run of two words or more of a msgid, outside its placeholders and tags) may be on the page,
unless the story's own text says it too. The same check runs without a browser on the built
HTML of the story in Arabic, which also reads right to left.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import pytest
from conftest import build_site_with_mkdocs, first_story, make_project, serve_folder
from test_catalog import used_messages

from generator.content import i18n
from generator.content.fields import SLUG_PATTERN
from generator.content.problems import ContentError
from generator.facts.sections import REGISTRY, SECTION_TITLES
from generator.pipeline import load_checked
from generator.site.environment import md_escape
from generator.site.notes import notes_heading
from generator.site.svg import NARROW, month_label, month_names, month_step, number, text_width

# Each page kind the site has, as a glob of its built page (the first match is read).
PAGE_KINDS = {
    "overview": "index.html",
    "edition": "updates/*/index.html",
    "whos-who": "actors/index.html",
    "actor": "actors/*/index.html",
    "defections": "defections/index.html",
    "votes": "votes/index.html",
    "vote": "votes/*/index.html",
    "timeline": "timeline/index.html",
    "figures": "figures/index.html",
    "quotes": "quotes/index.html",
    "sources": "sources/index.html",
    "glossary": "glossary/index.html",
    "embed-vote": "embed/votes/*/index.html",
    "embed-figure": "embed/figures/*/index.html",
}
SPEAKS = re.compile(r"^language:.*$", re.MULTILINE)
TRANSLATIONS = re.compile(r"^translations:.*\n", re.MULTILINE)
# What splits a message into the runs of words a page prints as they are.
NOT_WORDS = re.compile(r"%\(\w+\)s|\{\w*\}|<[^>]*>|[:;,.()“”«»—–→←]")
WORDS = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def english_phrases(language: str = "en") -> set[str]:
    """Every run of two words or more that a message of the generator prints as it is, but for
    the messages the language keeps as they are (names such as "Popolo JSON")."""
    phrases = set()
    for (context, msgid), _message in used_messages().items():
        with i18n.speaking(language):
            kept = (i18n.pgettext(context, msgid) if context else i18n._(msgid)) == msgid
        if kept and language != "en":
            continue
        for run in NOT_WORDS.split(msgid):
            run = " ".join(run.split())
            if len(WORDS.findall(run)) >= 2:
                phrases.add(run)
    return phrases


def speaking(content: Path, language: str) -> None:
    """Set a story's language (the interface's), leaving its text as it is: a story that already
    has translations loses them, since one of them may be into that very language."""
    story = content / "story.yml"
    text = SPEAKS.sub(f"language: {language}", story.read_text(encoding="utf-8"), count=1)
    story.write_text(TRANSLATIONS.sub("", text), encoding="utf-8")
    shutil.rmtree(content / "translations", ignore_errors=True)


def story_text(content: Path) -> str:
    """Everything the editors wrote: a phrase that is theirs too may stay on a page."""
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(content.rglob("*")) if p.suffix in {".yml", ".md"})


def english_on(text: str, phrases: set[str], theirs: str) -> list[str]:
    """The messages' phrases a page's text holds that the story's own text does not."""
    return sorted(
        phrase
        for phrase in phrases
        if re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", text)
        and not re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", theirs)
    )


def page_of(site: Path, kind: str) -> Path:
    found = sorted(site.glob(PAGE_KINDS[kind]))
    if not found:
        pytest.skip(f"the story has no {kind} page")
    return found[0]


@pytest.fixture(scope="module")
def phrases() -> dict[str, set[str]]:
    return {language: english_phrases(language) for language in ("fr", "ar")}


def built_in(language: str, folder: Path) -> tuple[Path, str]:
    project = make_project(first_story(), folder / "project")
    speaking(project / "content", language)
    site = folder / "site"
    build_site_with_mkdocs(project, site)
    return site, story_text(project / "content")


@pytest.fixture(scope="module")
def french(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    return built_in("fr", tmp_path_factory.mktemp("french"))


@pytest.fixture(scope="module")
def french_url(french: tuple[Path, str]) -> Iterator[str]:
    yield from serve_folder(french[0])


@pytest.fixture(scope="module")
def arabic(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    return built_in("ar", tmp_path_factory.mktemp("arabic"))


def test_the_phrases_are_the_messages_words() -> None:
    """The check itself: placeholders and tags split a message, one-word runs are left out, and a
    phrase the story says itself is not counted against the page."""
    assert {"The rule", "a text is adopted with"} <= english_phrases()
    assert "Sources" not in english_phrases()
    text = "Le vote. Sources differ here. The full timeline"
    assert english_on(text, {"Sources differ", "The full timeline"}, "as the full timeline says") == [
        "Sources differ",
        "The full timeline",
    ]
    assert english_on(text, {"Sources differ"}, "Where Sources differ, ...") == []


@pytest.mark.parametrize("kind", sorted(PAGE_KINDS))
def test_a_french_story_shows_no_english_of_the_generator(
    kind: str, french: tuple[Path, str], french_url: str, phrases: dict[str, set[str]], browser: Any
) -> None:
    site, theirs = french
    path = page_of(site, kind).parent.relative_to(site).as_posix()
    page = browser.new_page()
    try:
        page.goto(french_url + ("" if path == "." else path + "/"), wait_until="load")
        assert page.locator("html").get_attribute("lang") == "fr"
        visible = page.locator("body").inner_text()
    finally:
        page.close()
    assert english_on(visible, phrases["fr"], theirs) == [], f"{kind} page {path}"


class _Text(HTMLParser):
    """A page's text as a reader gets it: no scripts or styles; the readable attributes too."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style"}:
            self.skipping += 1
        self.parts += [v for k, v in attrs if k in {"aria-label", "title", "alt", "data-label"} and v]

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"}:
            self.skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def text_of(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return "\n".join(parser.parts)


@pytest.mark.parametrize("kind", sorted(PAGE_KINDS))
def test_an_arabic_story_shows_no_english_of_the_generator(
    kind: str, arabic: tuple[Path, str], phrases: dict[str, set[str]]
) -> None:
    site, theirs = arabic
    html = page_of(site, kind).read_text(encoding="utf-8")
    # Material sets the direction on <body>; an embed page, on <html>.
    assert re.search(r'<html[^>]* lang="ar"', html) and re.search(r'<(?:html|body)[^>]* dir="rtl"', html), kind
    assert english_on(text_of(html), phrases["ar"], theirs) == [], (
        f"{kind} page {page_of(site, kind).relative_to(site)}"
    )


# -- the pages' own anchors, in the story's language ------------------------------------------

HARBOUR = Path(__file__).parent / "fixtures" / "harbour-story"


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_a_section_page_reserves_the_anchor_its_title_gets_in_the_story_language(language: str, tmp_path: Path) -> None:
    """The anchor Markdown gives a section page's title, in the language it is written in, is
    reserved on that page: no record anchored there may take it (an Arabic title gets none a
    record id could be)."""
    with i18n.speaking(language):
        headings = {path: f"# {md_escape(title)}\n\n## {notes_heading()}" for path, title in SECTION_TITLES.items()}
    reserved = REGISTRY.reserved_ids(load_checked(_harbour_glossary_term_called("term-htc", language, tmp_path)))
    for path, heading in headings.items():
        for anchor in re.findall(r'id="([^"]*)"', markdown.markdown(heading, extensions=["toc", "attr_list"])):
            assert anchor in reserved[path] or not re.fullmatch(SLUG_PATTERN, anchor), (language, path, anchor)


def _harbour_glossary_term_called(name: str, language: str, folder: Path) -> Path:
    content = folder / "content"
    shutil.copytree(HARBOUR, content)
    for file in content.glob("*.yml"):
        file.write_text(file.read_text(encoding="utf-8").replace("term-htc", name), encoding="utf-8")
    speaking(content, language)
    return content


def test_a_record_may_not_take_the_anchor_of_a_title_in_the_story_language(tmp_path: Path) -> None:
    """'glossaire' is the glossary page's own anchor in French, not in English."""
    french = _harbour_glossary_term_called("glossaire", "fr", tmp_path / "fr")
    with pytest.raises(ContentError) as refused:
        load_checked(french)
    assert "id 'glossaire' is reserved: the page already uses it as an anchor" in refused.value.report()
    load_checked(_harbour_glossary_term_called("glossaire", "en", tmp_path / "en"))
    load_checked(_harbour_glossary_term_called("glossary-term", "fr", tmp_path / "fr-other"))


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_chart_axes_name_months_in_the_story_language_and_space_them_for_their_width(language: str) -> None:
    with i18n.speaking(language):
        names = month_names()
        assert [month_label(2012, month, False) for month in range(2, 13)] == list(names[1:])
        assert month_label(2012, 1, False) == "2012"  # a year starts with its number
        widest = max(text_width(label) for label in ("2012", *names))
        for months in (3, 12, 19, 40, 130):
            step = month_step(months, NARROW.width - 40)
            assert (NARROW.width - 40) / months * step >= widest + 12 or step == 120
    assert len(set(names)) == 12
    if language != "en":
        with i18n.speaking("en"):
            assert names != month_names()


def test_chart_axes_group_digits_as_the_story_language_does() -> None:
    with i18n.speaking("fr"):
        assert number(20000.0) == "20\u202f000"
    with i18n.speaking("en"):
        assert number(20000.0) == "20,000"


def test_a_member_s_vote_is_written_in_the_story_language(french: tuple[Path, str]) -> None:
    """The seat table of a vote's page says each member's vote in words of the page's language:
    its CSS class stays the machine's value, what it prints does not (one English word each, which
    the two-word phrase check above cannot see)."""
    site, _theirs = french
    cells = []
    for page in sorted((site / "votes").glob("*/index.html")):
        html = page.read_text(encoding="utf-8")
        cells += re.findall(r'<tr class="se-vote--[a-z-]+"><td>.*?</td><td>.*?</td><td>([^<]*)', html)
    assert cells, "no vote is listed seat by seat"
    assert not {cell.split(" (")[0].strip() for cell in cells} & {"yes", "no", "abstain", "absent"}
