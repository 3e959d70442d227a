"""Open data: every export is made, parses with a real parser, says what the content says, and stays inert.

Each story is built once per module with the pipeline (the MkDocs build is the session's
`built` site). Files are read as their users read them: story.json against its JSON Schema
with jsonschema, tables with the csv module, feeds with xml.etree, the timeline as TimelineJS
reads it, embed pages with an HTML parser.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import posixpath
import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import ENGINE_STORY, TESTS, first_story
from test_hostile import PAYLOADS, _Scan, prose, write_hostile_content

from generator.adapters.cli import main
from generator.content.kinds import DEFECTIONS, DOCUMENTS, KINDS
from generator.content.load import Content
from generator.content.models import EventKind
from generator.facts.addresses import (
    CORRECTIONS_FEED,
    POPOLO_JSON,
    STORY_JSON,
    STORY_SCHEMA,
    TIMELINE_JSON,
    UPDATES_FEED,
    VOTES_CSV,
    figure_embed,
    table_file,
    vote_embed,
)
from generator.facts.derive import Facts, derive
from generator.pipeline import build_site, load_checked
from generator.site import fonts
from generator.site.exports.atom import xml_text
from generator.site.exports.tables import inert
from generator.site.render import Site

FIXTURE = TESTS / "fixtures" / "harbour-story"
SITE_URL = "https://news.example.org/story/"
ATOM = "{http://www.w3.org/2005/Atom}"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
EMBED_LIMIT = 60_000  # bytes


@dataclass(frozen=True)
class Story:
    """A story built once: its content, facts and the published site (pages and files)."""

    content: Content
    facts: Facts
    site: Site

    def json(self, path: str) -> Any:
        return json.loads(self.site.files[path])

    def table(self, path: str) -> list[dict[str, str]]:
        return list(csv.DictReader(io.StringIO(self.site.files[path].decode("utf-8-sig"), newline="")))


def built_story(root: Path, site_url: str | None = None) -> Story:
    content = load_checked(root)
    return Story(content, derive(content), build_site(root, site_url=site_url))


@pytest.fixture(scope="module")
def first() -> Story:
    """The first story (content/, or wherever FIRST_STORY says), published at SITE_URL."""
    return built_story(first_story(), SITE_URL)


@pytest.fixture(scope="module")
def engine() -> Story:
    """The invented story the session's MkDocs build (`built`) is made from."""
    return built_story(ENGINE_STORY, SITE_URL)


@pytest.fixture(scope="module")
def harbour() -> Story:
    """The fixture story, without a site address (relative links)."""
    return built_story(FIXTURE)


@pytest.fixture(scope="module", params=["first", "harbour"])
def story(request: pytest.FixtureRequest) -> Story:
    story: Story = request.getfixturevalue(request.param)
    return story


def expected_files(story: Story) -> set[str]:
    """Every file the exports must publish for a story."""
    embeds = {vote_embed(d.id) for d in story.facts.counted}
    embeds |= {figure_embed(g.metric_id) for g in story.facts.key_metrics if len(g.claims) > 1}
    embeds |= {"embed/icon.svg"} if embeds else set()
    return {
        STORY_JSON,
        STORY_SCHEMA,
        POPOLO_JSON,
        TIMELINE_JSON,
        VOTES_CSV,
        UPDATES_FEED,
        CORRECTIONS_FEED,
        *(table_file(kind) for kind in KINDS),
        *embeds,
        *fonts.files(),  # the charts' font, published with every site
    }


# --- published by both builders, the same every time -----------------------------------


def test_every_export_is_made(story: Story) -> None:
    assert set(story.site.files) == expected_files(story)
    assert story.facts.counted and any(g.claims[1:] for g in story.facts.key_metrics)  # embeds of both kinds


def test_mkdocs_publishes_every_export(built: tuple[Path, str], engine: Story) -> None:
    site = built[0]
    missing = [path for path in sorted(expected_files(engine)) if not (site / path).is_file()]
    assert missing == []


def test_pages_command_writes_the_exports_beside_the_pages_byte_identical(tmp_path: Path, harbour: Story) -> None:
    def run(out: Path) -> dict[str, bytes]:
        assert main(["pages", "--content", str(FIXTURE), "--out", str(out), "--site-url", SITE_URL]) == 0
        return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}

    first_run, second_run = run(tmp_path / "a"), run(tmp_path / "b")
    assert first_run == second_run
    assert expected_files(harbour) <= set(first_run)
    assert {path for path in first_run if path.endswith(".md")} == set(harbour.site.pages)


