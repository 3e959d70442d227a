"""What the renderer makes once per build (links, "Sources:" lines, messages) reads the same as
what it would make afresh: every page rendered after all the others equals that page rendered
first by a renderer of its own, on each fixture story and on a synthetic one with many folders."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from babel.numbers import format_decimal
from conftest import TESTS

from generator.content.i18n import speaking
from generator.content.phrasing import number
from generator.facts.derivation import derive_site
from generator.pipeline import load_checked
from generator.site.render import Renderer

FIXTURES = sorted(p for p in (TESTS / "fixtures").iterdir() if p.is_dir())


# How pages link: from their source (any builder), or as URLs with and without directory URLs
# (the MkDocs adapter), where pages sharing a link are those under the same folder (Links.origin).
LINKS = [{}, {"url_links": True}, {"url_links": True, "directory_urls": False}]
LINK_IDS = ["from-source", "urls", "urls-without-folders"]


def _pages_alone_and_after_the_others(root: Path, **links: bool) -> None:
    content = load_checked(root)
    with speaking(content.story.language):
        derived = derive_site(content)
        shared = Renderer(derived, **links)
        specs = shared.specs() + shared.edition_specs()
        # Reversed, so that each page comes after pages of its own folder and of others.
        after = {s.path: shared.page(s.path, s.template, s.title, s.source, **s.values).text for s in reversed(specs)}
        for spec in specs:
            alone = Renderer(derived, **links).page(spec.path, spec.template, spec.title, spec.source, **spec.values)
            assert alone.text == after[spec.path], f"{spec.path} reads otherwise after the other pages"


@pytest.mark.parametrize("links", LINKS, ids=LINK_IDS)
@pytest.mark.parametrize("fixture", FIXTURES, ids=[p.name for p in FIXTURES])
def test_a_page_reads_the_same_alone_and_after_the_others(fixture: Path, links: dict[str, bool]) -> None:
    _pages_alone_and_after_the_others(fixture, **links)


@pytest.mark.parametrize("links", LINKS, ids=LINK_IDS)
def test_a_synthetic_page_reads_the_same_alone_and_after_the_others(tmp_path: Path, links: dict[str, bool]) -> None:
    script = TESTS.parent / "benchmarks" / "synthetic.py"
    subprocess.run([sys.executable, str(script), "--actors", "40", "--out", str(tmp_path / "content")], check=True)
    _pages_alone_and_after_the_others(tmp_path / "content", **links)


@pytest.mark.parametrize("tag", ["en", "fr", "ar", "ar-SY", "de-CH"])
def test_a_number_written_once_reads_as_babel_writes_it(tag: str) -> None:
    """phrasing.number keeps what Babel wrote per language and value: the same words, in each language,
    whichever language asked first."""
    values = [0, 7, 999, 1000, 15000, 37606, -1200, 10**9]
    for first, then in ((tag, "en"), ("en", tag)):
        for language in (first, then):
            with speaking(language) as spoken:
                for value in values:
                    expected = format_decimal(value, locale=spoken.locale, numbering_system="default")
                    assert number(value) == expected
