"""`python -m generator new KIND "Name"`: append a record stub with placeholders to a content file.

The stub is appended as text, so the file's comments and order are kept. Every
required field gets the placeholder TODO with a comment saying what goes there;
`check` reports each TODO until it is filled in.
"""

from __future__ import annotations

import json
import re
import typing
import unicodedata
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from generator.content.dates import FuzzyDate, Timestamp
from generator.content.load import SUFFIXES, load
from generator.content.models import RECORD_KINDS

PLACEHOLDER = "TODO"
ALIASES = {"actor": "actors", "source": "sources", "defection": "defections", "event": "events",
           "figure": "figures", "quote": "quotes", "document": "documents", "un-move": "documents",
           "membership": "memberships", "mission": "missions", "plan": "plans", "term": "glossary"}
# Fields that are optional to the schema but that a record of this kind needs in practice.
SUGGESTED = {"figures": ("value",), "defections": ("actor",)}
NAME_FIELDS = ("name", "title", "term", "text")


class ScaffoldError(Exception):
    """The stub could not be added; the message says why."""


def slugify(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "record"


def kind_of(word: str) -> str:
    kind = ALIASES.get(word, word)
    if kind not in RECORD_KINDS:
        choices = ", ".join(sorted(ALIASES))
        raise ScaffoldError(f"'{word}' is not a kind of record (use one of: {choices})")
    return kind


def target_file(root: Path, kind: str, chosen: Path | None) -> Path:
    """The file to add to: the one given, KIND.yml, or the file of KIND/ with the most records."""
    if chosen is not None:
        return chosen
    if (root / f"{kind}.yml").exists():
        return root / f"{kind}.yml"
    folder = root / kind
    files = sorted(p for p in folder.rglob("*") if p.suffix in SUFFIXES) if folder.is_dir() else []
    if not files:
        return root / f"{kind}.yml"
    sizes = {path: _count_records(path) for path in files}
    return max(reversed(files), key=sizes.__getitem__)


def _count_records(path: Path) -> int:
    """How many records a file holds (lines starting a list item at the top level)."""
    return sum(1 for line in path.read_text(encoding="utf-8", errors="replace").splitlines()
               if line.startswith("- "))


def fresh_id(root: Path, name: str) -> str:
    content, _ = load(root)
    taken = set(content.origins) | set(content.broken_ids) if content else set()
    base = slugify(name)
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def stub(kind: str, record_id: str, name: str) -> str:
    """The YAML text of a new record with a placeholder for each required field."""
    model = RECORD_KINDS[kind]
    lines = [f"- id: {record_id}"]
    name_field = next((f for f in NAME_FIELDS if f in model.model_fields), None)
    for field_name, info in model.model_fields.items():
        if field_name == "id" or not (info.is_required() or field_name in SUGGESTED.get(kind, ())):
            continue
        if field_name == name_field:
            lines.append(f"  {field_name}: {json.dumps(name, ensure_ascii=False)}")
            continue
        lines.append(f"  {field_name}: {_placeholder(info)}  # {_hint(info)}")
    return "\n".join(lines) + "\n"


def _placeholder(info: FieldInfo) -> str:
    return f"[{PLACEHOLDER}]" if _is_list(info.annotation) else PLACEHOLDER


def _is_list(annotation: Any) -> bool:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _is_list(typing.get_args(annotation)[0])
    return origin in (tuple, list)


def _hint(info: FieldInfo) -> str:
    enum = _find(info.annotation, Enum)
    if enum is not None:
        return "one of: " + ", ".join(str(m.value) for m in enum)
    if _find(info.annotation, FuzzyDate) is not None:
        return "a date: 2012-07-11, 2012-07 or 2012"
    if _find(info.annotation, Timestamp) is not None:
        return "a timestamp: 2012-07-11T18:30:00Z"
    if _find(info.annotation, BaseModel) is not None:
        return (info.description or "") + " (see the editor's guide)"
    return info.description or ""


def _find(annotation: Any, base: type) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, base):
        return annotation
    for arg in typing.get_args(annotation):
        found = _find(arg, base)
        if found is not None:
            return found
    return None


def add(root: Path, word: str, name: str, chosen: Path | None = None) -> tuple[Path, str]:
    """Append a stub for a new record; return the file and the new id."""
    kind = kind_of(word)
    if not root.is_dir():
        raise ScaffoldError(f"content folder {root} not found (run from the repository root or pass --content)")
    path = target_file(root, kind, chosen)
    record_id = fresh_id(root, name)
    existing = path.read_text(encoding="utf-8") if path.exists() else ""
    if existing.strip() in ("[]", ""):
        existing = f"# yaml-language-server: $schema={_schema_link(root, path, kind)}\n" if not existing else ""
    separator = "" if not existing or existing.endswith("\n\n") else ("\n" if existing.endswith("\n") else "\n\n")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(existing + separator + stub(kind, record_id, name), encoding="utf-8")
    return path, record_id


def _schema_link(root: Path, path: Path, kind: str) -> str:
    depth = len(path.relative_to(root).parts) - 1
    return "../" * (depth + 1) + f"generator/schema/{kind}.json"
