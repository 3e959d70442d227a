"""How the build grows with the number of updates: every update is an edition of the overview.

Usage: python benchmarks/edition_scale.py [--updates 200 400 800] [--actors 50]

For each count it writes a synthetic story (benchmarks/synthetic.py) with that many updates,
an hour apart and each with a highlight, then builds it with our generator in this process and
prints: the time to build, the editions' total and largest size, and per update, relative to the
smallest count. With each edition's logs bounded (the newest few updates and highlights, the
rest on the overview) time and bytes per update stay flat: the build grows linearly, where it
grew with the square of the updates before. Figures, not pass/fail.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import synthetic  # noqa: E402 - a sibling script, not a package

from generator.content.pages import EDITIONS_FOLDER  # noqa: E402
from generator.pipeline import build_site  # noqa: E402

# After every date a synthetic story's records can have, so that every edition holds them all
# and only the logs differ between editions.
FIRST_UPDATE = dt.datetime(2014, 1, 1, 9, tzinfo=dt.UTC)


def with_updates(folder: Path, updates: int) -> None:
    """Give the story in `folder` `updates` updates, an hour apart, each with a highlight."""
    story_file = folder / "story.yml"
    story = yaml.safe_load(story_file.read_text(encoding="utf-8"))
    times = [(FIRST_UPDATE + dt.timedelta(hours=i)).strftime("%Y-%m-%dT%H:%M:%SZ") for i in range(updates)]
    story["published"] = times[0]
    story["updates"] = [{"at": t, "text": f"Update {i}: added the day's reports."} for i, t in enumerate(times)]
    # Each cites a source, as `check` requires of the story's own prose (the synthetic story has source-0).
    story["highlights"] = [{"text": f"Highlight of update {i}.[^source-0]", "added": t} for i, t in enumerate(times)]
    story_file.write_text(yaml.safe_dump(story, sort_keys=False, allow_unicode=True), encoding="utf-8")


def measure(actors: int, updates: int) -> tuple[float, int, int]:
    """Seconds to build, and the editions' total and largest size in bytes."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "content"
        synthetic.write(actors, folder)
        with_updates(folder, updates)
        start = time.perf_counter()
        site = build_site(folder)
        seconds = time.perf_counter() - start
    sizes = [len(p.text.encode()) for path, p in site.pages.items() if path.startswith(EDITIONS_FOLDER)]
    assert len(sizes) == updates, f"{len(sizes)} editions for {updates} updates"
    return seconds, sum(sizes), max(sizes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--updates", type=int, nargs="+", default=[200, 400, 800])
    parser.add_argument("--actors", type=int, default=50)
    args = parser.parse_args()
    print(f"A synthetic story of {args.actors} actors; our generator only (no MkDocs), in this process.\n")
    print(
        "| updates | build (s) | editions (MB) | largest edition (kB) "
        "| time per update, relative | bytes per update, relative |"
    )
    print("|---:|---:|---:|---:|---:|---:|")
    base: tuple[float, float] | None = None
    for count in args.updates:
        seconds, total, largest = measure(args.actors, count)
        per = (seconds / count, total / count)
        base = base or per
        print(
            f"| {count:,} | {seconds:.2f} | {total / 1e6:.1f} | {largest / 1e3:.1f} "
            f"| {per[0] / base[0]:.2f} | {per[1] / base[1]:.2f} |"
        )


if __name__ == "__main__":
    main()
