"""Issue 22's smaller breaks, each made impossible: part keys that collide, UN symbols that walk
undocs.org's paths, CSV cells a consumer cannot read back, problem lines too long to read,
and content that reaches the editors' guide as Markdown."""

from __future__ import annotations

import csv
import io
import posixpath
import shutil
import urllib.parse
from pathlib import Path

import yaml
from conftest import TESTS
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.facts.official import UN_DOCUMENTS, official_text
from generator.facts.parts import Place, by_prefix
from generator.pipeline import build_site
from generator.site.exports.tables import MAX_CELL

FIXTURE = TESTS / "fixtures" / "harbour-story"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="中u4e2dA _-é.", min_size=1, max_size=6), min_size=2, max_size=12, unique=True))
def test_page_size_one_part_keys_never_collide(names: list[str]) -> None:
    """With page_size 1, "中" and "u4e2d" had the same part key: two index entries, one page.
    Whatever the names, each part has its own key, and each record is on the part of its key."""
    found = by_prefix(Place("sources.md", "sources"), {f"r{i}": name for i, name in enumerate(names)}, 1)
    assert found is not None
    parts, part_of = found
    keys = [p.key for p in parts.parts]
    assert len(keys) == len(set(keys)), keys
    assert set(part_of.values()) == set(keys)
    assert sum(p.count for p in parts.parts) == len(names)


@given(st.text(alphabet="ASE/.-() 0123456789RESPVabc?#%\\", max_size=20))
def test_un_symbols_never_walk_undocs_paths(symbol: str) -> None:
    """`S/../../x` made a link that walked up undocs.org's paths. Any symbol gives no link or a link
    whose path is its own normal form, under undocs.org, with nothing but a path."""
    url = official_text(symbol)
    if url is None:
        return
    assert url.startswith(UN_DOCUMENTS)
    parts = urllib.parse.urlsplit(url)
    assert (parts.query, parts.fragment) == ("", "")
    assert posixpath.normpath(parts.path) == parts.path, url
    assert "//" not in parts.path


def test_un_symbol_grammar() -> None:
    assert official_text("S/../../x") is None
    assert official_text("S/2012/538/") is None
    assert official_text("E/CN.4/2005/L.10/Add.11") == "https://undocs.org/E/CN.4/2005/L.10/Add.11"
    assert official_text("S/RES/2043 (2012)") == "https://undocs.org/S/RES/2043(2012)"


def test_csv_field_limit_on_reading_back_large_fields(tmp_path: Path) -> None:
    """A 2 MB title exceeded Python csv's field limit when its table was read back. Every cell of
    every table is read back whole by Python's csv at its default limit, and fits a spreadsheet's
    cell; a longer text is cut with a note saying where the whole text is."""
    content = Path(shutil.copytree(FIXTURE, tmp_path / "content"))
    events = yaml.safe_load((content / "events.yml").read_text(encoding="utf-8"))
    events[0]["title"] = "Long title " + "x" * 300_000
    (content / "events.yml").write_text(yaml.safe_dump(events, allow_unicode=True), encoding="utf-8")
    site = build_site(content)
    cut = 0
    for path, data in site.files.items():
        if not path.endswith(".csv"):
            continue
        for row in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")):
            assert all(len(cell) <= MAX_CELL for cell in row), path
            cut += sum("characters; the whole text is in data/story.json]" in cell for cell in row)
    assert cut >= 1


@settings(max_examples=60, deadline=None)
@given(
    st.text(alphabet="`ab |<>[]():/\\*_", min_size=1, max_size=30).map(
        lambda s: s + " [click](javascript:window.__pwned=1) <script>window.__pwned=1</script>"
    )
)
def test_guide_escaping_of_content_backticks_and_links(text: str) -> None:
    """A backtick in content ended the example's code span in EDITING.md, and a `javascript:` link
    after it became a live link. Whatever the text, its example cell is one code span holding it."""
    import markdown

    from generator.adapters.guide import code_span

    shown = text[:70] + ("…" if len(text) > 70 else "")
    row = f"| a | b |\n|---|---|\n| x | {code_span(shown).replace('|', chr(92) + '|')} |\n"
    page = markdown.markdown(row, extensions=["tables"])
    assert "<a " not in page and "<script" not in page, page
    assert page.count("<code>") == 1, page


def test_guide_shows_a_hostile_example_as_code(tmp_path: Path) -> None:
    from generator.adapters.guide import render_guide

    content = Path(shutil.copytree(FIXTURE, tmp_path / "content"))
    story = yaml.safe_load((content / "story.yml").read_text(encoding="utf-8"))
    story["headline"] = "a `` b ` [click](javascript:x) c"
    (content / "story.yml").write_text(yaml.safe_dump(story, allow_unicode=True), encoding="utf-8")
    guide = render_guide("# Guide\n", content)
    assert "| ```a `` b ` [click](javascript:x) c``` |" in guide


def test_long_quoted_values_are_cut_in_problem_lines(tmp_path: Path) -> None:
    """One problem line was 60,129 characters long. Every line `check` prints is short, whatever
    the value it quotes, and still ends with how to fix the problem."""
    import contextlib

    from generator.adapters.cli import main

    content = Path(shutil.copytree(FIXTURE, tmp_path / "content"))
    story = yaml.safe_load((content / "story.yml").read_text(encoding="utf-8"))
    long = "x" * 60_000
    story["summary"] = (
        f"[a](javascript:{long}) [b](https://[{long}) [[{long}!]] [[dana-lee|Dana {long}[^src]]] "
        f"[c {long} [^harbour-news-2019-03-14]](https://example.org/) [^{long}!]"
    )
    (content / "story.yml").write_text(yaml.safe_dump(story, allow_unicode=True), encoding="utf-8")
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        assert main(["check", "--content", str(content)]) == 1
    first, last = err.getvalue().splitlines()  # the summary's problems, on one line
    assert last == "1 problem found; the site was not built."
    assert len(first) < 1_000, len(first)
    for said in ("is not allowed", "is not a web address", "is not a valid reference", "citation marker"):
        assert said in first, said
    assert first.endswith("(put the marker after the reference: [[id|text]][^source-id])")
