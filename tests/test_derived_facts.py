"""Derived facts that must be right on any story: each is tried on an invented story written here.

Sources differ only when two claims count the same thing the same way, within their metric's
window of each other, and the numbers their words allow cannot both be true; each
claimant's latest claim is the one made last; the first on a seniority ladder is its
highest so far; a total of approximate counts is never put as exact; a vote states one
outcome everywhere; an actor's last role is the one the story is about.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
import textwrap
from pathlib import Path
from typing import Any

import pytest
from conftest import ENGINE_STORY
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content.dates import FuzzyDate
from generator.content.load import Content
from generator.content.models import Actor, Figure, Measure, Metric, Qualifier
from generator.facts import sentences
from generator.facts.addresses import STORY_JSON, VOTES_CSV
from generator.facts.comparisons import Interval, claim_made, disagreeing_pairs, interval
from generator.facts.derive import Facts, Standing, derive
from generator.facts.metrics import metric_group
from generator.facts.outcomes import Basis
from generator.facts.roles import story_role
from generator.facts.views import actor_page
from generator.pipeline import build_site, load_checked
from generator.site import charts


def day(text: str) -> FuzzyDate:
    return FuzzyDate.parse(text)


def claim(key: str, value: int | None, when: str, by: str, **more: Any) -> Figure:
    fields: dict[str, Any] = {"metric": "killed", "as_of": day(when), "claimed_by": by, "sources": ("wire",)}
    if value is not None:
        fields["value"] = value
    return Figure.model_validate({"id": key, **fields, **more})


KILLED = Metric(id="killed", label="People killed", unit="deaths")


def compared(*claims: Figure, metric: Metric = KILLED) -> list[tuple[str, str]]:
    return [(a.id, b.id) for a, b in disagreeing_pairs(claims, metric)]


# --- what a claim's words allow -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("qualifier", "expected"),
    [
        ("exactly", Interval(1000, 1000)),
        ("more-than", Interval(1001, float("inf"))),
        ("at-least", Interval(1000, float("inf"))),
        ("fewer-than", Interval(0, 999)),
        ("up-to", Interval(0, 1000)),
        ("almost", Interval(950, 999)),
        ("nearly", Interval(950, 999)),
        ("about", Interval(950, 1050)),
    ],
)
def test_each_qualifier_allows_a_range(qualifier: str, expected: Interval) -> None:
    assert interval(claim("a", 1000, "2020-01-01", "x", qualifier=qualifier)) == expected


def test_estimates_give_a_range_and_one_end_alone_leaves_the_other_open() -> None:
    assert interval(claim("a", None, "2020-01-01", "x", low=300, best=340, high=380)) == Interval(300, 380)
    assert interval(claim("a", None, "2020-01-01", "x", best=340)) == Interval(340, 340)
    assert interval(claim("a", None, "2020-01-01", "x", low=300)) == Interval(300, float("inf"))
    assert interval(claim("a", None, "2020-01-01", "x", high=380)) == Interval(0, 380)
    about = claim("a", None, "2020-01-01", "x", low=300, high=380, qualifier="about")
    assert interval(about) == Interval(285, 399)


# --- sources differ -----------------------------------------------------------------------------


def test_floors_that_overlap_are_no_disagreement() -> None:
    assert (
        compared(
            claim("a", 10000, "2020-03-27", "monitor", qualifier="more-than"),
            claim("b", 9000, "2020-03-27", "un", qualifier="more-than"),
        )
        == []
    )


@pytest.mark.parametrize(
    ("first", "second", "differ"),
    [
        ({"value": 100, "qualifier": "up-to"}, {"value": 120}, True),
        ({"value": 250, "qualifier": "more-than"}, {"value": 100, "qualifier": "fewer-than"}, True),
        ({"value": 1000, "qualifier": "about"}, {"value": 1200, "qualifier": "at-least"}, True),
        ({"value": 1000, "qualifier": "about"}, {"value": 1040}, False),
        ({"value": 1000, "qualifier": "about"}, {"value": 1080}, True),
        ({"low": 300, "high": 380}, {"value": 400, "qualifier": "almost"}, False),  # almost 400: 380-399
        ({"low": 300, "high": 380}, {"value": 390}, True),
    ],
)
def test_claims_differ_only_when_no_number_fits_both(
    first: dict[str, Any], second: dict[str, Any], differ: bool
) -> None:
    a = claim("a", first.pop("value", None), "2020-03-27", "monitor", **first)
    b = claim("b", second.pop("value", None), "2020-03-28", "un", **second)
    assert compared(a, b) == ([("a", "b")] if differ else [])


def test_a_count_for_one_period_is_never_compared_with_a_running_total() -> None:
    total = claim("since", 2700, "2020-11-28", "ministry", qualifier="more-than")
    month = claim("november", 3486, "2020-11", "monitor", measure="period")
    assert compared(total, claim("other", 1000, "2020-11-29", "un")) == [("since", "other")]
    assert compared(total, month) == []


def test_period_counts_are_compared_only_for_the_same_period() -> None:
    period = Metric(id="killed", label="Killed in one day", unit="deaths", measure=Measure.PERIOD)
    monday, tuesday = claim("a", 78, "2020-07-06", "monitor"), claim("b", 20, "2020-07-07", "un")
    assert compared(monday, tuesday, metric=period) == []
    assert compared(monday, claim("c", 20, "2020-07-06", "un"), metric=period) == [("a", "c")]
    worded = claim(
        "d", 20, "2020-07-06", "un", as_of={"earliest": "2020-07-06", "latest": "2020-07-06", "text": "Monday"}
    )
    assert compared(monday, worded, metric=period) == [("a", "d")]  # the same day, however it is worded


def test_claims_further_apart_than_the_window_are_not_chained_through_a_third() -> None:
    early = claim("early", 100, "2020-05-01", "monitor")
    middle = claim("middle", 100, "2020-05-06", "monitor")  # agrees with both ends: the same claimant
    late = claim("late", 500, "2020-05-11", "un")  # 10 days after the first, 5 after the middle
    assert compared(early, middle, late) == [("middle", "late")]


def test_one_claimant_revising_its_number_is_not_sources_differing() -> None:
    assert compared(claim("a", 100, "2020-05-01", "monitor"), claim("b", 500, "2020-05-02", "monitor")) == []


values = st.integers(min_value=0, max_value=2000)
qualifiers = st.sampled_from(list(Qualifier))


@settings(deadline=None)
@given(values, qualifiers, values, qualifiers)
def test_a_pair_differs_exactly_when_no_number_fits_both(a: int, qa: Qualifier, b: int, qb: Qualifier) -> None:
    first, second = claim("a", a, "2020-01-01", "x", qualifier=qa), claim("b", b, "2020-01-02", "y", qualifier=qb)
    one, two = interval(first), interval(second)
    # Count the numbers both allow, one by one, past every end a qualifier can reach.
    both = any(one.low <= n <= one.high and two.low <= n <= two.high for n in range(2 * max(a, b) + 2))
    assert (compared(first, second) == [("a", "b")]) == (not both)


# --- the latest claim by each source -----------------------------------------------------------


def test_the_latest_claim_is_the_one_made_last_not_the_one_describing_the_latest_day() -> None:
    published = {"wire": day("2020-12-28"), "office-report": day("2021-01-02")}
    monitor = claim("monitor-late-december", 45000, "2020-12-20", "monitor", qualifier="more-than")
    office_old = claim("office-june", 10000, "2020-06-01", "office", sources=("wire",), reported=day("2020-06-02"))
    # Counted up to 30 November, published on 2 January: the office's newest word, and within the window.
    office = claim("office-november", 59648, "2020-11-30", "office", sources=("office-report",))
    assert claim_made(office, published) == day("2021-01-02")
    assert claim_made(office_old, published) == day("2020-06-02")
    assert claim_made(monitor, published) == day("2020-12-28")
    group = metric_group(KILLED, (office_old, office, monitor), published)
    assert [v.figure.id for v in group.latest_by_claimant] == ["office-november", "monitor-late-december"]
    assert group.older_by_claimant == ()
    office_view, monitor_view = group.latest_by_claimant
    assert sentences.render(office_view.made_note, str) == "reported 2 January 2021"  # said beside its date
    assert sentences.render(monitor_view.made_note, str) == "reported 28 December 2020"


def test_the_latest_claim_and_the_chart_keep_to_the_metrics_measure() -> None:
    published = {"wire": day("2020-12-01")}
    total = claim("since", 2700, "2020-10-04", "ministry", qualifier="more-than")
    month = claim("november", 3486, "2020-11", "ministry", measure="period")
    group = metric_group(KILLED, (total, month), published)
    assert [v.figure.id for v in group.latest_by_claimant] == ["since"]
    assert [v.figure.id for v in group.charted] == ["since"]
    assert [v.figure.id for v in group.claims] == ["since", "november"]
    assert group.left_out == "1 count for one period alone is in the table only."


def test_no_disagreement_pairs_repeat_or_cross_measures() -> None:
    claims = tuple(
        claim(f"c{i}", 100 * (i + 1), f"2020-05-{i + 1:02d}", f"by{i % 3}", measure=("period" if i % 4 == 0 else None))
        for i in range(12)
    )
    pairs = compared(*claims)
    assert len(pairs) == len(set(pairs))
    by_id = {c.id: c for c in claims}
    for a, b in pairs:
        assert (by_id[a].measure or Measure.TOTAL) == (by_id[b].measure or Measure.TOTAL)
    assert pairs  # the invented claims do disagree somewhere


# --- an invented story on disk: the coup fixture with one file written anew ----------------------


def story_with(tmp_path: Path, appended: dict[str, str] | None = None, **files: str) -> tuple[Content, Facts]:
    """The coup fixture story with some of its files replaced by the YAML given (name: text), and
    records appended to others."""
    root = tmp_path / "story"
    shutil.copytree(ENGINE_STORY, root)
    for name, text in files.items():
        (root / f"{name}.yml").write_text(textwrap.dedent(text), encoding="utf-8")
    for name, text in (appended or {}).items():
        with (root / f"{name}.yml").open("a", encoding="utf-8") as file:
            file.write(textwrap.dedent(text))
    content = load_checked(root)
    return content, derive(content)


def defection(key: str, actor: str, when: str, grade: str = "", people: str = "") -> str:
    seniority = f"\n  seniority: [{{track: diplomat, grade: {grade}}}]" if grade else ""
    return (
        f"- id: {key}\n  actor: {actor}\n  date: {when}\n  left: [{{organization: veloria}}]{seniority}{people}\n"
        "  sources: [example-wire-2023-06-20]\n"
    )


def test_the_first_on_a_ladder_is_its_highest_so_far_and_marked(tmp_path: Path) -> None:
    _, facts = story_with(
        tmp_path,
        defections=defection("first", "tomas-arlen", "2023-02-26", "ambassador")
        + defection("lower", "lena-marsh", "2023-03-20", "charge")
        + defection("equal", "anselm-koval", "2023-04-02", "ambassador"),
    )
    ranks = {row.defection.id: row.ranks[0] for row in facts.defections}
    assert (ranks["first"].standing, ranks["first"].highest) == (Standing.FIRST, True)
    assert (ranks["lower"].standing, ranks["lower"].highest) == (Standing.BELOW, False)
    assert (ranks["equal"].standing, ranks["equal"].highest) == (Standing.EQUALS, False)
    assert [(leader.row.defection.id, leader.rank.grade_label) for leader in facts.leaders] == [("first", "ambassador")]
    chart = str(charts.defections_chart(facts.defections, lambda key: key))
    assert "tomas-arlen, 26 February 2023: ambassador (diplomat), highest so far" in chart
    assert chart.count("highest so far") == chart.count("<svg")  # once in each frame: the first alone
    assert "the one filled mark was the most senior on its ladder so far" in chart


def test_a_first_outranked_by_one_that_may_have_come_as_early_is_not_the_highest(tmp_path: Path) -> None:
    _, facts = story_with(
        tmp_path,
        defections=defection("low", "lena-marsh", "2023-03", "charge")  # some day in March
        + defection("high", "tomas-arlen", "2023-03-20", "ambassador"),
    )
    ranks = {row.defection.id: row.ranks[0] for row in facts.defections}
    assert ranks["low"].standing is Standing.FIRST and not ranks["low"].highest
    assert ranks["high"].highest


def test_a_total_with_estimates_never_puts_them_as_exact(tmp_path: Path) -> None:
    _, facts = story_with(
        tmp_path,
        defections=defection("one", "tomas-arlen", "2023-02-26")
        + defection("two", "lena-marsh", "2023-03-20")
        + defection("three", "anselm-koval", "2023-03-21")
        + defection("group", "velorian-army", "2023-03-22", people="\n  people: 8000\n  people_qualifier: about"),
    )
    assert facts.defection_people == "3 and about 8,000 more"
    assert facts.defection_months[-1].total == "3 and about 8,000 more"
    assert [m.people for m in facts.defection_months] == ["1", "2 and about 8,000 more"]


# --- one outcome everywhere --------------------------------------------------------------------

UNSETTLED_VOTES = """
- id: council-unsettled-2023-05
  kind: draft-resolution
  title: Council draft on the border crossings
  body: un-security-council
  tabled: 2023-05-02
  provisions: [Opens two border crossings for aid.]
  status: adopted
  vote: {date: 2023-05-03, members: {no: [fenwick, galen]}}
  sources: [example-wire-2023-06-20]
