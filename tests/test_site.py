"""End to end: build a site with MkDocs, then read the HTML a reader gets.

The engine's tests build the invented coup story (tests/fixtures/coup-story), so they pass
whatever story content/ holds; the first story's own facts are tested on the first story,
wherever it lives (see conftest.first_story), or skipped saying why.
"""

from __future__ import annotations

import html
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urldefrag, urlparse

import pytest
from conftest import (
    BROKEN,
    ENGINE_STORY,
    ROOT,
    broken_links,
    build_site_with_mkdocs,
    first_story,
    make_project,
    materialise,
    parse,
)

from generator.adapters.cli import main
from generator.pipeline import build_site, load_checked
from generator.site.write import MARKER


def text_of(path: Path) -> str:
    return " ".join("".join(parse(path).text).split())


def test_build_is_strict_and_quiet(built: tuple[Path, str]) -> None:
    _, log = built
    assert "WARNING" not in log
    assert "ERROR" not in log


@pytest.mark.parametrize(
    "page",
    [
        "index.html",
        "actors/index.html",
        "actors/tomas-arlen/index.html",
        "defections/index.html",
        "votes/index.html",
        "votes/council-draft-2023-03/index.html",
        "timeline/index.html",
        "figures/index.html",
        "quotes/index.html",
        "sources/index.html",
        "glossary/index.html",
        "about/index.html",
    ],
)
def test_every_page_kind_exists(built: tuple[Path, str], page: str) -> None:
    assert (built[0] / page).is_file()


def test_engine_vote_pages_say_what_the_votes_say(built: tuple[Path, str]) -> None:
    text = text_of(built[0] / "votes/council-draft-2023-03/index.html")
    assert "13 yes, 1 no, 1 abstaining. Vetoed by Borea." in text
    # Seats in the chart's order (yes, abstaining, no), each member with its code.
    assert "Calder CAL permanent abstain Borea BOR permanent no (veto)" in text
    text = text_of(built[0] / "votes/council-briefing-vote-2023-03/index.html")
    assert "Outcome by the adoption rule: adopted." in text and "(veto)" not in text
    text = text_of(built[0] / "votes/assembly-suspension-2023-04/index.html")
    assert "88 yes, 50 no, 40 abstaining." in text  # the tally, once; then why it fails
    assert "Two-thirds of the 138 present and voting (92) needed, so not adopted." in text
    assert "Named in the sources: voted no: Borea, Calder. The votes of the other 191 members are not named." in text
    text = text_of(built[0] / "votes/council-press-statement-2023-02/index.html")
    assert "How decided agreed as a statement, with no vote" in text
    assert "Chapter VII" not in text and "no vote " not in text.replace("with no vote", "")


def test_first_story_vote_page_shows_the_tally_and_the_vetoes(first_built: tuple[Path, str]) -> None:
    text = text_of(first_built[0] / "votes/s-2012-538/index.html")
    assert "11 yes, 2 no, 2 abstaining. Vetoed by China, Russia." in text
    assert "Outcome by the adoption rule: vetoed." in text
    # Seats in the chart's order, grouped by vote: the two vetoes side by side, each with its ISO code.
    assert "China CHN permanent no (veto) Russia RUS permanent no (veto)" in text
    assert text.count("permanent no (veto)") == 2
    assert "India IND elected yes Morocco MAR" in text  # India's vote is reported, not inferred


def test_votes_page_leads_with_the_story_vote_and_marks_the_veto_on_the_mandate(first_built: tuple[Path, str]) -> None:
    html = (first_built[0] / "votes/index.html").read_text(encoding="utf-8")
    firsts = [html.index(f'id="vote-{d}-title"') for d in ("s-2012-538", "s-2011-612", "s-res-2059")]
    assert firsts == sorted(firsts)  # the British draft of the dateline first, then by date
    for label in (
        "Resolution 2042, the advance team · 7 days",
        "Resolution 2043, creating UNSMIS · 90 days",
        "Resolution 2059, the final 30 days · 30 days",
        "✕ S/2012/538 vetoed, 19 July 2012",
    ):
        assert html.count(f">{label}</text>") == 2  # in the phone's frame and the desktop's


