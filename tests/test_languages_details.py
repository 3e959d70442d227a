"""The details of a story in several languages: each translation read once per build, its warnings
in the build's log, text left in the original marked where it is printed, the theme's words, the
direction of a script, and the messages a desk reads.

Engine tests on the invented harbour story, published in French with a few translations written
here (test_translations.py's helpers), and on invented language tags.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from babel import Locale, localedata
from conftest import build_site_with_mkdocs, make_project
from test_translations import FRENCH, GROUP, HARBOUR, edit, entry, fp, hand_written, loaded, story_with

from generator.adapters.cli import main
from generator.adapters.languages import material_language
from generator.content import translation_check, translations
from generator.content.i18n import direction, speaking
from generator.content.problems import ContentError
from generator.pipeline import build_sites, load_checked
from generator.site.html import escape
from generator.site.theme_words import theme_words

# --- one reading of a language per build ------------------------------------------------------


def test_a_build_matches_each_language_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Check, the translated story, its hand-written pages and its edit links share one matching."""
    root = story_with(tmp_path, FRENCH)
    (root / "pages").mkdir(exist_ok=True)
    (root / "pages" / "about.md").write_text("# About\n\nWritten by hand.\n", encoding="utf-8")
    calls: list[str] = []
    original = translations.matched

    def counted(content: Any, files: Any) -> translations.Match:
        calls.append(files.tag)
        return original(content, files)

    monkeypatch.setattr(translations, "matched", counted)
    sites = build_sites(root)
    assert list(sites) == ["en-GB", "fr"]
    assert calls == ["fr"]


def test_a_build_hands_over_the_translations_warnings(tmp_path: Path) -> None:
    root = story_with(tmp_path, FRENCH)
    edit(root / "actors.yml", GROUP, "The group that backed the contract before the vote.")
    found: list[Any] = []
    build_sites(root, warnings=found)
    assert [str(w) for w in found] == [str(w) for w in translation_check.warnings(loaded(root))]
    assert [w.field for w in found] == ["records.harbour-first.description.of"]


# --- a translation's links ---------------------------------------------------------------------


def test_a_link_the_english_lacks_is_warned_at_the_entry(tmp_path: Path) -> None:
    english = "Led [[harbour-first]] until the day of the vote."
    root = hand_written(
        tmp_path,
        f"""translated: 2019-03-16
records:
  dana-lee:
    description:
      text: "A dirigé [[harbour-first]] jusqu'au vote ([détails](https://example.org/vote))."
      of: "{fp(english)}"
""",
    )
    assert [str(w) for w in translation_check.warnings(loaded(root))] == [
        "harbour/translations/fr/actors.yml:5:13: records.dana-lee.description.text: the translation links to "
        "'https://example.org/vote', which the original of `description` does not (link only where the original "
        "does, or to the same page in this language: remove the link, or add it to the original first)"
    ]


def test_the_englishs_own_links_and_references_are_no_warning(tmp_path: Path) -> None:
    english = "Led [[harbour-first]] ([minutes](https://example.org/minutes)) until the vote."
    root = story_with(tmp_path, {"dana-lee": {"description": entry(english.replace("Led", "A dirigé"), english)}})
    edit(root / "actors.yml", "Led [[harbour-first]] until the day of the vote.", english)
    assert translation_check.warnings(loaded(root)) == []


# --- the direction of a script --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("ar", "rtl"),
        ("ar-Latn", "ltr"),  # Arabic in Latin letters: the script subtag decides
        ("ar-Latn-EG", "ltr"),
        ("az-Arab", "rtl"),  # a language usually written left to right, in the Arabic script
        ("az", "ltr"),
        ("pa-PK", "rtl"),  # Punjabi in Pakistan is written in the Arabic script (Shahmukhi)
        ("pa", "ltr"),
        ("he", "rtl"),
        ("dv", "rtl"),
        ("en-GB", "ltr"),
        ("zz", "ltr"),  # no such language: left to right
    ],
)
def test_the_direction_follows_the_script(tag: str, expected: str) -> None:
    assert direction(tag) == expected


def test_the_direction_agrees_with_cldr_for_every_locale_it_has() -> None:
    """Every locale CLDR describes is written in the direction CLDR gives it."""
    differ = [
        tag
        for tag in localedata.locale_identifiers()
        if direction(tag.replace("_", "-"))
        != ("rtl" if Locale.parse(tag).character_order == "right-to-left" else "ltr")
    ]
    assert differ == []


def test_a_language_in_another_script_gets_no_interface_of_that_language() -> None:
    assert (material_language("ar"), material_language("ar-Latn"), material_language("pt-BR")) == ("ar", None, "pt-BR")


# --- a tag written in the wrong case -----------------------------------------------------------


