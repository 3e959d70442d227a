"""The overview: "What you need to know", the key facts, what is new, the story so far, and short names.

Engine tests run on the invented coup story (tests/fixtures/coup-story) or on stories changed
inside the test; the built-site scans also run on the first story when it is present.
"""

from __future__ import annotations

import dataclasses
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from conftest import ENGINE_STORY, TESTS
from pydantic import ValidationError

from generator.content import milestones
from generator.content.dates import Timestamp
from generator.content.kinds import KINDS
from generator.content.load import Content
from generator.content.models import Update
from generator.content.pages import edition_path
from generator.facts import derive, so_far
from generator.facts.editions import as_of
from generator.facts.key_facts import key_facts, what_is_new
from generator.facts.sentences import render
from generator.facts.views import overview_page
from generator.pipeline import build_site, load_checked

HARBOUR = TESTS / "fixtures" / "harbour-story"


@pytest.fixture(scope="module")
def engine() -> Content:
    return load_checked(ENGINE_STORY)


def said(content: Content, phrase: Any) -> str:
    return render(phrase, lambda rid: content.name_of(content.by_id[rid]))


def with_records(content: Content, change: dict[str, dict[str, Any]]) -> Content:
    """The content with some records' fields changed, by id: a story written for the test."""
    kept = {}
    for kind, records in content.by_kind():
        kept[kind.name] = tuple(r.model_copy(update=change[r.id]) if r.id in change else r for r in records)
    changed = dataclasses.replace(content, **kept)
    changed.__dict__.pop("references", None)
    return changed


# --- what you need to know -----------------------------------------------------------------


def test_an_update_rewrites_what_you_need_to_know_and_each_edition_keeps_its_own(engine: Content) -> None:
    """The overview shows the latest rewrite; the edition of each update the block of its time."""
    rewrite = next(u for u in reversed(engine.story.updates) if u.need_to_know)
    assert rewrite.need_to_know is not None and rewrite.need_to_know != engine.story.need_to_know
    assert overview_page(engine, derive.derive(engine)).need_to_know == rewrite.need_to_know
    for update in engine.story.updates:
        then = as_of(engine, update.at)
        expected = next(
            (u.need_to_know for u in sorted(then.story.updates, key=lambda u: u.at, reverse=True) if u.need_to_know),
            engine.story.need_to_know,
        )
        assert overview_page(then, derive.derive(then), edition=update).need_to_know == expected


def test_the_built_overview_and_editions_print_the_block_of_their_time() -> None:
    site = build_site(ENGINE_STORY)
    story = load_checked(ENGINE_STORY).story
    first = site.pages[edition_path(story.updates[0].at)].text
    now = site.pages["index.md"].text
    assert "handed it to a military council" in first and "handed it to a military council" not in now
    assert "About 60 soldiers of the" in now.split("## What you need to know")[1].split("</section>")[0]


@pytest.mark.parametrize(
    ("sentences", "message"),
    [
        (["One.[^s]", "Two.[^s]"], "has 2 sentences; write 3 to 5 (add more: who, what, where, when and how many)"),
        (
            [f"{n}.[^s]" for n in range(6)],
            "has 6 sentences; write 3 to 5 (merge some: who, what, where, when and how many)",
        ),
        (["One.[^s]", "Two, with no source.", "Three.[^s]"], "this sentence cites no source"),
        ([f"{'word ' * 50}{n}.[^s]" for n in range(3)], "is 756 characters long as read, over the 650"),
    ],
)
def test_what_you_need_to_know_is_three_to_five_short_cited_sentences(sentences: list[str], message: str) -> None:
    """The same rule for story.yml and an update's rewrite (the located messages are in tests/broken/)."""
    with pytest.raises(ValidationError, match=re.escape(message)):
        Update.model_validate({"at": "2020-01-01T00:00:00Z", "text": "x", "need_to_know": sentences})


# --- key facts -------------------------------------------------------------------------------


