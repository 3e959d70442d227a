"""Command line: `python -m generator check` and friends."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import ContentError
from .pipeline import load_checked, summary

EPILOG = """examples:
  python -m generator check
  python -m generator check --content tests/fixtures/second-story
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator", epilog=EPILOG,
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     description="Check a story's content and build its pages.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate the content and print a summary",
                                description="Validate every file; print one line per problem.",
                                epilog="example:\n  python -m generator check --content content",
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    check.add_argument("--content", type=Path, default=Path("content"),
                       help="content folder (default: content)")
    schema = commands.add_parser("schema", help="write the JSON Schema of each content file",
                                 description="Regenerate generator/schema/*.json from the models.",
                                 epilog="example:\n  python -m generator schema",
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    schema.add_argument("--out", type=Path, default=None, help="folder (default: generator/schema)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "check":
            content = load_checked(args.content)
            print(summary(content))
        elif args.command == "schema":
            from . import schema as json_schema

            for path in json_schema.write(args.out or json_schema.SCHEMA_DIR):
                print(f"wrote {path.name}")
    except ContentError as err:
        print(err.report(), file=sys.stderr)
        return 1
    return 0
