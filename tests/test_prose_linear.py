"""Prose is parsed in linear time, and the check and the renderer read it the same way.

A field of `[[[[...` once took 29 seconds to check and four times longer for each
doubling; here a megabyte of each kind of unfinished markup must go through every
reader of prose in under a second (quadratic time would take hours). The second half
checks, on generated text, that what the check accepts is exactly what the renderer
turns into links and tags.
"""

from __future__ import annotations

import html
import re
import time
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content.prose import (
    SAFE_SCHEMES,
    Cite,
    Code,
    Link,
    Node,
    Ref,
    Text,
    check_prose,
    citation_like,
    find_cites,
    find_refs,
    links_and_refs,
    parse,
    strip_markup,
)
from generator.site.html import Resolver, abbreviate, inline, plain

MEGABYTE = 1 << 20
RESOLVER = Resolver(
    link=lambda target: (f"#ref-{target}", target),
    abbreviations={"SNC": "Syrian National Council"},
    cite=lambda source: f'<sup><a href="#note-{source}">1</a></sup>',
)

# Markup that opens and never closes (or closes around nothing): each used to be a search
# retried from every later position.
ADVERSARIAL = [
    "[[",
    "[",
    "*",
    "**",
    "_",
    "`",
    "](",
    "[a](",
    "[[a|",
    "[[a]",
    "[a]",
    "|]",
    "[[a|b]c",
    "[a](x(",
    "[a](b(c)",
    "[a](x[[b](y)",
    "*_",
    "_*",
    "** ",
    "**a ",
    "*a ",
    "_a ",
    "a_",
    "*a **b",
    "[[a|*_b]c](",
    "[^",
    "[^a",
    "[^a b",
    "[[^a",
]
# Markup that does close, over and over: every few characters make a node, so these cost more
# per character, and an eighth of a megabyte of each is held to the second (quadratic time
# would still take minutes).
DENSE = [
    "*a* ",
    "_a_ ",
    "**a** ",
    "]*",
    "`a`",
    "`[[",
    "[[a]]",
    "[[a|*b*]]",
    "[a](b)",
    "[a](https://x)",
    "[[a|*_`b]](",
    "[[a|*_`b]c](",
    "[^a]",
    "a.[^b-c] ",
    "[^A]",
    "*a[^b]* ",
    "[^a](",
]
READERS: dict[str, Callable[[str], object]] = {
    "check_prose": check_prose,
    "find_refs": lambda text: list(find_refs(text)),
    "find_cites": lambda text: list(find_cites(text)),
    "citation_like": citation_like,
    "strip_markup": strip_markup,
    "inline": lambda text: inline(text, RESOLVER),
}


def megabyte_of(unit: str) -> str:
    return (unit * (MEGABYTE // len(unit) + 1))[:MEGABYTE]


def seconds(read: Callable[[str], object], text: str) -> float:
    """Processor time spent reading: unlike the wall clock, it does not grow when other work shares the machine."""
    started = time.process_time()
    read(text)
    return time.process_time() - started


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("unit", ADVERSARIAL)
def test_a_megabyte_of_unfinished_markup_takes_under_a_second(unit: str, reader: str) -> None:
    assert seconds(READERS[reader], megabyte_of(unit)) < 1.0


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("unit", DENSE)
def test_an_eighth_of_a_megabyte_of_closed_markup_takes_under_a_second(unit: str, reader: str) -> None:
    assert seconds(READERS[reader], megabyte_of(unit)[: MEGABYTE // 8]) < 1.0


@pytest.mark.parametrize("unit", ["SNC ", "SN", "S", "&SNC;", "SNC-"])
def test_abbreviations_over_a_megabyte_take_under_a_second(unit: str) -> None:
    text = megabyte_of(unit)
    assert seconds(lambda t: plain(t, RESOLVER), text) < 1.0
    assert seconds(lambda t: abbreviate(t, RESOLVER.abbreviations), text) < 1.0


# Text made of the pieces markup is built from, so that generated strings often almost parse.
PIECES = [
    "[",
    "]",
    "(",
    ")",
    "[[",
    "]]",
    "](",
    "[a](",
    "[[a-b|",
    "[^",
    "[^a-b]",
    "[^a-b",
    "|",
    "`",
    "*",
    "**",
    "_",
    " ",
    "\n",
    "a",
    "b-c",
    "x_y",
    "<",
    ">",
    "&",
    '"',
    "'",
    "\ue000",
    "\x00",
    "https://e.org/",
    "HTTP://e.org",
    "mailto:x@e.org",
    "javascript:",
    "data:",
    "<script>",
    "SNC",
    "[x](javascript:y)",
    "[y](https://e.org/p_(q))",
    "(z)",
]
PROSE = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
# The only tags inline() may build.
OUR_TAGS = re.compile(r'</?(?:strong|em|code|sup)>|<a href="[^"<>]*">|</a>|<abbr title="[^"<>]*">|</abbr>')
HREF = re.compile(r'<a href="([^"]*)">')


@settings(max_examples=400, deadline=None, derandomize=True, database=None)
@given(PROSE)
def test_every_link_the_renderer_builds_passed_the_check(text: str) -> None:
    problems = check_prose(text)
    for href in HREF.findall(inline(text, RESOLVER)):
        url = html.unescape(href)
        if url.startswith(("#ref-", "#note-")):
            continue  # a reference or a marker: its id is checked against the records, not here
        assert url.lower().startswith(SAFE_SCHEMES), url
        assert not any(f"link to '{url}'" in problem for problem in problems)


@settings(max_examples=400, deadline=None, derandomize=True, database=None)
@given(PROSE)
def test_what_the_check_accepts_renders_as_escaped_text_and_our_own_tags(text: str) -> None:
    rendered = inline(text, RESOLVER)
    # Refused text never reaches a page; even so the renderer builds nothing but its own tags.
    assert "<" not in OUR_TAGS.sub("", rendered), "editor text became a tag"
    if not check_prose(text):
        assert "\ue000" not in rendered and "\ue001" not in rendered, "a placeholder leaked"


@settings(max_examples=400, deadline=None, derandomize=True, database=None)
@given(PROSE)
def test_a_link_the_check_refuses_is_shown_as_typed(text: str) -> None:
    rendered = inline(text, RESOLVER)
    for problem in check_prose(text):
        url = re.fullmatch(r"link to '(.*)' is not allowed .*", problem, re.DOTALL)
        if url:
            assert f'href="{html.escape(url.group(1))}"' not in rendered
            assert html.escape(f"]({url.group(1)})") in rendered


def links_and_refs_in(nodes: tuple[Node, ...]) -> list[Link | Ref | Cite]:
    found: list[Link | Ref | Cite] = []
    for node in nodes:
        if isinstance(node, Link | Ref | Cite):
            found.append(node)
        if not isinstance(node, Text | Code | Cite):
            found += links_and_refs_in(node.children)
    return found


@settings(max_examples=400, deadline=None, derandomize=True, database=None)
@given(PROSE)
def test_the_check_reads_the_links_references_and_markers_of_the_rendered_tree(text: str) -> None:
    found = links_and_refs_in(parse(text))
    assert list(links_and_refs(text)) == [node for node in found if not isinstance(node, Cite)]
    assert list(find_cites(text)) == [node for node in found if isinstance(node, Cite)]
