"""Command line: `python -m generator check` and friends."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import ContentError
from .output import write_pages
from .pipeline import build_site, load_checked, summary

EPILOG = """examples:
  python -m generator check
  python -m generator check --content tests/fixtures/harbour-story
  python -m generator pages --out build/pages
  python -m generator schema
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
    pages = commands.add_parser("pages", help="write the generated Markdown pages to a folder",
                                description="Validate the content and write every page, as the MkDocs "
                                            "plugin would serve it, to a folder (replaced only on success).",
                                epilog="example:\n  python -m generator pages --out build/pages",
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    pages.add_argument("--content", type=Path, default=Path("content"),
                       help="content folder (default: content)")
    pages.add_argument("--out", type=Path, required=True, help="folder to write the pages to")
    pages.add_argument("--no-directory-urls", action="store_true",
                       help="link to page.html instead of page/ (as MkDocs' use_directory_urls: false)")
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
        elif args.command == "pages":
            site = build_site(args.content, directory_urls=not args.no_directory_urls)
            count = write_pages(site, args.out)
            print(f"wrote {count} pages to {args.out}")
        elif args.command == "schema":
            from . import schema as json_schema

            for path in json_schema.write(args.out or json_schema.SCHEMA_DIR):
                print(f"wrote {path.name}")
    except ContentError as err:
        print(err.report(), file=sys.stderr)
        return 1
    return 0
