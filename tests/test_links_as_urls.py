"""Links rendered as URLs (for MkDocs) land where MkDocs sends their source form (site/links.py).

The renderer writes a page's links either from its Markdown source (`../sources.md#x`), for any
builder, or as the URL MkDocs would make of that link from the page's own address. The URL form
is worked out by the generator, so it must be exactly MkDocs' own: for any two pages or files,
with either URL layout, it equals MkDocs' File.url_relative_to of the file the source form names.
"""

from __future__ import annotations

import posixpath

from hypothesis import given
from hypothesis import strategies as st
from mkdocs.structure.files import File

from generator.site.links import Links

_NAME = st.sampled_from(["index", "actors", "votes", "a", "jane-doe", "s-res-2042", "timeline-2"])
_FOLDER = st.lists(st.sampled_from(["actors", "votes", "updates", "embed", "ar", "a"]), max_size=3).map("/".join)
_FILE = st.sampled_from([".md", ".md", ".md", ".json", ".csv", "/index.html"])
_PATH = st.builds(lambda folder, name, kind: posixpath.join(folder, name + kind), _FOLDER, _NAME, _FILE)


def _mkdocs_href(page: str, target: str, anchor: str | None, directory_urls: bool) -> str:
    """What MkDocs makes of the source form of the link: the target file's URL from the page's."""
    here, there = (File(path, "docs", "site", directory_urls) for path in (page, target))
    if target == page and anchor:
        return f"#{anchor}"  # the source form is a bare fragment, which MkDocs leaves as it is
    href = there.url_relative_to(here)
    return f"{href}#{anchor}" if anchor else href


@given(
    page=_PATH.filter(lambda path: path.endswith(".md")),
    target=_PATH,
    anchor=st.sampled_from([None, "x", "side-government"]),
    directory_urls=st.booleans(),
)
def test_a_url_link_is_the_url_mkdocs_makes_of_its_source_link(
    page: str, target: str, anchor: str | None, directory_urls: bool
) -> None:
    links = Links(as_urls=True, directory_urls=directory_urls)
    assert links.link(page, target, anchor) == _mkdocs_href(page, target, anchor, directory_urls)
    assert links.targets(page) == {target: anchor}  # noted for the builder's check, then forgotten
    assert links.targets(page) == {}


def test_a_source_link_is_left_to_the_builder() -> None:
    links = Links()
    assert links.link("actors/jane-doe.md", "sources.md", "cnn") == "../sources.md#cnn"
    assert links.link("actors/jane-doe.md", "actors/jane-doe.md", "roles") == "#roles"
    assert links.targets("actors/jane-doe.md") == {"sources.md": "cnn", "actors/jane-doe.md": "roles"}
