"""The charts' font (generator/site/fonts.py): measured by its real advance widths, published
with the site the same every time, and declared by story.css for the classes drawn bold."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from conftest import ROOT
from fontTools.ttLib import TTFont

from generator.site import fonts, svg


def test_width_is_the_sum_of_the_served_files_advances() -> None:
    face = next(f for f in fonts.FACES if f.weight == fonts.REGULAR and f.subset.name == "latin")
    font = TTFont(io.BytesIO(fonts.face_bytes(face)))
    cmap, metrics, per_em = font.getBestCmap(), font["hmtx"].metrics, font["head"].unitsPerEm
    expected = 13 * sum(metrics[cmap[ord(ch)]][0] for ch in "Deaths") / per_em
    assert fonts.text_width("Deaths", 13) == expected
    assert svg.text_width("Deaths") == expected  # the charts' default size is 13 units


def test_the_widths_kept_in_the_cache_are_the_faces_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The cache (_face_advances) is the fast path; reading the served file with fontTools the plain way.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    for face in fonts.FACES:
        plain = fonts._read_advances(fonts.face_bytes(face))
        made = fonts._face_advances(face)  # read from the face, and kept
        kept = fonts._face_advances(face)  # read from the cache
        assert list(made.items()) == list(kept.items()) == list(plain.items()), face.path
    assert len(list((tmp_path / "story-explainer" / "fonts").glob(f"*.advances-{fonts.ADVANCES_VERSION}.json"))) == len(
        fonts.FACES
    )


@pytest.mark.parametrize(
    "written", ["", "{not json", "[1, 2]", "{}", '{"a": "wide"}', '{"a": 1}', '{"a": NaN}', '{"a": Infinity}', "\udcff"]
)
def test_a_broken_cache_of_widths_is_made_again(written: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    face = fonts.FACES[0]
    expected = fonts._read_advances(fonts.face_bytes(face))
    fonts._face_advances(face)
    (cached,) = (tmp_path / "story-explainer" / "fonts").glob(f"*.advances-{fonts.ADVANCES_VERSION}.json")
    cached.write_text(written, encoding="utf-8", errors="surrogateescape")
    assert fonts._face_advances(face) == expected
    assert json.loads(cached.read_text(encoding="utf-8")) == expected  # and kept whole again


def test_a_cache_folder_that_cannot_be_written_still_gives_the_widths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    face = fonts.FACES[0]
    fonts.face_bytes(face)
    folder = tmp_path / "story-explainer" / "fonts"
    folder.mkdir(parents=True, exist_ok=True)
    monkeypatch.setattr(Path, "write_text", _refuse)
    assert fonts._face_advances(face) == fonts._read_advances(fonts.face_bytes(face))


def _refuse(*args: object, **options: object) -> int:
    raise PermissionError("read-only")


def test_width_grows_with_size_text_and_weight() -> None:
    assert fonts.text_width("ii", 13) == 2 * fonts.text_width("i", 13)
    assert fonts.text_width("Deaths", 26) == 2 * fonts.text_width("Deaths", 13)
    assert fonts.text_width("Deaths", 13, bold=True) > fonts.text_width("Deaths", 13)
    assert fonts.text_width("W", 13) > fonts.text_width("i", 13)


def test_a_character_the_font_lacks_is_never_under_measured() -> None:
    assert "✕" not in set(fonts.characters())
    assert fonts.text_width("✕", 10) == 10 * fonts.MISSING_EM
    # Wider than any Latin letter or digit, bold, and than a CJK ideograph's full em.
    letters = [ch for ch in fonts.characters(fonts.BOLD) if ch.isascii() and ch.isalnum()]
    assert max(1.0, *(fonts.text_width(ch, 1, bold=True) for ch in letters)) <= fonts.MISSING_EM


def test_the_font_files_are_the_same_every_time() -> None:
    for face in fonts.FACES:
        assert fonts._make(face) == fonts.face_bytes(face), face.path


def test_the_stylesheet_names_every_face_once_and_nothing_else() -> None:
    published = fonts.files()
    css = published[fonts.STYLESHEET].decode()
    urls = re.findall(r'url\("\.\./([^"]+)"\)', css)
    assert sorted(urls) == sorted(face.path for face in fonts.FACES)
    assert all(url in published for url in urls)
    assert "LICENSE-OFL.txt" in " ".join(published)
    assert "//" not in css  # nothing from another host


def test_every_face_has_the_layouts_line_box() -> None:
    for face in fonts.FACES:
        font = TTFont(io.BytesIO(fonts.face_bytes(face)))
        per_em = font["head"].unitsPerEm
        assert (font["hhea"].ascent, -font["hhea"].descent) == (
            round(fonts.ASCENT * per_em),
            round(fonts.DESCENT * per_em),
        )


def test_the_classes_measured_bold_are_the_classes_drawn_bold() -> None:
    css = (ROOT / "theme" / "stylesheets" / "story.css").read_text(encoding="utf-8")
    drawn_bold = {
        name
        for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", css)
        if re.search(r"font-weight:\s*(700|bold)", body)
        for name in re.findall(r"\.(se-[\w-]+)", selectors)
    }
    assert drawn_bold >= svg.BOLD
    assert '"Story Explainer Charts"' in css and fonts.FAMILY == "Story Explainer Charts"


def test_a_cached_face_cut_short_is_made_again_not_published(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    face = fonts.FACES[0]
    fonts.face_bytes.cache_clear()
    try:
        whole = fonts.face_bytes(face)
        (cached,) = (tmp_path / "story-explainer" / "fonts").glob("*.woff2")
        cached.write_bytes(whole[: len(whole) // 2])
        fonts.face_bytes.cache_clear()
        assert fonts.face_bytes(face) == whole
        assert cached.read_bytes() == whole  # and kept whole again
    finally:
        fonts.face_bytes.cache_clear()  # the next test reads the faces from its own cache folder


def test_only_a_whole_woff2_file_is_taken_from_the_cache() -> None:
    whole = fonts._make(fonts.FACES[0])
    assert fonts._whole_woff2(whole)
    for broken in (b"", whole[:11], whole[:-1], whole + b"\0", b"<html>" + whole, b"wOFF" + whole[4:]):
        assert not fonts._whole_woff2(broken)
