"""Templates only print: they see their page's view and use only filters that format a value.

Sorting, grouping, counting and labelling belong to the facts layer
(generator/facts/views/), where each rule has one tested home.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from jinja2 import meta, nodes

from generator.site.environment import TEMPLATES, environment

# Filters that print one value: escape it, link it, cite it, format a date or a number.
PRINTING_FILTERS = frozenset(
    {
        "ref",
        "refs",
        "url",
        "page_url",
        "prose",
        "plain",
        "cite",
        "markers",
        "name",
        "words",
        "when",
        "md",
        "in_language",  # a text left in the original language, marked with it
        "front_matter",
        "jsonld",
        "language",
        "join",
        "claim",  # an attribution in the words of sentences.py: "(as alleged by ...)"
        "claimed",  # prose in plain words followed by that claim, for a page's description
        "say",  # a sentence made in facts/sentences.py: its words, links and dates
        "attributed",  # whose claim the text before it is, printed as that sentence
        "front",  # the page's title and description as its front matter, then its breadcrumb
        "uncertain",  # what the editor is unsure of, as a paragraph
        "partials",  # the partials of a folder by kind (timeline/<kind>.md.html), to print entries with
        "dated",  # an event as a line of a list: its date, a link to it, its sources
        "mentioned",  # a record that mentions the page's subject: a link to it, and its kind
        "downloads",  # the data files a page's tables come from, after them
    }
)
# What a page template may read: its view, its title, structured data and edit path, the charts,
# and where the page sits (facts/trail.py).
TEMPLATE_NAMES = frozenset({"page", "title", "jsonld", "edit_path", "charts", "trail"})
TEMPLATE_FILES = sorted(TEMPLATES.glob("*.md.html"))


def _parse(path: Path) -> nodes.Template:
    return environment(TEMPLATES).parse(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", TEMPLATE_FILES, ids=lambda p: p.name)
def test_templates_use_only_printing_filters(path: Path) -> None:
    used = {node.name for node in _parse(path).find_all((nodes.Filter, nodes.Test)) if isinstance(node, nodes.Filter)}
    assert used - PRINTING_FILTERS == set(), f"{path.name} computes in the template; do it in facts/views/"


@pytest.mark.parametrize("path", TEMPLATE_FILES, ids=lambda p: p.name)
def test_templates_read_only_their_view(path: Path) -> None:
    names = meta.find_undeclared_variables(_parse(path))
    assert names - TEMPLATE_NAMES == set(), f"{path.name} reads more than its page's view"


@pytest.mark.parametrize("path", TEMPLATE_FILES, ids=lambda p: p.name)
def test_templates_call_no_methods(path: Path) -> None:
    """Calling methods from a template is computing too; the charts. drawing methods are the only
    charts' drawing methods are the only calls allowed."""
    calls = set()
    for call in _parse(path).find_all(nodes.Call):
        if isinstance(call.node, nodes.Getattr):
            owner = call.node.node
            if isinstance(owner, nodes.Name) and owner.name in {"charts", "m"}:
                continue
            calls.add(call.node.attr)
    assert calls == set()


def test_the_check_sees_templates() -> None:
    assert len(TEMPLATE_FILES) >= 11


def test_an_edited_template_is_read_again_by_the_next_build(tmp_path: Path) -> None:
    """Compiled templates are checked against their files once per environment() call (a build),
    not at every use: an edit made between two builds still shows in the second."""
    page = tmp_path / "page.md.html"
    page.write_text("{% include 'part.md.html' %}", encoding="utf-8")
    part = tmp_path / "part.md.html"
    part.write_text("before", encoding="utf-8")
    assert environment(tmp_path).get_template("page.md.html").render() == "before"
    part.write_text("after", encoding="utf-8")
    stat = part.stat()
    os.utime(part, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # a later time, however coarse the clock
    assert environment(tmp_path).get_template("page.md.html").render() == "after"


@pytest.mark.parametrize("path", sorted((TEMPLATES / "timeline").glob("*.md.html")), ids=lambda p: p.name)
def test_each_timeline_partial_is_an_entry_macro(path: Path) -> None:
    """The timeline imports each kind's partial once per page and calls its `entry(row, r)` macro
    per entry (the `partials` filter): a partial that printed outside it would print nothing."""
    tree = _parse(path)
    assert [(m.name, [a.name for a in m.args]) for m in tree.find_all(nodes.Macro)] == [("entry", ["row", "r"])]
    assert [n for n in tree.body if not isinstance(n, nodes.Macro | nodes.Output)] == []


# What the renderer's filters read from the render's own arguments (the context's parent), not
# from the template's variables: a template that set one would be ignored by every filter.
RENDER_ARGUMENTS = frozenset({"page_path", "_now", "_renderer"})


@pytest.mark.parametrize(
    "path", sorted(TEMPLATES.glob("*.md.html")) + sorted(TEMPLATES.glob("*/*.md.html")), ids=lambda p: p.name
)
def test_templates_never_set_what_the_filters_read_from_the_render(path: Path) -> None:
    assigned = {target.name for target in _parse(path).find_all(nodes.Name) if target.ctx == "store"}
    assert assigned & RENDER_ARGUMENTS == set(), f"{path.name} sets a name the filters read from the render"
