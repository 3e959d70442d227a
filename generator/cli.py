"""Command line: `python -m generator check` and friends."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import scaffold
from .errors import ContentError
from .output import write_pages
from .pipeline import build_site, load_checked, summary

EPILOG = """examples:
  python -m generator check
  python -m generator check --content tests/fixtures/harbour-story
  python -m generator pages --out build/pages
  python -m generator new actor "Riad Seif"
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
    new = commands.add_parser("new", help="add a record stub with placeholders to a content file",
                              description="Append a new record with a fresh id and a TODO placeholder "
                                          "for each required field; `check` lists the TODOs left.",
                              epilog='examples:\n  python -m generator new actor "Riad Seif"\n'
                                     '  python -m generator new defection "Riad Seif leaves" '
                                     "--file content/defections/2012.yml",
                              formatter_class=argparse.RawDescriptionHelpFormatter)
    new.add_argument("kind", help="actor, source, defection, event, figure, quote, document, membership, "
                                  "mission, plan or term")
    new.add_argument("name", help="the record's name or title; the id is made from it")
    new.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content)")
    new.add_argument("--file", type=Path, default=None,
                     help="file to add to (default: KIND.yml, or the last file in the KIND/ folder)")
    guide = commands.add_parser("guide", help="regenerate the content reference in EDITING.md",
                                description="Rewrite the part of EDITING.md below its marker from the "
                                            "models, with examples from the content.",
                                epilog="example:\n  python -m generator guide",
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    guide.add_argument("--content", type=Path, default=Path("content"), help="content folder for examples")
    guide.add_argument("--file", type=Path, default=Path("EDITING.md"), help="the guide (default: EDITING.md)")
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
        elif args.command == "new":
            path, record_id = scaffold.add(args.content, args.kind, args.name, args.file)
            print(f"added '{record_id}' to {path}; fill in the TODOs, then run python -m generator check")
        elif args.command == "guide":
            from .guide import render_guide

            existing = args.file.read_text(encoding="utf-8") if args.file.exists() else "# Editor's guide\n"
            args.file.write_text(render_guide(existing, args.content), encoding="utf-8")
            print(f"wrote {args.file}")
        elif args.command == "schema":
            from . import schema as json_schema

            for path in json_schema.write(args.out or json_schema.SCHEMA_DIR):
                print(f"wrote {path.name}")
    except ContentError as err:
        print(err.report(), file=sys.stderr)
        return 1
    except scaffold.ScaffoldError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0
