"""Shortcuts that keep a split section's pages linear in the story: each equals the slow way.

A split section's view runs once per part; what it works out for the whole section (its list in
order, grouped by part) is made once per division (parts.Scope.once, Scope.listed). And a
sources page asks every source's address which weak family it is in, by a lookup per label of
its host (weak_sources._family) rather than a comparison per listed domain.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from generator.content import weak_sources
from generator.facts.parts import Division, PagePart, Parts, Scope
from generator.facts.views.common import PartLink, PartsNav, pages, parts_nav

KEYS = ("a", "b", "c")


def _division(part_of: dict[str, str]) -> Division:
    parts = tuple(PagePart(key, key.upper(), f"section/{key}.md", 0) for key in KEYS)
    return Division(Parts("section.md", parts, {p.key: p for p in parts}), part_of)


@given(
    st.lists(st.text("xyz", min_size=1, max_size=3), unique=True, max_size=30),
    st.data(),
)
def test_a_part_lists_what_the_slow_filter_lists(ids: list[str], data: st.DataObject) -> None:
    # Some entries are on no part (a split may leave a record out): they are listed nowhere.
    part_of = {i: data.draw(st.sampled_from(KEYS)) for i in ids if data.draw(st.booleans())}
    division = _division(part_of)
    made = []

    def entries() -> list[str]:
        made.append(1)
        return ids

    for part in division.parts.parts:
        scope = Scope(division, part)
        assert list(scope.listed("entries", entries, str)) == [i for i in ids if scope.shows(i)]
    assert list(Scope(division).listed("entries", entries, str)) == []  # the index of the parts
    assert len(made) == 1  # the whole list was made once for every page
    assert list(Scope().listed("entries", lambda: ids, str)) == ids  # a section that is one page


def test_what_a_division_made_is_its_own() -> None:
    one, other = _division({}), _division({})
    assert Scope(one).once("x", lambda: 1) == 1
    assert Scope(one, one.parts.parts[0]).once("x", lambda: 2) == 1  # made once for all its pages
    assert Scope(other).once("x", lambda: 3) == 3  # another build's division makes its own
    assert Scope().once("x", lambda: 4) == 4  # a section that is one page keeps nothing


def _slow_nav(parts: Parts, here: PagePart | None) -> PartsNav:
    """A page's navigation with every link made for it alone."""

    def link(part: PagePart) -> PartLink:
        return PartLink(part.label, part.page, f"{part.count} things")

    at = parts.parts.index(here) if here else None
    before = parts.parts[at - 1] if at else None
    after = parts.parts[at + 1] if at is not None and at + 1 < len(parts.parts) else None
    return PartsNav(
        parts.section,
        tuple(link(p) for p in parts.parts),
        pages(len(parts.parts)),
        link(here) if here else None,
        link(before) if before else None,
        link(after) if after else None,
    )


@given(st.lists(st.integers(0, 500), min_size=1, max_size=6))
def test_each_pages_parts_navigation_is_the_one_made_for_it_alone(counts: list[int]) -> None:
    parts = tuple(PagePart(f"p{n}", f"P{n}", f"section/p{n}.md", count) for n, count in enumerate(counts))
    division = Division(Parts("section.md", parts, {p.key: p for p in parts}), {})
    counted = []

    def count(n: int) -> str:
        counted.append(n)
        return f"{n} things"

    for here in (None, *parts):
        assert parts_nav(Scope(division, here), count) == _slow_nav(division.parts, here)
    assert len(counted) == len(parts)  # each part's count worked out once for every page
    assert parts_nav(Scope(), count) is None  # a section that is one page has none


def _slow_family(host: str) -> weak_sources.WeakSite | None:
    """The family as a walk through the families in order finds it."""
    return next((site for site in weak_sources.WEAK_SITES if weak_sources._on(host, site.hosts)), None)


DOMAINS = sorted({domain for site in weak_sources.WEAK_SITES for domain in site.hosts})
LABEL = st.text("abcmo-", min_size=1, max_size=6)


@given(
    st.lists(LABEL, max_size=2),
    st.one_of(st.sampled_from(DOMAINS), st.lists(LABEL, min_size=1, max_size=3).map(".".join)),
    st.lists(LABEL, max_size=1),
)
def test_a_hosts_family_is_the_one_the_walk_finds(before: list[str], domain: str, after: list[str]) -> None:
    # Subdomains of a listed domain, listed domains with more after them, and unlisted hosts.
    host = ".".join([*before, domain, *after])
    assert weak_sources._family(host) == _slow_family(host)


def test_every_listed_domain_and_its_subdomains_find_their_first_family() -> None:
    for domain in DOMAINS:
        for host in (domain, f"news.{domain}", f"x{domain}"):
            assert weak_sources._family(host) == _slow_family(host), host
