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
    Attribution,
    ClaimVerb,
    Credentials,
    Defection,
    DefectionKind,
    Dismissal,
    DocumentStatus,
    Figure,
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
    # "In protest" is added only where the defection gives its reasons (see _verb): a resignation
    # with no stated reason is not said to be a protest.
    DefectionKind.RESIGNED: ("resigns", "resign", "Resigned"),
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


def _verb(defection: Defection, form: int) -> str:
    """The verb of a defection in one of DEFECTION_VERBS' forms, "in protest" where reasons are given."""
    verb = DEFECTION_VERBS[defection.kind][form]
    protest = defection.kind is DefectionKind.RESIGNED and bool(defection.reasons)
    return f"{verb} in protest" if protest else verb


def defection_line(defection: Defection, who: str) -> Phrase:
    """'Jane Doe defects (left: ...).' for the timeline; `who` is the link's label."""
    verb = _verb(defection, 0 if defection.people == 1 else 1)
    return (link(defection.id, who), words(f" {verb}"), *defection_details(defection), words("."))


def defection_done(defection: Defection) -> Phrase:
    """'Defected (left: ...).' on the defector's own page."""
    return (words(_verb(defection, 2)), *defection_details(defection), words("."))


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
    head: Phrase = (words("Dismissed by "), link(dismissed.by), words(", "), Bit(date=dismissed.date))
    if dismissed.effective is not None:
        head = (*head, words(", effective "), Bit(date=dismissed.effective))
    head = (*head, *claim_note(dismissed.attribution))  # its grounds may be only their claim
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


# A document's provisions are headed by what became of it: an adopted text says, a pending draft
# would do, a draft that was vetoed, failed, withdrawn or never voted on would have done.
PROVISIONS_HEADINGS = {
    DocumentStatus.ADOPTED: "What it says",
    DocumentStatus.PENDING: "What it would do",
}


def provisions_heading(status: DocumentStatus) -> str:
    """The heading over a document's provisions, by its status: 'What it says', 'What it would do'."""
    return PROVISIONS_HEADINGS.get(status, "What it would have done")


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

# A relation as the claim of someone: the verb's participle, then the relation in the form the
# participle takes ("accused by X of backing Y", "said by X to back Y"); denying a relation is
# saying that it is not so. The passive keeps the actor the sentence is about first, and needs
# no agreement with who makes the claim ("some opposition members", "Susan Rice").
RELATION_FORMS: dict[RelationKind, tuple[str, str]] = {
    RelationKind.BACKS: ("back", "backing"),
    RelationKind.OPPOSES: ("oppose", "opposing"),
    RelationKind.MEMBER_OF: ("be a member of", "being a member of"),
    RelationKind.PART_OF: ("be part of", "being part of"),
    RelationKind.LEADS: ("lead", "leading"),
    RelationKind.ARMS: ("arm", "arming"),
}

CLAIM_PASSIVE: dict[ClaimVerb, tuple[str, str]] = {
    ClaimVerb.SAYS: ("said", "to {infinitive}"),
    ClaimVerb.CLAIMS: ("claimed", "to {infinitive}"),
    ClaimVerb.ALLEGES: ("alleged", "to {infinitive}"),
    ClaimVerb.ACCUSES: ("accused", "of {gerund}"),
    ClaimVerb.DENIES: ("said", "not to {infinitive}"),
    ClaimVerb.REPORTS: ("reported", "to {infinitive}"),
}

# How a chart or a table column names a claimed relation in one or two words.
CLAIM_MARK: dict[ClaimVerb, str] = {
    ClaimVerb.SAYS: "claimed",
    ClaimVerb.CLAIMS: "claimed",
    ClaimVerb.ALLEGES: "alleged",
    ClaimVerb.ACCUSES: "alleged",
    ClaimVerb.DENIES: "denied",
    ClaimVerb.REPORTS: "reported",
}


def claimant(attribution: Attribution) -> Phrase:
    """Who makes a claim: a link to an actor, or the editor's description of a group."""
    return (link(attribution.by),) if attribution.by is not None else (words(attribution.group or ""),)


