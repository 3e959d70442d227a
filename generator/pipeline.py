"""The pipeline's front half: load and validate a content folder, or fail once."""

from __future__ import annotations

from pathlib import Path

from .errors import ContentError
from .loader import Content, load
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
