"""Who's who opens with those the story is about, in a stable order, and its chart has a key."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from conftest import TESTS

from generator.pipeline import build_site, load_checked

FIXTURES = sorted(p for p in (TESTS / "fixtures").iterdir() if (p / "story.yml").is_file())
REF = re.compile(r"\[\[([a-z0-9-]+)")


def _featured_and_sides(text: str) -> tuple[list[str], list[list[str]]]:
    """The actor ids of the opening table, and of each side's table, in the order shown."""
    opening, _, rest = text.partition("## Who backs or opposes whom")
    name = re.compile(r'<td data-label="Name"><a href="([^/"]+?)(?:\.md|/)">')
    featured = name.findall(opening.split("## Who this story is about")[1])
    sides = [name.findall(block) for block in rest.split('class="se-side"')[1:]]
    return featured, sides


def _named_by_the_story(story_file: Path) -> set[str]:
    """Ids the story's summary, highlights and three latest updates refer to, read from the YAML."""
    story = yaml.safe_load(story_file.read_text(encoding="utf-8"))
    updates = sorted(story.get("updates", []), key=lambda u: str(u["at"]))[-3:]
    # The summary as it reads now: the latest update that rewrites it, else the first.
    summary = next(
        (
            u["summary"]
            for u in reversed(sorted(story.get("updates", []), key=lambda u: str(u["at"])))
            if u.get("summary")
        ),
        story["summary"],
    )
    texts = [summary, *(h["text"] for h in story.get("highlights", [])), *(u["text"] for u in updates)]
    return {match for text in texts for match in REF.findall(text)}


def _referring_records(content_dir: Path) -> Counter[str]:
    """How many records refer to each id (each record once), from the checked content."""
    content = load_checked(content_dir)
    return Counter(
        target
        for record in content.all()
        for target in {t for _, t, _ in content.references[record.id] if t != record.id}
    )


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.name)
def test_whos_who_opens_with_the_people_the_story_is_about(fixture: Path) -> None:
    text = build_site(fixture).pages["actors/index.md"].text
    featured, sides = _featured_and_sides(text)
    named = _named_by_the_story(fixture / "story.yml") & {a for side in sides for a in side}
    counts = _referring_records(fixture)
    assert featured, "who's who opens with a table of the people the story is about"
    # Those the story's own words name come first, then the most referred to.
    flags = [actor not in named for actor in featured]
    assert flags == sorted(flags)
    assert set(featured[: len(named)]) == named or set(featured) <= named
    for group in (featured[: len(named)], featured[len(named) :]):
        assert [counts[a] for a in group] == sorted((counts[a] for a in group), reverse=True)
    # The relations chart comes before the sides, with a key to its lines.
    assert text.index("## Who backs or opposes whom") < text.index('class="se-side"')
    assert 'class="se-key"' in text


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.name)
def test_each_side_lists_its_most_prominent_first(fixture: Path) -> None:
    text = build_site(fixture).pages["actors/index.md"].text
    _, sides = _featured_and_sides(text)
    named = _named_by_the_story(fixture / "story.yml")
    counts = _referring_records(fixture)
    for side in sides:
        keys = [(a not in named, -counts[a]) for a in side]
        assert keys == sorted(keys)


def test_the_key_names_only_the_lines_the_chart_draws() -> None:
    text = build_site(TESTS / "fixtures" / "harbour-story").pages["actors/index.md"].text
    key = re.search(r'<ul class="se-key".*?</ul>', text)
    drawn = set(re.findall(r'class="se-edge se-edge--([a-z-]+)" marker-end', text))
    assert key is not None and drawn
    styles = set(re.findall(r'class="se-edge se-edge--([a-z-]+)"/>', key[0]))
    shown = {
        "backs": {"backs", "arms"},
        "opposes": {"opposes"},
        "member-of": {"member-of", "part-of", "leads"},
        "claim": {"claim"},
    }
    assert styles == {style for style, kinds in shown.items() if kinds & drawn}