def test_key_facts_are_those_of_the_page_moment(engine: Content) -> None:
    """At each update, the latest vote and the latest defection are the latest ones held by then,
    worked out here independently of the code, and nothing later is named."""
    for update in engine.story.updates:
        then = as_of(engine, update.at)
        shown = {f.label: [said(then, line) for line in f.lines] for f in key_facts(then, derive.derive(then))}
        day = update.at.moment.date()
        votes = [d for d in engine.documents if d.vote is not None and d.vote.date.latest <= day]
        if votes:
            latest = max(votes, key=lambda d: d.vote.date.sort_key() if d.vote else ())
            assert shown["Latest vote"][0].startswith(then.short_name_of(latest) + ", ")
        else:
            assert "Latest vote" not in shown
        defected = [d for d in engine.defections if d.date.latest <= day]
        assert shown["Defections so far"][0].endswith(f"in {len(defected)} recorded defections")


def test_the_main_metric_shows_each_claimant_latest_claim_newest_first(engine: Content) -> None:
    facts = derive.derive(engine)
    main = key_facts(engine, facts)[0]
    group = facts.key_metrics[0]
    assert main.label == group.label
    latest: dict[str, Any] = {}
    for view in group.claims:  # by date: each claimant's last claim wins
        latest[view.figure.claimed_by] = view.figure
    newest = sorted(latest.values(), key=lambda f: (f.dated.sort_key(), f.claimed_by), reverse=True)
    claims = {f.id for f in engine.figures}
    linked = [next(b.ref for b in line if b.ref in claims) for line in main.lines]
    assert linked == [f.id for f in newest[: len(linked)]]


def test_what_is_new_lists_the_latest_batch_and_folds_the_rest(engine: Content) -> None:
    new = what_is_new(derive.derive(engine).highlights)
    assert new.latest and all(h.is_new for h in new.latest)
    assert not any(h.is_new for h in new.earlier)
    assert min(h.highlight.added for h in new.latest) > max(h.highlight.added for h in new.earlier)


@pytest.mark.parametrize("story", [ENGINE_STORY, HARBOUR])
def test_added_is_shown_only_on_new_highlights(story: Path) -> None:
    text = build_site(story).pages["index.md"].text
    items = re.findall(r"<li[^>]*>.*?</li>", text.split("## What's new")[1].split("## The story so far")[0])
    assert items
    for item in items:
        assert ("<small>Added" in item) == ("se-highlight--new" in item), item


# --- the story so far ------------------------------------------------------------------------


def test_every_dated_kind_can_be_a_milestone_and_has_a_sentence() -> None:
    """Marking a turning point and telling it works for any kind on the timeline, through the registry."""
    for kind in KINDS:
        fields = kind.model.model_fields
        assert ("milestone" in fields and "summary" in fields) == kind.dated, kind.name
        assert (kind.name in so_far.SENTENCES) == kind.dated, kind.name


def test_the_story_so_far_runs_from_the_beginning_in_date_order(engine: Content) -> None:
    facts = derive.derive(engine)
    shown = [*facts.so_far.first, *facts.so_far.recent]
    marked = [e for e in facts.timeline if engine.kinds[e.record.id].is_milestone(e.record)]
    assert [m.record for m in shown] == [e.record.id for e in marked]
    assert shown[0].record == marked[0].record.id  # the beginning, however many follow
    for milestone in shown:
        assert milestone.summary or said(engine, milestone.sentence).endswith((".", "”"))


def test_past_ten_milestones_keep_the_first_and_the_latest_and_say_how_many_are_left_out(engine: Content) -> None:
    every = {e.record.id: {"milestone": True} for e in derive.derive(engine).timeline}
    story = with_records(engine, every)
    dated = [(e.date, e.record) for e in derive.timeline(story) if e.date.earliest <= story.story.now.moment.date()]
    shown = so_far.story_so_far(story, dated)
    assert len(dated) > so_far.SO_FAR_SIZE
    assert [m.record for m in shown.first] == [dated[0][1].id]
    assert [m.record for m in shown.recent] == [r.id for _, r in dated[-(so_far.SO_FAR_SIZE - 1) :]]
    left_out = len(dated) - so_far.SO_FAR_SIZE
    assert shown.gap == f"{left_out} more turning points in between are on the timeline."


