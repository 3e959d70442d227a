"""Text that is not in the language of the page it is printed on, or not of the English it says.

`translations.translate` gives the story in another language. A field with no translation keeps
the original text, and a translation made of an English text that has changed since is still
shown, with a note. Both are `str` subclasses, so that they pass through the facts like any text
(the facts slice, join and compare strings) and reach the printing filters, which mark them
(site/html.py): `<span lang="en" dir="ltr">` around an untranslated text, and "translated from
the English of DATE" after a stale one. A prose value stays `Prose`, so its references are walked.

A heading (`md`) and a breadcrumb (`in_language`) mark an untranslated text too, since HTML lets
an `<h1>` or `<li>` hold a span. Where HTML holds text only, it cannot be marked: `<title>`, and
attributes such as `aria-label` or a meta description, take the page's language. There the text
stays as it is (a reader sees the original's words, as on the page) rather than being left out;
the page's `<h1>` says which language the headline is in.
"""

from __future__ import annotations

import datetime as dt
from typing import Self

from generator.content.fields import Prose


class Untranslated(str):
    """A text left in the story's own language, `lang`, on a page in another language."""

    lang: str

    def __new__(cls, text: str, lang: str) -> Self:
        made = super().__new__(cls, text)
        made.lang = lang
        return made

    def __getnewargs__(self) -> tuple[str, str]:  # type: ignore[override]
        # Copies (copy, deepcopy, pickle) rebuild the text with its language.
        return (str(self), self.lang)


class UntranslatedProse(Untranslated, Prose):
    """An untranslated prose value: still prose, so its [[references]] and notes are found."""


class Stale(str):
    """A translation made on `translated_on` of an original (in `original_lang`) that has changed since."""

    translated_on: dt.date
    original_lang: str

    def __new__(cls, text: str, translated_on: dt.date, original_lang: str) -> Self:
        made = super().__new__(cls, text)
        made.translated_on = translated_on
        made.original_lang = original_lang
        return made

    def __getnewargs__(self) -> tuple[str, dt.date, str]:  # type: ignore[override]
        return (str(self), self.translated_on, self.original_lang)


class StaleProse(Stale, Prose):
    """A stale translation of a prose value."""


def untranslated(text: str, lang: str) -> Untranslated:
    """The original text, marked with its language; prose stays prose."""
    return UntranslatedProse(text, lang) if isinstance(text, Prose) else Untranslated(text, lang)


def stale(text: str, original: str, translated_on: dt.date, lang: str) -> Stale:
    """A translation of an older `original`, marked with its date; of a prose original, prose."""
    kind = StaleProse if isinstance(original, Prose) else Stale
    return kind(text, translated_on, lang)
