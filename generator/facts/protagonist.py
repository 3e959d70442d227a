"""Who a story is about: the actor its lede and highlights name most, worked out, never typed."""

from __future__ import annotations

from collections import Counter

from generator.content.load import Content
from generator.content.walk import references


def protagonist(
    content: Content, backlinks: dict[str, tuple[str, ...]], among: frozenset[str] | None = None
) -> str | None:
    """The id of the actor the story's summary and highlights name most often (of `among`, if given).

    The lede and the highlights are where an editor says what the story is about, so an actor
    named there is the story's own; a tie goes to the actor more records refer to (the one the
    story follows further), then to the id, so the answer never depends on file order.
    None when the summary and highlights name no actor (of `among`). The quotes page asks among
    the speakers: a story about a country leads with the words of the person it follows there.
    """
    actors = among if among is not None else frozenset(content.actor_names)
    story = content.story
    named: Counter[str] = Counter()
    for model in (story, *story.highlights):
        for path, target, _ in references(model):
            # The story's own references: its summary, and each highlight's text (not media or logs).
            if target in actors and (model is not story or path[:1] == ("summary",)):
                named[target] += 1
    if not named:
        return None
    return min(named, key=lambda actor: (-named[actor], -len(backlinks.get(actor, ())), actor))
