"""What holds for any valid story in content/, after any edit: never a count, a list or a date of it.

The story is content/, or the folder STORY_CONTENT names (tests/test_editing_loop.py runs this
file on the first story after each of EDITING.md's jobs, on the `init` story and on the engine's
fixture story). A story that fails here fails `check` first: these tests only confirm it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT, broken_links, first_story, story_content
from test_editions import html_of, late_times

from generator.adapters import json_schema as schema
from generator.adapters.cli import main
from generator.content.load import Content, content_files
from generator.content.pages import edition_path
from generator.facts import citations
from generator.facts.claims import unsourced
from generator.pipeline import load_checked

pytestmark = pytest.mark.story


@pytest.fixture(scope="module")
def content() -> Content:
    return load_checked(story_content())


@pytest.fixture(scope="module")
def site(story_built: tuple[Path, str]) -> Path:
    """The story built by MkDocs with the project's theme and mkdocs.yml, --strict (once per session)."""
    return story_built[0]


def test_check_passes_with_one_summary_line(capsys: pytest.CaptureFixture[str]) -> None:
    folder = story_content()
    assert main(["check", "--content", str(folder)]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith(f"{folder.name}/ is valid: ") and captured.out.count("\n") == 1


def test_every_sentence_of_the_story_s_own_prose_cites_a_source(content: Content) -> None:
    """check's rule, the same function: a record's own `sources` back its text; the story's prose has none."""
    assert [str(p) for p in citations.problems(content)[0]] == []
    own = [c for c in unsourced(content) if not c.record]
    assert own == [] or content.story.missing_citations.value == "warning"


def test_every_schema_line_leads_to_its_schema() -> None:
    """A story need not name its schemas (the editor's plugin is a help, not a rule), but a line that
    does must lead to the right one from where the story is built, the repository's content/."""
    folder = story_content()
    files = sorted(p for paths in content_files(folder)[0].values() for p in paths)
    for path in [folder / "story.yml", *files]:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        if not first.startswith("# yaml-language-server: $schema="):
            continue
        where = ROOT / "content" / path.relative_to(folder)
        target = (where.parent / first.split("=", 1)[1]).resolve()
        kind = "story" if path.name == "story.yml" else path.relative_to(folder).parts[0].removesuffix(".yml")
        assert target == (schema.SCHEMA_DIR / f"{kind}.json").resolve(), path
        json.loads(target.read_text(encoding="utf-8"))


def test_the_first_story_names_its_schema_in_every_file() -> None:
    folder = first_story()
    files = sorted(p for paths in content_files(folder)[0].values() for p in paths)
    assert [p for p in [folder / "story.yml", *files] if "$schema=" not in p.read_text(encoding="utf-8")] == []


def test_the_site_builds_with_no_broken_link(site: Path) -> None:
    assert (site / "index.html").is_file()
    assert broken_links(site) == []


def test_every_actor_has_a_page(content: Content, site: Path) -> None:
    missing = [a.id for a in content.actors if not (site / "actors" / a.id / "index.html").is_file()]
    assert missing == []


def test_the_overview_and_each_edition_show_nothing_after_their_moment(content: Content, site: Path) -> None:
    story = content.story
    assert late_times(site / "index.html", story.now) == []
    for update in story.updates:
        page = html_of(site, edition_path(update.at))
        assert page.is_file(), f"no edition for the update of {update.at.iso()}"
        assert late_times(page, update.at) == [], page
