"""The glossary."""

from __future__ import annotations

from dataclasses import dataclass

from generator.content.load import Content
from generator.content.models import Term
from generator.facts.derive import Facts
from generator.facts.parts import WHOLE, Scope

EXCERPT = 140  # characters of a quote shown on the timeline


@dataclass(frozen=True)
class GlossaryPage:
    terms: tuple[Term, ...]  # alphabetical


def glossary_page(content: Content, facts: Facts, scope: Scope = WHOLE) -> GlossaryPage:
    return GlossaryPage(tuple(sorted(content.glossary, key=lambda t: t.term.lower())))
