"""Every claim has a source of its own, notes lead to their sources and back, drafts show their versions,
quotes are word for word and paraphrases never quoted."""

from __future__ import annotations

import datetime
import html
import os
import re
from pathlib import Path

import pytest
from conftest import ROOT, TESTS, first_story

from generator.content.load import Content, load
from generator.content.models import Document, QuoteKind, version_at
from generator.facts.addresses import address
from generator.facts.claims import Claim, claims, sentences, unsourced

STARTER = ROOT / "generator" / "adapters" / "starter_story"
HARBOUR = TESTS / "fixtures" / "harbour-story"
COUP = TESTS / "fixtures" / "coup-story"
# The article the first story started from, kept beside the project (see DESIGN.md); SEED_ARTICLE may say where.
SEED_ARTICLE = Path(os.environ.get("SEED_ARTICLE") or ROOT.parent / "shared" / "reference" / "seed-article.txt")
SEED_SOURCE = "cnn-2012-07-11"  # the first story's record of that article

NOTEREF = re.compile(r'<sup class="se-noteref" id="se-cite-(\d+)-(\d+)"><a href="#se-note-(\d+)"')
NOTE = re.compile(r'<li id="se-note-(\d+)"(?: class="se-weak")?><a href="[^"]*#([a-z0-9-]+)">.*?</li>', re.DOTALL)
BACKREF = re.compile(r'<a class="se-backref" href="#se-cite-(\d+)-(\d+)"')


def loaded(folder: Path) -> Content:
    content, problems = load(folder)
    assert content is not None and not problems, problems
    return content


def located(claim: Claim) -> str:
    where = ".".join(str(step) for step in (claim.record, *claim.path) if step != "")
    return f"{claim.file}: {where}: {claim.text!r}"


# --- every claim has a source of its own -------------------------------------------


@pytest.mark.parametrize("folder", [HARBOUR, COUP, STARTER], ids=["harbour", "coup", "starter"])
def test_every_claim_of_the_invented_stories_has_a_source_of_its_own(folder: Path) -> None:
    missing = [located(claim) for claim in unsourced(loaded(folder))]
    assert missing == [], "claims with no source (cite one with [^source-id] or `sources`):\n" + "\n".join(missing)


def test_every_claim_of_the_first_story_has_a_source_of_its_own() -> None:
    content = loaded(first_story())
    missing = [located(claim) for claim in unsourced(content)]
    assert missing == [], "claims with no source (cite one with [^source-id] or `sources`):\n" + "\n".join(missing)
    # The walk saw the story's own prose, sentence by sentence, and every part with sources.
    found = list(claims(content))
    assert sum(1 for c in found if c.record == "" and c.path[0] == "summary") == 2
    assert {c.path[-2] for c in found if len(c.path) > 1 and isinstance(c.path[-1], int)} >= {"relations", "roles"}


def test_a_sentence_without_a_marker_in_a_record_without_sources_is_listed(tmp_path: Path) -> None:
    folder = tmp_path / "story"
    folder.mkdir()
    for file in HARBOUR.iterdir():
        (folder / file.name).write_bytes(file.read_bytes())
    story = folder / "story.yml"
    text = story.read_text(encoding="utf-8").replace(
        "passengers differ.[^harbour-news-2019-03-14]", "passengers differ. Nobody knows why."
    )
    story.write_text(text, encoding="utf-8")
    assert [located(c) for c in unsourced(loaded(folder))] == [
        f"{folder.name}/story.yml: summary: 'Figures for ferry passengers differ.'",
        f"{folder.name}/story.yml: summary: 'Nobody knows why.'",
    ]


def test_sentences_take_the_markers_written_after_them() -> None:
    found = sentences("It renews the mission.[^a] It sets 10 days [^b]. It names [[x|Article 41]]. [^c][^d] Done.")
    assert [(s.text, s.cites) for s in found] == [
        ("It renews the mission.", ("a",)),
        ("It sets 10 days.", ("b",)),
        ("It names Article 41.", ("c", "d")),
        ("Done.", ()),
    ]


# --- notes on the built site ------------------------------------------------------------


def note_links(site: Path) -> dict[str, tuple[list[tuple[int, int, int]], dict[int, str], set[tuple[int, int]]]]:
    """For each page with notes: its markers (number, use, target), its notes (number: source), its back-links."""
    pages = {}
    for page in sorted(site.rglob("index.html")):
        text = page.read_text(encoding="utf-8")
        markers = [(int(n), int(u), int(t)) for n, u, t in NOTEREF.findall(text)]
        notes = {int(n): source for n, source in NOTE.findall(text)}
        backs = {(int(n), int(u)) for n, u in BACKREF.findall(text)}
        if markers or notes:
            pages[page.relative_to(site).as_posix()] = (markers, notes, backs)
    return pages


