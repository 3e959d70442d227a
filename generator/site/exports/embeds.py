"""Charts other sites can embed: a small standalone page per vote and per key figure, and the code to copy.

Each page (embed/votes/ID/, embed/figures/METRIC/) holds the same inline SVG the site draws,
its text alternative and data table, the sources and a link back, with its styles inline and
no script: nothing is requested from any other host, and from ours only a tiny icon and the
charts' font (fonts.py), which the chart's layout was measured with. The
template (generator/site/templates/embed.html) prints a typed view with autoescape on.
"""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import Template
from markupsafe import Markup

from generator.content.i18n import _, direction, ngettext
from generator.content.models import Document
from generator.facts import sentences
from generator.facts.addresses import figure_embed, relative, vote_embed
from generator.facts.marks import seat_order
from generator.facts.metrics import MetricGroup
from generator.facts.views import Embed
from generator.site import chart_words, charts, fonts
from generator.site.environment import environment
from generator.site.exports.context import Export
from generator.site.html import escape
from generator.site.svg import NARROW

TEMPLATE = "embed.html"
# The embed pages' icon, beside them: without one, a browser opening an embed page on its own
# asks the host for /favicon.ico, which a project site does not have.
ICON = "embed/icon.svg"
ICON_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="8" cy="8" r="7" fill="#455a64"/></svg>\n'
)
VOTE_HEIGHT = 540  # the iframe's height in CSS pixels: the chart, its caption and the sources at 600 wide


@dataclass(frozen=True)
class SourceLink:
    publisher: str  # the link's text, short enough for a small frame
    title: str  # the link's tooltip
    url: str


@dataclass(frozen=True)
class Publisher:
    """One publisher's sources: named once, its sources numbered when there are several ("CNN (1, 2)")."""

    name: str
    links: tuple[SourceLink, ...]


@dataclass(frozen=True)
class EmbedPage:
    """What an embed page prints."""

    language: str
    direction: str  # ltr or rtl
    title: str
    chart: Markup  # the SVG, escaped where charts.py made it
    summary: str  # the chart in one or two sentences: its text alternative
    table_caption: str
    headings: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    sources_label: str  # "Source:" or "Sources:"
    sources: tuple[Publisher, ...]  # each publisher once
    back: str  # the page on the site the chart comes from
    back_label: str
    icon: str  # the icon's address, relative to the page
    fonts: str  # the charts' font's stylesheet (fonts.py), relative to the page


def _sources(export: Export, source_ids: list[str]) -> tuple[Publisher, ...]:
    grouped: dict[str, list[SourceLink]] = {}
    for source in map(export.sources.__getitem__, dict.fromkeys(source_ids)):
        grouped.setdefault(source.publisher, []).append(SourceLink(source.publisher, source.title, source.url))
    return tuple(Publisher(name, tuple(links)) for name, links in grouped.items())


def _template(export: Export) -> Template:
    """The embed pages' template, from the pages' own environment (site/environment.py): asked once per
    build, as each asking checks every compiled template against its file (a stat() each)."""
    return environment(export.templates).get_template(TEMPLATE)


def _render(template: Template, page: EmbedPage) -> bytes:
    return template.render(page=page).encode("utf-8")


def _label(sources: tuple[Publisher, ...]) -> str:
    return ngettext("Source:", "Sources:", sum(len(p.links) for p in sources))


