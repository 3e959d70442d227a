"""Who the story is about: actors ordered by how prominently the story itself names them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol, TypeVar

from generator.content.load import Content
from generator.content.prose import find_refs


class _Relation(Protocol):
    @property
    def source(self) -> str: ...
    @property
    def target(self) -> str: ...


E = TypeVar("E", bound=_Relation)

# The latest updates that count as the story's own telling, with the summary and highlights.
LATEST_UPDATES = 3


def featured(content: Content) -> frozenset[str]:
    """Ids the story's own words name: its summary, its highlights and its latest updates."""
    story = content.story
    latest = sorted(story.updates, key=lambda u: u.at.moment)[-LATEST_UPDATES:]
    texts: Iterable[str] = (story.current_summary, *(h.text for h in story.highlights), *(u.text for u in latest))
    return frozenset(ref.target for text in texts for ref in find_refs(text))


def prominence(content: Content, mentions: dict[str, tuple[str, ...]]) -> dict[str, int]:
    """Each actor's place in who's who (0 first): those the story's own words name first, then
    by how many records refer to them; ties by name, then id, so the order never depends on
    the order of files."""
    named = featured(content)
    ordered = sorted(
        content.actors,
        key=lambda a: (a.id not in named, -len(mentions.get(a.id, ())), a.name.casefold(), a.id),
    )
    return {actor.id: place for place, actor in enumerate(ordered)}


# The relations chart draws one box per actor: past this many it stops being readable on a
# phone, so a bigger story's chart shows the relations among its most prominent actors.
CHARTED = 24


def charted(edges: Sequence[E], places: Mapping[str, int], limit: int = CHARTED) -> tuple[E, ...]:
    """The relations the chart draws: all of them, or those of the most prominent actors, taken
    in order of their more prominent end while they bring in no more than `limit` actors."""
    involved = {e.source for e in edges} | {e.target for e in edges}
    if len(involved) <= limit:
        return tuple(edges)
    shown: set[str] = set()
    kept = set()
    for edge in sorted(edges, key=lambda e: sorted((places[e.source], places[e.target]))):
        ends = {edge.source, edge.target}
        if len(shown | ends) <= limit:
            shown |= ends
            kept.add(id(edge))
    return tuple(e for e in edges if id(e) in kept)
