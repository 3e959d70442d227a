"""Numbered notes for citation markers: one note per source a page cites, in the order it first cites it."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.content.i18n import _
from generator.site.html import escape


def notes_heading() -> str:
    """The heading of a page's notes, in the language being written. Its anchor is "notes" in every
    language (reserved on every page records live on: facts/sections.py)."""
    return _("Notes") + " {: #notes }"


def note_id(number: int) -> str:
    return f"se-note-{number}"


def cite_id(number: int, use: int) -> str:
    return f"se-cite-{number}-{use}"


@dataclass
class PageNotes:
    """The notes of one page: a source keeps its number however often the page cites it."""

    numbers: dict[str, int] = field(default_factory=dict)  # source id -> its note's number, in order
    uses: dict[str, int] = field(default_factory=dict)  # source id -> how often the page cites it

    def marker(self, source_id: str, name: str) -> str:
        """The superscript link for one marker, to its note (which links back to it)."""
        number = self.numbers.setdefault(source_id, len(self.numbers) + 1)
        use = self.uses[source_id] = self.uses.get(source_id, 0) + 1
        title = escape(_("Source: {name}").format(name=name))
        return (
            f'<sup class="se-noteref" id="{cite_id(number, use)}">'
            f'<a href="#{note_id(number)}" title="{title}">{number}</a></sup>'
        )

    def back_links(self, source_id: str) -> str:
        """Links from a note back to each place the page cites its source."""
        number, uses = self.numbers[source_id], self.uses[source_id]
        if uses == 1:
            back = escape(_("Back to the text"))
            return f'<a class="se-backref" href="#{cite_id(number, 1)}" aria-label="{back}">↩</a>'
        links = " ".join(
            f'<a class="se-backref" href="#{cite_id(number, use)}" aria-label="{escape(_back_to(use, uses))}">'
            f"{_letter(use)}</a>"
            for use in range(1, uses + 1)
        )
        return f'<span aria-hidden="true">↩</span> {links}'


def _back_to(use: int, uses: int) -> str:
    return _("Back to citation {use} of {uses}").format(use=use, uses=uses)


def _letter(use: int) -> str:
    """a, b, ... z, then aa, ab: how a note names each of its back-links."""
    letters = ""
    while use:
        use, rest = divmod(use - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters
