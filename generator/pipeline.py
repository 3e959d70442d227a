"""The pipeline's front half: load and validate a content folder, or fail once."""

from __future__ import annotations

import time
from pathlib import Path

from .derive import derive
from .errors import ContentError
from .loader import Content, load
from .render import TEMPLATES, Renderer, Site
from .validate import check


def load_checked(root: Path, timings: dict[str, float] | None = None) -> Content:
    """Load and validate `root`; raise ContentError listing every problem."""
    clock = _Clock(timings)
    content, problems = load(root)
    clock.lap("load")
    if content is None:
        raise ContentError(problems)
    problems += check(content)
    clock.lap("validate")
    if problems:
        raise ContentError(problems)
    return content


def summary(content: Content) -> str:
    """One line with the number of records of each kind."""
    parts = [f"{len(records)} {kind}" for kind, records in content.records.items()]
    parts.insert(0, f"{len(content.story.highlights)} highlights")
    return f"{content.root.name}/ is valid: " + ", ".join(parts)


def build_site(root: Path, templates: Path = TEMPLATES, directory_urls: bool = True,
               timings: dict[str, float] | None = None) -> Site:
    """Load, validate, derive and render: the whole pipeline, in memory.

    When `timings` is given, the seconds spent in each stage are added to it.
    """
    content = load_checked(root, timings)
    clock = _Clock(timings)
    facts = derive(content)
    clock.lap("derive")
    site = Renderer(content, facts, templates, directory_urls).render()
    clock.lap("render")
    return site


class _Clock:
    """Adds the time since the last lap to a stage's total, when someone is counting."""

    def __init__(self, timings: dict[str, float] | None) -> None:
        self.timings = timings
        self.last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        if self.timings is not None:
            self.timings[stage] = self.timings.get(stage, 0.0) + now - self.last
        self.last = now
