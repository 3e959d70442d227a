"""Shared helpers: materialise content cases and run the CLI in-process."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
ROOT = TESTS.parent
BROKEN = TESTS / "broken"
BASE = BROKEN / "_base"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--regenerate", action="store_true",
                     help="rewrite expected outputs (broken cases and golden pages) from the current code")


@pytest.fixture
def regenerate(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--regenerate"))


def materialise(case: Path, target: Path) -> Path:
    """Copy the base content, then the case's files over it; return the content folder."""
    content = target / "content"
    shutil.copytree(BASE, content)
    for path in sorted(case.rglob("*")):
        if path.is_dir() or path.name in ("expected.txt", "DELETE", "GENERATE"):
            continue
        destination = content / path.relative_to(case)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, destination)
    if (case / "DELETE").exists():
        for name in (case / "DELETE").read_text().split():
            (content / name).unlink()
    if (case / "GENERATE").exists():
        for line in (case / "GENERATE").read_text().splitlines():
            name, size = line.split()
            _write_big(content / name, int(size))
    return content


def _write_big(path: Path, size: int) -> None:
    """Write valid-looking records until the file reaches `size` bytes."""
    record = ("- id: meeting-{n}\n  date: 2020-05-01\n  title: A meeting\n"
              "  kind: meeting\n  sources: [gazette-2020-05-01]\n")
    with path.open("w", encoding="utf-8") as out:
        written, n = 0, 0
        while written < size:
            written += out.write(record.format(n=n))
            n += 1
