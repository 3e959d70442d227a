"""Derived sentences, made in one place from closed sets of words so that every combination reads right.

A sentence is a Phrase: pieces of text, links to records and dates, which a template
prints with the `say` macro (text escaped, links and dates through their filters).
Nothing here knows a name: `render` puts a phrase into words for tests and plain text.
Every sentence is one message of the catalog (content/i18n.py) with named fields, which `fill`
turns into a phrase: a translation may put the links, dates and words in its own order.
tests/test_sentences.py renders each sentence over every value of every enum it uses.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from generator.content.dates import FuzzyDate
from generator.content.i18n import _, ngettext, pgettext
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
from generator.content.phrasing import CREDENTIALS, STATUSES, Words, number


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


_FIELD = re.compile(r"\{(\w+)\}")
Piece = Bit | Phrase | str


def fill(message: str, **pieces: Piece) -> Phrase:
    """A message's words around its named fields, each field replaced by its piece: text, a link
    or a date (a Bit), or a whole phrase. `fill(_("{who} defects."), who=link(...))`. Empty words
    are left out and words next to words made one, as one text reads."""
    out: list[Bit] = []
    text = ""  # plain words not yet put in a Bit, as the next bit may be words too
    for before, name in _fields(message):
        text = _joined(text, before)
        if name is None:
            break
        piece = pieces[name]
        if isinstance(piece, str):
            text = _joined(text, piece)
            continue
        for bit in (piece,) if isinstance(piece, Bit) else piece:
            if bit.ref is None and bit.date is None:
                text = _joined(text, bit.text)
                continue
            if text:
                out.append(Bit(text))
                text = ""
            out.append(bit)
    if text:
        out.append(Bit(text))
    return tuple(out)


def _joined(text: str, more: str) -> str:
    """Words next to words, made one: words alone stay as they are, so that words left in another
    language (a str subclass: content/fallback.py) keep saying so when nothing is joined to them."""
    if not more:
        return text
    return text + more if text else more


@functools.lru_cache(maxsize=1024)
def _fields(message: str) -> tuple[tuple[str, str | None], ...]:
    """A message as (words, the name of the field after them) pairs, the last pair's name None.
    Found once per message (the catalog's messages are few; a page fills the same ones
    thousands of times) rather than by a regular expression search at every `fill`."""
    found: list[tuple[str, str | None]] = []
    at = 0
    for field in _FIELD.finditer(message):
        found.append((message[at : field.start()], field.group(1)))
        at = field.end()
    found.append((message[at:], None))
    return tuple(found)


def render(phrase: Phrase, name: Callable[[str], str], language: str | None = None) -> str:
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


def joined(items: list[Phrase], separator: str | None = None) -> Phrase:
    """Phrases one after the other, between separators: by default the language's semicolon."""
    separator = pgettext("list separator", "; ") if separator is None else separator
    out: list[Bit] = []
    for index, item in enumerate(items):
        if index:
            out.append(words(separator))
        out += item
    return tuple(out)


def comma() -> str:
    """What separates the items of a list in the language being written: ', ' or '، '."""
    return pgettext("list separator", ", ")


# --- defections ------------------------------------------------------------------------------


def post(item: Post) -> Phrase:
    """A post as listed after a colon: 'Ambassador to Ruritania, Foreign Ministry' (the editor's capitals kept)."""
    if item.role and item.organization:
        return fill(_("{role}, {organization}"), role=item.role, organization=link(item.organization))
    if item.role:
        return (words(item.role),)
    return (link(item.organization),) if item.organization else ()


def posts(items: tuple[Post, ...]) -> Phrase:
    return joined([post(item) for item in items])


# A defection as the timeline tells it (one person, or several: the message's plural forms) and as
# the defector's own page does, where the subject is the page. `{details}` is a parenthesis of
# labelled lists, which reads the same whatever the names and capitals in it. "In protest" is said
# only where the defection gives its reasons: a resignation with no stated reason is not a protest.
def _line_message(kind: DefectionKind, protest: bool, people: int) -> str:
    if kind is DefectionKind.RESIGNED and protest:
        return ngettext("{who} resigns in protest{details}.", "{who} resign in protest{details}.", people)
    if kind is DefectionKind.RESIGNED:
        return ngettext("{who} resigns{details}.", "{who} resign{details}.", people)
    if kind is DefectionKind.BROKE_RANKS:
        return ngettext(
            "{who} breaks ranks but stays in post{details}.", "{who} break ranks but stay in post{details}.", people
        )
    return ngettext("{who} defects{details}.", "{who} defect{details}.", people)