- id: assembly-named-2023-05
  kind: assembly-resolution
  title: Assembly resolution on the detained
  body: un-general-assembly
  tabled: 2023-05-04
  provisions: [Calls for the release of the detained.]
  status: adopted
  vote: {date: 2023-05-05, tally: {yes: 120, no: 10, abstain: 40}, members: {yes: [galen], no: [borea]}}
  sources: [example-wire-2023-06-20]
"""


def outcome_cells(page: str, document: str) -> list[str]:
    """The outcome labels a page prints (m.outcome) on the lines that name a document."""
    lines = [line for line in page.splitlines() if document in line or "se-outcome" in line]
    return re.findall(r'se-status se-status--([a-z-]+)">([^<]*)<', "\n".join(lines))


def test_a_vote_with_unknown_members_states_one_outcome_everywhere(tmp_path: Path) -> None:
    root = tmp_path / "story"
    shutil.copytree(ENGINE_STORY, root)
    with (root / "documents.yml").open("a", encoding="utf-8") as file:
        file.write(UNSETTLED_VOTES)
    content = load_checked(root)
    view = derive(content).votes["council-unsettled-2023-05"]
    assert view.count is not None and view.count.outcome is None  # 13 seats unknown: the rule settles nothing
    assert (view.verdict.status, view.verdict.label, view.verdict.basis) == (
        "adopted",
        "adopted, as reported",
        Basis.REPORTED,
    )
    site = build_site(root)
    said = {
        "index": outcome_cells(site.pages["votes/index.md"].text, "council-unsettled-2023-05"),
        "page": outcome_cells(site.pages["votes/council-unsettled-2023-05.md"].text, "se-outcome"),
        "timeline": outcome_cells(site.pages["timeline.md"].text, "council-unsettled-2023-05"),
    }
    for where, cells in said.items():
        assert cells and set(cells) == {("adopted", "adopted, as reported")}, where
    page = site.pages["votes/council-unsettled-2023-05.md"].text
    assert "Outcome, as the sources report it:" in page and "undetermined" not in page
    assert "The votes the sources give do not settle it by the adoption rule" in page
    assert "0–2–0</span><br><small>13 unknown</small>" in site.pages["votes/index.md"].text
    rows = list(csv.DictReader(io.StringIO(site.files[VOTES_CSV].decode("utf-8-sig"))))
    unsettled = [r for r in rows if r["document_id"] == "council-unsettled-2023-05"]
    assert len(unsettled) == 15  # every seat of a vote listed seat by seat, the unknown ones too
    assert {(r["outcome"], r["outcome_basis"]) for r in unsettled} == {("adopted", "reported")}
    # A vote the sources give only in part: the members they name are in the table all the same.
    named = {(r["member_id"], r["vote"]) for r in rows if r["document_id"] == "assembly-named-2023-05"}
    assert named == {("galen", "yes"), ("borea", "no")}
    story = json.loads(site.files[STORY_JSON])
    fact = next(v for v in story["facts"]["votes"] if v["document"] == "council-unsettled-2023-05")
    assert (fact["status"], fact["outcome"], fact["outcome_basis"]) == ("adopted", None, "reported")


def test_every_named_vote_is_in_the_votes_table() -> None:
    site = build_site(ENGINE_STORY)
    content = load_checked(ENGINE_STORY)
    rows = {
        (r["document_id"], r["member_id"], r["vote"])
        for r in csv.DictReader(io.StringIO(site.files[VOTES_CSV].decode("utf-8-sig")))
    }
    for document in content.documents:
        members = document.vote.members if document.vote else None
        if members is None or content.membership(document.body, document.vote.date.earliest.year) is None:
            continue
        for choice in ("yes", "no", "abstain", "absent"):
            for member in getattr(members, choice):
                assert (document.id, member, choice) in rows


# --- the role an actor's page names ------------------------------------------------------------

ROLES = """
- id: petra-lind
  name: Petra Lind
  kind: person
  description: Veloria's envoy to Wexmoor until she broke with the junta.
  side: civilian
  roles:
    - {title: Governor of the north, organization: veloria, end: 2019, ended: term-ended}
    - {title: Ambassador to Wexmoor, organization: veloria, start: 2021, end: 2023-04-20, ended: defected}
    - {title: Member of the workers' party, organization: velorian-army, end: 2023-04-20, ended: defected}
  sources: [example-wire-2023-06-20]
- id: olek-marr
  name: Olek Marr
  kind: person
  description: The junta's chief, who also chairs a sports club.
  side: military
  roles:
    - {title: Chair of the sailing club, organization: oban, start: 2010}
    - {title: Head of the council, organization: national-restoration-council, start: 2023-02-01}
    - {title: Honorary consul, organization: arden, start: {scheduled: 2030-01-01}}
  sources: [example-wire-2023-06-20]
"""
LEFT = """
- id: petra-lind-2023-04
  actor: petra-lind
  date: 2023-04-20
  left:
    - {organization: velorian-army}
    - {role: Ambassador to Wexmoor, organization: veloria}
  sources: [example-wire-2023-06-20]
"""


def test_the_role_shown_is_the_one_the_story_is_about_not_the_last_listed(tmp_path: Path) -> None:
    content, facts = story_with(tmp_path, appended={"actors": ROLES, "defections": LEFT})
    lind = actor_page(content, facts, facts.actors["petra-lind"])
    assert lind.role_over and say(content, lind.last_role) == "Former ambassador to Wexmoor until 20 April 2023"
    # Of two roles held, the one in the organization the story names most; never one not yet begun.
    marr = actor_page(content, facts, facts.actors["olek-marr"])
    assert facts.prominence["national-restoration-council"] < facts.prominence["oban"]
    assert not marr.role_over and say(content, marr.last_role) == "Head of the council"


def test_with_no_role_held_or_left_the_last_to_end_is_shown() -> None:
    actor = Actor.model_validate(
        {
            "id": "envoy",
            "name": "Envoy",
            "kind": "person",
            "description": "An envoy.",
            "side": "un",
            "roles": [
                {
                    "title": "Special envoy",
                    "organization": "un",
                    "start": "2012-02",
                    "end": "2012-08",
                    "ended": "resigned",
                },
                {"title": "Secretary-general", "organization": "un", "start": "1997", "end": "2006"},
            ],
            "sources": ["wire"],
        }
    )
    role = story_role(actor, {"un": 0}, (), dt.date(2013, 1, 1))
    assert role is not None and role.title == "Special envoy"


def say(content: Content, phrase: sentences.Phrase) -> str:
    return sentences.render(phrase, lambda key: content.actor_name(key))


def test_a_claims_scope_is_shown_wherever_the_claim_is(tmp_path: Path) -> None:
    root = tmp_path / "story"
    shutil.copytree(ENGINE_STORY, root)
    with (root / "figures.yml").open("a", encoding="utf-8") as file:
        file.write(
            "- {id: monitor-martyrs, metric: deaths, value: 130, as_of: 2023-06-03, scope: Martyrs only.,"
            " claimed_by: veloria-rights-monitor, sources: [example-wire-2023-06-20]}\n"
        )
    site = build_site(root)
    for page in ("index.md", "figures.md", "timeline.md"):
        text = site.pages[page].text
        shown = [line for line in text.splitlines() if "monitor-martyrs" in line or "130 (" in line]
        assert shown and all("Martyrs only." in line for line in shown), page
