"""Who the story is about is decided by one rule (facts/prominence.py), wherever a page asks."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from conftest import TESTS

from generator.content.fields import Prose
from generator.content.load import Content
from generator.facts.derive import derive
from generator.facts.prominence import named, protagonist
from generator.facts.views import quotes_page
from generator.pipeline import load_checked

FIXTURES = sorted(p for p in (TESTS / "fixtures").iterdir() if p.is_dir())


def _with_summary(content: Content, summary: str) -> Content:
    """The content with the story's summary (as it reads now) replaced, its updates' rewrites dropped."""
    updates = tuple(u.model_copy(update={"summary": None}) for u in content.story.updates)
    story = content.story.model_copy(update={"summary": Prose(summary), "updates": updates})
    return dataclasses.replace(content, story=story)


@pytest.mark.parametrize("story", FIXTURES, ids=lambda p: p.name)
def test_the_quotes_page_leads_with_the_first_named_speaker_in_whos_who_order(story: Path) -> None:
    content = load_checked(story)
    facts = derive(content)
    counts = named(content)
    speakers = {q.speaker for q in content.quotes}
    lead = quotes_page(content, facts).protagonist
    ranked = sorted((s for s in speakers if counts[s]), key=facts.prominence.__getitem__)
    assert lead == (ranked[0] if ranked else None)


@pytest.mark.parametrize("story", FIXTURES, ids=lambda p: p.name)
def test_naming_an_actor_most_in_the_summary_makes_it_first_everywhere(story: Path) -> None:
    """Metamorphic: a summary that names one actor more often than the story names anyone puts it
    first in who's who and, when it speaks, at the head of the quotes page."""
    content = load_checked(story)
    for actor in sorted({q.speaker for q in content.quotes})[:3]:
        most = max(named(content).values(), default=0) + 1
        edited = _with_summary(content, " ".join(f"[[{actor}]]" for _ in range(most)))
        facts = derive(edited)
        assert facts.prominence[actor] == 0
        assert protagonist(edited, facts.prominence, {q.speaker for q in edited.quotes}) == actor
        assert quotes_page(edited, facts).protagonist == actor


def test_a_story_whose_words_name_no_actor_has_no_protagonist() -> None:
    content = _with_summary(load_checked(FIXTURES[0]), "Nothing named here.")
    content = dataclasses.replace(content, story=content.story.model_copy(update={"highlights": (), "updates": ()}))
    assert protagonist(content, derive(content).prominence) is None
