"""How the build grows with the story: figures at several sizes, measured in one run.

Usage: python benchmarks/build_scale.py [--sizes 100 1000 5000] [--runs 3]

For each size it writes a synthetic story (benchmarks/synthetic.py), then prints:
pages; our generator's time by stage (load, validate, derive: facts, parts, addresses and every
edition's facts; render: pages, data files, feeds and embeds; write and hooks: the MkDocs
adapter's own work); the whole `mkdocs build`; as a baseline, `mkdocs build` of the same
Markdown pages from a plain docs folder without our plugin; the site's size; the build's peak
memory and the baseline's. Then the ratios: our share of the whole build, the build against
the baseline (time and memory), and time and bytes per page relative to the smallest size.
Each build runs in a fresh process, timed from just before MkDocs' build() to just after,
so Python's start-up is not counted. Times are CPU seconds of that process (wall-clock
beside them), so that figures from a machine shared with other work still compare.
With `--runs N`, both builds run N times, taking turns; each figure is from the run of least
CPU time (the least disturbed by other work: the same rule for our build and the baseline),
and the spread of all N is printed beside it. Peak memory is the largest of the N.
Figures, not pass/fail.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import synthetic  # noqa: E402 - a sibling script, not a package


def child(config_file: str, site_dir: str) -> None:
    """In a fresh process: build once and print the times as JSON, wall-clock and CPU."""
    import types

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from generator import pipeline
    from generator.adapters import mkdocs_plugin

    # Our stages are timed in CPU seconds (the process's own), as the whole build is below: on a
    # machine shared with other work, wall-clock time counts the others' turns too.
    clock = types.SimpleNamespace(perf_counter=time.process_time, time_ns=time.time_ns)
    for module in (pipeline, mkdocs_plugin):
        setattr(module, "time", clock)  # noqa: B010 - a test double
    config = load_config(config_file, site_dir=site_dir)
    plugin = config.plugins.get("story-explainer")
    phases = timed_phases(lambda: getattr(plugin, "timings", {}).get("hooks", 0.0))
    start, cpu = time.perf_counter(), time.process_time()
    build(config)
    total, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(json.dumps({"total": total, "cpu": cpu, "stages": getattr(plugin, "timings", {}), "phases": phases}))


# MkDocs' own phases, in both builds: each page's Markdown made HTML (with the plugins' page
# events around it), each page put in the theme's template, and within that the page_context
# event, where the search plugin reads each page's HTML into its index. They say where the rest
# of the build goes, and whether a difference between the two builds lies in MkDocs' work.
PHASES = ("markdown", "templates", "search")


def timed_phases(hooks: Callable[[], float]) -> dict[str, float]:
    """Time MkDocs' phases (CPU seconds) from now on in this process; the totals fill the dict
    returned. `hooks` gives the seconds our plugin's hooks have taken so far: they run within the
    phases, and are left out of them (they count in our stages)."""
    import mkdocs.commands.build as mkdocs_build
    from mkdocs.plugins import PluginCollection

    totals = dict.fromkeys(PHASES, 0.0)

    def timed(function: Any, phase: str) -> Any:
        def wrapper(*args: Any, **options: Any) -> Any:
            start, ours = time.process_time(), hooks()
            try:
                return function(*args, **options)
            finally:
                totals[phase] += time.process_time() - start - (hooks() - ours)

        return wrapper

    mkdocs_build._populate_page = timed(mkdocs_build._populate_page, "markdown")
    mkdocs_build._build_page = timed(mkdocs_build._build_page, "templates")
    run_event = PluginCollection.run_event

    def events(self: PluginCollection, name: str, *args: Any, **options: Any) -> Any:
        if name != "page_context":
            return run_event(self, name, *args, **options)
        return timed(run_event, "search")(self, name, *args, **options)

    PluginCollection.run_event = events  # type: ignore[method-assign]
    return totals


def timed_build(project: Path, config: str) -> dict[str, Any]:
    """Run one build in a child process; return its times and peak memory (kB)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1342000000"}
    site = project / f"site-{Path(config).stem}"
    process = subprocess.Popen(
        [sys.executable, __file__, "--child", config, str(site)],
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        raise SystemExit(f"build failed in {project} ({config})")
    result: dict[str, Any] = json.loads(output.strip().splitlines()[-1])
    result["peak_kb"] = usage.ru_maxrss
    result["bytes"] = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    result["pages"] = sum(1 for _ in site.rglob("index.html"))
    return result


def prepare(actors: int, project: Path) -> None:
    synthetic.write(actors, project / "content")
    shutil.copytree(ROOT / "theme", project / "theme")
    (project / "content" / "pages").mkdir()
    shutil.copy(ROOT / "content" / "pages" / "about.md", project / "content" / "pages" / "about.md")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    # The baseline: the same pages (with the hand-written ones), written out, built by MkDocs
    # without our plugin.
    subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "pages",
            "--content",
            str(project / "content"),
            "--out",
            str(project / "plain"),
        ],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    plain = re.sub(r"^docs_dir: .*$", "docs_dir: plain", config, flags=re.M)
    plain = re.sub(r"  - story-explainer:\n(    .*\n)*", "", plain)
    (project / "mkdocs-plain.yml").write_text(plain, encoding="utf-8")


