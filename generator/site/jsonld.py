"""schema.org JSON-LD for each page: what search engines and news aggregators read.

The JSON is made safe to sit inside a <script> element: <, > and & are written as
\\u escapes, so no text from the content can close the element early.
"""

from __future__ import annotations

import json
from typing import Any

import orjson

from generator.content.i18n import _
from generator.content.kinds import entry_linked, summary_attribution, summary_of
from generator.content.load import Content
from generator.content.models import Actor, ActorKind, Attribution, Document, QuoteKind, Source
from generator.content.prose import plain_words
from generator.facts.derive import Facts, TimelineEntry
from generator.facts.roles import story_role
from generator.facts.sentences import claimed_text
from generator.facts.views import last_updated

CONTEXT = "https://schema.org"
# The property each type dates its item by; a creative work's (Quotation, Claim) is dateCreated.
DATE_PROPERTIES = {"Event": "startDate", "Legislation": "legislationDate"}
ORGANIZATION_TYPES = {
    ActorKind.GOVERNMENT: "GovernmentOrganization",
    ActorKind.UN_BODY: "GovernmentOrganization",
    ActorKind.STATE: "Country",
    ActorKind.PARTY: "PoliticalParty",
    ActorKind.MEDIA: "NewsMediaOrganization",
    ActorKind.NGO: "NGO",
}
# orjson as json.dumps(sort_keys=True, ensure_ascii=False, separators=(",", ":")): dataclasses and
# datetimes passed through to raise, as json raises on them.
_ORJSON = orjson.OPT_SORT_KEYS | orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_PASSTHROUGH_DATETIME


def script_safe(data: dict[str, Any]) -> str:
    """JSON text that cannot break out of <script type="application/ld+json">.

    Written by orjson, a fifth of what json.dumps with sorted keys costs (a page's front matter
    holds its JSON-LD: 1,200 of them at 1,000 actors), and the same text on what JSON-LD holds:
    text, integers, booleans, null, lists and objects with text keys (exports/context.py's
    json_bytes says where the two differ: floats, which no model has). What orjson refuses (a lone
    surrogate, an integer past 64 bits, a key that is not text) goes the json way."""
    try:
        text = orjson.dumps(data, option=_ORJSON).decode()
    except orjson.JSONEncodeError:
        text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


