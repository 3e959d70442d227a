"""Which catalog a language tag speaks from (content/i18n.py): its own, else its language's, but
never one written in another script."""

from __future__ import annotations

import pytest

from generator.content import i18n
from generator.content.i18n import LOCALES, script_of, speaking

CATALOGS = sorted(p.name for p in LOCALES.iterdir() if (p / "LC_MESSAGES" / "messages.po").is_file())


def said(tag: str, message: str = "Timeline") -> str:
    with speaking(tag):
        return i18n._(message)


@pytest.mark.parametrize("language", CATALOGS)
def test_a_regional_tag_in_the_same_script_speaks_its_language_s_catalog(language: str) -> None:
    regions = {"zh": "zh-SG", "ar": "ar-EG", "es": "es-419", "fr": "fr-CA", "ru": "ru-UA"}
    regional = regions.get(language, f"{language}-US")
    assert script_of(regional) == script_of(language)
    assert said(regional) == said(language) != "Timeline"


def test_a_tag_in_another_script_keeps_the_english_messages() -> None:
    """Simplified Chinese is no translation for a reader of Traditional characters."""
    assert said("zh") != "Timeline"
    for tag in ("zh-Hant", "zh-TW", "zh-HK"):
        assert script_of(tag) == "Hant"
        assert said(tag) == "Timeline"


def test_a_language_without_a_catalog_keeps_the_english_messages() -> None:
    assert said("sw") == "Timeline"
