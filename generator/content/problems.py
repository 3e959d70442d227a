"""Problems found in content, the one exception that carries them, and how values are named in them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One located problem: `file:line:col: field: message (hint)`."""

    file: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


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
    return "put the value in quotes"


def describe(value: object) -> str:
    """Name a YAML value the way an editor would recognise it."""
    if isinstance(value, bool):
        word = "true" if value else "false"
        return f"the boolean {word}"
    if value is None:
        return "an empty value"
    if isinstance(value, int):
        return f"the number {value}"
    if isinstance(value, float):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"'{value}'"
