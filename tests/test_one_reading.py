"""One reading of content, the checked one: the MkDocs plugin reads story.yml only through the
checked load (issue 22, class 3), so hostile story files give located errors in `mkdocs build`
and a banner in `mkdocs serve`, never a traceback, a hang or a file looked up outside the theme.
"""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import TESTS, make_project
from test_serve import Server, wait_for

FIXTURE = TESTS / "fixtures" / "harbour-story"
LANGUAGE_LINE = "language: en-GB\n"
MAX_SECONDS = 30  # a build of the small fixture takes a few seconds; a refusal must not take longer


def _long_language() -> str:
    return "language: en-" + "-".join(["abcdefgh"] * 28) + "\n"


# Each: what replaces the language line of story.yml, and the located line it gives (None: it is
# valid, and builds; the plugin's old plain YAML reading read the byline's date as a date and failed).
HOSTILE_STORIES: dict[str, tuple[Callable[[], str], str | None]] = {
    "language-of-28-subtags": (
        _long_language,
        "content/story.yml:{line}:11: language: 'en-abcdefgh-abcdefgh-abcdefgh-abcdefgh-abcdefgh-abcdefgh-abc…' "
        "is not a language tag (write a BCP 47 tag such as en, ar or fr)",
    ),
    "language-walks-out-of-the-theme": (
        lambda: "language: ../../main\n",
        "content/story.yml:{line}:11: language: '../../main' is not a language tag "
        "(write a BCP 47 tag such as en, ar or fr)",
    ),
    "impossible-date-in-byline": (lambda: LANGUAGE_LINE + "byline: [x, 2024-02-30]\n", None),
    "nested-brackets": (
        lambda: LANGUAGE_LINE + "related: " + "[" * 3000 + "]" * 3000 + "\n",
        "content/story.yml:{next_line}:69: nested deeper than 60 levels (flatten the data)",
    ),
    "language-not-text": (
        lambda: "language: [en, {a: 2024-02-30}]\n",
        "content/story.yml:{line}:11: language: expected text, got a list (this field takes one value, not a list: "
        "write it without the brackets or dashes)",
    ),
    "huge-story-file": (
        lambda: LANGUAGE_LINE + "# " + "x" * 6_300_000 + "\n",
        "content/story.yml:1:1: file is {size:,} bytes, over the limit of 5,000,000 "
        "(split the records into several files in the same folder)",
    ),
}


def _project(tmp_path: Path) -> Path:
    return make_project(FIXTURE, tmp_path)


def _hostile(project: Path, case: str) -> str | None:
    story = project / "content" / "story.yml"
    text = story.read_text(encoding="utf-8")
    assert LANGUAGE_LINE in text
    make, located = HOSTILE_STORIES[case]
    text = re.sub(r"^byline:.*\n", "", text, count=1, flags=re.MULTILINE) if "byline:" in make() else text
    # Where the language line is in the fixture, and the file's size, as the message gives them.
    line = text[: text.index(LANGUAGE_LINE)].count("\n") + 1
    written = text.replace(LANGUAGE_LINE, make(), 1)
    story.write_text(written, encoding="utf-8")
    size = len(written.encode("utf-8"))
    return located.format(line=line, next_line=line + 1, size=size) if located else None


@pytest.mark.parametrize("case", sorted(HOSTILE_STORIES))
def test_the_plugin_reads_story_yml_once_checked_in_build(tmp_path: Path, case: str) -> None:
    project = _project(tmp_path)
    located = _hostile(project, case)
    start = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-d", str(tmp_path / "site")],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        timeout=120,
    )
    assert time.monotonic() - start < MAX_SECONDS
    assert "Traceback" not in result.stderr
    if located is None:
        assert result.returncode == 0, result.stderr[-2000:]
        return
    assert result.returncode == 1
    assert located in result.stderr.splitlines(), result.stderr[-2000:]
    assert not (tmp_path / "site" / "index.html").exists()


def test_the_plugin_reads_story_yml_once_checked_in_serve(tmp_path: Path) -> None:
    """In `mkdocs serve`, each hostile story gives the banner with its located line, then recovers."""
    project = _project(tmp_path)
    story = project / "content" / "story.yml"
    good = story.read_text(encoding="utf-8")
    server = Server(project)
    try:
        wait_for(lambda: "se-problems" not in server.page() and "<html" in server.page(), "the first build")
        for case in sorted(HOSTILE_STORIES):
            story.write_text(good, encoding="utf-8")
            located = _hostile(project, case)
            if located is None:
                wait_for(lambda: "x, 2024-02-30" in server.page() and "se-problems" not in server.page(), case)
                continue
            shown = html.escape(located)
            wait_for(lambda shown=shown: shown in server.page(), f"the banner for {case}")
        story.write_text(good, encoding="utf-8")
        wait_for(lambda: "se-problems" not in server.page(), "recovery")
        assert "Traceback" not in server.output()
    finally:
        server.stop()


def test_language_tags_are_bounded_and_resolved_from_a_fixed_list() -> None:
    """Whatever check accepts as a language is at most 34 characters; whatever text is asked for,
    the theme's language is one of Material's own or none, never a path made from the text."""
    import re as regex

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from generator.adapters.languages import material_language as _material_language
    from generator.adapters.languages import material_languages as _material_languages
    from generator.content.fields import LANGUAGE_PATTERN

    @settings(max_examples=200, deadline=None)
    @given(st.from_regex(LANGUAGE_PATTERN), st.text(max_size=40))
    def bounded(tag: str, text: str) -> None:
        tag = tag.rstrip("\n")  # from_regex's $ also matches before a final newline
        if regex.fullmatch(LANGUAGE_PATTERN.strip("^$"), tag):
            assert len(tag) <= 34
        assert _material_language(text) in {*_material_languages(), None}
        assert _material_language(tag) in {*_material_languages(), None}

    bounded()
    assert _material_language("pt-BR") == "pt-BR" and _material_language("en-GB") == "en"
    assert _material_language("../../main") is None
