"""What is still to translate into a language: a list by file and record, and a skeleton to fill in.

`python -m generator translations ar` lists each text with no translation (an entry with an
empty `text` counts as none), under the file and record it is written in. With `--skeleton`, it
writes new files into translations/ar/, one per kind of record, with an entry for each: `of:`
filled in, `text: ""`, and the original in a comment above it. Files already there are never
rewritten, so nothing a translator wrote is lost: a second skeleton goes into a new file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from generator.content.load import Content
from generator.content.problems import shorten
from generator.content.translation_files import STORY, fingerprint, folder
from generator.content.translations import Slot, read_translation

STORY_FILE = "story.yml"
PAGES_FILE = "pages.yml"
SHOWN = 70  # how much of an original the list shows (a skeleton's comment shows it whole)


@dataclass(frozen=True)
class Missing:
    """A text with no translation yet, and the file its original is written in."""

    file: str
    slot: Slot


def untranslated(content: Content, tag: str) -> list[Missing]:
    """Every text readers see that has no translation into `tag` (stale ones have one), in file order."""
    match = read_translation(content, tag).match
    done = match.applied
    missing = [
        Missing(_file_of(content, slot), slot)
        for texts in match.slots.values()
        for slot in texts
        if (slot.owner, slot.at) not in done
    ]
    return sorted(missing, key=lambda m: m.file)  # stable: records and fields stay in the order written


def _file_of(content: Content, slot: Slot) -> str:
    if slot.owner == STORY:
        return content.story_file
    origin = content.origins.get(slot.owner)
    return origin.file if origin is not None else f"pages/{slot.owner}"


def report(content: Content, tag: str, missing: list[Missing]) -> str:
    """The untranslated texts by file and record, one line each, then a count."""
    lines: list[str] = []
    heading = None
    for item in missing:
        owner = "story" if item.slot.owner == STORY else item.slot.owner
        if (item.file, owner) != heading:
            heading = (item.file, owner)
            lines.append(f"{item.file}: {owner}")
        lines.append(f"  {item.slot.field}: {shorten(_one_line(item.slot.text), SHOWN)}")
    count = len(missing)
    lines.append(
        f"{count} {'text' if count == 1 else 'texts'} untranslated into {tag}"
        + (f" (python -m generator translations {tag} --skeleton writes entries for them)" if count else "")
    )
    return "\n".join(lines) + "\n"


def skeleton(content: Content, tag: str, missing: list[Missing], today: dt.date) -> list[Path]:
    """Write an entry to fill in for each untranslated text, in new files of translations/TAG/."""
    groups: dict[str, list[Slot]] = {}
    for item in missing:
        groups.setdefault(_group(content, item.slot), []).append(item.slot)
    place = folder(content.root, tag)
    place.mkdir(parents=True, exist_ok=True)
    written = []
    for name, found in sorted(groups.items()):
        path = _new_file(place, name)
        path.write_text(_yaml(found, today), encoding="utf-8")
        written.append(path)
    return written


def _group(content: Content, slot: Slot) -> str:
    """The file a text's entry goes to: story.yml, pages.yml, or its kind's name (actors.yml)."""
    if slot.owner == STORY:
        return STORY_FILE
    kind = content.kinds.get(slot.owner)
    return f"{kind.name}.yml" if kind is not None else PAGES_FILE


def _new_file(place: Path, name: str) -> Path:
    """`name` in the folder, or the first free name-2.yml, name-3.yml...: nothing is overwritten."""
    path = place / name
    stem = path.stem
    number = 2
    while path.exists():
        path = place / f"{stem}-{number}.yml"
        number += 1
    return path


def _yaml(slots: list[Slot], today: dt.date) -> str:
    """The entries as YAML, written by hand: ids and field paths are plain words, the originals
    only appear in comments (on one line), and every value is quoted, so the file always parses."""
    story = slots[0].owner == STORY
    lines = [
        f"translated: {today.isoformat()}  # the day the texts are translated: change it when you fill them in",
        "story:" if story else "records:",
    ]
    indent = "  " if story else "    "
    by_owner: dict[str, dict[str, list[Slot]]] = {}
    for slot in slots:
        by_owner.setdefault(slot.owner, {}).setdefault(slot.field, []).append(slot)
    for owner, fields in by_owner.items():
        if not story:
            lines.append(f"  {owner}:")
        for field, texts in fields.items():
            lines.append(f"{indent}{field}:")
            listed = texts[0].listed
            for slot in texts:
                dash = "- " if listed else ""
                pad = indent + "  " + ("  " if listed else "")
                lines.append(f"{indent}  {'  ' if listed else ''}# {_one_line(slot.text)}")
                lines.append(f'{indent}  {dash}text: ""')
                lines.append(f'{pad}of: "{fingerprint(slot.text)}"')
    return "\n".join(lines) + "\n"


def _one_line(text: str) -> str:
    # str.split() also splits at the line breaks YAML knows (U+0085, U+2028, U+2029): a comment stays one line.
    return " ".join(text.split())
