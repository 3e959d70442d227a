"""What a demanding reader gets first: the latest vote, the protagonist's words, each thing said
once, no dead ends, sources they can weigh and the official text of every UN document.

Built HTML is read back; the engine's rules run on the invented stories, the first story's
facts on the first story (see conftest.first_story).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ENGINE_STORY, TESTS, first_story
from test_site import text_of

from generator.adapters.cli import main
from generator.content.weak_sources import weakness
from generator.facts.derive import Standing, derive, rank_defections
from generator.facts.official import official_text
from generator.facts.prominence import protagonist
from generator.pipeline import build_site, load_checked

HARBOUR = TESTS / "fixtures" / "harbour-story"


def article(path: Path) -> str:
    html = path.read_text(encoding="utf-8")
    return html[html.index("<article") : html.index("</article>")]


# --- the important things first ------------------------------------------------------------


def test_votes_page_opens_with_the_latest_vote_and_links_to_its_sections(first_built: tuple[Path, str]) -> None:
    html = article(first_built[0] / "votes/index.html")
    lead = html.index('id="latest-vote"')
    assert lead < html.index("<h2")  # before any section
    content = load_checked(first_story())
    voted = [d for d in content.documents if d.vote]
    latest = max(voted, key=lambda d: (d.vote.date.sort_key() if d.vote else (), d.id))
    lead_text = html[lead : html.index("</div>", lead)]
    assert f'href="{latest.id}/"' in lead_text
    jumps = re.search(r'<nav class="se-jump".*?</nav>', html, re.S)
    assert jumps is not None
    anchors = re.findall(r'href="#([^"]+)"', jumps.group(0))
    assert "mission-mandates" in anchors
    for anchor in anchors:  # every link lands on a heading of the page
        assert f'<h2 id="{anchor}"' in html, anchor


def test_a_record_needs_an_earlier_defector_it_outranks() -> None:
    """ "Highest-ranking so far" is never awarded for being first on a ladder."""
    for story in (ENGINE_STORY, HARBOUR, first_story()):
        rows = rank_defections(load_checked(story))
        for row in rows:
            for rank in row.ranks:
                earlier = [
                    r.level
                    for other in rows
                    if other.defection.date.latest < row.defection.date.earliest
                    for r in other.ranks
                    if r.track.id == rank.track.id
                ]
                if rank.standing is Standing.RECORD:
                    assert earlier and max(earlier) < rank.level, (story.name, row.defection.id)
                if not earlier:
                    assert rank.standing is Standing.FIRST, (story.name, row.defection.id)


def test_al_fares_leads_the_diplomats_and_his_row_says_so(first_built: tuple[Path, str]) -> None:
    text = text_of(first_built[0] / "defections/index.html")
    assert "Highest-ranking diplomat: Nawaf al-Fares, ambassador, 11 July 2012" in text
    # The first on a ladder is its highest so far: marked in its row, and the next of his rank only equals him.
    assert "Nawaf al-Fares ambassador (diplomat) Highest-ranking diplomat so far" in text
    assert "ambassador (diplomat) As senior as the highest diplomat so far" in text
    assert "Abdulrazzak Tlass first lieutenant (military officer) Highest-ranking military officer so far" in text
    assert "Hussein Harmoush lieutenant colonel (military officer) Highest-ranking military officer so far" in text


def test_defections_are_told_in_full_once(built: tuple[Path, str], first_built: tuple[Path, str]) -> None:
    for site in (built[0], first_built[0]):
        html = article(site / "defections/index.html")
        table = html[html.index('id="all-defections"') : html.index('id="each-defection"')]
        cards = html[html.index('id="each-defection"') :]
        assert "se-cite" not in table  # sources, what they did and where they went: in the cards only
        headers = re.findall(r'<th scope="col">([^<]+)</th>', table)
        assert headers == ["Date", "Who", "Rank"]
        assert cards.count('class="se-card"') == table.count("<tr>") - 1


def test_vote_page_states_the_tally_once_in_prose_and_once_in_the_chart(first_built: tuple[Path, str]) -> None:
    html = article(first_built[0] / "votes/s-2012-538/index.html")
    charts = re.findall(r"<svg.*?</svg>", html, re.S)
    prose = re.sub(r"<svg.*?</svg>", "", html, flags=re.S)
    prose_text = " ".join(re.sub(r"<[^>]+>", "", prose).split())
    assert prose_text.count("11 yes, 2 no, 2 abstaining") == 1
    assert sum(chart.count("11 yes, 2 no, 2 abstaining") for chart in charts) == 1  # its description
    assert "Outcome by the adoption rule: vetoed. 9 or more yes, but a permanent member voted no, so vetoed." in (
        prose_text
    )
    # The table gives each member's vote: one row a seat.
    assert prose.count('<tr class="se-vote--') == 15


def test_quotes_open_with_the_protagonist_and_every_quote_is_dated(
    built: tuple[Path, str], first_built: tuple[Path, str]
) -> None:
    for site, story in ((built[0], ENGINE_STORY), (first_built[0], first_story())):
        content = load_checked(story)
        lead = protagonist(content, derive(content).prominence, {q.speaker for q in content.quotes})
        assert lead is not None
        html = article(site / "quotes/index.html")
        footers = re.findall(r"<footer>(.*?)</footer>", html, re.S)
        assert len(footers) == len(content.quotes)
        spoken = [re.search(r'href="[^"]*actors/([^/"]+)/"', f) for f in footers]
        speakers = [m.group(1) if m else "" for m in spoken]
        firsts = [s == lead for s in speakers]
        assert firsts == sorted(firsts, reverse=True) and firsts[0], speakers  # the protagonist's first
        for footer in footers:  # a date a calendar can place: a year in a <time> element
            assert re.search(r"<time datetime=\"\d{4}[^\"]*\">[^<]*\d{4}</time>", footer), footer
    # The first story's lede and highlights name al-Fares most: his statement leads the page.
    assert lead == "nawaf-al-fares"
    text = text_of(first_built[0] / "quotes/index.html")
    assert "Hillary Clinton, Secretary of State, United States, after Manaf Tlass defected (6–11 July 2012)." in text


def test_header_and_tab_name_the_story(built: tuple[Path, str]) -> None:
    """By its stable name, not by a headline that changes with the updates."""
    story = load_checked(ENGINE_STORY).story
    assert story.name and story.current_headline != story.name
    headline = story.short_name
    home = (built[0] / "index.html").read_text(encoding="utf-8")
    topic = re.search(r'<div class="md-header__topic">\s*<span class="md-ellipsis">\s*(.*?)\s*</span>', home, re.S)
    assert topic and topic.group(1) == headline.replace("'", "&#x27;")
    assert re.findall(r"<title>(.*?)</title>", home) == [headline.replace("'", "&#x27;")]
    quotes = (built[0] / "quotes/index.html").read_text(encoding="utf-8")
    escaped = headline.replace("'", "&#x27;")
    assert re.findall(r"<title>(.*?)</title>", quotes) == [f"Quotes - {escaped}"]
    assert "Story Explainer" not in topic.group(1)


# --- no dead ends ------------------------------------------------------------------------------


def test_nothing_without_a_link_looks_like_one(first_built: tuple[Path, str], built: tuple[Path, str]) -> None:
    html = article(first_built[0] / "index.html")
    assert "link not recorded" not in html
    for site, story in ((built[0], ENGINE_STORY), (first_built[0], first_story())):
        # Related coverage is listed only as links: a title with no address is left out.
        page = article(site / "index.html")
        linked = [r for r in load_checked(story).story.related if r.url]
        if not linked:
            assert 'id="related-coverage"' not in page
        else:
            related = page[page.index('id="related-coverage"') : page.index('id="in-this-explainer"')]
            items = re.findall(r"<li>(.*?)</li>", related, re.S)
            assert len(items) == len(linked) and all(item.startswith('<a href="http') for item in items)
    for site in (built[0], first_built[0]):
        media = re.findall(r'<figure class="se-media">\s*<p>(.*?)</p>', article(site / "index.html"), re.S)
        assert media and all(re.search(r'<a href="https?://', item) for item in media), media


def test_sources_page_counts_what_the_overview_cites(first_built: tuple[Path, str]) -> None:
    html = article(first_built[0] / "sources/index.html")
    media_source = load_checked(first_story()).story.media[0].source
    entry = html[html.index(f'id="{media_source}"') :]
    entry = entry[: entry.index('<div class="se-source"')]
    assert "Supports the overview" in entry and "Not cited by any record" not in entry
    assert "Not cited by any record" not in html


# --- sources a reader can trust ------------------------------------------------------------------


def test_every_listed_source_sits_under_its_publisher_type(
    built: tuple[Path, str], first_built: tuple[Path, str]
) -> None:
    """The sources page is grouped by publisher type (facts/source_groups.py): each source under the
    heading of its type, or labelled among the weaker sources."""
    for site, story in ((built[0], ENGINE_STORY), (first_built[0], first_story())):
        html = article(site / "sources/index.html")
        heading = ""
        placed: dict[str, str] = {}
        for match in re.finditer(r'<h2 id="([^"]+)"|<div class="se-source" id="([^"]+)"', html):
            if match.group(1):
                heading = match.group(1)
            else:
                placed[match.group(2)] = heading
        sources = load_checked(story).sources
        assert len(placed) == len(sources)
        for source in sources:
            assert placed[source.id] in {f"publisher-{source.publisher_kind.value}", "weaker-sources"}, source.id


@pytest.mark.parametrize(
    ("url", "weak"),
    [
        ("https://en.wikipedia.org/wiki/X", False),
        ("https://WIKIWAND.com/en/X", True),
        ("https://movatter.jp/mt/?url=x", True),
        ("https://example-com.translate.goog/page", True),
        ("https://example.org/search?q=https", False),  # a word, not a wrapped address
        ("https://example.org/redirect?to=https://other.example/", True),
        ("https://notblogspot.com/x", False),  # a look-alike domain is not the platform
        ("https://press.un.org/en/2012/sc10536.doc.htm", False),
        ("https://maghress.com/telexpresse/7064", True),  # an aggregator
        ("https://on.rt.com/s0j76c", True),  # a shortened link
        ("https://www.rt.com/news/pilot-asylum/", False),  # the outlet itself
        ("https://www.voltairenet.org/article172724.html", True),  # a partisan site
        ("https://example-org.cdn.ampproject.org/c/s/example.org/x", True),  # an AMP cache
        ("https://amp.example.org/news/x", True),  # an AMP copy at the publisher's address
        ("https://example.org/news/x/amp/", True),
        ("https://example.org/news/amplifier-review", False),  # "amp" inside a word
    ],
)
def test_weak_addresses(url: str, weak: bool) -> None:
    assert (weakness(url) is not None) is weak


def test_first_story_cites_no_copy_it_has_not_flagged(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--content", str(first_story())]) == 0
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(
    ("symbol", "url"),
    [
        ("S/2012/538", "https://undocs.org/S/2012/538"),
        ("S/RES/2043 (2012)", "https://undocs.org/S/RES/2043(2012)"),
        ("S/PV.6810", "https://undocs.org/S/PV.6810"),
        ("A/RES/66/253", "https://undocs.org/A/RES/66/253"),
        ("HTC/2019/7", None),  # another body's numbering: no UN address
        ('S/2012/1"><script>', None),
        ("S/2012/1?x=1#y", None),
        (None, None),
    ],
)
def test_official_text_is_derived_from_a_un_symbol(symbol: str | None, url: str | None) -> None:
    assert official_text(symbol) == url


def test_every_un_document_links_to_its_official_text(first_built: tuple[Path, str]) -> None:
    content = load_checked(first_story())
    for document in content.documents:
        html = article(first_built[0] / f"votes/{document.id}/index.html")
        expected = official_text(document.symbol)
        if expected:
            assert f'<a href="{expected}" rel="noopener">{document.symbol}</a>' in html, document.id
        meeting = official_text(document.vote.meeting) if document.vote else None
        if meeting:
            assert f'<a href="{meeting}" rel="noopener">' in html, document.id
    html = article(first_built[0] / "votes/s-2012-538/index.html")
    assert '<a href="https://undocs.org/S/2012/538" rel="noopener">S/2012/538</a>' in html
    assert '<a href="https://undocs.org/S/PV.6810" rel="noopener">S/PV.6810</a>' in html


def test_another_bodys_symbol_gets_no_link() -> None:
    site = build_site(HARBOUR)
    texts = "".join(page.text for page in site.pages.values())
    assert "HTC/2019/7" in texts and "undocs.org/HTC" not in texts
