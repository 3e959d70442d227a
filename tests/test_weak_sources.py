"""Sources a reader can weigh: every source says what kind of publisher it is, and `check` warns,
located, wherever a claim rests on weak sources alone, whatever note the source carries.

Engine tests on the invented harbour story: each case appends sources and records to a copy.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import TESTS

from generator.adapters.cli import main
from generator.content.models import PublisherType

HARBOUR = TESTS / "fixtures" / "harbour-story"

WEAK_SOURCES = """
- id: mirror-page
  publisher: A mirror
  title: Some article
  url: https://wikivividly.com/wiki/Some_article
  date: 2019-03-20
  kind: reference
  publisher_type: reference
  uncertain: The editor knows it is a mirror.
- id: aggregated
  publisher: An aggregator
  title: A report, again
  url: https://maghress.com/news/1
  date: 2019-03-20
  kind: article
  publisher_type: aggregator
- id: partisan-page
  publisher: A campaign site
  title: Our view
  url: https://example.org/campaign/view
  date: 2019-03-20
  kind: article
  publisher_type: partisan
- id: wrong-outlet
  publisher: CNN
  title: Something
  url: https://www.aljazeera.com/news/2019/3/20/something
  date: 2019-03-20
  kind: article
  publisher_type: broadcaster
"""

EVENTS = """
- id: rests-on-a-mirror
  date: 2019-03-14
  title: Rests on a mirror alone
  kind: meeting
  sources: [mirror-page]
- id: answered
  date: 2019-03-14
  title: Cites the original beside the copy
  kind: meeting
  sources: [aggregated, harbour-news-2019-03-14]
- id: two-weak
  date: 2019-03-14
  title: Two weak sources are still weak
  kind: meeting
  sources: [aggregated, partisan-page]
- id: by-marker
  date: 2019-03-14
  title: Claims in prose
  kind: meeting
  description: >-
    The first claim rests on the original.[^harbour-news-2019-03-14]
    The second on a partisan site.[^partisan-page]
  sources: [harbour-news-2019-03-14]
- id: reported-before-it-happened
  date: 2019-03-15
  title: Its only source was published before it
  kind: meeting
  sources: [harbour-news-2019-03-14]
- id: announced-in-advance
  date: {scheduled: 2019-03-20}
  title: A day set in advance
  kind: meeting
  sources: [harbour-news-2019-03-14]
"""


def story(tmp_path: Path) -> tuple[Path, list[str], list[str]]:
    content = tmp_path / "content"
    shutil.copytree(HARBOUR, content)
    sources, events = content / "sources.yml", content / "events.yml"
    sources.write_text(sources.read_text(encoding="utf-8") + WEAK_SOURCES, encoding="utf-8")
    events.write_text(events.read_text(encoding="utf-8") + EVENTS, encoding="utf-8")
    return content, sources.read_text().splitlines(), events.read_text().splitlines()


def line(lines: list[str], text: str, after: str = "") -> int:
    start = next(i for i, item in enumerate(lines) if after in item) if after else 0
    return next(i for i, item in enumerate(lines[start:], start + 1) if text in item)


def test_claims_resting_on_weak_sources_alone_are_warned_about_where_they_are_cited(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content, sources, events = story(tmp_path)
    assert main(["check", "--content", str(content)]) == 0  # warnings do not fail the check
    captured = capsys.readouterr()
    assert "is valid" in captured.out
    ev, src = "content/events.yml", "content/sources.yml"
    assert captured.err.splitlines() == [
        f"{ev}:{line(events, 'sources: [mirror-page]')}:12: rests-on-a-mirror.sources: warning: this claim rests "
        "only on 'mirror-page', a mirror of Wikipedia (cite en.wikipedia.org itself, or better, the sources the "
        "article cites, beside it or instead)",
        f"{ev}:{line(events, 'sources: [aggregated, partisan-page]')}:12: two-weak.sources: warning: this claim "
        "rests only on weak sources, such as 'aggregated', a news aggregator that republishes other outlets' "
        "reports (cite the outlet or agency it credits, beside it or instead)",
        f"{ev}:{line(events, 'description: >-')}:16: by-marker.description: warning: this claim "
        "rests only on 'partisan-page', a partisan site (cite the official record or a news report of the same "
        "facts, beside it or instead)",
        f"{ev}:{line(events, 'date: 2019-03-15')}:9: reported-before-it-happened.date: warning: every source was "
        "published before 2019-03-15, so none can report it as done (write the date as {scheduled: ...} if it was "
        "announced in advance, or cite a later report)",
        f"{src}:{line(sources, 'url: https://www.aljazeera.com')}:8: wrong-outlet.url: warning: the publisher is "
        "'CNN' but the address is al jazeera's (name the outlet whose page it is, or fix the address)",
    ]


def test_a_note_on_the_source_does_not_silence_the_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content, _, _ = story(tmp_path)
    main(["check", "--content", str(content)])
    assert "rests-on-a-mirror.sources: warning" in capsys.readouterr().err  # its source has an `uncertain` note


def test_an_uncited_weak_source_is_not_warned_about(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = tmp_path / "content"
    shutil.copytree(HARBOUR, content)
    sources = content / "sources.yml"
    sources.write_text(sources.read_text(encoding="utf-8") + WEAK_SOURCES.split("- id: partisan-page")[0])
    assert main(["check", "--content", str(content)]) == 0
    assert capsys.readouterr().err == ""


def test_every_source_must_say_its_publisher_type(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = tmp_path / "content"
    shutil.copytree(HARBOUR, content)
    sources = content / "sources.yml"
    text = sources.read_text(encoding="utf-8")
    sources.write_text(text.replace("  publisher_type: newspaper\n", "", 1), encoding="utf-8")
    assert main(["check", "--content", str(content)]) == 1
    choices = ", ".join(t.value for t in PublisherType)
    assert capsys.readouterr().err.splitlines()[0] == (
        "content/sources.yml:1:3: harbour-news-2019-03-14.publisher_type: required field is missing "
        f"(add `publisher_type:`, one of: {choices})"
    )


def test_the_publisher_types_a_reader_should_weigh_have_their_own_names() -> None:
    assert {"think-tank", "partisan", "aggregator", "blog"} <= {t.value for t in PublisherType}
