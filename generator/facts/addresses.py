"""Stable addresses: every record has a page or an anchor that other records cannot move."""

from __future__ import annotations

import functools
import posixpath
from dataclasses import dataclass
from typing import Any

from generator.content.kinds import Kind
from generator.content.load import Content


@dataclass(frozen=True)
class Address:
    page: str  # source path of the Markdown page, e.g. actors/jane-doe.md
    anchor: str | None = None


def address(kind: Kind[Any], record_id: str) -> Address:
    """Where a record of `kind` lives: its own page, or an anchor on its kind's page."""
    page, anchor = kind.address(record_id)
    return Address(page, anchor)


@functools.cache
def page_url(page: str, directory_urls: bool = True) -> str:
    """The URL of a page's source path, as MkDocs writes it (without a leading slash)."""
    stem = page.removesuffix(".md")
    if not directory_urls:
        return f"{stem}.html"
    parent, name = posixpath.split(stem)
    if name == "index":
        return f"{parent}/" if parent else ""
    return f"{stem}/"


@functools.cache
def _folders(url: str, directory_urls: bool) -> tuple[str, ...]:
    """The folders a page's URL sits in, as the browser resolves relative links from it."""
    folder = url.rstrip("/") if directory_urls else posixpath.dirname(url)
    return tuple(part for part in folder.split("/") if part)


@functools.cache
def _between(from_page: str, to_page: str, directory_urls: bool) -> str:
    source, target = page_url(from_page, directory_urls), page_url(to_page, directory_urls)
    if target == source:
        return ""
    here, there = _folders(source, directory_urls), tuple(p for p in target.split("/") if p)
    common = 0
    while common < min(len(here), len(there)) and here[common] == there[common]:
        common += 1
    parts = [".."] * (len(here) - common) + list(there[common:])
    href = "/".join(parts)
    if directory_urls:
        return f"{href}/" if href else "./"
    return href


def relative(from_page: str, to_page: str, anchor: str | None = None, directory_urls: bool = True) -> str:
    """A link from one page to another (or to an anchor on it), relative like MkDocs' own."""
    href = _between(from_page, to_page, directory_urls)
    if anchor:
        return f"{href}#{anchor}"
    return href or "./"


class Addresses:
    """Looks up the address of any record id in the content."""

    def __init__(self, content: Content) -> None:
        self.by_id = {record_id: address(kind, record_id) for record_id, kind in content.kinds.items()}

    def __getitem__(self, record_id: str) -> Address:
        return self.by_id[record_id]