def vote_page(export: Export, document: Document, template: Template) -> bytes:
    """The vote chart of a document counted member by member."""
    view = export.facts.votes[document.id]
    count, outcome = view.count, view.verdict.label
    assert count is not None and document.vote is not None
    name, language = export.names.__getitem__, export.content.story.language
    codes = export.facts.marks.codes
    path = vote_embed(document.id)
    # In the chart's order, each member with the code on its seat.
    rows = tuple(
        (
            f"{name(s.member)} ({codes[s.member]})" if s.member in codes else name(s.member),
            _("permanent") if s.permanent else _("elected"),
            chart_words.choice_word(s.choice)
            + (" " + _("(veto)") if s.member in count.vetoes else "")
            + (" " + _("(inferred, not reported)") if s.inferred else ""),
        )
        for s in seat_order(count)
    )
    sources = _sources(export, list(document.sources))
    return _render(
        template,
        EmbedPage(
            language=language,
            direction=direction(language),
            title=_("Vote on {document}, {date}").format(
                document=document.title, date=document.vote.date.display(language)
            ),
            chart=charts.vote_chart(f"vote-{document.id}", count, name, codes, outcome),
            summary=charts.vote_summary(count, name, outcome),
            table_caption=_("Each member's vote, in the chart's order"),
            headings=(_("Member"), _("Seat"), _("Vote")),
            rows=rows,
            sources_label=_label(sources),
            sources=sources,
            back=export.link(path, export.addresses[document.id].page, "vote"),
            back_label=_("The vote in the explainer: {headline}").format(
                headline=export.content.story.current_headline
            ),
            icon=relative(path, ICON),
            fonts=relative(path, fonts.STYLESHEET),
        ),
    )


def figure_page(export: Export, group: MetricGroup, template: Template) -> bytes:
    """The chart of a key figure's competing claims."""
    name, language = export.names.__getitem__, export.content.story.language
    path = figure_embed(group.metric_id)
    latest = _("; ").join(
        _("{number} ({claimant}, {date})").format(
            number=v.number, claimant=name(v.figure.claimed_by), date=sentences.render(v.date, name, language)
        )
        for v in group.latest_by_claimant
    )
    rows = tuple(
        (
            sentences.render(v.date, name, language),
            name(v.figure.claimed_by),
            v.number,
            name(v.figure.reported_by) if v.figure.reported_by else "",
        )
        for v in group.charted
    )
    sources = _sources(export, [s for v in group.charted for s in v.figure.sources])
    return _render(
        template,
        EmbedPage(
            language=language,
            direction=direction(language),
            title=group.label,
            chart=charts.figures_chart(
                f"figures-{group.metric_id}",
                group.label,
                group.unit,
                group.drawn,
                name,
                export.facts.marks.series,
                frames=(NARROW,),
                note=group.thinned,
            ),
            summary=_("Latest claim by each source: {claims}. Claims are shown side by side, never merged.").format(
                claims=latest
            ),
            table_caption=_("Every claim"),
            headings=(_("Date"), _("Claimed by"), _("Number"), _("Reported by")),
            rows=rows,
            sources_label=_label(sources),
            sources=sources,
            back=export.record_link(path, group.claims[0].figure.id),
            back_label=_("All figures in the explainer: {headline}").format(
                headline=export.content.story.current_headline
            ),
            icon=relative(path, ICON),
            fonts=relative(path, fonts.STYLESHEET),
        ),
    )


def charted(group: MetricGroup) -> bool:
    """Whether a metric has a chart: it takes two claims or more (see charts.figures_chart)."""
    return len(group.charted) > 1


def vote_code(export: Export, document: Document) -> Embed:
    """The <iframe> other sites copy to show a document's vote chart: absolute when the site's address is known."""
    path = vote_embed(document.id)
    page = export.addresses[document.id].page
    src = export.absolute(path.removesuffix("index.html")) or relative(page, path, None, export.directory_urls)
    title = escape(_("Vote on {document}").format(document=document.title))
    return Embed(
        path,
        f'<iframe src="{escape(src)}" title="{title}" width="100%" height="{VOTE_HEIGHT}" '
        'style="border:0" loading="lazy"></iframe>',
    )


def files(export: Export) -> dict[str, bytes]:
    """An embed page per vote counted member by member, and per key figure with a chart."""
    figures = [group for group in export.facts.key_metrics if charted(group)]
    if not export.facts.counted and not figures:
        return {}  # no embed page, and no template loaded for one
    template = _template(export)
    found = {vote_embed(d.id): vote_page(export, d, template) for d in export.facts.counted}
    found |= {figure_embed(g.metric_id): figure_page(export, g, template) for g in figures}
    found[ICON] = ICON_SVG.encode("utf-8")
    return found
