"""The pipeline derives everything before rendering (generator/facts/derivation.py); the site layer only renders."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import ROOT, TESTS

from generator.content.walk import references
from generator.facts.derivation import derive_site
from generator.facts.derive import derive
from generator.facts.editions import as_of
from generator.pipeline import load_checked

FIXTURES = sorted(p for p in (TESTS / "fixtures").iterdir() if p.is_dir())
SITE = ROOT / "generator" / "site"

# What only the derivation stage may call: deriving facts, cutting the content at a moment,
# splitting sections into parts (the registry's splitters), and placing records on pages.
DERIVING = {"derive", "as_of", "derive_site", "REGISTRY", "dated", "by_date", "by_prefix", "shown_names"}
MADE_BY_DERIVING = {"Addresses", "Trails"}  # types the site layer may name, but not make


def test_the_site_layer_derives_nothing() -> None:
    """No module of generator/site/ imports what derives facts, editions or parts, or places
    records, names them or lays out the trails between pages."""
    found = []
    for path in sorted(SITE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("generator.facts"):
                found += [f"{path.relative_to(ROOT)}: {a.name}" for a in node.names if a.name in DERIVING]
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in MADE_BY_DERIVING:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.func.id}(...)")
    assert found == []


@pytest.mark.parametrize("story", FIXTURES, ids=lambda p: p.name)
def test_every_edition_is_derived_from_the_content_as_of_its_update(story: Path) -> None:
    content = load_checked(story)
    derived = derive_site(content)
    assert [e.update for e in derived.editions] == list(content.story.updates)
    for edition in derived.editions:
        cut = as_of(content, edition.update.at)
        assert edition.content.story == cut.story
        assert edition.facts == derive(cut)
    now = as_of(content, content.story.now)
    assert derived.now.facts == derive(now)


@pytest.mark.parametrize("story", FIXTURES, ids=lambda p: p.name)
def test_an_edition_reuses_only_references_that_are_still_right(story: Path) -> None:
    """An edition keeps the references found in the whole content for records kept as they were:
    they equal the references found afresh in every record of the edition."""
    content = load_checked(story)
    for update in content.story.updates:
        cut = as_of(content, update.at)
        assert cut.references == {r.id: tuple(references(r)) for r in cut.all()}
