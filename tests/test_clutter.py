"""No clutter: one list of data files per page, a publisher cited twice named once, no column
that says nothing (generator/facts/views/, generator/site/render.py)."""

from __future__ import annotations

import html
import itertools
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import TESTS, first_story, materialise

from generator.facts.derivation import derive_site
from generator.pipeline import load_checked
from generator.site.render import Renderer

FIXTURES = sorted(p for p in (TESTS / "fixtures").iterdir() if p.is_dir())
EMPTY = {"", "not recorded"}


class _Tables(HTMLParser):
    """Each table's columns as lists of cell texts (rows of a table in a table are its own)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self.open: list[list[list[str]]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.open.append([])
        elif tag == "tr" and self.open:
            self.open[-1].append([])
        elif tag == "td" and self.open:
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self.cell is not None and self.open and self.open[-1]:
            self.open[-1][-1].append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "table" and self.open:
            rows = [row for row in self.open.pop() if row]
            width = max((len(row) for row in rows), default=0)
            self.tables.append([[row[i] for row in rows if i < len(row)] for i in range(width)])

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def _pages(story: Path) -> dict[str, str]:
    content = load_checked(story)
    return {path: page.text for path, page in Renderer(derive_site(content)).render().pages.items()}


def _check(pages: dict[str, str]) -> None:
    for path, text in pages.items():
        assert text.count('class="se-downloads"') <= 1, path
        assert text.count("Download this table") <= 1, path
        parser = _Tables()
        parser.feed(text)
        for table in parser.tables:
            for column in table:
                if len(column) > 1:  # a one-row table's empty cell is that record's, not a column's
                    assert not all(cell in EMPTY for cell in column), f"{path}: a column with nothing in it"
        for match in re.finditer(r'<span class="se-cite">(.*?)</span>', text):
            names = [html.unescape(n) for n in re.findall(r">([^<]+)</a>", match.group(1))]
            assert all(a != b for a, b in itertools.pairwise(names)), f"{path}: {names}"


@pytest.mark.parametrize("story", FIXTURES, ids=lambda p: p.name)
def test_the_invented_stories_pages_carry_no_clutter(story: Path) -> None:
    _check(_pages(story))


def test_the_first_storys_pages_carry_no_clutter() -> None:
    _check(_pages(first_story()))


def test_a_page_lists_each_file_its_tables_come_from_once_at_its_end() -> None:
    pages = _pages(TESTS / "fixtures" / "coup-story")
    for path, files in {
        "defections.md": ["data/defections.csv", "data/story.json"],
        "votes/index.md": ["data/documents.csv", "data/missions.csv"],
        "actors/index.md": ["data/actors.csv"],
    }.items():
        block = pages[path].split('<aside class="se-downloads"', 1)[1].split("</aside>", 1)[0]
        linked = re.findall(r'href="([^"]+)" download', block)
        assert [link.lstrip("./").removeprefix("../") for link in linked] == files, path


SOURCES = """\
- id: gazette-2020-05-01
  publisher: Testville Gazette
  title: Council splits
  url: https://example.org/gazette/2020-05-01
  date: 2020-05-01
  kind: article
  publisher_type: newspaper
- id: gazette-2020-04-30
  publisher: Testville Gazette
  title: Council to vote
  url: https://example.org/gazette/2020-04-30
  date: 2020-04-30
  kind: article
  publisher_type: newspaper
"""
EVENTS = """\
- id: council-meets
  date: 2020-04-30
  title: The council meets
  kind: meeting
  sources: [gazette-2020-04-30, gazette-2020-05-01]
"""


def test_a_publisher_cited_twice_is_named_once_and_each_source_linked_by_its_date(tmp_path: Path) -> None:
    case = tmp_path / "case"
    case.mkdir()
    (case / "sources.yml").write_text(SOURCES, encoding="utf-8")
    (case / "events.yml").write_text(EVENTS, encoding="utf-8")
    pages = _pages(materialise(case, tmp_path))
    cite = re.search(r'<li[^>]* id="council-meets".*?<span class="se-cite">(.*?)</span>', pages["timeline.md"], re.S)
    assert cite is not None
    assert re.sub(r"<[^>]+>", "", cite.group(1)) == "Sources: Testville Gazette (30 April 2020, 1 May 2020)"
    assert 'aria-label="Testville Gazette: 30 April 2020"' in cite.group(1)
