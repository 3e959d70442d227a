"""The shortcuts under the links and "Sources:" lines pages print give what the plain way gives: a URL
made for one page and used again by another of the same origin (Links), a link under a source's
name made once per origin (Citations), and front matter values that skip the escaping pass."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest
from conftest import TESTS
from hypothesis import given
from hypothesis import strategies as st
from test_links_as_urls import _FOLDER, _NAME, _PATH, _mkdocs_href

from generator.content.i18n import speaking
from generator.facts.derivation import derive_site
from generator.pipeline import load_checked
from generator.site.citing import Citations
from generator.site.environment import _front_matter, _json_string, _yaml_escape
from generator.site.html import escape
from generator.site.links import Links
from generator.site.render import Renderer

FIXTURES = sorted(p for p in (TESTS / "fixtures").iterdir() if p.is_dir())
# Pages made directly rather than paths filtered: a list of a dozen filtered paths drew slowly.
_PAGE = st.builds(lambda folder, name: posixpath.join(folder, f"{name}.md"), _FOLDER, _NAME)


@given(
    links=st.lists(
        st.tuples(_PAGE, _PATH, st.sampled_from([None, "x"])),
        min_size=1,
        max_size=8,
    ),
    directory_urls=st.booleans(),
)
def test_a_url_made_for_one_page_is_used_again_only_where_it_is_the_same(
    links: list[tuple[str, str, str | None]], directory_urls: bool
) -> None:
    # One Links for all of them, as one build has: pages of one folder share the URLs made earlier.
    shared = Links(as_urls=True, directory_urls=directory_urls)
    for page, target, anchor in links:
        assert shared.link(page, target, anchor) == _mkdocs_href(page, target, anchor, directory_urls)


@pytest.mark.parametrize("url_links", [False, True], ids=["from-source", "urls"])
@pytest.mark.parametrize("fixture", FIXTURES, ids=[p.name for p in FIXTURES])
def test_a_sources_line_made_with_links_of_other_pages_is_the_plain_line(fixture: Path, url_links: bool) -> None:
    content = load_checked(fixture)
    with speaking(content.story.language):
        renderer = Renderer(derive_site(content), url_links=url_links)
        pages = [spec.path for spec in renderer.specs()] + ["index.md", "deeper/still/page.md"]
        cited = {record.sources for record in content.by_id.values() if getattr(record, "sources", ())}
        assert cited
        for page in pages:
            for source_ids in sorted(cited):
                origin = renderer._origin(page, source_ids)  # noting the sources for the page, as _cite does
                plain = Citations(renderer.records, renderer.names, renderer.language, renderer._href)
                assert renderer.citations.cite(page, source_ids, origin) == plain.cite(page, source_ids), page


_TEXT = st.text(st.characters(codec="utf-8")) | st.text(st.characters(max_codepoint=0x7F))


@given(_TEXT, st.booleans())
def test_a_front_matter_value_in_printable_ascii_skips_the_escapes_and_reads_the_same(text: str, as_text: bool) -> None:
    quoted = _front_matter(text, text=as_text)
    # The plain way: every character outside printable ASCII written as an escape.
    plain = re.sub(r"[^\x20-\x7e]", _yaml_escape, _json_string(_front_matter_input(text, as_text)))
    assert quoted == plain


def _front_matter_input(text: str, as_text: bool) -> str:
    """What _front_matter quotes: text has its spaces collapsed and is escaped for HTML first."""
    return escape(" ".join(text.split())) if as_text else text
