"""Atom 1.0 feeds (RFC 4287) of the story's updates and of its corrections, newest first.

Written with xml.etree, which escapes every text and attribute; characters XML 1.0 cannot
hold at all are dropped first. Ids are urn:uuid values made from the story's first
publication and each entry's time, so they stay the same when the site moves to another
address; links are absolute when the site's address is known, else relative to the feed.
"""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from generator.content.dates import Timestamp
from generator.content.i18n import _
from generator.content.pages import edition_path
from generator.facts.addresses import CORRECTIONS_FEED, UPDATES_FEED
from generator.facts.views import excerpt
from generator.site.exports.context import Export

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TITLE_LENGTH = 100
# Characters outside XML 1.0's Char production: no escape can carry them.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """Text XML 1.0 can hold: characters it forbids (most control characters) removed."""
    return _NOT_XML.sub("", text)


@dataclass(frozen=True)
class Entry:
    """One entry of a feed, in plain words."""

    at: Timestamp
    title: str
    text: str
    link: str  # the page the entry is about


def _element(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: xml_text(v) for k, v in attributes.items()})
    if text is not None:
        element.text = xml_text(text)
    return element


def _id(export: Export, *parts: str) -> str:
    """A stable urn:uuid from the story's first publication and place, and the given parts."""
    story = export.content.story
    name = "/".join(("story-explainer", story.published.iso(), story.dateline.place, *parts))
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}"


def feed(export: Export, path: str, title: str, entries: list[Entry]) -> bytes:
    """An Atom feed with its entries, newest first (entries at the same moment keep their order)."""
    story = export.content.story
    ordered = sorted(entries, key=lambda e: e.at, reverse=True)
    # Tags without a namespace and the default one declared once: etree cannot write unprefixed
    # attributes (href, rel) beside a default namespace otherwise.
    root = ET.Element("feed", {"xmlns": ATOM, XML_LANG: story.language})
    _element(root, "id", _id(export, path))
    _element(root, "title", _("{headline}: {feed}").format(headline=story.current_headline, feed=title))
    _element(root, "subtitle", export.words(story.current_summary))
    updated = max([e.at for e in entries], default=story.published)
    _element(root, "updated", updated.iso())
    for name in story.byline:
        _element(_element(root, "author"), "name", name)
    home = export.link(path, "index.md")
    _element(root, "link", rel="alternate", type="text/html", href=home)
    if export.site_url:
        _element(root, "link", rel="self", type="application/atom+xml", href=export.absolute(path) or path)
    _element(root, "generator", "Story Explainer")
    seen: dict[str, int] = {}
    for entry in ordered:
        moment = entry.at.iso()
        seen[moment] = seen.get(moment, 0) + 1
        item = _element(root, "entry")
        _element(item, "id", _id(export, path, moment, str(seen[moment])))
        _element(item, "title", entry.title)
        _element(item, "updated", moment)
        _element(item, "link", rel="alternate", type="text/html", href=entry.link)
        _element(item, "content", entry.text, type="text")
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="utf-8"?>\n{body}\n'.encode()


def updates(export: Export) -> bytes:
    # Each entry links to its edition: the story as it stood after that update.
    story = export.content.story
    entries = [
        Entry(
            u.at,
            excerpt(export.words(u.text), TITLE_LENGTH),
            export.words(u.text),
            export.link(UPDATES_FEED, edition_path(u.at)),
        )
        for u in story.updates
    ]
    return feed(export, UPDATES_FEED, _("updates"), entries)


def corrections(export: Export) -> bytes:
    """An entry per correction: what was wrong and what it now says, and the record it corrected."""
    story = export.content.story
    entries = []
    for c in story.corrections:
        text = export.words(c.text)
        if c.record:
            name = export.names[c.record]
            text += " " + _("(Corrected: {record}.)").format(record=name)
            title, link = _("Correction: {record}").format(record=name), export.record_link(CORRECTIONS_FEED, c.record)
        else:
            title = _("Correction of {moment}").format(moment=c.at.display(story.language))
            link = export.link(CORRECTIONS_FEED, "index.md")
        entries.append(Entry(c.at, title, text, link))
    return feed(export, CORRECTIONS_FEED, _("corrections"), entries)


def files(export: Export) -> dict[str, bytes]:
    """The feeds of updates and of corrections."""
    return {UPDATES_FEED: updates(export), CORRECTIONS_FEED: corrections(export)}
