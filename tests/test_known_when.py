"""What was known when: every edition says only what had been reported by its moment.

The heart is a metamorphic property: the edition at T rendered from the whole content equals
the overview rendered from the content cut at T (now = T). The cut is written here, apart from
the production filter (facts/editions.py), as plainly as the rule reads, so that a filter that
leaks or drops too much shows as a difference between two pages.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ENGINE_STORY, first_story
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from generator.content.dates import FuzzyDate, Timestamp
from generator.content.fields import Prose
from generator.content.load import Content
from generator.content.models import DocumentStatus, Update
from generator.content.pages import EDITIONS_FOLDER, edition_path
from generator.facts import views
from generator.facts.derivation import derive_site
from generator.facts.derive import derive
from generator.facts.editions import as_of
from generator.facts.sections import EDITIONS, OVERVIEW
from generator.pipeline import build_site, load_checked
from generator.site.jsonld import StructuredData
from generator.site.render import Page, Renderer

# -- the cut at T, written apart from the production filter -------------------------------

# The field that dates each kind of record, as the README explains the content model; a figure
# was not known before it was reported either.
RECORD_DATES = {
    "defections": ("date",),
    "events": ("date",),
    "figures": ("as_of", "reported"),
    "quotes": ("date",),
    "documents": ("tabled",),
    "plans": ("date",),
    "seats": ("decided",),
}
# Background records that take effect on a day: a membership changed within its year.
TAKES_EFFECT = {"memberships": ("since",)}
# What goes with a part that had not happened yet: a role not yet over had no way of ending;
# a draft not yet voted on was pending and had no result.
GOES_WITH = {
    ("Role", "end"): {"ended": None},
    ("Document", "vote"): {"status": DocumentStatus.PENDING, "result": None},
    ("Document", "adopted"): {"status": DocumentStatus.PENDING, "result": None, "adoption": None},
}


class Cut:
    """The content as a reader at `moment` could have known it, worked out record by record."""

    def __init__(self, content: Content, moment: Timestamp) -> None:
        self.moment, self.day = moment, moment.moment.date()
        self.sources = {s.id: s for s in content.sources}

    def passed(self, date: FuzzyDate) -> bool:
        return date.scheduled or date.latest <= self.day

    def published(self, source_id: str) -> bool:
        date = self.sources[source_id].date
        return date is not None and date.latest <= self.day

    def citable(self, source_id: str) -> bool:
        return self.sources[source_id].date is None or self.published(source_id)

    def text(self, value: str) -> str:
        return re.sub(r"\[\^([^\]\s]+)]", lambda m: m.group(0) if self.citable(m.group(1)) else "", value)

    def record(self, name: str, record: Any) -> Any:
        for field in (*RECORD_DATES.get(name, ()), *TAKES_EFFECT.get(name, ())):
            date = getattr(record, field)
            if date is not None and not self.passed(date):
                return None
        if name in RECORD_DATES:
            added = record.added
            if added is not None and added > self.moment:
                return None
            if added is None and not any(self.published(s) for s in record.sources):
                return None
        kept = self.model(record, record)
        if name == "actors" and kept is not None:
            # Not yet renamed: the actor goes by the first name it had not yet changed.
            then = next((n.name for n in record.earlier_names if not n.until.latest <= self.day), record.name)
            kept = kept if then == kept.name else kept.model_copy(update={"name": then})
        return kept

    def model(self, model: BaseModel, record: Any) -> Any:
        """`model` as it stood, or None when a date it needs, or every source it cites, came later."""
        own = getattr(model, "sources", ())
        if model is not record and own and not any(self.published(s) for s in own):
            added = record.added
            if added is None or added > self.moment or all(self.sources[s].date is not None for s in own):
                return None
        changes: dict[str, Any] = {}
        cut = False  # a part of it came later (not only a citation)
        for name, info in type(model).model_fields.items():
            value = getattr(model, name)
            new = self.value(value, record, name == "sources")
            if (type(model).__name__, name) == ("Presidency", "month"):  # a month presided is known from its first day
                new = value if value.earliest <= self.day else None
            if new is value:
                continue
            if new is None or (new == () and value != () and name != "sources" and info.is_required()):
                if info.is_required():
                    return None
                new = None if value != () else ()
                changes.update(GOES_WITH.get((type(model).__name__, name), {}))
            changes[name] = new
            if new is None or (isinstance(new, tuple) and name != "sources" and len(new) < len(value)):
                cut = True
        if cut and "milestone" in type(model).model_fields:
            changes["summary"] = None  # a milestone's one-line summary tells the whole record, not a part of it
        return model.model_copy(update=changes) if changes else model

    def value(self, value: Any, record: Any, cited: bool) -> Any:
        if isinstance(value, FuzzyDate):
            return value if self.passed(value) else None
        if isinstance(value, Prose):
            return value if self.text(value) == value else Prose(self.text(value))
        if isinstance(value, BaseModel):
            return self.model(value, record)
        if isinstance(value, tuple) and cited:
            kept_ids = tuple(s for s in value if self.citable(s))
            return value if kept_ids == value else kept_ids
        if isinstance(value, tuple):
            items = [self.value(item, record, False) for item in value]
            kept = tuple(i for i in items if i is not None)
            return value if all(a is b for a, b in zip(kept, value, strict=False)) and len(kept) == len(value) else kept
        return value

    def content(self, content: Content) -> Content:
        kept: dict[str, Any] = {"sources": tuple(s for s in content.sources if self.citable(s.id))}
        for kind, records in content.by_kind():
            if kind.name != "sources":
                kept[kind.name] = tuple(r for r in (self.record(kind.name, r) for r in records) if r is not None)
        story = content.story
        clean = self.text

        def item(model: Any) -> Any:
            changes = {f: Prose(clean(getattr(model, f))) for f in ("text", "summary") if _prose_in(model, f, clean)}
            return model.model_copy(update=changes) if changes else model

        story = story.model_copy(
            update={
                "summary": Prose(clean(story.summary)),
                "highlights": tuple(item(h) for h in story.highlights if h.added <= self.moment),
                "updates": tuple(item(u) for u in story.updates if u.at <= self.moment),
                "corrections": tuple(item(c) for c in story.corrections if c.at <= self.moment),
                "media": tuple(m for m in story.media if self.citable(m.source)),
            }
        )
        return dataclasses.replace(content, story=story, **kept)


def _prose_in(model: Any, field: str, clean: Any) -> bool:
    value = getattr(model, field, None)
    return isinstance(value, Prose) and clean(value) != value


def cut(content: Content, moment: Timestamp) -> Content:
    """The content with every record, part, source, update and version not known by `moment` removed."""
    return Cut(content, moment).content(content)


# -- the property -------------------------------------------------------------------------


def overview_of(renderer: Renderer, content: Content, edition: Update | None, now: Timestamp) -> Page:
    """The overview made from `content` (now = `now`), on the page of the edition when one is given,
    by the renderer of the whole story (so that links name and find the same records)."""
    facts = derive(content)
    view = views.overview_page(content, facts, edition=edition)
    path = edition_path(edition.at) if edition else "index.md"
    jsonld = StructuredData(content, facts, renderer.names).article()
    trail = renderer.trails.of_edition(edition.at) if edition else renderer.trails.of_section(path, OVERVIEW.toc)
    return renderer.page(
        path, EDITIONS.of.template, view.title, content.story_file, page=view, jsonld=jsonld, _now=now, trail=trail
    )


def assert_editions_are_cuts(content: Content) -> None:
    """Every edition, and the overview, equals the overview of the content cut at its moment."""
    renderer = Renderer(derive_site(content))
    editions = {spec.path: spec for spec in renderer.edition_specs()}
    for update in content.story.updates:
        spec = editions[edition_path(update.at)]
        edition = renderer.page(spec.path, spec.template, spec.title, spec.source, **spec.values)
        expected = overview_of(renderer, cut(content, update.at), update, update.at)
        assert edition.text == expected.text, f"the edition of {update.at.iso()} is not the story cut then"
    spec = next(s for s in renderer.specs() if s.path == "index.md")
    overview = renderer.page(spec.path, spec.template, spec.title, spec.source, **spec.values)
    now = content.story.now
    assert overview.text == overview_of(renderer, cut(content, now), None, now).text


def test_the_engine_fixture_editions_are_its_cuts() -> None:
    assert_editions_are_cuts(load_checked(ENGINE_STORY))


def test_the_first_story_editions_are_its_cuts() -> None:
    assert_editions_are_cuts(load_checked(first_story()))


# -- generated stories ----------------------------------------------------------------------

START = dt.date(2021, 3, 1)


class Maker:
    """A valid story of about `size` records drawn from `rng`: dates of every precision and ranges
    that end after the story's now, sources published before, on and long after what they
    report, undated sources placed by `added`, figures reported after the day they describe,
    roles that end and dismissals that come later, drafts whose texts change, statements adopted
    later without a vote."""

    def __init__(self, rng: random.Random, size: int) -> None:
        self.rng, self.size = rng, size
        offsets = sorted(rng.sample(range(0, 90 * 24), rng.randint(1, 8)))
        self.updates = [dt.datetime.combine(START, dt.time(), dt.UTC) + dt.timedelta(hours=h) for h in offsets]
        self.now = self.updates[-1].date()
        self.sources: list[dict[str, Any]] = []
        self.actors: list[str] = []

    def stamp(self, moment: dt.datetime) -> str:
        return moment.strftime("%Y-%m-%dT%H:%M:00Z")

    def day(self, low: int = -60, high: int = 0) -> dt.date:
        """A day from `low` days before the story's start to `high` days after its now."""
        first = START + dt.timedelta(days=low)
        return first + dt.timedelta(days=self.rng.randint(0, (self.now - first).days + high))

    def date(self, high: int = 0) -> Any:
        """A date as editors write them: a day, a month, or a range that may run past `now`."""
        day, form = self.day(high=high), self.rng.random()
        if form < 0.6:
            return day.isoformat()
        if form < 0.8:
            return day.strftime("%Y-%m")
        return {"earliest": day.isoformat(), "latest": (day + dt.timedelta(days=self.rng.randint(1, 20))).isoformat()}

    def cited(self) -> list[str]:
        return [s["id"] for s in self.rng.sample(self.sources, self.rng.randint(1, min(3, len(self.sources))))]

    def placed(self, record: dict[str, Any]) -> dict[str, Any]:
        """Give `added` to a record that (or a part of which) cites only undated sources, as check
        asks, and to a few others."""
        undated = {s["id"] for s in self.sources if "date" not in s}
        parts = [*record.get("versions", ()), *record.get("decisions", ()), *record.get("claims", ())]
        cited = [record["sources"], *(p["sources"] for p in parts if "sources" in p)]
        if any(set(c) <= undated for c in cited) or self.rng.random() < 0.1:
            record["added"] = self.stamp(self.rng.choice(self.updates))
        return record

    def prose(self, words: str) -> str:
        """Text with a link to an actor and a citation marker."""
        return f"{words} [[{self.rng.choice(self.actors)}]].[^{self.rng.choice(self.sources)['id']}]"

    def files(self) -> dict[str, Any]:
        rng, n = self.rng, self.size
        for i in range(max(4, n // 5)):
            source = {"id": f"source-{i}", "publisher": f"Publisher {i % 7}", "title": f"Report {i}"}
            source |= {"url": f"https://example.org/{i}", "kind": "article", "publisher_type": "newspaper"}
            if rng.random() < 0.9:
                source["date"] = self.date(high=400)  # some published long after the story's now
            self.sources.append(source)
        self.actors = [f"actor-{i}" for i in range(max(4, n // 8))]
        actors = [self.actor(i, a) for i, a in enumerate(self.actors)]
        events = [self.placed(self.event(i)) for i in range(n // 3)]
        figures = [self.placed(self.figure(i)) for i in range(n // 4)]
        defections = [self.placed(self.defection(i)) for i in range(n // 10)]
        quotes = [self.placed(self.quote(i)) for i in range(n // 10)]
        documents = [self.placed(self.document(i)) for i in range(max(1, n // 15))]
        seats = [self.placed(self.seat(i)) for i in range(max(1, n // 40))]
        return {
            "story.yml": self.story(),
            "sources.yml": self.sources,
            "actors.yml": actors,
            "events.yml": events,
            "figures.yml": figures,
            "defections.yml": defections,
            "quotes.yml": quotes,
            "documents.yml": documents,
            "seats.yml": seats,
            "memberships.yml": self.memberships(),
        }

    def actor(self, index: int, actor_id: str) -> dict[str, Any]:
        actor = {"id": actor_id, "name": f"Actor {index}", "kind": "person" if index % 3 else "organization"}
        actor |= {"description": f"Actor number {index}.", "side": "one" if index % 2 else "two"}
        if index % 3:
            start = self.day(low=-400, high=0)
            role: dict[str, Any] = {"title": f"Post {index}", "start": start.isoformat()}
            if self.rng.random() < 0.5:
                role |= {"end": self.day().isoformat(), "ended": "resigned"}
                if role["end"] < role["start"]:
                    role["start"], role["end"] = role["end"], role["start"]
            if self.rng.random() < 0.5:
                role["sources"] = self.cited()
            actor["roles"] = [role]
        actor["sources"] = self.cited()
        return actor

    def event(self, index: int) -> dict[str, Any]:
        event = {"id": f"event-{index}", "date": self.date(), "title": f"Event {index}", "kind": "meeting"}
        return event | {"description": self.prose(f"Meeting {index} of"), "sources": self.cited()}

    def figure(self, index: int) -> dict[str, Any]:
        described = self.day()
        figure: dict[str, Any] = {"id": f"figure-{index}", "metric": "deaths", "value": self.rng.randint(1, 10**5)}
        figure |= {"as_of": described.isoformat(), "claimed_by": self.rng.choice(self.actors)}
        if self.rng.random() < 0.4:  # reported days or weeks after the day it describes
            later = described + dt.timedelta(days=self.rng.randint(1, 40))
            figure["reported"] = min(later, self.now).isoformat()
        return figure | {"sources": self.cited()}

    def defection(self, index: int) -> dict[str, Any]:
        day = self.day()
        defection: dict[str, Any] = {"id": f"defection-{index}", "actor": self.rng.choice(self.actors)}
        defection |= {"date": day.isoformat(), "left": [{"organization": self.actors[0]}], "sources": self.cited()}
        if self.rng.random() < 0.5:
            later = min(day + dt.timedelta(days=self.rng.randint(0, 30)), self.now)
            defection["dismissal"] = {"date": later.isoformat(), "by": self.actors[0]}
        return defection

    def quote(self, index: int) -> dict[str, Any]:
        quote = {"id": f"quote-{index}", "speaker": self.rng.choice(self.actors), "text": f"Words number {index}."}
        return quote | {"date": self.day().isoformat(), "sources": self.cited()}

    def document(self, index: int) -> dict[str, Any]:
        tabled = self.day()
        versions = []
        for number in range(self.rng.randint(1, 3)):
            day = min(tabled + dt.timedelta(days=3 * number), self.now)
            versions.append({"date": day.isoformat(), "provisions": [f"Text {number}."], "sources": self.cited()})
        document = {"id": f"draft-{index}", "kind": "draft-resolution", "title": f"Draft {index}"}
        document |= {"body": self.actors[1], "tabled": tabled.isoformat(), "versions": versions}
        if index % 2:  # a statement adopted without a vote, days after it was tabled
            adopted = min(tabled + dt.timedelta(days=self.rng.randint(0, 20)), self.now)
            document |= {"kind": "presidential-statement", "adoption": "without-vote", "adopted": adopted.isoformat()}
            return document | {"status": "adopted", "sources": self.cited()}
        return document | {"status": "not-voted", "sources": self.cited()}

    def seat(self, index: int) -> dict[str, Any]:
        """A seat claimed by two actors over time: letters naming nominees, decisions deferred and then taken."""
        rival, holder = self.actors[2], self.actors[3]
        letters = [
            {"date": d.isoformat(), "nominee": f"Nominee {i}"}
            for i, d in enumerate(sorted(self.day() for _ in range(2)))
        ]
        taken = ["deferred", "deferred", self.rng.choice(["accepted", "rejected"])]
        decisions = [
            {"date": d.isoformat(), "decision": t}
            for d, t in zip(sorted(self.day() for _ in taken), taken, strict=True)
        ]
        for decision in decisions:
            if decision["decision"] == "accepted":
                decision["seated"] = rival
            if self.rng.random() < 0.5:
                decision["sources"] = self.cited()
        claims = [{"claimant": rival, "letters": letters, "sources": self.cited()}, {"claimant": holder}]
        seat = {"id": f"seat-{index}", "body": self.actors[1], "state": self.actors[0], "holder": holder}
        return seat | {"claims": claims, "decisions": decisions, "sources": self.cited()}

    def memberships(self) -> list[dict[str, Any]]:
        """The body's membership as the year began, and again from a day it changed, with a month presided."""
        body, members = self.actors[1], self.actors[:4]
        first = {"id": "body-from-january", "body": body, "year": START.year, "members": members[:3]}
        first |= {"adoption": {"rule": "majority"}, "sources": self.cited()}
        first["presidency"] = [{"month": START.strftime("%Y-%m"), "member": members[0], "sources": self.cited()}]
        later = first | {"id": "body-later", "since": self.day(low=0).isoformat(), "members": members}
        return [first, later | {"presidency": []}]

    def story(self) -> dict[str, Any]:
        updates: list[dict[str, Any]] = []
        for index, moment in enumerate(self.updates):
            update: dict[str, Any] = {"at": self.stamp(moment), "text": self.prose(f"Update {index} adds")}
            if self.rng.random() < 0.4:
                update |= {"headline": f"Headline {index}", "summary": self.prose(f"Summary {index} of")}
            if self.rng.random() < 0.3:
                update["dateline"] = {"place": f"Place {index}", "date": moment.date().isoformat()}
            updates.append(update)
        highlights = [{"text": self.prose(f"Highlight {i} on"), "added": u["at"]} for i, u in enumerate(updates)]
        return {
            "name": "A generated story",
            "headline": "The first headline",
            "summary": self.prose("The first summary of"),
            "need_to_know": [self.prose(f"What to know {i} of") for i in range(3)],
            "dateline": {"place": "Somewhere", "date": START.isoformat()},
            "language": "en",
            "published": updates[0]["at"],
            "byline": ["Test desk"],
            "since": {"date": (START - dt.timedelta(days=100)).isoformat(), "label": "it began"},
            "highlights": highlights,
            "updates": updates,
            "media": [{"kind": "photo", "title": "A photo", "source": self.rng.choice(self.sources)["id"]}],
            "sides": [{"id": "one", "label": "One"}, {"id": "two", "label": "Two"}],
            "metrics": [{"id": "deaths", "label": "People killed", "unit": "deaths"}],
            "key_metrics": ["deaths"],
        }


def generated_story(folder: Path, seed: int, size: int) -> Path:
    """Write the story `Maker` draws from `seed` into `folder`."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for name, data in Maker(random.Random(seed), size).files().items():  # noqa: S311 - a test story, not a secret
        (folder / name).write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return folder


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32), size=st.integers(8, 200))
def test_generated_story_editions_are_its_cuts(tmp_path: Path, seed: int, size: int) -> None:
    assert_editions_are_cuts(load_checked(generated_story(tmp_path / "story", seed, size)))


def test_a_generated_story_of_hundreds_of_records_editions_are_its_cuts(tmp_path: Path) -> None:
    content = load_checked(generated_story(tmp_path / "story", 2026, 600))
    assert sum(len(records) for _, records in content.by_kind()) > 400
    assert_editions_are_cuts(content)


# -- each edition's size is bounded -----------------------------------------------------------

HARBOUR = ENGINE_STORY.parent / "harbour-story"


def _editions_with_updates(folder: Path, count: int) -> dict[str, int]:
    """The size of each edition of the harbour story given `count` more updates, each with a highlight."""
    shutil.copytree(HARBOUR, folder)
    story = yaml.safe_load((folder / "story.yml").read_text(encoding="utf-8"))
    first = dt.datetime(2019, 3, 16, tzinfo=dt.UTC)
    for index in range(count):
        at = (first + dt.timedelta(hours=index)).strftime("%Y-%m-%dT%H:%M:%SZ")
        story["updates"].append({"at": at, "text": f"Update {index:03d} adds the day's reports."})
        cited = f"Highlight {index:03d} of the day.[^harbour-news-2019-03-14]"
        story["highlights"].append({"text": cited, "added": at})
    (folder / "story.yml").write_text(yaml.safe_dump(story, sort_keys=False, allow_unicode=True), encoding="utf-8")
    site = build_site(folder)
    return {path: len(page.text.encode()) for path, page in site.pages.items() if path.startswith(EDITIONS_FOLDER)}


def test_an_edition_does_not_grow_with_the_updates_before_or_after_it(tmp_path: Path) -> None:
    """The editions' total grows linearly with the updates: each one keeps within a bound however
    many updates came before it (it lists the newest few) or after it (it knows none of them)."""
    few = _editions_with_updates(tmp_path / "few" / "content", 30)
    many = _editions_with_updates(tmp_path / "many" / "content", 120)
    assert len(many) == len(few) + 90
    # Editions that exist in both are the same pages: later updates change nothing in them.
    assert all(many[path] == size for path, size in few.items())
    assert max(many.values()) == max(few.values())
    assert max(many.values()) < 2 * min(many.values()), "the last edition is much bigger than the first"


# -- the now of each page ---------------------------------------------------------------------


def _harbour_with(folder: Path, **story_changes: Any) -> Path:
    """The harbour story with story.yml's top-level values changed; updates are appended."""
    shutil.copytree(HARBOUR, folder)
    story = yaml.safe_load((folder / "story.yml").read_text(encoding="utf-8"))
    story["updates"] += story_changes.pop("more_updates", [])
    story |= story_changes
    (folder / "story.yml").write_text(yaml.safe_dump(story, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return folder


def _lede(text: str) -> tuple[str, str]:
    """A page's dateline paragraph and the line that says what its latest update changed."""
    dateline = re.search(r'<p class="se-dateline">(.*?)</p>', text)
    latest = re.search(r'<p class="se-latest">(.*?)</p>', text)
    assert dateline and latest, text[:2000]
    return dateline.group(1), latest.group(1)


def test_each_page_is_dated_and_timed_at_its_own_moment(tmp_path: Path) -> None:
    """The overview is dated on its latest update's day and counts the time since the story began
    to it; an edition to its own update's day; the latest update's words lead each page."""
    later = {"at": "2019-05-20T10:00:00+01:00", "text": "Added the May passenger count."}
    site = build_site(_harbour_with(tmp_path / "content", more_updates=[later]))
    dateline, latest = _lede(site.pages["index.md"].text)
    assert dateline == 'Harbourside, <time datetime="2019-05-20">20 May 2019</time>'
    assert "6 months since the contract talks began" in site.pages["index.md"].text  # the key facts
    assert latest.endswith("Added the May passenger count.")
    first = load_checked(HARBOUR).story.updates[0]
    edition = site.pages[edition_path(first.at)].text
    dateline, latest = _lede(edition)
    assert dateline == 'Harbourside, <time datetime="2019-03-14">14 March 2019</time>'
    assert "4 months since the contract talks began" in edition
    assert latest.endswith(f"{first.text}")


def test_an_update_may_carry_the_dateline_it_was_written_under(tmp_path: Path) -> None:
    later = {
        "at": "2019-05-20T10:00:00+01:00",
        "text": "Added the May passenger count.",
        "dateline": {"place": "Ferry Port", "date": "2019-05-20"},
    }
    site = build_site(_harbour_with(tmp_path / "content", more_updates=[later]))
    assert _lede(site.pages["index.md"].text)[0].startswith('Ferry Port, <time datetime="2019-05-20">')


def test_the_site_is_named_by_the_story_name_not_its_latest_headline(tmp_path: Path) -> None:
    rewritten = {"at": "2019-05-20T10:00:00+01:00", "text": "A new headline.", "headline": "Ferry contract revived"}
    named = build_site(_harbour_with(tmp_path / "named" / "content", name="Harbour ferry", more_updates=[rewritten]))
    assert named.name == "Harbour ferry"
    assert "# Ferry contract revived" in named.pages["index.md"].text
    unnamed = build_site(_harbour_with(tmp_path / "unnamed" / "content", more_updates=[rewritten]))
    assert unnamed.name == load_checked(HARBOUR).story.headline  # the headline it was first published under


# -- the rule, case by case, on an invented story -------------------------------------------------

LATER_SOURCE = {
    "id": "harbour-review-2019-04-30",
    "publisher": "Harbour Review",
    "title": "The ferry vote, six weeks on",
    "url": "https://example.org/harbour-review/2019-04-30",
    "date": "2019-04-30",
    "kind": "article",
    "publisher_type": "newspaper",
}
RECORDS = {
    "events.yml": [
        # Known only within a range that ends on the 15th: not yet known on the 14th.
        {"id": "ferry-audit", "date": {"earliest": "2019-03-13", "latest": "2019-03-15"}, "title": "An audit",
         "kind": "announcement", "sources": ["harbour-news-2019-03-14"]},
        # Reported on the 14th and again six weeks later: in the edition of the 14th, with the first source only.
        {"id": "ferry-protest", "date": "2019-03-13", "title": "A protest at the quay", "kind": "other",
         "sources": ["harbour-news-2019-03-14", LATER_SOURCE["id"]]},
        # Reported only six weeks later: in no edition of March.
        {"id": "ferry-letter", "date": "2019-03-13", "title": "A letter to the council", "kind": "other",
         "sources": [LATER_SOURCE["id"]]},
    ],
    "figures.yml": [
        # Counted on the 1st, reported on the 15th: not yet known on the 14th.
        {"id": "late-count", "metric": "passengers", "value": 1234, "as_of": "2019-03-01",
         "reported": "2019-03-15", "claimed_by": "harbourside", "sources": ["harbour-news-2019-03-14"]},
    ],
}  # fmt: skip


@pytest.fixture(scope="module")
def harbour_later(tmp_path_factory: pytest.TempPathFactory) -> Content:
    """The harbour story with records reported late, by a range, or by a source published later."""
    folder = tmp_path_factory.mktemp("harbour") / "content"
    shutil.copytree(HARBOUR, folder)
    for name, added in (*RECORDS.items(), ("sources.yml", [LATER_SOURCE])):
        records = yaml.safe_load((folder / name).read_text(encoding="utf-8")) + added
        (folder / name).write_text(yaml.safe_dump(records, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return load_checked(folder)


def _ids(content: Content) -> set[str]:
    return {r.id for r in content.all()}


def test_a_range_a_late_report_and_a_later_source_wait_for_their_day(harbour_later: Content) -> None:
    first = harbour_later.story.updates[0].at  # the 14th
    then = as_of(harbour_later, first)
    assert {"ferry-audit", "late-count", "ferry-letter", LATER_SOURCE["id"]}.isdisjoint(_ids(then))
    protest = next(e for e in then.events if e.id == "ferry-protest")
    assert protest.sources == ("harbour-news-2019-03-14",)
    now = as_of(harbour_later, harbour_later.story.now)  # the 15th
    assert {"ferry-audit", "late-count", "ferry-protest"} <= _ids(now)
    assert "ferry-letter" not in _ids(now)


def test_an_edition_credits_no_source_published_after_it(harbour_later: Content) -> None:
    renderer = Renderer(derive_site(harbour_later))
    for spec in renderer.edition_specs():
        page = renderer.page(spec.path, spec.template, spec.title, spec.source, **spec.values)
        assert LATER_SOURCE["id"] not in page.text and LATER_SOURCE["publisher"] not in page.text
