"""Hostile text is inert: every payload, in every kind of text field, is shown as text or removed.

The payloads (tests/hostile/payloads.yml) each set window.__pwned if they ever run.
The test writes them into a copy of the fixture story, builds the real site with
MkDocs, then checks the HTML and loads every page in headless Chromium.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, TESTS, build_site_with_mkdocs, serve_folder

from generator.adapters.cli import main
from generator.content.prose import check_prose

PAYLOADS: list[str] = yaml.safe_load((TESTS / "hostile" / "payloads.yml").read_text(encoding="utf-8"))
SOURCE = ["harbour-news-2019-03-14"]


def prose(payload: str) -> str:
    """A payload for a prose field: links to unsafe schemes are refused by check, so wrap those."""
    return payload if not check_prose(payload) else f"`{payload}`"


def hostile_records(n: int, p: str) -> dict[str, list[dict[str, Any]]]:
    """One record of each kind with payload `p` in every text field it has."""
    q = prose(p)
    return {
        "actors": [{"id": f"hostile-actor-{n}", "name": p, "kind": "person", "other_names": [p], "short": p,
                    "description": q, "side": "for-contract", "nationality": p, "uncertain": q,
                    "roles": [{"title": p, "organization": "town-council", "start": 2019}],
                    "relations": [{"kind": "backs", "target": "harbour-first", "note": q, "sources": SOURCE}],
                    "sources": [f"hostile-source-{n}"]}],
        "sources": [{"id": f"hostile-source-{n}", "publisher": p, "title": p, "kind": "article", "note": q,
                     "uncertain": q, "url": "https://example.org/hostile?q=%3Cscript%3E&x=\"'"}],
        "events": [{"id": f"hostile-event-{n}", "date": "2019-03-10", "title": p, "kind": "meeting",
                    "description": q, "place": p, "uncertain": q, "actors": [f"hostile-actor-{n}"],
                    "sources": SOURCE}],
        "figures": [{"id": f"hostile-figure-{n}", "metric": "passengers", "value": n, "as_of": "2019",
                     "claimed_by": f"hostile-actor-{n}", "scope": q, "note": q,
                     "breakdown": [{"label": p, "value": n}, {"label": p, "value": 0, "subset": True}],
                     "sources": SOURCE}],
        "quotes": [{"id": f"hostile-quote-{n}", "speaker": f"hostile-actor-{n}", "text": p, "date": "2019-03-14",
                    "context": q, "original": p, "original_language": "fr", "sources": SOURCE}],
        "documents": [{"id": f"hostile-document-{n}", "kind": "draft-resolution", "title": p, "symbol": p,
                       "body": "town-council", "provisions": [q], "status": "pending", "result": p,
                       "note": q, "uncertain": q, "sources": SOURCE}],
        "defections": [{"id": f"hostile-defection-{n}", "name": p, "date": "2019-03-01",
                        "left": [{"role": p, "organization": "harbour-first"}], "went_to": q, "reasons": [q],
                        "note": q, "announced": {"via": "statement", "note": q}, "sources": SOURCE},
                       {"id": f"hostile-broke-ranks-{n}", "name": p, "kind": "broke-ranks", "date": "2019-03-02",
                        "people": 40, "people_qualifier": "about", "breakdown": [{"label": p, "value": 4}],
                        "broke_with": ["harbour-first"], "kept": [{"role": p, "organization": "town-council"}],
                        "dismissal": {"date": "2019-03-03", "by": "harbour-first", "recognised": False, "note": q},
                        "sources": SOURCE}],
        "glossary": [{"id": f"hostile-term-{n}", "term": p, "expansion": p, "definition": q, "uncertain": q}],
    }


def write_hostile_content(target: Path) -> int:
    """Copy the fixture story and add the hostile records; return how many fields were filled."""
    shutil.copytree(TESTS / "fixtures" / "harbour-story", target)
    story = yaml.safe_load((target / "story.yml").read_text(encoding="utf-8"))
    story["headline"] = "Harbour " + PAYLOADS[0]
    story["summary"] = " ".join(prose(p) for p in PAYLOADS[:5])
    story["contributors"] = PAYLOADS
    story["highlights"] = [{"text": prose(p), "added": "2019-03-14T08:00:00+01:00"} for p in PAYLOADS]
    story["related"] = [{"title": p, "publisher": p} for p in PAYLOADS]
    story["media"] = [{"kind": "video", "title": p, "duration": p, "caption": prose(p),
                       "source": "harbour-news-2019-03-14"} for p in PAYLOADS]
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
    fields = write_hostile_content(project / "content")
    assert main(["check", "--content", str(project / "content")]) == 0
    shutil.copytree(ROOT / "theme", project / "theme")
    (project / "content" / "pages").mkdir()
    (project / "content" / "pages" / "about.md").write_text("# About\n")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    build_site_with_mkdocs(project, project / "site")
    return project / "site", fields


def test_enough_payloads_in_enough_fields(hostile_site: tuple[Path, int]) -> None:
    assert len(PAYLOADS) >= 25
    assert hostile_site[1] >= 25 * 30


def test_unsafe_links_in_prose_are_refused_by_check() -> None:
    refused = [p for p in PAYLOADS if check_prose(p)]
    assert refused == ["[click](javascript:window.__pwned=1)",
                       "[click](data:text/html,<script>parent.__pwned=1</script>)"]


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
