"""The bases every record shares: references to other records, counts, sources, milestones."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, Strict

from generator.content.dates import Timestamp
from generator.content.fields import (
    LINKING,
    Id,
    ProseText,
    RefId,
    Shown,
    Text,
)
from generator.content.prose import find_cites

# --- references: the kinds a field may point at ------------------------------------


class ActorId(RefId):
    kinds = ("actors",)


class SourceId(RefId):
    kinds = ("sources",)


class DocumentId(RefId):
    kinds = ("documents",)


class QuoteId(RefId):
    kinds = ("quotes",)


ActorRef = Annotated[Id, AfterValidator(ActorId), LINKING, Shown("id of an actor")]
SourceRef = Annotated[Id, AfterValidator(SourceId), LINKING, Shown("id of a source")]
DocumentRef = Annotated[Id, AfterValidator(DocumentId), LINKING, Shown("id of a document")]
QuoteRef = Annotated[Id, AfterValidator(QuoteId), LINKING, Shown("id of a quote")]

# A quadrillion is beyond any count a story reports; bounding counts keeps every number that
# passes the check within what charts can scale and sum (a huge one overflowed them).
MAX_COUNT = 10**15
SOURCES_FIELD = "sources"  # where every fact lists its sources; an empty list gets its own message
Count = Annotated[int, Strict(), Field(ge=0, le=MAX_COUNT)]
Sources = Annotated[
    tuple[SourceRef, ...], Field(min_length=1, description="Ids of the sources that back this record (at least one).")
]
OptionalSources = Annotated[tuple[SourceRef, ...], Field(description="Ids of the sources that back this part.")]
# Claims of one metric this many days apart are compared ("sources differ"), unless the metric says otherwise.
DEFAULT_WINDOW_DAYS = 7
MAX_WINDOW_DAYS = 3660
Uncertain = Annotated[
    ProseText | None,
    Field(description="What is uncertain or disputed about this record; shown to readers as a warning."),
]


class Model(BaseModel):
    """Base of every record: immutable, and unknown keys are errors (typos must not pass)."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_enum_values=False)


class Record(Model):
    id: Id = Field(description="Stable id, lowercase words joined by hyphens; never change it once published.")


class Fact(Record):
    """A record of something reported: it belongs to an edition once it had happened and been reported."""

    added: Timestamp | None = Field(
        None,
        description="When the record was added to the story, for one whose sources are undated "
        "(or published later): editions from this moment on show it.",
    )


# What every dated kind adds (kinds.py's `milestones` lists them): whether a record is a turning
# point of the story, and the one sentence that tells it in "The story so far".
MilestoneFlag = Annotated[
    bool,
    Strict(),
    Field(description="true for a turning point, shown in the overview's 'The story so far' (mark about 8 to 10)."),
]


def _rests_on_its_record(summary: str) -> str:
    """A milestone's sentence tells its record, whose sources the overview cites after it."""
    marker = next(find_cites(summary), None)
    if marker is not None:
        raise ValueError(
            f"holds the citation marker [^{marker.source}], but a summary rests on its record's own `sources`, "
            "which the overview cites after it (remove the marker, or add the source to `sources`)"
        )
    return summary


MilestoneSummary = Annotated[
    Annotated[ProseText, AfterValidator(_rests_on_its_record)] | None,
    Field(
        description="The record in one sentence for 'The story so far', when the sentence made from it reads "
        "badly; its sources are the record's."
    ),
]


ShortName = Annotated[
    Text | None,
    Field(description="A shorter name for running text, e.g. 'WHO' or 'Resolution 2417': [[id]] in prose prints it."),
]
