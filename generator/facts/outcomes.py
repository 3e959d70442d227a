"""A document's outcome, derived once, so that every page and file that states it says the same.

The editor writes a status; a counted vote gives an outcome by the body's rule, and the
check refuses a status that contradicts it. When members' votes are unknown and could
change the result, the rule settles nothing: the outcome is then the one the sources report,
and it is said to be reported wherever it is shown (the drafts-and-votes index, the
document's page, the timeline and the tables), never as if the named votes had decided it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from generator.content.i18n import _
from generator.content.models import Document
from generator.content.voting import Count
from generator.facts import sentences


class Basis(StrEnum):
    """What an outcome rests on."""

    COUNTED = "counted"  # the votes known settle it by the body's rule
    REPORTED = "reported"  # the sources report it; the votes known do not settle it
    RECORDED = "recorded"  # no vote was counted: the status the sources give (tabled, withdrawn...)


@dataclass(frozen=True)
class Verdict:
    status: str  # the outcome's value: adopted, vetoed, failed, withdrawn, not-voted, pending
    label: str  # in words, as every page prints it: "adopted", "adopted by consensus", "adopted, as reported"
    basis: Basis


def verdict(document: Document, count: Count | None) -> Verdict:
    """The outcome of a document, as every page and table states it."""
    label = sentences.status_label(document.status, document.mode)
    if count is None:
        return Verdict(document.status.value, label, Basis.RECORDED)
    if count.outcome is None:
        return Verdict(document.status.value, _("{outcome}, as reported").format(outcome=label), Basis.REPORTED)
    # The check has made sure the status the editor wrote is this outcome.
    return Verdict(count.outcome.value, label, Basis.COUNTED)
