"""The built pages pass the Nu HTML checker, apart from known errors in stock Material markup."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Errors that come from Material's own templates, not from anything we generate.
# Each is filtered by its exact message.
KNOWN_MATERIAL_ERRORS = {
    # The drawer and search toggles are <input type="checkbox" autocomplete="off">.
    "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, “datetime-local”, "
    "“email”, “hidden”, “month”, “number”, “password”, “range”, “search”, “tel”, “text”, “time”, “url”, "
    "or “week”.",
    # Labels point at those visually hidden toggles.
    "The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control.",
}


def run_checker(site: Path) -> list[dict[str, str]]:
    java = shutil.which("java")
    if not java or not VNU.is_file():
        message = "the Nu HTML checker needs Java and `npm ci` (vnu-jar); install them to run this test"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    result = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--skip-non-html", str(site)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages: list[dict[str, str]] = json.loads(result.stderr)["messages"]
    return messages


def test_no_html_errors_beyond_known_material_ones(built: tuple[Path, str]) -> None:
    messages = run_checker(built[0])
    errors = [m for m in messages if m["type"] == "error"]
    unknown = [f"{m.get('url', '')}: {m['message']}" for m in errors if m["message"] not in KNOWN_MATERIAL_ERRORS]
    assert unknown == []
