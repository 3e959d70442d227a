"""Derived sentences, made in one place from closed sets of words so that every combination reads right.

A sentence is a Phrase: pieces of text, links to records and dates, which a template
prints with the `say` macro (text escaped, links and dates through their filters).
Nothing here knows a name: `render` puts a phrase into words for tests and plain text.
tests/test_sentences.py renders each sentence over every value of every enum it uses.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from generator.content.dates import FuzzyDate
from generator.content.models import (
    AdoptionMode,
    Announcement,
    AnnouncementKind,
    Credentials,
    Defection,
    DefectionKind,
    Dismissal,
    DocumentStatus,
    Post,
    RelationKind,
)


@dataclass(frozen=True)
class Bit:
    """A piece of a sentence: text, a link to a record (shown with `text`, or the record's name), or a date."""

    text: str = ""
    ref: str | None = None
    date: FuzzyDate | None = None


Phrase = tuple[Bit, ...]


def words(text: str) -> Bit:
    return Bit(text)


def link(record_id: str, label: str = "") -> Bit:
    return Bit(label, ref=record_id)


def render(phrase: Phrase, name: Callable[[str], str], language: str = "en") -> str:
    """A phrase as plain text: links by their label or the record's name, dates as readers see them."""
    parts = []
    for bit in phrase:
        if bit.ref is not None:
            parts.append(bit.text or name(bit.ref))
        elif bit.date is not None:
            parts.append(bit.date.display(language))
        else:
            parts.append(bit.text)
    return "".join(parts)


def joined(items: list[Phrase], separator: str = "; ") -> Phrase:
    out: list[Bit] = []
    for index, item in enumerate(items):
        if index:
            out.append(words(separator))
        out += item
    return tuple(out)


# --- defections ------------------------------------------------------------------------------


def post(item: Post) -> Phrase:
    """A post as listed after a colon: 'Ambassador to Ruritania, Foreign Ministry' (the editor's capitals kept)."""
    bits: list[Bit] = []
    if item.role:
        bits.append(words(item.role))
    if item.role and item.organization:
        bits.append(words(", "))
    if item.organization:
        bits.append(link(item.organization))
    return tuple(bits)


def posts(items: tuple[Post, ...]) -> Phrase:
    return joined([post(item) for item in items])


# The verb of each kind, in the present for the timeline (one person, several) and in the past
# for an actor's own page, where the subject is the page. What follows is a parenthesis of
# labelled lists, which reads the same whatever the names and capitals in it.
DEFECTION_VERBS: dict[DefectionKind, tuple[str, str, str]] = {
    DefectionKind.LEFT: ("defects", "defect", "Defected"),
    DefectionKind.RESIGNED: ("resigns in protest", "resign in protest", "Resigned in protest"),
    DefectionKind.BROKE_RANKS: (
        "breaks ranks but stays in post",
        "break ranks but stay in post",
        "Broke ranks but stayed in post",
    ),
}


def defection_details(defection: Defection) -> Phrase:
    """What was left or kept, in a parenthesis: ' (left: Envoy, Foreign Ministry)'."""
    parts: list[Phrase] = []
    if defection.broke_with:
        parts.append((words("broke with: "), *joined([(link(i),) for i in defection.broke_with], ", ")))
    if defection.left:
        label = "resigned" if defection.kind is DefectionKind.RESIGNED else "left"
        parts.append((words(f"{label}: "), *posts(defection.left)))
    if defection.kept:
        parts.append((words("kept: "), *posts(defection.kept)))
    return (words(" ("), *joined(parts), words(")")) if parts else ()


def defection_line(defection: Defection, who: str) -> Phrase:
    """'Jane Doe defects (left: ...).' for the timeline; `who` is the link's label."""
    one, many, _ = DEFECTION_VERBS[defection.kind]
    verb = one if defection.people == 1 else many
    return (link(defection.id, who), words(f" {verb}"), *defection_details(defection), words("."))


def defection_done(defection: Defection) -> Phrase:
    """'Defected (left: ...).' on the defector's own page."""
    return (words(DEFECTION_VERBS[defection.kind][2]), *defection_details(defection), words("."))


# How a defection became known: alone, and before the outlet that carried it.
ANNOUNCED: dict[AnnouncementKind, tuple[str, str]] = {
    AnnouncementKind.VIDEO_STATEMENT: ("Announced in a video statement", "Announced in a video statement on "),
    AnnouncementKind.STATEMENT: ("Announced in a statement", "Announced in a statement carried by "),
    AnnouncementKind.INTERVIEW: ("Announced in an interview", "Announced in an interview with "),
    AnnouncementKind.SOCIAL_MEDIA: ("Announced on social media", "Announced on social media, on "),
    AnnouncementKind.PRESS_CONFERENCE: (
        "Announced at a press conference",
        "Announced at a press conference carried by ",
    ),
    AnnouncementKind.REPORTED: ("Made known through reports", "Reported by "),
    AnnouncementKind.OFFICIAL_CONFIRMATION: ("Confirmed by officials", "Confirmed by officials, as reported by "),
}


def announcement(announced: Announcement) -> Phrase:
    """'Announced in a video statement on Al Jazeera.' (the note, prose, is printed after it)."""
    alone, before = ANNOUNCED[announced.via]
    if announced.outlet:
        return (words(before), link(announced.outlet), words("."))
    return (words(f"{alone}."),)


def dismissal(dismissed: Dismissal) -> Phrase:
    """'Dismissed by the junta, 1 March 2021; the dismissal was not recognised, and the post was kept.'"""
    head = (words("Dismissed by "), link(dismissed.by), words(", "), Bit(date=dismissed.date))
    if dismissed.recognised is None:
        return (*head, words("."))
    if dismissed.recognised:
        return (*head, words("; the dismissal took effect."))
    return (*head, words("; the dismissal was not recognised, and the post was kept."))


# --- documents and seats ---------------------------------------------------------------------

MODE_WORDS = {AdoptionMode.CONSENSUS: "by consensus", AdoptionMode.WITHOUT_VOTE: "without a vote"}


def status_label(status: DocumentStatus, mode: AdoptionMode | None) -> str:
    """The outcome in words: 'vetoed', 'not voted', 'adopted by consensus'."""
    label = status.value.replace("-", " ")
    return f"{label} {MODE_WORDS[mode]}" if mode in MODE_WORDS else label


def vote_cell(mode: AdoptionMode | None) -> str:
    """What the vote column says for a document with no tally: how it was decided, or nothing."""
    return MODE_WORDS.get(mode, "") if mode is not None else ""


def seat_decision(decision: Credentials, seated: str | None, by: str | None, when: FuzzyDate | None) -> Phrase:
    """'Decision: accepted, seating X, by the committee, 14 March 2019.'"""
    bits = [words(f"Decision: {decision.value}")]
    if seated:
        bits += [words(", seating "), link(seated)]
    if by:
        bits += [words(", by "), link(by)]
    if when:
        bits += [words(", "), Bit(date=when)]
    return (*bits, words("."))


# --- relations -------------------------------------------------------------------------------

# A relation as a verb: outgoing lines start with it ("Backs X"), incoming ones put it between
# two names ("X is a member of Y").
RELATION_VERBS: dict[RelationKind, tuple[str, str]] = {
    RelationKind.BACKS: ("Backs", "backs"),
    RelationKind.OPPOSES: ("Opposes", "opposes"),
    RelationKind.MEMBER_OF: ("Member of", "is a member of"),
    RelationKind.PART_OF: ("Part of", "is part of"),
    RelationKind.LEADS: ("Leads", "leads"),
    RelationKind.ARMS: ("Arms", "arms"),
}
