"""How pages name their sources: "Sources:" lines with their tooltips, and each page's numbered notes."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from markupsafe import Markup

from generator.content.dates import FuzzyDate
from generator.content.i18n import Language, _, current, ngettext
from generator.content.models import Record, Source
from generator.content.weak_sources import source_weakness
from generator.facts import views
from generator.site.html import as_markup, escape
from generator.site.notes import PageNotes, note_id, notes_heading


def _weak_source(reason: str) -> str:
    return _("Weak source: {reason}.").format(reason=reason)


class Citations:
    """Cites sources on a page, by links relative to it (`href(page, record_id)`)."""

    def __init__(
        self,
        records: Mapping[str, Record],
        names: Mapping[str, str],
        language: str,
        href: Callable[[str, str], str],
        made: Callable[[str, str, str], str] | None = None,
    ) -> None:
        self.records, self.names, self.language, self._href = records, names, language, href
        # An href for a source noted for the page already, with its origin (`made(page, origin, id)`):
        # a line cited with its origin makes its links without the sources noted a second time.
        self._made = made
        self._titles: dict[str, str] = {}
        self._said: dict[tuple[Language, int], str] = {}  # "Sources: {links}", by language and count
        self._commas: dict[Language, str] = {}  # the list's comma, by language (_comma)
        # Links under a source's name, by origin and source (see cite): a source is cited by some
        # eight records, in lines that each cite a set of sources no other line cites.
        self._named: dict[tuple[str, str], str] = {}

    def cite(self, page: str, source_ids: tuple[str, ...], origin: str | None = None) -> Markup:
        """A "Sources:" line linking each source, on `page`. With `origin`, what links from the page
        to all these sources depend on (Links.origin, once they are noted for the page): a link under
        a source's name made for another page of that origin is the same link, and is used again."""
        if not source_ids:
            return Markup("")
        if len(source_ids) == 1:  # most facts cite one source: no publishers to group
            return self._line(self._named_link(page, source_ids[0], origin), 1)
        comma = self._comma()
        names = [self.names[sid] for sid in source_ids]
        if len(set(names)) == len(names):  # each publisher cited once (most lines): nothing to group
            return self._line(comma.join([self._named_link(page, sid, origin) for sid in source_ids]), len(names))
        # A publisher cited twice is named once ("CNN (11 July 2012, 12 July 2012)", not "CNN, CNN"):
        # each of its sources is then linked by its date, or by its number where dates do not tell them apart.
        by_name: dict[str, list[str]] = {}
        for sid, name in zip(source_ids, names, strict=True):
            by_name.setdefault(name, []).append(sid)
        links = []
        for name, ids in by_name.items():
            if len(ids) == 1:
                links.append(self._named_link(page, ids[0], origin))
                continue
            labels = self._labels(ids)
            each = comma.join(
                self._link(page, sid, escape(label), origin, f"{name}: {label}")
                for sid, label in zip(ids, labels, strict=True)
            )
            links.append(f"{escape(name)} ({each})")
        return self._line(comma.join(links), len(source_ids))

    def _comma(self) -> str:
        """The language's list comma, escaped (Arabic writes "، "), looked up once per language."""
        comma = self._commas.get(current())
        if comma is None:
            comma = self._commas[current()] = escape(_(", "))
        return comma

    def _line(self, listed: str, count: int) -> Markup:
        """The "Sources:" line around its links. The catalog's words are escaped; the links were
        built from escaped parts."""
        said = self._said.get((current(), count))
        if said is None:  # the words of a count, looked up once (a build cites some 10,000 times)
            said = self._said[current(), count] = escape(ngettext("Source: {links}", "Sources: {links}", count))
        return as_markup(f'<span class="se-cite">{said.format(links=listed)}</span>')

    def forget_links(self) -> None:
        """Let the links made for the pages go, once they are rendered (as the renderer's own)."""
        self._named.clear()

    def _named_link(self, page: str, source_id: str, origin: str | None) -> str:
        """A link to a source under its name (_link), made once per origin (see cite)."""
        if origin is None:
            return self._link(page, source_id, escape(self.names[source_id]))
        link = self._named.get((origin, source_id))
        if link is None:
            link = self._named[origin, source_id] = self._link(page, source_id, escape(self.names[source_id]), origin)
        return link

    def _link(self, page: str, source_id: str, shown: str, origin: str | None = None, label: str = "") -> str:
        """A link to a source, with its title and date as the tooltip (and a full name for screen readers).
        With `origin`, the source is noted for the page already (see cite)."""
        aria = f' aria-label="{escape(label)}"' if label else ""
        if origin is not None and self._made is not None:
            href = escape(self._made(page, origin, source_id))
        else:
            href = escape(self._href(page, source_id))
        return f'<a href="{href}" title="{self.title(source_id)}"{aria}>{shown}</a>'

    def _labels(self, source_ids: list[str]) -> list[str]:
        """How to tell one publisher's sources apart, as plain text: their dates when all differ, else numbers."""
        dates = []
        for sid in source_ids:
            source = self.records[sid]
            assert isinstance(source, Source)
            dates.append(source.date.display(self.language) if source.date else "")
        if all(dates) and len(set(dates)) == len(dates):
            return dates
        return [str(number) for number in range(1, len(source_ids) + 1)]

    def title(self, source_id: str) -> str:
        """The tooltip of a citation, escaped for an attribute (made once per source)."""
        if source_id not in self._titles:
            source = self.records[source_id]
            assert isinstance(source, Source)
            # The tooltip says what kind of publisher it is: every list of sources shows it.
            kind = views.publisher_type(source)
            title = (
                f"{source.title} ({kind}, {source.date.display(self.language)})"
                if source.date
                else f"{source.title} ({kind})"
            )
            self._titles[source_id] = escape(title)
        return self._titles[source_id]

    def published(self, date: FuzzyDate) -> str:
        """A source's date: when it was published, so never ahead of a page and never "(scheduled)"."""
        return f'<time datetime="{date.start.iso()}">{escape(date.display(self.language))}</time>'

    def notes_list(self, page: str, notes: PageNotes | None) -> str:
        """The page's numbered notes, one per source its prose cites, after everything else."""
        if notes is None or not notes.numbers:
            return ""
        items = []
        for source_id, number in notes.numbers.items():
            source = self.records[source_id]
            assert isinstance(source, Source)
            link = f'<a href="{escape(self._href(page, source_id))}">{escape(source.publisher)}</a>'
            date = f", {self.published(source.date)}" if source.date else ""
            # Each note says what kind of publisher it is, and a weak one says so in words, so that a
            # reader can weigh every claim where it is made, not only on the sources page.
            kind = f' <span class="se-source-type">{escape(views.publisher_type(source))}</span>'
            weak = source_weakness(source)
            reason = _(weak[0]) if weak else ""  # marked for the catalog in content/weak_sources.py
            flag = f' <strong class="se-weak-source">{escape(_weak_source(reason))}</strong>' if weak else ""
            weak_class = ' class="se-weak"' if weak else ""
            items.append(
                f'<li id="{note_id(number)}"{weak_class}>{link}{kind}: '
                f"<cite>{escape(source.title)}</cite>{date}.{flag} {notes.back_links(source_id)}</li>"
            )
        return f'\n\n## {notes_heading()}\n\n<ol class="se-notes">\n' + "\n".join(items) + "\n</ol>\n"