def test_al_fares_is_the_highest_ranking_diplomat_so_far(first_built: tuple[Path, str]) -> None:
    text = text_of(first_built[0] / "defections/index.html")
    assert "Highest-ranking diplomat: Nawaf al-Fares, ambassador, 11 July 2012" in text
    # The first diplomat on the ladder: his row claims no record (test_reader.py), al-Dabbagh's equals him.
    assert "25 July 2012 Abdel Latif al-Dabbagh ambassador (diplomat) As senior as the highest diplomat so far" in text


def test_kinds_written_as_initialisms_read_as_readers_know_them(first_built: tuple[Path, str]) -> None:
    text = text_of(first_built[0] / "actors/un-security-council/index.html")
    assert "Kind UN body" in text
    assert "un body" not in text and "Un body" not in text


def test_overview_marks_the_newest_highlights(built: tuple[Path, str]) -> None:
    """The engine's story: of its two highlights, only the one added at its latest update is NEW."""
    html = (built[0] / "index.html").read_text(encoding="utf-8")
    highlights = load_checked(ENGINE_STORY).story.highlights
    newest = max(h.added for h in highlights)
    assert [h.added == newest for h in highlights] == [False, True]  # what the fixture is for
    assert html.count('<strong class="se-new">NEW</strong>') == 1
    assert "4 months since the coup" in text_of(built[0] / "index.html")


def test_first_story_assembly_votes_are_counted_by_the_assembly_rule(first_built: tuple[Path, str]) -> None:
    text = text_of(first_built[0] / "votes/ga-res-66-253/index.html")
    assert "137 yes, 12 no, 17 abstaining." in text
    assert "A majority of the 149 present and voting (75) needed, so adopted." in text
    text = text_of(first_built[0] / "votes/arab-league-suspends-syria/index.html")
    assert "voted no: Lebanon, Syria, Yemen; abstained: Iraq. The votes of the other 18 members are not named." in text


def test_figures_keep_their_qualifiers(first_built: tuple[Path, str]) -> None:
    text = text_of(first_built[0] / "figures/index.html")
    assert "more than 17,000" in text and "more than 10,000" in text
    # "More than 17,000" and "more than 10,000" can both be true: no disagreement is claimed between them.
    for sentence in re.findall(r"Sources differ [^.]*\.", text):
        assert not ("more than 17,000" in sentence and "more than 10,000" in sentence), sentence


def test_every_internal_link_resolves(built: tuple[Path, str]) -> None:
    assert broken_links(built[0]) == []


@pytest.mark.slow  # a whole build of its own
def test_links_resolve_with_page_html_urls_too(tmp_path: Path) -> None:
    """The pages link from their sources, so the same Markdown serves either URL layout:
    with use_directory_urls: false each page is page.html and every link still lands."""
    project = make_project(ENGINE_STORY, tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "use_directory_urls: false\n", encoding="utf-8")
    site = tmp_path / "site"
    build_site_with_mkdocs(project, site)
    pages = {p: parse(p) for p in site.rglob("*.html")}
    assert (site / "actors" / "tomas-arlen.html").is_file()
    checked, broken = 0, []
    for path, page in pages.items():
        for href in page.links:
            if urlparse(href).scheme or href.startswith(("/", "mailto:")):
                continue
            target_path, anchor = urldefrag(href)
            target = (path.parent / unquote(target_path)).resolve() if target_path else path
            if target.is_dir():
                target = target / "index.html"
            checked += 1
            if not target.is_file() or (anchor and target.suffix == ".html" and anchor not in pages[target].ids):
                broken.append(f"{path.relative_to(site)}: {href}")
    assert checked > 500
    assert broken == []


