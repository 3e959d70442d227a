"""`new update`, `new highlight` and `new correction`: entries added to story.yml's logs as text.

Each job of EDITING.md has its scaffold; whatever the story's logs look like (absent, `[]`,
a block list, CRLF lines), the story gains exactly one entry, or is left as it was.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import BROKEN, materialise
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.adapters import story_log
from generator.adapters.cli import main
from generator.adapters.scaffold import ScaffoldError
from generator.content.safe_yaml import load_file
from generator.pipeline import load_checked

PUBLISHED = "2020-05-01T09:00:00Z"  # the base story's first publication


def story_data(content: Path) -> dict[str, object]:
    parsed, problems = load_file(content / "story.yml", "story.yml")
    assert not problems and isinstance(parsed.data, dict)
    return parsed.data


def test_the_three_jobs_on_a_story_with_no_logs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = materialise(BROKEN / "_base", tmp_path)
    before = (content / "story.yml").read_text(encoding="utf-8")
    assert main(["new", "update", "Added the count.", "--at", "2020-05-02T09:00:00Z", "--content", str(content)]) == 0
    assert main(["new", "highlight", "Blue leads.[^gazette-2020-05-01]", "--content", str(content)]) == 0
    assert main(["new", "correction", "alice", "--at", "2020-05-02T10:00:00Z", "--content", str(content)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1].startswith("added a highlight added at 2020-05-02T09:00:00Z to ")  # the latest update's time
    assert out[2].startswith("added a correction of 'alice' (content/actors.yml:1) at 2020-05-02T10:00:00Z to ")
    after = (content / "story.yml").read_text(encoding="utf-8")
    assert after.startswith(before)  # nothing above was touched
    assert after[len(before) :] == (
        "updates:\n"
        '  - at: "2020-05-02T09:00:00Z"\n'
        '    text: "Added the count."\n'
        "highlights:\n"
        '  - text: "Blue leads.[^gazette-2020-05-01]"\n'
        '    added: "2020-05-02T09:00:00Z"\n'
        "corrections:\n"
        '  - at: "2020-05-02T10:00:00Z"\n'
        '    text: "TODO: what was wrong, and what it says now"\n'
        "    record: alice  # corrected in content/actors.yml:1\n"
    )
    assert main(["check", "--content", str(content)]) == 1
    line = next(n for n, text in enumerate(after.splitlines(), 1) if "TODO: what was wrong" in text)
    assert capsys.readouterr().err.splitlines()[0] == (
        f"content/story.yml:{line}:11: corrections[0].text: still a placeholder (replace TODO with the real value; "
        "the comment on the line says what goes there)"
    )
    story = content / "story.yml"
    story.write_text(after.replace("TODO: what was wrong, and what it says now", "Alice is on the blue side."))
    assert main(["check", "--content", str(content)]) == 0


def test_an_empty_flow_list_becomes_a_block_list(tmp_path: Path) -> None:
    content = materialise(BROKEN / "_base", tmp_path)
    story = content / "story.yml"
    story.write_text(story.read_text() + "corrections: []  # none yet\n\nupdates: []\n", encoding="utf-8")
    story_log.add(content, "correction", "story", "2020-05-01T10:00:00Z")
    assert story.read_text().endswith(
        'corrections:\n  - at: "2020-05-01T10:00:00Z"\n    text: "TODO: what was wrong, and what it says now"\n'
        "# none yet\n\nupdates: []\n"
    )


def test_a_key_with_no_value_gets_its_first_entry(tmp_path: Path) -> None:
    content = materialise(BROKEN / "_base", tmp_path)
    story = content / "story.yml"
    story.write_text(story.read_text() + "corrections:\nupdates: []\n", encoding="utf-8")
    story_log.add(content, "correction", "alice", "2020-05-01T10:00:00Z")
    assert story.read_text().endswith(
        'corrections:\n  - at: "2020-05-01T10:00:00Z"\n    text: "TODO: what was wrong, and what it says now"\n'
        "    record: alice  # corrected in content/actors.yml:1\nupdates: []\n"
    )


def test_a_highlight_leads_and_an_update_follows_the_last(tmp_path: Path) -> None:
    content = materialise(BROKEN / "_base", tmp_path)
    story = content / "story.yml"
    story.write_text(
        story.read_text()
        + "highlights:\n  # newest first\n  - {text: 'Old.[^gazette-2020-05-01]', added: \"2020-05-01T09:00:00Z\"}\n"
        + 'updates:\n  - at: "2020-05-01T09:00:00Z"\n    text: First.\n\n# the end\n',
        encoding="utf-8",
    )
    story_log.add(content, "update", "Second.", "2020-05-03T09:00:00Z")
    story_log.add(content, "highlight", "New.[^gazette-2020-05-01]")
    data = story_data(content)
    assert data["highlights"] == [
        {"text": "New.[^gazette-2020-05-01]", "added": "2020-05-03T09:00:00Z"},
        {"text": "Old.[^gazette-2020-05-01]", "added": "2020-05-01T09:00:00Z"},
    ]
    assert [u["at"] for u in data["updates"]] == ["2020-05-01T09:00:00Z", "2020-05-03T09:00:00Z"]  # type: ignore[index]
    assert "  # newest first\n  - text:" in story.read_text() and story.read_text().endswith("\n# the end\n")
    highlights = load_checked(content).story.highlights
    assert [h.added.iso() for h in highlights] == ["2020-05-03T09:00:00Z", "2020-05-01T09:00:00Z"]


def test_an_update_follows_a_last_entry_written_as_a_block_of_text(tmp_path: Path) -> None:
    content = materialise(BROKEN / "_base", tmp_path)
    story = content / "story.yml"
    story.write_text(
        story.read_text()
        + 'updates:\n  - at: "2020-05-01T09:00:00Z"\n    text: >-\n      First,\n      in two lines.\n'
        "byline: [Test desk]\n".replace("byline", "contributors"),
        encoding="utf-8",
    )
    story_log.add(content, "update", "Second.", "2020-05-03T09:00:00Z")
    data = story_data(content)
    assert data["updates"] == [
        {"at": "2020-05-01T09:00:00Z", "text": "First, in two lines."},
        {"at": "2020-05-03T09:00:00Z", "text": "Second."},
    ]
    assert data["contributors"] == ["Test desk"]


def test_crlf_lines_stay_crlf(tmp_path: Path) -> None:
    content = materialise(BROKEN / "_base", tmp_path)
    story = content / "story.yml"
    story.write_bytes((story.read_text() + "updates: []\n").replace("\n", "\r\n").encode())
    story_log.add(content, "update", "Second.", "2020-05-03T09:00:00Z")
    raw = story.read_bytes()
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert story_data(content)["updates"] == [{"at": "2020-05-03T09:00:00Z", "text": "Second."}]


def test_a_correction_of_an_unknown_record_says_which_it_may_mean(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = materialise(BROKEN / "_base", tmp_path)
    before = (content / "story.yml").read_bytes()
    assert main(["new", "correction", "alise", "--content", str(content)]) == 1
    assert capsys.readouterr().err == (
        "error: no record has the id 'alise' (did you mean 'alice'?); give the id of the record you corrected, "
        "or 'story' for the story's own text\n"
    )
    assert (content / "story.yml").read_bytes() == before


def test_a_bad_time_is_refused_with_the_form_to_use(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = materialise(BROKEN / "_base", tmp_path)
    assert main(["new", "update", "Second.", "--at", "2020-05-03 09:00", "--content", str(content)]) == 1
    assert capsys.readouterr().err == (
        "error: --at '2020-05-03 09:00': '2020-05-03 09:00' has no time zone (add Z for UTC or an offset like +03:00)\n"
    )
    with pytest.raises(ScaffoldError):
        story_log.add(content, "update", "Second.", "yesterday")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=40))
def test_any_text_is_written_as_valid_yaml_that_reads_back_the_same(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    content = materialise(BROKEN / "_base", tmp_path_factory.mktemp("log"))
    try:
        story_log.add(content, "update", text, "2020-05-03T09:00:00Z")
    except ScaffoldError:
        return  # a name `new` refuses for every kind (noncharacters, bidi controls, blank)
    assert story_data(content)["updates"] == [{"at": "2020-05-03T09:00:00Z", "text": text.strip()}]


def test_new_names_the_same_log_words_it_takes() -> None:
    from generator.adapters import scaffold

    assert tuple(story_log.LOGS) == scaffold.LOG_WORDS
