"""Golden pages: the fixture story's rendered Markdown, compared with committed files.

Regenerate with `python -m pytest tests/test_golden.py --regenerate`, then review the
diff; never edit the files under tests/golden by hand.
"""

from __future__ import annotations

import shutil

from conftest import TESTS

from generator.pipeline import build_site

FIXTURE = TESTS / "fixtures" / "harbour-story"
GOLDEN = TESTS / "golden" / "harbour-story"


def test_rendered_pages_match_the_golden_files(regenerate: bool) -> None:
    site = build_site(FIXTURE)
    rendered = {path: page.text for path, page in site.pages.items()}
    if regenerate:
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for path, text in rendered.items():
            target = GOLDEN / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    golden = {p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8") for p in GOLDEN.rglob("*.md")}
    assert sorted(rendered) == sorted(golden)
    for path, text in rendered.items():
        assert text == golden[path], f"{path} differs from tests/golden; rerun with --regenerate if intended"
