"""JSON Schema for each content file, made from the same models that validate it.

Editors' YAML plugins read these (see the `# yaml-language-server` line at the
top of each content file) to autocomplete fields and flag mistakes while typing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.content.kinds import KINDS
from generator.content.models import (
    Story,
)

SCHEMA_DIR = Path(__file__).resolve().parents[1] / "schema"
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schemas() -> dict[str, dict[str, Any]]:
    """Return the schema of every content file, keyed by file name."""
    result: dict[str, dict[str, Any]] = {}
    story = Story.model_json_schema()
    result["story.json"] = {"$schema": DIALECT, **story}
    for kind in KINDS:
        model = kind.model
        item = model.model_json_schema()
        defs = item.pop("$defs", {})
        schema: dict[str, Any] = {
            "$schema": DIALECT,
            "title": f"{kind.name} file",
            "description": f"A list of {kind.name} records. {model.__doc__ or ''}".strip(),
            "type": "array",
            "items": item,
        }
        if defs:
            schema["$defs"] = defs
        result[f"{kind.name}.json"] = schema
    return result


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write(directory: Path = SCHEMA_DIR) -> list[Path]:
    """Write every schema to `directory`; return the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in sorted(schemas().items()):
        path = directory / name
        path.write_text(render(schema), encoding="utf-8")
        written.append(path)
    return written


VSCODE_SETTINGS = SCHEMA_DIR.parents[1] / ".vscode" / "settings.json"


def vscode_mapping() -> dict[str, list[str]]:
    """Which content files each schema describes, as VS Code's YAML extension reads it."""
    mapping = {"generator/schema/story.json": ["content/story.yml"]}
    for kind in KINDS:
        mapping[f"generator/schema/{kind.name}.json"] = [
            f"content/{kind.name}.yml",
            f"content/{kind.name}.yaml",
            f"content/{kind.name}/**/*.yml",
            f"content/{kind.name}/**/*.yaml",
        ]
    return mapping


def write_vscode_settings(path: Path = VSCODE_SETTINGS) -> Path:
    """Rewrite the `yaml.schemas` of the project's VS Code settings, keeping every other setting."""
    settings = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    settings["yaml.schemas"] = vscode_mapping()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(settings, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
