"""Links and lines made once for every page of an origin (render.py, links.py, citing.py) give what the
plain way gives: each page reads as it does rendered alone, Links.saw notes and keys a link as
Links.origin does, a link in running text reads as the page's resolver makes it, and a front matter
value many pages share reads as _front_matter writes it."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TESTS
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup

from generator.content.i18n import speaking
from generator.facts.derivation import derive_site
from generator.pipeline import load_checked
from generator.site.environment import _front_matter, _shared_front_matter
from generator.site.html import named_link, plain
from generator.site.links import Links
from generator.site.render import Renderer

FIXTURES = sorted(p for p in (TESTS / "fixtures").iterdir() if p.is_dir())
LINKS = [{}, {"url_links": True}, {"url_links": True, "directory_urls": False}]
LINK_IDS = ["from-source", "urls", "urls-without-folders"]


@pytest.mark.parametrize("links", LINKS, ids=LINK_IDS)
@pytest.mark.parametrize("fixture", FIXTURES, ids=[p.name for p in FIXTURES])
def test_every_page_reads_as_it_does_rendered_alone(fixture: Path, links: dict[str, bool]) -> None:
    # One renderer for every page, twice over, as a build (and serve's next build) has: the second
    # time every link and line is one made for an earlier page. Each page against a renderer that
    # rendered nothing else, so that nothing it prints was made for another page.
    content = load_checked(fixture)
    with speaking(content.story.language):
        derived = derive_site(content)
        shared = Renderer(derived, **links)
        specs = shared.specs()
        pages = [shared.page(s.path, s.template, s.title, s.source, **s.values) for s in specs + specs]
        for spec, page in zip(specs + specs, pages, strict=True):
            alone = Renderer(derived, **links).page(spec.path, spec.template, spec.title, spec.source, **spec.values)
            assert page.text == alone.text, spec.path
            assert list(page.links.items()) == list(alone.links.items()), spec.path


_PAGES = st.lists(st.sampled_from(["a", "b", "actors", "sides", "x", "index"]), min_size=1, max_size=3).map(
    lambda parts: "/".join(parts) + ".md"
)
_TARGETS = _PAGES | st.sampled_from(["data/story.json", "embeds/x/index.html", "a.md"])


@given(
    links=st.lists(st.tuples(_PAGES, _TARGETS, st.none() | st.sampled_from(["here", "there"])), min_size=1, max_size=8),
    as_urls=st.booleans(),
    directory_urls=st.booleans(),
)
def test_seeing_a_link_keys_it_by_its_origin_and_notes_its_first_anchor(
    links: list[tuple[str, str, str | None]], as_urls: bool, directory_urls: bool
) -> None:
    seen, plain = Links(as_urls, directory_urls), Links(as_urls, directory_urls)
    noted: dict[str, dict[str, str | None]] = {}
    for page, target, anchor in links:
        assert seen.saw(page, target, anchor) == plain.origin(page, target)
        noted.setdefault(page, {}).setdefault(target, anchor)
    for page, targets in noted.items():
        assert list(seen.targets(page).items()) == list(targets.items())


@pytest.mark.parametrize("url_links", [False, True], ids=["from-source", "urls"])
@pytest.mark.parametrize("fixture", FIXTURES, ids=[p.name for p in FIXTURES])
def test_a_link_in_running_text_reads_as_the_resolver_makes_it(fixture: Path, url_links: bool) -> None:
    content = load_checked(fixture)
    with speaking(content.story.language):
        renderer = Renderer(derive_site(content), url_links=url_links)
        addressed = sorted(rid for rid in renderer.records if rid in renderer._address)
        pages = [spec.path for spec in renderer.specs()][:12] + ["index.md", "deeper/still/page.md"]
        for page in pages + pages:  # the second time, each link is one made for an earlier page
            ctx = renderer.env.context_class(renderer.env, {"page_path": page, "_now": renderer._now}, "t", {})
            resolver = renderer._resolver(ctx)
            for record_id in addressed:
                plain = named_link(*resolver.link(record_id))
                assert renderer._prose_link(ctx, page, record_id) == plain, (page, record_id)


@given(st.text() | st.sampled_from(["content/actors.yml", "actors", "a b\x7f", "«»"]), st.booleans())
def test_a_shared_front_matter_value_reads_as_front_matter_writes_it(value: str, as_markup: bool) -> None:
    shown = Markup(value) if as_markup else value  # noqa: S704 - what is compared
    assert _shared_front_matter(shown) == _front_matter(shown)
    assert _shared_front_matter(shown) == _front_matter(shown)  # the second time, made before


@pytest.mark.parametrize("fixture", FIXTURES, ids=[p.name for p in FIXTURES])
def test_a_plain_text_kept_for_every_page_reads_as_each_pages_own(fixture: Path) -> None:
    content = load_checked(fixture)
    with speaking(content.story.language):
        renderer = Renderer(derive_site(content))
        terms = sorted(renderer.abbreviations)
        assert terms  # the fixture stories explain abbreviations at their first use on a page
        texts = [" as ", "a < b & c", f"the {terms[0]} met", f"{terms[0]} and {terms[-1]}", f"x{terms[0]}y", "plain"]
        for page in ("a.md", "b.md", "a.md"):
            renderer._resolvers.pop(page, None)  # as page() does: each page explains afresh
            renderer._notes.pop(page, None)
            ctx = renderer.env.context_class(renderer.env, {"page_path": page, "_now": renderer._now}, "t", {})
            plain_way = Renderer(derive_site(content))
            plain_ctx = plain_way.env.context_class(plain_way.env, {"page_path": page, "_now": plain_way._now}, "t", {})
            for text in texts + texts:  # the second time, abbreviations are explained already
                assert renderer._plain(ctx, text) == plain(text, plain_way._resolver(plain_ctx)), (page, text)
