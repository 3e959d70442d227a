"""The timeline page (generator/facts/timeline_view.py): a heading per month, a heading per year on a
long story, and one entry per happening, an event about a vote told in the vote's entry.

Invariants on the invented stories and the first story; rules on small stories written here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import TESTS, first_story, materialise

from generator.content.kinds import summary_attribution, summary_of
from generator.facts.derivation import derive_site
from generator.facts.derive import derive
from generator.facts.timeline_view import TimelinePage, _label, month_name, timeline_page, timeline_rows
from generator.pipeline import load_checked
from generator.site.render import Renderer

FIXTURES = sorted(p for p in (TESTS / "fixtures").iterdir() if p.is_dir())


def _story(tmp_path: Path, events: str) -> Path:
    case = tmp_path / "case"
    case.mkdir()
    (case / "events.yml").write_text(events, encoding="utf-8")
    return materialise(case, tmp_path)


def _page(content_folder: Path) -> tuple[TimelinePage, str]:
    content = load_checked(content_folder)
    facts = derive(content)
    site = Renderer(derive_site(content, facts=facts)).render()
    return timeline_page(content, facts), site.pages["timeline.md"].text


def _check(page: TimelinePage, entries: int, events: set[str], text: str) -> None:
    """Every entry is under its own month's heading, months in order, every happening told once,
    and every event keeps its anchor on the page."""
    keys = [month.key for year in page.years for month in year.months]
    assert keys == sorted(set(keys))
    shown = 0
    for year in page.years:
        for month in year.months:
            for row in month.entries:
                assert f"{row.entry.date.settled:%Y-%m}" == month.key
                assert year.year == row.entry.date.settled.year
                shown += 1 + len(row.about)
    assert shown == entries
    anchors = set(re.findall(r' id="([^"]+)"', text))
    assert events <= anchors
    assert page.count.startswith(f"{shown - sum(len(r.about) for y in page.years for r in y.entries):,} ")


@pytest.mark.parametrize("story", FIXTURES, ids=lambda p: p.name)
def test_each_entry_sits_under_its_month_and_each_happening_is_told_once(story: Path) -> None:
    content = load_checked(story)
    page, text = _page(story)
    _check(page, len(derive(content).timeline), {e.id for e in content.events}, text)


def test_the_first_storys_timeline_keeps_the_same_invariants() -> None:
    story = first_story()
    content = load_checked(story)
    page, text = _page(story)
    _check(page, len(derive(content).timeline), {e.id for e in content.events}, text)


EVENTS = """\
- id: council-decides
  date: 2020-05-01
  title: The council turns the budget motion down
  kind: decision
  actors: [council]
  sources: [gazette-2020-05-01]
- id: alice-speaks
  date: 2020-05-01
  title: Alice speaks to reporters
  kind: statement
  actors: [alice]
  sources: [gazette-2020-05-01]
- id: motion-tabled
  date: 2020-04-20
  title: Bob tables the [[budget-motion]]
  kind: announcement
  sources: [gazette-2020-05-01]
"""


def test_an_event_about_a_vote_is_told_in_the_votes_entry(tmp_path: Path) -> None:
    """On the vote's day and involving the body that voted: told with the vote, its anchor kept.
    Another event that day, and one naming the document on another day, stay entries of their own."""
    page, text = _page(_story(tmp_path, EVENTS))
    rows = [row for year in page.years for row in year.entries]
    (vote,) = [row for row in rows if row.kind == "vote"]
    assert [told.event.id for told in vote.about] == ["council-decides"]
    assert vote.about[0].sources == ()  # the vote's entry already cites the gazette: not twice
    alone = {row.entry.record.id for row in rows if row.entry.kind == "events"}
    assert alone == {"alice-speaks", "motion-tabled"}
    assert text.count('id="council-decides"') == 1
    assert "The council turns the budget motion down" in text
    assert "## May 2020 {: #2020-05 }" in text and "## April 2020 {: #2020-04 }" in text
    assert "### " not in text


def test_a_story_of_more_than_two_years_has_year_headings_with_months_under_them(tmp_path: Path) -> None:
    events = EVENTS + (
        "- id: long-ago\n  date: 2017-03\n  title: A first meeting\n  kind: meeting\n  sources: [gazette-2020-05-01]\n"
    )
    page, text = _page(_story(tmp_path, events))
    assert page.by_year
    assert [year.year for year in page.years] == [2017, 2020]
    assert "\n## 2017\n" in text and "### March 2017 {: #2017-03 }" in text and "### May 2020 {: #2020-05 }" in text


def test_kinds_are_named_in_words_at_reading_size(tmp_path: Path) -> None:
    page, text = _page(_story(tmp_path, EVENTS))
    labels = {row.entry.record.id: row.label for year in page.years for row in year.entries}
    assert labels["alice-speaks"] == "Statement" and labels["motion-tabled"] == "Announcement"
    assert labels["budget-motion"] == "Vote"
    assert "se-kind" not in text  # the small grey capitals are gone from the timeline


@pytest.mark.parametrize("story", [*FIXTURES, None], ids=lambda p: p.name if p else "first")
def test_a_long_page_opens_with_a_link_to_each_month(story: Path | None) -> None:
    page, text = _page(story or first_story())
    keys = [month.key for year in page.years for month in year.months]
    jumps = re.search(r'<nav class="se-months" aria-label="Months">(.*?)</nav>', text, re.S)
    assert (jumps is not None) == page.jumps == (len(keys) > 3)
    if jumps:
        assert re.findall(r'href="#([^"]+)"', jumps.group(1)) == keys


@pytest.mark.parametrize("story", FIXTURES, ids=lambda p: p.name)
def test_a_rows_label_made_once_per_kind_and_sort_is_its_entrys_own(story: Path) -> None:
    """TimelineRows names entries once per kind and sort (_label_key), not once per entry: every
    row's label is what _label makes of the row's own entry."""
    content = load_checked(story)
    rows = timeline_rows(content, derive(content))
    assert rows
    assert [row.label for row in rows] == [_label(row.entry) for row in rows]


def test_month_names_stand_alone_in_the_storys_language() -> None:
    assert [month_name(7, tag) for tag in ("en-GB", "fr", "xx-zz")] == ["July", "juillet", "July"]


@pytest.mark.parametrize("story", FIXTURES, ids=lambda p: p.name)
def test_a_rows_summary_and_claim_worked_out_when_printed_are_its_records(story: Path) -> None:
    """TimelineRow.summary and .attribution are worked out only when the default partial prints
    them: they are what the record says about itself and whose claim it is, as for any record."""
    content = load_checked(story)
    for row in timeline_rows(content, derive(content)):
        record = row.entry.record
        assert (row.summary, row.attribution) == (summary_of(record), summary_attribution(record))
