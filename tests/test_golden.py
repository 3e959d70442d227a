"""Golden pages: each fixture story's rendered Markdown, compared with committed files.

Regenerate with `python -m pytest tests/test_golden.py --regenerate`, then review the
diff; never edit the files under tests/golden by hand.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import TESTS

from generator.pipeline import build_site

FIXTURES = sorted(p for p in (TESTS / "fixtures").iterdir() if p.is_dir())


def test_there_are_two_fixture_stories() -> None:
    assert [p.name for p in FIXTURES] == ["coup-story", "harbour-story"]


@pytest.mark.parametrize("fixture", FIXTURES, ids=[p.name for p in FIXTURES])
def test_rendered_pages_match_the_golden_files(fixture: Path, regenerate: bool) -> None:
    golden_dir = TESTS / "golden" / fixture.name
    site = build_site(fixture)
    rendered = {path: page.text for path, page in site.pages.items()}
    if regenerate:
        shutil.rmtree(golden_dir, ignore_errors=True)
        for path, text in rendered.items():
            target = golden_dir / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    golden = {p.relative_to(golden_dir).as_posix(): p.read_text(encoding="utf-8") for p in golden_dir.rglob("*.md")}
    assert sorted(rendered) == sorted(golden)
    for path, text in rendered.items():
        assert text == golden[path], f"{path} differs from tests/golden; rerun with --regenerate if intended"