def measure(actors: int, runs: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        prepare(actors, project)
        ours, plain = [], []
        for _ in range(runs):  # taking turns, so that a busy minute falls on both
            ours.append(timed_build(project, "mkdocs.yml"))
            plain.append(timed_build(project, "mkdocs-plain.yml"))
    return {"actors": actors, "ours": least(ours), "plain": least(plain)}


def least(results: list[dict[str, Any]]) -> dict[str, Any]:
    """The run of least CPU time, with the spread of all runs and the largest peak of memory."""
    best = dict(min(results, key=lambda r: r["cpu"]))
    best["spread"] = (min(r["cpu"] for r in results), max(r["cpu"] for r in results))
    best["peak_kb"] = max(r["peak_kb"] for r in results)
    return best


# The plugin's stages (generator/pipeline.py's, then the MkDocs adapter's): "write" hands the
# pages and files to MkDocs and checks their links; "hooks" is the adapter's work on each page as
# MkDocs builds it (its section marked current, its language's direction) and after the build
# (each language's search index). (A "links" stage, turning each page's links into URLs after
# MkDocs rendered it, is gone: pages are rendered with their URLs, site/links.py.)
STAGES = ("load", "validate", "derive", "render", "write", "hooks")


def report(rows: list[dict[str, Any]]) -> None:
    print("CPU seconds (the build's own process; wall-clock in brackets), peak memory in MB")
    print(
        f"{'actors':>7} {'pages':>6} {'load':>7} {'valid.':>7} {'derive':>7} {'render':>7} {'write':>7} "
        f"{'hooks':>7} {'ours':>7} "
        f"{'build':>16} {'plain':>16} {'share':>6} {'b/plain':>7} {'site MB':>8} {'peak':>6} {'plain':>6} {'ratio':>6}"
    )
    for row in rows:
        ours, plain, stages = row["ours"], row["plain"], row["ours"]["stages"]
        generator = sum(stages.values())
        print(
            f"{row['actors']:>7} {ours['pages']:>6} "
            + " ".join(f"{stages.get(s, 0):>7.2f}" for s in STAGES)
            + f" {generator:>7.2f} {ours['cpu']:>7.2f} ({ours['total']:>6.2f}) "
            f"{plain['cpu']:>7.2f} ({plain['total']:>6.2f}) {generator / ours['cpu']:>6.1%} "
            f"{ours['cpu'] / plain['cpu']:>7.2f} {ours['bytes'] / 1e6:>8.1f} "
            f"{ours['peak_kb'] / 1024:>6.0f} {plain['peak_kb'] / 1024:>6.0f} {ours['peak_kb'] / plain['peak_kb']:>6.2f}"
        )
    if any(row["ours"]["spread"][0] != row["ours"]["spread"][1] for row in rows):
        print("\nspread of the runs, CPU seconds (least to most):")
        for row in rows:
            (a, b), (c, d) = row["ours"]["spread"], row["plain"]["spread"]
            print(f"{row['actors']:>7} build {a:.2f} to {b:.2f}, plain {c:.2f} to {d:.2f}")
    report_phases(rows)
    base = rows[0]["ours"]
    base_time, base_bytes = base["cpu"] / base["pages"], base["bytes"] / base["pages"]
    print("\nrelative to the smallest size (1.00 = as costly per page as the smallest):")
    print(f"{'actors':>7} {'s/page':>9} {'time/page':>10} {'bytes/page':>11} {'plain time/page':>16}")
    plain_base = rows[0]["plain"]["cpu"] / rows[0]["plain"]["pages"]
    for row in rows:
        ours = row["ours"]
        per_page = ours["cpu"] / ours["pages"]
        print(
            f"{row['actors']:>7} {per_page * 1000:>7.2f}ms {per_page / base_time:>10.2f} "
            f"{ours['bytes'] / ours['pages'] / base_bytes:>11.2f} "
            f"{row['plain']['cpu'] / row['plain']['pages'] / plain_base:>16.2f}"
        )


def report_phases(rows: list[dict[str, Any]]) -> None:
    """Where each build's CPU seconds go: our stages, MkDocs' phases, and the rest (start-up of the
    build, navigation, copying files, writing the search index). Our hooks run inside MkDocs'
    markdown and templates phases and are counted in "ours" only (timed_phases), so that the columns add up."""
    columns = ("ours", *PHASES, "rest", "total")
    print("\nwhere the time goes, CPU seconds (the same runs as above):")
    print(f"{'actors':>7} {'build':>6} " + " ".join(f"{column:>9}" for column in columns))
    for row in rows:
        ours, plain = _phase_parts(row["ours"]), _phase_parts(row["plain"])
        difference = [a - b for a, b in zip(ours, plain, strict=True)]
        print(f"{row['actors']:>7} {'ours':>6} " + " ".join(f"{value:>9.2f}" for value in ours))
        print(f"{row['actors']:>7} {'plain':>6} " + " ".join(f"{value:>9.2f}" for value in plain))
        print(f"{row['actors']:>7} {'diff.':>6} " + " ".join(f"{value:>+9.2f}" for value in difference))


def _phase_parts(run: dict[str, Any]) -> list[float]:
    """One build's seconds: ours, each of MkDocs' phases without what another column counts, the rest, the total."""
    ours = sum(run["stages"].values())
    phases = dict.fromkeys(PHASES, 0.0) | run.get("phases", {})
    phases["templates"] -= phases["search"]  # the page_context event runs within the template phase
    return [ours, *phases.values(), run["cpu"] - ours - sum(phases.values()), run["cpu"]]


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3])
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--runs", type=int, default=1, help="builds of each kind per size (default 1)")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    rows = []
    for size in args.sizes:
        rows.append(measure(size, args.runs))
        print(f"measured {size} actors", file=sys.stderr)
    report(rows)


if __name__ == "__main__":
    main()
