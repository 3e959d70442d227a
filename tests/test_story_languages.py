"""The story in content/, in each language it is published in, reads as that language reads.

An invariant of any story: for every translation `story.yml` lists, one page of each kind, at
a phone's and a desktop's width, has the language's `lang` and direction, no accessibility
violation (axe-core), nothing drawn outside its charts or over other text and no sideways
scroll (the same checks as the engine's Arabic fixture, tests/test_languages_browser.py). A
story with no translations has nothing to check here.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from babel import Locale
from conftest import serve_folder, story_content
from test_browser import SIZES
from test_languages_browser import check_reads_in_its_direction

pytestmark = pytest.mark.story

# A page of each kind, by its folder under a language's root; a vote's page is found in the site.
KINDS = ("", "actors/", "votes/", "defections/", "figures/", "timeline/", "quotes/", "sources/", "glossary/")


def translations() -> list[str]:
    story = yaml.safe_load((story_content() / "story.yml").read_text(encoding="utf-8"))
    return [str(tag) for tag in story.get("translations") or ()]


def direction(tag: str) -> str:
    return "rtl" if Locale.parse(tag, sep="-").character_order == "right-to-left" else "ltr"


@pytest.fixture(scope="module")
def story_url(story_built: tuple[Path, str]) -> Iterator[str]:
    yield from serve_folder(story_built[0])


def pages_of(site: Path, tag: str) -> list[str]:
    """The kinds' pages the language's site has, and its first vote's page."""
    root = site / tag
    found = [kind for kind in KINDS if (root / kind / "index.html").is_file()]
    votes = sorted(p.parent.name for p in (root / "votes").glob("*/index.html"))
    return found + [f"votes/{votes[0]}/"] if votes else found


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("tag", translations() or [pytest.param("", marks=pytest.mark.skip("no translations"))])
def test_each_translation_reads_in_its_language(
    tag: str, size: str, browser: Any, story_built: tuple[Path, str], story_url: str
) -> None:
    pages = pages_of(story_built[0], tag)
    assert pages, f"the site has no pages under {tag}/"
    for page in pages:
        shot = f"story-{tag}-{page.strip('/').replace('/', '-') or 'overview'}"
        check_reads_in_its_direction(browser, f"{story_url}{tag}/{page}", shot, size, (tag, direction(tag)))
