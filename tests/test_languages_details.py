"""The details of a story in several languages: each translation read once per build, its warnings
in the build's log, text left in the original marked where it is printed, the theme's words, the
direction of a script, and the messages a desk reads.

Engine tests on the invented harbour story, published in French with a few translations written
here (test_translations.py's helpers), and on invented language tags.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_translations import FRENCH, GROUP, edit, entry, fp, hand_written, loaded, story_with

from generator.content import translation_check, translations
from generator.pipeline import build_sites

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
