"""Lighthouse scores and page weights of every page kind, served compressed as GitHub Pages serves them.

Usage: python benchmarks/lighthouse.py [--runs 3] [--actors N] [--only overview,timeline] [--baseline]

Builds the site of content/ (or of a synthetic story of N actors, benchmarks/synthetic.py)
with `mkdocs build`, serves it gzipped on 127.0.0.1, runs Lighthouse 12.8.2 (pinned in
benchmarks/lighthouse/package.json, installed there on first use with `npm ci`) with
Debian's Chromium, mobile settings, `--runs` times per page kind, and prints the median of
each category and each page's weight (HTML, CSS and JS, compressed and not). A section split
into pages (a long timeline, generator/facts/parts.py) is measured on its own page and on its
heaviest part. `--baseline` also measures the first story's overview in the same run, first and last, so that
figures taken while the machine is busy can be compared. Figures, not pass/fail: it is a
benchmark, not a test.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOOL = ROOT / "benchmarks" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv")
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)


def page_kinds(site: Path) -> dict[str, str]:
    """One URL path per page kind; the actor and vote pages are the first of their folder."""

    def first(folder: str) -> str:
        pages = sorted(p.parent.name for p in (site / folder).glob("*/index.html"))
        return f"{folder}/{pages[0]}/" if pages else f"{folder}/"

    def heaviest(folder: str) -> str | None:
        """The heaviest page of a section split into parts (generator/facts/parts.py), if it is split."""
        parts = [p for p in (site / folder).rglob("index.html") if p.parent != site / folder]
        if not parts:
            return None
        page = max(parts, key=lambda p: (p.stat().st_size, str(p)))
        return page.parent.relative_to(site).as_posix() + "/"

    kinds = {
        "overview": "",
        "who's who": "actors/",
        "actor": first("actors"),
        "defections": "defections/",
        "drafts and votes": "votes/",
        "vote": first("votes"),
        "timeline": "timeline/",
        "figures": "figures/",
        "quotes": "quotes/",
        "sources": "sources/",
        "glossary": "glossary/",
    }
    # A long section is split into pages: measure its heaviest page too.
    for kind, folder in (
        ("who's who", "actors/sides"),
        ("defections", "defections"),
        ("timeline", "timeline"),
        ("sources", "sources"),
        ("quotes", "quotes"),
        ("figures", "figures"),
    ):
        part = heaviest(folder)
        if part:
            kinds[f"{kind}, heaviest part"] = part
    return kinds


def build(project: Path, site: Path) -> None:
    env = {
        **os.environ,
        "PYTHONPATH": str(project),  # this copy of the generator, whatever is installed
        "NO_MKDOCS_2_WARNING": "1",
        "SOURCE_DATE_EPOCH": "1342000000",
        "SITE_URL": "http://127.0.0.1/story-explainer/",
    }
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "-d", str(site)], cwd=project, env=env, check=True
    )


class _Gzipped(http.server.SimpleHTTPRequestHandler):
    """Serve files from the site, gzipped when the browser accepts it (as GitHub Pages does)."""

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (
            not path.is_file()
            or "gzip" not in self.headers.get("Accept-Encoding", "")
            or path.suffix not in COMPRESSIBLE
        ):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return _Body(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Body:
    """What send_head returns: something copyfile can read and close."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


@contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve `root` (holding story-explainer/) on a free port of 127.0.0.1."""
    handler = lambda *a: _Gzipped(*a, directory=str(root))  # noqa: E731
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/story-explainer/"
    finally:
        server.shutdown()


def lighthouse(url: str) -> dict[str, float]:
    """One Lighthouse run: each category's score out of 100."""
    env = {**os.environ, "CHROME_PATH": shutil.which("chromium") or "/usr/bin/chromium"}
    result = subprocess.run(
        [
            str(TOOL / "node_modules" / ".bin" / "lighthouse"),
            url,
            "--quiet",
            "--output=json",
            "--output-path=stdout",
            f"--chrome-flags={CHROME_FLAGS}",
            f"--only-categories={','.join(CATEGORIES)}",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=True,
    )
    report = json.loads(result.stdout)
    return {name: round(100 * (report["categories"][name]["score"] or 0)) for name in CATEGORIES}


def weights(site: Path, page: str) -> dict[str, tuple[int, int]]:
    """Bytes of the page's HTML and of the CSS and JS it loads from the site: (raw, gzipped)."""
    html_file = site / page / "index.html"
    html = html_file.read_text(encoding="utf-8")
    found: dict[str, tuple[int, int]] = {"html": _sizes(html_file)}
    for kind, pattern in (
        ("css", r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"'),
        ("js", r'<script[^>]+src="([^"]+)"'),
    ):
        raw = packed = 0
        for href in re.findall(pattern, html):
            target = (html_file.parent / href.split("?")[0]).resolve()
            if target.is_file():
                a, b = _sizes(target)
                raw, packed = raw + a, packed + b
        found[kind] = (raw, packed)
    return found


def _sizes(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    return len(data), len(gzip.compress(data, mtime=0))


def copy_project(target: Path) -> None:
    """Copy the project, without what a build makes or installs. Only the top-level site/ is left
    out: a pattern matching any folder named `site` would drop generator/site too, and the build
    would then import whichever copy of the package is installed."""

    def ignore(folder: str, names: list[str]) -> set[str]:
        skipped = {".git", "node_modules", "test-artifacts"}
        if Path(folder) == ROOT:
            skipped |= {"site"}
        return skipped & set(names)

    shutil.copytree(ROOT, target, ignore=ignore)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--actors", type=int, default=0, help="a synthetic story of N actors instead of content/")
    parser.add_argument("--only", default="", help='comma-separated page kinds: "figures,figures, heaviest part"')
    parser.add_argument("--baseline", action="store_true", help="also measure the first story's overview, first")
    args = parser.parse_args()
    if not (TOOL / "node_modules" / ".bin" / "lighthouse").exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=TOOL, check=True)
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        copy_project(project)
        if args.actors:
            # synthetic.py replaces the folder it is given: the content folder, not the project.
            subprocess.run(
                [
                    sys.executable,
                    str(ROOT / "benchmarks" / "synthetic.py"),
                    "--actors",
                    str(args.actors),
                    "--out",
                    str(project / "content"),
                ],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            shutil.copytree(ROOT / "content" / "pages", project / "content" / "pages", dirs_exist_ok=True)
        served = Path(tmp) / "served"
        site = served / "story-explainer"
        build(project, site)
        kinds = page_kinds(site)
        if args.only:
            # A comma followed by a space is part of a kind's name ("timeline, heaviest part").
            kinds = {k: v for k, v in kinds.items() if k in re.split(r",(?! )", args.only)}
        measured = [(kind, served, page) for kind, page in kinds.items()]
        if args.baseline:
            # The first story's overview, measured in the same run: the machine's load moves scores.
            first = Path(tmp) / "first"
            copy_project(first)
            build(first, Path(tmp) / "first-served" / "story-explainer")
            baseline = ("overview of the first story (baseline)", Path(tmp) / "first-served", "")
            measured = [baseline, *measured, (f"{baseline[0]}, again at the end", *baseline[1:])]
        print(f"| page | {' | '.join(CATEGORIES)} | HTML | CSS | JS |")
        print("|---|" + "---:|" * (len(CATEGORIES) + 3))
        for kind, root, page in measured:
            with serve(root) as base:
                runs = [lighthouse(base + page) for _ in range(args.runs)]
            medians = [statistics.median(run[c] for run in runs) for c in CATEGORIES]
            size = weights(root / "story-explainer", page)
            shown = [f"{size[k][1] / 1024:.1f} KB ({size[k][0] / 1024:.0f})" for k in ("html", "css", "js")]
            label = f"{kind} (`{page}`)" if "part" in kind else kind
            print(f"| {label} | {' | '.join(f'{m:.0f}' for m in medians)} | {' | '.join(shown)} |", flush=True)
    print(f"\nMedians of {args.runs} runs each; weights are gzipped, with the uncompressed size in brackets.")


if __name__ == "__main__":
    main()
