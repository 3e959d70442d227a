"""What `mkdocs serve` shows while the site cannot be built: the last good pages and a banner.

Functions only: what must outlive a rebuild (the last good site, the page folder) lives on
the plugin instance, which MkDocs keeps for the whole `mkdocs serve`.
"""

from __future__ import annotations

import dataclasses
import json
import signal
import threading
from collections.abc import Callable
from types import FrameType
from typing import Any

from generator.content.problems import Problem
from generator.facts.sections import SECTIONS
from generator.site.environment import edit_path
from generator.site.html import escape
from generator.site.render import Page, Site

SHOWN = 20  # problems listed in the banner; the terminal has them all


def placeholder_site(source: str) -> Site:
    """Section pages that only say the site could not be built yet (there is no good build)."""
    pages = {}
    # The edit link opens the file with the first problem (theme/partials/actions.html).
    edit = f"edit_path: {json.dumps(edit_path(source))}\n" if source else ""
    for section in SECTIONS:
        text = (
            f"---\ntitle: {json.dumps(section.title)}\n{edit}---\n\n# {section.title}\n\n"
            "This page will appear when the content is fixed.\n"
        )
        pages[section.path] = Page(section.path, section.title, text, source)
    return Site(pages)


def internal_error(error: BaseException) -> str:
    """One line naming an unexpected exception: its type and the last line of its message."""
    lines = str(error).strip().splitlines()
    return f"internal error while building: {type(error).__name__}" + (f": {lines[-1]}" if lines else "")


def problems_banner(problems: list[Problem]) -> str:
    """The banner for content problems, naming each problem's file, line and message."""
    count = len(problems)
    noun = "problem" if count == 1 else "problems"
    more = f"…and {count - SHOWN} more; see the terminal." if count > SHOWN else ""
    return _banner(
        f"The content has {count} {noun}.",
        "This preview shows the last good version of the site until it is fixed.",
        [str(p) for p in problems[:SHOWN]],
        more,
    )


def error_banner(message: str) -> str:
    """The banner for an unexpected exception (a bug), with its one-line `message`."""
    return _banner("The site could not be rebuilt.", "", [message], "")


def missing_banner(folder: str) -> str:
    """The banner for a content folder that is not there (moved away or deleted)."""
    return _banner(
        "The content folder is missing.",
        "This preview shows the last good version of the site until it is back.",
        [f"{folder}: folder not found (moved or deleted?)"],
        "",
    )


def _banner(headline: str, explanation: str, items: list[str], more: str) -> str:
    """An HTML block for the top of every page; all text in it is escaped."""
    listed = "".join(f"<li><code>{escape(item)}</code></li>" for item in items)
    tail = f"<p>{escape(more)}</p>" if more else ""
    lead = f"<strong>{escape(headline)}</strong>" + (f" {escape(explanation)}" if explanation else "")
    return f'<div class="se-problems" role="alert"><p>{lead}</p><ul>{listed}</ul>{tail}</div>\n\n'


def with_banner(site: Site, block: str) -> Site:
    """The same pages with the banner `block` at the top of each body (after front matter)."""
    pages = {}
    for path, page in site.pages.items():
        head, sep, body = page.text.partition("\n---\n") if page.text.startswith("---\n") else ("", "", page.text)
        pages[path] = Page(page.path, page.title, f"{head}{sep}\n{block}{body.lstrip()}", page.source)
    return dataclasses.replace(site, pages=pages)


Handler = Callable[[int, FrameType | None], Any] | int | None


def interrupt_on_sigterm() -> Handler:
    """Make SIGTERM (`kill`, a process manager stopping the preview) end `mkdocs serve` as Ctrl-C does,
    so that MkDocs and the plugin remove their temporary folders; return the handler it replaces.

    Python's default for SIGTERM ends the process at once, with no `finally` run. Signals can only
    be handled in the main thread: elsewhere (an embedding program) nothing changes."""
    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, _interrupt)


def restore_sigterm(previous: Handler) -> None:
    """Put back the SIGTERM handler that `interrupt_on_sigterm` replaced."""
    if previous is not None and threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, previous)


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt
