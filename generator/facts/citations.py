"""The rule that every claim rests on a source, as located problems for `check` and the build.

A record's claims rest on its `sources`; the story's own prose (summary, highlights,
captions, an update's new summary) belongs to no record, so each of its sentences needs a
marker. The story's `missing_citations` setting says whether such a sentence without one is
an error (the default) or a warning. A record whose kind makes sources optional (a glossary
term) and cites none is warned about: its text may be common knowledge.
"""

from __future__ import annotations

from generator.content.explain import field_path
from generator.content.load import Content, Origin
from generator.content.models import Strictness
from generator.content.problems import Problem, quoted
from generator.facts.claims import unsourced

HINT = (
    "cites no source; write the id of the source it comes from as a marker right after it, "
    "[^source-id] (or set missing_citations: warning in story.yml while the story is a draft)"
)

RECORD_HINT = "cites no source; give the record `sources: [source-id]`, or a marker [^source-id] after the sentence"


def problems(content: Content) -> tuple[list[Problem], list[Problem]]:
    """The sentences that cite no source, as (errors, warnings): the story's own prose is an error
    unless the story says warning; a record's, always a warning."""
    own: list[Problem] = []
    in_records: list[Problem] = []
    for claim in unsourced(content):
        origin = content.origins[claim.record] if claim.record else Origin(content.story_file, ())
        line, column = content.locate(origin, claim.path)
        where = field_path([claim.record, *claim.path] if claim.record else list(claim.path))
        hint = RECORD_HINT if claim.record else HINT
        (in_records if claim.record else own).append(
            Problem(origin.file, line, column, where, f"{quoted(claim.text)} {hint}")
        )
    if content.story.missing_citations is Strictness.WARNING:
        return [], [_warning(p) for p in own + in_records]
    return own, [_warning(p) for p in in_records]


def _warning(problem: Problem) -> Problem:
    return Problem(problem.file, problem.line, problem.column, problem.field, f"warning: {problem.message}")
