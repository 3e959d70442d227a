"""A newsroom's daily loop: after each of EDITING.md's jobs, and with any valid story, the tests of
the story in content/ still pass.

Each case makes a story in a temporary folder, then runs `pytest -m story` (the tests of the
story in content/, marked by conftest.py) in one subprocess with STORY_CONTENT and FIRST_STORY
pointing at it: the first story after a script does every job of the guide with the `new`
commands, the story `init` writes, and the engine's invented story. A test that pins a count,
a list or a date of today's story fails here.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ENGINE_STORY, ROOT, first_story

from generator.adapters.cli import main

pytestmark = pytest.mark.slow

# The jobs' times: after the first story's latest update (they move its "now" on).
UPDATE_AT = "2013-01-05T10:00:00Z"
CORRECTION_AT = "2013-01-05T11:00:00Z"


def new(content: Path, *words: str) -> None:
    assert main(["new", *words, "--content", str(content)]) == 0


def fill(path: Path, record_id: str, values: dict[str, str]) -> None:
    """Replace the TODOs a stub left in one record with values, as an editor would."""
    text = path.read_text(encoding="utf-8")
    start = text.index(f"- id: {record_id}\n")
    head, record = text[:start], text[start:]
    for field, value in values.items():
        record, count = re.subn(rf"(?m)^(\s+){field}: \[?TODO\]?.*$", rf"\g<1>{field}: {value}", record, count=1)
        assert count == 1, f"{record_id}.{field} has no TODO"
    path.write_text(head + record, encoding="utf-8")


def append(path: Path, lines: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + lines, encoding="utf-8")


def do_every_job(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Add a defection (with its person and source), record a vote, add an update with a
    highlight and log a correction, each the way EDITING.md says."""
    new(content, "source", "Example wire 2013-01-04")
    new(content, "actor", "Jane Example")
    new(content, "defection", "Jane Example 2013-01")
    new(content, "document", "S/2012/999")
    added = capsys.readouterr().out
    files = dict(re.findall(r"added '([a-z0-9-]+)' to (\S+);", added))
    fill(
        Path(files["example-wire-2013-01-04"]),
        "example-wire-2013-01-04",
        {
            "publisher": "Example Wire",
            "url": "https://example.org/wire/2013-01-04",
            "kind": "wire",
            "publisher_type": "wire",
        },
    )
    source_file = Path(files["example-wire-2013-01-04"])
    append(source_file, "  date: 2013-01-04\n")
    fill(
        Path(files["jane-example"]),
        "jane-example",
        {
            "kind": "person",
            "description": "An invented diplomat, added by the test of the editing loop.",
            "side": "opposition",
            "sources": "[example-wire-2013-01-04]",
        },
    )
    append(
        Path(files["jane-example"]),
        "  earlier_sides: [{side: government, until: 2013-01-04}]\n"
        "  roles:\n"
        "    - {title: Consul, organization: syrian-government, end: 2013-01-04, ended: defected}\n",
    )
    fill(
        Path(files["jane-example-2013-01"]),
        "jane-example-2013-01",
        {
            "actor": "jane-example",
            "date": "2013-01-04",
            "left": "[{role: Consul, organization: syrian-government}]",
            "sources": "[example-wire-2013-01-04]",
        },
    )
    fill(
        Path(files["s-2012-999"]),
        "s-2012-999",
        {
            "kind": "draft-resolution",
            "body": "un-security-council",
            "status": "adopted",
            "sources": "[example-wire-2013-01-04]",
        },
    )
    append(Path(files["s-2012-999"]), "  vote: {date: 2012-12-20, tally: {yes: 15, no: 0, abstain: 0}}\n")
    new(content, "update", "Added an invented defection and vote.", "--at", UPDATE_AT)
    new(content, "highlight", "Jane Example leaves her post.[^example-wire-2013-01-04]")
    new(content, "correction", "jane-example-2013-01", "--at", CORRECTION_AT)
    story = content / "story.yml"
    story.write_text(
        story.read_text(encoding="utf-8").replace(
            "TODO: what was wrong, and what it says now", "The defection was first dated a day late."
        ),
        encoding="utf-8",
    )
    capsys.readouterr()
    assert main(["check", "--content", str(content)]) == 0, capsys.readouterr().err
    assert capsys.readouterr().err == ""  # no warning either


def run_story_tests(content: Path) -> subprocess.CompletedProcess[str]:
    """`pytest -m story` in a subprocess, with the story tests pointed at `content`."""
    env = {**os.environ, "STORY_CONTENT": str(content), "FIRST_STORY": str(content)}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-m", "story", "-q", "-rfE", "-p", "no:cacheprovider", "tests"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=1200,
    )


def test_the_first_story_after_every_job_of_the_guide(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = Path(shutil.copytree(first_story(), tmp_path / "content"))
    do_every_job(content, capsys)
    result = run_story_tests(content)
    assert result.returncode == 0, result.stdout[-6000:]
    assert " passed" in result.stdout.splitlines()[-1]


@pytest.mark.parametrize("story", ["init", "engine"])
def test_another_story_in_content(story: str, tmp_path: Path) -> None:
    content = tmp_path / "content"
    if story == "init":
        assert main(["init", str(content)]) == 0
    else:
        shutil.copytree(ENGINE_STORY, content)
    result = run_story_tests(content)
    assert result.returncode == 0, result.stdout[-6000:]
    summary = result.stdout.splitlines()[-1]
    assert " passed" in summary and "error" not in summary, summary
