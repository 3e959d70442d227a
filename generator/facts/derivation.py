"""Every fact a site is rendered from, worked out in one place before any page is rendered.

The pipeline calls `derive_site` once: the facts of the whole content, how its long sections
split into parts, every record's address and shown name, every page's trail, the content and
facts as of the story's now (what the overview shows) and as of each update (its edition).
The renderer only renders these.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.content.load import Content
from generator.content.models import Update
from generator.facts.addresses import Addresses
from generator.facts.derive import Facts, derive, retold
from generator.facts.editions import Cuts
from generator.facts.names import shown_names
from generator.facts.parts import PAGE_SIZE, Split
from generator.facts.sections import REGISTRY, Registry
from generator.facts.trail import Trails


@dataclass(frozen=True)
class Moment:
    """The story as it stood at one moment: its content then, and that content's facts."""

    content: Content
    facts: Facts


@dataclass(frozen=True)
class Edition(Moment):
    """The story as it stood at one of its updates."""

    update: Update


@dataclass(frozen=True)
class Derivation:
    """What the renderer needs, all of it worked out: facts, parts, addresses and editions."""

    content: Content
    facts: Facts
    sections: Registry
    split: Split
    addresses: Addresses
    now: Moment  # as of the story's now: the overview is the edition at its latest update
    editions: tuple[Edition, ...]  # one per update, in the story's order
    names: dict[str, str]  # every record's name as pages show it (names.shown_name)
    trails: Trails  # every page's breadcrumb and way on (trail.py)


def derive_site(
    content: Content,
    page_size: int = PAGE_SIZE,
    sections: Registry = REGISTRY,
    facts: Facts | None = None,
) -> Derivation:
    """Work out everything the pages of `content` show (its facts, when already derived, are reused)."""
    facts = derive(content) if facts is None else facts
    split = sections.split(content, facts, page_size)
    cuts = Cuts(content)  # each kind's settling found once, for every moment below
    now = cuts.at(content.story.now)
    known = {id(content): facts}

    def facts_of(cut: Content) -> Facts:
        # A moment that knew everything is the whole content itself (as_of returns it): derived once.
        # One that knew every record as it is now, and tells less only in the story's own words
        # (an update that added none), takes their facts from the whole's.
        if id(cut) not in known:
            known[id(cut)] = retold(facts, cut) if same_records(cut, content) else derive(cut)
        return known[id(cut)]

    editions = []
    for update in content.story.updates:
        dated = cuts.at(update.at)
        editions.append(Edition(dated, facts_of(dated), update))
    addresses, names = Addresses(content, split), shown_names(content)
    trails = Trails(content, facts, addresses, names.__getitem__, sections.titles)
    return Derivation(
        content,
        facts,
        sections,
        split,
        addresses,
        Moment(now, facts_of(now)),
        tuple(editions),
        names,
        trails,
    )


# What an edition's story may tell otherwise than the whole's (editions.as_of): the facts read from
# these are derive.Told. A story differing in any other field is derived afresh.
TOLD_FIELDS = frozenset({"summary", "highlights", "updates", "corrections", "media"})


def same_records(cut: Content, whole: Content) -> bool:
    """Whether `cut` holds the very records of `whole` (as_of keeps a kind kept whole as its very
    tuple), and a story that differs from its at most in what it tells (TOLD_FIELDS)."""
    if any(
        records is not whole_records
        for (_, records), (_, whole_records) in zip(cut.by_kind(), whole.by_kind(), strict=True)
    ):
        return False
    story, whole_story = cut.story, whole.story
    return all(
        getattr(story, name) is getattr(whole_story, name)
        for name in type(story).model_fields
        if name not in TOLD_FIELDS
    )
