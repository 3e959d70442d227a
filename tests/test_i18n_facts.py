"""The facts layer speaks the language of the page: every word it writes comes from the catalog.

The views of the engine's fixture story, made while speaking French or Arabic, hold none of
the English messages of the facts layer (tests walk every string of every view, on the whole
site and on a site split into parts); Arabic counts take each of its six plural forms; numbers
and dates are written as Babel writes them in the locale. English output is pinned by the
golden pages (tests/test_golden.py), which these changes leave byte for byte as they were.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import itertools
import re
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path

import pytest
from babel.dates import format_skeleton
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from pydantic import BaseModel

from generator.content.dates import FuzzyDate
from generator.content.i18n import catalog_path, ngettext, speaking
from generator.content.models import (
    ActorKind,
    AdoptionMode,
    Announcement,
    AnnouncementKind,
    Attribution,
    ClaimVerb,
    Credentials,
    Defection,
    DefectionKind,
    Dismissal,
    DocumentStatus,
    Figure,
    Post,
    Qualifier,
    RelationKind,
)
from generator.content.phrasing import ACTOR_KINDS, figure_number, number, qualified
from generator.content.weak_sources import WEAK_SITES
from generator.facts import sentences
from generator.facts.derivation import derive_site
from generator.facts.derive import derive
from generator.facts.sentences import Bit
from generator.facts.source_groups import COPY_LABELS
from generator.facts.views.common import sources
from generator.pipeline import load_checked
from generator.site.render import Renderer

ROOT = Path(__file__).parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "coup-story"
# The Python files whose words this layer writes (the templates and the site layer have their own).
FILES = (
    *sorted((ROOT / "generator" / "facts").rglob("*.py")),
    *(ROOT / "generator" / "content" / name for name in ("phrasing.py", "kinds.py", "dates.py", "voting.py")),
)
DAY, LATER = FuzzyDate.parse("2024-05-01"), FuzzyDate.parse("2024-05-15")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2), "npgettext": ((1, "c"), 2, 3)}
FIELD = re.compile(r"\{\w+\}")
NUMBERS = {"{count}", "{total}", "{needed}"}  # the number a plural form may say in words instead


@functools.cache
def messages() -> tuple[tuple[str | None, str, str | None], ...]:
    """Every message of the facts layer: (context, English, English plural)."""
    found = set()
    for path in FILES:
        for _line, message, _comments, context in extract_from_file("python", path, keywords=KEYWORDS):
            single, many = message if isinstance(message, tuple) else (message, None)
            found.add((context, single, many))
    return tuple(sorted(found, key=lambda m: (m[1], m[0] or "")))


@functools.cache
def catalog(tag: str) -> dict[tuple[str | None, str], tuple[str, ...]]:
    with catalog_path(tag).open("rb") as po:
        read = read_po(po, locale=tag)
    return {
        (m.context, m.id[0] if isinstance(m.id, tuple) else m.id): tuple(m.string)
        if isinstance(m.string, (tuple, list))
        else (m.string,)
        for m in read
        if m.id
    }


@pytest.mark.parametrize("tag", ["fr", "ar"])
def test_every_message_of_the_facts_layer_is_translated_with_its_fields(tag: str) -> None:
    forms = 2 if tag == "fr" else 6
    held = catalog(tag)
    for context, message, many in messages():
        assert (context, message) in held, f"{tag} lacks {message!r} ({context})"
        translations = held[(context, message)]
        assert all(translations) and len(translations) == (1 if many is None else forms), message
        fields = set(FIELD.findall(message))
        for text in translations:
            # A plural form may leave its number out ("مصدران": two sources), never another field.
            assert set(FIELD.findall(text)) - NUMBERS == fields - NUMBERS, text


# Fields that hold ids, keys and CSS classes, not words: an enum's value, a kind's name.
ID_FIELDS = {
    ("Verdict", "status"),
    ("DocumentRow", "status"),
    ("SeatRow", "vote"),
    ("Edge", "kind"),
    ("Relation", "kind"),
    ("TimelineEntry", "kind"),
    ("TimelineRow", "kind"),
    ("MetricGroup", "metric_id"),
    ("Jump", "anchor"),
}


def strings(value: object) -> Iterator[str]:
    """Every string a view holds, but the editors' own (the content's models) and ids: a phrase as its text."""
    if isinstance(value, StrEnum | BaseModel | FuzzyDate | dt.date):
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple) and value and all(isinstance(b, Bit) for b in value):
        yield "".join(bit.text for bit in value)
    elif isinstance(value, Bit):
        yield value.text
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            if (type(value).__name__, field.name) not in ID_FIELDS:
                yield from strings(getattr(value, field.name))
        for name, attribute in vars(type(value)).items():
            if isinstance(attribute, property) and name not in ("downloads",):
                yield from strings(getattr(value, name))
    elif isinstance(value, tuple | list | frozenset | set):
        for item in value:
            yield from strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)


def views_text(tag: str, page_size: int) -> list[str]:
    """The strings of every page's view and trail, made while speaking `tag`."""
    content = load_checked(FIXTURE)
    with speaking(tag):
        facts = derive(content)
        renderer = Renderer(derive_site(content, page_size, facts=facts))
        found = [text for spec in renderer.specs() for key in ("page", "trail") for text in strings(spec.values[key])]
        found += list(strings(facts))
    return found


