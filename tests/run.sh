#!/usr/bin/env bash
# Install the project with its test tools, then run every check: lint, types, tests.
# Usage: bash tests/run.sh [pytest arguments]
#
# The browser tests need Debian's Chromium (`apt-get install chromium`); without it they
# are skipped with a message, except under CI=true, where a missing browser fails.
set -euo pipefail
cd "$(dirname "$0")/.."
phase() { printf '\n==> %s\n' "$1"; }
phase "installing the package and its test tools"
python -m pip install --quiet --disable-pip-version-check -e ".[test]"
if command -v npm >/dev/null; then
  # axe-core and the Nu HTML checker, pinned by package-lock.json.
  npm ci --no-audit --no-fund --silent
fi
phase "ruff: lint and format"
python -m ruff check generator tests benchmarks
python -m ruff format --check generator tests benchmarks
phase "mypy"
python -m mypy
phase "import-linter: the layers of generator/ and who may import MkDocs (contracts in pyproject.toml)"
lint-imports --no-cache
phase "the Actions workflows: valid against GitHub's schema, and no findings in zizmor's audit"
check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml
zizmor --offline .github/workflows
phase "pytest: a line per test file"
python -m pytest "$@"
