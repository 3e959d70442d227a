"""Chart layout does not depend on the reader's fonts (generator/site/fonts.py).

Chromium is started once per font configuration, each a fontconfig file that lets it see one
family only, as a reader's machine with only that family would: DejaVu Sans (wide), Liberation
Sans (Arial's widths; Chromium's own dependency) and, where installed, Noto Sans (.ci/run
installs it; with it, a chart once drew "Deaths" outside itself). In each, every page kind
with a chart, at phone and desktop widths, draws nothing outside its chart and no text over
other text, draws its chart text in the site's own chart font, and each text is as wide as the
layout measured it, to within kerning.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pytest
from conftest import BROWSER_ARGS, require_chromium, serve_folder
from fontTools.ttLib import TTFont
from test_browser import CHARTS, MEASURE, PAGE_KINDS, SIZES, Visit

from generator.site import fonts, svg

# A configuration: the one family the browser may see, as Debian installs it.
FONT_SETS = {
    "dejavu": ("DejaVu Sans", Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")),
    "liberation": ("Liberation Sans", Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf")),
    "noto": ("Noto Sans", Path("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf")),
}
SAMPLE = "Deaths claimed by the opposition, 12 July"
# Every shown chart text: its words, CSS font size and weight (in the chart's own units), the
# width the browser draws it, and whether it is drawn in the site's chart font.
TEXTS = """async () => {
  await document.fonts.ready;
  const shown = (el) => el.getClientRects().length > 0;
  // A text's own words: not its <title> child, the tooltip that names a seat's member.
  const own = (t) => [...t.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.data).join("");
  return [...document.querySelectorAll(":is(article, body > main) svg.se-chart text")].filter(shown).map((t) => {
    const style = getComputedStyle(t);
    return {text: own(t), size: parseFloat(style.fontSize), weight: parseInt(style.fontWeight, 10),
            drawn: t.getComputedTextLength(),
            ours: document.fonts.check(`${style.fontWeight} ${style.fontSize} "${FAMILY}"`, own(t))};
  });
}""".replace("${FAMILY}", fonts.FAMILY)
SANS_WIDTH = (
    "(text) => { const c = document.createElement('canvas').getContext('2d'); "
    "c.font = '100px sans-serif'; return c.measureText(text).width; }"
)


def font_config(family: str, file: Path, folder: Path) -> Path:
    """A fontconfig file that shows Chromium only `file`'s folder, with `family` as every generic family."""
    if not file.is_file():
        message = f"{file} is missing: install Debian's package for {family} (.ci/run does)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    aliases = "".join(
        f"<alias binding='same'><family>{generic}</family><prefer><family>{escape(family)}</family></prefer></alias>"
        for generic in ("sans-serif", "serif", "system-ui", "monospace")
    )
    config = folder / "fonts.conf"
    config.write_text(
        "<?xml version='1.0'?><!DOCTYPE fontconfig SYSTEM 'fonts.dtd'><fontconfig>"
        f"<dir>{escape(str(file.parent))}</dir><cachedir>{escape(str(folder / 'cache'))}</cachedir>{aliases}"
        "</fontconfig>",
        encoding="utf-8",
    )
    return config


@pytest.fixture(scope="module")
def site_url(built: tuple[Path, str]) -> Iterator[str]:
    yield from serve_folder(built[0])


@pytest.fixture(scope="module", params=sorted(FONT_SETS))
def fonted(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, browser: Any
) -> Iterator[tuple[str, Any]]:
    """A Chromium that sees one font family only; the configuration's name and the browser.
    (Started by the session's Playwright: the sync API allows one per thread.)"""
    family, file = FONT_SETS[request.param]
    config = font_config(family, file, tmp_path_factory.mktemp(f"fonts-{request.param}"))
    confined = browser.browser_type.launch(
        executable_path=require_chromium(), args=BROWSER_ARGS, env={**os.environ, "FONTCONFIG_FILE": str(config)}
    )
    yield request.param, confined
    confined.close()


def advance_width(file: Path, text: str, size: float) -> float:
    font = TTFont(file)
    cmap, metrics, per_em = font.getBestCmap(), font["hmtx"].metrics, font["head"].unitsPerEm
    return size * sum(metrics[cmap[ord(ch)]][0] for ch in text) / per_em


def test_the_browser_sees_only_the_configured_family(fonted: tuple[str, Any], site_url: str) -> None:
    """The configuration holds: the reader's sans-serif is that family, by its own metrics."""
    name, browser = fonted
    family, file = FONT_SETS[name]
    visit = Visit(browser, site_url + "about/")
    try:
        drawn = visit.page.evaluate(SANS_WIDTH, SAMPLE)
    finally:
        visit.close()
    # Hinted fonts (Liberation) round each advance to the pixel: within 1%, far closer than two families come.
    assert drawn == pytest.approx(advance_width(file, SAMPLE, 100), rel=0.01), family


CHART_KINDS = sorted(kind for kind in CHARTS if kind in PAGE_KINDS)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("kind", CHART_KINDS)
def test_charts_fit_whatever_fonts_the_reader_has(kind: str, size: str, fonted: tuple[str, Any], site_url: str) -> None:
    name, browser = fonted
    visit = Visit(browser, site_url + PAGE_KINDS[kind], SIZES[size])
    try:
        texts = visit.page.evaluate(TEXTS)
        found = visit.page.evaluate(MEASURE)
    finally:
        visit.close()
    report = json.dumps(found, indent=1, ensure_ascii=False)
    assert found["charts"] == CHARTS[kind], report
    assert found["outside"] == [], f"drawn outside its chart with {name}'s fonts: {report}"
    assert found["overlapping"] == [], f"text over text with {name}'s fonts: {report}"
    assert any(fonts.FOLDER + "/chart-sans-latin-400.woff2" in url for url in visit.requests)
    assert texts
    for shown in texts:
        measured = svg.text_width(shown["text"], shown["size"], shown["weight"] >= 600)
        # Never wider than measured; as wide, less kerning, when every character is the chart font's.
        assert shown["drawn"] <= measured + 0.5, shown
        if set(shown["text"]) <= set(fonts.characters()):
            assert shown["ours"], shown
            assert shown["drawn"] == pytest.approx(measured, rel=0.03, abs=0.5), shown