def claimed_relation(kind: RelationKind, attribution: Attribution, target: Bit) -> Phrase:
    """'accused by some opposition members of backing the junta' (lower case, to follow a name or 'is')."""
    participle, form = CLAIM_PASSIVE[attribution.verb]
    infinitive, gerund = RELATION_FORMS[kind]
    rest = form.format(infinitive=infinitive, gerund=gerund)
    return (words(f"{participle} by "), *claimant(attribution), words(f" {rest} "), target)


def relation_line(kind: RelationKind, attribution: Attribution | None, subject: Bit | None, target: Bit) -> Phrase:
    """A relation on an actor's page: 'Backs X' (the page's own, no subject) or 'X backs Y';
    a claimed one as the claim: 'Accused by some opposition members of backing X', 'X is said by Y to back Z'."""
    starts, between = RELATION_VERBS[kind]
    if attribution is None:
        return (words(f"{starts} "), target) if subject is None else (subject, words(f" {between} "), target)
    claim = claimed_relation(kind, attribution, target)
    if subject is None:
        first = claim[0]
        return (words(first.text[:1].upper() + first.text[1:]), *claim[1:])
    return (subject, words(" is "), *claim)


def reported_in(publishers: list[tuple[str, str]]) -> Phrase:
    """', CNN reports' or ', CNN and Reuters report': (source id, publisher) pairs, each linked to its source."""
    if not publishers:
        return ()
    names: list[Phrase] = [(link(source, publisher),) for source, publisher in publishers]
    listed = joined(names[:-1], ", ") + ((words(" and "),) if len(names) > 1 else ()) + names[-1]
    return (words(", "), *listed, words(" reports" if len(names) == 1 else " report"))


# A role held on someone's word, after the post's title: "(according to the SNC)".
CLAIM_LEAD: dict[ClaimVerb, str] = {
    ClaimVerb.SAYS: "according to ",
    ClaimVerb.CLAIMS: "as claimed by ",
    ClaimVerb.ALLEGES: "as alleged by ",
    ClaimVerb.ACCUSES: "an accusation by ",
    ClaimVerb.DENIES: "denied by ",
    ClaimVerb.REPORTS: "as reported by ",
}


def claim_note(attribution: Attribution | None) -> Phrase:
    """' (according to Susan Rice)' or ' (an accusation by some opposition members)', after the
    text it qualifies: a post's title, a side's label or a member's name, a description, an event,
    a dismissal, a figure's wording. Nothing when the sources state the text as fact."""
    if attribution is None:
        return ()
    lead = CLAIM_LEAD[attribution.verb]
    return (words(f" ({lead}"), *claimant(attribution), words(")"))


def role_claim(attribution: Attribution) -> Phrase:
    """'(according to Susan Rice)' or '(an accusation by some opposition members)', after a post's title."""
    return claim_note(attribution)


def claimed_text(text: str, attribution: Attribution | None, name: Callable[[str], str]) -> str:
    """Plain text as the claim it is, for data and feeds: 'An ally of the junta. (as alleged by Ann Envoy)'."""
    return text + render(claim_note(attribution), name) if text and attribution is not None else text


# --- roles and figures ------------------------------------------------------------------------


def former(title: str) -> str:
    """'Member of the party' as a former post: 'Former member of the party' ('UN envoy' keeps its capitals)."""
    lowered = title[:1].lower() + title[1:] if title[1:2].islower() else title
    return f"Former {lowered}"


def last_role(title: str, end: FuzzyDate | None) -> Phrase:
    """'Former member of the party until 1 March 2021', or without a date when none is recorded."""
    if end is None:
        return (words(former(title)),)
    return (words(f"{former(title)} until "), Bit(date=end))


def figure_date(figure: Figure) -> Phrase:
    """The date a number describes, or 'reported 11 July 2012' when the sources give only when it was reported."""
    if figure.as_of is not None:
        return (Bit(date=figure.as_of),)
    return (words("reported "), Bit(date=figure.dated))
