"""Time one whole `mkdocs build` of a content folder and the share spent in our generator.

Usage: python benchmarks/site_build.py [--content DIR] [--runs N]
Prints figures; it passes or fails nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator.adapters.mkdocs_plugin import StoryExplainerPlugin

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--content", default="content", help="content folder, relative to mkdocs.yml")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    totals, generator_times, stages = [], [], []
    pages = 0
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as site_dir:
            config = load_config(str(ROOT / "mkdocs.yml"), site_dir=site_dir)
            plugin = config.plugins["story-explainer"]
            assert isinstance(plugin, StoryExplainerPlugin)
            plugin.config.content = args.content
            start = time.perf_counter()
            build(config)
            totals.append(time.perf_counter() - start)
            pages = sum(1 for _ in Path(site_dir).rglob("index.html"))
        generator_times.append(sum(plugin.timings.values()))
        stages.append(plugin.timings)
    total, ours = statistics.median(totals), statistics.median(generator_times)
    print(f"content: {args.content}  runs: {args.runs}  pages (index.html files): {pages}")
    print(f"whole mkdocs build, median: {total:.3f} s")
    for stage in ("load", "validate", "derive", "render"):
        print(f"  generator {stage:<9} {statistics.median(s[stage] for s in stages) * 1000:8.1f} ms")
    print(f"generator in all, median: {ours:.3f} s = {ours / total:.1%} of the whole build")
    first = sum(stages[0].values())
    print(
        f"first (cold) run: whole build {totals[0]:.3f} s, generator {first:.3f} s = {first / totals[0]:.1%}; "
        "later runs reuse the parsed files and compiled templates, as mkdocs serve does"
    )


if __name__ == "__main__":
    main()
