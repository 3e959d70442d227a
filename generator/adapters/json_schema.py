"""JSON Schema for each content file, made from the same models that validate it.

Editors' YAML plugins read these (see the `# yaml-language-server` line at the
top of each content file) to autocomplete fields and flag mistakes while typing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator.content.kinds import KINDS
from generator.content.models import SOURCES_FIELD, Story
from generator.content.translation_files import DAY, FINGERPRINT
from generator.content.translations import PAGE_FIELD, text_fields
from generator.site.exports import story_data

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
    result["translations.json"] = translations_schema()
    return result


def translations_schema() -> dict[str, Any]:
    """The schema of a translation file (content/translations/TAG/*.yml): its keys offered as the
    text fields of the story and of every kind, read from the models as translate() reads them."""
    day = {"type": "string", "pattern": DAY.pattern, "description": "A day, YYYY-MM-DD."}
    entry = {
        "type": "object",
        "additionalProperties": False,
        "required": ["text", "of"],
        "properties": {
            "text": {"type": ["string", "null"], "description": "The translation; empty while still to do."},
            "of": {
                "type": "string",
                "pattern": FINGERPRINT.pattern,
                "description": "The fingerprint of the original text it translates (the skeleton writes it).",
            },
            "on": {**day, "description": "The day this entry was translated, if not the file's."},
            "original": {
                "type": "boolean",
                "description": "A quote's words as the speaker said them in this language.",
            },
            SOURCES_FIELD: {
                "type": "array",
                "items": {"type": "string"},
                "description": "Sources that print an original.",
            },
        },
    }
    one_or_more = {"anyOf": [{"$ref": "#/$defs/entry"}, {"type": "array", "items": {"$ref": "#/$defs/entry"}}]}
    models: list[type[BaseModel]] = [kind.model for kind in KINDS]
    record_fields = sorted({path for model in models for path in text_fields(model)} | {PAGE_FIELD})
    return {
        "$schema": DIALECT,
        "title": "translation file",
        "description": "Translations of a story's text fields into one language: `story:` or `records:`.",
        "type": "object",
        "additionalProperties": False,
        "required": ["translated"],
        "properties": {
            "translated": {**day, "description": "The day these translations were made."},
            "story": {
                "type": "object",
                "propertyNames": {"enum": sorted(text_fields(Story))},
                "additionalProperties": one_or_more,
            },
            "records": {
                "type": "object",
                "additionalProperties": {
                    "type": "object",
                    "propertyNames": {"enum": record_fields},
                    "additionalProperties": one_or_more,
                },
            },
        },
        "$defs": {"entry": entry},
    }


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write(directory: Path = SCHEMA_DIR) -> list[Path]:
    """Write every schema to `directory` (the content files', and the published story.json's);
    return the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in sorted(schemas().items()):
        path = directory / name
        path.write_text(render(schema), encoding="utf-8")
        written.append(path)
    # The published story.json's schema, which every build copies rather than makes (story_data.py).
    published = directory / story_data.SHIPPED_SCHEMA.name
    published.write_bytes(story_data.made_schema_file(story_data.story_model()))
    return [*written, published]


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
    mapping["generator/schema/translations.json"] = [
        "content/translations/*/**/*.yml",
        "content/translations/*/**/*.yaml",
    ]
    return mapping


def write_vscode_settings(path: Path = VSCODE_SETTINGS) -> Path:
    """Rewrite the `yaml.schemas` of the project's VS Code settings, keeping every other setting."""
    settings = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    settings["yaml.schemas"] = vscode_mapping()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(settings, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
