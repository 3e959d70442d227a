"""Links between the site's own pages are computed without the file system, and agree with it."""

from __future__ import annotations

import posixpath

from hypothesis import given
from hypothesis import strategies as st

from generator.facts.addresses import relative_path

SEGMENTS = st.sampled_from(["actors", "votes", "index.md", "x.md", "data", "a b", "2012", "."])
PATHS = st.lists(SEGMENTS, max_size=4).map("/".join)


@given(PATHS.filter(bool), PATHS)
def test_relative_path_is_posix_relpath(target: str, folder: str) -> None:
    assert relative_path(target, folder) == posixpath.relpath(target, folder or ".")


def test_parent_steps_fall_back_to_posix_relpath() -> None:
    assert relative_path("../data/x.csv", "actors") == posixpath.relpath("../data/x.csv", "actors")
