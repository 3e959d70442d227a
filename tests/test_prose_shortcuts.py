"""The prose scanner's shortcuts (generator/content/prose.py) give what the plain way gives.

Prose is made canonical (control characters dropped, white space runs made one space) by a
regular expression, a split and a join; text that is printable and spaced once already is taken
as it is. Printable text holds no white space but the plain space: that is what the shortcut rests
on, so it is checked for every code point, and the shortcut against the plain way on any text.
A text without code spans is its own masked text.
"""

from __future__ import annotations

import sys

from conftest import examples
from hypothesis import given, settings
from hypothesis import strategies as st
from test_front_shortcuts import every_prose_check

from generator.content import prose
from generator.content.fields import Prose

PIECES = st.one_of(
    st.characters(blacklist_categories=("Cs",)),
    st.sampled_from(" \t\n\r\x0b\x0c\x1c\x1f\x85\xa0\u1680\u2000\u2028\u2029\u202f\u3000\ue000\ue001\x01\x7f"),
    st.sampled_from(["  ", "[[a]]", "`c`", "[^s]", "[x](https://a.org)", "word"]),
)
TEXT = st.lists(PIECES, max_size=20).map("".join)


def plain_canonical(text: str) -> str:
    return " ".join(prose.CONTROL_RE.sub("", text).split())


def test_printable_text_holds_no_white_space_but_the_space() -> None:
    found = [code for code in range(sys.maxunicode + 1) if chr(code).isspace() and chr(code).isprintable()]
    assert found == [ord(" ")]


@settings(max_examples=examples(500), deadline=None)
@given(TEXT)
def test_canonical_text_is_the_plain_ways(text: str) -> None:
    made = prose._canonical(text)
    assert made == plain_canonical(text)
    assert type(made) is str
    assert type(prose._canonical(Prose(text))) is str  # as the join gives it, not the subclass


@settings(max_examples=examples(300), deadline=None)
@given(TEXT)
def test_a_text_without_atoms_is_its_own_mask(text: str) -> None:
    assert prose._Source.of(text, []) == prose._Source(text, prose._mask(text, [], prose._ATOM), {})


def test_a_marker_made_by_dropping_a_control_character_is_still_found_in_a_references_text() -> None:
    # The raw text holds no `[^`; the scanned text, and so the reference's text, does.
    text = "[[a|b [\x01^c]]]"
    assert prose.check_prose(text) == every_prose_check(text)
    assert prose.check_prose(text)
