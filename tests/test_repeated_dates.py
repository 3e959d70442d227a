"""A defection's date, repeated as the end of the role it ended and the side it left: `check`
warns, at the repeated date, when an edit changed it in one place only."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ENGINE_STORY

from generator.adapters.cli import main

DEFECTION_DATE = "  date: {earliest: 2023-03-01, latest: 2023-04-07, text: by 7 April 2023}\n"


def edited(tmp_path: Path, old: str, new: str, file: str = "defections.yml") -> Path:
    content = Path(shutil.copytree(ENGINE_STORY, tmp_path / "content"))
    text = (content / file).read_text(encoding="utf-8")
    assert old in text
    (content / file).write_text(text.replace(old, new), encoding="utf-8")
    return content


def test_a_defection_redated_alone_is_warned_about_at_each_date_it_repeats(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = edited(tmp_path, DEFECTION_DATE, "  date: 2023-05-02\n")
    assert main(["check", "--content", str(content)]) == 0  # a warning, not a failure
    repeat = (
        "cannot be the day of the defection 'ivo-stern-2023-04', 2023-05-02 (content/defections.yml:55), "
        "which it repeats; correct both to the same day"
    )
    assert capsys.readouterr().err.splitlines() == [
        f"content/actors.yml:25:43: ivo-stern.earlier_sides[0].until: warning: 2023-03-01/2023-04-07 {repeat}",
        f"content/actors.yml:27:68: ivo-stern.roles[0].end: warning: 2023-04 {repeat}",
    ]


def test_a_date_written_less_precisely_or_corrected_everywhere_is_no_disagreement(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = edited(tmp_path, DEFECTION_DATE, "  date: 2023-04-03\n")  # within the role's month and the side's range
    assert main(["check", "--content", str(content)]) == 0
    assert capsys.readouterr().err == ""
