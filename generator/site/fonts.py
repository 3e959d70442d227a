"""The charts' own font: shipped with the site, and measured with its real metrics.

Chart labels are laid out at build time (what fits, where to cut, where a label goes), so
the font the layout measures must be the font the reader's browser draws. Left to the
reader's fonts, a label measured for one sans-serif spills out of its chart in another.
So the site serves Noto Sans (SIL Open Font License, from the `fontpkg-noto-sans` package),
and Noto Sans Arabic for Arabic script (the same licence, `fontpkg-noto-sans-arabic`: Noto Sans
has no Arabic glyphs), subset to the scripts a story is likely to use and cut into two static weights, and the
layout measures text with those very files' advance widths. Nothing is requested from any
other host: the files are published beside the pages (fonts/), with their licence.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import math
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import fontpkg_noto_sans
import fontpkg_noto_sans_arabic
from fontTools import version as fonttools_version
from markupsafe import Markup

if TYPE_CHECKING:  # imported where used: a build with its fonts in the cache never needs it
    from fontTools.ttLib import TTFont

FAMILY = "Story Explainer Charts"  # the name story.css and the embed pages use
FOLDER = "fonts"  # where the files are published, from the site's root
STYLESHEET = f"{FOLDER}/charts.css"  # the @font-face rules: mkdocs.yml's extra_css, and each embed page, link it
SOURCE = Path(fontpkg_noto_sans.ROOT) / "files" / "NotoSans[wdth,wght].ttf"
LICENCE = Path(fontpkg_noto_sans.ROOT) / "LICENSE"
ARABIC_SOURCE = Path(fontpkg_noto_sans_arabic.ROOT) / "files" / "NotoSansArabic[wdth,wght].ttf"
ARABIC_LICENCE = Path(fontpkg_noto_sans_arabic.ROOT) / "LICENSE"
# Arabic letters join, and take their joined forms from these tables: a subset without them
# would draw every letter apart. Latin needs only kerning (see _make).
ARABIC_SHAPING = ("kern", "ccmp", "isol", "init", "medi", "fina", "rlig", "liga", "calt", "mark", "mkmk", "curs")
REGULAR, BOLD = 400, 700  # the two weights the charts use (story.css: bold labels are 700)
# The line box of a label, in em: what the chart layout reserves for one (charts.py's
# LABEL_HEIGHT, 1.15 em, with the baseline 0.35 em below its middle). Noto's own box
# (1.069 em up, 0.293 down) is made for stacked accents and is taller than the layout allows,
# so boxes would poke out of their chart and into each other; ink is not clipped to the box.
ASCENT, DESCENT = 0.92, 0.23
# A character the font lacks is drawn in some other font of the reader's: count it as wide
# as any common glyph gets (emoji and CJK are about 1 to 1.3 em), so it is never under-measured.
MISSING_EM = 1.3


@dataclass(frozen=True)
class Subset:
    """Part of the font, in a file of its own: a browser loads it only for a page whose
    chart text holds one of its characters (the @font-face rule's unicode-range)."""

    name: str
    ranges: tuple[tuple[int, int], ...]
    source: Path = SOURCE  # the font it is cut from
    features: tuple[str, ...] = ("kern",)  # the layout tables it keeps

    def codepoints(self) -> list[int]:
        return [c for low, high in self.ranges for c in range(low, high + 1)]

    def unicode_range(self) -> str:
        return ", ".join(f"U+{low:04X}-{high:04X}" if high > low else f"U+{low:04X}" for low, high in self.ranges)


SUBSETS = (
    # Latin as most English and Western European text needs it, with punctuation, currency and arrows.
    Subset(
        "latin",
        ((0x0020, 0x007E), (0x00A0, 0x00FF), (0x2000, 0x206F), (0x20A0, 0x20BF), (0x2190, 0x2193), (0x2212, 0x2212)),
    ),
    # The rest of Latin (Central European, Turkish, Vietnamese...), Greek and Cyrillic.
    Subset("extended", ((0x0100, 0x024F), (0x0370, 0x03FF), (0x0400, 0x04FF), (0x1E00, 0x1EFF))),
    # Arabic, its supplements and presentation forms, and the joiners and direction marks it uses.
    Subset(
        "arabic",
        ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)),
        ARABIC_SOURCE,
        ARABIC_SHAPING,
    ),
)


@dataclass(frozen=True)
class Face:
    """One published font file: a weight of a subset."""

    weight: int
    subset: Subset

    @property
    def path(self) -> str:
        return f"{FOLDER}/chart-sans-{self.subset.name}-{self.weight}.woff2"


FACES = tuple(Face(weight, part) for weight in (REGULAR, BOLD) for part in SUBSETS)


def _make(face: Face) -> bytes:
    """Subset the variable font, fix its width and weight, and save it as WOFF2, the same bytes every time."""
    # Imported here: they take a tenth of a second to import, and a warm cache never needs them.
    from fontTools import subset
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    font = TTFont(face.subset.source)
    options = subset.Options()
    options.hinting = False  # browsers hint (or not) on their own; unhinted is smaller
    # The browser kerns, so measured text is never narrower than drawn; Arabic keeps its shaping too.
    options.layout_features = list(face.subset.features)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=face.subset.codepoints())
    subsetter.subset(font)
    static = instancer.instantiateVariableFont(font, {"wght": face.weight, "wdth": 100})
    _set_line_box(static)
    static.flavor = "woff2"
    static.recalcTimestamp = False  # keep the source's date: same content, same bytes
    out = io.BytesIO()
    static.save(out)
    return out.getvalue()