def _done_message(kind: DefectionKind, protest: bool) -> str:
    if kind is DefectionKind.RESIGNED and protest:
        return _("Resigned in protest{details}.")
    if kind is DefectionKind.RESIGNED:
        return _("Resigned{details}.")
    if kind is DefectionKind.BROKE_RANKS:
        return _("Broke ranks but stayed in post{details}.")
    return _("Defected{details}.")


def _protest(defection: Defection) -> bool:
    return defection.kind is DefectionKind.RESIGNED and bool(defection.reasons)


def defection_details(defection: Defection) -> Phrase:
    """What was left or kept, in a parenthesis: ' (left: Envoy, Foreign Ministry)'."""
    parts: list[Phrase] = []
    if defection.broke_with:
        actors = joined([(link(i),) for i in defection.broke_with], comma())
        parts.append(fill(_("broke with: {actors}"), actors=actors))
    if defection.left:
        if defection.kind is DefectionKind.RESIGNED:
            parts.append(fill(_("resigned: {posts}"), posts=posts(defection.left)))
        else:
            parts.append(fill(_("left: {posts}"), posts=posts(defection.left)))
    if defection.kept:
        parts.append(fill(_("kept: {posts}"), posts=posts(defection.kept)))
    return fill(_(" ({details})"), details=joined(parts)) if parts else ()


def defection_sentence(defection: Defection, who: Bit) -> Phrase:
    """'Jane Doe defects (left: ...).', `who` being the subject: a link or words."""
    message = _line_message(defection.kind, _protest(defection), defection.people)
    return fill(message, who=who, details=defection_details(defection))


def defection_line(defection: Defection, who: str) -> Phrase:
    """'Jane Doe defects (left: ...).' for the timeline; `who` is the link's label."""
    return defection_sentence(defection, link(defection.id, who))


def defection_done(defection: Defection) -> Phrase:
    """'Defected (left: ...).' on the defector's own page."""
    return fill(_done_message(defection.kind, _protest(defection)), details=defection_details(defection))


def defections_summary(people: str, count: int, headcount: int | None = None) -> str:
    """'about 80 people in 16 recorded defections', '1 person in 1 recorded defection': `people` is
    how many as put, `headcount` the number it says (which picks the word's plural form)."""
    heads = headcount if headcount is not None else (1 if people == number(1) else 0)
    who = ngettext("{people} person", "{people} people", heads).format(people=people)
    many = ngettext("{count} recorded defection", "{count} recorded defections", count).format(count=number(count))
    return _("{people} in {defections}").format(people=who, defections=many)


# How a defection became known: alone, and with the outlet that carried it.
ANNOUNCED: Words[AnnouncementKind, tuple[str, str]] = Words(
    lambda: {
        AnnouncementKind.VIDEO_STATEMENT: (
            _("Announced in a video statement."),
            _("Announced in a video statement on {outlet}."),
        ),
        AnnouncementKind.STATEMENT: (
            _("Announced in a statement."),
            _("Announced in a statement carried by {outlet}."),
        ),
        AnnouncementKind.INTERVIEW: (_("Announced in an interview."), _("Announced in an interview with {outlet}.")),
        AnnouncementKind.SOCIAL_MEDIA: (_("Announced on social media."), _("Announced on social media, on {outlet}.")),
        AnnouncementKind.PRESS_CONFERENCE: (
            _("Announced at a press conference."),
            _("Announced at a press conference carried by {outlet}."),
        ),
        AnnouncementKind.REPORTED: (_("Made known through reports."), _("Reported by {outlet}.")),
        AnnouncementKind.OFFICIAL_CONFIRMATION: (
            _("Confirmed by officials."),
            _("Confirmed by officials, as reported by {outlet}."),
        ),
    }
)


def announcement(announced: Announcement) -> Phrase:
    """'Announced in a video statement on Al Jazeera.' (the note, prose, is printed after it)."""
    alone, carried = ANNOUNCED[announced.via]
    if announced.outlet:
        return fill(carried, outlet=link(announced.outlet))
    return (words(alone),)


