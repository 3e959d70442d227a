"""Sources a reader cannot weigh as they look, and the warnings `check` gives where a claim rests on them.

A mirror, a proxy, an aggregator, an AMP copy or a shortened link repeats or hides someone
else's page; a blog, a partisan site or an aggregator is a publisher a reader should know the
kind of. None of them fails the check (an editor may have no better source yet), but every
claim that rests on such sources alone is warned about, wherever it is cited and whatever
note the source carries: the fix is to cite the original beside it, and the warning says
what to look for. A claim that also cites an original is answered, and is not warned about.

`check` also warns about a source whose publisher names one well-known outlet while its
address is another's, and about a dated record whose every source was published before the
record's own date (such a source can only report it as announced or expected).

Extend WEAK_SITES or OUTLETS when a new kind of copy or a new outlet turns up; README.md's
"Sources" section describes them.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass

from pydantic import BaseModel

from generator.content.dates import FuzzyDate
from generator.content.explain import field_path
from generator.content.fields import Prose
from generator.content.i18n import N_
from generator.content.kinds import KINDS
from generator.content.load import Content, Origin
from generator.content.models import SOURCES_FIELD, PublisherType, Source
from generator.content.problems import Problem
from generator.content.safe_yaml import FieldPath


@dataclass(frozen=True)
class WeakSite:
    """A family of sites that copy, wrap or slant other pages: what they are, and what to cite instead."""

    what: str  # "a mirror of Wikipedia"
    instead: str  # "cite the Wikipedia article itself"
    hosts: tuple[str, ...]  # the domains; a subdomain of one matches too
    label: str  # what the sources page calls such a source, in a word or two: "mirror"


WEAK_SITES = (
    WeakSite(
        N_("a mirror of Wikipedia"),
        "cite en.wikipedia.org itself, or better, the sources the article cites",
        ("wikivividly.com", "wikiwand.com", "wikizero.com", "wiki2.org", "wikimili.com", "wikiital.com"),
        "mirror",
    ),
    WeakSite(
        N_("a proxy or translation wrapper around another page"),
        "cite the page it wraps",
        ("movatter.jp", "translate.goog", "webcache.googleusercontent.com", "proxysite.com", "hidemyass.com"),
        "copy through a proxy",
    ),
    WeakSite(
        N_("a free blog platform, where anyone can repost anything"),
        "cite the outlet or the document the post reports",
        ("blogspot.com", "wordpress.com", "tumblr.com", "livejournal.com", "medium.com"),
        "blog",
    ),
    WeakSite(
        N_("a content farm"),
        "cite the original report",
        ("hubpages.com", "ezinearticles.com", "ehow.com", "answers.com"),
        "content farm",
    ),
    WeakSite(
        N_("a news aggregator that republishes other outlets' reports"),
        "cite the outlet or agency it credits",
        (
            "maghress.com",
            "djazairess.com",
            "spacewar.com",
            "spacedaily.com",
            "terradaily.com",
            "newslines.org",
            "bdtv.in",
            "newsnow.co.uk",
            "newsbreak.com",
        ),
        "aggregator",
    ),
    WeakSite(
        N_("an AMP copy of a page, served from a cache"),
        "cite the page itself, at its publisher's address",
        ("ampproject.org", "ampproject.net"),
        "AMP copy",
    ),
    WeakSite(
        N_("a shortened link, which hides where it leads"),
        "cite the full address it leads to",
        ("bit.ly", "t.co", "goo.gl", "tinyurl.com", "ow.ly", "buff.ly", "on.rt.com", "trib.al", "is.gd", "dlvr.it"),
        "shortened link",
    ),
    WeakSite(
        N_("a partisan site, which campaigns for one side"),
        "cite the official record or a news report of the same facts",
        ("voltairenet.org", "globalresearch.ca", "veteranstoday.com", "southfront.org"),
        "partisan outlet",
    ),
)

# Publisher types a reader should not take at face value, whatever the address.
WEAK_TYPES = {
    PublisherType.BLOG: (N_("a blog"), "cite the outlet or the document the post reports"),
    PublisherType.PARTISAN: (N_("a partisan site"), "cite the official record or a news report of the same facts"),
    PublisherType.AGGREGATOR: (N_("an aggregator"), "cite the outlet or agency it credits"),
}

# Any address carrying a whole other address in its query ("?url=https%3A%2F%2F...") is a wrapper.
_WRAPPED = re.compile(r"^(?:https?|ftp)://", re.IGNORECASE)
# An AMP copy at the publisher's own address: an "amp." host, or an /amp/ path segment or ?amp query.
_AMP_PATH = re.compile(r"(?:^|/)amp(?:/|$)|\.amp(?:\.html?)?$", re.IGNORECASE)


def _on(host: str, domains: tuple[str, ...]) -> bool:
    return any(host == domain or host.endswith("." + domain) for domain in domains)


# Each domain's family, by its place in WEAK_SITES: the first family listing a domain is the one
# named, as a walk through the families in order would find it.
_FAMILY_OF: dict[str, int] = {}
for _index, _site in enumerate(WEAK_SITES):
    for _domain in _site.hosts:
        _FAMILY_OF.setdefault(_domain, _index)


def _family(host: str) -> WeakSite | None:
    """The first family listing the host or a domain it is under (news.bit.ly is under bit.ly):
    a lookup per label of the host rather than a comparison per listed domain (a source page
    asks this of every source)."""
    labels = host.split(".")
    found = [_FAMILY_OF[d] for d in (".".join(labels[i:]) for i in range(len(labels))) if d in _FAMILY_OF]
    return WEAK_SITES[min(found)] if found else None


# An address that wraps another in its query is weak as a proxy is; an AMP copy at the
# publisher's own address is weak as one from an AMP cache is.
_WRAPPER = WEAK_SITES[1]
_AMP = next(site for site in WEAK_SITES if "ampproject.org" in site.hosts)


def weak_site(url: str) -> WeakSite | None:
    """The family of copying, wrapping or slanted sites an address belongs to, or None."""
    try:
        parts = urllib.parse.urlsplit(url)
        host = (parts.hostname or "").lower().rstrip(".")
    except ValueError:  # refused by check as an address (urls.py); nothing more to say here
        return None
    family = _family(host)
    if family is not None:
        return family
    for _, value in urllib.parse.parse_qsl(parts.query):
        if _WRAPPED.match(value):
            return _WRAPPER
    if host.startswith("amp.") or _AMP_PATH.search(parts.path) or "amp" in urllib.parse.parse_qs(parts.query, True):
        return _AMP
    return None


def weakness(url: str) -> tuple[str, str] | None:
    """What is weak about an address and what to cite instead, or None if nothing is."""
    site = weak_site(url)
    return (site.what, site.instead) if site else None


def source_weakness(source: Source) -> tuple[str, str] | None:
    """What is weak about a source, by its address first and then by its publisher's type."""
    return weakness(str(source.url)) or WEAK_TYPES.get(source.publisher_type)


