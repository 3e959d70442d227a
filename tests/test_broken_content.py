"""Every case under tests/broken/ must fail `check` with exactly its expected lines."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BROKEN, ROOT, materialise

from generator.adapters.cli import main

CASES = sorted(p for p in BROKEN.iterdir() if p.is_dir() and not p.name.startswith("_"))


def test_corpus_is_large_enough() -> None:
    failing = [c for c in CASES if not c.name.endswith("-accepted")]
    assert len(failing) >= 30


def test_base_is_valid(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = materialise(BROKEN / "_base", tmp_path)
    assert main(["check", "--content", str(content)]) == 0
    assert capsys.readouterr().out.startswith("content/ is valid: ")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case(case: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], regenerate: bool) -> None:
    content = materialise(case, tmp_path)
    code = main(["check", "--content", str(content)])
    captured = capsys.readouterr()
    output = captured.out if case.name.endswith("-accepted") else captured.err
    expected_file = case / "expected.txt"
    if regenerate:
        expected_file.write_text(output, encoding="utf-8")
    assert "Traceback" not in captured.err
    assert code == (0 if case.name.endswith("-accepted") else 1)
    assert output == expected_file.read_text(encoding="utf-8")


def test_cli_exits_1_without_traceback(tmp_path: Path) -> None:
    """The real command, in a real process: exit status 1 and only located lines."""
    content = materialise(BROKEN / "unknown-reference", tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "generator", "check", "--content", str(content)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (BROKEN / "unknown-reference" / "expected.txt").read_text()


def test_paths_are_shown_as_the_editor_typed_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--content ../scratch` prints `../scratch/...`: a path the editor can paste back."""
    materialise(BROKEN / "unknown-reference", tmp_path / "scratch")
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    assert main(["check", "--content", "../scratch/content"]) == 1
    assert capsys.readouterr().err.startswith("../scratch/content/events.yml:5:12: meeting.actors[0]: ")
    assert main(["check", "--content", "../scratch/./content/"]) == 1
    assert capsys.readouterr().err.startswith("../scratch/content/events.yml:5:12: ")