def dismissal(dismissed: Dismissal) -> Phrase:
    """'Dismissed by the junta, 1 March 2021; the dismissal was not recognised, and the post was kept.'"""
    by, issued = link(dismissed.by), Bit(date=dismissed.date)
    if dismissed.effective is not None:
        message = _("Dismissed by {by}, {date}, effective {effective}{claim}")
    else:
        message = _("Dismissed by {by}, {date}{claim}")
    # Its grounds may be only their claim.
    head = fill(
        message, by=by, date=issued, effective=Bit(date=dismissed.effective), claim=claim_note(dismissed.attribution)
    )
    if dismissed.recognised is None:
        return fill(_("{dismissal}."), dismissal=head)
    if dismissed.recognised:
        return fill(_("{dismissal}; the dismissal took effect."), dismissal=head)
    return fill(_("{dismissal}; the dismissal was not recognised, and the post was kept."), dismissal=head)


# --- documents and seats ---------------------------------------------------------------------

MODE_WORDS: Words[AdoptionMode, str] = Words(
    lambda: {AdoptionMode.CONSENSUS: _("by consensus"), AdoptionMode.WITHOUT_VOTE: _("without a vote")}
)
# An outcome reached without a vote, as one message: a language may have to make the outcome agree.
STATUS_BY_MODE: Words[AdoptionMode, str] = Words(
    lambda: {
        AdoptionMode.CONSENSUS: _("{status} by consensus"),
        AdoptionMode.WITHOUT_VOTE: _("{status} without a vote"),
    }
)


def status_label(status: DocumentStatus, mode: AdoptionMode | None) -> str:
    """The outcome in words: 'vetoed', 'not voted', 'adopted by consensus'."""
    label = STATUSES[status]
    return STATUS_BY_MODE[mode].format(status=label) if mode is not None and mode in MODE_WORDS else label


# A document's provisions are headed by what became of it: an adopted text says, a pending draft
# would do, a draft that was vetoed, failed, withdrawn or never voted on would have done.
PROVISIONS_HEADINGS: Words[DocumentStatus, str] = Words(
    lambda: {
        DocumentStatus.ADOPTED: _("What it says"),
        DocumentStatus.PENDING: _("What it would do"),
    }
)


def provisions_heading(status: DocumentStatus) -> str:
    """The heading over a document's provisions, by its status: 'What it says', 'What it would do'."""
    return PROVISIONS_HEADINGS.get(status, _("What it would have done"))


def vote_cell(mode: AdoptionMode | None) -> str:
    """What the vote column says for a document with no tally: how it was decided, or nothing."""
    return MODE_WORDS.get(mode, "") if mode is not None else ""


def seat_decision(decision: Credentials, seated: str | None, by: str | None, when: FuzzyDate | None) -> Phrase:
    """'Decision: accepted, seating X, by the committee, 14 March 2019.'"""
    said = fill(_("Decision: {decision}"), decision=CREDENTIALS[decision])
    if seated:
        said = fill(_("{decision}, seating {member}"), decision=said, member=link(seated))
    if by:
        said = fill(_("{decision}, by {body}"), decision=said, body=link(by))
    if when:
        said = fill(_("{decision}, {date}"), decision=said, date=Bit(date=when))
    return fill(_("{decision}."), decision=said)


# --- relations -------------------------------------------------------------------------------

# A relation as a verb: outgoing lines start with it ("Backs X"), incoming ones put it between
# two names ("X is a member of Y"). Each is a message with the names as fields.
RELATION_LINES: Words[RelationKind, tuple[str, str]] = Words(
    lambda: {
        RelationKind.BACKS: (_("Backs {target}"), _("{subject} backs {target}")),
        RelationKind.OPPOSES: (_("Opposes {target}"), _("{subject} opposes {target}")),
        RelationKind.MEMBER_OF: (_("Member of {target}"), _("{subject} is a member of {target}")),
        RelationKind.PART_OF: (_("Part of {target}"), _("{subject} is part of {target}")),
        RelationKind.LEADS: (_("Leads {target}"), _("{subject} leads {target}")),
        RelationKind.ARMS: (_("Arms {target}"), _("{subject} arms {target}")),
    }
)
# The same verbs alone, as the English tests and the claims' columns read them.
RELATION_VERBS: Words[RelationKind, tuple[str, str]] = Words(
    lambda: {
        kind: (starts.replace(" {target}", ""), between.replace("{subject} ", "").replace(" {target}", ""))
        for kind, (starts, between) in RELATION_LINES.items()
    }
)