def test_exports_are_deterministic() -> None:
    assert build_site(FIXTURE, site_url=SITE_URL).files == build_site(FIXTURE, site_url=SITE_URL).files


FORMAT_CHECKER = jsonschema.Draft202012Validator.FORMAT_CHECKER


# --- story.json and its schema ------------------------------------------------------------


def test_story_json_validates_against_its_schema(story: Story) -> None:
    schema = story.json(STORY_SCHEMA)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    # With format checking: a date-time that is not RFC 3339 is invalid output (issue 22, class 6).
    jsonschema.Draft202012Validator(schema, format_checker=FORMAT_CHECKER).validate(story.json(STORY_JSON))


def test_story_json_holds_every_record_with_sources_and_uncertainty(story: Story) -> None:
    data = story.json(STORY_JSON)
    for kind, records in story.content.by_kind():
        assert [r["id"] for r in data["records"][kind.name]] == [r.id for r in records], kind.name
    defection = data["records"]["defections"][0]
    assert defection["sources"] and "uncertain" in defection
    assert set(data["names"]) == set(story.content.by_id)


def test_story_json_has_the_facts_readers_rely_on(first: Story, harbour: Story) -> None:
    data = first.json(STORY_JSON)
    assert data["updated"] == first.content.story.now.iso()  # the latest update or correction, whichever came last
    votes = {v["symbol"]: v for v in data["facts"]["votes"]}
    assert (votes["S/2012/538"]["yes"], votes["S/2012/538"]["no"], votes["S/2012/538"]["abstain"]) == (11, 2, 2)
    assert votes["S/2012/538"]["outcome"] == "vetoed" and votes["S/2012/538"]["vetoes"] == ["china", "russia"]
    assert {h["track"]: h["defection"] for h in data["facts"]["highest_so_far"]}["diplomat"] == "nawaf-al-fares-2012-07"
    differ = data["facts"]["sources_differ"]
    # Each disagreement is one pair of claims by two claimants ("more than" floors never disagree).
    assert all(len({c["claimed_by"] for c in d["claims"]}) == 2 and d["first"] <= d["last"] for d in differ)
    harbour_data = harbour.json(STORY_JSON)
    assert harbour_data["updated"] == "2019-03-15T09:00:00+01:00"  # a correction came last
    assert harbour_data["facts"]["votes"][0]["outcome"] == "failed"
    assert harbour_data["records"]["defections"][0]["date"] == {
        "earliest": "2019-02-01",
        "latest": "2019-02-14",
        "text": "early February 2019",
    }


# --- CSV ----------------------------------------------------------------------------------


def test_a_table_per_kind_with_a_row_per_record(story: Story) -> None:
    for kind, records in story.content.by_kind():
        raw = story.site.files[table_file(kind)]
        assert raw.startswith(b"\xef\xbb\xbf") and raw.endswith(b"\r\n")  # UTF-8 with BOM, CRLF lines
        rows = story.table(table_file(kind))
        assert [row["id"] for row in rows] == [r.id for r in records], kind.name
        assert [row["display_name"] for row in rows] == [story.content.name_of(r) for r in records]


def test_tables_give_ids_and_names_and_what_is_worked_out(first: Story) -> None:
    defections = {row["id"]: row for row in first.table(table_file(DEFECTIONS))}
    fares = defections["nawaf-al-fares-2012-07"]
    assert (fares["actor"], fares["actor_name"]) == ("nawaf-al-fares", "Nawaf al-Fares")
    assert fares["seniority_standing"] == "first"  # the first diplomat on the ladder: no one to outrank yet
    assert fares["page"] == SITE_URL + "defections/#nawaf-al-fares-2012-07"
    documents = {row["id"]: row for row in first.table(table_file(DOCUMENTS))}
    assert documents["s-2012-538"]["outcome_by_rule"] == "vetoed"
    assert documents["s-2012-538"]["vote_members_no"] == "china; russia"


