"""The charts' font (generator/site/fonts.py): measured by its real advance widths, published
with the site the same every time, and declared by story.css for the classes drawn bold."""

from __future__ import annotations

import io
import re
import struct

import brotli
import pytest
from conftest import ROOT
from fontTools.ttLib import TTFont, woff2

from generator.site import fonts, svg


def test_width_is_the_sum_of_the_served_files_advances() -> None:
    face = next(f for f in fonts.FACES if f.weight == fonts.REGULAR and f.subset.name == "latin")
    font = TTFont(io.BytesIO(fonts.face_bytes(face)))
    cmap, metrics, per_em = font.getBestCmap(), font["hmtx"].metrics, font["head"].unitsPerEm
    expected = 13 * sum(metrics[cmap[ord(ch)]][0] for ch in "Deaths") / per_em
    assert fonts.text_width("Deaths", 13) == expected
    assert svg.text_width("Deaths") == expected  # the charts' default size is 13 units


def test_the_widths_read_by_hand_are_fonttools_widths_for_every_character() -> None:
    # The hand reader (_read_advances) is the fast path; fontTools the plain way.
    for face in fonts.FACES:
        by_hand = fonts._read_advances(fonts.face_bytes(face))
        assert list(by_hand.items()) == list(fonts._advances_by_fonttools(fonts.face_bytes(face)).items()), face.path
    for weight in (fonts.REGULAR, fonts.BOLD):
        merged: dict[str, float] = {}
        for face in fonts.FACES:
            if face.weight == weight:
                for ch, width in fonts._advances_by_fonttools(fonts.face_bytes(face)).items():
                    merged.setdefault(ch, width)
        assert fonts._advances(weight) == merged


def _laid_out(face: fonts.Face, transformed: set[str] | None) -> bytes:
    """The face saved again: as plain TrueType (None), or as WOFF2 with these tables transformed."""
    font = TTFont(io.BytesIO(fonts.face_bytes(face)))
    font.flavor = None
    plain = io.BytesIO()
    font.save(plain)
    if transformed is None:
        return plain.getvalue()
    out = io.BytesIO()
    plain.seek(0)
    woff2.compress(plain, out, transform_tables=transformed)
    return out.getvalue()


@pytest.mark.parametrize(
    ("transformed", "by_hand"),
    [(set(), True), ({"glyf", "loca"}, True), ({"glyf", "loca", "hmtx"}, False), (None, False)],
)
def test_a_font_file_laid_out_otherwise_is_read_right_or_by_fonttools(
    transformed: set[str] | None, by_hand: bool
) -> None:
    face = next(f for f in fonts.FACES if f.weight == fonts.BOLD and f.subset.name == "extended")
    expected = fonts._advances_by_fonttools(fonts.face_bytes(face))
    data = _laid_out(face, transformed)
    assert fonts._face_advances(data) == expected
    if by_hand:
        assert fonts._read_advances(data) == expected
    else:
        with pytest.raises(ValueError, match=r"not a WOFF2 file|hmtx is transformed"):
            fonts._read_advances(data)


def test_a_broken_font_file_is_not_read_by_hand() -> None:
    data = fonts.face_bytes(fonts.FACES[0])
    for broken in (data[:40], data[:200], data[:-100], b"wOF2" + bytes(60)):
        with pytest.raises((ValueError, KeyError, IndexError, struct.error, brotli.error)):
            fonts._read_advances(broken)


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
