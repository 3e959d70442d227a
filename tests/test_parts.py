"""Long lists split into pages: a generated story big enough to split, its parts, and every link landing.

The page size is set small in the project's mkdocs.yml (the plugin's `page_size`), so a story of
a few hundred records splits every list that can split, and the build stays quick.
"""

from __future__ import annotations

import csv
import html as htmllib
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from conftest import ENGINE_STORY, ROOT, broken_links, build_site_with_mkdocs, make_project, parse

from generator.adapters.cli import main
from generator.content.dates import FuzzyDate
from generator.content.load import load
from generator.facts.derive import derive
from generator.facts.marks import PALETTE
from generator.facts.parts import Place, by_date, by_prefix
from generator.facts.sections import REGISTRY

TIMELINE, SOURCES = Place("timeline.md", "timeline"), Place("sources.md", "sources")

SMALL_PAGE = 20


@pytest.fixture(scope="module")
def big_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic story of 100 actors (about 470 timeline entries) built with a page size of 20."""
    story = tmp_path_factory.mktemp("big-story") / "content"
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "synthetic.py"), "--actors", "100", "--out", str(story)],
        check=True,
        capture_output=True,
    )
    project = make_project(story, tmp_path_factory.mktemp("big-project"))
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "      content: content\n" in text
    config.write_text(
        text.replace("      content: content\n", f"      content: content\n      page_size: {SMALL_PAGE}\n"), "utf-8"
    )
    site = tmp_path_factory.mktemp("big-site")
    build_site_with_mkdocs(project, site)
    return site


def _parts(site: Path, folder: str) -> list[Path]:
    """The part pages under a folder (a long side's sit one folder deeper)."""
    return sorted(p for p in (site / folder).rglob("index.html") if p.parent != site / folder)


@pytest.mark.parametrize(
    ("index", "folder"),
    [
        ("timeline", "timeline"),
        ("defections", "defections"),
        ("sources", "sources"),
        ("quotes", "quotes"),
        ("actors", "actors/sides"),
        ("figures", "figures"),
    ],
)
def test_a_long_list_is_split_into_pages_its_own_page_leads_to(big_site: Path, index: str, folder: str) -> None:
    parts = _parts(big_site, folder)
    assert len(parts) >= 2
    links = {(big_site / index / href.split("#")[0]).resolve() for href in parse(big_site / index / "index.html").links}
    assert {p.parent for p in parts} <= links
    for part in parts:
        html = part.read_text(encoding="utf-8")
        # Each part says which part it is, and leads back to the whole list.
        # (A heading's punctuation may be written as character references: `Timeline&#58; 2010`.)
        assert re.search(r"<h1[^>]*>[^<]+: ", htmllib.unescape(html)), part
        assert "All of " in html, part


def test_every_link_lands_on_a_split_site(big_site: Path) -> None:
    assert broken_links(big_site) == []


@pytest.mark.parametrize(
    ("folder", "marker"),
    [
        ("timeline", re.compile(r'<li class="se-timeline__entry se-timeline--events" id="([^"]+)"')),
        ("sources", re.compile(r'<div class="se-source" id="([^"]+)"')),
        ("defections", re.compile(r'<section class="se-card" id="([^"]+)"')),
        ("quotes", re.compile(r'<blockquote class="se-quote" id="([^"]+)"')),
        ("figures", re.compile(r'<tr id="([^"]+)"')),
    ],
)
def test_each_record_is_on_exactly_one_part(big_site: Path, folder: str, marker: re.Pattern[str]) -> None:
    seen: list[str] = []
    for part in _parts(big_site, folder):
        seen += marker.findall(part.read_text(encoding="utf-8"))
    assert seen and len(seen) == len(set(seen))
    assert not marker.findall((big_site / folder / "index.html").read_text(encoding="utf-8"))


def test_every_actor_is_on_one_side_page(big_site: Path) -> None:
    actors = {p.parent.name for p in (big_site / "actors").glob("*/index.html")} - {"sides"}
    listed: list[str] = []
    for part in _parts(big_site, "actors/sides"):
        listed += re.findall(r'<td data-label="Name"><a href="(?:\.\./)+([^/".]+)/">', part.read_text("utf-8"))
    assert sorted(listed) == sorted(actors)


def test_every_claim_is_on_its_metrics_part_and_the_index_shows_the_newest(big_site: Path) -> None:
    """Each claim is on one page of its metric, the page the published data gives for it; the
    index shows each metric's newest claims, each linking to its row on its part."""
    with (big_site / "data" / "figures.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = {row["id"]: row for row in csv.DictReader(f)}
    on: dict[str, str] = {}
    for part in _parts(big_site, "figures"):
        for claim in re.findall(r'<tr id="([^"]+)"', part.read_text(encoding="utf-8")):
            on[claim] = part.parent.relative_to(big_site).as_posix() + "/"
    assert on.keys() == rows.keys()
    for claim, page in on.items():
        assert page.startswith(f"figures/{rows[claim]['metric']}/"), claim
        assert rows[claim]["page"].endswith(f"/{page}#{claim}")
    index = (big_site / "figures" / "index.html").read_text(encoding="utf-8")
    linked = re.findall(r'class="se-number"><a href="[^"#]+#([^"]+)"', index)
    for metric in {row["metric"] for row in rows.values()}:
        claims = sorted(
            (r for r in rows.values() if r["metric"] == metric),
            key=lambda r: (r["as_of"] or r["reported"], r["claimed_by"], r["id"]),
        )
        shown = [claim for claim in linked if rows[claim]["metric"] == metric]
        assert 0 < len(shown) < len(claims)
        assert shown == [r["id"] for r in claims[-len(shown) :]]
        assert f"The {len(shown)} newest of {len(claims)} claims." in index


def test_a_chart_with_more_claimants_than_colours_names_each_on_its_mark_not_in_a_key(big_site: Path) -> None:
    index = (big_site / "figures" / "index.html").read_text(encoding="utf-8")
    charts = re.findall(r'<svg class="se-chart[^"]*"[^>]*aria-labelledby="figures-.*?</svg>', index, re.S)
    assert charts
    for chart in charts:
        claimants = {
            title.split(",")[0] for title in re.findall(r"<g class=\"se-series-\d+\"><title>([^<]+)</title>", chart)
        }
        assert len(claimants) > PALETTE
        assert f"Colours repeat among {len(claimants)} sources: each mark names its own." in chart
        assert not claimants & set(re.findall(r">([^<>]+)</text>", chart))


def test_a_part_leads_to_its_neighbours(big_site: Path) -> None:
    parts = _parts(big_site, "timeline")
    middle = parts[len(parts) // 2].read_text(encoding="utf-8")
    assert 'rel="prev"' in middle and 'rel="next"' in middle
    assert 'rel="prev"' not in parts[0].read_text(encoding="utf-8")
    assert 'rel="next"' not in parts[-1].read_text(encoding="utf-8")


def test_the_first_story_keeps_its_lists_on_one_page(first_built: tuple[Path, str]) -> None:
    site = first_built[0]
    for folder in ("timeline", "defections", "sources", "quotes", "actors/sides", "figures"):
        assert _parts(site, folder) == [], folder


# --- how lists split -------------------------------------------------------------------


def test_a_dated_list_splits_by_year_or_by_month_when_a_year_is_far_too_long() -> None:
    dates = [FuzzyDate.parse(f"2011-0{m}-01") for m in (1, 2)] + [FuzzyDate.parse("2012-07")] * 2
    yearly = by_date(TIMELINE, dates, 3)
    assert yearly is not None and not yearly.monthly
    assert [(p.key, p.page, p.count) for p in yearly.parts.parts] == [
        ("2011", "timeline/2011.md", 2),
        ("2012", "timeline/2012.md", 2),
    ]
    monthly = by_date(TIMELINE, dates + [FuzzyDate.parse("2012-08-01")] * 5, 3)
    assert monthly is not None and monthly.monthly
    assert [p.label for p in monthly.parts.parts] == ["January 2011", "February 2011", "July 2012", "August 2012"]
    assert by_date(TIMELINE, dates, 4) is None


def test_names_split_by_first_letters_and_neighbours_share_a_page() -> None:
    names = {f"r{i}": name for i, name in enumerate(["Alpha", "Avon", "Bravo", "Charlie", "Delta", "Echo", "Eve"])}
    found = by_prefix(SOURCES, names, 3)
    assert found is not None
    parts, part_of = found
    assert [(p.key, p.label, p.count) for p in parts.parts] == [
        ("a--b", "A… to B…", 3),
        ("c--d", "C… to D…", 2),
        ("e", "E…", 2),
    ]
    assert part_of["r6"] == "e"
    assert by_prefix(SOURCES, names, 7) is None


def test_a_name_part_keeps_its_address_when_another_letter_grows() -> None:
    names = {f"r{i}": f"{letter}{i}" for i, letter in enumerate("ABCDEFGH")}
    before = by_prefix(SOURCES, names, 2)
    after = by_prefix(SOURCES, {**names, "new": "H new"}, 2)
    assert before and after
    assert {k: v for k, v in before[1].items() if names[k][0] < "G"} == {
        k: v for k, v in after[1].items() if k != "new" and names[k][0] < "G"
    }


def test_the_pages_command_splits_at_the_size_it_is_given(tmp_path: Path) -> None:
    out = tmp_path / "pages"
    assert main(["pages", "--content", str(ENGINE_STORY), "--out", str(out), "--page-size", "5"]) == 0
    assert (out / "timeline.md").is_file()
    assert len(list((out / "timeline").glob("*.md"))) >= 2
    assert main(["pages", "--content", str(ENGINE_STORY), "--out", str(tmp_path / "whole")]) == 0
    assert not (tmp_path / "whole" / "timeline").exists()


def test_figures_split_by_metric_and_a_long_metric_by_date() -> None:
    content, problems = load(ENGINE_STORY)
    assert content is not None and not problems
    claims = Counter(f.metric for f in content.figures)
    long, short = sorted(claims, key=lambda metric: -claims[metric])
    size = claims[long] - 1  # the long metric is over it, the short one within it
    found = REGISTRY.split(content, derive(content), size).divisions.get("figures.md")
    assert found is not None
    years = sorted({f"{f.dated.settled.year:04d}" for f in content.figures if f.metric == long})
    pages = {
        long: [(f"{long}/{year}", f"figures/{long}/{year}.md") for year in years],
        short: [(short, f"figures/{short}.md")],
    }
    # In the story's order of metrics.
    expected = [page for metric in content.story.metrics for page in pages.get(metric.id, [])]
    assert [(p.key, p.page) for p in found.parts.parts] == expected
    assert {found.part_of[f.id] for f in content.figures if f.metric == short} == {short}
    assert "figures.md" not in REGISTRY.split(content, derive(content), len(content.figures)).divisions


def test_a_page_size_below_one_is_refused_by_the_plugin_as_by_the_command(tmp_path: Path) -> None:
    project = make_project(ENGINE_STORY, tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "      content: content\n", "      content: content\n      page_size: 0\n"
        ),
        "utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(tmp_path / "site")],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert (
        "story-explainer: page_size must be 1 or more, not 0 (mkdocs.yml, plugins: story-explainer: page_size)"
        in result.stderr
    )
    assert "Traceback" not in result.stderr
