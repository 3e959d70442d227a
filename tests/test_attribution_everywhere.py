"""Every part of the model that can carry a claim accepts `attribution`, and no output loses it.

The claim-bearing fields are found in the models (every field typed `Attribution`), and must be
the ones the registry declares (`Kind.claims`, `STORY_CLAIMS`). An invented story gives each one a
distinctive claimant and distinctive text, is built in memory, and every page and published file
where that text appears must name the claimant beside it.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ENGINE_STORY
from pydantic import BaseModel

from generator.content.kinds import KINDS, STORY_CLAIMS
from generator.content.models import Attribution, ClaimVerb, Story
from generator.content.problems import ContentError
from generator.facts.sentences import claim_note, claimed_text, render
from generator.pipeline import build_site, load_checked
from generator.site.render import Site

# The text each claim qualifies, by claim path: the fields the test fills with distinctive words.
# A claim path found in the models but missing here fails test_every_claim_is_walked.
QUALIFIED: dict[str, tuple[str, ...]] = {
    "story.sides.attribution": ("label",),
    "actors.description_attribution": ("description", "short"),
    "actors.side_attribution": (),  # a place on a side: checked where membership is shown (below)
    "actors.earlier_sides.attribution": (),  # the same, for a side the actor was on before
    "actors.roles.attribution": ("title",),
    "actors.relations.attribution": ("note",),
    "defections.dismissal.attribution": ("note",),
    "events.attribution": ("title", "description"),
    "figures.wording_attribution": ("scope",),
}
NEAR = 300  # characters either side of a qualified text within which its claimant must be named
TEXT_FILES = (".json", ".csv", ".xml", ".html", ".js")


def _inner(annotation: Any) -> Iterator[Any]:
    """The types inside an annotation: through Optional, unions, tuples and Annotated."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        yield from _inner(typing.get_args(annotation)[0])
    elif origin in (typing.Union, types.UnionType, tuple):
        for arg in typing.get_args(annotation):
            yield from _inner(arg)
    else:
        yield annotation


def claim_paths(model: type[BaseModel], prefix: str = "") -> Iterator[str]:
    """Every field of a model and its parts typed Attribution, as a dotted path."""
    for name, info in model.model_fields.items():
        for inner in _inner(info.annotation):
            if inner is Attribution:
                yield f"{prefix}{name}"
            elif isinstance(inner, type) and issubclass(inner, BaseModel):
                yield from claim_paths(inner, f"{prefix}{name}.")


def found_in_models() -> set[str]:
    found = {f"story.{path}" for path in claim_paths(Story)}
    return found | {f"{kind.name}.{path}" for kind in KINDS for path in claim_paths(kind.model)}


def declared() -> set[str]:
    return {f"story.{p}" for p in STORY_CLAIMS} | {f"{k.name}.{p}" for k in KINDS for p in k.claims}


def test_the_registry_declares_every_claim_in_the_models() -> None:
    """Both ways: a declared claim the models refuse, or a model claim no one declared, fails."""
    assert declared() == found_in_models()


def test_the_claims_the_issue_names_are_all_claims() -> None:
    # Sides and membership, descriptions, dismissals, events, figures' wording, relations, roles.
    kinds_with_claims = {path.split(".")[0] for path in declared()}
    assert {"story", "actors", "defections", "events", "figures"} <= kinds_with_claims


def test_every_claim_is_walked() -> None:
    assert set(QUALIFIED) == found_in_models()


# --- the invented story ------------------------------------------------------------------------


