"""The charts a page template can print (`charts.vote(...)`), drawn from the facts by charts.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from markupsafe import Markup

from generator.content.models import Document
from generator.facts.derive import DefectionRow, Facts, MissionView
from generator.facts.metrics import MetricGroup
from generator.site import charts


class Charts:
    """The charts a template can print, drawn from the facts (see charts.py)."""

    def __init__(self, facts: Facts, name: Callable[[str], str], name_on: Callable[[str, dt.date], str]) -> None:
        self.facts, self.name, self.marks = facts, name, facts.marks
        self.name_on = name_on  # a record's name on a day: members are named in a vote's chart as on its day

    def vote(self, document_id: str) -> Markup:
        view = self.facts.votes[document_id]
        count = view.count
        if count is None or not view.seat_by_seat:
            return Markup("")
        # The page prints one legend for all its vote charts, above the first (vote_key).
        assert view.document.vote is not None  # a count is made from a vote
        day = view.document.vote.date.latest
        return charts.vote_chart(
            f"vote-{document_id}",
            count,
            lambda record_id: self.name_on(record_id, day),
            self.marks.codes,
            view.verdict.label,
            keyed=False,
        )

    def vote_key(self, documents: Sequence[Document]) -> Markup:
        """The legend to the vote charts of these documents (those drawn seat by seat)."""
        views = [self.facts.votes[d.id] for d in documents]
        return charts.vote_key([v.count for v in views if v.count is not None and v.seat_by_seat])

    def defections(self, rows: Sequence[DefectionRow] | None = None, note: str = "") -> Markup:
        """The defections over time: these rows (a page's sample, facts/thinning.py), or every one."""
        return charts.defections_chart(self.facts.defections if rows is None else rows, self.name, note)

    def months(self) -> Markup:
        return charts.months_chart(self.facts.defection_months)

    def figures(self, group: MetricGroup) -> Markup:
        return charts.figures_chart(
            f"figures-{group.metric_id}",
            group.label,
            group.unit,
            group.drawn,
            self.name,
            self.marks.series,
            note=group.thinned,
        )

    def mandate(self, view: MissionView) -> Markup:
        return charts.mandate_chart(view, self.name, self.marks.labels, self.marks.vetoes[view.mission.id])

    def relations(self) -> Markup:
        return charts.relations_chart(self.facts.sides, self.facts.charted, self.name)

    def relations_key(self) -> Markup:
        return charts.relations_key(self.facts.charted)
