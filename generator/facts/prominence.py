"""Who the story is about: actors ordered by how prominently the story itself names them.

One rule decides it everywhere: who's who's order, the relations chart, the role an actor's page
leads with, and the protagonist whose words open the quotes page.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol, TypeVar

from generator.content.load import Content
from generator.content.models import Actor
from generator.content.prose import find_refs


class _Relation(Protocol):
    @property
    def source(self) -> str: ...
    @property
    def target(self) -> str: ...


E = TypeVar("E", bound=_Relation)

# The latest updates that count as the story's own telling, with the summary and highlights.
LATEST_UPDATES = 3


def named(content: Content) -> Counter[str]:
    """How often the story's own words name each id: its summary as it reads now, its highlights
    and its latest updates. These are where an editor says what the story is about."""
    story = content.story
    latest = sorted(story.updates, key=lambda u: u.at.moment)[-LATEST_UPDATES:]
    texts: Iterable[str] = (story.current_summary, *(h.text for h in story.highlights), *(u.text for u in latest))
    return Counter(ref.target for text in texts for ref in find_refs(text))


def prominence(content: Content, order: Sequence[Actor]) -> dict[str, int]:
    """Each actor's place in who's who (0 first), the one rule for who the story is about: those
    the story's own words name most first, then in `order`, the content's actors `by_mentions`."""
    counts = named(content)
    # Sorting is stable: among actors named as often, `order` stays. The rest of the rule is the
    # same for every moment of a story, and so is sorted once (by_mentions), not once for each.
    ranked = sorted(order, key=lambda a: -counts.get(a.id, 0))
    return {actor.id: place for place, actor in enumerate(ranked)}


def by_mentions(content: Content, mentions: Mapping[str, tuple[str, ...]]) -> tuple[Actor, ...]:
    """Actors by how many records refer to them (the actor the story follows further first); ties
    by name, then id, so that the order never depends on file order."""
    return tuple(sorted(content.actors, key=lambda a: (-len(mentions.get(a.id, ())), a.name.casefold(), a.id)))


def protagonist(content: Content, places: Mapping[str, int], among: Iterable[str] | None = None) -> str | None:
    """The actor the story is about (of `among`, if given): the most prominent one its own words
    name; None when they name none. The quotes page asks among the speakers: a story about a
    country leads with the words of the person it follows there."""
    counts = named(content)
    candidates = [actor for actor in (places if among is None else among) if counts[actor] and actor in places]
    return min(candidates, key=places.__getitem__, default=None)


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
