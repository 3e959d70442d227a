"""Open data: the story in the formats newsrooms and researchers already use, from the same checked content.

Each module makes one family of files, as a mapping of path (from the site's root) to bytes
that the Site carries beside its pages: `tables` (a CSV per kind and the votes), `story_data`
(story.json and its JSON Schema), `popolo`, `timelinejs`, `atom` (feeds) and `embeds`.
"""

from __future__ import annotations

from generator.site.exports import atom, embeds, popolo, story_data, tables, timelinejs
from generator.site.exports.context import Export

BUILDERS = (tables.files, story_data.files, popolo.files, timelinejs.files, atom.files, embeds.files)


def build(export: Export) -> dict[str, bytes]:
    """Every published data file, by path, in path order."""
    files: dict[str, bytes] = {}
    for make in BUILDERS:
        files.update(make(export))
    return dict(sorted(files.items()))


__all__ = ["Export", "build"]