@pytest.mark.parametrize("which", ["built", "first_built"])
def test_every_note_marker_leads_to_its_note_and_back(which: str, request: pytest.FixtureRequest) -> None:
    site, _ = request.getfixturevalue(which)
    pages = note_links(site)
    assert pages, "no page cites a source sentence by sentence"
    for page, (markers, notes, backs) in pages.items():
        # Numbered from 1 per page, in the order the page first cites each source.
        firsts = list(dict.fromkeys(number for number, _, _ in markers))
        assert firsts == list(range(1, len(firsts) + 1)), page
        assert sorted(notes) == firsts, page
        for number, use, target in markers:
            assert target == number, page
            assert (number, use) in backs, (page, number, use)
        assert len(backs) == len(markers), page


def test_plain_text_outputs_hold_no_marker(built: tuple[Path, str]) -> None:
    site, _ = built
    for path in [*site.rglob("*.csv"), *site.rglob("*.xml"), site / "data" / "timeline.json"]:
        assert "[^" not in path.read_text(encoding="utf-8-sig"), path
    for page in site.rglob("index.html"):
        text = page.read_text(encoding="utf-8")
        heads = re.findall(r'<meta (?:name|property)="[^"]*description" content="([^"]*)"', text)
        jsonld = re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, re.DOTALL)
        for plain in heads + jsonld:
            assert "[^" not in plain and "*" not in html.unescape(plain), (page, plain)


def test_each_cited_claim_shows_a_note_for_its_source_on_its_record_page(first_built: tuple[Path, str]) -> None:
    """Walk the built first story: wherever a claim cites a source, the page its record lives on
    (the overview for the story's own prose) lists that source among its notes."""
    content = loaded(first_story())
    site, _ = first_built
    cited = [claim for claim in claims(content) if claim.cited]
    assert len(cited) >= 10
    for claim in cited:
        page = address(content.kinds[claim.record], claim.record).page if claim.record else "index.md"
        built = site / (page.removesuffix("index.md") if page.endswith("index.md") else page[:-3] + "/")
        notes = set(dict(NOTE.findall((built / "index.html").read_text(encoding="utf-8"))).values())
        assert set(claim.cited) <= notes, (located(claim), page, notes)


# --- document versions ---------------------------------------------------------------


def test_a_draft_page_shows_its_versions_in_order_each_with_its_sources(built: tuple[Path, str]) -> None:
    content = loaded(COUP)
    document = next(d for d in content.documents if d.versions)
    text = (built[0] / "votes" / document.id / "index.html").read_text(encoding="utf-8")
    section = text.split('id="how-the-text-changed"', 1)[1].split("</ol>", 1)[0]
    labels = re.findall(r'<p class="se-version__when"><strong>([^<]*)</strong>', section)
    assert labels == [v.label for v in document.versions]
    for version in document.versions:
        assert html.escape(version.provisions[0], quote=True) in section or version.provisions[0] in section
    assert section.count('<span class="se-cite">') == len(document.versions)


def test_the_version_current_on_a_day_is_the_last_one_dated_on_or_before_it() -> None:
    document = next(d for d in loaded(COUP).documents if len(d.versions) > 1)
    first, last = document.versions[0], document.versions[-1]
    assert version_at(document, first.date.earliest - datetime.timedelta(days=1)) is None
    assert version_at(document, first.date.latest) is first
    # A version known only within a range is current from the range's last day.
    assert last.date.earliest < last.date.latest
    assert version_at(document, last.date.earliest) is first
    assert version_at(document, last.date.latest) is last
    assert version_at(document, datetime.date(2100, 1, 1)) is last
    assert version_at(Document.model_validate({**_minimal_document(), "versions": []}), last.date.latest) is None


def _minimal_document() -> dict[str, object]:
    return {"id": "d", "kind": "draft-resolution", "title": "D", "body": "b", "status": "pending", "sources": ["s"]}


def test_the_british_draft_cites_each_detail_to_the_source_that_supports_it(first_built: tuple[Path, str]) -> None:
    content = loaded(first_story())
    draft = next(d for d in content.documents if d.symbol == "S/2012/538")
    # The seed article reports the draft as introduced, not the text put to the vote.
    assert SEED_SOURCE not in draft.sources
    introduced, voted = draft.versions[0], draft.versions[-1]
    assert introduced.sources == (SEED_SOURCE,) and "immediate measures" in introduced.provisions[0]
    assert SEED_SOURCE not in voted.sources
    assert any("45 days" in p for p in voted.provisions) and any("Article 41" in p for p in voted.provisions)
    text = (first_built[0] / "votes" / draft.id / "index.html").read_text(encoding="utf-8")
    notes = dict(NOTE.findall(text))
    provisions = text.split('class="se-provisions"', 1)[1].split("</ul>", 1)[0]
    cited = {notes[number] for number in re.findall(r'href="#se-note-(\d+)"', provisions)}
    assert cited and SEED_SOURCE not in cited


# --- quotes and paraphrases ----------------------------------------------------------


