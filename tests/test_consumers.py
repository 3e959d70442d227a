"""Exports read by their consumers: hostile text stays text in the program that reads the file.

Escaping is not enough where a consumer decodes entities before it sets a field as HTML
(TimelineJS does for display_date and group), so the exports are tested in the consumer itself:
TimelineJS from npm (package.json), in headless Chromium, served from 127.0.0.1 only.
"""

from __future__ import annotations

import ipaddress
import json
import os
import shutil
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, serve_folder
from test_hostile import PAYLOADS, write_hostile_content

from generator.facts.addresses import TIMELINE_JSON
from generator.pipeline import build_site

TIMELINEJS = ROOT / "node_modules" / "@knight-lab" / "timelinejs" / "dist"

# Elements that no slide of ours holds: each would come from a payload.
PAYLOAD_ELEMENTS = "img, svg, iframe, object, embed, details, form, input, math, style, base, meta, noscript, script"

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>TimelineJS</title>
<link rel="stylesheet" href="timelinejs/css/timeline.css">
<script src="timelinejs/js/timeline.js"></script></head>
<body><div id="timeline" style="width: 1000px; height: 700px"></div>
<script>
window.timeline = new TL.Timeline("timeline", "timeline.json", {script_path: "timelinejs/js/", font: null});
window.timeline.on("loaded", () => { window.timelineLoaded = true; });
</script></body></html>
"""


def _with_hostile_date_texts(content: Path) -> None:
    """Give every hostile event a date range whose words (display_date) are the payload."""
    events = content / "events" / "hostile.yml"
    records = yaml.safe_load(events.read_text(encoding="utf-8"))
    for record, payload in zip(records, PAYLOADS, strict=True):
        record["date"] = {"earliest": "2019-03-09", "latest": "2019-03-10", "text": payload}
    events.write_text(yaml.safe_dump(records, allow_unicode=True), encoding="utf-8")


@pytest.fixture(scope="module")
def timeline_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not (TIMELINEJS / "js" / "timeline.js").is_file():
        message = "TimelineJS not installed: run `npm ci` (package.json pins it)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)  # as a missing browser: CI must run the consumer test
        pytest.skip(message)
    folder = tmp_path_factory.mktemp("timelinejs")
    write_hostile_content(folder / "content")
    _with_hostile_date_texts(folder / "content")
    site = build_site(folder / "content", site_url="https://example.org/story/")
    (folder / "timeline.json").write_bytes(site.files[TIMELINE_JSON])
    shutil.copytree(TIMELINEJS, folder / "timelinejs")
    (folder / "index.html").write_text(PAGE, encoding="utf-8")
    yield from serve_folder(folder)


def test_timelinejs_decoded_fields_stay_text(timeline_folder: str, browser: Any) -> None:
    """Every payload, in every text field of every slide and as a date range's words, stays text in
    TimelineJS: no script runs, no element of a payload exists, and no other host is asked."""
    ran: list[str] = []
    elsewhere: list[str] = []
    context = browser.new_context()
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(timeline_folder)
            else (elsewhere.append(route.request.url), route.abort())
        ),
    )
    page = context.new_page()
    page.on("dialog", lambda dialog: (ran.append(dialog.message), dialog.dismiss()))
    page.goto(timeline_folder, wait_until="load")
    page.wait_for_function("() => window.timelineLoaded === true", timeout=30_000)
    slides = page.evaluate("() => window.timeline.config.events.length")
    for n in range(0, slides + 1, 7):  # visit slides across the story (each renders its neighbours)
        page.evaluate(f"() => window.timeline.goTo({n})")
        page.wait_for_timeout(20)
    page.mouse.move(500, 600)
    found = page.evaluate(
        """(selector) => [...document.querySelectorAll('#timeline ' + selector.split(', ').join(', #timeline '))]
            .map(e => e.outerHTML.slice(0, 80))""",
        PAYLOAD_ELEMENTS,
    )
    handlers = page.evaluate(
        r"""() => [...document.querySelectorAll('#timeline *')].flatMap(e => [...e.attributes]
            .filter(a => (a.name.startsWith('on') && a.value.includes('__pwned'))
                || (/^(href|src|action|formaction|data|srcdoc)$/.test(a.name)
                    && /^\s*(javascript|data):/i.test(a.value)))
            .map(a => e.tagName + ' ' + a.name))"""
    )
    dates = page.evaluate("() => [...document.querySelectorAll('.tl-headline-date')].map(e => e.textContent)")
    pwned = page.evaluate("() => window.__pwned !== undefined")
    context.close()
    assert slides > len(PAYLOADS) * 5
    assert (ran, pwned, found, handlers, elsewhere) == ([], False, [], [], [])
    # The date range's words are shown as typed, entities and all.
    assert all(p.strip() in dates for p in PAYLOADS if "\n" not in p and p == p.strip()), dates[:5]


def test_timelinejs_double_escapes_only_its_decoded_fields(timeline_folder: str) -> None:
    """The file itself: display_date and group are escaped twice, headline and text once."""
    import urllib.request

    with urllib.request.urlopen(timeline_folder + "timeline.json") as response:  # 127.0.0.1
        data = json.loads(response.read())
    shown = {e["display_date"] for e in data["events"] if "display_date" in e}
    assert "&amp;lt;script&amp;gt;window.__pwned=1&amp;lt;/script&amp;gt;" in shown


# --- web addresses: what check accepts, a browser reads the same way --------------------------

_HOST_CHARACTERS = "abcXY019.-[]:@\\/%_ éж中ß．／＠ｅ"
_REST_CHARACTERS = "/?#a1%:@.\\ "


def _our_reading(url: str) -> tuple[str, str, str]:
    """Scheme, host (as a browser shows it: lower case, IDNA for other scripts) and port, as we read them."""
    parts = urllib.parse.urlsplit(url)
    host = (parts.hostname or "").rstrip(".") if not (parts.hostname or "").startswith("[") else parts.hostname or ""
    port = "" if parts.port is None else str(parts.port)
    default = {"http": "80", "https": "443"}[parts.scheme.lower()]
    return parts.scheme.lower(), host.lower(), "" if port == default else port


def _browser_host(host: str) -> str:
    """A host as Chromium gives it, with its punycode labels decoded for comparison."""
    labels = [
        label[4:].encode("ascii").decode("punycode") if label.startswith("xn--") else label for label in host.split(".")
    ]
    return ".".join(labels).rstrip(".").strip("[]")


def _same_host(host: str) -> str | ipaddress.IPv6Address:
    """A host to compare: an IPv6 address by its value, as a browser writes it in its shortest
    form ([0::] is [::], the same address); any other host as it is written."""
    try:
        return ipaddress.IPv6Address(host)
    except ValueError:
        return host


def test_malformed_urls_accepted_only_as_browsers_read_them(browser: Any) -> None:
    """Issue 22, class 4: every address check accepts has the scheme, host and port in Chromium's
    URL parser that we read (no user name, no backslash turned into a slash, no host changed by
    normalisation); whatever is refused is refused with a reason, never an exception."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from generator.content.urls import address_problem

    page = browser.new_page()
    checked: list[int] = []
    address = st.builds(
        lambda scheme, host, rest: scheme + host + rest,
        st.sampled_from(["https://", "http://", "HTTPS://"]),
        st.one_of(
            st.text(alphabet=_HOST_CHARACTERS, min_size=0, max_size=14),
            st.from_regex(r"[a-zA-Zé中жß0-9-]{1,5}(\.[a-z0-9]{1,4}){0,3}\.?(:[0-9]{0,6})?", fullmatch=True),
            st.from_regex(r"\[[0-9a-f:.]{0,12}\](:[0-9]{1,5})?", fullmatch=True),
        ),
        st.text(alphabet=_REST_CHARACTERS, max_size=8),
    )

    @settings(max_examples=20, deadline=None)
    @given(st.lists(address, min_size=50, max_size=50))
    def same_reading(urls: list[str]) -> None:
        accepted = [u for u in urls if address_problem(u) is None]
        read = page.evaluate(
            """(urls) => urls.map(u => { try { const x = new URL(u);
                return [x.protocol.slice(0, -1), x.hostname, x.port, x.username + x.password]; }
                catch (e) { return null; } })""",
            accepted,
        )
        for url, theirs in zip(accepted, read, strict=True):
            assert theirs is not None, url
            scheme, host, port = _our_reading(url)
            assert (theirs[0], _same_host(_browser_host(theirs[1])), theirs[2], theirs[3]) == (
                scheme,
                _same_host(host.strip("[]")),
                port,
                "",
            ), url
        checked.append(len(accepted))

    try:
        same_reading()
    finally:
        page.close()
    assert sum(checked) > 50  # enough accepted addresses were compared
