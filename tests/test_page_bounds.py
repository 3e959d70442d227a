"""Section pages stay the same size however big the story grows.

A section page (the overview, who's who, defections, drafts and votes, the timeline, figures,
quotes, sources, glossary) shows the latest or a sample of a long list, says what it leaves out
and links to where the rest is; charts with too many marks to read draw a sample chosen by a
stated rule (generator/facts/thinning.py). Before this, at 5,000 actors, the figures page was
730 kB and the drafts and votes page 710 kB.
"""

from __future__ import annotations

import itertools
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import ROOT
from hypothesis import given
from hypothesis import strategies as st

from generator.facts.sections import SECTION_TITLES
from generator.facts.thinning import FIGURE_MARKS, claims_drawn, thin
from generator.pipeline import build_site

# No section page may be larger than this, at any size of story: a sixth of what the largest
# weighed at 5,000 actors (figures.md, 732 kB), half as much again as the first story's largest.
SECTION_PAGE_BOUND = 128_000
# Between the two sizes below, past every limit of the pages, a section page may grow only by
# what grows with the story's span rather than its records (months charted, parts listed).
GROWTH = 1.1
SLACK = 8_000

# Past every limit the section pages set: over 60 claims of a metric, 100 defections, 8 votes,
# 20 documents of a body and 60 relations (synthetic.py: N/2 figures, N/5 defections, N/50 drafts).
SMALLER, LARGER = 1100, 2200


def _section_sizes(tmp: Path, actors: int) -> dict[str, int]:
    story = tmp / f"story-{actors}"
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "synthetic.py"), "--actors", str(actors), "--out", str(story)],
        check=True,
        capture_output=True,
    )
    site = build_site(story)
    return {path: len(site.pages[path].text.encode("utf-8")) for path in SECTION_TITLES if path in site.pages}


@pytest.mark.slow
def test_section_pages_keep_their_size_as_the_story_grows(tmp_path: Path) -> None:
    smaller = _section_sizes(tmp_path, SMALLER)
    larger = _section_sizes(tmp_path, LARGER)
    assert sorted(smaller) == sorted(larger) == sorted(SECTION_TITLES)
    for path, size in larger.items():
        assert size <= SECTION_PAGE_BOUND, f"{path} is {size:,} bytes at {LARGER} actors"
        assert size <= smaller[path] * GROWTH + SLACK, f"{path}: {smaller[path]:,} bytes, then {size:,}"


def _claim(value: int | None, low: int | None = None, high: int | None = None) -> SimpleNamespace:
    return SimpleNamespace(figure=SimpleNamespace(value=value, low=low, best=None, high=high))


def test_a_metric_chart_keeps_its_highest_and_lowest_claims() -> None:
    claims = tuple(_claim(1_000 + i) for i in range(200))
    # A range reaching highest, and the lowest number, both in the middle of the series.
    claims = claims[:70] + (_claim(None, low=900, high=90_000),) + claims[70:130] + (_claim(3),) + claims[130:]
    drawn, rule = claims_drawn(claims)
    assert len(drawn) == FIGURE_MARKS
    assert claims[70] in drawn and claims[131] in drawn
    assert drawn[0] is claims[0] and drawn[-1] is claims[-1]
    assert rule == (
        "The chart draws 60 of the 202 claims: the first, the latest, the highest and the lowest, "
        "and the others evenly spaced by date."
    )
    assert claims_drawn(claims[:FIGURE_MARKS]) == (claims[:FIGURE_MARKS], "")


@given(
    st.lists(st.integers(), max_size=300),
    st.integers(min_value=2, max_value=80),
    st.sets(st.integers(min_value=0, max_value=299), max_size=5),
)
def test_a_sample_keeps_the_first_the_latest_and_what_must_stay(items: list[int], limit: int, must: set[int]) -> None:
    entries = list(enumerate(items))  # distinct entries, in date order
    drawn = thin(entries, limit, lambda entry: entry[0] in must)
    if len(entries) <= limit:
        assert drawn == tuple(entries)
        return
    kept = {0, len(entries) - 1} | {i for i in must if i < len(entries)}
    assert list(drawn) == sorted(set(drawn))  # in their order, each once
    assert kept <= {i for i, _ in drawn}
    assert len(drawn) == max(limit, len(kept))


def test_a_sample_is_spread_over_the_whole_series() -> None:
    drawn = [i for i, _ in thin([(i, i) for i in range(1000)], 11, lambda entry: False)]
    # The first and the latest, and nine others evenly spaced over the 998 between them.
    assert len(drawn) == 11 and drawn[0] == 0 and drawn[-1] == 999
    gaps = [b - a for a, b in itertools.pairwise(drawn)]
    assert max(gaps) - min(gaps) <= 2, gaps
