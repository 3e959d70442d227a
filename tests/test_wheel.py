"""The wheel is a product: installed in a fresh environment, it builds a story from a folder that
holds only `content/`, `mkdocs.yml` and `theme/` (Material's overrides), as a newsroom keeps one.

The wheel is built from a copy of the package's sources (so that no build folder is left in the
repository), installed into a new virtual environment that sees the system's packages (MkDocs,
Material and the rest, so nothing is downloaded) but imports the generator from the wheel alone:
every command runs outside the repository, with no PYTHONPATH. Its site must hold every page of
the in-repository build of the same story, each page the same.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, first_story

pytestmark = pytest.mark.slow

PACKAGE = ROOT / "generator"
# What the package reads from its own folder at build time, by pattern: each file of these must be in the wheel.
DATA = ("site/templates/**/*.html", "schema/*.json", "locales/*/LC_MESSAGES/*.po", "adapters/starter_story/**/*")
# The environment of a command that must not see this checkout: no PYTHONPATH, no virtualenv of ours.
CLEAN = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}


def _run(args: list[str | Path], cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, env=env or CLEAN, timeout=600
    )
    assert result.returncode == 0, f"{args}: {result.stdout[-2000:]}{result.stderr[-3000:]}"
    return result.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built by pip from a copy of the sources."""
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(PACKAGE, source / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    out = tmp_path_factory.mktemp("wheel")
    _run([sys.executable, "-m", "pip", "wheel", source, "--no-deps", "--quiet", "-w", out], cwd=out)
    [built] = out.glob("story_explainer-*.whl")
    return built


def test_the_wheel_holds_every_file_the_build_reads(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    wanted = {
        f"generator/{p.relative_to(PACKAGE).as_posix()}"
        for pattern in DATA
        for p in PACKAGE.glob(pattern)
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert any(w.startswith("generator/site/templates/timeline/") for w in wanted)
    assert len(wanted) > 40 and sorted(wanted - names) == []
    # The charts' font comes from a dependency (fonts.py), never from the repository.
    metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
    assert "Requires-Dist: fontpkg-noto-sans" in zipfile.ZipFile(wheel).read(metadata).decode()


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the wheel installed; its Python."""
    venv = tmp_path_factory.mktemp("venv")
    _run([sys.executable, "-m", "venv", "--system-site-packages", venv], cwd=venv)
    python = venv / "bin" / "python"
    _run([python, "-m", "pip", "install", "--quiet", "--no-deps", "--force-reinstall", wheel], cwd=venv)
    return python


def test_the_environment_imports_the_wheel_not_the_checkout(installed: Path, tmp_path: Path) -> None:
    where = _run([installed, "-c", "import generator; print(generator.__file__)"], cwd=tmp_path).strip()
    assert Path(where).is_relative_to(installed.parents[1]), where
    assert not Path(where).is_relative_to(ROOT), where


def test_the_installed_wheel_builds_the_first_story_as_the_checkout_does(
    installed: Path, first_built: tuple[Path, str], tmp_path: Path
) -> None:
    """Only content/, mkdocs.yml and theme/ in the folder: templates and schemas come from the wheel."""
    project = tmp_path / "newsroom"
    shutil.copytree(first_story(), project / "content")
    shutil.copytree(ROOT / "theme", project / "theme")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    env = {**CLEAN, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1342000000"}
    _run([installed, "-m", "mkdocs", "build", "--strict", "-d", tmp_path / "site"], cwd=project, env=env)
    _run([installed, "-m", "generator", "check", "--content", project / "content"], cwd=project)
    ours, theirs = first_built[0], tmp_path / "site"
    pages = sorted(p.relative_to(ours).as_posix() for p in ours.rglob("*.html"))
    assert len(pages) > 20
    missing = [p for p in pages if not (theirs / p).is_file()]
    assert missing == []
    differ = [p for p in pages if (ours / p).read_bytes() != (theirs / p).read_bytes()]
    assert differ == []
