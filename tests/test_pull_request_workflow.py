"""The pull-request workflow (.github/workflows/pull-request.yml) does what the README says:
on every pull request it checks the content, reports what changed for readers in the job's
summary, builds with --strict, uploads the site, and runs the README's test command, with
read-only permissions and no persisted credentials. (tests/run.sh checks it against GitHub's
schema and with zizmor; this checks what it runs.)"""

from __future__ import annotations

from typing import Any

import yaml
from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "pull-request.yml"


def job() -> dict[str, Any]:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    # PyYAML reads the key `on` as True (YAML 1.1).
    assert "pull_request" in workflow[True]
    assert workflow["permissions"] == {}
    [only] = workflow["jobs"].values()
    return only  # type: ignore[no-any-return]


def runs(step: dict[str, Any]) -> str:
    return str(step.get("run", ""))


def test_it_runs_check_changes_build_and_the_test_command_in_that_order() -> None:
    steps = job()["steps"]
    scripts = [runs(step) for step in steps]
    order = [
        next(i for i, s in enumerate(scripts) if needle in s)
        for needle in ("python -m generator check", "python -m generator changes", "mkdocs build --strict", ".ci/run")
    ]
    assert order == sorted(order)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "bash tests/run.sh" in ci  # the README's test command


def test_the_report_goes_to_the_summary_and_the_site_to_an_artifact() -> None:
    steps = job()["steps"]
    [report] = [s for s in steps if "generator changes" in runs(s)]
    assert '"$GITHUB_STEP_SUMMARY"' in runs(report)
    assert "${{" not in runs(report)  # the base's ref comes in through env, never into the script itself
    [upload] = [s for s in steps if str(s.get("uses", "")).startswith("actions/upload-artifact@")]
    assert upload["with"]["path"] == "site"
    build = next(s for s in steps if "mkdocs build --strict" in runs(s))
    assert "--site-dir site" in runs(build)


def test_it_only_reads_and_keeps_no_credentials() -> None:
    found = job()
    assert found["permissions"] == {"contents": "read"}
    for step in found["steps"]:
        uses = str(step.get("uses", ""))
        if uses:
            assert len(uses.split("@")[1].split()[0]) == 40, uses  # pinned to a commit
        if uses.startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False
            assert step["with"]["fetch-depth"] == 0  # `changes` reads the base's content from git
