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
