"""The whole story as JSON (data/story.json) and its JSON Schema (2020-12), both made from the models.

Records are written as editors write them (dates like 2012-07, or {earliest, latest, text}),
so story.json reads like the content files; beside them are the facts a reader relies on,
worked out from the records: each vote's outcome, the highest-ranking defections, where
sources differ.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, create_model

from generator.content.dates import FuzzyDate, Timestamp
from generator.content.kinds import KINDS
from generator.content.models import DocumentStatus, Story
from generator.content.voting import Outcome
from generator.facts.addresses import STORY_JSON, STORY_SCHEMA
from generator.facts.derive import Standing
from generator.facts.outcomes import Basis
from generator.facts.views import last_updated
from generator.site.exports.context import Export, json_bytes, model_json

DIALECT = "https://json-schema.org/draft/2020-12/schema"
# story.schema.json for the registry of kinds the package declares, as `python -m generator schema`
# writes it (the wheel holds it with the content files' schemas; tests/test_export_shortcuts.py
# checks it against a fresh one). Pydantic takes a tenth of a second to make it in every build.
SHIPPED_SCHEMA = Path(__file__).resolve().parents[2] / "schema" / "story-data.json"
# The registry as the package declares it: a test that extends it (test_new_kind.py) gets a schema
# made from its own model instead.
DECLARED_KINDS = KINDS


class Data(BaseModel):
    """Base of the published facts: immutable, and nothing beyond the declared fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class VoteFact(Data):
    """A vote and its outcome."""

    document: str = Field(description="Id of the document voted on.")
    symbol: str | None = Field(description="The document's symbol, if it has one.")
    body: str = Field(description="Id of the body that voted.")
    date: FuzzyDate = Field(description="Day of the vote.")
    counted: bool = Field(
        description="True when each member's vote is known and counted seat by seat; "
        "false when only a tally was reported."
    )
    yes: int = Field(description="Votes in favour.")
    no: int = Field(description="Votes against.")
    abstain: int = Field(description="Abstentions.")
    absent: int | None = Field(description="Members absent (counted votes only).")
    unknown: int | None = Field(description="Members whose vote is not recorded (counted votes only).")
    vetoes: tuple[str, ...] = Field(description="Ids of the permanent members whose no vote blocked adoption.")
    outcome: Outcome | None = Field(
        description="The outcome by the body's adoption rule; null when it "
        "cannot be told (a tally only, or too many votes unknown)."
    )
    status: DocumentStatus = Field(description="What the editor recorded; checked against the outcome.")
    outcome_basis: Basis = Field(
        description="What the outcome every page states rests on: counted (the votes known settle it by the "
        "rule), reported (the sources report it; the votes known do not settle it) or recorded (no vote counted)."
    )


class RankFact(Data):
    """Where a defection stands against every earlier one on a seniority ladder."""

    defection: str = Field(description="Id of the defection.")
    track: str = Field(description="Id of the seniority ladder.")
    grade: str = Field(description="Id of the grade on that ladder.")
    level: int = Field(description="Position of the grade on the ladder, 0 for the lowest.")
    standing: Standing = Field(
        description="record: higher than every earlier defector on the ladder (there being one); equals: as high as "
        "the highest before; below; first: no earlier defector on the ladder to compare with."
    )
    highest: bool = Field(
        description="Whether the defection was the highest-ranking on the ladder so far: a record, or the first "
        "on the ladder, unless a defection whose dates overlap it ranks higher."
    )


class LeaderFact(Data):
    """The highest-ranking defection so far on one ladder: the latest to set a new record."""

    track: str = Field(description="Id of the seniority ladder.")
    defection: str = Field(description="Id of the defection.")
    grade: str = Field(description="Id of its grade.")
    date: FuzzyDate = Field(description="When it happened.")


class ClaimFact(Data):
    """One claim in a disagreement."""

    figure: str = Field(description="Id of the figure.")
    claimed_by: str = Field(description="Id of who claims the number.")
    number: str = Field(description="The number as it was claimed, e.g. 'more than 15,000'.")


class DisagreementFact(Data):
    """Claims of one metric by different claimants, within the metric's window of each other, that
    do not say the same number."""

    metric: str = Field(description="Id of the metric.")
    first: FuzzyDate = Field(description="The date of the earliest of the claims.")
    last: FuzzyDate = Field(description="The date of the latest of the claims.")
    claims: tuple[ClaimFact, ...] = Field(description="The claims that differ.")


class MonthFact(Data):
    """People who defected in one month, counted in the month of the latest day a defection's date can mean."""

    month: str = Field(description="The month, e.g. 2012-07.")
    people: str = Field(description="People who defected that month, as their counts were put, e.g. 'about 62'.")
    total: str = Field(description="People who defected up to the end of that month, put the same way.")


class FactsData(Data):
    """What is worked out from the records, as the pages show it."""

    votes: tuple[VoteFact, ...] = Field(description="Every vote, by body and date.")
    rankings: tuple[RankFact, ...] = Field(description="Each defection's standing on each of its ladders.")
    highest_so_far: tuple[LeaderFact, ...] = Field(description="The highest-ranking defection on each ladder.")
    sources_differ: tuple[DisagreementFact, ...] = Field(description="Where sources give different numbers.")
    defections_by_month: tuple[MonthFact, ...] = Field(description="The count of defections over time.")
    duration: str | None = Field(description="How long the situation has lasted at the story's date.")


class Envelope(Data):
    """A developing story: every record with its sources, and what is worked out from them."""

    updated: Timestamp = Field(
        description="When the story last changed: its latest update or correction, else when it was first published."
    )
    story: Story = Field(description="The story itself: headline, logs of updates and corrections, lists.")
    facts: FactsData = Field(description="What is worked out from the records.")
    names: dict[str, str] = Field(description="Every record's name as the site shows it, by id.")


