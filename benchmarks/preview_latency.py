"""Time from saving a content file in `mkdocs serve` to the changed page being served.

Usage: python benchmarks/preview_latency.py [--content DIR | --actors N] [--tries N] [--dirty]

Copies mkdocs.yml, theme/ and the content folder into a temporary project, starts
`mkdocs serve` on 127.0.0.1, then, N times, rewrites the headline in story.yml with
a new token and polls the overview page until the token is served. Prints each time
and the median; it passes or fails nothing.
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    parser.add_argument("--actors", type=int, default=0, help="use a synthetic story of N actors instead")
    parser.add_argument("--dirty", action="store_true", help="run mkdocs serve --dirty")
    parser.add_argument("--tries", type=int, default=7)
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
            story = project / "content" / "story.yml"
            original = story.read_text(encoding="utf-8")
            started = poll(url, "<title>", args.limit)
            mode = "mkdocs serve --dirty" if args.dirty else "mkdocs serve"
            print(f"content: {args.content.name}/  {mode}  first build served after {started:.2f} s")
            times = []
            for attempt in range(args.tries):
                token = f"preview-token-{attempt}"
                text = re.sub(r"^headline: (.*)$", rf"headline: \1 {token}", original, count=1, flags=re.M)
                story.write_text(text, encoding="utf-8")
                times.append(poll(url, token, args.limit))
                print(f"  try {attempt + 1}: {times[-1]:.2f} s")
            print(f"median from save to served page: {statistics.median(times):.2f} s over {len(times)} tries")
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=20)


if __name__ == "__main__":
    main()
