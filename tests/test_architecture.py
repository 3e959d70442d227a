"""The shape of the code, kept: one declaration per kind, layers (import-linter), one sentence per module."""

from __future__ import annotations

import dataclasses
import re
import typing

from conftest import ROOT

from generator.content.kinds import BY_WORD, KINDS, Records

MODULES = sorted((ROOT / "generator").rglob("*.py"))


def test_records_has_a_field_per_kind_in_registry_order() -> None:
    fields = dataclasses.fields(Records)
    hints = typing.get_type_hints(Records)
    assert [f.name for f in fields] == [kind.name for kind in KINDS]
    for kind in KINDS:
        assert hints[kind.name] == tuple[kind.model, ...]


def test_each_kind_is_named_only_by_its_registry_entry_and_its_model() -> None:
    """Adding or renaming a kind must not mean hunting for its name across the package."""
    for kind in KINDS:
        quoted = re.compile(rf"[\"']{kind.name}[\"']")
        naming = sorted(
            p.relative_to(ROOT / "generator").as_posix()
            for p in MODULES
            if quoted.search(p.read_text(encoding="utf-8"))
        )
        models = {p for p in naming if p.startswith("content/models/")}
        assert set(naming) - models <= {"content/kinds.py"}, (kind.name, naming)


def test_every_word_for_new_names_one_kind() -> None:
    words = [word for kind in KINDS for word in (kind.name, *kind.words)]
    assert len(words) == len(set(words)) == len(BY_WORD)


def test_every_module_says_what_it_holds() -> None:
    for path in MODULES:
        text = path.read_text(encoding="utf-8")
        assert text.startswith('"""') and text.split("\n", 1)[0].rstrip().endswith(('."""', ".")), path


def test_every_kind_can_say_what_is_uncertain() -> None:
    """Memberships, glossary terms and sources too: doubt is marked, not left out."""
    assert [kind.name for kind in KINDS if "uncertain" not in kind.model.model_fields] == []
