"""Command line: `python -m generator check` and friends. Each command has help with an example."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections.abc import Callable
from pathlib import Path

from generator.adapters import changes as changes_report
from generator.adapters import guide, json_schema, scaffold, settings, starter, story_log
from generator.content import milestones, repeated_dates, translation_report, weak_sources
from generator.content.fields import LANGUAGE_PATTERN
from generator.content.i18n import conventional_case
from generator.content.load import TRANSLATIONS_FOLDER
from generator.content.problems import ContentError, Problem
from generator.facts import citations
from generator.facts.parts import PAGE_SIZE
from generator.pipeline import build_sites, load_checked, summary
from generator.site.languages import Languages
from generator.site.write import OutputFolderError, PageClashError, hand_written, prepare_out_folder, write_pages

EPILOG = """examples:
  python -m generator init my-story
  python -m generator check
  python -m generator check --content tests/fixtures/harbour-story
  python -m generator pages --out build/pages
  python -m generator translations ar --skeleton
  python -m generator new actor "Riad Seif"
  python -m generator changes origin/main
  python -m generator guide
  python -m generator schema
"""

Command = Callable[[argparse.Namespace], None]
COMMANDS: dict[str, Command] = {}


def init(args: argparse.Namespace) -> None:
    written = starter.init(args.folder)
    print(
        f"wrote a starter story of {len(written)} files to {args.folder}; replace its values, "
        f"then run python -m generator check --content {args.folder}"
    )
    if starter.home(args.folder) != args.folder.resolve():
        # Outside the repository, the schema lines are written for the story's place in content/.
        print("its schema lines are written for the story's place in the repository's content/ folder")


def _positive(text: str) -> int:
    """A whole number of 1 or more, for an option; argparse reports anything else."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def _site_url(text: str) -> str:
    """--site-url: an https address (http for this machine only), as the plugin requires of site_url."""
    problem = settings.address_setting_problem(text)
    if problem:
        raise argparse.ArgumentTypeError(problem)
    return text


def check(args: argparse.Namespace) -> None:
    found: list[Problem] = []  # the translations' warnings, from the translations as the check read them
    content = load_checked(args.content, warnings=found)
    # Warnings say what a reader may not trust; they do not fail the check (exit 0).
    found += (
        weak_sources.warnings(content)
        + repeated_dates.warnings(content)
        + citations.problems(content)[1]
        + list(milestones.warnings(content))
    )
    for warning in sorted(found):
        print(warning, file=sys.stderr)
    print(summary(content))


def _language(text: str) -> str:
    """A language tag as story.yml's `translations` takes it: it names a folder, so nothing else will do."""
    if not re.fullmatch(LANGUAGE_PATTERN, text):
        cased = conventional_case(text)
        hint = f"write {cased!r}" if re.fullmatch(LANGUAGE_PATTERN, cased) else "write a BCP 47 tag such as ar or fr"
        raise argparse.ArgumentTypeError(f"not a language tag: {text!r} ({hint})")
    return text


def translations(args: argparse.Namespace) -> None:
    if args.skeleton:
        # The folder the skeleton fills, made first: a story may list a language before it has one
        # (check's message for that very case suggests this command). Never through a link.
        place = args.content / TRANSLATIONS_FOLDER / args.tag
        if args.content.is_dir() and not any(p.is_symlink() for p in (place.parent, place)):
            place.mkdir(parents=True, exist_ok=True)
    content = load_checked(args.content)
    if args.tag not in content.story.translations:
        print(
            f"note: story.yml does not list '{args.tag}' under `translations`; add it, so that check reads "
            "its files and the site is built in it",
            file=sys.stderr,
        )
    missing = translation_report.untranslated(content, args.tag)
    if args.skeleton:
        written = translation_report.skeleton(content, args.tag, missing, dt.datetime.now(dt.UTC).date())
        for path in written:
            print(f"wrote {path}")
        print(f"{len(missing)} entries to fill in; then run python -m generator check")
        return
    print(translation_report.report(content, args.tag, missing), end="")


