"""How a record reads: numbers as claimed, quotes' openings, reported speech, closed-set values as words.

Every word here comes from the message catalog of the language being written
(content/i18n.py); numbers are written by Babel in that language's locale.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable, Iterator, Mapping
from enum import StrEnum
from typing import Any, TypeVar

from babel.numbers import format_decimal

from generator.content.i18n import Language, _, current, pgettext
from generator.content.models import (
    ActorKind,
    Credentials,
    DocumentKind,
    DocumentStatus,
    EventKind,
    Figure,
    MediaKind,
    Qualifier,
    Question,
    Quote,
    QuoteKind,
    RelationKind,
    RoleEnd,
    SourceKind,
)

K = TypeVar("K")
V = TypeVar("V")


class Words(Mapping[K, V]):
    """A closed set's words, read in the language being written at the moment they are looked up.

    The table is made by a function so that each `_()` call runs in the current language (and a
    catalog extractor finds every message in it); a made table is kept per catalog read, so that a
    catalog read again (a test's, an edited one) is never answered from the old one."""

    def __init__(self, make: Callable[[], dict[K, V]]) -> None:
        self._make = make
        self._made: weakref.WeakKeyDictionary[object, dict[K, V]] = weakref.WeakKeyDictionary()

    def _table(self) -> dict[K, V]:
        catalog = current().translations
        made = self._made.get(catalog)
        if made is None:
            made = self._made[catalog] = self._make()
        return made

    def __getitem__(self, key: K) -> V:
        return self._table()[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._table())

    def __len__(self) -> int:
        return len(self._table())


def number(value: int) -> str:
    """A whole number as readers of the current language write it: 15,000; 15 000; ١٥٬٠٠٠ (the
    locale's own digits, as CLDR gives them: Western for ar, Arabic-Indic for ar-SY)."""
    return _number(current(), value)


# Babel parses the locale's pattern and quantizes a Decimal for every number it writes (about
# 0.1 ms): the same counts and figures are written again on many pages, so each is written once
# per language. The key is the Language itself (one per tag and process) and the number.
@functools.lru_cache(maxsize=1 << 14, typed=True)
def _number(language: Language, value: int) -> str:
    separator = _group_separator(language)
    if separator is not None and 0 <= value < _PROVED_BELOW:
        return f"{value:,}".replace(",", separator)
    return _babel_number(language, value)


def _babel_number(language: Language, value: int) -> str:
    return str(format_decimal(value, locale=language.locale, numbering_system="default"))


# Most languages group a whole number's digits in threes with one separator, as Python's own `,`
# format does: for those, each new number is written without Babel (a thousand figures' numbers
# cost 0.02 CPU seconds through Babel). Babel writes a whole number from its digit string's length
# alone, so agreeing on one number of every length from 1 to 19 digits (holding every digit, to
# catch a numbering system's own digits) proves the two agree below 10**19; any language that
# differs on one of them (Indian grouping in twos, de-CH's unseparated millions) keeps Babel.
_PROBES = tuple(int("1234567890123456789"[:length]) for length in range(1, 20))
_PROVED_BELOW = 10**19


@functools.cache
def _group_separator(language: Language) -> str | None:
    """The separator Python's `,` grouping takes to write every number as Babel does, or None."""
    written = _babel_number(language, 1234567)
    separator = written[1 : written.find("234")]
    if not separator:
        return None
    agree = all(f"{n:,}".replace(",", separator) == _babel_number(language, n) for n in _PROBES)
    return separator if agree else None


# --- how a record reads -------------------------------------------------------

# A qualified number, with the number as a field: a language may put its word after it.
QUALIFIED: Words[Qualifier, str] = Words(
    lambda: {
        Qualifier.EXACTLY: "{number}",
        Qualifier.MORE_THAN: _("more than {number}"),
        Qualifier.AT_LEAST: _("at least {number}"),
        Qualifier.ABOUT: _("about {number}"),
        Qualifier.FEWER_THAN: _("fewer than {number}"),
        Qualifier.UP_TO: _("up to {number}"),
        Qualifier.ALMOST: _("almost {number}"),
        Qualifier.NEARLY: _("nearly {number}"),
    }
)


def opening(text: str, words: int = 6) -> str:
    """A quote's first words in quotation marks, to tell links to quotes apart: '“To my brothers in the…”'."""
    shown = text.split()
    return _("“{words}”").format(words=" ".join(shown[:words]) + ("…" if len(shown) > words else ""))


def as_said(text: str, kind: QuoteKind) -> str:
    """Words as readers see them: a quote in quotation marks, a paraphrase as reported speech ('said that ...')."""
    return _("“{words}”").format(words=text) if kind is QuoteKind.QUOTE else _("said {words}").format(words=text)


def quote_opening(quote: Quote) -> str:
    """A quote's first words, to tell links to quotes apart; a paraphrase's, never in quotation marks."""
    if quote.kind is QuoteKind.QUOTE:
        return opening(quote.text)
    shown = quote.text.split()
    return as_said(" ".join(shown[:6]) + ("…" if len(shown) > 6 else ""), quote.kind)


def qualified(value: int, qualifier: Qualifier) -> str:
    """A number the way it was put: 'about 100'."""
    return QUALIFIED[qualifier].format(number=number(value))


def figure_number(figure: Figure) -> str:
    """Say the number the way it was claimed: 'more than 15,000' is never '15,000'."""
    if figure.value is not None:
        return qualified(figure.value, figure.qualifier)
    low, best, high = figure.low, figure.best, figure.high
    if low is not None and high is not None:
        span = _("{low}–{high}").format(low=number(low), high=number(high))
        text = QUALIFIED[figure.qualifier].format(number=span)
        if best is not None:
            return _("{range} (best estimate {best})").format(range=text, best=number(best))
        return text
    return qualified(best if best is not None else low if low is not None else high or 0, figure.qualifier)


# --- closed-set values as words ------------------------------------------------------

ACTOR_KINDS: Words[ActorKind, str] = Words(
    lambda: {
        ActorKind.PERSON: _("person"),
        ActorKind.ORGANIZATION: _("organization"),
        ActorKind.STATE: _("state"),
        ActorKind.GOVERNMENT: _("government"),
        ActorKind.UN_BODY: _("UN body"),
        ActorKind.INTERGOVERNMENTAL: _("intergovernmental"),
        ActorKind.ARMED_GROUP: _("armed group"),
        ActorKind.PARTY: _("party"),
        ActorKind.MEDIA: _("media"),
        ActorKind.NGO: _("NGO"),
    }
)
ROLE_ENDS: Words[RoleEnd, str] = Words(
    lambda: {
        RoleEnd.DEFECTED: pgettext("how a role ended", "defected"),
        RoleEnd.RESIGNED: pgettext("how a role ended", "resigned"),
        RoleEnd.DISMISSED: pgettext("how a role ended", "dismissed"),
        RoleEnd.DEPOSED: pgettext("how a role ended", "deposed"),
        RoleEnd.DETAINED: pgettext("how a role ended", "detained"),
        RoleEnd.EXILED: pgettext("how a role ended", "exiled"),
        RoleEnd.KILLED: pgettext("how a role ended", "killed"),
        RoleEnd.DIED: pgettext("how a role ended", "died"),
        RoleEnd.TERM_ENDED: pgettext("how a role ended", "term ended"),
        RoleEnd.REPLACED: pgettext("how a role ended", "replaced"),
        RoleEnd.DISSOLVED: pgettext("how a role ended", "dissolved"),
        RoleEnd.UNKNOWN: pgettext("how a role ended", "unknown"),
    }
)
RELATION_KINDS: Words[RelationKind, str] = Words(
    lambda: {
        RelationKind.BACKS: pgettext("relation", "backs"),
        RelationKind.OPPOSES: pgettext("relation", "opposes"),
        RelationKind.MEMBER_OF: pgettext("relation", "member of"),
        RelationKind.PART_OF: pgettext("relation", "part of"),
        RelationKind.LEADS: pgettext("relation", "leads"),
        RelationKind.ARMS: pgettext("relation", "arms"),
    }
)
SOURCE_KINDS: Words[SourceKind, str] = Words(
    lambda: {
        SourceKind.ARTICLE: _("article"),
        SourceKind.WIRE: _("wire"),
        SourceKind.VIDEO: pgettext("source", "video"),
        SourceKind.PRESS_RELEASE: _("press release"),
        SourceKind.OFFICIAL_RECORD: _("official record"),
        SourceKind.REPORT: _("report"),
        SourceKind.DATASET: _("dataset"),
        SourceKind.REFERENCE: _("reference"),
        SourceKind.BLOG: _("blog"),
        SourceKind.STATEMENT: pgettext("source", "statement"),
    }
)
EVENT_KINDS: Words[EventKind, str] = Words(
    lambda: {
        EventKind.MEETING: _("meeting"),
        EventKind.VISIT: _("visit"),
        EventKind.ANNOUNCEMENT: _("announcement"),
        EventKind.ATTACK: _("attack"),
        EventKind.BRIEFING: _("briefing"),
        EventKind.STATEMENT: pgettext("event", "statement"),
        EventKind.APPOINTMENT: _("appointment"),
        EventKind.CONFERENCE: _("conference"),
        EventKind.DECISION: pgettext("event", "decision"),
        EventKind.OTHER: _("other"),
    }
)
DOCUMENT_KINDS: Words[DocumentKind, str] = Words(
    lambda: {
        DocumentKind.DRAFT_RESOLUTION: _("draft resolution"),
        DocumentKind.RESOLUTION: _("resolution"),
        DocumentKind.PRESIDENTIAL_STATEMENT: _("presidential statement"),
        DocumentKind.PRESS_STATEMENT: _("press statement"),
        DocumentKind.ASSEMBLY_RESOLUTION: _("assembly resolution"),
        DocumentKind.DECISION: pgettext("document", "decision"),
    }
)
STATUSES: Words[DocumentStatus, str] = Words(
    lambda: {
        DocumentStatus.ADOPTED: pgettext("outcome", "adopted"),
        DocumentStatus.VETOED: pgettext("outcome", "vetoed"),
        DocumentStatus.FAILED: pgettext("outcome", "failed"),
        DocumentStatus.WITHDRAWN: pgettext("outcome", "withdrawn"),
        DocumentStatus.NOT_VOTED: pgettext("outcome", "not voted"),
        DocumentStatus.PENDING: pgettext("outcome", "pending"),
    }
)
CREDENTIALS: Words[Credentials, str] = Words(
    lambda: {
        Credentials.ACCEPTED: pgettext("credentials", "accepted"),
        Credentials.REJECTED: pgettext("credentials", "rejected"),
        Credentials.DEFERRED: pgettext("credentials", "deferred"),
        Credentials.PENDING: pgettext("credentials", "pending"),
    }
)
MEDIA_KINDS: Words[MediaKind, str] = Words(
    lambda: {
        MediaKind.VIDEO: pgettext("media", "Video"),
        MediaKind.PHOTO: pgettext("media", "Photo"),
        MediaKind.AUDIO: pgettext("media", "Audio"),
    }
)
QUESTIONS: Words[Question, str] = Words(
    lambda: {Question.PROCEDURAL: _("procedural"), Question.IMPORTANT: _("important")}
)
# Every closed set printed on a page, by its class.
VALUE_WORDS: dict[type[StrEnum], Mapping[Any, str]] = {
    ActorKind: ACTOR_KINDS,
    RoleEnd: ROLE_ENDS,
    RelationKind: RELATION_KINDS,
    SourceKind: SOURCE_KINDS,
    EventKind: EVENT_KINDS,
    DocumentKind: DOCUMENT_KINDS,
    DocumentStatus: STATUSES,
    Credentials: CREDENTIALS,
    MediaKind: MEDIA_KINDS,
    Question: QUESTIONS,
}


def value_words(value: StrEnum) -> str:
    """A closed-set value as readers read it, in the current language: `un-body` -> UN body."""
    table = VALUE_WORDS.get(type(value))
    return table[value] if table is not None else str(value.value).replace("-", " ")
