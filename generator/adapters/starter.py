"""`python -m generator init DIR`: start a new story from a minimal one with one record of each kind.

The starter story (starter_story/, with comments saying what each field is for) is valid and
builds: a test checks both, and that it holds a record of every kind in the registry. Each
file gets the schema line for editors' YAML plugins, pointing at generator/schema from where
the story will live: DIR inside the repository, else the repository's content/ (see `home`).
"""

from __future__ import annotations

import os
from pathlib import Path

from generator.adapters.json_schema import SCHEMA_DIR
from generator.adapters.scaffold import write_atomically
from generator.content.load import STORY_FILE

STARTER = Path(__file__).resolve().parent / "starter_story"


class InitError(Exception):
    """The folder could not be set up; the message says why."""


def starter_files() -> list[Path]:
    """The starter story's files, relative to its folder, in a stable order."""
    return sorted(p.relative_to(STARTER) for p in STARTER.rglob("*") if p.is_file())


# The repository the schemas belong to, and the folder a story made elsewhere is copied into.
REPOSITORY = SCHEMA_DIR.parent.parent
CONTENT = REPOSITORY / "content"


def home(target: Path) -> Path:
    """Where the story will live: where it is made, inside the repository; else the repository's content/,
    where a story written in a scratch folder is copied to be built."""
    resolved = target.resolve()
    return resolved if resolved.is_relative_to(REPOSITORY) else CONTENT


def schema_line(target: Path, relative: Path) -> str:
    """The line that points a content file at its JSON Schema, from where the file will live."""
    kind = "story" if relative.name == STORY_FILE else relative.parts[0].removesuffix(".yml")
    schema = os.path.relpath(SCHEMA_DIR / f"{kind}.json", (home(target) / relative).parent)
    return f"# yaml-language-server: $schema={Path(schema).as_posix()}\n"


def init(target: Path) -> list[Path]:
    """Write the starter story into `target`, a new or empty folder; return the files written."""
    if target.exists() and not target.is_dir():
        raise InitError(f"{target} is a file; give a new or empty folder for the story")
    if target.is_dir() and any(target.iterdir()):
        raise InitError(f"{target} is not empty; give a new or empty folder, so no story is overwritten")
    written = []
    for relative in starter_files():
        text = (STARTER / relative).read_text(encoding="utf-8")
        if relative.suffix == ".yml":
            text = schema_line(target, relative) + text
        path = target / relative
        try:
            write_atomically(path, text.encode("utf-8"))
        except OSError as err:
            raise InitError(f"could not write {path}: {err.strerror or err}") from None
        written.append(path)
    return written