def english_pieces(tag: str) -> tuple[set[str], set[str]]:
    """The English messages a translation changes: those without fields whole (a string that is
    one message), the others by their pieces of three words or more between fields (a message
    inside a longer string; shorter pieces, such as "of the", are also the editors' words)."""
    whole, pieces = set(), set()
    held = catalog(tag)
    for context, message, many in messages():
        translated = held[(context, message)]
        for english in (message, many) if many else (message,):
            if english in translated:
                continue
            if not FIELD.search(english):
                whole.add(english)
                continue
            for piece in FIELD.split(english):
                piece = piece.strip(" ,.:;()")
                if len(re.findall(r"[A-Za-z]+", piece)) >= 3 and not any(piece in t for t in translated):
                    pieces.add(piece)
    return whole, pieces


@pytest.mark.parametrize("page_size", [1000, 2], ids=["whole", "split"])
@pytest.mark.parametrize("tag", ["fr", "ar"])
def test_the_views_hold_no_english_message_of_the_facts_layer(tag: str, page_size: int) -> None:
    whole, pieces = english_pieces(tag)
    texts = views_text(tag, page_size)
    assert texts
    left = sorted({t for t in texts if t in whole} | {p for t in texts for p in pieces if p in t})
    assert not left, left


def test_the_english_views_are_the_messages_themselves() -> None:
    """The walk sees what it must: in English the same views do hold the messages."""
    whole, pieces = english_pieces("fr")
    texts = views_text("en", 1000)
    assert {t for t in texts if t in whole}
    assert {p for t in texts for p in pieces if p in t}


@pytest.mark.parametrize(
    ("count", "expected"),
    [(0, "0 مصدر"), (1, "مصدر واحد"), (2, "مصدران"), (3, "3 مصادر"), (11, "11 مصدرًا"), (100, "100 مصدر")],
)
def test_arabic_counts_take_the_plural_form_of_their_number(count: int, expected: str) -> None:
    with speaking("ar"):
        assert sources(count) == expected


@pytest.mark.parametrize(("count", "form"), [(0, 0), (1, 1), (2, 2), (3, 3), (11, 4), (100, 5), (103, 3), (111, 4)])
def test_every_arabic_count_takes_the_form_its_number_calls_for(count: int, form: int) -> None:
    """Zero, one, two, a few (3 to 10), many (11 to 99) and the rest, each count of the layer."""
    held = catalog("ar")
    with speaking("ar"):
        for context, message, many in messages():
            if many is not None and context is None:
                assert ngettext(message, many, count) == held[(None, message)][form], message