def _normal(text: str) -> str:
    """Words to compare: typographic quotes and apostrophes made plain, spaces collapsed."""
    text = text.translate(str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"}))
    return " ".join(text.split())


def _pieces(quote: str) -> list[str]:
    """The runs of a quote that must each be in the article: the article splits quotes around
    "he said" (marked [...] where joined), and an ellipsis marks words left out."""
    parts = re.split(r"…|\[\.\.\.\]", quote)
    runs = [run for part in parts for run in re.split(r"(?<=[.?!])\s+", part)]
    return [_normal(run).strip(" .,?!") for run in runs if run.strip(" .,?!")]


def test_each_quote_from_the_seed_article_is_word_for_word_in_it() -> None:
    if not SEED_ARTICLE.is_file():
        pytest.skip(f"the seed article is not at {SEED_ARTICLE}; set SEED_ARTICLE to compare quotes with it")
    article = _normal(SEED_ARTICLE.read_text(encoding="utf-8"))
    quotes = [q for q in loaded(first_story()).quotes if SEED_SOURCE in q.sources and q.kind is QuoteKind.QUOTE]
    assert len(quotes) >= 5
    for quote in quotes:
        at = 0
        for piece in _pieces(quote.text):
            found = article.find(piece, at)
            assert found != -1, f"{quote.id}: {piece!r} is not in the article (in this order)"
            at = found + len(piece)
    # Words in quotation marks in a claim that rests on the article alone are its words too.
    only_seed = [c for c in claims(loaded(first_story())) if set(c.sources) == {SEED_SOURCE}]
    quoted = [(c, span) for c in only_seed for span in re.findall(r'"([^"]+)"', _normal(c.text))]
    assert quoted
    for claim, span in quoted:
        assert span in article, f"{located(claim)}: {span!r} is in quotation marks but not in the article"


def test_a_paraphrase_is_reported_speech_never_in_quotation_marks(built: tuple[Path, str]) -> None:
    content = loaded(COUP)
    paraphrase = next(q for q in content.quotes if q.kind is QuoteKind.PARAPHRASE)
    site, _ = built
    page = html.unescape((site / "quotes" / "index.html").read_text(encoding="utf-8"))
    opened, block = page.split(f'id="{paraphrase.id}"', 1)
    block = block.split("</div>", 1)[0]
    assert opened.rsplit("<", 1)[1].startswith("div class=")  # not a <blockquote>
    assert f"said {paraphrase.text}." in re.sub(r"<[^>]+>", "", block)
    assert f"“{paraphrase.text}" not in page and f"{paraphrase.text}”" not in page
    timeline = html.unescape((site / "timeline" / "index.html").read_text(encoding="utf-8"))
    assert f"said {paraphrase.text[:20]}" in timeline and f"“{paraphrase.text[:20]}" not in timeline
    # Quotes stay quoted.
    quote = next(q for q in content.quotes if q.kind is QuoteKind.QUOTE)
    assert f"“{quote.text}”" in page


# --- the rule is check's: located, before any test sees it ----------------------------------


def test_a_draft_story_may_list_sentences_without_a_source_as_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from conftest import BROKEN, materialise

    from generator.adapters.cli import main

    content = materialise(BROKEN / "highlight-without-a-citation", tmp_path)
    story = content / "story.yml"
    story.write_text(
        story.read_text(encoding="utf-8").replace("byline:", "missing_citations: warning\nbyline:"), encoding="utf-8"
    )
    assert main(["check", "--content", str(content)]) == 0
    captured = capsys.readouterr()
    hint = (
        "cites no source; write the id of the source it comes from as a marker right after it, "
        "[^source-id] (or set missing_citations: warning in story.yml while the story is a draft)"
    )
    lines = story.read_text(encoding="utf-8").splitlines()
    first = next(n for n, line in enumerate(lines, 1) if "Turnout was high." in line)
    second = next(n for n, line in enumerate(lines, 1) if "leads the count." in line)
    assert [line for line in captured.err.splitlines() if "cites no source" in line] == [
        f"content/story.yml:{first}:11: highlights[0].text: warning: 'Turnout was high.' {hint}",
        f"content/story.yml:{second}:12: highlights[1].text: warning: 'alice leads the count.' {hint}",
    ]
    assert captured.out.startswith("content/ is valid: 2 highlights, ")


def test_a_glossary_term_that_cites_no_source_is_a_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A term's sources are optional (a definition may be common knowledge): warned about, never refused."""
    import shutil

    from generator.adapters.cli import main

    folder = Path(shutil.copytree(HARBOUR, tmp_path / "content"))
    glossary = folder / "glossary.yml"
    glossary.write_text(glossary.read_text().replace("  sources: [council-minutes-2019-03-14]\n", ""))
    assert main(["check", "--content", str(folder)]) == 0
    assert capsys.readouterr().err == (
        "content/glossary.yml:4:15: term-htc.definition: warning: 'The town's council, see town-council.' cites no "
        "source; give the record `sources: [source-id]`, or a marker [^source-id] after the sentence\n"
    )
