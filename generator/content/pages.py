"""The pages records live on, and the ids those pages already use for themselves.

A record anchored on a page (a kind's `home`) must not take an id the page uses: it would
overwrite a page of its own (actors/index.md) or repeat an anchor, so that links land on the
wrong element. The titles here are the section pages' titles, which the renderer prints (and
MkDocs' navigation shows), in the language being written.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator, Mapping

from generator.content.dates import MAX_YEAR, MIN_YEAR, Timestamp
from generator.content.i18n import _, speaking
from generator.content.kinds import KINDS
from generator.content.load import Content
from generator.content.models import (
    PublisherType,
)


def _section_titles() -> dict[str, str]:
    # Made afresh on each reading, so that the titles are in the language being written.
    return {
        "index.md": _("Overview"),
        "actors/index.md": _("Who's who"),
        "defections.md": _("Defections"),
        "votes/index.md": _("Drafts and votes"),
        "timeline.md": _("Timeline"),
        "figures.md": _("Figures"),
        "quotes.md": _("Quotes"),
        "sources.md": _("Sources"),
        "glossary.md": _("Glossary"),
    }


class _SectionTitles(Mapping[str, str]):
    """The section pages' titles by path, in the language being written when they are read."""

    def __getitem__(self, path: str) -> str:
        return _section_titles()[path]

    def __iter__(self) -> Iterator[str]:
        return iter(_section_titles())

    def __len__(self) -> int:
        return len(_section_titles())


SECTION_TITLES: Mapping[str, str] = _SectionTitles()

# A page per update, the story as it stood then (generator/facts/editions.py), out of the nav.
EDITIONS_FOLDER = "updates/"


def edition_path(moment: Timestamp) -> str:
    """The page of the edition of an update, named by its time in UTC: updates/2012-07-11T2100.md."""
    utc = moment.moment.astimezone(dt.UTC)
    return f"{EDITIONS_FOLDER}{utc:%Y-%m-%dT%H%M}.md"


def heading_anchor(text: str) -> str:
    """The anchor Python-Markdown's toc extension gives a heading (its default slugify)."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


# What each page that records live on (a kind's `home`) already calls its own: a record id
# equal to one would overwrite a page (actors/index.md) or repeat an anchor, so that links
# land on the wrong element and the page holds two equal ids. Headings become anchors by
# slugifying their text, in the story's language (`# Défections` -> defections); the headings
# other pages link to carry a fixed id instead (`## ... {: #all-defections }`), the same in
# every language; the others are the ids the templates in generator/site/templates/ and the
# charts write. Keep in step with those templates.
_FIXED_IDS: dict[str, frozenset[str]] = {
    # A page per record: the folder's index.md is the section page.
    **{kind.home: frozenset({"index"}) for kind in KINDS if kind.home.endswith("/")},
    "defections.md": frozenset(
        {
            "highest-ranking-so-far",
            "defections-over-time",
            "defections-by-month",
            "all-defections",
            "each-defection",
            "defections-chart-title",
            "defections-chart-desc",
        }
    ),
    # A heading per year: any year a date may have.
    "timeline.md": frozenset(str(year) for year in range(MIN_YEAR, MAX_YEAR + 1)),
    # A heading per publisher type, and one for the weaker sources (facts/source_groups.py).
    "sources.md": frozenset({"weaker-sources", *(f"publisher-{kind.value}" for kind in PublisherType)}),
    "votes/index.md": frozenset({"at-a-glance", "membership", "mission-mandates", "contested-seats", "the-plans"}),
}


def reserved_ids(language: str) -> dict[str, frozenset[str]]:
    """The ids each page records live on uses itself, when written in `language` (a story's tag):
    its title's anchor, the anchor of its "Notes" heading (site/notes.py) and its fixed ids."""
    with speaking(language):
        titled = {path: frozenset({heading_anchor(title), "notes"}) for path, title in SECTION_TITLES.items()}
    return {page: titled.get(page, frozenset()) | _FIXED_IDS.get(page, frozenset()) for page in {*titled, *_FIXED_IDS}}


# The anchors of citation notes and of the markers that link to them (site/notes.py writes them):
# any page with prose may hold them, so no record anchored on a page may take one of these ids.
NOTE_ANCHOR = re.compile(r"^(?:se-note-[0-9]+|se-cite-[0-9]+-[0-9]+)$")


def derived_anchors(content: Content) -> dict[str, set[str]]:
    """Anchors that pages make from the content itself: headings named after it, and chart ids."""
    figures = {f"figures-{metric.id}-{part}" for metric in content.story.metrics for part in ("title", "desc")}
    figures |= {heading_anchor(metric.label) for metric in content.story.metrics}
    votes = {f"vote-{document.id}-{part}" for document in content.documents for part in ("title", "desc")}
    votes |= {f"{mission.id}-chart-{part}" for mission in content.missions for part in ("title", "desc")}
    votes |= {heading_anchor(content.actor_name(document.body)) for document in content.documents}
    # The timeline's month headings are anchored by the month: 2012-07 (facts/timeline_view.py).
    months = set()
    for kind, records in content.by_kind():
        for record in records:
            moment = kind.moment_of(record)
            if moment is not None:
                months.add(f"{moment.date.settled:%Y-%m}")
    return {"figures.md": figures, "votes/index.md": votes, "timeline.md": months}