class _Loader(yaml.SafeLoader):
    """Dates stay text, as the generator reads them, so the files are written back unchanged."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
LETTERS = "abcdefghijklmnop"


def claimant(n: int) -> str:
    return f"zqclaimant{LETTERS[n]}"


def text(n: int, field: str) -> str:
    return f"zqtext{LETTERS[n]}{field} words"


def _parents(node: Any, steps: list[str]) -> Iterator[dict[str, Any]]:
    """The dicts reached by following `steps` through dicts and lists."""
    if isinstance(node, list):
        for item in node:
            yield from _parents(item, steps)
    elif isinstance(node, dict):
        if not steps:
            yield node
        elif steps[0] in node:
            yield from _parents(node[steps[0]], steps[1:])


def _give_relation(actors: list[dict[str, Any]]) -> None:
    """The engine's story has no relation: one between its first two actors, on the first's source."""
    first, second = actors[0], actors[1]
    relation = {"kind": "opposes", "target": second["id"], "sources": first["sources"][:1]}
    first.setdefault("relations", []).append(relation)


@dataclass(frozen=True)
class Placed:
    """Where the invented story attributes one claim path."""

    who: str  # the claimant's distinctive name
    record: str  # the id of the record (or side) it is in


def write_story(root: Path) -> dict[str, Placed]:
    """The engine story with every claim path attributed once, on distinctive text."""
    shutil.copytree(ENGINE_STORY, root)
    files: dict[str, Any] = {}
    for name in ("story", *(k.name for k in KINDS)):
        path = root / f"{name}.yml"
        if path.exists():
            files[name] = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506
    _give_relation(files["actors"])
    placed: dict[str, Placed] = {}
    for n, path in enumerate(sorted(QUALIFIED)):
        kind, *steps = path.split(".")
        records = files["story"]["sides"] if kind == "story" else files[kind]
        steps = steps[1:] if kind == "story" else steps
        found = next(((r, p) for r in records for p in _parents(r, steps[:-1])), None)
        assert found is not None, f"the invented story has no {'.'.join(steps[:-1])} in {kind} to attribute"
        record, part = found
        part[steps[-1]] = {"verb": "alleges", "group": claimant(n)}
        for field in QUALIFIED[path]:
            part[field] = text(n, field)
        placed[path] = Placed(claimant(n), record["id"])
    # Only the files changed are written back: a YAML round trip reads a vote's `yes:` as true.
    for name in {"actors", *(path.split(".")[0] for path in placed)}:
        data = files[name]
        (root / f"{name}.yml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return placed


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Site, dict[str, Placed]]:
    root = tmp_path_factory.mktemp("claims") / "story"
    placed = write_story(root)
    return build_site(root), placed  # a refused attribution fails here, with the checker's message


# Data that keeps each record's fields apart: the claim must be in the same record, not near.
RECORD_DATA = re.compile(r"data/(story\.json|[a-z]+\.csv)$")


def outputs(site: Site) -> Iterator[tuple[str, str]]:
    """Every page as the text a reader sees, and every other published text file as it is."""
    for path, page in site.pages.items():
        yield path, " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page.text)).split())
    for path, data in site.files.items():
        if path.endswith(TEXT_FILES) and not RECORD_DATA.search(path):
            yield path, data.decode("utf-8-sig")


@pytest.mark.parametrize("path", sorted(QUALIFIED))
def test_each_claim_is_named_wherever_its_text_is(built: tuple[Site, dict[str, Placed]], path: str) -> None:
    site, placed = built
    who = placed[path].who
    n = sorted(QUALIFIED).index(path)
    shown = 0
    for output, body in outputs(site):
        for field in QUALIFIED[path]:
            for match in re.finditer(re.escape(text(n, field)), body):
                shown += 1
                around = body[max(0, match.start() - NEAR) : match.end() + NEAR]
                assert who in around, f"{output}: {text(n, field)!r} without its claimant {who!r}"
    assert shown or not QUALIFIED[path], f"{path}: its text is shown nowhere"


def _records(site: Site) -> Iterator[tuple[str, str, str]]:
    """Each record of the data files as (file, id, text): a CSV row, or a record (or side) of story.json."""
    for path, data in site.files.items():
        if path.endswith(".csv") and RECORD_DATA.search(path):
            for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))):
                yield path, row[0], " ".join(row)
    story = json.loads(site.files["data/story.json"])
    for record in [*story["story"]["sides"], *(r for rs in story["records"].values() for r in rs)]:
        yield "data/story.json", record["id"], json.dumps(record)


def test_data_keeps_each_claim_in_its_record(built: tuple[Site, dict[str, Placed]]) -> None:
    """story.json and the CSV tables: the record that carries a claim carries its claimant, and so
    does every other record that repeats the claim's text."""
    site, placed = built
    records = list(_records(site))
    for n, path in enumerate(sorted(QUALIFIED)):
        at = placed[path]
        own = {file for file, record_id, body in records if record_id == at.record and at.who in body}
        kind = path.split(".")[0]
        assert own == ({"data/story.json"} if kind == "story" else {"data/story.json", f"data/{kind}.csv"}), path
        for file, _, body in records:
            for field in QUALIFIED[path]:
                assert text(n, field) not in body or at.who in body, f"{file}: {path}'s text without {at.who!r}"