# A relation as the claim of someone, in the passive, which keeps the actor the sentence is about
# first and needs no agreement with who makes the claim ("some opposition members", "Susan Rice"):
# "accused by X of backing Y", "said by X to back Y"; denying a relation is saying that it is not
# so. One message per verb and relation, so that every language can word each one whole.
def _claimed(verb: ClaimVerb, kind: RelationKind) -> str:
    return CLAIMED_RELATIONS[verb][kind]


CLAIMED_RELATIONS: Words[ClaimVerb, dict[RelationKind, str]] = Words(
    lambda: {
        ClaimVerb.SAYS: {
            RelationKind.BACKS: _("said by {claimant} to back {target}"),
            RelationKind.OPPOSES: _("said by {claimant} to oppose {target}"),
            RelationKind.MEMBER_OF: _("said by {claimant} to be a member of {target}"),
            RelationKind.PART_OF: _("said by {claimant} to be part of {target}"),
            RelationKind.LEADS: _("said by {claimant} to lead {target}"),
            RelationKind.ARMS: _("said by {claimant} to arm {target}"),
        },
        ClaimVerb.CLAIMS: {
            RelationKind.BACKS: _("claimed by {claimant} to back {target}"),
            RelationKind.OPPOSES: _("claimed by {claimant} to oppose {target}"),
            RelationKind.MEMBER_OF: _("claimed by {claimant} to be a member of {target}"),
            RelationKind.PART_OF: _("claimed by {claimant} to be part of {target}"),
            RelationKind.LEADS: _("claimed by {claimant} to lead {target}"),
            RelationKind.ARMS: _("claimed by {claimant} to arm {target}"),
        },
        ClaimVerb.ALLEGES: {
            RelationKind.BACKS: _("alleged by {claimant} to back {target}"),
            RelationKind.OPPOSES: _("alleged by {claimant} to oppose {target}"),
            RelationKind.MEMBER_OF: _("alleged by {claimant} to be a member of {target}"),
            RelationKind.PART_OF: _("alleged by {claimant} to be part of {target}"),
            RelationKind.LEADS: _("alleged by {claimant} to lead {target}"),
            RelationKind.ARMS: _("alleged by {claimant} to arm {target}"),
        },
        ClaimVerb.ACCUSES: {
            RelationKind.BACKS: _("accused by {claimant} of backing {target}"),
            RelationKind.OPPOSES: _("accused by {claimant} of opposing {target}"),
            RelationKind.MEMBER_OF: _("accused by {claimant} of being a member of {target}"),
            RelationKind.PART_OF: _("accused by {claimant} of being part of {target}"),
            RelationKind.LEADS: _("accused by {claimant} of leading {target}"),
            RelationKind.ARMS: _("accused by {claimant} of arming {target}"),
        },
        ClaimVerb.DENIES: {
            RelationKind.BACKS: _("said by {claimant} not to back {target}"),
            RelationKind.OPPOSES: _("said by {claimant} not to oppose {target}"),
            RelationKind.MEMBER_OF: _("said by {claimant} not to be a member of {target}"),
            RelationKind.PART_OF: _("said by {claimant} not to be part of {target}"),
            RelationKind.LEADS: _("said by {claimant} not to lead {target}"),
            RelationKind.ARMS: _("said by {claimant} not to arm {target}"),
        },
        ClaimVerb.REPORTS: {
            RelationKind.BACKS: _("reported by {claimant} to back {target}"),
            RelationKind.OPPOSES: _("reported by {claimant} to oppose {target}"),
            RelationKind.MEMBER_OF: _("reported by {claimant} to be a member of {target}"),
            RelationKind.PART_OF: _("reported by {claimant} to be part of {target}"),
            RelationKind.LEADS: _("reported by {claimant} to lead {target}"),
            RelationKind.ARMS: _("reported by {claimant} to arm {target}"),
        },
    }
)

# How a chart or a table column names a claimed relation in one or two words.
CLAIM_MARK: Words[ClaimVerb, str] = Words(
    lambda: {
        ClaimVerb.SAYS: pgettext("claim", "claimed"),
        ClaimVerb.CLAIMS: pgettext("claim", "claimed"),
        ClaimVerb.ALLEGES: pgettext("claim", "alleged"),
        ClaimVerb.ACCUSES: pgettext("claim", "alleged"),
        ClaimVerb.DENIES: pgettext("claim", "denied"),
        ClaimVerb.REPORTS: pgettext("claim", "reported"),
    }
)


