"""Chart drawing: text that stays legible at the width a frame is shown, and fits its chart."""

from __future__ import annotations

import re

from conftest import ROOT

from generator.site.svg import FONT, MIN_PX, NARROW, WIDE, WIDE_FROM, Key, fit, legend, month_step, text_width

CSS = (ROOT / "theme" / "stylesheets" / "story.css").read_text(encoding="utf-8")


def test_each_frame_is_shown_only_where_its_text_prints_at_11_px_or_more() -> None:
    query = re.search(r"@container \(min-width: (\d+)px\)", CSS)
    assert query and int(query.group(1)) == WIDE_FROM
    assert FONT * WIDE_FROM / WIDE.width >= MIN_PX
    # A phone 320 px wide leaves 288 px for the narrow frame.
    assert FONT * 288 / NARROW.width >= MIN_PX


def test_fit_shortens_at_a_word_and_says_so() -> None:
    assert fit("Short", 100) == "Short"
    shortened = fit("Syrian Observatory for Human Rights", 160)
    assert shortened.endswith("…") and text_width(shortened) <= 160
    # Measured in the charts' own font (fonts.py): the next word would not fit.
    assert shortened == "Syrian Observatory for…"
    assert text_width("Syrian Observatory for Human…") > 160


def test_a_legend_wraps_inside_its_chart() -> None:
    keys = [Key(lambda x, y: "", words) for words in ("yes", "abstain", "no", "permanent member (a no is a veto)")]
    drawn, height = legend(keys, 0, 300)
    starts = [float(x) + text_width(w) for x, w in re.findall(r'<text x="([\d.]+)"[^>]*>([^<]*)<', drawn)]
    assert max(starts) <= 300
    assert height == 40  # two rows


def test_month_labels_never_touch() -> None:
    for months in (3, 12, 19, 40, 130):
        step = month_step(months, NARROW.width - 40)
        assert (NARROW.width - 40) / months * step >= text_width("2012") + 12 or step == 120
