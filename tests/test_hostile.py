"""Hostile text is inert: every payload, in every kind of text field, is shown as text or removed.

The payloads (tests/hostile/payloads.yml) each set window.__pwned if they ever run.
The test writes them into a copy of the fixture story, builds the real site with
MkDocs, then checks the HTML and loads every page in headless Chromium.

What cannot be made inert is refused by `check`, with its file and line: links to
unsafe schemes, control characters and noncharacters in text, unsafe file names.
The content folder of the hostile site has a hostile name of its own, so that the
edit links, which name the content files, have something to quote.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
import urllib.parse
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, TESTS, build_site_with_mkdocs, serve_folder
from model_text import fill, text_paths

from generator.adapters.cli import main
from generator.content.kinds import BY_NAME, KINDS, Kind
from generator.content.models import Story
from generator.content.prose import check_prose
from generator.content.safe_yaml import load_file

FIXTURE = TESTS / "fixtures" / "harbour-story"
PAYLOADS: list[str] = yaml.safe_load((TESTS / "hostile" / "payloads.yml").read_text(encoding="utf-8"))
SOURCE = ["harbour-news-2019-03-14"]
# Payloads aimed at the page's front matter (title, description): attr_list's {: ...} makes live
# attributes of any text that MkDocs reads as Markdown, and a value could try to end its string.
FRONT_MATTER = [p for p in PAYLOADS if "{:" in p or "\ntitle:" in p or 'onfocus=\\"' in p]
# What the story's every text field holds, before its headline, summary and lists get the whole corpus.
STORY_PAYLOAD = '<img src=x onerror="window.__pwned=1"> {: onclick=window.__pwned=1 }'
# The hostile site's content folder (mkdocs.yml's `content:`): every edit link names it.
CONTENT_FOLDER = "content \"<'&> x"


def prose(payload: str) -> str:
    """A payload for a prose field: links to unsafe schemes are refused by check, so wrap those."""
    return payload if not check_prose(payload) else f"`{payload}`"


def shapes(n: int, p: str) -> dict[str, list[dict[str, Any]]]:
    """The records that carry payload `p`, by kind: ids, references, dates and the nested parts
    whose text fields are to be filled (hostile_records fills every text field of each, from the
    models). A kind with no shape here carries the payloads in copies of the fixture's records."""
    q = prose(p)
    claim = {"verb": "claims", "group": p}  # whose claim a text is: a group of people, in words
    return {
        "actors": [
            {
                "id": f"hostile-actor-{n}",
                "name": p,
                "kind": "person",
                "other_names": [p],
                "short": p,
                "description": q,
                "side": "for-contract",
                "nationality": p,
                "uncertain": q,
                "roles": [{"title": p, "organization": "town-council", "start": 2019, "attribution": claim}],
                "relations": [
                    {"kind": "backs", "target": "harbour-first", "note": q, "sources": SOURCE, "attribution": claim}
                ],
                "description_attribution": claim,
                "side_attribution": claim,
                "earlier_names": [{"name": p, "until": "2019-01"}],
                "earlier_sides": [{"side": "against-contract", "until": "2019-02", "attribution": claim}],
                "sources": [f"hostile-source-{n}"],
            }
        ],
        "sources": [
            {
                "id": f"hostile-source-{n}",
                "publisher": p,
                "title": p,
                "kind": "article",
                "publisher_type": "newspaper",
                "note": q,
                "uncertain": q,
                "url": "https://example.org/hostile?q=%3Cscript%3E&x=\"'",
            }
        ],
        "events": [
            {
                "id": f"hostile-event-{n}",
                "date": "2019-03-10",
                "title": p,
                "kind": "meeting",
                "description": q,
                "place": p,
                "uncertain": q,
                "attribution": claim,
                "actors": [f"hostile-actor-{n}"],
                "sources": SOURCE,
            }
        ],
        "figures": [
            {
                "id": f"hostile-figure-{n}",
                "metric": "passengers",
                "value": n,
                "as_of": "2019",
                "claimed_by": f"hostile-actor-{n}",
                "scope": q,
                "note": q,
                "breakdown": [{"label": p, "value": n}, {"label": p, "value": 0, "subset": True}],
                "wording_attribution": claim,
                "sources": SOURCE,
            }
        ],
        "quotes": [
            {
                "id": f"hostile-quote-{n}",
                "speaker": f"hostile-actor-{n}",
                "text": p,
                "date": "2019-03-14",
                "context": q,
                "original": p,
                "original_language": "fr",
                "sources": SOURCE,
            }
        ],
        "documents": [
            {
                "id": f"hostile-document-{n}",
                "kind": "draft-resolution",
                "title": p,
                "symbol": p,
                "body": "town-council",
                "provisions": [q],
                "versions": [{"date": "2019-03-01", "label": p, "provisions": [q], "note": q, "sources": SOURCE}],
                "status": "pending",
                "result": p,
                "note": q,
                "uncertain": q,
                "sources": SOURCE,
            },
            {
                "id": f"hostile-vote-{n}",
                "kind": "draft-resolution",
                "title": p,
                "body": "town-council",
                "tabled": "2019-03-10",
                "provisions": [q],
                "status": "failed",
                "vote": {
                    "date": "2019-03-14",
                    "meeting": p,
                    "members": {
                        "yes": ["seat-1", "seat-2", "seat-3", "seat-6"],
                        "no": ["dana-lee", "sam-okafor", "seat-4", "seat-5", "seat-7"],
                    },
                },
                "sources": SOURCE,
            },
        ],
        "defections": [
            {
                "id": f"hostile-defection-{n}",
                "name": p,
                "date": "2019-03-01",
                "left": [{"role": p, "organization": "harbour-first"}],
                "went_to": q,
                "reasons": [q],
                "note": q,
                "announced": {"via": "statement", "note": q},
                "sources": SOURCE,
            },
            {
                "id": f"hostile-broke-ranks-{n}",
                "name": p,
                "kind": "broke-ranks",
                "date": "2019-03-02",
                "people": 40,
                "people_qualifier": "about",
                "breakdown": [{"label": p, "value": 4}],
                "broke_with": ["harbour-first"],
                "kept": [{"role": p, "organization": "town-council"}],
                "dismissal": {
                    "date": "2019-03-03",
                    "by": "harbour-first",
                    "recognised": False,
                    "note": q,
                    "attribution": claim,
                },
                "sources": SOURCE,
            },
        ],
        "memberships": [  # one per year: a body has one membership a year, unless it says `since`
            {
                "id": f"hostile-membership-{n}",
                "body": "town-council",
                "year": 1950 + n,
                "permanent": [],
                "elected": ["dana-lee", "sam-okafor"],
                "adoption": {"rule": "votes-needed", "votes_needed": 2},
                "sources": SOURCE,
            }
        ],
        "missions": [
            {
                "id": f"hostile-mission-{n}",
                "actor": f"hostile-actor-{n}",
                "mandates": [{"start": "2019-01-01", "end": "2019-03-01", "size": p, "description": q}],
                "sources": SOURCE,
            }
        ],
        "plans": [
            {
                "id": f"hostile-plan-{n}",
                "name": p,
                "by": f"hostile-actor-{n}",
                "date": "2019-03-04",
                "points": [q],
                "sources": SOURCE,
            }
        ],
        "seats": [
            {
                "id": f"hostile-seat-{n}",
                "body": "town-council",
                "state": f"hostile-actor-{n}",
                "claims": [
                    {"claimant": "harbour-first", "letters": [{"date": "2019-03-12", "nominee": p, "note": q}]},
                    {"claimant": f"hostile-actor-{n}", "note": q},
                ],
                "decisions": [{"decision": "deferred", "date": "2019-03-14", "note": q}],
                "sources": SOURCE,
            }
        ],
        "glossary": [
            {"id": f"hostile-term-{n}", "term": p, "expansion": p, "definition": q, "uncertain": q, "sources": SOURCE}
        ],
    }