def pages(args: argparse.Namespace) -> None:
    prepare_out_folder(args.out, args.content)  # refuse a wrong --out before the slow build, not after it
    # Every language the story is published in: its own at the root, each translation under its tag.
    sites = build_sites(
        args.content, directory_urls=not args.no_directory_urls, site_url=args.site_url, page_size=args.page_size
    )
    site = Languages.of(sites).merged()
    extra = hand_written(args.content)
    count = write_pages(site, args.out, args.content, extra)
    by_hand = f", {len(extra)} hand-written {'file' if len(extra) == 1 else 'files'}" if extra else ""
    print(f"wrote {count} pages{by_hand} and {len(site.files)} data files to {args.out}")


def new(args: argparse.Namespace) -> None:
    if args.kind in story_log.LOGS:
        path, said = story_log.add(args.content, args.kind, args.name, args.at, args.file)
        print(f"added {said} to {path}; fill in any TODO, then run python -m generator check")
        return
    if args.at is not None:
        raise scaffold.ScaffoldError(f"--at is for an update, a highlight or a correction, not a {args.kind}")
    path, record_id = scaffold.add(args.content, args.kind, args.name, args.file)
    print(f"added '{record_id}' to {path}; fill in the TODOs, then run python -m generator check")


class SilentEditsFound(Exception):
    """`changes --fail-on-silent-edits` found some: the report is printed, the exit code is 1."""


def changes(args: argparse.Namespace) -> None:
    found = changes_report.changes(args.base, args.content)
    print(changes_report.report(found), end="")
    if found.silent and args.fail_on_silent_edits:
        raise SilentEditsFound(f"{len(found.silent)} silent edit(s) since {args.base}: add the corrections named above")


def write_guide(args: argparse.Namespace) -> None:
    existing = args.file.read_text(encoding="utf-8") if args.file.exists() else "# Editor's guide\n"
    args.file.write_text(guide.render_guide(existing, args.content), encoding="utf-8")
    print(f"wrote {args.file}")