@pytest.mark.parametrize("tag", ["fr", "ar", "ar-SY", "en"])
def test_numbers_are_written_as_babel_writes_them_in_the_locale(tag: str) -> None:
    locale = tag.replace("-", "_")
    with speaking(tag):
        assert number(15000) == format_decimal(15000, locale=locale, numbering_system="default")
        claim = Figure(
            id="f",
            metric="deaths",
            value=15000,
            qualifier=Qualifier.MORE_THAN,
            claimed_by="a",
            as_of="2012-07-11",
            sources=("s",),
        )
        assert figure_number(claim) == qualified(15000, Qualifier.MORE_THAN)
        assert number(15000) in figure_number(claim)


@pytest.mark.parametrize("tag", ["fr", "ar"])
def test_dates_are_written_as_babel_writes_them_in_the_locale(tag: str) -> None:
    day = dt.date(2012, 7, 11)
    with speaking(tag):
        assert FuzzyDate.parse("2012-07-11").display() == format_skeleton("yMMMMd", day, locale=tag)
        assert FuzzyDate.parse("2012-07").display() == format_skeleton("yMMMM", day, locale=tag)
    assert FuzzyDate.parse("2012-07-11").display() == "11 July 2012"  # the English house style outside


def test_french_and_arabic_sentences_read_in_their_language() -> None:
    """A few sentences as a reader sees them: the words, the order and the punctuation of the language."""
    with speaking("fr"):
        assert qualified(15000, Qualifier.MORE_THAN) == f"plus de {format_decimal(15000, locale='fr')}"
        assert sources(1) == "1 source" and sources(2) == "2 sources"
    with speaking("ar"):
        assert qualified(300, Qualifier.ABOUT) == "نحو 300"


@pytest.mark.parametrize(
    ("tag", "earliest", "latest", "shown"),
    [
        ("fr", "2012-07-11", "2012-07-19", "11–19 juillet 2012"),
        ("fr", "2012-06-11", "2012-07-19", "11 juin\u2009–\u200919 juillet 2012"),
        ("fr", "2012-06", "2012-07", "juin\u2009–\u2009juillet 2012"),
        ("ar", "2012-07-11", "2012-07-19", "11–19 يوليو 2012"),
        ("en", "2012-07-11", "2012-07-19", "11–19 July 2012"),
    ],
)
def test_ranges_are_written_as_the_locale_writes_them(tag: str, earliest: str, latest: str, shown: str) -> None:
    """CLDR's interval patterns, with the month written out as in the language's dates: never 'juil.'."""
    with speaking(tag):
        assert FuzzyDate.parse({"earliest": earliest, "latest": latest}).display() == shown


def test_a_range_across_years_names_both_years() -> None:
    with speaking("fr"):
        shown = FuzzyDate.parse({"earliest": "2011-12-30", "latest": "2012-01-02"}).display()
    assert "2011" in shown and "2012" in shown and "décembre" in shown and "janvier" in shown


def test_every_weak_site_label_has_its_words() -> None:
    """A copy of another page is labelled on the sources page in the language being written."""
    assert {site.label for site in WEAK_SITES} <= set(COPY_LABELS)
    with speaking("fr"):
        assert COPY_LABELS["mirror"] == "site miroir"


