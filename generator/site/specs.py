"""Every page a site has, with its template, title, edit file and values: what the renderer renders."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from generator.content.i18n import _
from generator.content.kinds import ACTORS, DOCUMENTS
from generator.content.pages import edition_path
from generator.facts import views
from generator.facts.addresses import address
from generator.facts.derivation import Derivation
from generator.facts.parts import WHOLE, Scope
from generator.facts.sections import Section
from generator.facts.trail import Trails
from generator.site.exports import Export, embeds
from generator.site.jsonld import StructuredData

# Templates for the kinds that have a page per record (the kind's `home` is a folder).
RECORD_TEMPLATES = {ACTORS.name: "actor.md.html", DOCUMENTS.name: "document.md.html"}


@dataclass(frozen=True)
class PageSpec:
    """A page to render: where it goes, its template and title, the file its edit link opens, its values."""

    path: str
    template: str
    title: str
    source: str
    values: dict[str, Any]


class Specs:
    """Lists the pages of a derived story: its sections (and their parts), records and editions."""

    def __init__(self, derived: Derivation, names: dict[str, str], trails: Trails, export: Export) -> None:
        self.derived, self.content, self.facts = derived, derived.content, derived.facts
        self.addresses, self.names, self.trails, self.export = derived.addresses, names, trails, export

    def all(self) -> list[PageSpec]:
        """Every page to render, with its template and values, in a stable order."""
        data = StructuredData(self.content, self.facts, self.names)
        now = self.derived.now
        lists: dict[str, Callable[[], dict[str, Any]]] = {
            "index.md": lambda: StructuredData(now.content, now.facts, self.names).article(),
            "timeline.md": data.timeline,
            "quotes.md": data.quotes,
        }
        # A split section's page lists its parts, not its entries: its structured data too. So a
        # split section's list is not made (the timeline's takes a tenth of a second at 1,000 actors).
        split = self.addresses.split.sections()
        special = {path: make() for path, make in lists.items() if path not in split}
        headline = self.content.story.current_headline
        specs = []
        for section in self.derived.sections.sections:
            source = self.derived.sections.edit_file(self.content, section.path)
            for path, title, view in self._pages_of(section):
                specs.append(
                    PageSpec(
                        path,
                        section.template,
                        title,
                        source,
                        {
                            "page": view,
                            "jsonld": (
                                special.get(path)
                                or data.collection(title, _("{section}: {part}").format(section=title, part=headline))
                            ),
                            "trail": self.trails.of_section(path, section.toc),
                        },
                    )
                )
        actor_pages = views.ActorPages(self.content, self.facts)
        for actor in self.content.actors:
            specs.append(
                PageSpec(
                    self.addresses[actor.id].page,
                    RECORD_TEMPLATES[ACTORS.name],
                    actor.name,
                    self.content.origins[actor.id].file,
                    {
                        "page": actor_pages.page(self.facts.actors[actor.id]),
                        "jsonld": data.actor(actor),
                        "trail": self.trails.of_actor(actor.id),
                    },
                )
            )
        for document in self.content.documents:
            specs.append(
                PageSpec(
                    address(DOCUMENTS, document.id).page,
                    RECORD_TEMPLATES[DOCUMENTS.name],
                    self.names[document.id],
                    self.content.origins[document.id].file,
                    {
                        "page": views.document_page(
                            self.facts.votes[document.id], self.facts.marks, embeds.vote_code(self.export, document)
                        ),
                        "jsonld": data.document(document),
                        "trail": self.trails.of_document(document.id),
                        # A vote's page names the members as they were called on the day of the vote.
                        "_named_on": document.vote.date.latest if document.vote else None,
                    },
                )
            )
        return specs + self.editions()

    def editions(self) -> list[PageSpec]:
        """A page per update: the overview as it stood then, whose now is the update."""
        specs = []
        editions = self.derived.sections.editions
        for edition in self.derived.editions:
            update = edition.update
            view = editions.view(edition.content, edition.facts, WHOLE, update)
            specs.append(
                PageSpec(
                    edition_path(update.at),
                    editions.of.template,
                    view.title,
                    self.content.story_file,
                    {
                        "page": view,
                        "jsonld": StructuredData(edition.content, edition.facts, self.names).article(),
                        "_now": update.at,
                        "trail": self.trails.of_edition(update.at),
                    },
                )
            )
        return specs

    def _pages_of(self, section: Section[Any]) -> list[tuple[str, str, object]]:
        """A section's page, and when it is split (parts.py) the page of each of its parts."""
        division = self.addresses.split.divisions.get(section.path)
        if division is None:
            # The overview is the edition at the story's now: made the same way as every other.
            now = self.derived.now if section is self.derived.sections.editions.of else self.derived
            return [(section.path, section.title, section.view(now.content, now.facts, WHOLE))]
        content, facts = self.content, self.facts
        return [(section.path, section.title, section.view(content, facts, Scope(division)))] + [
            (
                part.page,
                _("{section}: {part}").format(section=section.title, part=part.label),
                section.view(content, facts, Scope(division, part)),
            )
            for part in division.parts.parts
        ]
