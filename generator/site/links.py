"""The links a page makes to other pages and files, and the targets it links to.

Pages link in one of two forms. From the page's Markdown source (`../sources.md#cnn`), as a
Markdown link is written: any builder turns these into URLs, Zensical in raw HTML too, and the
`pages` command writes them for every builder. Or as the URL a browser follows from the page's
own address (`../../sources/#cnn`), as MkDocs lays the site out: MkDocs turns Markdown links into
URLs but leaves raw HTML as it is, so the MkDocs adapter asks for these, and no page needs a
second pass over its text (a regular expression over every page's HTML cost a tenth of our
build at 1,000 actors).

Either way, each page remembers the files it links to, so that a builder can report a link to a
file that is not in the site (`mkdocs build --strict` fails on it).
"""

from __future__ import annotations

import posixpath
from urllib.parse import quote

from generator.facts.addresses import Address, page_url, source_link


class Links:
    """Makes every link of the pages of one site, and notes each page's targets."""

    def __init__(self, as_urls: bool = False, directory_urls: bool = True) -> None:
        self.as_urls, self.directory_urls = as_urls, directory_urls
        # Worked out once per page and per target rather than once per link (tens of thousands).
        self._folders: dict[str, list[str]] = {}  # the folders a page's URL sits in
        self._source_folders: dict[str, str] = {}  # the folder a page's source sits in, as an origin key
        # A page's folder and its two possible origin keys as URLs (see origin), joined once per
        # page: a renderer asks for an origin at every link it has made before, some 50,000 times a build.
        self._origin_keys: dict[str, tuple[str, str, str]] = {}
        # The folders a target's URL sits under, joined, with the site's root (""): a page's folder is
        # among them when the target lies inside it, one set lookup (origin) rather than lists compared.
        self._ancestors: dict[str, frozenset[str]] = {}
        self._urls: dict[str, list[str]] = {}  # a target's URL, split at its slashes
        # Relative URLs by origin key and target: the pages of one key get the same one (see origin),
        # and a thousand actor pages share a key, where the URL took a walk down both paths each time.
        self._hrefs: dict[tuple[str, str], str] = {}
        self._targets: dict[str, dict[str, str | None]] = {}  # by page: each target, with its first anchor

    def link(self, page: str, target: str, anchor: str | None = None) -> str:
        """A link from `page` (a source path) to the page or file `target`, or to an anchor on it."""
        return self.made(page, self.saw(page, target, anchor), target, anchor)

    def made(self, page: str, origin: str, target: str, anchor: str | None = None) -> str:
        """link(), for a target saw() has noted for the page and the origin it gave: a renderer that
        looked for a link it made before by that origin, and found none, makes it without the target
        noted and its origin worked out a second time (a third of the links a build makes)."""
        if not self.as_urls:
            return source_link(page, target, anchor)
        if target == page and anchor:
            return f"#{anchor}"
        key = (origin, target)
        href = self._hrefs.get(key)
        if href is None:
            href = self._hrefs[key] = self._relative_url(page, target)
        return f"{href}#{anchor}" if anchor else href

    def saw(self, page: str, target: str, anchor: str | None = None) -> str:
        """Note that `page` links to `target`, with a link made earlier for another page: returns
        that link's origin (see origin), which a renderer keys the links it made on."""
        # _note and origin written out: a build sees some 25 links a page, and the two calls cost
        # as much as what they do.
        noted = self._targets.get(page)
        if noted is None:
            noted = self._targets[page] = {}
        noted.setdefault(target, anchor)
        if target == page:
            return page
        if not self.as_urls:
            return self._source_folder(page)
        folder, inside, climbing = self._origin_keys.get(page) or self._keys_of(page)
        return inside if folder in (self._ancestors.get(target) or self._ancestors_of(target)) else climbing

    def saw_all(self, page: str, targets: tuple[Address, ...]) -> str:
        """Note that `page` links to each of `targets`, with links made earlier for another page:
        returns the origin they share (see origin), or the page itself where they share none. (One
        call for a line's several links, which a renderer keys on where they are seen from.)"""
        noted = self._targets.get(page)
        if noted is None:
            noted = self._targets[page] = {}
        for target in targets:
            noted.setdefault(target.page, target.anchor)
        if not self.as_urls:  # from a page's source, all but a link to the page itself: its folder's
            return page if any(target.page == page for target in targets) else self._source_folder(page)
        if not targets:  # no links: no origin they share
            return page
        # As origin() of each, written out (a line links to three records on average): the targets
        # share the page's inside key when its folder holds them all, its climbing key when it holds
        # none, and the page itself is the origin when one of them is the page.
        folder, inside, climbing = self._origin_keys.get(page) or self._keys_of(page)
        ancestors, holds = self._ancestors, None
        for target in targets:
            if target.page == page:
                return page
            held = folder in (ancestors.get(target.page) or self._ancestors_of(target.page))
            if holds is None:
                holds = held
            elif held is not holds:
                return page
        return inside if holds else climbing

    def origin(self, page: str, target: str) -> str:
        """What a link from `page` to `target` depends on, as a key: pages with the same key get
        the same link, so a renderer may make it once for them all (a thousand actor pages link to
        the same records). The page itself when the target is on it (the link is "#anchor");
        else, from the page's source, its folder; as a URL, the folder above the page's own (with
        directory URLs each page is a folder: actors/a/ and actors/b/ both link to ../c/), or the
        page's own folder when the target lies inside it. A folder's key ends in "/", which no
        page's path does.

        The rule written once, plainly: saw and saw_all work it out inline, on the way, and the tests
        hold them to this."""
        if target == page:
            return page
        if not self.as_urls:
            return self._source_folder(page)
        folder, inside, climbing = self._origin_keys.get(page) or self._keys_of(page)
        return inside if folder in (self._ancestors.get(target) or self._ancestors_of(target)) else climbing

    def _keys_of(self, page: str) -> tuple[str, str, str]:
        """A page's folder, joined, and its origin keys as URLs (see origin), worked out once per page."""
        here = self._here(page)
        # Under the page's folder the whole folder counts; otherwise the link climbs out of it, and
        # only the folders above it count (the number of them too, which the path above gives).
        keys = self._origin_keys[page] = ("/".join(here), "/".join(here) + "//", "/".join(here[:-1]) + "/")
        return keys

    def _ancestors_of(self, target: str) -> frozenset[str]:
        """The folders a target's URL sits under (its first parts, joined, from none to all): a page's
        folder is one of them exactly when the target lies inside that folder. (Parts hold no slash,
        so two lists of parts join to the same text only when they are the same list.)"""
        there = self._there(target)
        ancestors = self._ancestors[target] = frozenset("/".join(there[:count]) for count in range(len(there) + 1))
        return ancestors

    def _source_folder(self, page: str) -> str:
        """The folder of a page's source, as an origin key (worked out once per page)."""
        folder = self._source_folders.get(page)
        if folder is None:
            folder = self._source_folders[page] = posixpath.dirname(page) + "/"
        return folder

    def targets(self, page: str) -> dict[str, str | None]:
        """The pages and files `page` linked to since it was last asked, each with the first anchor used;
        forgotten here (a page is rendered again from scratch)."""
        return self._targets.pop(page, {})

    def _relative_url(self, page: str, target: str) -> str:
        """The target's URL relative to the page's, as MkDocs gives it (File.url_relative_to)."""
        here, there = self._here(page), self._there(target)
        common = 0
        while common < min(len(here), len(there) - 1) and here[common] == there[common]:
            common += 1
        return "../" * (len(here) - common) + "/".join(there[common:]) or "./"

    def _here(self, page: str) -> list[str]:
        """The folders a page's URL sits in."""
        here = self._folders.get(page)
        if here is None:
            here = self._folders[page] = page_url(page, self.directory_urls).split("/")[:-1]
        return here

    def _there(self, target: str) -> list[str]:
        """A target's URL, split at its slashes."""
        there = self._urls.get(target)
        if there is None:
            there = self._urls[target] = self._url(target).removeprefix("./").split("/")
        return there

    def _url(self, target: str) -> str:
        """A page's or file's URL from the site's root, as MkDocs makes it (File.url): with directory
        URLs a file named index.html is its folder's address (an embed page), and every URL is
        quoted (record ids are plain slugs; a hand-written page's name may not be)."""
        url = page_url(target, self.directory_urls)
        folder, name = posixpath.split(url)
        if self.directory_urls and name == "index.html":
            url = f"{folder or '.'}/"
        return quote(url)