def hostile_records(n: int, p: str) -> dict[str, list[dict[str, Any]]]:
    """Records of every kind in the registry with payload `p` in every text field their model has
    (tests/model_text.py finds them), nested parts' fields included."""
    made = shapes(n, p)
    records = {}
    for kind in KINDS:
        found = made.get(kind.name) or _copies(kind, n)
        for record in found:
            fill(kind.model, record, p, prose(p))
        records[kind.name] = found
    return records


def _copies(kind: Kind[Any], n: int) -> list[dict[str, Any]]:
    """The fixture's records of a kind with no shape above, under ids of their own."""
    path = FIXTURE / f"{kind.name}.yml"
    if not path.is_file():
        return []
    records: list[dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return [{**r, "id": f"hostile-{kind.words[0]}-{n}-{i}"} for i, r in enumerate(records)]


def write_hostile_content(target: Path) -> int:
    """Copy the fixture story and add the hostile records; return how many fields were filled."""
    shutil.copytree(FIXTURE, target)
    story = yaml.safe_load((target / "story.yml").read_text(encoding="utf-8"))
    # Every text field of the story's model, then the fields below with many payloads each.
    story["sides"][0]["attribution"] = {"verb": "says", "group": "x"}
    story["updates"][-1]["dateline"] = {"place": "Harbourside", "date": "2019-03-14"}
    fill(Story, story, STORY_PAYLOAD, prose(STORY_PAYLOAD), f"[^{SOURCE[0]}]")
    story["headline"] = " ".join(["Harbour", PAYLOADS[0], *FRONT_MATTER])
    story["missing_citations"] = "warning"  # the payloads stand alone in the story's prose, with no marker
    story["summary"] = " ".join(prose(p) for p in PAYLOADS[:5] + FRONT_MATTER)
    story["name"] = story["headline"]  # the site's name, in every <title>
    for update in story["updates"]:  # each edition's headline and summary: the ones above
        update["headline"], update["summary"] = story["headline"], story["summary"]
    story["contributors"] = PAYLOADS
    story["highlights"] = [{"text": prose(p), "added": "2019-03-14T08:00:00+01:00"} for p in PAYLOADS]
    story["related"] = [{"title": p, "publisher": p} for p in PAYLOADS]
    story["media"] = [
        {"kind": "video", "title": p, "duration": p, "caption": prose(p), "source": "harbour-news-2019-03-14"}
        for p in PAYLOADS
    ]
    (target / "story.yml").write_text(yaml.safe_dump(story, allow_unicode=True), encoding="utf-8")
    files: dict[str, list[dict[str, Any]]] = {}
    fields = 0
    for n, payload in enumerate(PAYLOADS):
        for kind, records in hostile_records(n, payload).items():
            files.setdefault(kind, []).extend(records)
            fields += sum(_count_text(r, payload) for r in records)
    for kind, records in files.items():
        (target / kind).mkdir(exist_ok=True)
        (target / kind / "hostile.yml").write_text(yaml.safe_dump(records, allow_unicode=True), encoding="utf-8")
    return fields


def filled_paths(n: int, payload: str) -> dict[str, set[str]]:
    """The dotted paths of the text fields that hostile_records fills, by kind."""
    return {
        kind: {path for record in records for path in fill(BY_NAME[kind].model, record, payload, prose(payload))}
        for kind, records in hostile_records(n, payload).items()
    }


def test_every_text_field_of_every_kind_carries_the_payloads() -> None:
    """The models say which fields are text (tests/model_text.py): a kind or field added later
    gets every payload with no list here to update, or this names what has no record to carry it."""
    filled = filled_paths(0, PAYLOADS[0])
    missing = {kind.name: sorted(set(text_paths(kind.model)) - filled[kind.name]) for kind in KINDS}
    assert {kind: paths for kind, paths in missing.items() if paths} == {}
    story = yaml.safe_load((FIXTURE / "story.yml").read_text(encoding="utf-8"))
    story["sides"][0]["attribution"] = {"verb": "says", "group": "x"}
    story["updates"][-1]["dateline"] = {"place": "Harbourside", "date": "2019-03-14"}
    assert sorted(set(text_paths(Story)) - fill(Story, story, "x", "x")) == []


def _count_text(value: Any, payload: str) -> int:
    if isinstance(value, str):
        return int(payload in value)
    if isinstance(value, dict):
        return sum(_count_text(v, payload) for v in value.values())
    if isinstance(value, list):
        return sum(_count_text(v, payload) for v in value)
    return 0


class _Scan(HTMLParser):
    """Flag anything live that a payload could have made: scripts, handlers, unsafe URLs."""

    URL_ATTRIBUTES = frozenset({"href", "src", "action", "data", "formaction", "srcdoc", "xlink:href"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.script: str | None = None
        self.script_type = ""
        self.ld_json: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") and "__pwned" in value:
                self.problems.append(f"event handler <{tag} {name}>")
            if name in self.URL_ATTRIBUTES and value.strip().lower().startswith(("javascript:", "data:")):
                self.problems.append(f"unsafe URL <{tag} {name}={value[:40]}>")
        if tag in {"iframe", "object", "embed", "base"}:
            self.problems.append(f"<{tag}> element")
        if tag == "meta" and dict(attrs).get("http-equiv"):
            self.problems.append("<meta http-equiv>")
        if tag in {"script", "style"}:
            self.script, self.script_type = "", str(dict(attrs).get("type") or tag)

    def handle_data(self, data: str) -> None:
        if self.script is not None:
            self.script += data

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"} and self.script is not None:
            if self.script_type == "application/ld+json":
                self.ld_json.append(self.script)
            elif "__pwned" in self.script or "display:none" in self.script.replace(" ", ""):
                self.problems.append(f"payload inside a live <{tag}>")
            self.script = None


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    project = tmp_path_factory.mktemp("hostile")
    fields = write_hostile_content(project / CONTENT_FOLDER)
    assert main(["check", "--content", str(project / CONTENT_FOLDER)]) == 0
    shutil.copytree(ROOT / "theme", project / "theme")
    (project / "content" / "pages").mkdir(parents=True)  # docs_dir: the hand-written pages
    (project / "content" / "pages" / "about.md").write_text("# About\n")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    quoted_folder = "'" + CONTENT_FOLDER.replace("'", "''") + "'"
    config, replaced = re.subn(
        r"^( +)content: content$", lambda m: f"{m[1]}content: {quoted_folder}", config, count=1, flags=re.MULTILINE
    )
    assert replaced == 1, "mkdocs.yml no longer sets the plugin's content: content"
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    build_site_with_mkdocs(project, project / "site")
    return project / "site", fields


def test_enough_payloads_in_enough_fields(hostile_site: tuple[Path, int]) -> None:
    assert len(PAYLOADS) >= 42  # the corpus only grows
    assert len(FRONT_MATTER) >= 8
    assert hostile_site[1] >= 42 * 30


def test_unsafe_links_in_prose_are_refused_by_check() -> None:
    refused = [p for p in PAYLOADS if check_prose(p)]
    assert refused == [
        "[click](javascript:window.__pwned=1)",
        "[click](data:text/html,<script>parent.__pwned=1</script>)",
    ]


def test_html_holds_nothing_live(hostile_site: tuple[Path, int]) -> None:
    site = hostile_site[0]
    problems = []
    seen_literal = False
    for path in sorted(site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        scan = _Scan()
        scan.feed(html)
        problems += [f"{path.relative_to(site)}: {p}" for p in scan.problems]
        for block in scan.ld_json:
            json.loads(block)  # a </script> break-out would leave broken JSON behind
        seen_literal = seen_literal or "{{ 7*7 }}" in html
    assert problems == []
    assert seen_literal, "Jinja syntax in content must be shown as typed"


@pytest.fixture(scope="module")
def hostile_url(hostile_site: tuple[Path, int]) -> Iterator[str]:
    yield from serve_folder(hostile_site[0])


def test_no_payload_runs_in_the_browser(hostile_site: tuple[Path, int], hostile_url: str, browser: Any) -> None:
    pages = sorted(p.relative_to(hostile_site[0]).parent.as_posix() for p in hostile_site[0].rglob("index.html"))
    ran = []
    context = browser.new_context()
    page = context.new_page()
    page.on("dialog", lambda dialog: (ran.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    for path in pages:
        url = hostile_url + ("" if path == "." else path + "/")
        page.goto(url, wait_until="load")
        page.mouse.move(200, 300)
        page.keyboard.press("Tab")
        if page.evaluate("() => window.__pwned !== undefined || window.parent.__pwned !== undefined"):
            ran.append(url)
    context.close()
    assert len(pages) > 60
    assert ran == []


def test_front_matter_payloads_stay_text(hostile_site: tuple[Path, int]) -> None:
    """MkDocs read every page's front matter as data: each hostile actor's and document's page has
    its payload, as typed, for its <title>, and the overview has every front matter payload in its
    headline (test_html_holds_nothing_live and the browser test check that none is live)."""
    site = hostile_site[0]
    checked = 0
    for n, payload in enumerate(PAYLOADS):
        for folder, record in (("actors", "hostile-actor"), ("votes", "hostile-document")):
            path = site / folder / f"{record}-{n}" / "index.html"
            head = _Head()
            head.feed(path.read_text(encoding="utf-8"))
            assert head.title.startswith(" ".join(payload.split())), (path, head.title)
            checked += 1
    overview = _Head()
    overview.feed((site / "index.html").read_text(encoding="utf-8"))
    assert all(" ".join(p.split()) in overview.title for p in FRONT_MATTER), overview.title
    assert checked == 2 * len(PAYLOADS)


class _Head(HTMLParser):
    """The text of a page's <title>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self.in_title = False

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title += data


# -- what check refuses: stray characters and unsafe file names ---------------------------

STRAY = ["\x7f", "\x85", "\ufffe", "\uffff"]


def _check(content: Path) -> tuple[int, list[str]]:
    """Run `python -m generator check` in-process: its exit status and the lines it printed."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["check", "--content", str(content)])
    return status, err.getvalue().splitlines()


@pytest.mark.parametrize("char", STRAY, ids=[f"U+{ord(c):04X}" for c in STRAY])
@pytest.mark.parametrize("written", ["escaped", "literal"])
def test_stray_character_in_a_name_is_refused_at_its_line(tmp_path: Path, char: str, written: str) -> None:
    """DEL, C1 controls and noncharacters make YAML parsers (MkDocs' front matter among them) refuse
    the text, so they are refused at load time, at their line: written as a YAML escape (\\u007f)
    or typed as they are.

    Fails for DEL, U+FFFE and U+FFFF typed as they are (reported to the lead): the YAML reader's
    error is reported at 1:1, with its own text ('...not allowed\\n  in "<unicode string>", position
    837') instead of the line. Reproduce: in tests/fixtures/harbour-story/actors.yml (a copy), write
    `name: "Dana<DEL>Lee"` on line 29 and run `python -m generator check --content COPY`.
    """
    content = tmp_path / "content"
    shutil.copytree(TESTS / "fixtures" / "harbour-story", content)
    actors = content / "actors.yml"
    lines = actors.read_text(encoding="utf-8").splitlines(keepends=True)
    line = lines.index("  name: Dana Lee\n") + 1
    typed = f"\\u{ord(char):04x}" if written == "escaped" else char
    lines[line - 1] = f'  name: "Dana{typed}Lee {{: onerror=window.__pwned=1 }}"\n'
    actors.write_text("".join(lines), encoding="utf-8")
    if written == "literal" and char == "\x85":
        # YAML 1.1 reads a typed U+0085 (NEL) as a line break, which a quoted value folds into a
        # space: the name never holds the character, and the payload in it is shown as typed.
        parsed, problems = load_file(actors, "content/actors.yml")
        assert problems == [] and parsed.data[4]["name"] == "Dana Lee {: onerror=window.__pwned=1 }"
        return
    status, printed = _check(content)
    assert status == 1
    assert len(printed) == 2 and printed[1] == "1 problem found; the site was not built.", printed
    assert re.match(rf"content/actors\.yml:{line}:[0-9]+: ", printed[0]), printed[0]
    if written == "escaped":
        assert f"U+{ord(char):04X}" in printed[0]


HOSTILE_NAMES = [
    '" autofocus onfocus="window.__pwned=1" x=".yml',
    "<script>window.__pwned=1<.yml",
    "it's.yml",
    "my events.yml",
    "a&b.yml",
    "%22onfocus.yml",
    "café.yml",
]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_file_name_is_refused_with_one_located_line(tmp_path: Path, name: str) -> None:
    content = tmp_path / "content"
    shutil.copytree(TESTS / "fixtures" / "harbour-story", content)
    (content / "events").mkdir()
    event = yaml.safe_load((content / "events.yml").read_text(encoding="utf-8"))[0]
    event["id"] = "another-event"
    (content / "events" / name).write_text(yaml.safe_dump([event]), encoding="utf-8")
    status, printed = _check(content)
    assert status == 1
    assert printed == [
        f"content/events/{name}:1:1: '{name}' is not a safe name (rename it using only "
        "letters A-Z and a-z, digits, '.', '_' and '-', starting with a letter or digit, "
        "at most 100 characters)",
        "1 problem found; the site was not built.",
    ]


class _EditLinks(HTMLParser):
    """The href of every edit link, as typed in the HTML (entities left as they are)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href") or ""
        if tag == "a" and "/edit/" in href:
            self.hrefs.append(href)


def test_edit_links_are_url_quoted(hostile_site: tuple[Path, int]) -> None:
    """Each page's edit link opens its YAML file; the path is URL-quoted, so that the content folder's
    name (and any file's) cannot end the href or add an attribute."""
    site = hostile_site[0]
    folder = urllib.parse.quote(CONTENT_FOLDER)
    seen: set[str] = set()
    for path in sorted(site.rglob("index.html")):
        raw = path.read_text(encoding="utf-8")
        links = _EditLinks()
        links.feed(raw)
        for href in links.hrefs:
            assert re.fullmatch(r"[A-Za-z0-9%/:._~-]+", href), (path, href)
            assert not set(urllib.parse.unquote(href)) - set(href) - set(CONTENT_FOLDER), (path, href)
        relative = path.relative_to(site).parent.as_posix()
        if relative.startswith(("actors/", "votes/")) or relative in {".", "actors", "timeline", "glossary"}:
            assert len(links.hrefs) == 1, (path, links.hrefs)
            seen.add(links.hrefs[0])
    for file in ("actors/hostile.yml", "documents/hostile.yml", "story.yml"):
        assert any(href.startswith("https://") and href.endswith(f"/{folder}/{file}") for href in seen), (file, seen)