@pytest.mark.slow  # a whole build of its own
def test_a_link_to_no_file_fails_the_strict_build(tmp_path: Path) -> None:
    """Pages link from their Markdown source (`../sources.md#x`) and the plugin turns each link into
    a URL; one to a file that is not in the site is reported, so `--strict` fails as for Markdown links."""
    project = make_project(ENGINE_STORY, tmp_path / "project")
    shutil.copytree(ROOT / "generator" / "site" / "templates", project / "templates")
    glossary = project / "templates" / "glossary.md.html"
    glossary.write_text(
        glossary.read_text(encoding="utf-8") + '\n<p><a href="{{ "nowhere.md"|page_url("x") }}">Gone</a></p>\n',
        encoding="utf-8",
    )
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "      content: content\n", "      content: content\n      templates: templates\n"
        ),
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        timeout=300,
    )
    assert result.returncode == 1
    assert "WARNING -  glossary.md links to 'nowhere.md#x', which is not in the site\n" in result.stderr


def test_entity_pages_stay_out_of_the_sidebar(built: tuple[Path, str]) -> None:
    html = (built[0] / "index.html").read_text(encoding="utf-8")
    sidebar = re.findall(r'<a href="([^"]*)" class="md-nav__link', html)
    assert "actors/" in sidebar and "votes/" in sidebar
    assert not [link for link in sidebar if re.match(r"(actors|votes)/[^/]+/$", link)]


def test_no_request_to_another_host(built: tuple[Path, str]) -> None:
    for path in built[0].rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        html = re.sub(r'<link rel="(?:canonical|alternate)"[^>]*>', "", html)  # not fetched by browsers
        assert not re.findall(r'<(?:script|link|img|iframe|source|video)[^>]+(?:src|href)="(?:https?:)?//', html), path