def claimant(attribution: Attribution) -> Phrase:
    """Who makes a claim: a link to an actor, or the editor's description of a group."""
    return (link(attribution.by),) if attribution.by is not None else (words(attribution.group or ""),)


def claimed_relation(kind: RelationKind, attribution: Attribution, target: Bit) -> Phrase:
    """'accused by some opposition members of backing the junta' (lower case, to follow a name or 'is')."""
    return fill(_claimed(attribution.verb, kind), claimant=claimant(attribution), target=target)


def relation_line(kind: RelationKind, attribution: Attribution | None, subject: Bit | None, target: Bit) -> Phrase:
    """A relation on an actor's page: 'Backs X' (the page's own, no subject) or 'X backs Y';
    a claimed one as the claim: 'Accused by some opposition members of backing X', 'X is said by Y to back Z'."""
    starts, between = RELATION_LINES[kind]
    if attribution is None:
        return fill(starts, target=target) if subject is None else fill(between, subject=subject, target=target)
    claim = claimed_relation(kind, attribution, target)
    if subject is None:
        first = claim[0]
        if first.ref is not None or first.date is not None:  # a translation may open with the claimant
            return claim
        return (words(first.text[:1].upper() + first.text[1:]), *claim[1:])
    return fill(_("{subject} is {claim}"), subject=subject, claim=claim)


def claimed_relation_alone(kind: RelationKind, attribution: Attribution) -> Phrase:
    """The claim without its target, as a table column of relations says it: 'accused by X of backing'."""
    message = " ".join(_claimed(attribution.verb, kind).replace("{target}", "").split())
    return fill(message.replace(" ,", ","), claimant=claimant(attribution))  # no space left before a comma


def reported_in(publishers: list[tuple[str, str]]) -> Phrase:
    """', CNN reports' or ', CNN and Reuters report': (source id, publisher) pairs, each linked to its source."""
    if not publishers:
        return ()
    names: list[Phrase] = [(link(source, publisher),) for source, publisher in publishers]
    if len(names) == 1:
        return fill(_(", {publisher} reports"), publisher=names[0])
    listed = fill(_("{publishers} and {last}"), publishers=joined(names[:-1], comma()), last=names[-1])
    return fill(_(", {publishers} report"), publishers=listed)


# A text held on someone's word, after it: "(according to the SNC)".
CLAIM_NOTES: Words[ClaimVerb, str] = Words(
    lambda: {
        ClaimVerb.SAYS: _(" (according to {claimant})"),
        ClaimVerb.CLAIMS: _(" (as claimed by {claimant})"),
        ClaimVerb.ALLEGES: _(" (as alleged by {claimant})"),
        ClaimVerb.ACCUSES: _(" (an accusation by {claimant})"),
        ClaimVerb.DENIES: _(" (denied by {claimant})"),
        ClaimVerb.REPORTS: _(" (as reported by {claimant})"),
    }
)


def claim_note(attribution: Attribution | None) -> Phrase:
    """' (according to Susan Rice)' or ' (an accusation by some opposition members)', after the
    text it qualifies: a post's title, a side's label or a member's name, a description, an event,
    a dismissal, a figure's wording. Nothing when the sources state the text as fact."""
    if attribution is None:
        return ()
    return fill(CLAIM_NOTES[attribution.verb], claimant=claimant(attribution))


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
    return _("Former {title}").format(title=lowered)


def last_role(title: str, end: FuzzyDate | None) -> Phrase:
    """'Former member of the party until 1 March 2021', or without a date when none is recorded."""
    if end is None:
        return (words(former(title)),)
    return fill(_("{former} until {date}"), former=former(title), date=Bit(date=end))


def figure_date(figure: Figure) -> Phrase:
    """The date a number describes, or 'reported 11 July 2012' when the sources give only when it was reported."""
    if figure.as_of is not None:
        return (Bit(date=figure.as_of),)
    return reported_on(figure.dated)


def reported_on(date: FuzzyDate) -> Phrase:
    """'reported 11 July 2012': when a claim was made, where that is not the day it describes."""
    return fill(pgettext("claim made", "reported {date}"), date=Bit(date=date))
