"""One "now" per story, and an edition per update: what a reader sees of both, and the check behind them."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ENGINE_STORY, TESTS

from generator.adapters.cli import main
from generator.content.dates import Timestamp
from generator.content.load import Content
from generator.content.models import DocumentStatus, version_at
from generator.content.pages import edition_path
from generator.facts.editions import as_of
from generator.pipeline import load_checked

HARBOUR = TESTS / "fixtures" / "harbour-story"


class _Times(HTMLParser):
    """Every <time> element of a page: its datetime, its classes and the text it shows."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.times: list[tuple[str, set[str], str]] = []
        self._open: tuple[str, set[str]] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "time":
            attributes = dict(attrs)
            self._open = (str(attributes["datetime"]), set((attributes.get("class") or "").split()))
            self._text = []

    def handle_data(self, data: str) -> None:
        if self._open:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "time" and self._open:
            self.times.append((*self._open, "".join(self._text)))
            self._open = None


def times(page: Path) -> list[tuple[str, set[str], str]]:
    parser = _Times()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.times


def day_of(machine: str) -> dt.date:
    """The first day a <time>'s datetime can mean: 2012, 2012-07, 2012-07-11 or a moment."""
    if "T" in machine:
        return dt.datetime.fromisoformat(machine).date()
    parts = [int(p) for p in machine.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


def after(machine: str, now: Timestamp) -> bool:
    """Whether a <time> is later than the story's now: a moment by its instant, a date by its day."""
    if "T" in machine:
        return dt.datetime.fromisoformat(machine) > now.moment
    return day_of(machine) > now.moment.date()


def late_times(page: Path, now: Timestamp) -> list[tuple[str, str]]:
    """The <time> elements of a page later than `now` that are not marked as scheduled."""
    return [
        (machine, text) for machine, classes, text in times(page) if after(machine, now) and "scheduled" not in classes
    ]


def html_of(site: Path, page: str) -> Path:
    """The built HTML file of a Markdown page path (directory URLs)."""
    stem = page.removesuffix(".md")
    return site / ("index.html" if stem == "index" else f"{stem.removesuffix('/index')}/index.html")


# -- the check -------------------------------------------------------------------------------


def test_check_refuses_a_record_after_the_latest_update(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = tmp_path / "content"
    shutil.copytree(HARBOUR, content)
    with (content / "events.yml").open("a", encoding="utf-8") as events:
        events.write(
            "\n- id: council-vote-2019-04\n  title: The council votes on the harbour\n  kind: meeting\n"
            "  date: 2019-04-02\n  sources: [harbour-news-2019-03-14]\n"
        )
    sources = (content / "sources.yml").read_text(encoding="utf-8")
    assert "id: harbour-news-2019-03-14" in sources, "the fixture's source id changed: update this test"
    assert main(["check", "--content", str(content)]) == 1
    lines = capsys.readouterr().err.splitlines()
    late = [line for line in lines if "council-vote-2019-04" in line]
    assert late == [
        f"{content.name}/events.yml:{_line_of(content / 'events.yml', 'date: 2019-04-02')}:9: "
        "council-vote-2019-04.date: 2019-04-02 is after the story was last updated, 2019-03-15T09:00:00+01:00 "
        "(add an update to story.yml's updates that covers it; if the day was known in advance, "
        "write {scheduled: 2019-04-02})"
    ]


def test_check_accepts_the_same_day_when_it_is_scheduled(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = tmp_path / "content"
    shutil.copytree(HARBOUR, content)
    with (content / "events.yml").open("a", encoding="utf-8") as events:
        events.write(
            "\n- id: council-vote-2019-04\n  title: The council votes on the harbour\n  kind: meeting\n"
            "  date: {scheduled: 2019-04-02}\n  sources: [harbour-news-2019-03-14]\n"
        )
    assert main(["check", "--content", str(content)]) == 0, capsys.readouterr().err


def test_check_refuses_a_highlight_added_after_the_latest_update(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = tmp_path / "content"
    shutil.copytree(HARBOUR, content)
    story = (content / "story.yml").read_text(encoding="utf-8")
    added = re.findall(r'added: "([^"]+)"', story)[-1]
    # The story was last changed by a correction at 09:00 on 15 March.
    (content / "story.yml").write_text(story.replace(f'added: "{added}"', 'added: "2019-03-16T09:00:00+01:00"'))
    assert main(["check", "--content", str(content)]) == 1
    out = capsys.readouterr().err
    assert (
        "2019-03-16T09:00:00+01:00 is after the story was last updated, 2019-03-15T09:00:00+01:00 "
        "(add the update this highlight belongs to under updates)"
    ) in out


def _line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return max(number for number, line in enumerate(lines, 1) if text in line)


# -- the content as of a moment (pure) ---------------------------------------------------------


@pytest.fixture(scope="module")
def engine() -> Content:
    return load_checked(ENGINE_STORY)


def test_as_of_keeps_only_what_had_happened_and_was_said_by_then(engine: Content) -> None:
    first = min(u.at for u in engine.story.updates)
    then = as_of(engine, first)
    day = first.moment.date()
    assert [u.at for u in then.story.updates] == [first]
    assert all(h.added <= first for h in then.story.highlights)
    assert len(then.story.highlights) < len(engine.story.highlights)
    assert all(c.at <= first for c in then.story.corrections)
    for kind, records in then.by_kind():
        for record in records:
            when = kind.date_of(record)
            assert kind.in_story_time is False or when is None or when.scheduled or when.earliest <= day
    # Sources are kept when they had been published by then (or are undated).
    assert all(s.date is None or s.date.latest <= day for s in then.sources)
    # The original is left as it was.
    assert engine.story.updates != then.story.updates


def test_as_of_drops_a_later_vote_but_keeps_its_document(engine: Content) -> None:
    voted = next(d for d in engine.documents if d.vote and d.tabled and d.tabled.earliest < d.vote.date.earliest)
    moment = Timestamp(dt.datetime.combine(voted.tabled.latest, dt.time(23, 59), dt.UTC))  # type: ignore[union-attr]
    then = {d.id: d for d in as_of(engine, moment).documents}
    assert voted.id in then and then[voted.id].vote is None
    # Its outcome came with the vote: until then it was pending, whatever became of it.
    assert voted.status is not DocumentStatus.PENDING and then[voted.id].status is DocumentStatus.PENDING
    assert then[voted.id].result is None


def test_as_of_holds_a_role_whose_end_came_later(engine: Content) -> None:
    """A role that ended after the moment was still held then: its end and how it ended are not yet known."""
    actor, role = next((a, r) for a in engine.actors for r in a.roles if r.end and r.ended and r.start)
    moment = Timestamp(dt.datetime.combine(role.start.latest, dt.time(23, 59), dt.UTC))  # type: ignore[union-attr]
    assert role.end.earliest > moment.moment.date(), "the fixture's role must end on a later day"  # type: ignore[union-attr]
    kept = next(a for a in as_of(engine, moment).actors if a.id == actor.id)
    held = next(r for r in kept.roles if r.title == role.title)
    assert held.end is None and held.ended is None and not held.over


def test_as_of_keeps_the_version_of_a_text_current_then(engine: Content) -> None:
    """An edition holds a draft as it read on its day: later versions are not yet written."""
    changed = next(d for d in engine.documents if len(d.versions) > 1)
    first, later = changed.versions[0], changed.versions[1]
    moment = Timestamp(dt.datetime.combine(first.date.latest, dt.time(23, 59), dt.UTC))
    assert later.date.earliest > first.date.latest, "the fixture's versions must be on different days"
    then = next(d for d in as_of(engine, moment).documents if d.id == changed.id)
    assert then.versions == (first,)
    assert version_at(then, first.date.latest) == version_at(changed, first.date.latest) == first


def test_an_update_rewrites_the_headline_from_its_edition_on(engine: Content, built: tuple[Path, str]) -> None:
    """The overview reads the latest headline; each edition the one of its time (the header reads the story's name)."""
    updates = sorted(engine.story.updates, key=lambda u: u.at)
    rewrite = next(u for u in reversed(updates) if u.headline)
    earlier = [u for u in updates if u.at < rewrite.at]
    assert earlier and not any(u.headline for u in earlier), "the fixture rewrites its headline after its first update"
    assert engine.story.current_headline == rewrite.headline != engine.story.headline
    assert as_of(engine, earlier[0].at).story.current_headline == engine.story.headline
    site = built[0]

    def first_heading(page: Path) -> str:
        found = re.search(r"<h1[^>]*>(.*?)<", page.read_text(encoding="utf-8"), re.S)
        assert found, page
        return found.group(1).replace("&#39;", "'").replace("&#x27;", "'")

    edition = Path(edition_path(earlier[0].at)).with_suffix("")
    assert first_heading(site / "index.html") == rewrite.headline
    assert first_heading(site / edition / "index.html") == engine.story.headline
    assert first_heading(site / Path(edition_path(rewrite.at)).with_suffix("") / "index.html") == rewrite.headline
    assert rewrite.summary and "About 60 soldiers" in (site / "index.html").read_text(encoding="utf-8")


def test_as_of_keeps_scheduled_days(engine: Content) -> None:
    mission = next(m for m in engine.missions if any(md.end.scheduled for md in m.mandates))
    first = min(u.at for u in engine.story.updates)
    kept = next(m for m in as_of(engine, first).missions if m.id == mission.id)
    assert kept.mandates == mission.mandates


def test_edition_paths_are_named_in_utc() -> None:
    assert edition_path(Timestamp.parse("2019-03-14T18:30:00+01:00")) == "updates/2019-03-14T1730.md"


# -- what readers see --------------------------------------------------------------------------


def test_the_overview_shows_no_date_after_the_story_now(built: tuple[Path, str]) -> None:
    now = load_checked(ENGINE_STORY).story.now
    assert times(built[0] / "index.html"), "the overview shows no dates at all"
    assert late_times(built[0] / "index.html", now) == []


def test_the_first_story_overview_shows_no_date_after_its_now_and_mentions_the_veto(
    first_built: tuple[Path, str],
) -> None:
    from conftest import first_story

    story = load_checked(first_story()).story
    assert late_times(first_built[0] / "index.html", story.now) == []
    text = (first_built[0] / "index.html").read_text(encoding="utf-8")
    highlights = text.split('id="whats-new"')[1].split('id="the-story-so-far"')[0]
    assert "veto" in highlights, "the overview's highlights never mention the veto"


@pytest.mark.parametrize("story_site", ["built", "first_built"])
def test_every_update_has_its_edition_and_nothing_on_it_is_later(
    story_site: str, request: pytest.FixtureRequest
) -> None:
    site = request.getfixturevalue(story_site)[0]
    if story_site == "built":
        story = load_checked(ENGINE_STORY).story
    else:
        from conftest import first_story

        story = load_checked(first_story()).story
    overview = (site / "index.html").read_text(encoding="utf-8")
    assert "How this story developed" in overview
    for update in story.updates:
        page = html_of(site, edition_path(update.at))
        assert page.is_file(), f"no edition for the update of {update.at.iso()}"
        slug = edition_path(update.at).removesuffix(".md")
        assert f'href="{slug}/"' in overview, f"the overview does not link to {slug}"
        shown = times(page)
        assert any(machine == update.at.iso() for machine, _, _ in shown)
        assert late_times(page, update.at) == [], f"{slug} shows dates after its update"
        assert "An earlier version." in page.read_text(encoding="utf-8")


def test_editions_stay_out_of_the_nav_and_the_search_index(built: tuple[Path, str]) -> None:
    site = built[0]
    story = load_checked(ENGINE_STORY).story
    slug = edition_path(story.updates[0].at).removesuffix(".md")
    search = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert slug not in search
    nav = (site / "timeline" / "index.html").read_text(encoding="utf-8")
    assert slug not in nav
    assert slug in (site / "sitemap.xml").read_text(encoding="utf-8")


def test_scheduled_days_say_so_and_carry_the_class(built: tuple[Path, str]) -> None:
    votes = times(built[0] / "votes" / "index.html")
    scheduled = [(machine, text) for machine, classes, text in votes if "scheduled" in classes]
    assert scheduled and all(text.endswith(" (scheduled)") for _, text in scheduled)
    now = load_checked(ENGINE_STORY).story.now
    assert all(after(machine, now) for machine, _ in scheduled)
    assert late_times(built[0] / "votes" / "index.html", now) == []


def test_the_updates_feed_links_each_entry_to_its_edition(built: tuple[Path, str]) -> None:
    feed = (built[0] / "feeds" / "updates.xml").read_text(encoding="utf-8")
    for update in load_checked(ENGINE_STORY).story.updates:
        assert edition_path(update.at).removesuffix(".md") + "/" in feed