# --- publisher and address that disagree -------------------------------------------


@dataclass(frozen=True)
class Outlet:
    """A well-known outlet: the names a publisher is written with, and the domains it publishes on."""

    names: tuple[str, ...]
    domains: tuple[str, ...]


OUTLETS = (
    Outlet(("cnn",), ("cnn.com",)),
    Outlet(("al jazeera",), ("aljazeera.com", "aljazeera.net")),
    Outlet(("al arabiya",), ("alarabiya.net",)),
    Outlet(("bbc",), ("bbc.co.uk", "bbc.com")),
    Outlet(("reuters",), ("reuters.com",)),
    Outlet(("associated press", "ap"), ("apnews.com", "ap.org")),
    Outlet(("agence france-presse", "afp"), ("afp.com",)),
    Outlet(("the guardian",), ("theguardian.com", "guardian.co.uk")),
    Outlet(("the new york times",), ("nytimes.com",)),
    Outlet(("the washington post",), ("washingtonpost.com",)),
    Outlet(("rt",), ("rt.com",)),
    Outlet(("united nations",), ("un.org", "undocs.org")),
)


def _outlet_named(publisher: str) -> Outlet | None:
    """The well-known outlet a publisher's name is, before any "(credited agency)"."""
    name = publisher.split("(")[0].strip().lower()
    return next((outlet for outlet in OUTLETS if name in outlet.names), None)


