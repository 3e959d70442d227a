"""The sources page by publisher type, the weaker sources apart and labelled (facts/source_groups.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TESTS, first_story, materialise

from generator.content.weak_sources import weak_site
from generator.facts.derivation import derive_site
from generator.facts.derive import derive
from generator.facts.source_groups import GROUPS, WEAK_ANCHOR, WEAK_TYPES
from generator.facts.views import SourcesPage, sources_page
from generator.facts.views.common import Mentions, mentions
from generator.pipeline import load_checked
from generator.site.render import Renderer

FIXTURES = sorted(p for p in (TESTS / "fixtures").iterdir() if p.is_dir())


def _check(page: SourcesPage) -> None:
    """Each source in exactly one group; the strong groups in reading order, the weaker ones last;
    a source is weak exactly when its publisher is a blog or partisan, or its address a copy."""
    grouped = [row.source.id for group in page.groups for row in group.rows]
    assert sorted(grouped) == sorted(row.source.id for row in page.sources)
    strong = [group.anchor for group in page.groups if not group.weak]
    order = [f"publisher-{kind.value}" for kind in GROUPS]
    assert strong == [anchor for anchor in order if anchor in strong]
    assert all(not group.weak for group in page.groups[:-1])
    for group in page.groups:
        assert group.count == len(group.rows)
        for row in group.rows:
            source = row.source
            weak = source.publisher_kind in WEAK_TYPES or weak_site(str(source.url)) is not None
            assert bool(row.weak) == weak == group.weak, source.id
            if not weak:
                assert group.anchor == f"publisher-{source.publisher_kind.value}"


@pytest.mark.parametrize("story", FIXTURES, ids=lambda p: p.name)
def test_the_invented_stories_sources_are_grouped(story: Path) -> None:
    content = load_checked(story)
    _check(sources_page(content, derive(content)))


def test_the_first_storys_sources_are_grouped() -> None:
    content = load_checked(first_story())
    _check(sources_page(content, derive(content)))


SOURCES = """\
- id: gazette-2020-05-01
  publisher: Testville Gazette
  title: Council splits
  url: https://example.org/gazette/2020-05-01
  date: 2020-05-01
  kind: article
  publisher_type: newspaper
- id: council-minutes
  publisher: Testville Council
  title: Minutes of 1 May
  url: https://example.org/minutes
  date: 2020-05-01
  kind: official-record
  publisher_type: official
- id: repost
  publisher: A Gazette reader
  title: Council splits (reposted)
  url: https://someone.blogspot.com/2020/05/council.html
  date: 2020-05-02
  kind: article
  publisher_type: newspaper
- id: campaign-sheet
  publisher: Blue Forward
  title: The council betrays us
  url: https://example.org/blue
  date: 2020-05-01
  kind: article
  publisher_type: partisan
"""


def test_a_partisan_outlet_and_a_copy_are_set_apart_and_labelled(tmp_path: Path) -> None:
    case = tmp_path / "case"
    case.mkdir()
    (case / "sources.yml").write_text(SOURCES, encoding="utf-8")
    content = load_checked(materialise(case, tmp_path))
    facts = derive(content)
    page = sources_page(content, facts)
    assert [group.title for group in page.groups] == ["Official records", "Newspapers", "Weaker sources"]
    labels = {row.source.id: row.weak for row in page.groups[-1].rows}
    assert labels == {"repost": "blog", "campaign-sheet": "partisan outlet"}
    text = Renderer(derive_site(content, facts=facts)).render().pages["sources.md"].text
    assert text.index("## Official records {: #publisher-official }") < text.index(
        f"## Weaker sources {{: #{WEAK_ANCHOR} }}"
    )
    assert '<span class="se-source-weak">partisan outlet</span>' in text


@pytest.mark.parametrize("story", FIXTURES, ids=lambda p: p.name)
def test_a_sources_records_shared_as_mentions_are_those_mentions_makes(story: Path) -> None:
    """Mentions made once per record and shared by every source's list (views.Mentions) are what
    views.mentions makes of each list: the same ids, in order, each with its kind's word."""
    content = load_checked(story)
    facts = derive(content)
    shared = Mentions(content)
    lists = [facts.supports[source.id] for source in content.sources]
    assert any(len(ids) > 1 for ids in lists)
    for ids in lists:
        assert shared.of(ids) == mentions(content, ids)
    assert [row.supports for row in sources_page(content, facts).sources] == [
        mentions(content, facts.supports[row.source.id]) for row in sources_page(content, facts).sources
    ]
