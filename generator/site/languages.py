"""The languages a story is published in, and one site holding them all (issue 25).

The pipeline renders one Site per language (pipeline.build_sites); here they are put side by
side: the story's own language at the site's root, each translation under `<tag>/`. Any
builder can publish the result (the `pages` command writes it to a folder); the MkDocs
adapter adds what only MkDocs and Material make (generator/adapters/languages.py).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from babel import Locale, UnknownLocaleError

from generator.site.render import Site


def own_name(tag: str) -> str:
    """A language's name in that language, as a reader looks for it in a selector: العربية, français."""
    try:
        locale = Locale.parse(tag, sep="-")
        return str(locale.get_display_name(locale) or tag)
    except (ValueError, UnknownLocaleError):
        return tag


@dataclass(frozen=True)
class Languages:
    """The site's languages: the story's own at the root, each translation under `<tag>/`."""

    default: str
    others: tuple[str, ...]
    sites: dict[str, Site]

    @classmethod
    def of(cls, sites: dict[str, Site]) -> Languages:
        tags = tuple(sites)
        return cls(tags[0], tags[1:], sites)

    @property
    def tags(self) -> tuple[str, ...]:
        return (self.default, *self.others)

    def prefix(self, tag: str) -> str:
        """Where a language's pages are, from the site's root: '' or 'ar/'."""
        return "" if tag == self.default else f"{tag}/"

    def of_path(self, src_uri: str) -> str:
        """The language of a page or file, by the folder it is in."""
        first = src_uri.split("/", 1)[0]
        return first if first in self.others and "/" in src_uri else self.default

    def key(self, src_uri: str) -> str:
        """A page's path in its own language's site: the same for every language version of it."""
        return src_uri.removeprefix(self.prefix(self.of_path(src_uri)))

    def merged(self) -> Site:
        """One site holding every language's pages and files, the translations' under their tag."""
        site = self.sites[self.default]
        pages, files = dict(site.pages), dict(site.files)
        for tag in self.others:
            other, prefix = self.sites[tag], self.prefix(tag)
            for path, page in other.pages.items():
                pages[prefix + path] = dataclasses.replace(page, path=prefix + path)
            files.update({prefix + path: data for path, data in other.files.items()})
        return dataclasses.replace(site, pages=pages, files=files)
