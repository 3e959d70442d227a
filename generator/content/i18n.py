"""The words the generator writes, in the language of the page being made.

Every sentence, heading and label the generator writes (not the editors' text, which comes
from the content) is an English message looked up in a gettext catalog:
`generator/locales/<language>/LC_MESSAGES/messages.po`, read with Babel when first needed, so
that no compiled `.mo` file has to be kept in step. A build speaks one language at a time:
`speaking("fr")` makes `_`, `ngettext` and `pgettext` answer in French until it ends, for the
Python views and the Jinja templates alike (the renderer installs these same functions).

Messages use named `str.format` fields, never concatenation, so that a translation may put
the words in its own order: `_("{duration} since {event}").format(duration=..., event=...)`.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from gettext import NullTranslations
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LOCALES = Path(__file__).resolve().parents[1] / "locales"
SOURCE_LANGUAGE = "en"  # the language the messages are written in: it needs no catalog
DOMAIN = "messages"


@dataclass(frozen=True, eq=False)
class Language:
    """A language the generator can write in: its tag, Babel's locale and its catalog.

    Compared and hashed by identity (one per tag, see `language`): renderers key what they make
    once per language on it, and a field-wise hash would hash the locale on every lookup."""

    tag: str
    locale: Locale
    translations: NullTranslations


def catalog_path(tag: str) -> Path:
    """The catalog file of a language (which may not exist: its messages stay in English)."""
    return LOCALES / tag.replace("-", "_") / "LC_MESSAGES" / f"{DOMAIN}.po"


def conventional_case(tag: str) -> str:
    """A language tag in the case BCP 47 writes it (RFC 5646, 2.1.1): a region in capitals, a script
    with a capital, everything else in lower case: AR is ar, EN-gb is en-GB, SR-LATN is sr-Latn."""
    first, *rest = tag.split("-")
    subtags = [first.lower()]
    for subtag in rest:
        if len(subtag) == 2 and subtag.isalpha():
            subtags.append(subtag.upper())
        elif len(subtag) == 4 and subtag.isalpha():
            subtags.append(subtag.title())
        else:
            subtags.append(subtag.lower())
    return "-".join(subtags)


def script_of(tag: str) -> str | None:
    """The script a language tag is written in: its own script subtag, else the one Babel's
    likely-subtags data gives (zh-TW: Hant, zh: Hans, ar: Arab), else None."""
    for subtag in tag.split("-")[1:]:
        if len(subtag) == 4 and subtag.isalpha():
            return subtag.title()
    try:
        locale = Locale.parse(tag, sep="-")
    except (ValueError, UnknownLocaleError):
        return None
    if locale.script:
        return str(locale.script)
    likely = get_global("likely_subtags").get(locale.language, "")
    parts = str(likely).split("_")
    return parts[1] if len(parts) > 2 else None


# The scripts written right to left (ISO 15924 codes), as CLDR's script metadata marks them: the
# Arabic, Hebrew, Thaana, N'Ko, Adlam, Hanifi Rohingya and the Aramaic family in use today, and historic ones.
RIGHT_TO_LEFT_SCRIPTS = frozenset(
    {
        "Adlm", "Arab", "Aran", "Armi", "Avst", "Chrs", "Cprt", "Elym", "Hatr", "Hebr", "Hung", "Khar", "Lydi",
        "Mand", "Mani", "Mend", "Merc", "Mero", "Narb", "Nbat", "Nkoo", "Orkh", "Ougr", "Palm", "Phli", "Phlp",
        "Phnx", "Prti", "Rohg", "Samr", "Sarb", "Sogd", "Sogo", "Syrc", "Syre", "Syrj", "Syrn", "Thaa", "Yezi",
    }
)  # fmt: skip


@functools.cache
def direction(tag: str) -> str:
    """`rtl` or `ltr`: the direction of the script a language tag is written in. A script subtag
    says it (ar-Latn, Arabic in Latin letters, is ltr; az-Arab is rtl); else the language's usual
    script in its region (ar, he, ur, pa-PK are rtl); an unknown language is ltr.

    Babel's character order would not do: it is the language's, whatever the script (ar-Latn: rtl)."""
    return "rtl" if script_of(tag) in RIGHT_TO_LEFT_SCRIPTS else "ltr"


def _catalog(tag: str) -> NullTranslations:
    # The most specific catalog there is: pt-BR, then pt; none means the English messages. A
    # language's catalog is written in its usual script: zh's in Simplified characters is no
    # catalog for zh-Hant or zh-TW, which keep the English messages until they have their own.
    base = tag.split("-")[0]
    for candidate in (tag, base):
        if candidate == base != tag and script_of(tag) != script_of(base):
            continue
        path = catalog_path(candidate)
        if candidate != SOURCE_LANGUAGE and path.is_file():
            with path.open("rb") as po:
                catalog = read_po(po, locale=candidate.replace("-", "_"))
            compiled = io.BytesIO()
            write_mo(compiled, catalog)
            compiled.seek(0)
            return Translations(compiled, domain=DOMAIN)
    return NullTranslations()


@functools.cache
def language(tag: str) -> Language:
    """The language of a (checked) BCP 47 tag; an unknown locale writes English with English formats."""
    try:
        locale = Locale.parse(tag, sep="-")
    except (ValueError, UnknownLocaleError):
        locale = Locale.parse(SOURCE_LANGUAGE)
    return Language(tag, locale, _catalog(tag))


_SPEAKING: ContextVar[Language | None] = ContextVar("speaking", default=None)


def current() -> Language:
    """The language being written now (English outside any `speaking`)."""
    return _SPEAKING.get() or language(SOURCE_LANGUAGE)


@contextmanager
def speaking(tag: str) -> Iterator[Language]:
    """Write in this language until the block ends (nested blocks restore the outer one)."""
    token = _SPEAKING.set(language(tag))
    try:
        yield current()
    finally:
        _SPEAKING.reset(token)


def _(message: str) -> str:
    """A message in the current language."""
    return current().translations.gettext(message)


def N_(message: str) -> str:
    """Mark a message for the catalog where it is defined (a table built at import, which editors'
    warnings print in English) and translate it with `_` where a page prints it."""
    return message


def ngettext(singular: str, plural: str, count: int) -> str:
    """A message whose words depend on a number, in the current language's plural forms."""
    return current().translations.ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """A message that reads the same in English as another but may not in other languages."""
    return current().translations.pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, count: int) -> str:
    """`ngettext` with a context, as `pgettext`."""
    return current().translations.npgettext(context, singular, plural, count)
