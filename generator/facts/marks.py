"""How the charts tell things apart, worked out once for the whole site.

A short code for each member of a voting body (printed on its seat), a colour series
for each claimant of a figure (the same in every chart), the order of seats in a vote,
the vote the story is about, a short label for each document and the vetoes that fell
within each mission's mandate.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from generator.content.dates import FuzzyDate
from generator.content.load import Content
from generator.content.models import Actor, ActorKind, Document, DocumentStatus
from generator.content.voting import Choice, Count, Seat
from generator.facts.countries import is_iso_code, iso_code

PALETTE = 10  # claimant colours: se-series-0 .. se-series-9 in story.css
LABEL_LENGTH = 36  # characters of a document's title that fit beside a bar on a phone
CODE_LENGTH = 3  # letters on a seat's label: three fit beside a seat on a phone
# Left to right across a vote chart: for, abstaining, against, then seats with no vote.
SEAT_ORDER = (Choice.YES, Choice.ABSTAIN, Choice.NO, Choice.ABSENT, Choice.UNKNOWN)
_ABBREVIATION = re.compile(rf"[A-Z]{{2,{CODE_LENGTH}}}")


@dataclass(frozen=True)
class Veto:
    """A draft vetoed while a mission's mandate ran (it would have changed the mandate)."""

    document: str
    date: FuzzyDate


@dataclass(frozen=True)
class Marks:
    codes: dict[str, str]  # member id -> code on its seat: "GBR", "CHN" (ISO 3166-1 alpha-3 for states)
    series: dict[str, int]  # claimant id -> colour series, stable across the site
    focus: str | None  # the counted document the story is about
    labels: dict[str, str]  # document id -> short label: "Resolution 2043 (2012)", "S/2012/538"
    vetoes: dict[str, tuple[Veto, ...]]  # mission id -> vetoes within its mandate


def marks(content: Content, counted: Sequence[Document]) -> Marks:
    """Work out every mark the charts share."""
    members = dict.fromkeys(m for ms in content.memberships for m in (*ms.permanent, *ms.elected))
    actors = {a.id: a for a in content.actors}
    return Marks(
        codes=member_codes([actors[m] for m in members if m in actors]),
        series=claimant_series((f.dated, f.claimed_by) for f in content.figures),
        focus=focus(counted, content.story.dateline.date),
        labels={d.id: document_label(d) for d in content.documents},
        vetoes={
            m.id: mission_vetoes(content, m.actor, m.mandates[0].start.earliest, m.mandates[-1].end.latest)
            for m in content.missions
        },
    )


# --- codes ------------------------------------------------------------------------


def member_codes(actors: Sequence[Actor]) -> dict[str, str]:
    """A short code per actor, unique among them. A state gets its ISO 3166-1 alpha-3 code
    (GBR, ZAF, CHN) where one of its names is a state's; any other member an abbreviation the
    editor gave in `other_names` (AU), else the initials of a name of several words, else its
    first three letters. A derived code never wears a state's ISO code, and a code already
    taken gives way to other letters of the name."""
    codes: dict[str, str] = {}
    taken: set[str] = set()
    given = {a.id: _given_code(a) for a in actors}
    # ISO codes first, then editors' own abbreviations, so a derived code never takes them.
    for actor in sorted(actors, key=lambda a: given[a.id] is None):
        code = next(c for c in _candidates(actor.name, given[actor.id]) if c not in taken)
        codes[actor.id] = code
        taken.add(code)
    return codes


def _given_code(actor: Actor) -> str | None:
    """The state's ISO code, else the editor's abbreviation (never a state's code)."""
    if actor.kind is ActorKind.STATE:
        code = iso_code((actor.name, *actor.other_names))
        if code:
            return code
    # An abbreviation that is some state's ISO code would make that state's code ambiguous again.
    return next((n for n in actor.other_names if _ABBREVIATION.fullmatch(n) and not is_iso_code(n)), None)


def _candidates(name: str, given: str | None) -> Iterable[str]:
    """Codes to try in turn; the last ones are numbered, so one is always free."""
    if given:
        yield given
    yield from (code for code in _derived(name) if not is_iso_code(code))


def _derived(name: str) -> Iterable[str]:
    words = [w for w in re.split(r"[\s\-]+", name) if w]
    capitalised = [w for w in words if w[0].isupper()]
    letters = "".join(ch for ch in "".join(words) if ch.isalnum()).upper() or "X"
    if len(capitalised) > 1:
        yield "".join(w[0] for w in capitalised[:CODE_LENGTH]).upper()
        # Names alike but for their last word (Councillor Two, Councillor Three) part on it.
        yield (capitalised[0][0] + capitalised[-1][: CODE_LENGTH - 1]).upper()
    yield letters[:CODE_LENGTH]
    for rest in itertools.combinations(letters[1:], CODE_LENGTH - 1):
        yield letters[0] + "".join(rest)
    for number in itertools.count(1):
        yield f"{letters[: CODE_LENGTH - 1]}{number}"


# --- colours, order, focus ---------------------------------------------------------


def claimant_series(claims: Iterable[tuple[FuzzyDate, str]]) -> dict[str, int]:
    """A colour per claimant, in the order claimants first appear: a new claimant takes the
    next colour and leaves everyone else's alone."""
    order = dict.fromkeys(claimant for _, claimant in sorted(claims, key=lambda c: (c[0].sort_key(), c[1])))
    return {claimant: index % PALETTE for index, claimant in enumerate(order)}


def seat_order(count: Count) -> tuple[Seat, ...]:
    """Seats grouped by vote (see SEAT_ORDER), permanent members first in each group,
    otherwise in the membership's order: a bloc's seats sit side by side."""
    rank = {choice: i for i, choice in enumerate(SEAT_ORDER)}
    return tuple(sorted(count.seats, key=lambda s: (rank[s.choice], not s.permanent)))


def focus(counted: Sequence[Document], dateline: FuzzyDate) -> str | None:
    """The vote the story is about: the counted document put forward or voted on nearest
    the story's dateline (the later one on a tie)."""

    def distance(document: Document) -> tuple[int, int]:
        dates = [d for d in (document.tabled, document.vote.date if document.vote else None) if d]
        return (
            min((_days_between(d, dateline) for d in dates), default=10**6),
            -max((d.earliest.toordinal() for d in dates), default=0),
        )

    return min(counted, key=distance).id if counted else None


def _days_between(a: FuzzyDate, b: FuzzyDate) -> int:
    if a.latest < b.earliest:
        return (b.earliest - a.latest).days
    if b.latest < a.earliest:
        return (a.earliest - b.latest).days
    return 0


# --- documents and missions ------------------------------------------------------------


def document_label(document: Document) -> str:
    """What a chart calls a document: its title, or its symbol when the title is too long
    to fit beside a bar on a phone."""
    if len(document.title) > LABEL_LENGTH and document.symbol:
        return document.symbol
    return document.title


def mission_vetoes(content: Content, mission_actor: str, start: dt.date, end: dt.date) -> tuple[Veto, ...]:
    """Vetoed drafts that name the mission and were voted on while its mandate ran."""
    found = []
    for document in content.documents:
        vote = document.vote
        if document.status is not DocumentStatus.VETOED or vote is None:
            continue
        named = any(target == mission_actor for _, target, _ in content.references[document.id])
        if named and start <= vote.date.earliest <= end:
            found.append(Veto(document.id, vote.date))
    return tuple(sorted(found, key=lambda v: (v.date.sort_key(), v.document)))