def test_an_edition_story_so_far_ends_at_its_moment(engine: Content) -> None:
    for update in engine.story.updates:
        then = as_of(engine, update.at)
        facts = derive.derive(then)
        day = update.at.moment.date()
        assert all(m.date.earliest <= day for m in (*facts.so_far.first, *facts.so_far.recent))


def test_a_summary_replaces_the_sentence_made_from_the_record(engine: Content) -> None:
    facts = derive.derive(engine)
    summed = [m for m in facts.so_far.recent if m.summary]
    assert summed and all(m.sentence == () for m in summed)
    assert any(m.sentence for m in facts.so_far.recent)


@pytest.mark.parametrize(("marked", "expected"), [(0, "no record is"), (1, "1 record is"), (2, "2 records are")])
def test_check_warns_below_three_milestones(engine: Content, marked: int, expected: str) -> None:
    ids = [e.record.id for e in derive.derive(engine).timeline]
    story = with_records(engine, {rid: {"milestone": index < marked} for index, rid in enumerate(ids)})
    (warning,) = milestones.warnings(story)
    assert str(warning).startswith(f"{story.story_file}:1:1: warning: {expected} marked `milestone: true`")
    assert milestones.warnings(engine) == []


# --- short names and names twice in a row ----------------------------------------------------


def test_a_reference_prints_the_short_name_and_a_label_only_the_label() -> None:
    content = load_checked(ENGINE_STORY)
    council = content.by_id["un-security-council"]
    assert content.short_name_of(council) == "Security Council" != content.name_of(council)
    text = build_site(ENGINE_STORY).pages["votes/council-draft-2023-03.md"].text
    for link, shown in re.findall(r'<a href="([^"]*un-security-council[^"]*)">([^<]*)</a>', text):
        assert shown in ("Security Council", "UN Security Council"), link


def names_twice(text: str, names: set[str]) -> list[str]:
    """Where a name follows itself within a line of text ('X, X', 'X (X)'), or follows its own first
    words ('the British draft, British draft threatening...'): a name pasted into a sentence that
    already says it."""
    found = []
    for name in names:
        words = name.split()
        if len(name) < 3:
            continue
        lead = " ".join(words[:2]) if len(words) > 2 else name
        twice = re.compile(rf"(?<!\w){re.escape(lead)}[^\w\n]{{1,3}}{re.escape(name)}(?!\w)")
        found += [m.group(0) for m in twice.finditer(text)]
    return found


VOID = frozenset({"br", "img", "hr", "meta", "link", "input", "source", "wbr"})


class Lines(HTMLParser):
    """A page's text, a line per block (cell, item, paragraph), so that a table's cells never run together."""

    BLOCKS = frozenset({"td", "th", "tr", "li", "p", "br", "dt", "dd", "div", "h1", "h2", "h3", "caption", "title"})
    # A source credit names each source by its publisher, which two sources can share ("CNN, CNN"):
    # merging those is the sources' own concern, tested with them; here, names in sentences.
    SKIPPED = "se-cite"

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0  # depth inside a skipped element

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # A page's <title> pairs its own name with the site's, which may begin alike: not prose.
        if self.skipping or tag == "title" or self.SKIPPED in (dict(attrs).get("class") or "").split():
            self.skipping += tag not in VOID
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            self.skipping -= 1
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)

    @classmethod
    def of(cls, path: Path) -> str:
        page = cls()
        page.feed(path.read_text(encoding="utf-8"))
        return re.sub(r"[ \t]+", " ", "".join(page.parts))


def site_names(content: Content) -> set[str]:
    # Sources are named by their publisher, which two sources can share: their lists are another matter.
    return {
        n
        for record in content.all()
        if content.kinds[record.id].name != "sources"
        for n in (content.name_of(record), content.short_name_of(record))
    }


