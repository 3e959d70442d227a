"""The shortcuts that make the views, the derivation and the check cheap give what the plain way gives.

- `sentences.fill` reads each message's fields once (sentences._fields) and merges words as it
  goes: it must give what splitting the message by its fields and merging the bits after gives;
- the actor pages of a build share their Mentions and the story's now (views.ActorPages): each
  page must be the page made on its own;
- the trail of an actor's page takes its side's words from those made for the side's first actor
  (trail.Trails._side_words): each trail must be the one a fresh Trails makes;
- backlinks take each record's targets as a set, and add the record to their lists: each list
  must be every record referring to the target, once, in the records' order;
- a dated list's part keys are made as its parts are counted (parts.ByDate.keys): each must be
  the key of its date asked alone;
- actor pages and trails read an actor's page from the addresses made once for every record
  (addresses.Addresses): it must be the page `address` gives the actor alone.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from conftest import ENGINE_STORY, TESTS
from hypothesis import given
from hypothesis import strategies as st

from generator.content.dates import FuzzyDate
from generator.content.fallback import Untranslated
from generator.content.i18n import speaking
from generator.content.kinds import ACTORS, DOCUMENTS
from generator.facts import sentences
from generator.facts.addresses import address
from generator.facts.derivation import derive_site
from generator.facts.mentions import _in_order, backlinks
from generator.facts.parts import by_date
from generator.facts.sections import REGISTRY
from generator.facts.sentences import Bit, Phrase, Piece
from generator.facts.trail import Trails
from generator.facts.views import ActorPages
from generator.facts.views.common import mentions
from generator.pipeline import load_checked

FIXTURES = sorted(p for p in (TESTS / "fixtures").iterdir() if p.is_dir())


def _plain_fill(message: str, **pieces: Piece) -> Phrase:
    """`fill` the plain way: split the message at its fields, then merge the bits."""
    bits: list[Bit] = []
    at = 0
    for field in re.finditer(r"\{(\w+)\}", message):
        bits.append(Bit(message[at : field.start()]))
        piece = pieces[field.group(1)]
        bits += [Bit(piece)] if isinstance(piece, str) else [piece] if isinstance(piece, Bit) else list(piece)
        at = field.end()
    bits.append(Bit(message[at:]))
    merged: list[Bit] = []
    for bit in bits:
        plain = bit.ref is None and bit.date is None
        if plain and not bit.text:
            continue
        if plain and merged and merged[-1].ref is None and merged[-1].date is None:
            merged[-1] = Bit(merged[-1].text + bit.text)
        else:
            merged.append(bit)
    return tuple(merged)


_TEXT = st.text(alphabet="ab {}}(x", max_size=6)
_BITS = st.one_of(
    st.builds(Bit, _TEXT),
    st.builds(Bit, _TEXT, ref=st.sampled_from(["jane-doe", "cnn"])),
    st.builds(Bit, date=st.just(FuzzyDate.parse("2012-07-11"))),
)
# Words left in the story's own language on a translated page: a piece alone must stay one.
_LEFT = _TEXT.map(lambda text: Untranslated(text, "fr"))
_PIECES = st.one_of(_TEXT, _LEFT, _BITS, st.builds(Bit, _LEFT), st.lists(_BITS, max_size=4).map(tuple))


@given(
    st.lists(st.tuples(_TEXT, st.sampled_from(["who", "what", "details"])), max_size=4),
    _TEXT,
    st.fixed_dictionaries({"who": _PIECES, "what": _PIECES, "details": _PIECES}),
)
def test_fill_is_the_plain_split_and_merge(fields: list[tuple[str, str]], tail: str, pieces: dict[str, Piece]) -> None:
    # Literal braces in the words around the fields are left as they are: only {name} is a field.
    message = "".join(f"{words.replace('{', '(')}{{{name}}}" for words, name in fields) + tail.replace("{", "(")
    filled, plain = sentences.fill(message, **pieces), _plain_fill(message, **pieces)
    assert filled == plain
    assert [type(bit.text) for bit in filled] == [type(bit.text) for bit in plain]  # == alone does not tell


def test_fill_keeps_words_left_in_another_language_as_they_are() -> None:
    left = Untranslated("Ministre", "fr")
    for message in ("{x}", "{a}{x}", "{x}{a}", "{a}{x}{a}"):
        filled = sentences.fill(message, a=sentences.link("jane-doe"), x=left)
        assert [type(bit.text) for bit in filled if bit.ref is None] == [Untranslated], message


@pytest.mark.parametrize("folder", FIXTURES, ids=lambda p: p.name)
def test_actor_pages_sharing_their_parts_are_each_made_alone(folder: Path) -> None:
    content = load_checked(folder)
    with speaking(content.story.language):
        derived = derive_site(content, page_size=3)  # split sections, so that side links go to parts
        facts = derived.facts
        shared = ActorPages(content, facts)
        trails = Trails(content, facts, derived.addresses, derived.names.__getitem__)
        for actor in content.actors:
            view = facts.actors[actor.id]
            page = shared.page(view)
            assert page == ActorPages(content, facts).page(view)
            assert page.mentions == mentions(content, view.mentions)
            fresh = Trails(content, facts, derived.addresses, derived.names.__getitem__)
            assert trails.of_actor(actor.id) == fresh.of_actor(actor.id)


def test_the_engine_story_has_actors_on_several_sides() -> None:
    """The test above is only worth something where sides share their words among several actors."""
    content = load_checked(ENGINE_STORY)
    sides = [a.side for a in content.actors]
    assert len(set(sides)) > 1 and len(sides) > len(set(sides))


@pytest.mark.parametrize("folder", FIXTURES, ids=lambda p: p.name)
def test_backlinks_are_every_referring_record_once_in_order(folder: Path) -> None:
    content = load_checked(folder)
    plain: dict[str, dict[str, None]] = {}
    for record_id in _in_order(content):
        for _field, target, _path in content.references[record_id]:
            if target != record_id:
                plain.setdefault(target, {})[record_id] = None
    assert backlinks(content) == {target: tuple(plain[target]) for target in sorted(plain)}


_DAYS = st.dates(min_value=dt.date(2010, 1, 1), max_value=dt.date(2013, 12, 31))


@given(st.lists(st.tuples(_DAYS, _DAYS).map(sorted), max_size=40), st.integers(1, 6))
def test_a_dated_lists_keys_are_each_dates_own(ranges: list[list[dt.date]], size: int) -> None:
    dates = [FuzzyDate.parse({"earliest": a.isoformat(), "latest": b.isoformat()}) for a, b in ranges]
    found = by_date(REGISTRY.sections[0].place, dates, size)
    if found is not None:
        assert found.keys == tuple(found.key(date) for date in dates)


@pytest.mark.parametrize("folder", FIXTURES, ids=lambda p: p.name)
def test_a_record_with_a_page_of_its_own_is_addressed_there_whatever_the_split(folder: Path) -> None:
    content = load_checked(folder)
    for page_size in (1, 3, 100):
        addresses = derive_site(content, page_size=page_size).addresses
        for kind, records in ((ACTORS, content.actors), (DOCUMENTS, content.documents)):
            for record in records:
                assert addresses[record.id] == address(kind, record.id)
