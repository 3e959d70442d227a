"""Attributed claims read as claims everywhere a relation or role is shown; ended roles read as ended.

Each rendered relation (actor pages, who's who, the relations graph) is read back from the
built pages and sorted into what it states as fact and what it gives as someone's claim. A
relation stated as fact must be one the content gives as fact; every attributed relation
must be shown as the claim of whoever makes it.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import ENGINE_STORY, TESTS, first_story

from generator.content.load import Content
from generator.content.models import Actor, Attribution, RelationKind
from generator.facts.derive import derive
from generator.facts.roles import story_role
from generator.facts.sentences import CLAIM_MARK, CLAIMED_RELATIONS, RELATION_VERBS
from generator.pipeline import build_site, load_checked
from generator.site.render import Site

# Where each story lives, asked only when a test runs: first_story() skips when content/ holds another.
STORIES: dict[str, Callable[[], Path]] = {
    "harbour": lambda: TESTS / "fixtures" / "harbour-story",
    "coup": lambda: ENGINE_STORY,
    "first": first_story,
}
Triple = tuple[str, str, str]  # (actor, relation kind, other actor)


@pytest.fixture(scope="module", params=sorted(STORIES))
def story(request: pytest.FixtureRequest) -> tuple[Content, Site]:
    root = STORIES[request.param]()
    return load_checked(root), build_site(root)


def plain(markup: str) -> str:
    """The text a reader sees in a piece of markup: tags gone, entities read, spaces collapsed."""
    spaced = re.sub(r"</?(?:dt|dd|li|td|th|tr|p|div|dl)\b[^>]*>", " ", markup)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", spaced)).split())


def claimant(content: Content, attribution: Attribution) -> str:
    if attribution.by is not None:
        actor = content.by_id[attribution.by]
        assert isinstance(actor, Actor)
        return actor.name
    return attribution.group or ""


def relations(content: Content) -> Iterator[tuple[Triple, Attribution | None]]:
    for actor in content.actors:
        for relation in actor.relations:
            yield (actor.id, relation.kind.value, relation.target), relation.attribution


def facts_in(content: Content) -> set[Triple]:
    return {triple for triple, attribution in relations(content) if attribution is None}


def name(content: Content, actor_id: str) -> str:
    actor = content.by_id[actor_id]
    assert isinstance(actor, Actor)
    return actor.name


def claim_words(content: Content, attribution: Attribution) -> str:
    """'accused by some opposition members': what every rendering of the claim must say."""
    participle = CLAIMED_RELATIONS[attribution.verb][RelationKind.BACKS].split(" by ")[0]
    return f"{participle} by {claimant(content, attribution)}"


def page_relations(content: Content, site: Site, actor: Actor) -> list[str]:
    page = site.pages[f"actors/{actor.id}.md"].text
    block = re.search(r'<ul class="se-relations">(.*?)</ul>', page, re.S)
    return [plain(item) for item in re.findall(r"<li>(.*?)</li>", block.group(1), re.S)] if block else []


def stated_on_actor_pages(content: Content, site: Site) -> tuple[set[Triple], list[str]]:
    """What the actor pages state as fact, and every line they give as a claim."""
    stated: set[Triple] = set()
    claims: list[str] = []
    names = {a.id: a.name for a in content.actors}
    for actor in content.actors:
        for line in page_relations(content, site, actor):
            found = False
            for kind in RelationKind:
                starts, between = RELATION_VERBS[kind]
                for other, other_name in names.items():
                    if line.startswith(f"{starts} {other_name}."):
                        stated.add((actor.id, kind.value, other))
                        found = True
                    if line.startswith(f"{other_name} {between} {actor.name}."):
                        stated.add((other, kind.value, actor.id))
                        found = True
            if not found:
                claims.append(line)
    return stated, claims


def test_the_stories_have_attributed_relations(story: tuple[Content, Site]) -> None:
    content, _ = story
    assert any(attribution for _, attribution in relations(content))


def test_actor_pages_state_as_fact_only_what_the_content_states_as_fact(story: tuple[Content, Site]) -> None:
    content, site = story
    stated, claims = stated_on_actor_pages(content, site)
    assert stated, "no relation found on the actor pages"
    assert stated <= facts_in(content), f"claims rendered as fact: {stated - facts_in(content)}"
    # Each attributed relation is told as its claimant's claim on both actors' pages.
    for (source, kind, target), attribution in relations(content):
        if attribution is None:
            continue
        words = claim_words(content, attribution)
        for page_actor in (source, target):
            actor = content.by_id[page_actor]
            assert isinstance(actor, Actor)
            lines = [line for line in page_relations(content, site, actor) if words.lower() in line.lower()]
            assert lines, f"{page_actor}: no line says the relation {source} {kind} {target} is {words}"
            assert all(line in claims for line in lines)


def test_whos_who_table_and_graph_never_state_a_claim_as_fact(story: tuple[Content, Site]) -> None:
    content, site = story
    page = site.pages["actors/index.md"].text
    names = {a.name: a.id for a in content.actors}
    rows = re.findall(
        r'<td data-label="Actor">(.*?)</td><td data-label="Relation">(.*?)</td><td data-label="To">(.*?)</td>', page
    )
    assert len(rows) == sum(1 for _ in relations(content))
    claimed = {triple: attribution for triple, attribution in relations(content) if attribution is not None}
    shown_claims = 0
    for source, relation, target in rows:
        source_id, target_id, relation = names[plain(source)], names[plain(target)], plain(relation)
        kind = next((k for k in RelationKind if relation == k.value.replace("-", " ")), None)
        if kind is not None:
            assert (source_id, kind.value, target_id) in facts_in(content), f"{source_id} {relation} {target_id}"
        else:
            shown_claims += 1
            assert any(
                s == source_id and t == target_id and relation.startswith(claim_words(content, a))
                for (s, _, t), a in claimed.items()
            ), relation
    assert shown_claims == len(claimed)
    # The graph: a solid or plain arrow is a fact; a claim has its own style, its word on it, and a title telling it.
    graph = re.search(r'<svg[^>]*aria-labelledby="relations-chart-wide-title.*?</svg>', page, re.S)
    assert graph is not None
    arrows = re.findall(r'<path d="[^"]+" class="se-edge se-edge--([a-z-]+)"[^>]*><title>(.*?)</title>', graph.group(0))
    facts = [title for kind, title in arrows if kind != "claim"]
    drawn_claims = [html.unescape(title) for kind, title in arrows if kind == "claim"]
    assert len(facts) == len(facts_in(content))
    assert len(drawn_claims) == len(claimed)
    for attribution in claimed.values():
        assert any(claim_words(content, attribution) in title for title in drawn_claims)
        assert f">{CLAIM_MARK[attribution.verb]}</text>" in graph.group(0)


def test_exports_keep_each_claim_attributed(story: tuple[Content, Site]) -> None:
    """The JSON data and the CSV table carry whose claim each relation is, not a bare relation."""
    content, site = story
    records = json.loads(site.files["data/story.json"])["records"]["actors"]
    for record, actor in zip(records, content.actors, strict=True):
        for data, relation in zip(record.get("relations", []), actor.relations, strict=True):
            expected = relation.attribution.model_dump(mode="json", exclude_none=True) if relation.attribution else None
            got = data["attribution"]
            assert ({k: v for k, v in got.items() if v is not None} if got else None) == expected
    table = site.files["data/actors.csv"].decode("utf-8-sig")
    assert "relations_attribution_verb" in table.splitlines()[0]


def test_structured_data_gives_no_ended_or_claimed_role_as_a_job_title(story: tuple[Content, Site]) -> None:
    content, site = story
    facts, now = derive(content), content.story.now.moment.date()
    for actor in content.actors:
        page = site.pages[f"actors/{actor.id}.md"].text
        titles = re.findall(r'\\"jobTitle\\":\\"(.*?)\\"', page)
        role = story_role(actor, facts.prominence, facts.actors[actor.id].defections, now)
        shown = role is not None and not role.over and role.attribution is None and actor.kind.value == "person"
        assert titles == ([role.title] if shown and role else [])


def test_ended_roles_read_as_ended(story: tuple[Content, Site]) -> None:
    content, site = story
    facts = derive(content)
    checked = 0
    for actor in content.actors:
        if not actor.roles:
            continue
        page = plain(site.pages[f"actors/{actor.id}.md"].text)
        now = content.story.now.moment.date()
        role = story_role(actor, facts.prominence, facts.actors[actor.id].defections, now)
        assert role is not None
        if role.over:
            assert f"Last role Former {role.title[:1].lower()}" in page or f"Last role Former {role.title}" in page
            assert "Current role" not in page
            checked += 1
        else:
            assert f"Current role {role.title}" in page
        assert "Latest role" not in page
    assert checked == sum(1 for a in content.actors if a.roles and all(r.over for r in a.roles))


def test_first_story_tells_its_accusations_as_accusations() -> None:
    site = build_site(first_story())
    russia = plain(site.pages["actors/russia.md"].text)
    iran = plain(site.pages["actors/iran.md"].text)
    assert "Accused by some opposition members of backing Syrian government, CNN reports." in russia
    assert "Accused by Susan Rice of backing Syrian government, CNN reports." in iran
    fares = plain(site.pages["actors/nawaf-al-fares.md"].text)
    assert "Last role Former ambassador to Iraq until 11 July 2012" in fares  # the post the story is about
    figures = plain(site.pages["figures.md"].text)
    assert "reported 11 July 2012 United Nations more than 10,000" in figures


def test_built_html_tells_the_claim(first_built: tuple[Path, str]) -> None:
    """The same in the site MkDocs builds: the accusation, and no line that states it."""
    page = plain((first_built[0] / "actors" / "russia" / "index.html").read_text(encoding="utf-8"))
    assert "Accused by some opposition members of backing Syrian government, CNN reports." in page
    assert "Backs Syrian government" not in page


# The nine claims of the article that the fact-check found missing, each where the site tells it, and
# the article's hedges where the site repeats what it hedged.
ARTICLE_CLAIMS = {
    "defections.md": (
        "to aim its artillery at the regime's “criminals” instead",
        "Neither the Iraqi nor the Syrian government commented at once, CNN reported.",
    ),
    "timeline.md": (
        "if the Syrian government did not comply with parts of Annan's six-point plan",
        "Russia and China, permanent members of the Council like Britain, oppose putting such pressure",
        "many other nations said could have pushed Assad to stop his crackdown",
        "it was unclear whether the Russians had changed their position",
        "the meeting was useful because the SNC needed to keep engaging with Russia",
        "appeals to officials in Syria, Russia and China to side with the Syrian people",
        "saying that the world's stability is at stake",
        "stuck in a deadly stalemate",
        "A notable meeting between a main opposition group",
    ),
}


def test_first_story_covers_its_article() -> None:
    site = build_site(first_story())
    for path, claims in ARTICLE_CLAIMS.items():
        text = html.unescape(site.pages[path].text)
        text = " ".join(re.sub(r"<[^>]+>", "", text).split())
        for claim in claims:
            assert claim in text, f"{path}: {claim}"
    defections = plain(site.pages["defections.md"].text)
    # The abbreviation is spelled out at its first use on the page, which may be this one.
    said = r"he was still in Iraq on the day, according to two SNC (\(Syrian National Council\) )?members"
    assert re.search(said, defections)
    # The brigadier general CNN did not name is not named on CNN's word.
    assert "CNN reported that he left" not in defections