@pytest.mark.parametrize("site_fixture", ["built", "first_built"])
def test_no_page_prints_a_record_name_twice_in_a_row(site_fixture: str, request: pytest.FixtureRequest) -> None:
    site = request.getfixturevalue(site_fixture)[0]
    content = load_checked(ENGINE_STORY) if site_fixture == "built" else _first()
    names = site_names(content)
    found = {}
    for page in sorted(site.rglob("*.html")):
        twice = names_twice(Lines.of(page), names)
        if twice:
            found[str(page.relative_to(site))] = twice
    assert found == {}


def test_the_scan_finds_a_name_printed_twice() -> None:
    """The scan above would have caught the sentences issue 20 quotes."""
    names = {"British draft threatening measures under Chapter VII", "Resolution 2059, the final 30 days", "CNN"}
    assert names_twice("veto the British draft, British draft threatening measures under Chapter VII, their", names)
    assert names_twice("in Resolution 2059, Resolution 2059, the final 30 days", names)
    assert names_twice("Sources: CNN, CNN", names)
    assert not names_twice("in Resolution 2059, the final 30 days", names)
    assert not names_twice("CNN\nCNN", names)  # two cells of a table


def test_a_correction_links_to_its_record_without_repeating_its_name() -> None:
    text = build_site(ENGINE_STORY).pages["index.md"].text.split("## Corrections")[1]
    assert '(see <a href="figures.md#monitor-2023-04-16-deaths">the corrected figure</a>)' in text


def _first() -> Content:
    from conftest import first_story

    return load_checked(first_story())


def test_a_milestone_cut_at_an_earlier_moment_is_not_told_by_its_whole_summary(engine: Content) -> None:
    """The draft's summary says it was vetoed: an edition before the vote must not say so."""
    draft = next(
        d for d in engine.documents if d.vote is not None and d.tabled and d.tabled.latest < d.vote.date.earliest
    )
    story = with_records(engine, {draft.id: {"milestone": True, "summary": "The draft is vetoed."}})
    assert draft.tabled is not None
    day = Timestamp.parse(f"{draft.tabled.latest.isoformat()}T23:00:00Z")
    then = derive.derive(as_of(story, day))
    (line,) = [m for m in (*then.so_far.first, *then.so_far.recent) if m.record == draft.id]
    assert line.summary is None and "vetoed" not in said(story, line.sentence)
    now = derive.derive(story)
    assert [m.summary for m in now.so_far.recent if m.record == draft.id] == ["The draft is vetoed."]


@pytest.mark.parametrize("months_later", [0, 3, 30])
def test_how_long_is_counted_to_the_page_moment(engine: Content, months_later: int) -> None:
    """A story updated months after its dateline counts the months to that update, not to the dateline."""
    now = engine.story.now.moment
    year, month = divmod(now.month - 1 + months_later, 12)
    later = now.replace(year=now.year + year, month=month + 1)
    update = Update(at=Timestamp.parse(later.isoformat().replace("+00:00", "Z")), text="Later.")
    story = dataclasses.replace(
        engine, story=engine.story.model_copy(update={"updates": (*engine.story.updates, update)})
    )
    since = engine.story.since
    assert since is not None
    months = (later.year - since.date.earliest.year) * 12 + later.month - since.date.earliest.month
    expected = f"{months} months" if months < 24 else f"{months // 12} years"
    (how_long,) = [f for f in key_facts(story, derive.derive(story)) if f.label == "How long"]
    assert said(story, how_long.lines[0]) == f"{expected} since {since.label}"


def test_without_key_metrics_the_main_metric_is_the_first_with_claims(engine: Content) -> None:
    story = dataclasses.replace(engine, story=engine.story.model_copy(update={"key_metrics": ()}))
    facts = derive.derive(story)
    first = next(g for g in facts.metrics if g.claims)
    assert key_facts(story, facts)[0].label == first.label