def test_votes_csv_has_a_row_per_document_and_member(story: Story) -> None:
    rows = story.table(VOTES_CSV)
    per_document = Counter(row["document_id"] for row in rows)
    for document in story.facts.counted:
        membership = story.facts.votes[document.id].membership
        assert membership is not None
        assert per_document[document.id] == len(membership.permanent) + len(membership.elected)
    # Beside the votes counted seat by seat: the members the sources name for any other vote, and only those.
    for document_id in set(per_document) - {d.id for d in story.facts.counted}:
        count = story.facts.votes[document_id].count
        assert count is not None
        assert per_document[document_id] == sum(1 for s in count.seats if s.choice.value != "unknown")
    assert {row["how_known"] for row in rows} <= {"reported", "inferred", "not recorded"}


def test_votes_csv_of_the_first_story(first: Story, harbour: Story) -> None:
    rows = first.table(VOTES_CSV)
    council = Counter(row["document_id"] for row in rows if row["body_id"] == "un-security-council")
    assert council and set(council.values()) == {15}
    china = next(r for r in rows if r["document_symbol"] == "S/2012/538" and r["member_id"] == "china")
    assert (china["member_name"], china["seat"], china["vote"], china["veto"]) == ("China", "permanent", "no", "true")
    assert {r["vote"] for r in harbour.table(VOTES_CSV)} == {"yes", "no"} and len(harbour.table(VOTES_CSV)) == 9


def test_cells_that_would_start_a_formula_are_text() -> None:
    for payload in ("=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"):
        assert inert(payload) == "'" + payload
    assert inert("2012-07-11") == "2012-07-11" and inert("") == ""


# --- Popolo -------------------------------------------------------------------------------


def test_popolo_names_people_organizations_memberships_and_votes(first: Story) -> None:
    data = first.json(POPOLO_JSON)
    assert set(data) == {"persons", "organizations", "memberships", "events", "vote_events"}
    people = {a.id for a in first.content.actors if a.kind.value == "person"}
    assert {p["id"] for p in data["persons"]} == people
    assert {o["id"] for o in data["organizations"]} == {a.id for a in first.content.actors} - people
    assert all(o["classification"] for o in data["organizations"])
    fares = [m for m in data["memberships"] if m.get("person_id") == "nawaf-al-fares"]
    assert any(m["end_reason"] == "defected" and m["end_date"] == "2012-07-11" for m in fares)
    assert all({"id", "person_id", "organization_id", "role"} <= set(m) for m in fares)
    vote = next(v for v in data["vote_events"] if v.get("identifier") == "S/2012/538")
    assert {c["option"]: c["value"] for c in vote["counts"]} == {"yes": 11, "no": 2, "abstain": 2, "absent": 0}
    assert (
        len(vote["votes"]) == 15 and {"voter_id": "russia", "option": "no", "role": "permanent member"} in vote["votes"]
    )
    assert (vote["result"], vote["organization_id"], vote["start_date"]) == (
        "fail",
        "un-security-council",
        "2012-07-19",
    )
    assert vote["motion"]["text"] and vote["motion_id"] == "s-2012-538"
    # Events are the records of every kind its registry entry declares a Popolo event (kinds.Linked).
    events = {e["id"]: e for e in data["events"]}
    assert {r.id for r in (*first.content.events, *first.content.defections)} <= set(events)
    assert all((linked := first.content.kinds[i].linked) and linked.popolo_event for i in events)
    assert {events[e.id]["classification"] for e in first.content.events} <= {k.value for k in EventKind}


def test_popolo_of_the_fixture_story(harbour: Story) -> None:
    [vote] = harbour.json(POPOLO_JSON)["vote_events"]
    assert {c["option"]: c["value"] for c in vote["counts"]} == {"yes": 4, "no": 5, "abstain": 0, "absent": 0}
    assert vote["result"] == "fail" and len(vote["votes"]) == 9


# --- TimelineJS ---------------------------------------------------------------------------


def test_timeline_is_valid_timelinejs(story: Story) -> None:
    data = story.json(TIMELINE_JSON)
    assert data["title"]["text"]["headline"]
    events = data["events"]
    assert len(events) == len(story.facts.timeline)
    assert len({e["unique_id"] for e in events}) == len(events)
    for event in events:
        for key in ("start_date", "end_date"):
            if key in event:
                date = event[key]
                assert isinstance(date["year"], int) and set(date) <= {"year", "month", "day"}
                assert 1 <= date.get("month", 1) <= 12 and 1 <= date.get("day", 1) <= 31
                assert "day" not in date or "month" in date
        assert event["text"]["headline"] and event["group"]
        assert "Sources: <a href=" in event["text"]["text"]