def _set_line_box(font: TTFont) -> None:
    """Give the font the layout's line box, in both tables browsers read it from."""
    per_em = font["head"].unitsPerEm
    up, down = round(ASCENT * per_em), -round(DESCENT * per_em)
    hhea, os2 = font["hhea"], font["OS/2"]
    hhea.ascent, hhea.descent, hhea.lineGap = up, down, 0
    os2.sTypoAscender, os2.sTypoDescender, os2.sTypoLineGap = up, down, 0


def _cache_folder() -> Path | None:
    """Made fonts kept between runs in the user's cache folder: cutting them takes seconds."""
    folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "story-explainer" / "fonts"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # a read-only home: make them every time
    return folder


def _key(face: Face) -> str:
    """What a made file depends on: the source font, fontTools, the characters and the weight."""
    source = face.subset.source
    stat = source.stat()
    said = repr((source.name, stat.st_size, fonttools_version, face.weight, face.subset, ASCENT, DESCENT, 2))
    return hashlib.sha256(said.encode()).hexdigest()[:24]


@functools.cache
def face_bytes(face: Face) -> bytes:
    """The published file of one face, from the cache when it was made before."""
    folder = _cache_folder()
    cached = folder / f"{_key(face)}.woff2" if folder else None
    if cached is not None and cached.is_file():
        kept = cached.read_bytes()
        if _whole_woff2(kept):
            return kept
    made = _make(face)
    if cached is not None:
        temporary = cached.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(made)
        temporary.replace(cached)  # whole or not at all, even with two builds at once
    return made


def _whole_woff2(data: bytes) -> bool:
    """Whether bytes are a whole WOFF2 file, as far as its header says: its signature, and the length
    it gives for itself (a cache file cut short, or another file under its name, is made again rather
    than published)."""
    return data[:4] == b"wOF2" and len(data) >= 12 and int.from_bytes(data[8:12], "big") == len(data)


@functools.cache
def _advances(weight: int) -> dict[str, float]:
    """Each character's advance width in em at `weight`, read from the files the site serves."""
    found: dict[str, float] = {}
    for face in FACES:
        if face.weight == weight:
            for ch, width in _face_advances(face).items():
                found.setdefault(ch, width)
    return found


# The widths' own version in their cache file's name: a change to how they are read makes them
# again without cutting the fonts again.
ADVANCES_VERSION = 1


def _face_advances(face: Face) -> dict[str, float]:
    """One face's advance widths, kept beside its file in the cache folder: reading them back from
    the WOFF2 costs a cold build fontTools' import, the file's decoding and a name made for every
    glyph (some 40 ms), reading them from the cache a millisecond. They are the same key's facts
    as the file itself; a cache file that is missing or unreadable is made again from the face."""
    folder = _cache_folder()
    cached = folder / f"{_key(face)}.advances-{ADVANCES_VERSION}.json" if folder else None
    if cached is not None:
        try:
            kept = json.loads(cached.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            kept = None
        if isinstance(kept, dict) and kept and all(type(w) is float and math.isfinite(w) for w in kept.values()):
            return kept
    widths = _read_advances(face_bytes(face))
    if cached is not None:
        temporary = cached.with_suffix(f".{os.getpid()}.tmp")
        try:
            temporary.write_text(json.dumps(widths), encoding="utf-8")
            temporary.replace(cached)  # whole or not at all, as the faces
        except OSError:
            pass  # a cache folder we may not write in: read from the face next time too
    return widths


def _read_advances(font: bytes) -> dict[str, float]:
    """Each character's advance width in em in one font file, in its best cmap's order."""
    from fontTools.ttLib import TTFont  # a tenth of a second to import, and only a cold cache needs it

    read = TTFont(io.BytesIO(font))
    per_em = read["head"].unitsPerEm
    metrics = read["hmtx"].metrics
    return {chr(code): metrics[glyph][0] / per_em for code, glyph in read.getBestCmap().items()}


def text_width(text: str, size: float, bold: bool = False) -> float:
    """How wide `text` is drawn at `size` in the charts' font: the sum of its advance widths."""
    advances = _advances(BOLD if bold else REGULAR)
    return size * sum(advances.get(ch, MISSING_EM) for ch in text)


def files() -> dict[str, bytes]:
    """Every file to publish for the charts' font: the faces and their licence."""
    found = {face.path: face_bytes(face) for face in FACES}
    found[f"{FOLDER}/LICENSE-OFL.txt"] = LICENCE.read_bytes()
    found[f"{FOLDER}/LICENSE-OFL-arabic.txt"] = ARABIC_LICENCE.read_bytes()
    found[STYLESHEET] = (font_faces("../") + "\n").encode("utf-8")
    return found


def font_faces(to_root: str) -> Markup:
    """The @font-face rules, with addresses relative to a page `to_root` away from the site's root."""
    rules = (
        f'@font-face {{ font-family: "{FAMILY}"; font-style: normal; font-weight: {face.weight}; '
        f'font-display: swap; src: url("{to_root}{face.path}") format("woff2"); '
        f"unicode-range: {face.subset.unicode_range()}; }}"
        for face in FACES
    )
    return Markup("\n".join(rules))  # noqa: S704 - fixed names and a path this module made


def characters(weight: int = REGULAR) -> Iterable[str]:
    """Every character the published font draws at `weight`."""
    return _advances(weight).keys()
