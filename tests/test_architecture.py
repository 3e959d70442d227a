"""The shape of the code, kept: one declaration per kind, layers (import-linter), one sentence per module."""

from __future__ import annotations

import dataclasses
import re
import typing

from conftest import ROOT

from generator.content.kinds import BY_MODEL, BY_NAME, BY_WORD, ENTRY_RANKS, KINDS, Records
from generator.facts.sections import REGISTRY
from generator.site.environment import TEMPLATES

MODULES = sorted((ROOT / "generator").rglob("*.py"))
# Every template: the pages' (in the package) and Material's overrides (theme/).
TEMPLATE_FILES = sorted(p for folder in (TEMPLATES, ROOT / "theme") for p in folder.rglob("*.html"))
# What a template could branch on: a kind's name or word, or a timeline entry's name ("vote").
KIND_WORDS = frozenset({*ENTRY_RANKS, *(word for kind in KINDS for word in (kind.name, *kind.words))})
_JINJA = re.compile(r"\{[{%](.*?)[}%]\}", re.DOTALL)
_LITERAL = re.compile(r"\"([^\"]*)\"|'([^']*)'")


def kind_literals(template: str) -> list[str]:
    """The string literals inside a template's Jinja tags that are a kind's name or word."""
    found = []
    for tag in _JINJA.finditer(template):
        for literal in _LITERAL.finditer(tag[1]):
            text = literal[1] if literal[1] is not None else literal[2]
            if text in KIND_WORDS:
                found.append(text)
    return found


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


def test_each_kind_has_a_model_of_its_own() -> None:
    """A record's kind is found by its model (kinds.BY_MODEL): two kinds on one model would be one."""
    assert [BY_MODEL[kind.model] for kind in KINDS] == list(KINDS)


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


def test_the_kind_scan_sees_a_branch_on_a_kind() -> None:
    assert kind_literals("{% if entry.kind == \"events\" %}x{% elif k in ('vote',) %}{% endif %}") == ["events", "vote"]
    assert kind_literals('<div id="vote">{{ _("Events") }}{% include ["timeline/" ~ e.kind ~ ".md.html"] %}') == []


def test_no_template_branches_on_a_kind() -> None:
    """Templates are looked up by kind (timeline/<kind>.md.html, with a default); none names a kind."""
    assert len(TEMPLATE_FILES) > 10
    naming = {
        p.relative_to(ROOT).as_posix(): found
        for p in TEMPLATE_FILES
        if (found := kind_literals(p.read_text(encoding="utf-8")))
    }
    assert naming == {}


def test_each_timeline_partial_is_of_an_entry_and_there_is_a_default() -> None:
    partials = {p.name.removesuffix(".md.html") for p in (TEMPLATES / "timeline").glob("*.md.html")}
    assert "_default" in partials
    assert partials - {"_default"} <= set(ENTRY_RANKS)


def test_a_kind_anchored_on_the_timeline_is_on_it() -> None:
    """The timeline gives an entry its record's anchor where the timeline is the record's home
    (templates/timeline.md.html): a kind homed there but never dated would leave its links dangling."""
    timeline = REGISTRY.by_path["timeline.md"].path
    homed = [kind.name for kind in KINDS if kind.address("x") == (timeline, "x")]
    assert homed and [name for name in homed if not BY_NAME[name].on_timeline] == []