def test_timeline_dates_keep_their_precision(harbour: Story) -> None:
    events = {e["unique_id"]: e for e in harbour.json(TIMELINE_JSON)["events"]}
    assert events["operator-2018-passengers"]["start_date"] == {"year": 2018}
    assert events["talks-begin-2018-11"]["start_date"] == {"year": 2018, "month": 11}
    meeting = events["public-meeting-2019-03"]
    assert (meeting["start_date"], meeting["end_date"]) == (
        {"year": 2019, "month": 3, "day": 5},
        {"year": 2019, "month": 3, "day": 6},
    )
    assert meeting["display_date"] == "5–6 March 2019"
    assert events["sam-okafor-2019-02"]["display_date"] == "early February 2019"


# --- Atom ---------------------------------------------------------------------------------


def parse_feed(story: Story, path: str) -> ET.Element:
    root = ET.fromstring(story.site.files[path])  # noqa: S314 - our own output, the thing under test
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author/" + ATOM + "name"):
        assert root.find(ATOM + required) is not None, required
    dt.datetime.fromisoformat(root.findtext(f"{ATOM}updated") or "")
    for entry in root.findall(f"{ATOM}entry"):
        for required in ("id", "title", "updated", "content"):
            assert (entry.findtext(ATOM + required) or "").strip(), required
        assert (entry.findtext(f"{ATOM}id") or "").startswith("urn:uuid:")
        assert entry.find(f"{ATOM}link[@rel='alternate']") is not None
    return root


def test_feeds_are_atom_with_an_entry_per_update_and_correction(story: Story) -> None:
    story_model = story.content.story
    updates = parse_feed(story, UPDATES_FEED).findall(f"{ATOM}entry")
    assert len(updates) == len(story_model.updates)
    times = [dt.datetime.fromisoformat(e.findtext(f"{ATOM}updated") or "") for e in updates]
    assert times == sorted(times, reverse=True)  # newest first
    corrections = parse_feed(story, CORRECTIONS_FEED).findall(f"{ATOM}entry")
    assert len(corrections) == len(story_model.corrections)
    ids = [e.findtext(f"{ATOM}id") for e in updates + corrections]
    assert len(set(ids)) == len(ids)


def test_a_correction_says_what_changed_and_links_to_the_record(harbour: Story, first: Story) -> None:
    [entry] = parse_feed(harbour, CORRECTIONS_FEED).findall(f"{ATOM}entry")
    assert "wrong passenger figure" in (entry.findtext(f"{ATOM}content") or "")
    assert entry.find(f"{ATOM}link[@rel='alternate']").get("href") == "../figures/#operator-2018-passengers"  # type: ignore[union-attr]
    feed = parse_feed(first, UPDATES_FEED)
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == SITE_URL + UPDATES_FEED  # type: ignore[union-attr]


def test_every_page_names_the_feeds(built: tuple[Path, str]) -> None:
    site = built[0]
    for page in ("index.html", "votes/council-draft-2023-03/index.html", "about/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        hrefs = re.findall(
            r'<link rel="alternate feed" type="application/atom\+xml" title="[^"]+" href="([^"]+)"', html
        )
        assert len(hrefs) == 2, page
        for href in hrefs:
            assert (site / posixpath.dirname(page) / href).resolve().is_file(), (page, href)


# --- embeds -------------------------------------------------------------------------------


