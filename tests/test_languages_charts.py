"""Charts read right to left in a language written so (issue 25): each is the left-to-right chart
mirrored, time running from the right, with every text upright where its mirror image falls.

Metamorphic: the engine's invented story is rendered in Arabic twice from the same facts and
words, once as Arabic reads and once with charts forced to read left to right, and every chart
of the first must be its twin of the second reflected, text for text.
"""

from __future__ import annotations

import re

import pytest
from conftest import ENGINE_STORY

from generator.content.i18n import speaking
from generator.pipeline import build_sites
from generator.site import svg
from generator.site.render import Site
from generator.site.svg import anchored, right_to_left, upright

CHART = re.compile(r'<svg class="se-chart [^"]*" viewBox="0 0 ([\d.]+) [\d.]+"([^>]*)>(.*?)</svg>', re.DOTALL)
TEXT = re.compile(
    r'<text x="([-\d.]+)" y="([-\d.]+)" class="([^"]*)" text-anchor="(\w+)"(?: transform="([^"]*)")?>(.*?)</text>',
    re.DOTALL,
)
FLIPPED = {"start": "end", "end": "start", "middle": "middle"}


@pytest.fixture(scope="module")
def sites() -> dict[str, Site]:
    """The Arabic site as it is ("ar"), and drawn as if Arabic read left to right ("ltr")."""
    arabic = build_sites(ENGINE_STORY, languages=("ar",))["ar"]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(svg, "right_to_left", lambda: False)
        left_to_right = build_sites(ENGINE_STORY, languages=("ar",))["ar"]
    return {"ar": arabic, "ltr": left_to_right}


def charts(site: Site) -> list[tuple[str, str, str]]:
    """Every chart on every page: its width, its attributes and its drawing."""
    return [found for page in sorted(site.pages) for found in CHART.findall(site.pages[page].text)]


def test_every_chart_is_its_left_to_right_twin_mirrored(sites: dict[str, Site]) -> None:
    english, arabic = charts(sites["ltr"]), charts(sites["ar"])
    assert len(english) == len(arabic) > 5
    for (width, attributes, body), (ar_width, ar_attributes, ar_body) in zip(english, arabic, strict=True):
        assert ar_width == width
        assert "direction" not in attributes
        assert ' direction="ltr"' in ar_attributes  # anchors mean the same on any page
        mirror = f'<g transform="matrix(-1 0 0 1 {width} 0)">'
        assert mirror in ar_body and ar_body.endswith("</g>")
        texts, ar_texts = TEXT.findall(body), TEXT.findall(ar_body)
        assert len(texts) == len(ar_texts)
        for (x, y, css, anchor, transform, words), (ax, ay, acss, aanchor, atransform, awords) in zip(
            texts, ar_texts, strict=True
        ):
            assert (ax, ay, acss, awords) == (x, y, css, words)
            assert transform == ""
            assert aanchor == FLIPPED[anchor], words
            # Mirrored back about its own x: with the chart's mirror, the text reads as written.
            assert atransform == f"matrix(-1 0 0 1 {2 * float(x):.1f} 0)", words


def test_the_direction_follows_the_language_being_written() -> None:
    with speaking("ar"):
        assert right_to_left()
        assert (anchored("start"), upright(10)) == ("end", ' transform="matrix(-1 0 0 1 20.0 0)"')
    for tag in ("en", "fr", "en-GB"):
        with speaking(tag):
            assert not right_to_left()
            assert (anchored("start"), upright(10)) == ("start", "")
