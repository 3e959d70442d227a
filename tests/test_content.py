"""The first story (wherever it lives: conftest.first_story) and the fixture stories load as expected."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT, TESTS, first_story

from generator.adapters import json_schema as schema
from generator.adapters.cli import main
from generator.pipeline import load_checked


def test_first_story_is_complete() -> None:
    content = load_checked(first_story())
    ids = {r.id for r in content.all()}
    named = {
        "nawaf-al-fares",
        "manaf-tlass",
        "bashar-al-assad",
        "kofi-annan",
        "susan-rice",
        "peter-wittig",
        "abdulbaset-sieda",
        "najib-ghadbian",
        "sergey-lavrov",
        "united-kingdom",
        "russia",
        "china",
        "united-states",
        "iran",
        "iraq",
        "germany",
        "syrian-national-council",
        "local-coordination-committees",
        "baath-party",
        "un-security-council",
        "unsmis",
        "arab-league",
    }
    assert named <= ids
    assert len(content.defections) >= 10
    assert {(m.body, m.year) for m in content.memberships} >= {
        ("un-security-council", 2011),
        ("un-security-council", 2012),
        ("un-general-assembly", 2012),
        ("arab-league", 2011),
    }
    assert len({f.claimed_by for f in content.figures if f.metric == "deaths"}) >= 4
    assert len(content.plans[0].points) == 6


def test_uncertainty_is_marked() -> None:
    content = load_checked(first_story())
    # Every record cites a source: the models require it (min_length), so only uncertainty is counted here.
    assert sum(1 for r in content.all() if getattr(r, "uncertain", None)) >= 10


@pytest.mark.parametrize(("fixture", "highlights"), [("harbour-story", 2), ("coup-story", 2)])
def test_unrelated_stories_pass_with_no_code_change(
    fixture: str, highlights: int, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--content", str(TESTS / "fixtures" / fixture)]) == 0
    assert capsys.readouterr().out.startswith(f"{fixture}/ is valid: {highlights} highlights, ")


def test_generator_knows_nothing_about_the_first_story() -> None:
    words = re.compile(r"\b(syria\w*|assad|annan|unsmis|nawaf|security council)\b", re.IGNORECASE)
    for path in sorted((ROOT / "generator").rglob("*.py")):
        assert not words.findall(path.read_text(encoding="utf-8")), path.name


def test_committed_schema_is_current() -> None:
    for name, expected in schema.schemas().items():
        committed = (schema.SCHEMA_DIR / name).read_text(encoding="utf-8")
        assert committed == schema.render(expected), f"{name} is stale: run python -m generator schema"
