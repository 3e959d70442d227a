"""How a record reads: numbers as claimed, quotes' openings, reported speech."""

from __future__ import annotations

from generator.content.models.records import Figure, Quote
from generator.content.models.sets import Qualifier, QuoteKind

# --- how a record reads -------------------------------------------------------

QUALIFIER_WORDS = {
    Qualifier.EXACTLY: "",
    Qualifier.MORE_THAN: "more than ",
    Qualifier.AT_LEAST: "at least ",
    Qualifier.ABOUT: "about ",
    Qualifier.FEWER_THAN: "fewer than ",
    Qualifier.UP_TO: "up to ",
    Qualifier.ALMOST: "almost ",
    Qualifier.NEARLY: "nearly ",
}


def opening(text: str, words: int = 6) -> str:
    """A quote's first words in quotation marks, to tell links to quotes apart: '“To my brothers in the…”'."""
    shown = text.split()
    return f"“{' '.join(shown[:words])}{'…' if len(shown) > words else ''}”"


def as_said(text: str, kind: QuoteKind) -> str:
    """Words as readers see them: a quote in quotation marks, a paraphrase as reported speech ('said that ...')."""
    return f"“{text}”" if kind is QuoteKind.QUOTE else f"said {text}"


def quote_opening(quote: Quote) -> str:
    """A quote's first words, to tell links to quotes apart; a paraphrase's, never in quotation marks."""
    if quote.kind is QuoteKind.QUOTE:
        return opening(quote.text)
    shown = quote.text.split()
    return as_said(" ".join(shown[:6]) + ("…" if len(shown) > 6 else ""), quote.kind)


def qualified(value: int, qualifier: Qualifier) -> str:
    """A number the way it was put: 'about 100'."""
    return f"{QUALIFIER_WORDS[qualifier]}{value:,}"


def figure_number(figure: Figure) -> str:
    """Say the number the way it was claimed: 'more than 15,000' is never '15,000'."""
    words = QUALIFIER_WORDS[figure.qualifier]
    if figure.value is not None:
        return f"{words}{figure.value:,}"
    low, best, high = figure.low, figure.best, figure.high
    if low is not None and high is not None:
        text = f"{words}{low:,}–{high:,}"
        return f"{text} (best estimate {best:,})" if best is not None else text
    return f"{words}{(best if best is not None else low if low is not None else high):,}"