class _Requests(HTMLParser):
    """What a page would fetch: any src or href outside links, and url() or @import in styles."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.fetches: list[str] = []
        self.tags: Counter[str] = Counter()
        self.style = ""
        self.in_style = False
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        self.in_style = tag == "style"
        if tag != "a":
            self.fetches += [
                f"<{tag} {name}={value}>" for name, value in attrs if name in {"src", "href", "srcset", "data"}
            ]

    def handle_endtag(self, tag: str) -> None:
        self.in_style = False

    def handle_data(self, data: str) -> None:
        if self.in_style:
            self.style += data
        else:
            self.text.append(data)


def test_embed_pages_are_small_standalone_and_accessible(story: Story) -> None:
    embeds = {path: data for path, data in story.site.files.items() if path.endswith("/index.html")}
    assert embeds
    for path, data in embeds.items():
        assert len(data) < EMBED_LIMIT, path
        page = _Requests()
        page.feed(data.decode("utf-8"))
        # Only the icon beside it and the charts' font's stylesheet, on the same host.
        assert page.fetches == ["<link href=../../icon.svg>", "<link href=../../../fonts/charts.css>"], path
        for href in ("../../icon.svg", "../../../fonts/charts.css"):
            assert posixpath.normpath(posixpath.join(posixpath.dirname(path), href)) in story.site.files
        assert "url(" not in page.style and "@import" not in page.style, path
        assert page.tags["script"] == 0 and page.tags["svg"] == 1 and page.tags["table"] == 1, path
        text = " ".join("".join(page.text).split())
        assert "Source" in text and "in the explainer" in text, path
        assert 'role="img"' in data.decode("utf-8") and "<desc id=" in data.decode("utf-8")


def test_vote_embed_shows_the_count_and_links_back(first: Story) -> None:
    page = first.site.files[vote_embed("s-2012-538")].decode("utf-8")
    assert "11 yes, 2 no, 2 abstaining; vetoed by China and Russia. Outcome: vetoed." in page
    assert f'href="{SITE_URL}votes/s-2012-538/#vote"' in page
    assert page.count("<tr>") == 16  # the header and 15 members


def test_embed_links_back_resolve(built: tuple[Path, str]) -> None:
    """Relative links from the embed pages, as MkDocs publishes them, land on pages that exist."""
    site = built[0]
    for embed in sorted((site / "embed").rglob("index.html")):
        html = embed.read_text(encoding="utf-8")
        back = re.findall(r'<p class="se-back"><a href="([^"]+)"', html)
        assert len(back) == 1
        if back[0].startswith("http"):
            continue  # the site's address was given (a publishing build)
        target = (embed.parent / back[0].split("#")[0]).resolve()
        assert (target / "index.html").is_file(), (embed, back[0])


def test_vote_pages_show_the_iframe_code(first: Story, harbour: Story) -> None:
    # Absolute with the site's address; without it, relative to the page.
    harbour_src = "../../embed/votes/ferry-contract-motion/index.html"
    for story, document, src in (
        (first, "s-2012-538", f"{SITE_URL}embed/votes/s-2012-538/"),
        (harbour, "ferry-contract-motion", harbour_src),
    ):
        text = story.site.pages[f"votes/{document}.md"].text
        code = re.search(r"<pre><code>(.*?)</code></pre>", text, re.S)
        assert code is not None and "&lt;iframe" in text  # shown as code, never an element
        iframe = unescape(code.group(1))
        assert iframe.startswith("<iframe ") and iframe.endswith("></iframe>")
        assert f'src="{src}"' in iframe


# --- every table links to its data --------------------------------------------------------


def test_every_table_links_to_the_file_it_comes_from(story: Story) -> None:
    for path, page in story.site.pages.items():
        tables = page.text.count("<table")
        # Under a page's one table, or once at the end of a page of several (its data files).
        links = re.findall(r'<p class="se-download"><a href="([^"]+)" download>Download this table</a>', page.text)
        block = re.search(r'<aside class="se-downloads".*?</aside>', page.text, re.S)
        links += re.findall(r'<a href="([^"]+)" download>', block.group()) if block else []
        assert (tables > 0) == (len(links) > 0), path
        folder = posixpath.dirname(path)  # pages link from their source, as Markdown links do
        for href in links:
            target = posixpath.normpath(posixpath.join(folder, href))
            assert target in story.site.files, (path, href)


# --- hostile text stays inert -------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Story:
    """The hostile story, with payloads also in the counted vote, its voters' names, updates and corrections."""
    content = tmp_path_factory.mktemp("hostile") / "content"
    write_hostile_content(content)
    story = yaml.safe_load((content / "story.yml").read_text(encoding="utf-8"))
    story["updates"] += [{"at": f"2019-03-16T10:{n:02d}:00Z", "text": prose(p)} for n, p in enumerate(PAYLOADS)]
    story["corrections"] += [
        {"at": f"2019-03-17T10:{n:02d}:00Z", "text": prose(p), "record": f"hostile-figure-{n}"}
        for n, p in enumerate(PAYLOADS)
    ]
    (content / "story.yml").write_text(yaml.safe_dump(story, allow_unicode=True), encoding="utf-8")
    # Edited as text: a YAML round trip would read the vote's `yes:` and `no:` keys as booleans.
    # A JSON string is a YAML double-quoted string.
    replace(
        content / "documents.yml",
        {
            "title: Motion to award the ferry contract": f"title: {json.dumps(PAYLOADS[0])}",
            "symbol: HTC/2019/7": f"symbol: {json.dumps(PAYLOADS[-4])}",
        },
    )
    replace(
        content / "actors.yml",
        {
            f"name: Councillor {n}": f"name: {json.dumps(p)}"
            for n, p in zip(("One", "Two", "Three", "Four", "Five"), PAYLOADS[::9][:5], strict=True)
        },
    )
    return built_story(content, SITE_URL)


