"""Problems found in content, the one exception that carries them, and how values are named in them."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

# Characters a one-line report must not print as they are: they would break the line
# (newlines, U+0085, U+2028, U+2029), be invisible, reorder the text around them on
# screen, or fail to encode at all (lone surrogates).
_UNPRINTABLE = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff"
    r"\ue000\ue001\ufdd0-\ufdef\ufeff\ufffe\uffff]"
)
SHOWN_CHARACTERS = 60  # how much of a long value a message quotes back
MAX_MESSAGE = 800  # no message is longer, whatever it quotes (one was 60,129 characters)
SHOWN_DIGITS = 30  # a number with more digits than this is described by its size
# Counting the digits of a huge number exactly costs a power of ten as big as it; past this many
# bits (about 120,000 digits) an estimate will do.
EXACT_DIGITS_BITS = 400_000


def escape(text: str) -> str:
    """Write unprintable characters as Python escapes (\\n, \\x85, \\u202e) so text stays on one line."""
    return _UNPRINTABLE.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return repr(match.group())[1:-1] if code < 0x100 else f"\\u{code:04x}"


def _within(text: str, limit: int) -> str:
    """A message that quoted too much of a value, cut in its middle: where it starts says what is
    wrong, where it ends says how to fix it. Messages quote values shortened (quoted()); this is
    the guard for any that does not."""
    if len(text) <= limit:
        return text
    keep = (limit - 1) // 2
    return f"{text[:keep]}…{text[-keep:]}"


@dataclass(frozen=True, order=True)
class Problem:
    """One located problem: `file:line:col: field: message (hint)`, always on one line."""

    file: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        # Every part may quote an editor's value back: escaping here keeps any of them
        # from breaking the one-line format that editors and tools read.
        where = f"{escape(self.file)}:{self.line}:{self.column}"
        message = _within(escape(self.message), MAX_MESSAGE)
        return f"{where}: {escape(self.field)}: {message}" if self.field else f"{where}: {message}"


class ContentError(Exception):
    """Raised once, after every problem in the content has been collected."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [str(p) for p in self.problems]
        lines.append(f"{count} {noun} found; the site was not built.")
        return "\n".join(lines)


def quote_hint(value: object) -> str:
    """Say why an unquoted value was not read as text (the YAML 1.1 traps)."""
    if isinstance(value, bool):
        return "put it in quotes: YAML reads unquoted yes, no, on and off as true or false"
    if isinstance(value, (int, float)):
        return "put it in quotes: YAML reads unquoted 12:30 or 1e3 as a number"
    if isinstance(value, list):
        # Quoting a list would make one odd value of it (an unknown id): the list itself is the mistake.
        return "this field takes one value, not a list: write it without the brackets or dashes"
    if isinstance(value, dict):
        return "a colon and a space inside unquoted text start a mapping: put the text in quotes"
    return "put the value in quotes"


def shorten(text: str, limit: int = SHOWN_CHARACTERS) -> str:
    """Cut long text to its first `limit` characters and an ellipsis: a message quotes, it does not copy."""
    return text if len(text) <= limit else f"{text[:limit]}…"


def quoted(text: str) -> str:
    """Quote an editor's text back in a message, shortened."""
    return f"'{shorten(text)}'"


def describe(value: object) -> str:
    """Name a YAML value the way an editor would recognise it."""
    if isinstance(value, bool):
        word = "true" if value else "false"
        return f"the boolean {word}"
    if value is None:
        return "an empty value"
    if isinstance(value, int):
        return describe_number(value)
    if isinstance(value, float):
        return _describe_float(value)
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return quoted(str(value))


def describe_number(value: int) -> str:
    """Name a whole number; a huge one by its size (Python refuses to print one of over 4,300 digits)."""
    digits = _digits(abs(value))
    if digits > SHOWN_DIGITS:
        about = "about " if abs(value).bit_length() > EXACT_DIGITS_BITS else ""
        return f"a number with {about}{digits:,} digits"
    return f"the number {value}"


def _digits(value: int) -> int:
    """How many decimal digits a non-negative number has, without converting it to text."""
    if value < 10:
        return 1
    least = math.floor((value.bit_length() - 1) * math.log10(2)) + 1  # the fewest it can have
    if value.bit_length() > EXACT_DIGITS_BITS:
        return least
    power: int = 10**least  # typed: int ** int may be a float to mypy
    return least + (value >= power)


def _describe_float(value: float) -> str:
    if math.isnan(value):
        return "the value .nan (not a number)"
    if math.isinf(value):
        return "a number too large to hold (.inf)"
    return f"the number {shorten(repr(value))}"