def schema(args: argparse.Namespace) -> None:
    for path in json_schema.write(args.out or json_schema.SCHEMA_DIR):
        print(f"wrote {path.name}")
    if args.out is None:  # the project's own schemas: point VS Code at them too
        print(f"wrote {json_schema.write_vscode_settings().name}")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Check a story's content and build its pages.",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    def command(run: Command, name: str, summary_line: str, description: str, examples: str) -> argparse.ArgumentParser:
        COMMANDS[name] = run
        return commands.add_parser(
            name,
            help=summary_line,
            description=description,
            epilog=f"example:\n  {examples}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )

    def content_option(sub: argparse.ArgumentParser, purpose: str = "content folder") -> None:
        sub.add_argument("--content", type=Path, default=Path("content"), help=f"{purpose} (default: content)")

    sub = command(
        init,
        "init",
        "start a new story in a new folder",
        "Write a minimal valid story, with one record of each kind and comments saying what "
        "each field is for, into a new or empty folder.",
        "python -m generator init my-story",
    )
    sub.add_argument("folder", type=Path, help="a new or empty folder for the story, e.g. content")
    content_option(
        command(
            check,
            "check",
            "validate the content and print a summary",
            "Validate every file; print one line per problem.",
            "python -m generator check --content content",
        )
    )
    sub = command(
        translations,
        "translations",
        "list what is not yet translated into a language",
        "List each text readers see that has no translation in translations/TAG/ yet, by file and "
        "record (an entry whose text is empty counts as untranslated). With --skeleton, write new "
        "files there with an entry to fill in for each: `of` filled in, `text` empty, the original "
        "in a comment above it. Existing files are never rewritten.",
        "python -m generator translations ar --skeleton",
    )
    sub.add_argument("tag", type=_language, help="the language, as listed in story.yml's `translations`, e.g. ar")
    content_option(sub)
    sub.add_argument("--skeleton", action="store_true", help="write entries to fill in for the untranslated texts")
    sub = command(
        pages,
        "pages",
        "write the generated Markdown pages to a folder",
        "Validate the content and write every page, as the MkDocs plugin would serve it, "
        "the data files beside them (data/, feeds/, embed/) and the hand-written pages of the "
        "content's pages/ folder to a folder (replaced only on success), for another builder "
        "such as Zensical.",
        "python -m generator pages --out build/pages",
    )
    content_option(sub)
    sub.add_argument("--out", type=Path, required=True, help="folder to write the pages to")
    sub.add_argument(
        "--no-directory-urls",
        action="store_true",
        help="the site's pages are page.html, not page/ (as MkDocs' use_directory_urls: false), "
        "for the links in the data files; the pages' own links are left to the builder",
    )
    sub.add_argument(
        "--site-url",
        type=_site_url,
        default=None,
        help="the address the site is published at (as mkdocs.yml's site_url), for absolute "
        "links in the feeds, tables and embed code; without it they are relative",
    )
    sub.add_argument(
        "--page-size",
        type=_positive,
        default=PAGE_SIZE,
        help=f"entries a list page holds before it is split into pages (as the plugin's page_size; "
        f"default {PAGE_SIZE})",
    )
    sub = command(
        new,
        "new",
        "add a record stub with placeholders to a content file",
        "Append a new record with a fresh id and a TODO placeholder for each required field; "
        "`check` lists the TODOs left. `update`, `highlight` and `correction` add an entry to "
        "story.yml's logs instead: a highlight goes first (the newest lead the overview), an update "
        "or a correction last; a correction names the corrected record and where it is written.",
        'python -m generator new actor "Riad Seif"\n'
        '  python -m generator new update "Adds the vote on the budget." --at 2024-05-03T18:00:00Z\n'
        '  python -m generator new highlight "The council rejects the budget.[^example-news-2024-05-03]"\n'
        "  python -m generator new correction jane-doe-2024-05",
    )
    sub.add_argument(
        "kind",
        help="the kind of record: "
        + ", ".join(sorted(scaffold.kind_words()))
        + "; or an entry of story.yml's logs: "
        + ", ".join(story_log.LOGS),
    )
    sub.add_argument(
        "name",
        help="the record's name or title, from which its id is made; for a log entry, "
        + "; ".join(f"{log.word}: {log.name_means}" for log in story_log.LOGS.values()),
    )
    content_option(sub)
    sub.add_argument(
        "--file",
        type=Path,
        default=None,
        help="file to add to (default: KIND.yml, or the file of KIND/ with the most records; "
        "story.yml for a log entry)",
    )
    sub.add_argument(
        "--at",
        default=None,
        help="a log entry's time, with its zone (default: now in UTC; for a highlight, the latest update's time)",
    )
    sub = command(
        changes,
        "changes",
        "report what changed for readers since a git ref",
        "Check the content at BASE (a git ref) and in the working tree, and print in Markdown what "
        "changed for readers: records added, changed (which fields) and removed, by kind; the "
        "story's lists; the pages whose text changed; and silent edits, where a value readers saw "
        "was changed or removed with no entry in the story's corrections naming the record. "
        "Filling in an empty field or adding to a list is not an edit. Exits 0 unless asked to fail.",
        "python -m generator changes origin/main --fail-on-silent-edits",
    )
    sub.add_argument("base", metavar="BASE", help="the git ref to compare with, e.g. origin/main or HEAD~1")
    content_option(sub)
    sub.add_argument(
        "--fail-on-silent-edits",
        action="store_true",
        help="exit 1 when a published value changed without a correction entry",
    )
    sub = command(
        write_guide,
        "guide",
        "regenerate the content reference in EDITING.md",
        "Rewrite the part of EDITING.md below its marker from the models, with examples from an invented story.",
        "python -m generator guide",
    )
    sub.add_argument(
        "--content",
        type=Path,
        default=guide.EXAMPLES,
        help=f"story to draw the examples from (default: {guide.EXAMPLES.as_posix()}, an invented story, "
        "so edits to content/ never make the guide stale)",
    )
    sub.add_argument("--file", type=Path, default=Path("EDITING.md"), help="the guide (default: EDITING.md)")
    sub = command(
        schema,
        "schema",
        "write the JSON Schema of each content file",
        "Regenerate generator/schema/*.json from the models.",
        "python -m generator schema",
    )
    sub.add_argument("--out", type=Path, default=None, help="folder (default: generator/schema)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        COMMANDS[args.command](args)
    except ContentError as err:
        print(err.report(), file=sys.stderr)
        return 1
    except (
        scaffold.ScaffoldError,
        OutputFolderError,
        PageClashError,
        starter.InitError,
        changes_report.ChangesError,
        SilentEditsFound,
    ) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0
