#!/usr/bin/env bash
# Install the project with its test tools, then run every check: lint, types, tests.
# Usage: bash tests/run.sh [pytest arguments]
#
# The browser tests need Debian's Chromium (`apt-get install chromium`); without it they
# are skipped with a message, except under CI=true, where a missing browser fails.
set -euo pipefail
cd "$(dirname "$0")/.."
python -m pip install --quiet --disable-pip-version-check -e ".[test]"
if command -v npm >/dev/null; then
  # axe-core and the Nu HTML checker, pinned by package-lock.json.
  npm ci --no-audit --no-fund --silent
fi
python -m ruff check generator tests benchmarks
python -m mypy
# The layers of generator/ and who may import MkDocs (contracts in pyproject.toml).
lint-imports --no-cache
python -m pytest "$@"
