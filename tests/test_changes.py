"""`python -m generator changes BASE`: what changed for readers, on an invented story in a
temporary git repository, after a scripted edit, a correction and a silent edit.

The pull-request workflow prints this report in its job summary, so these tests are the
workflow's report tested too.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import TESTS

from generator.adapters.changes import kept
from generator.adapters.cli import main

STORY = TESTS / "fixtures" / "harbour-story"
CORRECTION = (
    '  - {at: "2019-03-16T10:00:00+01:00", text: An earlier version misquoted Dana Lee., '
    "record: lee-2019-03-14-too-long}\n"
)
TALKS = (
    "- id: talks-begin-2018-11\n  milestone: true\n  date: 2018-11\n  title: Contract talks begin\n  kind: meeting\n"
    "  actors: [town-council, bay-ferries]\n  sources: [harbour-news-2019-03-14]\n"
)


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository whose first commit holds the invented story in content/; the working directory."""
    shutil.copytree(STORY, tmp_path / "content")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-q", "-m", "story")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def edit(repo: Path, name: str, old: str, new: str) -> None:
    path = repo / "content" / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def changes(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["changes", "main", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_no_edit_reads_the_same(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert changes(capsys) == (0, "## What changed for readers since main\n\nNothing: the site reads the same.\n", "")


def test_a_scripted_edit_lists_records_added_changed_and_removed_and_the_pages(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # New reporting: a record added, a field filled in, a source added to a list, a highlight added.
    with (repo / "content" / "events.yml").open("a", encoding="utf-8") as events:
        events.write(
            "- id: ferry-vote-2019-03-14\n  date: 2019-03-14\n  title: The ferry vote\n  kind: meeting\n"
            "  sources: [council-minutes-2019-03-14]\n"
        )
    edit(
        repo,
        "events.yml",
        "  kind: meeting\n  actors: [town-council, bay-ferries]\n",
        "  kind: meeting\n  actors: [town-council, bay-ferries]\n  place: The town hall\n",
    )
    highlight = '  - {text: "Sam Okafor votes no.[^council-minutes-2019-03-14]", added: "2019-03-14T18:30:00+01:00"}\n'
    edit(repo, "story.yml", "updates:\n", highlight + "updates:\n")
    code, out, err = changes(capsys)
    assert (code, err) == (0, "")
    assert "Records: 1 added, 1 changed, 0 removed." in out
    assert "- event `ferry-vote-2019-03-14` (content/events.yml)\n" in out
    assert "- event `talks-begin-2018-11` (content/events.yml): place\n" in out
    assert "- highlights: 1 added\n" in out
    assert "- timeline.md (changed)\n" in out
    assert "- index.md (changed)\n" in out
    assert "Silent edits" not in out


def test_a_removed_record_is_a_silent_edit_until_a_correction_says_why(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(repo, "events.yml", TALKS, "")
    out = changes(capsys)[1]
    assert "### Removed\n\n- event `talks-begin-2018-11` (content/events.yml)\n" in out
    assert (
        "- content/events.yml: event 'talks-begin-2018-11' was removed after readers saw it, and no correction "
        "says so: add an entry to `corrections` in content/story.yml saying what was wrong and why it was taken out.\n"
    ) in out
    edit(
        repo,
        "story.yml",
        "media:\n",
        '  - {at: "2019-03-16T10:00:00+01:00", text: The talks did not begin in November.}\nmedia:\n',
    )
    assert "Silent edits" not in changes(capsys)[1]


def test_a_correction_naming_the_record_is_no_silent_edit(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(repo, "quotes.yml", "Ten years is too long", "Ten years is far too long")
    edit(repo, "story.yml", "media:\n", CORRECTION + "media:\n")
    code, out, err = changes(capsys, "--fail-on-silent-edits")
    assert (code, err) == (0, "")
    assert "- quote `lee-2019-03-14-too-long` (content/quotes.yml): text\n" in out
    assert "- corrections: 1 added\n" in out
    assert "Silent edits" not in out


def test_a_silent_edit_is_located_and_fails_only_when_asked(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(repo, "quotes.yml", "Ten years is too long", "Ten years is far too long")
    edit(repo, "figures.yml", "  value: 410000\n", "  value: 420000\n")
    code, out, err = changes(capsys)
    assert (code, err) == (0, "")
    assert "### ⚠ Silent edits (2)\n" in out
    assert (
        "- content/quotes.yml:3:3: quote 'lee-2019-03-14-too-long': `text` was changed after readers saw it, "
        "and no correction says so: add an entry to content/story.yml's `corrections` with "
        "`record: lee-2019-03-14-too-long`, saying what was wrong and what it now says.\n"
    ) in out
    assert (
        "- content/figures.yml:3:3: figure 'operator-2018-passengers': `value` was changed after readers saw it" in out
    )
    code, out, err = changes(capsys, "--fail-on-silent-edits")
    assert code == 1
    assert "Silent edits (2)" in out
    assert err == "error: 2 silent edit(s) since main: add the corrections named above\n"


def test_a_field_taken_away_is_a_silent_edit_located_at_its_record(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(repo, "quotes.yml", "  context: At a press conference before the vote.\n", "")
    assert (
        "- content/quotes.yml:1:3: quote 'lee-2019-03-14-too-long': `context` was removed after readers saw it"
        in changes(capsys)[1]
    )


def test_a_silent_edit_of_the_story_s_own_text_is_reported(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(repo, "story.yml", "leaves Harbour First before the vote", "quits Harbour First before the vote")
    out = changes(capsys)[1]
    assert "- highlights: 1 changed\n" in out
    assert "- content/story.yml: story: `highlights` was changed after readers saw it, and no correction says so" in out


def test_a_bad_base_is_a_clear_error(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["changes", "no-such-branch"]) == 1
    assert capsys.readouterr().err == (
        "error: no-such-branch: not a commit in this repository (try a branch, a tag or origin/main)\n"
    )


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (None, "x", True),  # filled in
        ("x", "x", True),
        ("x", "y", False),  # changed
        ("x", None, False),  # taken away
        (["a"], ["a", "b"], True),  # added to
        (["a", "b"], ["b"], False),
        ({"end": None, "title": "t"}, {"end": "2019", "title": "t"}, True),
        ([{"end": None, "title": "t"}], [{"end": "2019", "title": "t"}, {"title": "u"}], True),
        ([{"title": "t"}], [{"title": "u"}], False),
    ],
)
def test_kept_tells_news_from_edits(old: object, new: object, expected: bool) -> None:
    assert kept(old, new) is expected
