"""The pipeline's front half: load and validate a content folder, or fail once."""

from __future__ import annotations

from pathlib import Path

from .derive import derive
from .errors import ContentError
from .loader import Content, load
from .render import TEMPLATES, Renderer, Site
from .validate import check


def load_checked(root: Path) -> Content:
    """Load and validate `root`; raise ContentError listing every problem."""
    content, problems = load(root)
    if content is None:
        raise ContentError(problems)
    problems += check(content)
    if problems:
        raise ContentError(problems)
    return content


def summary(content: Content) -> str:
    """One line with the number of records of each kind."""
    parts = [f"{len(records)} {kind}" for kind, records in content.records.items()]
    parts.insert(0, f"{len(content.story.highlights)} highlights")
    return f"{content.root.name}/ is valid: " + ", ".join(parts)


def build_site(root: Path, templates: Path = TEMPLATES, directory_urls: bool = True) -> Site:
    """Load, validate, derive and render: the whole pipeline, in memory."""
    content = load_checked(root)
    return Renderer(content, derive(content), templates, directory_urls).render()