@pytest.mark.parametrize(
    ("listed", "message"),
    [
        ("[AR]", "'AR' is not a language tag as written (write 'ar': a tag's language is in lower case)"),
        ("[FR-ca]", "'FR-ca' is not a language tag as written (write 'fr-CA': a tag's language is in lower case)"),
        ("[Arabic]", "'Arabic' is not a language tag (write a BCP 47 tag such as en, ar or fr)"),
    ],
)
def test_a_tag_in_capitals_is_refused_saying_how_to_write_it(listed: str, message: str, tmp_path: Path) -> None:
    root = tmp_path / "harbour"
    shutil.copytree(HARBOUR, root)
    story = root / "story.yml"
    text = story.read_text(encoding="utf-8").replace("language: en-GB\n", f"language: en-GB\ntranslations: {listed}\n")
    story.write_text(text, encoding="utf-8")
    line = text.splitlines().index(f"translations: {listed}") + 1
    with pytest.raises(ContentError) as raised:
        load_checked(root)
    assert [str(p) for p in raised.value.problems] == [f"harbour/story.yml:{line}:16: translations[0]: {message}"]


def test_the_command_says_how_to_write_a_tag_in_capitals(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["translations", "AR", "--content", str(HARBOUR)])
    assert "not a language tag: 'AR' (write 'ar')" in capsys.readouterr().err


# --- in the built site: warnings, marks and the theme's words in each language -------------------

NEW_GROUP = "The group that backed the contract before the vote."  # makes harbour-first's French stale
LATIN = "ar-Latn"  # Arabic in Latin letters: written left to right


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The harbour story in French (its headline left in English, one description stale) and in
    Arabic in Latin letters, built with `mkdocs build --strict`: the site and the build's log."""
    root = story_with(tmp_path_factory.mktemp("story"), FRENCH)
    edit(root / "story.yml", "translations: [fr]", f"translations: [fr, {LATIN}]")
    edit(root / "actors.yml", GROUP, NEW_GROUP)
    latin = root / "translations" / LATIN / "actors.yml"
    latin.parent.mkdir()
    latin.write_text(
        f'translated: 2019-03-16\nrecords:\n  dana-lee:\n    name: {{text: Dana Li, of: "{fp("Dana Lee")}"}}\n',
        encoding="utf-8",
    )
    project = make_project(root, tmp_path_factory.mktemp("project"))
    site = tmp_path_factory.mktemp("site")
    return site, build_site_with_mkdocs(project, site)


def test_the_build_logs_translation_warnings_and_passes_strict(built: tuple[Path, str]) -> None:
    """A stale translation does not stop the story being published (the build above is --strict)."""
    _, log = built
    said = [line for line in log.splitlines() if "translation warning" in line]
    assert said == [
        "INFO    -  story-explainer: translation warning: content/translations/fr/actors.yml:13:11: "
        "records.harbour-first.description.of: stale translation: the English of `description` has changed "
        "since it was translated (it now reads 'The group that backed the contract before the vote.'); "
        f"translate it again, and change `of` to {fp(NEW_GROUP)}"
    ]


def test_an_untranslated_headline_is_marked_in_its_heading(built: tuple[Path, str]) -> None:
    site, _ = built
    english = (site / "index.html").read_text(encoding="utf-8")
    french = (site / "fr" / "index.html").read_text(encoding="utf-8")
    headline = "Harbourside council rejects the ferry contract"
    heading = re.search(r'<h1 id="([^"]+)">(.*?)<a class="headerlink"', english)
    assert heading is not None and heading[2] == headline
    assert f'<h1 id="{heading[1]}"><span lang="en-GB" dir="ltr">{headline}</span>' in french  # same anchor
    assert f"<title>{headline}</title>" in french  # <title> holds text only: unmarked (fallback.py)
    # A translated name is not marked; an untranslated one is, in the heading and the breadcrumb.
    assert '<h1 id="conseil-municipal-de-harbourside">Conseil municipal de Harbourside' in (
        site / "fr" / "actors" / "town-council" / "index.html"
    ).read_text(encoding="utf-8")
    bay = (site / "fr" / "actors" / "bay-ferries" / "index.html").read_text(encoding="utf-8")
    assert '<li aria-current="page"><span lang="en-GB" dir="ltr">Bay Ferries</span></li>' in bay


def test_each_language_has_the_themes_words_in_it(built: tuple[Path, str]) -> None:
    site, _ = built
    for folder, tag in (("", "en-GB"), ("fr/", "fr")):
        with speaking(tag):
            words = theme_words()
        page = (site / folder / "index.html").read_text(encoding="utf-8")
        assert f'title="{escape(words["updates_feed"])}"' in page, tag
        assert f'title="{escape(words["corrections_feed"])}"' in page, tag
        assert f'title="{escape(words["permalink"])}"' in page, tag
        assert escape(words["dark_scheme"]) in page and escape(words["light_scheme"]) in page, tag
    assert 'title="Updates to the story"' not in (site / "fr" / "index.html").read_text(encoding="utf-8")
    # The theme's own pages, made after every page's Markdown, speak the story's language.
    assert 'title="Updates to the story"' in (site / "404.html").read_text(encoding="utf-8")


def test_arabic_in_latin_letters_reads_left_to_right(built: tuple[Path, str]) -> None:
    site, _ = built
    page = (site / LATIN / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{LATIN}" dir="ltr"' in page
    assert '<body dir="ltr"' in page