def mismatch(source: Source) -> str | None:
    """The outlet whose address a source has, when its publisher names another well-known outlet."""
    named = _outlet_named(source.publisher)
    host = (urllib.parse.urlsplit(str(source.url)).hostname or "").lower()
    if named is None or _on(host, named.domains):
        return None
    owner = next((o for o in OUTLETS if _on(host, o.domains)), None)
    return owner.names[0] if owner else None


# --- where claims rest on weak sources alone ---------------------------------------

# A run of citation markers with nothing but spaces or punctuation between them backs one claim.
_MARKER_RUN = re.compile(r"(?:\[\^([a-z0-9]+(?:-[a-z0-9]+)*)\][\s,;:.]*)+")
_ONE_MARKER = re.compile(r"\[\^([a-z0-9]+(?:-[a-z0-9]+)*)\]")


def claims(model: object, path: FieldPath = ()) -> Iterator[tuple[FieldPath, tuple[str, ...]]]:
    """Yield (path, source ids) for every claim in a record: each `sources` list, and each run of markers."""
    if isinstance(model, Prose):
        for run in _MARKER_RUN.finditer(model):
            yield path, tuple(_ONE_MARKER.findall(run.group()))
    elif isinstance(model, BaseModel):
        for name in type(model).model_fields:
            value = getattr(model, name)
            if name == SOURCES_FIELD and isinstance(value, tuple) and value:
                yield path + (name,), tuple(str(v) for v in value)
            else:
                yield from claims(value, path + (name,))
    elif isinstance(model, tuple):
        for index, item in enumerate(model):
            yield from claims(item, path + (index,))


def _claims_of(content: Content) -> Iterator[tuple[Origin, str, FieldPath, tuple[str, ...]]]:
    if content.story_loaded:
        for path, ids in claims(content.story):
            yield Origin(content.story_file, ()), "", path, ids
    for record in content.all():
        for path, ids in claims(record):
            yield content.origins[record.id], record.id, path, ids


def _warning(content: Content, origin: Origin, label: str, path: FieldPath, message: str) -> Problem:
    line, column = content.locate(origin, path)
    where = field_path([label, *path] if label else list(path))
    return Problem(origin.file, line, column, where, f"warning: {message}")


def weak_only(content: Content) -> Iterator[Problem]:
    """A warning for each claim whose every source is weak: it needs an original beside it."""
    sources = {source.id: source for source in content.sources}
    for origin, label, path, ids in _claims_of(content):
        cited = [sources[i] for i in ids if i in sources]
        weak = [(s, source_weakness(s)) for s in cited]
        if not cited or any(w is None for _, w in weak):
            continue
        source, found = weak[0]
        assert found is not None
        what, instead = found
        alone = "rests only on" if len(cited) == 1 else "rests only on weak sources, such as"
        message = f"this claim {alone} '{source.id}', {what} ({instead}, beside it or instead)"
        yield _warning(content, origin, label, path, message)


def mismatched(content: Content) -> Iterator[Problem]:
    """A warning for each source whose publisher names one outlet while its address is another's."""
    for source in content.sources:
        owner = mismatch(source)
        if owner is not None:
            message = (
                f"the publisher is '{source.publisher}' but the address is {owner}'s "
                "(name the outlet whose page it is, or fix the address)"
            )
            yield _warning(content, content.origins[source.id], source.id, ("url",), message)


def published_before(content: Content) -> Iterator[Problem]:
    """A warning for each dated record whose every dated source was published before the record's date."""
    sources = {source.id: source for source in content.sources}
    for kind in KINDS:
        if not kind.in_story_time or kind.dated_by is None:
            continue
        for record in getattr(content, kind.name):
            when = getattr(record, kind.dated_by, None)
            if not isinstance(when, FuzzyDate) or when.scheduled:
                continue
            cited = [sources[i] for i in getattr(record, SOURCES_FIELD, ()) if i in sources]
            dated = [s.date for s in cited if s.date is not None]
            if not dated or len(dated) < len(cited) or any(d.latest >= when.earliest for d in dated):
                continue
            message = (
                f"every source was published before {when.iso()}, so none can report it as done "
                "(write the date as {scheduled: ...} if it was announced in advance, or cite a later report)"
            )
            yield _warning(content, content.origins[record.id], record.id, (kind.dated_by,), message)


def warnings(content: Content) -> list[Problem]:
    """Every located warning about sources, in file order."""
    return sorted([*weak_only(content), *mismatched(content), *published_before(content)])
