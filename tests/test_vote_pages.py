"""How the vote charts sit on their pages, on every story the engine's fixtures hold: the chart
and the outcome before notes and doubts, provisions headed by what became of the text, one
legend a page above the first chart, and each seat's code naming its member on hover."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
from conftest import TESTS

from generator.content.load import Content
from generator.content.models import DocumentStatus
from generator.facts.sentences import provisions_heading
from generator.pipeline import Site, build_site, load_checked

FIXTURES = sorted(p for p in (TESTS / "fixtures").iterdir() if (p / "story.yml").is_file())
VOTE_SVG = re.compile(r'<svg class="se-chart se-chart--vote".*?</svg>', re.S)


@functools.cache
def built(fixture: Path) -> tuple[Content, Site]:
    return load_checked(fixture), build_site(fixture)


def document_pages(fixture: Path) -> list[tuple[str, str, DocumentStatus, bool]]:
    """Each document's page: its text, status and whether it has provisions."""
    content, site = built(fixture)
    return [
        (d.id, site.pages[f"votes/{d.id}.md"].text, d.status, bool(d.provisions))
        for d in content.documents
        if f"votes/{d.id}.md" in site.pages
    ]


@pytest.mark.parametrize(
    ("status", "heading"),
    [
        (DocumentStatus.ADOPTED, "What it says"),
        (DocumentStatus.PENDING, "What it would do"),
        (DocumentStatus.VETOED, "What it would have done"),
        (DocumentStatus.FAILED, "What it would have done"),
        (DocumentStatus.WITHDRAWN, "What it would have done"),
        (DocumentStatus.NOT_VOTED, "What it would have done"),
    ],
)
def test_provisions_are_headed_by_what_became_of_the_text(status: DocumentStatus, heading: str) -> None:
    assert provisions_heading(status) == heading


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.name)
def test_each_document_page_heads_its_provisions_by_its_status(fixture: Path) -> None:
    pages = document_pages(fixture)
    assert pages
    for document_id, text, status, has_provisions in pages:
        headings = re.findall(r"^## (What it [^\n{]+?)\s*$", text, re.M)
        assert headings == ([provisions_heading(status)] if has_provisions else []), document_id


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.name)
def test_the_vote_and_its_outcome_come_before_provisions_notes_and_doubts(fixture: Path) -> None:
    for document_id, text, _, _ in document_pages(fixture):
        vote = text.find('<div class="se-vote" id="vote">')
        if vote < 0:
            continue
        outcome = text.index('<p class="se-outcome">')
        later = [m.start() for m in re.finditer(r'class="se-(?:note|uncertain|provisions)"', text)]
        assert all(vote < outcome < at for at in later), document_id


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.name)
def test_a_page_of_vote_charts_prints_one_legend_above_the_first(fixture: Path) -> None:
    _, site = built(fixture)
    charted = [page.text for page in site.pages.values() if VOTE_SVG.search(page.text)]
    assert charted, "the fixture draws no vote chart"
    for text in charted:
        assert text.count('class="se-key se-key--votes"') == 1
        assert text.index('class="se-key se-key--votes"') < VOTE_SVG.search(text).start()  # type: ignore[union-attr]
        # The charts themselves carry no legend, only their seats and tally.
        assert all("permanent member (" not in chart and ">yes<" not in chart for chart in VOTE_SVG.findall(text))


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.name)
def test_an_embedded_vote_chart_keeps_its_own_legend(fixture: Path) -> None:
    _, site = built(fixture)
    embeds = [text for path, text in site.files.items() if path.startswith("embed/votes/")]
    for text in embeds:
        chart = VOTE_SVG.search(text if isinstance(text, str) else text.decode("utf-8"))
        assert chart is not None and ">yes<" in chart.group(0)


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.name)
def test_each_seat_code_names_its_member_on_hover(fixture: Path) -> None:
    content, site = built(fixture)
    names = {a.name for a in content.actors}
    for page in site.pages.values():
        for chart in VOTE_SVG.findall(page.text):
            codes = re.findall(r'se-seat__code"[^>]*><title>([^<]+)</title>([^<]+)</text>', chart)
            assert codes and all(title in names for title, _ in codes)
            assert len({code for _, code in codes}) == len(codes)  # no two seats share a code