def every_sentence() -> Iterator[sentences.Phrase | str]:
    """Every sentence the layer makes from closed sets, over every value of every set it uses."""
    posts = (Post(role="Envoy", organization="army"), Post(organization="party"))
    for kind, people in itertools.product(DefectionKind, (1, 2, 12)):
        broke = kind is DefectionKind.BROKE_RANKS
        for reasons in ((), ("Against the shelling.",)):
            defection = Defection(
                id="d", name="X", kind=kind, people=people, date=DAY, reasons=reasons,
                left=() if broke else posts, kept=posts if broke else (), broke_with=("junta",) if broke else (),
                sources=("s",),
            )  # fmt: skip
            yield sentences.defection_line(defection, "X")
            yield sentences.defection_done(defection)
    for via, outlet in itertools.product(AnnouncementKind, (None, "tv")):
        yield sentences.announcement(Announcement(via=via, outlet=outlet))
    for recognised, effective in itertools.product((None, True, False), (None, LATER)):
        yield sentences.dismissal(Dismissal(date=DAY, effective=effective, by="junta", recognised=recognised))
    for status, mode in itertools.product(DocumentStatus, (None, *AdoptionMode)):
        yield sentences.status_label(status, mode)
        yield sentences.provisions_heading(status)
    for decision, seated, by in itertools.product(Credentials, (None, "state"), (None, "party")):
        yield sentences.seat_decision(decision, seated, by, DAY)
    for relation, verb in itertools.product(RelationKind, ClaimVerb):
        claim = Attribution(verb=verb, by="tv")
        for subject in (None, sentences.link("state")):
            yield sentences.relation_line(relation, None, subject, sentences.link("party"))
            yield sentences.relation_line(relation, claim, subject, sentences.link("party"))
        yield sentences.claimed_relation_alone(relation, claim)
        yield sentences.claim_note(claim)
    yield sentences.reported_in([("s1", "Channel 9")])
    yield sentences.reported_in([("s1", "Channel 9"), ("s2", "Wire"), ("s3", "Paper")])
    yield sentences.last_role("Member of the party", DAY)


@pytest.mark.parametrize("tag", ["fr", "ar"])
def test_every_sentence_fills_its_fields_in_every_language(tag: str) -> None:
    """No field left unfilled, no empty brackets, no doubled space, and no English message piece."""
    _whole, pieces = english_pieces(tag)
    names = {"army": "l’armée", "party": "le Parti", "junta": "la junte", "tv": "Canal 9", "state": "Ruritanie"}
    with speaking(tag):
        said = [s if isinstance(s, str) else sentences.render(s, names.__getitem__) for s in every_sentence()]
    for text in said:
        assert text and "{" not in text and "}" not in text, text
        assert "()" not in text and "  " not in text and "( " not in text, text
        assert not [piece for piece in pieces if piece in text], text


def shape(value: object) -> Iterator[object]:
    """What a view decides beyond its words: every flag, count and id it holds, in order."""
    if isinstance(value, bool | int | float | StrEnum) or value is None:
        yield value
    elif isinstance(value, str | BaseModel | FuzzyDate | dt.date):
        return
    elif isinstance(value, tuple) and value and all(isinstance(b, Bit) for b in value):
        # A phrase's words and their order are the language's; what it links to and dates are not.
        yield sorted(b.ref for b in value if b.ref is not None)
        yield sum(b.date is not None for b in value)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        yield type(value).__name__
        for field in dataclasses.fields(value):
            yield from shape(getattr(value, field.name))
        for name, attribute in vars(type(value)).items():
            if isinstance(attribute, property):
                yield from shape(getattr(value, name))
    elif isinstance(value, tuple | list):
        yield len(value)
        for item in value:
            yield from shape(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from shape(item)


@pytest.mark.parametrize("tag", ["fr", "ar"])
def test_a_view_decides_the_same_in_every_language(tag: str) -> None:
    """Metamorphic: speaking another language changes the words, never what a page shows or leaves
    out (a column shown because a value read "yes" would vanish in French)."""
    content = load_checked(FIXTURE)

    def shapes(language: str) -> list[object]:
        with speaking(language):
            facts = derive(content)
            specs = Renderer(derive_site(content, 2, facts=facts)).specs()
            return [item for spec in specs for key in ("page", "trail") for item in shape(spec.values[key])]

    assert shapes(tag) == shapes("en")


def test_closed_set_words_follow_the_language_being_written() -> None:
    """A table of words is looked up when read, in the language of that moment, nested or not."""
    assert ACTOR_KINDS[ActorKind.UN_BODY] == "UN body"
    with speaking("fr"):
        assert ACTOR_KINDS[ActorKind.UN_BODY] == "organe de l’ONU"
        with speaking("ar"):
            assert ACTOR_KINDS[ActorKind.UN_BODY] == "هيئة تابعة للأمم المتحدة"
        assert ACTOR_KINDS[ActorKind.UN_BODY] == "organe de l’ONU"
    assert ACTOR_KINDS[ActorKind.UN_BODY] == "UN body"
