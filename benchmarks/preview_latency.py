"""Time from saving a one-record edit in `mkdocs serve` to the changed page being served,
against a whole `mkdocs build` of the same story.

Usage: python benchmarks/preview_latency.py [--content DIR | --actors N] [--tries N] [--builds N] [--dirty]

Copies mkdocs.yml, theme/ and the content folder into a temporary project. First times
`--builds` whole `mkdocs build`s of it (in a fresh process each, timed around MkDocs' build()
as benchmarks/site_build.py does). Then starts `mkdocs serve` on 127.0.0.1 and, N times,
puts a new token at the start of one actor's `description` (the first actor with a one-line
description) and polls that actor's page until the token is served. Prints each time, the
medians and their ratio (served / build); it passes or fails nothing.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback only
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def poll(url: str, token: str, limit: float) -> float:
    """Seconds until `token` appears at `url` (polling every 20 ms)."""
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        if token in fetch(url):
            return time.perf_counter() - start
        time.sleep(0.02)
    raise SystemExit(f"gave up after {limit} s waiting for {token}")


# An actor's one-line description: its value starts plainly or with a quote, never a block (| or >).
DESCRIPTION = re.compile(r"^(?P<head>  description: [\"']?)(?=[A-Za-z\[])", re.M)
RECORD_ID = re.compile(r"^- id: (?P<id>[a-z0-9-]+)$", re.M)
BUILD = (
    "import sys, time; from mkdocs.commands.build import build; from mkdocs.config import load_config\n"
    "config = load_config('mkdocs.yml', site_dir=sys.argv[1]); start = time.perf_counter(); build(config)\n"
    "print(time.perf_counter() - start)\n"
)


def actor_to_edit(content: Path) -> tuple[Path, int, str]:
    """The first actor with a one-line description: its file, where its value starts, and its id."""
    for path in sorted([*content.glob("actors.yml"), *content.glob("actors/*.yml")]):
        text = path.read_text(encoding="utf-8")
        for found in DESCRIPTION.finditer(text):
            ids = list(RECORD_ID.finditer(text, 0, found.start()))
            if ids:
                return path, found.end("head"), ids[-1].group("id")
    raise SystemExit(f"no actor with a one-line description in {content}")


def whole_builds(project: Path, count: int, env: dict[str, str]) -> list[float]:
    """Seconds of `count` whole `mkdocs build`s of the project, each in a fresh process."""
    times = []
    for _ in range(count):
        with tempfile.TemporaryDirectory() as site:
            done = subprocess.run(
                [sys.executable, "-c", BUILD, site], cwd=project, env=env, capture_output=True, text=True, check=True
            )
            times.append(float(done.stdout.strip().splitlines()[-1]))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    parser.add_argument("--actors", type=int, default=0, help="use a synthetic story of N actors instead")
    parser.add_argument("--dirty", action="store_true", help="run mkdocs serve --dirty")
    parser.add_argument("--tries", type=int, default=7)
    parser.add_argument("--builds", type=int, default=3, help="whole builds to time, for the ratio")
    parser.add_argument("--limit", type=float, default=300.0, help="seconds to wait for one change")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        if args.actors:
            sys.path.insert(0, str(ROOT / "benchmarks"))
            import synthetic

            synthetic.write(args.actors, project / "content")
            args.content = Path(f"synthetic-{args.actors}")
        else:
            shutil.copytree(args.content, project / "content")
        shutil.copytree(ROOT / "theme", project / "theme")
        shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
        (project / "content" / "pages").mkdir(exist_ok=True)
        if not (project / "content" / "pages" / "about.md").exists():
            shutil.copy(ROOT / "content" / "pages" / "about.md", project / "content" / "pages" / "about.md")
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        url = f"http://127.0.0.1:{port}/story-explainer/"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        builds = whole_builds(project, args.builds, env)
        full = statistics.median(builds)
        print(f"whole mkdocs build: {' '.join(f'{t:.2f}' for t in builds)} s, median {full:.2f} s")
        command = [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"]
        server = subprocess.Popen(
            command + (["--dirty"] if args.dirty else []),
            cwd=project,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            path, at, actor = actor_to_edit(project / "content")
            original = path.read_text(encoding="utf-8")
            started = poll(url, "<title>", args.limit)
            mode = "mkdocs serve --dirty" if args.dirty else "mkdocs serve"
            print(f"content: {args.content.name}/  {mode}  first build served after {started:.2f} s")
            print(f"editing the description of {actor} in {path.relative_to(project).as_posix()}")
            page = f"{url}actors/{actor}/"
            times = []
            for attempt in range(args.tries):
                time.sleep(0.5)  # let the server settle after the last rebuild
                token = f"previewtoken{attempt}"
                path.write_text(f"{original[:at]}{token} {original[at:]}", encoding="utf-8")
                times.append(poll(page, token, args.limit))
                print(f"  try {attempt + 1}: {times[-1]:.2f} s")
            served = statistics.median(times)
            print(f"median from save to served page: {served:.2f} s over {len(times)} tries")
            print(f"served / whole build: {served / full:.2f}")
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=20)


if __name__ == "__main__":
    main()