def test_a_place_on_a_side_is_told_as_the_claim(built: tuple[Site, dict[str, Placed]]) -> None:
    """Where membership is shown, beside the member: the actor's infobox and every who's who row."""
    site, placed = built
    who, actor = placed["actors.side_attribution"].who, placed["actors.side_attribution"].record
    page = site.pages[f"actors/{actor}.md"].text
    side = re.search(r"<dt>Side</dt><dd>(.*?)</dd>", page)
    assert side is not None and who in side.group(1)
    index = site.pages["actors/index.md"].text
    name_cell = f'data-label="Name"><a href="{actor}.md"'
    rows = [row for row in re.findall(r"<tr>(.*?)</tr>", index) if name_cell in row]
    assert rows and all(who in row for row in rows)


def test_a_wrong_attribution_is_a_located_error(tmp_path: Path) -> None:
    """A claimant who is no actor, or a verb outside the set, says where and how to fix it."""
    root = tmp_path / "story"
    shutil.copytree(ENGINE_STORY, root)
    story = root / "story.yml"
    first_side = "  - {id: military, label: Military government,"
    text = story.read_text(encoding="utf-8")
    assert first_side in text
    story.write_text(
        text.replace(first_side, "  - {attribution: {verb: alleges, by: no-such-actor}, id: military, label: Junta,"),
        encoding="utf-8",
    )
    actors = root / "actors.yml"
    actors.write_text(
        actors.read_text(encoding="utf-8").replace(
            "  side: civilian\n", "  side: civilian\n  side_attribution: {verb: sayz, group: some members}\n", 1
        ),
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as raised:
        load_checked(root)
    lines = str(raised.value).splitlines()
    assert [line.split(": ", 1)[1] for line in lines[:-1]] == [
        "tomas-arlen.side_attribution.verb: 'sayz' is not allowed here (did you mean 'says'?)",
        "sides[0].attribution.by: unknown actor id 'no-such-actor' (add the record or fix the id)",
    ]
    side_line = next(n for n, line in enumerate(story.read_text().splitlines(), 1) if "id: military" in line)
    located = [line.split(": ", 1)[0].split("/")[-1] for line in lines[:-1]]
    assert located == ["actors.yml:8:28", f"story.yml:{side_line}:39"]


def test_an_earlier_place_on_a_side_is_told_as_the_claim(built: tuple[Site, dict[str, Placed]]) -> None:
    site, placed = built
    at = placed["actors.earlier_sides.attribution"]
    sides = re.search(r'<ul class="se-sides">(.*?)</ul>', site.pages[f"actors/{at.record}.md"].text, re.S)
    assert sides is not None
    first = re.findall(r"<li>(.*?)</li>", sides.group(1))[0]  # the earliest side, which the claim is about
    assert at.who in first


@pytest.mark.parametrize("verb", list(ClaimVerb))
def test_every_verb_reads_as_a_claim_by_its_claimant(verb: ClaimVerb) -> None:
    """One wording for every claim, from sentences.py: each verb names who makes the claim."""
    by_group = claim_note(Attribution(verb=verb, group="some members"))
    by_actor = claim_note(Attribution(verb=verb, by="an-envoy"))
    assert render(by_group, str).startswith(" (") and render(by_group, str).endswith("some members)")
    assert render(by_actor, {"an-envoy": "Ann Envoy"}.__getitem__).endswith("Ann Envoy)")
    assert claim_note(None) == ()
    assert claimed_text("Backers", None, str) == "Backers"
    assert claimed_text("Backers", Attribution(verb=verb, group="x"), str) == "Backers" + render(by_group, str).replace(
        "some members", "x"
    )
