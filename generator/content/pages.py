"""Page paths and anchors the content layer needs: editions' pages, headings' and notes' anchors.

The section pages themselves, with their titles and the anchors they reserve, are declared in
the section registry (generator/facts/sections.py).
"""

from __future__ import annotations

import datetime as dt
import re

from markdown.extensions.toc import slugify

from generator.content.dates import Timestamp

# A page per update, the story as it stood then (generator/facts/editions.py), out of the nav.
EDITIONS_FOLDER = "updates/"


def edition_path(moment: Timestamp) -> str:
    """The page of the edition of an update, named by its time in UTC: updates/2012-07-11T2100.md."""
    utc = moment.moment.astimezone(dt.UTC)
    return f"{EDITIONS_FOLDER}{utc:%Y-%m-%dT%H%M}.md"


def heading_anchor(text: str) -> str:
    """The anchor Python-Markdown's toc extension gives a heading: its own default slugify, which
    mkdocs.yml's `toc` keeps (a copy would drift from the anchors the pages get)."""
    anchor: str = slugify(text, "-")
    return anchor


# The anchors of citation notes and of the markers that link to them (site/notes.py writes them):
# any page with prose may hold them, so no record anchored on a page may take one of these ids.
NOTE_ANCHOR = re.compile(r"^(?:se-note-[0-9]+|se-cite-[0-9]+-[0-9]+)$")