@pytest.mark.parametrize("directory_urls", [True, False])
def test_pages_command_matches_the_plugin_but_for_the_form_of_links(tmp_path: Path, directory_urls: bool) -> None:
    """The `pages` command writes what the plugin gives MkDocs, byte for byte, but for the links: those
    of the command's pages go from each page's source (`../sources.md#x`), for any builder; the
    plugin's are already the URLs MkDocs would make of them (site/links.py). Turned into URLs as
    MkDocs turns a Markdown link into one, the command's pages are the plugin's."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    from generator.adapters.mkdocs_plugin import StoryExplainerPlugin

    project = make_project(ENGINE_STORY, tmp_path / "project")
    config = load_config(str(project / "mkdocs.yml"), use_directory_urls=directory_urls)
    plugin = config.plugins["story-explainer"]
    assert isinstance(plugin, StoryExplainerPlugin)
    config = config.plugins.on_config(config)  # the plugin builds there, as in MkDocs
    files = config.plugins.on_files(Files([]), config=config)
    served = {f.src_uri: f.content_bytes for f in files}
    # The pages and the data files beside them (data/, feeds/, embed/), with the same site address.
    assert (
        main(
            [
                "pages",
                "--content",
                str(project / "content"),
                "--out",
                str(tmp_path / "pages"),
                "--site-url",
                config.site_url,
                *([] if directory_urls else ["--no-directory-urls"]),
            ]
        )
        == 0
    )
    written = {
        p.relative_to(tmp_path / "pages").as_posix(): p.read_bytes()
        for p in (tmp_path / "pages").rglob("*")
        if p.is_file() and p.name != MARKER
    }
    assert any(name.startswith("data/") for name in served)
    # Beside them, the hand-written pages MkDocs reads from docs_dir (content/pages), as they are.
    by_hand = {"about.md": (project / "content" / "pages" / "about.md").read_bytes()}
    assert sorted(written) == sorted(served | by_hand)
    as_urls = {
        path: _links_as_urls(data.decode("utf-8"), path, files).encode("utf-8") if path in plugin.generated else data
        for path, data in written.items()
    }
    different = [path for path, data in (served | by_hand).items() if as_urls[path] != data]
    assert different == [], different[:5]
    assert any(b'href="../' in served[path] for path in plugin.generated)


# A link in the raw HTML of a page that is relative to the page's Markdown source: not a fragment,
# an absolute path or an address with a scheme (http:, mailto:).
_SOURCE_LINK = re.compile(r'(?<= href=")(?![#/]|[A-Za-z][A-Za-z0-9+.-]*:)[^"]+(?=")')


def _links_as_urls(markdown: str, page: str, files: Any) -> str:
    """A page's source links turned into URLs from its own, by MkDocs' own File.url_relative_to."""
    here = files.get_file_from_path(page)

    def url(match: re.Match[str]) -> str:
        path, hash_, anchor = match.group().partition("#")
        target = files.get_file_from_path(posixpath.normpath(posixpath.join(posixpath.dirname(page), path)))
        assert target is not None, f"{page} links to {match.group()}, which is not in the site"
        return html.escape(target.url_relative_to(here)) + hash_ + anchor

    return _SOURCE_LINK.sub(url, markdown)


def test_rendering_is_deterministic() -> None:
    first = build_site(ENGINE_STORY)
    second = build_site(ENGINE_STORY)
    assert [p.text for p in first.pages.values()] == [p.text for p in second.pages.values()]


@pytest.mark.slow  # a whole build of its own
def test_build_with_bad_content_fails_with_located_messages(tmp_path: Path) -> None:
    content = materialise(BROKEN / "unknown-reference", tmp_path)
    shutil.copytree(ROOT / "theme", tmp_path / "theme")
    (content / "pages").mkdir()
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"\n  - About: about.md", "", config)
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (
        "content/events.yml:5:12: meeting.actors[0]: unknown actor id 'alise' (did you mean 'alice'?)" in result.stderr
    )
    assert not (tmp_path / "site" / "index.html").exists()


@pytest.mark.slow  # a whole build of its own
def test_two_builds_are_byte_identical(built: tuple[Path, str], tmp_path: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1342000000"}
    project = make_project(ENGINE_STORY, tmp_path / "project")
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "again")],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=True,
    )

    def snapshot(site: Path) -> dict[str, bytes]:
        return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}

    first, second = snapshot(built[0]), snapshot(tmp_path / "again")
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


def test_failed_pages_run_leaves_the_previous_output_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "pages"
    assert main(["pages", "--content", str(ROOT / "tests/fixtures/harbour-story"), "--out", str(out)]) == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    broken = materialise(BROKEN / "unknown-reference", tmp_path / "broken")
    assert main(["pages", "--content", str(broken), "--out", str(out)]) == 1
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken", "pages"]  # no staging folder left
    assert "unknown actor id 'alise'" in capsys.readouterr().err


def json_ld(path: Path) -> dict[str, Any]:
    html = path.read_text(encoding="utf-8")
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1, path
    data: dict[str, Any] = json.loads(blocks[0])
    assert data["@context"] == "https://schema.org"
    return data


@pytest.mark.parametrize(
    ("page", "kind"),
    [
        ("index.html", "NewsArticle"),
        ("actors/tomas-arlen/index.html", "Person"),
        ("actors/veloria/index.html", "Country"),
        ("actors/coastal-union/index.html", "Organization"),
        ("actors/un-security-council/index.html", "GovernmentOrganization"),
        ("votes/council-draft-2023-03/index.html", "Event"),
        ("votes/council-press-statement-2023-02/index.html", "Legislation"),
        ("timeline/index.html", "ItemList"),
        ("quotes/index.html", "ItemList"),
        ("defections/index.html", "CollectionPage"),
    ],
)
def test_structured_data_names_the_right_type(built: tuple[Path, str], page: str, kind: str) -> None:
    assert json_ld(built[0] / page)["@type"] == kind


def test_structured_data_details(built: tuple[Path, str]) -> None:
    article = json_ld(built[0] / "index.html")
    assert article["dateModified"] == "2023-06-21T09:00:00Z"
    assert [c["datePublished"] for c in article["correction"]] == ["2023-06-21T09:00:00Z"]
    assert {item["@type"] for item in json_ld(built[0] / "quotes/index.html")["itemListElement"]} == {"Quotation"}
    # Each timeline entry as the type its kind declares (kinds.Linked): the coup story has every kind.
    timeline = json_ld(built[0] / "timeline/index.html")["itemListElement"]
    assert {item["@type"] for item in timeline} == {"Event", "Quotation", "Claim", "Legislation", "CreativeWork"}
    vote = json_ld(built[0] / "votes/council-draft-2023-03/index.html")
    assert (vote["startDate"], vote["description"]) == ("2023-03-08", "S/2023/101: vetoed.")
    vote = json_ld(built[0] / "votes/assembly-suspension-2023-04/index.html")
    assert vote["description"] == "Assembly vote to suspend Veloria from the Human Rights Council: failed."


def test_first_story_structured_data(first_built: tuple[Path, str]) -> None:
    vote = json_ld(first_built[0] / "votes/s-2012-538/index.html")
    assert (vote["startDate"], vote["description"]) == ("2012-07-19", "S/2012/538: vetoed.")


def test_social_cards_and_canonical_link(first_built: tuple[Path, str]) -> None:
    html = (first_built[0] / "actors/nawaf-al-fares/index.html").read_text(encoding="utf-8")
    for tag in (
        '<meta property="og:title" content="Nawaf al-Fares">',
        '<meta name="twitter:card" content="summary">',
        '<link rel="canonical" href="http://127.0.0.1:8000/story-explainer/actors/nawaf-al-fares/">',
        '<meta property="og:description" content="Syrian ambassador to Iraq who defected in July 2012">',
    ):
        assert tag in html


@pytest.mark.parametrize(
    ("page", "selector", "count"),
    [
        ("votes/council-draft-2023-03/index.html", 'class="se-chart se-chart--vote"', 1),
        ("votes/assembly-suspension-2023-04/index.html", 'class="se-chart se-chart--vote"', 0),
        ("votes/index.html", 'class="se-chart se-chart--vote"', 2),
        # Charts along time are drawn for a phone and for a desktop; CSS shows one.
        ("votes/index.html", 'id="fact-finding-mandate-chart-narrow-title"', 1),
        ("votes/index.html", 'id="fact-finding-mandate-chart-wide-title"', 1),
        ("defections/index.html", 'id="defections-chart-wide-title"', 1),
        ("defections/index.html", 'id="defections-by-month-narrow-title"', 1),
        ("figures/index.html", 'id="figures-deaths-wide-title"', 1),
        ("figures/index.html", 'id="figures-detained-wide-title"', 1),
        ("actors/index.html", 'id="relations-chart-narrow-title"', 1),
        ("actors/index.html", 'id="relations-chart-wide-title"', 1),
    ],
)
def test_charts_are_inline_svg_with_a_title(built: tuple[Path, str], page: str, selector: str, count: int) -> None:
    html = (built[0] / page).read_text(encoding="utf-8")
    assert html.count(selector) == count
    if count:
        assert 'role="img"' in html and "<desc id=" in html


@pytest.mark.slow  # a whole build of its own
def test_a_right_to_left_story_builds_right_to_left(tmp_path: Path) -> None:
    """The site speaks the story's language: an Arabic story gets lang="ar" and dir="rtl"."""
    shutil.copytree(ROOT / "tests/fixtures/harbour-story", tmp_path / "content")
    story = tmp_path / "content" / "story.yml"
    story.write_text(story.read_text(encoding="utf-8").replace("language: en-GB", "language: ar"), encoding="utf-8")
    shutil.copytree(ROOT / "theme", tmp_path / "theme")
    (tmp_path / "content" / "pages").mkdir()
    (tmp_path / "content" / "pages" / "about.md").write_text("# About\n", encoding="utf-8")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    build_site_with_mkdocs(tmp_path, tmp_path / "site")
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="ar"' in html
    assert 'dir="rtl"' in html


def test_an_english_story_keeps_english(built: tuple[Path, str]) -> None:
    html = (built[0] / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en' in html and 'dir="ltr"' in html


def test_the_first_story_is_found_wherever_it_lives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Its tests skip, saying why, when content/ holds another story; FIRST_STORY points them at it."""
    monkeypatch.setenv("FIRST_STORY", str(ENGINE_STORY))
    with pytest.raises(pytest.skip.Exception, match="holds another story"):
        first_story()
    monkeypatch.setenv("FIRST_STORY", str(tmp_path))
    with pytest.raises(pytest.skip.Exception, match=r"holds no story\.yml"):
        first_story()