class StructuredData:
    """Builds the JSON-LD object of each page from the content and the facts."""

    def __init__(self, content: Content, facts: Facts, names: dict[str, str]) -> None:
        self.content, self.facts, self.names = content, facts, names

    def words(self, text: str) -> str:
        """Prose as plain words, [[id]] as in running text: the record's short name where it has one.

        By plain_words, which reads prose whose only markup is [[id]] (most) without parsing it: an
        actor's JSON-LD holds its description's words, 1,000 of them at 1,000 actors."""
        return plain_words(text, lambda rid: self.content.short_name_of(self.content.by_id[rid]))

    def claimed(self, text: str, attribution: Attribution | None) -> str:
        """Prose as plain words, followed by whose claim it is when it is someone's claim."""
        return claimed_text(self.words(text), attribution, self.names.__getitem__)

    def article(self) -> dict[str, Any]:
        story = self.content.story
        modified = last_updated(story) or story.published
        return {
            "@context": CONTEXT,
            "@type": "NewsArticle",
            "headline": story.current_headline,
            "description": self.words(story.current_summary),
            "inLanguage": story.language,
            "datePublished": story.published.iso(),
            "dateModified": modified.iso(),
            "dateline": f"{story.current_dateline.place}, {story.current_dateline.date.display(story.language)}",
            "author": [{"@type": "Organization", "name": name} for name in story.byline],
            "correction": [
                {"@type": "CorrectionComment", "text": self.words(c.text), "datePublished": c.at.iso()}
                for c in story.corrections
            ],
        }

    def actor(self, actor: Actor) -> dict[str, Any]:
        kind = "Person" if actor.kind is ActorKind.PERSON else ORGANIZATION_TYPES.get(actor.kind, "Organization")
        data: dict[str, Any] = {
            "@context": CONTEXT,
            "@type": kind,
            "name": actor.name,
            "description": self.claimed(actor.description, actor.description_attribution),
        }
        if actor.other_names:
            data["alternateName"] = list(actor.other_names)
        # The role the page names (roles.py), if it is held now and on the sources' own word: an
        # ended or claimed role is no job title.
        view = self.facts.actors[actor.id]
        role = story_role(actor, self.facts.prominence, view.defections, self.content.story.now.moment.date())
        if kind == "Person" and role is not None and not role.over and role.attribution is None:
            data["jobTitle"] = role.title
        if kind == "Person" and actor.nationality:
            data["nationality"] = actor.nationality
        return data

    def document(self, document: Document) -> dict[str, Any]:
        view = self.facts.votes[document.id]
        if document.vote is None:
            return {
                "@context": CONTEXT,
                "@type": "Legislation",
                "name": document.title,
                "legislationIdentifier": document.symbol or document.id,
                "legislationDate": document.tabled.iso() if document.tabled else None,
                "legislationPassedBy": {"@type": "GovernmentOrganization", "name": self.names[document.body]},
            }
        outcome = view.count.outcome.value if view.count and view.count.outcome else document.status.value
        return {
            "@context": CONTEXT,
            "@type": "Event",
            "name": _("Vote on {document}").format(document=document.title),
            "startDate": document.vote.date.start.iso(),
            "eventStatus": "https://schema.org/EventScheduled",
            "location": {"@type": "Place", "name": self.names[document.body]},
            "description": f"{document.symbol or document.title}: {outcome}.",
        }

    def timeline(self) -> dict[str, Any]:
        """Every timeline entry whose kind declares a schema.org type (kinds.Linked), in its order."""
        items = [item for entry in self.facts.timeline if (item := self.entry(entry)) is not None]
        return {"@context": CONTEXT, "@type": "ItemList", "name": _("Timeline"), "itemListElement": items}

    def entry(self, entry: TimelineEntry) -> dict[str, Any] | None:
        """A timeline entry as its declared type: its name, its date as precisely as it is known
        (a range says no more than what holds for every day of it), what it says and where."""
        linked, record = entry_linked(entry.kind), entry.record
        if linked is None or not linked.fits(record):
            return None
        told = summary_of(record) or self.content.name_of(record)
        item: dict[str, Any] = {
            "@type": linked.schema_type,
            "name": self.names[record.id],  # with whose claim it is, when it is someone's
            "description": self.claimed(told, summary_attribution(record)),
        }
        known = entry.date.known()
        if known is not None:
            item[DATE_PROPERTIES.get(linked.schema_type, "dateCreated")] = known
        place = getattr(record, "place", None)
        if isinstance(place, str):
            item["location"] = {"@type": "Place", "name": place}
        return item

    def quotes(self) -> dict[str, Any]:
        sources = {s.id: s for s in self.content.sources}
        quotes = []
        for q in sorted(self.content.quotes, key=lambda q: (q.date.sort_key(), q.id)):
            if q.kind is not QuoteKind.QUOTE:  # a paraphrase is not a Quotation: its words are not the speaker's
                continue
            quote: dict[str, Any] = {
                "@type": "Quotation",
                "text": q.text,
                "spokenByCharacter": {"@type": "Person", "name": self.names[q.speaker]},
                # Where each quote was published, so that a reader of the data can check the words.
                "citation": [self.citation(sources[s]) for s in q.sources],
            }
            known = q.date.known()  # "6-11 July" is 2012-07, never 2012-07-06
            if known is not None:
                quote["dateCreated"] = known
            quotes.append(quote)
        return {"@context": CONTEXT, "@type": "ItemList", "name": _("Quotes"), "itemListElement": quotes}

    @staticmethod
    def citation(source: Source) -> dict[str, Any]:
        work: dict[str, Any] = {
            "@type": "CreativeWork",
            "name": source.title,
            "url": str(source.url),
            "publisher": {"@type": "Organization", "name": source.publisher},
        }
        if source.date is not None and (published := source.date.known()) is not None:
            work["datePublished"] = published
        return work

    def collection(self, title: str, description: str) -> dict[str, Any]:
        return {"@context": CONTEXT, "@type": "CollectionPage", "name": title, "description": description}
