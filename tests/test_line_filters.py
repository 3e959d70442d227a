"""The filters that print a whole line of a list (render.py: `dated`, `mentioned`, `downloads`) print
what the template printed with the plain filters before, on every actor page of the fixture stories
in each way of linking; and the shortcuts under them (Links.saw_all, html.as_markup) give what the
plain way gives."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import TESTS
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup

from generator.content.i18n import speaking
from generator.facts.addresses import Address
from generator.facts.derivation import derive_site
from generator.pipeline import load_checked
from generator.site.environment import TEMPLATES
from generator.site.html import as_markup
from generator.site.links import Links
from generator.site.render import Renderer

FIXTURES = sorted(p for p in (TESTS / "fixtures").iterdir() if p.is_dir())
LINKS = [{}, {"url_links": True}, {"url_links": True, "directory_urls": False}]
LINK_IDS = ["from-source", "urls", "urls-without-folders"]

# Each line printed both ways, one per row ("filter@|@plain"), then the downloads both ways.
BOTH_WAYS = (
    "{% for event in page.events %}{{ event|dated }}@|@"
    "{{ event.date|when }}: {{ event.id|ref }} {{ event.sources|cite }}\n{% endfor %}"
    "{% for mention in page.mentions %}{{ mention|mentioned }}@|@"
    "{{ mention.id|ref }} <small>({{ mention.kind }})</small>\n{% endfor %}"
    "@@{{ page.downloads|downloads }}@@"
    "{% if page.downloads %}\n"
    '<aside class="se-downloads" aria-label="{{ _("The data on this page") }}">\n'
    '<p><strong>{{ _("The tables on this page as data:") }}</strong> {% for file in page.downloads %}'
    '<a href="{{ file.path|page_url }}" download>{{ file.name }}</a> <small>({{ file.format }})</small>'
    "{% if not loop.last %} · {% endif %}{% endfor %}</p>\n</aside>\n{% endif %}@@"
)


@pytest.mark.parametrize("links", LINKS, ids=LINK_IDS)
@pytest.mark.parametrize("fixture", FIXTURES, ids=[p.name for p in FIXTURES])
def test_a_line_filter_prints_what_the_plain_filters_print(
    fixture: Path, links: dict[str, bool], tmp_path: Path
) -> None:
    templates = shutil.copytree(TEMPLATES, tmp_path / "templates")
    (templates / "both.md.html").write_text(BOTH_WAYS, encoding="utf-8")
    content = load_checked(fixture)
    with speaking(content.story.language):
        derived = derive_site(content)
        renderer = Renderer(derived, templates, **links)
        actors = [s for s in renderer.specs() if s.template == "actor.md.html"]
        assert actors
        compared = 0
        # Twice over: the second time, every line is one made for an earlier page. Each page's lines
        # are printed from its own place and from pages at other depths, whose links differ.
        for spec in actors + actors:
            for path in (spec.path, "index.md", "deeper/still/page.md"):
                text = renderer.page(path, "both.md.html", spec.title, spec.source, **spec.values).text
                lines, fast, plain, _ = text.split("@@")
                for line in lines.splitlines():
                    assert line.split("@|@")[0] == line.split("@|@")[1], path
                    compared += 1
                assert fast == plain, path
        assert compared > len(actors)


_PAGES = st.lists(st.sampled_from(["a", "b", "actors", "sides", "x"]), min_size=1, max_size=3).map(
    lambda parts: "/".join(parts) + ".md"
)


@given(
    page=_PAGES,
    targets=st.lists(st.tuples(_PAGES, st.none() | st.just("here")), min_size=1, max_size=4),
    as_urls=st.booleans(),
    directory_urls=st.booleans(),
)
def test_seeing_several_links_at_once_is_seeing_each(
    page: str, targets: list[tuple[str, str | None]], as_urls: bool, directory_urls: bool
) -> None:
    at_once, each = Links(as_urls, directory_urls), Links(as_urls, directory_urls)
    key = at_once.saw_all(page, tuple(Address(target, anchor) for target, anchor in targets))
    keys = {each.saw(page, target, anchor) for target, anchor in targets}
    assert key == (keys.pop() if len(keys) == 1 else page)
    assert at_once.targets(page) == each.targets(page)


@given(st.text() | st.text().map(Markup))
def test_as_markup_is_markup_of_the_text(text: str) -> None:
    made = as_markup(text)
    assert made == Markup(text)  # noqa: S704 - what is compared
    assert type(made) is Markup
