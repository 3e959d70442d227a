"""Publishing: the Pages workflow's Build step, run here as GitHub would run it for a fork.

mkdocs.yml reads the site's address, the repository and the edit links' branch with !ENV;
the workflow sets them from GitHub. These tests run the step's own script with the values
GitHub would give a fork, check the built pages use them, check the step refuses mkdocs.yml's
local defaults, and check the two files name the same variables.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ENGINE_STORY, ROOT, make_project

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"

# What GitHub gives the workflow's expressions in a fork: alice/my-story, default branch trunk.
FORK = {
    "steps.pages.outputs.base_url": "https://alice.github.io/my-story",
    "github.server_url": "https://github.com",
    "github.repository": "alice/my-story",
    "github.event.repository.default_branch": "trunk",
}


class _EnvRecorder(yaml.SafeLoader):
    """Loads mkdocs.yml, recording each !ENV variable and its default."""

    read: dict[str, Any]


def _env_tag(loader: _EnvRecorder, node: yaml.Node) -> Any:
    assert isinstance(node, yaml.SequenceNode), "mkdocs.yml's !ENV values each give a default"
    *names, default = (loader.construct_object(child) for child in node.value)
    for name in names:
        loader.read[name] = default
    return default


_EnvRecorder.add_constructor("!ENV", _env_tag)


def mkdocs_yml_variables() -> dict[str, Any]:
    """Each variable mkdocs.yml reads with !ENV, and its default."""
    loader = _EnvRecorder((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    loader.read = {}
    try:
        loader.get_single_data()
    finally:
        loader.dispose()
    return loader.read


def workflow() -> dict[str, Any]:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def build_step() -> dict[str, Any]:
    [step] = [s for s in workflow()["jobs"]["build"]["steps"] if s.get("name") == "Build"]
    return step  # type: ignore[no-any-return]


def render(value: str, context: dict[str, str]) -> str:
    """Replace each ${{ expression }} as GitHub would; an expression not in `context` fails."""
    return re.sub(r"\$\{\{\s*(.+?)\s*\}\}", lambda m: context[m[1]], value)


def project_copy(tmp_path: Path) -> Path:
    """The project with the engine's invented story: publishing works whatever story content/ holds."""
    return make_project(ENGINE_STORY, tmp_path)


def run_build_step(project: Path, variables: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run the workflow's Build step in `project` (bash -e, as GitHub does), with `variables` set."""
    env = {name: value for name, value in os.environ.items() if name not in mkdocs_yml_variables()}
    env.update(workflow()["jobs"]["build"].get("env", {}))
    env.update(variables)
    env.update(
        SOURCE_DATE_EPOCH="1342000000",
        CI="true",
        GITHUB_ACTIONS="true",
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
    )
    return subprocess.run(
        ["bash", "-e", "-c", build_step()["run"]], cwd=project, env=env, capture_output=True, text=True, timeout=300
    )


def test_the_workflow_sets_exactly_the_variables_mkdocs_yml_reads() -> None:
    variables = mkdocs_yml_variables()
    assert set(variables) == {"SITE_URL", "REPO_URL", "REPO_NAME", "EDIT_URI", "PAGES_EDIT_URI"}
    assert set(build_step()["env"]) == set(variables)


def test_the_workflow_takes_every_address_from_github() -> None:
    step_env = build_step()["env"]
    assert all(
        "${{" in value and "story-explainer" not in value and "github.com" not in value for value in step_env.values()
    )
    [pages] = [s for s in workflow()["jobs"]["build"]["steps"] if s.get("id") == "pages"]
    assert pages["uses"].startswith("actions/configure-pages@")


def test_a_fork_publishes_at_its_own_address(tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    variables = {name: render(value, FORK) for name, value in build_step()["env"].items()}
    result = run_build_step(project, variables)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    site = project / "site"
    actor = (site / "actors/tomas-arlen/index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://alice.github.io/my-story/actors/tomas-arlen/">' in actor
    assert 'href="https://github.com/alice/my-story/edit/trunk/content/actors.yml"' in actor
    assert 'href="https://github.com/alice/my-story"' in actor
    assert 'md-source__repository">alice/my-story<' in actor
    about = (site / "about/index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://alice.github.io/my-story/about/">' in about
    assert 'href="https://github.com/alice/my-story/edit/trunk/content/pages/about.md"' in about
    assert "<loc>https://alice.github.io/my-story/actors/tomas-arlen/</loc>" in (site / "sitemap.xml").read_text(
        encoding="utf-8"
    )
    leaks = [
        f"{path.relative_to(site)}: {placeholder}"
        for path in sorted(site.rglob("*"))
        if path.suffix in {".html", ".xml", ".json", ".js"}
        for placeholder in (
            "story-explainer/story-explainer",
            "story-explainer.github.io",
            "127.0.0.1",
            "localhost",
            "edit/main/",
        )
        if placeholder in path.read_text(encoding="utf-8", errors="replace")
    ]
    assert leaks == []


FORK_SITE, FORK_REPO = "https://alice.github.io/my-story", "https://github.com/alice/my-story"


@pytest.mark.parametrize(
    ("given", "message"),
    [
        (
            "defaults",
            "refusing to publish: SITE_URL is 'http://127.0.0.1:8000/story-explainer/', a local or placeholder address",
        ),
        ("unset", "refusing to publish: SITE_URL is '', a local or placeholder address"),
        (
            {"SITE_URL": "https://story-explainer.github.io/story-explainer/", "REPO_URL": FORK_REPO},
            "refusing to publish: SITE_URL is 'https://story-explainer.github.io/story-explainer/', "
            "a local or placeholder address",
        ),
        (
            {"SITE_URL": "http://localhost:8000/", "REPO_URL": FORK_REPO},
            "refusing to publish: SITE_URL is 'http://localhost:8000/', a local or placeholder address",
        ),
        ({"SITE_URL": FORK_SITE}, "refusing to publish: REPO_URL is '', the placeholder repository"),
        (
            {"SITE_URL": FORK_SITE, "REPO_URL": "https://github.com/story-explainer/story-explainer"},
            "refusing to publish: REPO_URL is 'https://github.com/story-explainer/story-explainer', "
            "the placeholder repository",
        ),
    ],
    ids=["defaults", "unset", "placeholder-site", "localhost", "no-repo", "placeholder-repo"],
)
def test_the_build_step_refuses_local_and_placeholder_addresses(
    tmp_path: Path, given: str | dict[str, str], message: str
) -> None:
    if given == "defaults":  # as when a variable's name in the workflow drifts from mkdocs.yml's
        variables = {name: str(value) for name, value in mkdocs_yml_variables().items()}
    elif given == "unset":
        variables = {}
    else:
        assert isinstance(given, dict)
        variables = given
    result = run_build_step(project_copy(tmp_path), variables)
    assert result.returncode == 1
    assert f"::error::{message}\n" in result.stdout
    assert not (tmp_path / "site").exists()


def test_a_local_build_uses_local_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the workflow's variables, the site is addressed where `mkdocs serve` serves it."""
    from mkdocs.config import load_config

    for name in mkdocs_yml_variables():
        monkeypatch.delenv(name, raising=False)
    config = load_config(str(ROOT / "mkdocs.yml"))
    assert config.site_url == "http://127.0.0.1:8000/story-explainer/"
    assert config.repo_url == "https://github.com/story-explainer/story-explainer"
    assert config.edit_uri == "edit/main/content/pages/"
    assert config.extra["content_edit_uri"] == "edit/main/"
