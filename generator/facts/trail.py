"""Where each page sits: its breadcrumb, the section the navigation marks, and the pages beside it.

Entity pages (an actor's, a document's, an edition's) and the parts of a split list are kept
out of the navigation (a nav listing them grows the build with the square of the page count),
so the builder cannot tell on its own which section they belong to. Each page's trail says so:
the section, from the kinds registry and the split; the breadcrumb down to the page; and the
lists the page is a step of (votes by date, actors of a side, defections by date, editions),
each with the page before, the page after and the way back to the whole list.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from generator.content.dates import FuzzyDate, Timestamp
from generator.content.i18n import _
from generator.content.kinds import ACTORS, DEFECTIONS, DOCUMENTS
from generator.content.load import Content
from generator.content.models import Actor, Document
from generator.content.pages import EDITIONS_FOLDER, edition_path, heading_anchor
from generator.content.phrasing import Words
from generator.facts.addresses import Addresses, address
from generator.facts.derive import Facts, document_date
from generator.facts.parts import Parts
from generator.facts.sections import SECTION_TITLES

HOME = "index.md"
# The overview's list of updates, each linking to its edition (generator/site/templates/overview.md.html).
EDITIONS_LIST = heading_anchor("How this story developed")


@dataclass(frozen=True)
class Link:
    """A page (or a place on one) named for a reader, with the date it is known by, if any."""

    label: str
    page: str  # source path, e.g. votes/index.md
    anchor: str | None = None
    date: FuzzyDate | Timestamp | None = None


@dataclass(frozen=True)
class Steps:
    """A list the page is one step of: the steps before and after it, and the whole list."""

    what: str  # what the list is, in a few words: "Votes by date"
    before: Link | None
    after: Link | None
    back: Link  # the whole list: "All drafts and votes"


@dataclass(frozen=True)
class Trail:
    """Where a page sits in the site."""

    section: str  # the section page the navigation marks as current
    crumbs: tuple[Link, ...]  # from the overview down to the page's parent
    here: str  # the page itself, last in the breadcrumb (not a link)
    steps: tuple[Steps, ...]  # the lists the page is a step of; empty for most pages
    toc: bool  # whether the page is long text that a table of contents helps: else it takes the width


# The sections' titles as a reader's trail shows them (the registry's titles, in English, name their anchors).
TITLES: Words[str, str] = Words(
    lambda: {
        "index.md": _("Overview"),
        "actors/index.md": _("Who's who"),
        "defections.md": _("Defections"),
        "votes/index.md": _("Drafts and votes"),
        "timeline.md": _("Timeline"),
        "figures.md": _("Figures"),
        "quotes.md": _("Quotes"),
        "sources.md": _("Sources"),
        "glossary.md": _("Glossary"),
    }
)


def _steps(what: str, back: Link, links: Sequence[Link], at: int) -> Steps:
    """The steps around position `at` of `links`."""
    before = links[at - 1] if at > 0 else None
    after = links[at + 1] if at + 1 < len(links) else None
    return Steps(what, before, after, back)


class Trails:
    """Works out every page's trail from the content, its facts and the pages' addresses."""

    def __init__(
        self,
        content: Content,
        facts: Facts,
        addresses: Addresses,
        name: Callable[[str], str],
        titles: Mapping[str, str] = SECTION_TITLES,
    ) -> None:
        self.content, self.facts, self.addresses, self.name = content, facts, addresses, name
        self.titles = titles  # each section page's title in English, from the section registry
        self.home = Link(self.title(HOME), HOME)
        self.parts: dict[str, tuple[Parts, int]] = {
            part.page: (parts, at)
            for parts in addresses.split.sections().values()
            for at, part in enumerate(parts.parts)
        }
        self.actors: dict[str, Actor] = {a.id: a for a in content.actors}
        self.documents_by_id: dict[str, Document] = {d.id: d for d in content.documents}
        self.documents = self._documents()
        self.defections = self._defections()
        self.editions = tuple(
            Link(
                _("As of {moment}").format(moment=update.at.display(content.story.language)),
                edition_path(update.at),
                date=update.at,
            )
            for update in sorted(content.story.updates, key=lambda u: u.at)
        )
        # Positions looked up once: a story may have a thousand actors on one side. Each actor's
        # page is read from the addresses, made once for every record (Addresses), not made again.
        self.on_side: dict[str, tuple[tuple[Link, ...], int]] = {}
        pages = addresses.by_id
        for _side, actors in facts.sides:
            links = tuple(Link(name(a.id), pages[a.id].page) for a in actors)
            self.on_side.update((a.id, (links, at)) for at, a in enumerate(actors))
        self.document_at = {link.page: at for at, link in enumerate(self.documents)}
        self.defection_links = tuple(link for _actor, link in self.defections)
        self.defected: dict[str, list[int]] = {}
        for at, (actor, _link) in enumerate(self.defections):
            if actor is not None:
                self.defected.setdefault(actor, []).append(at)
        self.edition_at = {link.page: at for at, link in enumerate(self.editions)}
        # Made when the actor pages ask, in the language they are written in (of_actor).
        self._sides_words: dict[str, tuple[str, str, Link]] = {}

    def title(self, section: str) -> str:
        """A section's title in the language being written (a section added to the registry
        without a translated title shows its own)."""
        return TITLES.get(section, self.titles[section])

    def section_link(self, section: str, anchor: str | None = None) -> Link:
        return Link(self.title(section), section, anchor)

    def of_section(self, path: str, toc: bool) -> Trail:
        """A section's page, or a part of a split section's list."""
        if path == HOME:
            return Trail(HOME, (), self.home.label, (), toc)
        if path in self.parts:
            # A part's page opens with the way to the parts before and after it (theme's parts macro).
            parts, at = self.parts[path]
            return Trail(parts.section, (self.home, self.section_link(parts.section)), parts.parts[at].label, (), toc)
        return Trail(path, (self.home,), self.title(path), (), toc)

    def of_actor(self, actor_id: str) -> Trail:
        """An actor's page: under its side in who's who; a step among its side's actors and, for a
        defector, among the defections."""
        actor = self.actors[actor_id]
        section = ACTORS.section
        label, order, whos_who = self._side_words(actor.side)
        side = self._side_link(actor_id, actor.side, label)
        links, at = self.on_side[actor_id]
        steps = [_steps(order, side, links, at), *self._defection_steps(actor_id)]
        return Trail(section, (self.home, whos_who, side), self.name(actor_id), tuple(steps), toc=False)

    def _side_words(self, side: str) -> tuple[str, str, Link]:
        """A side's label, the name of its list of actors and the link to who's who: the same on the
        pages of all its actors, so made once for them (a thousand actor pages, a dozen sides)."""
        made = self._sides_words.get(side)
        if made is None:
            label = self.facts.side_labels[side]
            order = _("{side}, in who's who order").format(side=label)
            made = self._sides_words[side] = (label, order, self.section_link(ACTORS.section))
        return made

    def of_document(self, document_id: str) -> Trail:
        """A document's page: under its body in drafts and votes; a step among all documents by date."""
        body = self.documents_by_id[document_id].body
        section = DOCUMENTS.section
        body_link = Link(self.content.actor_name(body), section, f"body-{body}")
        at = self.document_at[address(DOCUMENTS, document_id).page]
        back = Link(_("All drafts and votes"), section)
        steps = _steps(_("Drafts and votes by date"), back, self.documents, at)
        crumbs = (self.home, self.section_link(section), body_link)
        return Trail(section, crumbs, self.name(document_id), (steps,), toc=False)

    def of_edition(self, moment: Timestamp) -> Trail:
        """An edition of the story: under the overview's list of updates; a step among the editions."""
        at = self.edition_at[edition_path(moment)]
        back = Link(_("Every update"), HOME, EDITIONS_LIST)
        # An edition shows nothing later than its moment: the way on is back, to the versions before
        # it (the latest version is one link away, at its top).
        steps = _steps(_("Earlier versions of the story"), back, self.editions[: at + 1], at)
        return Trail(HOME, (self.home, back), self.editions[at].label, (steps,), toc=True)

    # -- the lists -------------------------------------------------------------------

    def _documents(self) -> tuple[Link, ...]:
        """Every document with a page, by the day it is best known by (its vote, else tabled)."""

        def key(document: Document) -> tuple[dt.date, str]:
            when = document_date(document)
            return (when.settled if when else dt.date.max, document.id)

        ordered = sorted(self.content.documents, key=key)
        return tuple(Link(self.name(d.id), address(DOCUMENTS, d.id).page, date=document_date(d)) for d in ordered)

    def _defections(self) -> tuple[tuple[str | None, Link], ...]:
        """Every defection by date: the defector's page, or for a group its entry on the defections page."""
        links = []
        for row in self.facts.defections:
            defection = row.defection
            if defection.actor:
                link = Link(self.name(defection.actor), self.addresses[defection.actor].page, date=defection.date)
            else:
                where = self.addresses[defection.id]
                link = Link(self.name(defection.id), where.page, where.anchor, defection.date)
            links.append((defection.actor, link))
        return tuple(links)

    def _defection_steps(self, actor_id: str) -> Iterator[Steps]:
        """For each of the actor's defections, the defections before and after it."""
        back = Link(_("All defections"), DEFECTIONS.section)
        for at in self.defected.get(actor_id, ()):
            yield _steps(_("Defections by date"), back, self.defection_links, at)

    def _side_link(self, actor_id: str, side: str, label: str) -> Link:
        """The actor's side in who's who: its heading there, or its own page when who's who is split."""
        division = self.addresses.split.divisions.get(ACTORS.section)
        if division is not None and actor_id in division.part_of:
            return Link(label, division.page_of(actor_id))
        return Link(label, ACTORS.section, f"side-{side}")


def is_edition(path: str) -> bool:
    return posixpath.dirname(path) + "/" == EDITIONS_FOLDER
