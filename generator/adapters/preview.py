"""What `mkdocs serve` shows while the content is broken: the last good pages and a banner.

MkDocs 1.6 loads the configuration again, and so makes new plugin instances, on
every rebuild; the last good site therefore lives here, in the process, keyed by
content folder.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from markupsafe import escape

from generator.content.problems import Problem
from generator.site.render import SECTIONS, Page, Site

_last_good: dict[Path, Site] = {}
_page_folders: dict[Path, Path] = {}


def page_file(content: Path, page: str, text: str) -> Path:
    """The page's Markdown in a folder outside the docs (never written into docs_dir),
    rewritten only when its text changed, so that its modification time says so."""
    if content not in _page_folders:
        _page_folders[content] = Path(tempfile.mkdtemp(prefix="story-explainer-pages-"))
    path = _page_folders[content] / page
    data = text.encode("utf-8")
    if not path.is_file() or path.read_bytes() != data:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return path


def remember(content: Path, site: Site) -> None:
    _last_good[content] = site


def last_good(content: Path) -> Site | None:
    return _last_good.get(content)


def placeholder_site(problems: list[Problem]) -> Site:
    """Section pages that only say the site could not be built yet (there is no good build)."""
    pages = {}
    for path, _, title, _ in SECTIONS:
        text = f"---\ntitle: {title}\n---\n\n# {title}\n\nThis page will appear when the content is fixed.\n"
        pages[path] = Page(path, title, text, problems[0].file if problems else "")
    return Site(pages)


def banner(problems: list[Problem]) -> str:
    """An HTML block for the top of every page naming each problem's file, line and message."""
    shown = problems[:20]
    items = "".join(f"<li><code>{escape(str(p))}</code></li>" for p in shown)
    more = f"<p>…and {len(problems) - len(shown)} more; see the terminal.</p>" if len(problems) > len(shown) else ""
    count = len(problems)
    noun = "problem" if count == 1 else "problems"
    return (f'<div class="se-problems" role="alert"><p><strong>The content has {count} {noun}.</strong> '
            "This preview shows the last good version of the site until it is fixed.</p>"
            f"<ul>{items}</ul>{more}</div>\n\n")


def with_banner(site: Site, problems: list[Problem]) -> Site:
    """The same pages with the problems banner at the top of each body (after front matter)."""
    block = banner(problems)
    pages = {}
    for path, page in site.pages.items():
        head, sep, body = page.text.partition("\n---\n") if page.text.startswith("---\n") else ("", "", page.text)
        pages[path] = Page(page.path, page.title, f"{head}{sep}\n{block}{body.lstrip()}", page.source)
    return Site(pages)
