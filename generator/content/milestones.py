"""The warning `check` gives when too few records are marked as milestones of the story."""

from __future__ import annotations

from generator.content.load import Content
from generator.content.problems import Problem

FEWEST_MILESTONES = 3  # fewer cannot tell a story from its beginning to now


def warnings(content: Content) -> list[Problem]:
    """A warning, located at story.yml, when fewer than FEWEST_MILESTONES records are milestones."""
    marked = sum(1 for record in content.all() if content.kinds[record.id].is_milestone(record))
    if marked >= FEWEST_MILESTONES:
        return []
    count = f"{marked} record{' is' if marked == 1 else 's are'}" if marked else "no record is"
    message = (
        f"warning: {count} marked `milestone: true`, so the overview's 'The story so far' is "
        f"{'empty' if not marked else 'thin'} (mark the {FEWEST_MILESTONES} or more turning points from the "
        "story's beginning to now: add `milestone: true` to those defections, events or documents)"
    )
    return [Problem(content.story_file, 1, 1, "", message)]
