"""Editors' tools: scaffolding new records, the generated guide, editor settings."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import BROKEN, ROOT, build_site_with_mkdocs, materialise

from generator.adapters import guide, starter
from generator.adapters import json_schema as schema
from generator.adapters.cli import main
from generator.content.kinds import KINDS
from generator.pipeline import load_checked


def test_new_appends_a_stub_and_check_points_at_each_placeholder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = materialise(BROKEN / "_base", tmp_path)
    (content / "events.yml").write_text(
        "# Events, newest last.\n- id: meeting\n  date: 2020-05-01\n"
        "  title: A meeting\n  kind: meeting\n  sources: [gazette-2020-05-01]\n"
    )
    before = (content / "events.yml").read_text()
    assert main(["new", "event", "Budget hearing", "--content", str(content)]) == 0
    assert capsys.readouterr().out.startswith("added 'budget-hearing' to ")
    after = (content / "events.yml").read_text()
    assert after.startswith(before)  # comments and order kept
    assert after[len(before) :] == (
        "\n- id: budget-hearing\n"
        "  date: TODO  # a date: 2012-07-11, 2012-07 or 2012\n"
        '  title: "Budget hearing"\n'
        "  kind: TODO  # one of: meeting, visit, announcement, attack, briefing, statement, appointment, "
        "conference, decision, other\n"
        "  sources: [TODO]  # Ids of the sources that back this record (at least one).\n"
    )
    assert main(["check", "--content", str(content)]) == 1
    hint = "still a placeholder (replace TODO with the real value; the comment on the line says what goes there)"
    assert capsys.readouterr().err.splitlines() == [
        f"content/events.yml:9:9: budget-hearing.date: {hint}",
        f"content/events.yml:11:9: budget-hearing.kind: {hint}",
        f"content/events.yml:12:13: budget-hearing.sources[0]: {hint}",
        "3 problems found; the site was not built.",
    ]
    filled = (
        after.replace("date: TODO", "date: 2020-05-01")
        .replace("kind: TODO", "kind: meeting")
        .replace("[TODO]", "[gazette-2020-05-01]")
    )
    (content / "events.yml").write_text(filled)
    assert main(["check", "--content", str(content)]) == 0


@pytest.mark.parametrize("word", [kind.words[0] for kind in KINDS])
def test_every_kind_can_be_scaffolded(word: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = materialise(BROKEN / "_base", tmp_path)
    assert main(["new", word, "Alice", "--content", str(content)]) == 0
    out = capsys.readouterr().out
    # 'alice' is taken; a defection's id ends with the month of the story's latest update.
    assert ("'alice-2020-05'" if word == "defection" else "'alice-2'") in out
    assert main(["check", "--content", str(content)]) == 1
    errors = capsys.readouterr().err.splitlines()[:-1]
    assert errors and all("still a placeholder" in line for line in errors), errors


def test_new_with_an_unknown_kind_says_which_kinds_exist(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = materialise(BROKEN / "_base", tmp_path)
    assert main(["new", "actr", "X", "--content", str(content)]) == 1
    assert capsys.readouterr().err == (
        "error: 'actr' is not a kind of record (did you mean 'actor'? use one of: actor, contested-seat, defection, "
        "document, event, figure, membership, mission, plan, quote, seat, source, term, un-move; or update, "
        "highlight, correction for an entry of story.yml's logs)\n"
    )
    assert main(["new", "highlights", "X", "--content", str(content)]) == 1
    assert capsys.readouterr().err.startswith("error: 'highlights' is not a kind of record (did you mean 'highlight'? ")
    # A file's name is not a word `new` takes: said, with the word to use, not taken silently.
    assert main(["new", "glossary", "X", "--content", str(content)]) == 1
    assert capsys.readouterr().err.startswith("error: 'glossary' is not a kind of record (did you mean 'term'? ")


def test_a_defection_id_follows_the_name_and_month_convention(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = materialise(BROKEN / "_base", tmp_path)
    assert main(["new", "defection", "Bob Brown", "--content", str(content)]) == 0
    assert "'bob-brown-2020-05'" in capsys.readouterr().out  # the month of the story's now
    assert main(["new", "defection", "Bob Brown 2019-11", "--content", str(content)]) == 0
    assert "'bob-brown-2019-11'" in capsys.readouterr().out  # a month in the name is kept


def test_every_field_has_a_description() -> None:
    assert guide.undocumented() == []


def test_committed_guide_is_current() -> None:
    """EDITING.md's examples come from the engine's invented story, so no edit to content/ makes it stale."""
    committed = (ROOT / "EDITING.md").read_text(encoding="utf-8")
    assert committed == guide.render_guide(committed, ROOT / guide.EXAMPLES), "run python -m generator guide"


def test_committed_guide_lists_every_kind_and_field() -> None:
    """Whatever story content/ holds, the guide names every field of every model, with its meaning."""
    committed = (ROOT / "EDITING.md").read_text(encoding="utf-8")
    for kind in (k.name for k in KINDS):
        assert f"### {kind.capitalize()}" in committed
    bare = guide.render_guide(committed, None)
    rows = [line.split(" | ")[:4] for line in bare.splitlines() if line.startswith("| `")]
    committed_rows = [line.split(" | ")[:4] for line in committed.splitlines() if line.startswith("| `")]
    assert rows == committed_rows, "run python -m generator guide"


def test_vscode_maps_every_schema_to_its_files() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapped = settings["yaml.schemas"]
    assert sorted(mapped) == sorted(f"generator/schema/{name}" for name in schema.schemas())
    assert mapped == schema.vscode_mapping(), "run python -m generator schema"
    assert mapped["generator/schema/actors.json"][0] == "content/actors.yml"


@pytest.mark.parametrize("command", ["init", "check", "pages", "new", "guide", "schema", "translations"])
def test_every_command_has_help_with_an_example(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "example:\n  python -m generator " + command in out


def test_init_writes_a_story_that_checks_and_builds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A new story: one record of each kind, valid, and built by MkDocs with the project's theme."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "theme", project / "theme")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    assert main(["init", str(project / "content")]) == 0
    out = capsys.readouterr().out
    assert "wrote a starter story of" in out
    assert out.endswith("its schema lines are written for the story's place in the repository's content/ folder\n")
    assert main(["check", "--content", str(project / "content")]) == 0
    content = load_checked(project / "content")
    assert [kind.name for kind, records in content.by_kind() if not records] == []
    for path in (project / "content").rglob("*.yml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        # Made outside the repository: the lines are right once the story is copied into content/.
        where = ROOT / "content" / path.relative_to(project / "content")
        schema_file = (where.parent / first.split("=", 1)[1]).resolve()
        assert schema_file.parent == (ROOT / "generator" / "schema").resolve() and schema_file.is_file(), path
    build_site_with_mkdocs(project, tmp_path / "site")
    assert (tmp_path / "site" / "votes" / "budget-motion" / "index.html").is_file()


def test_init_never_writes_over_a_story(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "story").mkdir()
    (tmp_path / "story" / "notes.txt").write_text("mine")
    assert main(["init", str(tmp_path / "story")]) == 1
    assert capsys.readouterr().err == (
        f"error: {tmp_path / 'story'} is not empty; give a new or empty folder, so no story is overwritten\n"
    )
    assert sorted(p.name for p in (tmp_path / "story").iterdir()) == ["notes.txt"]


def test_the_starter_story_documents_every_kind() -> None:
    names = {p.parts[0].removesuffix(".yml") for p in starter.starter_files()}
    assert {kind.name for kind in KINDS} | {"story", "pages"} == names


def test_init_points_at_the_schemas_from_where_the_story_will_live(tmp_path: Path) -> None:
    """Inside the repository, from the story's own folder; outside it, from content/, where it will be built."""
    inside = starter.schema_line(ROOT / "stories" / "libya", Path("story.yml"))
    assert inside == "# yaml-language-server: $schema=../../generator/schema/story.json\n"
    outside = starter.schema_line(tmp_path / "scratch" / "libya", Path("actors/people.yml"))
    assert outside == "# yaml-language-server: $schema=../../generator/schema/actors.json\n"
    assert starter.schema_line(tmp_path / "libya", Path("story.yml")).endswith("=../generator/schema/story.json\n")
