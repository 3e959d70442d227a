"""story.yml: the story itself, its updates, corrections, highlights, sides and metrics."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, Field, Strict, ValidationInfo, field_validator, model_validator

from generator.content.dates import FuzzyDate, Timestamp
from generator.content.fields import (
    AnyRef,
    Id,
    Language,
    ProseText,
    Text,
    Url,
    Verbatim,
)
from generator.content.models.base import DEFAULT_WINDOW_DAYS, MAX_WINDOW_DAYS, ActorRef, Model, SourceRef
from generator.content.models.sets import ClaimVerb, Measure, MediaKind
from generator.content.prose import find_cites, strip_markup

# --- the story ---------------------------------------------------------------


class Strictness(StrEnum):
    """How `check` treats a rule a story may relax: as an error (the default) or a warning."""

    ERROR = "error"
    WARNING = "warning"


# The overview's "What you need to know": a few short sentences that fit a phone's first screen
# with the headline, each resting on a source like any fact.
NEED_TO_KNOW_FIELD = "need_to_know"
NEED_TO_KNOW_SENTENCES = (3, 5)
NEED_TO_KNOW_CHARACTERS = 650  # as read (marks and markers left out): about 15 lines on a 390 px phone
NEED_TO_KNOW_HINT = "3 to 5 short sentences for the top of the overview, each ending in a citation such as [^source-id]"
# Hints for required fields whose name alone does not say what to write (explain.py adds them).
MISSING_HINTS = {NEED_TO_KNOW_FIELD: NEED_TO_KNOW_HINT}


def _cited(sentence: str) -> str:
    if next(find_cites(sentence), None) is None:
        raise ValueError(
            "this sentence cites no source (end it with a citation marker for the source it rests on, "
            "e.g. ...on 11 July.[^source-id])"
        )
    return sentence


def _short_enough(sentences: tuple[str, ...]) -> tuple[str, ...]:
    low, high = NEED_TO_KNOW_SENTENCES
    if not low <= len(sentences) <= high:
        count = f"{len(sentences)} sentence{'s' if len(sentences) != 1 else ''}"
        what = "merge some" if len(sentences) > high else "add more"
        raise ValueError(f"has {count}; write {low} to {high} ({what}: who, what, where, when and how many)")
    length = sum(len(strip_markup(s, lambda rid: rid)) for s in sentences)
    if length > NEED_TO_KNOW_CHARACTERS:
        raise ValueError(
            f"is {length:,} characters long as read, over the {NEED_TO_KNOW_CHARACTERS} that fit a phone's "
            "first screen (shorten the sentences; the summary and the pages below tell the rest)"
        )
    return sentences


NeedToKnow = Annotated[
    tuple[Annotated[ProseText, AfterValidator(_cited)], ...],
    AfterValidator(_short_enough),
    Field(
        description=f"What you need to know: {NEED_TO_KNOW_HINT}; at most {NEED_TO_KNOW_CHARACTERS} characters in all."
    ),
]


class Dateline(Model):
    place: Text = Field(description="Where the story is filed from, e.g. 'United Nations'.")
    date: FuzzyDate = Field(description="The story's date.")


class Highlight(Model):
    text: ProseText = Field(description="One short line for the top of the overview.")
    added: Timestamp = Field(description="When the highlight was added; the newest are marked NEW.")


class Update(Model):
    at: Timestamp = Field(description="When the story was updated.")
    text: ProseText = Field(description="What changed in the story.")
    dateline: Dateline | None = Field(
        None, description="The dateline this update was written under, when it is not the story's place on its day."
    )
    headline: Text | None = Field(
        None,
        description="The headline from this update on, when the story has moved past the one it had "
        "(story.yml's `headline` stays as first published, so each edition keeps its own).",
    )
    summary: ProseText | None = Field(
        None, description="The summary from this update on, when the story has moved past it (cite its sources)."
    )
    need_to_know: NeedToKnow | None = Field(
        None, description="What you need to know from this update on, when the story has moved past it."
    )


class Correction(Model):
    at: Timestamp = Field(description="When the correction was made.")
    text: ProseText = Field(description="What was wrong and what it now says.")
    record: AnyRef | None = Field(None, description="Id of the corrected record, if there is one.")


class Media(Model):
    kind: MediaKind = Field(description="video, photo or audio.")
    title: Text = Field(description="Caption title shown to readers.")
    duration: Verbatim | None = Field(None, description="Running time as text, e.g. '00:43' (quote it).")
    source: SourceRef = Field(description="Id of the source that published the media.")
    caption: ProseText | None = Field(None, description="What the media shows.")


class Related(Model):
    title: Verbatim = Field(description="Headline of the related coverage.")
    publisher: Verbatim = Field(description="Who published it.")
    url: Url | None = Field(
        None, description="Web address. Coverage without one is not shown: a reader could not open it."
    )


class Attribution(Model):
    """Whose claim a record or part is, apart from the source that reports it: shown as a claim, never as fact.

    Every part that states something someone may only have said (a side, a place on a side, a
    description, a role, a relation, a dismissal, an event, a figure's wording) may carry one;
    the registry lists them (`Kind.claims`), and every page and export prints it beside the text.
    """

    verb: ClaimVerb = Field(description="How they put it: says, claims, alleges, accuses, denies or reports.")
    by: ActorRef | None = Field(None, description="Id of who makes the claim (or give `group`).")
    group: Text | None = Field(
        None, description="Who makes the claim, when they are not one actor, e.g. 'some opposition members'."
    )

    @model_validator(mode="after")
    def _who(self) -> Attribution:
        if (self.by is None) == (self.group is None):
            raise ValueError("say who makes the claim: give `by` (an actor id) or `group` (a description), not both")
        return self


AttributionField = Annotated[
    Attribution | None,
    Field(
        description="Whose claim this is, when the sources report it as someone's claim rather than as fact, "
        "e.g. {verb: accuses, group: some opposition members}."
    ),
]


class Side(Model):
    id: Id = Field(description="Id of the side, used by actors' `side`.")
    label: Text = Field(description="Name of the side as readers see it.")
    description: ProseText | None = Field(None, description="Who belongs to this side.")
    attribution: AttributionField = Field(
        None,
        description="Whose claim it is that this side's members are what its label says, e.g. "
        "{verb: alleges, by: an-envoy} for a side labelled 'Backers of the junta'; a label naming what the "
        "members did ('Vetoed the drafts') needs none.",
    )


class Metric(Model):
    id: Id = Field(description="Id of the metric, used by figures' `metric`.")
    label: Text = Field(description="What is counted, e.g. 'People killed'.")
    unit: Text = Field(description="The unit in a sentence, e.g. 'deaths'.")
    window_days: Annotated[int, Strict(), Field(ge=0, le=MAX_WINDOW_DAYS)] = Field(
        DEFAULT_WINDOW_DAYS,
        description="Claims by different claimants this many days apart or closer are "
        "compared, and flagged when no number fits both (default 7).",
    )
    measure: Measure = Field(
        Measure.TOTAL,
        description="What its figures count unless they say otherwise: total (a running total since a "
        "start, the default) or period (a count for one period alone, e.g. one day or month).",
    )


class Grade(Model):
    id: Id = Field(description="Id of the grade, used by defections' `seniority.grade`.")
    label: Text = Field(description="Name of the grade, e.g. 'ambassador'.")


class Track(Model):
    id: Id = Field(description="Id of the ladder, used by defections' `seniority.track`.")
    label: Text = Field(description="Name of the ladder, e.g. 'diplomat'.")
    grades: tuple[Grade, ...] = Field(min_length=1, description="Grades from the lowest to the highest.")


class Since(Model):
    date: FuzzyDate = Field(description="When the situation began.")
    label: Text = Field(description="What began, e.g. 'the uprising began'.")


class Story(Model):
    """The story itself."""

    name: Text | None = Field(
        None,
        description="A short title that names the story for as long as it runs, e.g. 'Harbour ferry vote': the "
        "site's name in every page's header. Left out, the first headline.",
    )
    headline: Text = Field(description="The headline as first published (an update may rewrite it).")
    summary: ProseText = Field(description="Two or three sentences saying what the story is about.")
    need_to_know: NeedToKnow
    dateline: Dateline = Field(description="Place and date of the story as first published.")
    language: Language = Field(description="Language of the content as a BCP 47 tag, e.g. en or ar.")
    translations: tuple[Language, ...] = Field(
        (),
        description="The other languages the story is published in, as BCP 47 tags, e.g. [ar]: each has a "
        "folder translations/TAG/ of translated text fields.",
    )
    published: Timestamp = Field(description="When the story was first published.")
    byline: tuple[Text, ...] = Field(min_length=1, description="Authors' names.")
    contributors: tuple[Text, ...] = Field((), description="Others who contributed reporting.")
    since: Since | None = Field(None, description="Start of the situation, to compute how long it has lasted.")
    highlights: tuple[Highlight, ...] = Field((), description="Key points, each with when it was added.")
    updates: tuple[Update, ...] = Field((), description="Log of updates to the story.")
    corrections: tuple[Correction, ...] = Field((), description="Log of corrections.")
    media: tuple[Media, ...] = Field((), description="Video, photos or audio that go with the story.")
    related: tuple[Related, ...] = Field((), description="Related coverage.")
    sides: tuple[Side, ...] = Field(min_length=1, description="The sides actors can be on.")
    metrics: tuple[Metric, ...] = Field((), description="What figures count.")
    key_metrics: tuple[Id, ...] = Field((), description="Metric ids whose latest figures the overview shows.")
    seniority: tuple[Track, ...] = Field((), description="Ladders used to rank defections by seniority.")
    copyright: Text | None = Field(
        None,
        description="The line at the foot of every page, e.g. 'Text by the Harbour desk'; without it, "
        "mkdocs.yml's `copyright`, if any.",
    )
    missing_citations: Strictness = Field(
        Strictness.ERROR,
        description="What `check` does with a sentence of the story's own prose (summary, highlights, "
        "captions) that cites no source: `error` (the default) refuses it, `warning` lists it and passes.",
    )

    @field_validator("translations")
    @classmethod
    def _other_languages(cls, tags: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        """Each translation is another language, listed once: each has a site of its own."""
        own = str(info.data.get("language", "")).lower()
        seen: set[str] = set()
        for tag in tags:
            if tag.lower() == own:
                raise ValueError(f"'{tag}' is the story's own language (`language`); list only its other languages")
            if tag.lower() in seen:
                raise ValueError(f"'{tag}' is listed twice; list each language once")
            seen.add(tag.lower())
        return tags

    @property
    def current_headline(self) -> str:
        """The headline as the story reads now: the latest update's rewrite of it, else the first."""
        return next((u.headline for u in self._newest_first() if u.headline), self.headline)

    @property
    def current_summary(self) -> str:
        """The summary as the story reads now: the latest update's rewrite of it, else the first."""
        return next((u.summary for u in self._newest_first() if u.summary), self.summary)

    @property
    def short_name(self) -> str:
        """The story's stable name: `name`, else the headline it was first published under."""
        return self.name or self.headline

    @property
    def current_dateline(self) -> Dateline:
        """The dateline at the story's now: the latest update's own, else the first place on the
        day of the latest update (the first dateline as written while there is none)."""
        newest = self._newest_first()
        written = next((u.dateline for u in newest if u.dateline), None)
        if written is not None and written is newest[0].dateline:
            return written
        if not newest:
            return self.dateline
        place = written.place if written else self.dateline.place
        return Dateline(place=place, date=FuzzyDate.parse(newest[0].at.moment.date().isoformat()))

    @property
    def current_need_to_know(self) -> tuple[str, ...]:
        """What you need to know as the story reads now: the latest update's rewrite of it, else the first."""
        return next((u.need_to_know for u in self._newest_first() if u.need_to_know), self.need_to_know)

    def _newest_first(self) -> list[Update]:
        return sorted(self.updates, key=lambda u: u.at, reverse=True)

    @property
    def now(self) -> Timestamp:
        """The story's one "now": when it last changed for readers, by an update or a
        correction (the overview's "updated"), or its first publication before either.

        Nothing in the content may have happened after it (see validate.py)."""
        changes = [u.at for u in self.updates] + [c.at for c in self.corrections]
        return max([self.published, *changes])  # never before publication, even while check refuses it
