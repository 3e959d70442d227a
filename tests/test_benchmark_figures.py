"""The benchmarks' own arithmetic: which run a figure comes from when a build runs several times."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "build_scale.py"


def _build_scale() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_scale", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


RUNS = st.lists(
    st.fixed_dictionaries(
        {
            "cpu": st.floats(0.1, 100, allow_nan=False),
            "peak_kb": st.integers(1, 10**7),
            "stages": st.dictionaries(st.sampled_from(["load", "render"]), st.floats(0, 10)),
        }
    ),
    min_size=1,
    max_size=6,
)


@given(RUNS)
def test_a_figure_is_the_run_of_least_cpu_with_its_own_stages_and_the_largest_peak(runs: list[dict[str, Any]]) -> None:
    least = _build_scale().least(runs)
    fastest = min(runs, key=lambda r: r["cpu"])
    # Stages and total come from one run, so that our share is a share of that run's build.
    assert least["cpu"] == fastest["cpu"] and least["stages"] is fastest["stages"]
    assert least["spread"] == (min(r["cpu"] for r in runs), max(r["cpu"] for r in runs))
    assert least["peak_kb"] == max(r["peak_kb"] for r in runs)  # memory: the worst run, not the best
    assert all("spread" not in r for r in runs)  # the runs themselves are left as measured


PHASE_RUNS = st.fixed_dictionaries(
    {
        "cpu": st.floats(0, 100, allow_nan=False),
        "stages": st.dictionaries(st.sampled_from(["load", "render", "hooks"]), st.floats(0, 10)),
        "phases": st.fixed_dictionaries({"markdown": st.floats(0, 50), "templates": st.floats(0, 50)}).flatmap(
            lambda phases: st.just(phases | {"search": phases["templates"] / 2})
        ),
    }
)


@given(PHASE_RUNS)
def test_where_the_time_goes_adds_up_to_the_build(run: dict[str, Any]) -> None:
    """Each second of a build is in one column: ours, a phase of MkDocs' (search within the
    templates phase counted once), or the rest."""
    parts = _build_scale()._phase_parts(run)
    assert parts[-1] == run["cpu"]
    assert abs(sum(parts[:-1]) - run["cpu"]) < 1e-9 * max(1.0, run["cpu"]) + 1e-9
    assert parts[0] == sum(run["stages"].values())
    assert parts[2] == run["phases"]["templates"] - run["phases"]["search"]


def test_a_baseline_run_has_no_stages_of_ours() -> None:
    parts = _build_scale()._phase_parts(
        {"cpu": 10.0, "stages": {}, "phases": {"markdown": 4.0, "templates": 3.0, "search": 1.0}}
    )
    assert parts == [0.0, 4.0, 2.0, 1.0, 3.0, 10.0]
