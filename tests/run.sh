#!/usr/bin/env bash
# Install the project with its test tools, then run every check: lint, types, tests.
# Usage: bash tests/run.sh [pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
python -m pip install --quiet --disable-pip-version-check -e ".[test]"
python -m ruff check generator tests benchmarks
python -m mypy
python -m pytest "$@"