@functools.cache
def story_model() -> type[BaseModel]:
    """The model of story.json: the envelope, with a list per kind of record in the registry."""
    listed: Any = tuple  # subscripted with each kind's model, known only when the registry is read
    fields: dict[str, Any] = {
        kind.name: (listed[kind.model, ...], Field(description=f"Every {kind.singular} record.")) for kind in KINDS
    }
    records = create_model("Records", __base__=Data, __doc__="Every record, a list per kind.", **fields)
    return create_model(
        "StoryData",
        __base__=Envelope,
        __doc__=Envelope.__doc__,
        records=(records, Field(description="Every record, a list per kind.")),
    )


def schema(model: type[BaseModel] | None = None) -> dict[str, Any]:
    """The JSON Schema of story.json (of `model`, by default the registry's)."""
    model = model or story_model()
    return {"$schema": DIALECT, **model.model_json_schema(mode="serialization")}


def facts_data(export: Export) -> FactsData:
    facts = export.facts
    votes = []
    for _, documents in facts.bodies:
        for document in documents:
            if document.vote is not None:
                votes.append(_vote(export, document.id))
    return FactsData(
        votes=tuple(votes),
        rankings=tuple(
            RankFact(
                defection=row.defection.id,
                track=rank.track.id,
                grade=seniority.grade,
                level=rank.level,
                standing=rank.standing,
                highest=rank.highest,
            )
            for row in facts.defections
            for rank, seniority in zip(row.ranks, row.defection.seniority, strict=True)
        ),
        highest_so_far=tuple(
            LeaderFact(
                track=leader.track.id,
                defection=leader.row.defection.id,
                grade=leader.track.grades[leader.rank.level].id,
                date=leader.row.defection.date,
            )
            for leader in facts.leaders
        ),
        sources_differ=tuple(
            DisagreementFact(
                metric=group.metric_id,
                first=conflict.first,
                last=conflict.last,
                claims=tuple(
                    ClaimFact(figure=view.figure.id, claimed_by=view.figure.claimed_by, number=view.number)
                    for view in conflict.claims
                ),
            )
            for group in facts.metrics
            for conflict in group.conflicts
        ),
        defections_by_month=tuple(
            MonthFact(month=m.iso, people=m.people, total=m.total) for m in facts.defection_months
        ),
        duration=facts.duration,
    )


def _vote(export: Export, document_id: str) -> VoteFact:
    view = export.facts.votes[document_id]
    document, count, vote = view.document, view.count, view.document.vote
    assert vote is not None
    if count is not None:
        return VoteFact(
            document=document.id,
            symbol=document.symbol,
            body=document.body,
            date=vote.date,
            counted=view.seat_by_seat,
            yes=count.yes,
            no=count.no,
            abstain=count.abstain,
            absent=count.absent,
            unknown=count.unknown,
            vetoes=count.vetoes,
            outcome=count.outcome,
            status=document.status,
            outcome_basis=view.verdict.basis,
        )
    # Known only as a tally (or as lists without the body's membership that year): no outcome by rule.
    members = vote.members
    numbers = (
        (vote.tally.yes, vote.tally.no, vote.tally.abstain)
        if vote.tally is not None
        else (len(members.yes), len(members.no), len(members.abstain))
        if members is not None
        else (0, 0, 0)
    )
    return VoteFact(
        document=document.id,
        symbol=document.symbol,
        body=document.body,
        date=vote.date,
        counted=False,
        yes=numbers[0],
        no=numbers[1],
        abstain=numbers[2],
        absent=None,
        unknown=None,
        vetoes=(),
        outcome=None,
        status=document.status,
        outcome_basis=view.verdict.basis,
    )


def story_data(export: Export) -> dict[str, Any]:
    """story.json's content, as JSON values: the plain way tests/test_model_json.py holds `files`
    to (`files` writes the model itself), and what a caller reading the story's data in Python gets."""
    dumped: dict[str, Any] = envelope(export).model_dump(mode="json")
    return dumped


def envelope(export: Export) -> BaseModel:
    """story.json's content, as its model (story_model)."""
    content = export.content
    model = story_model()
    records = model.model_fields["records"].annotation
    assert isinstance(records, type) and issubclass(records, BaseModel)
    # Constructed, not validated again: every value is already of its field's type (the checked
    # content's records, the facts facts_data makes), and validating them once more took 3 ms of
    # story.json's 45 at 1,000 actors. The names need no order: json_bytes sorts every object's keys.
    lists: dict[str, Any] = {kind.name: content.of(kind) for kind in KINDS}
    return model.model_construct(
        updated=last_updated(content.story) or content.story.published,
        story=content.story,
        facts=facts_data(export),
        names=export.names,
        records=records.model_construct(**lists),
    )


def files(export: Export) -> dict[str, bytes]:
    """story.json and story.schema.json."""
    return {STORY_JSON: model_json(envelope(export)), STORY_SCHEMA: schema_file(story_model())}


@functools.cache
def schema_file(model: type[BaseModel]) -> bytes:
    """story.schema.json: the same for every story, as it is made from the models alone, so made once
    per model (`mkdocs serve` rebuilds would otherwise spend a twentieth of a second on it each), and
    read from the package for the model of the registry it declares. Keyed on the model, which lists
    the registry's kinds: a kind added makes a new model, and schema."""
    if KINDS is DECLARED_KINDS and model is story_model():
        return SHIPPED_SCHEMA.read_bytes()
    return made_schema_file(model)


def made_schema_file(model: type[BaseModel]) -> bytes:
    """story.schema.json as made from `model` (what `python -m generator schema` ships)."""
    return json_bytes(schema(model), pretty=True)