def replace(path: Path, changes: dict[str, str]) -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in changes.items():
        assert old in text
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def test_hostile_csv_cells_never_start_a_formula(hostile: Story) -> None:
    neutralised = 0
    for path, data in hostile.site.files.items():
        if path.endswith(".csv"):
            rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
            cells = [cell for row in rows for cell in row]
            assert [c for c in cells if c.startswith(FORMULA_STARTS)] == [], path
            neutralised += sum(1 for c in cells if c.startswith("'") and c[1:].startswith(FORMULA_STARTS))
    assert neutralised >= 5 * 10  # each formula payload, in many fields


def test_hostile_json_is_script_safe_and_valid(hostile: Story) -> None:
    for path, data in hostile.site.files.items():
        if path.endswith(".json"):
            text = data.decode("utf-8")
            assert "<" not in text and ">" not in text, path  # so </script> cannot appear, even pasted inline
            json.loads(text)
    jsonschema.Draft202012Validator(hostile.json(STORY_SCHEMA), format_checker=FORMAT_CHECKER).validate(
        hostile.json(STORY_JSON)
    )
    timeline = hostile.json(TIMELINE_JSON)
    for event in timeline["events"]:  # TimelineJS shows these as HTML: nothing live may come through
        for html in (event["text"]["headline"], event["text"]["text"]):
            scan = _Scan()
            scan.feed(html)
            assert scan.problems == [] and "<script" not in html.lower()
    assert any("&lt;script&gt;" in e["text"]["headline"] for e in timeline["events"])


def test_hostile_feeds_are_well_formed_xml(hostile: Story) -> None:
    for path in (UPDATES_FEED, CORRECTIONS_FEED):
        root = parse_feed(hostile, path)
        assert not [el for el in root.iter() if not el.tag.startswith(ATOM)]  # no element came from the text
    title = parse_feed(hostile, UPDATES_FEED).findtext(f"{ATOM}title") or ""
    assert "<script>" in title  # the payload in the headline, as text
    contents = [e.findtext(f"{ATOM}content") for e in parse_feed(hostile, CORRECTIONS_FEED).findall(f"{ATOM}entry")]
    assert any("<script>" in (text or "") for text in contents)
    assert xml_text("a\x00b\x0bc\ufffed\te") == "abcd\te"  # characters XML cannot hold are dropped


def test_hostile_embed_pages_hold_nothing_live(hostile: Story) -> None:
    embeds = {
        path: data.decode("utf-8")
        for path, data in hostile.site.files.items()
        if path.startswith("embed/") and path.endswith(".html")
    }
    assert vote_embed("ferry-contract-motion") in embeds and figure_embed("passengers") in embeds
    for path, html in embeds.items():
        scan = _Scan()
        scan.feed(html)
        assert scan.problems == [], path
        assert len(html.encode("utf-8")) < EMBED_LIMIT
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in embeds[vote_embed("ferry-contract-motion")]
    code = re.search(r"<pre><code>(.*?)</code></pre>", hostile.site.pages["votes/ferry-contract-motion.md"].text)
    assert code is not None and "<script" not in code.group(1)
    iframe = unescape(code.group(1))  # the code a newsroom pastes: its title attribute holds the payload inert
    scan = _Scan()
    scan.feed(iframe.replace("<iframe", "<x-frame"))
    assert scan.problems == [] and "&lt;script&gt;" in iframe
