"""A quote names its speaker by the post they held on the day (generator/facts/speakers.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TESTS

from generator.content.dates import FuzzyDate
from generator.content.models import Actor, Attribution, Role, RoleEnd
from generator.facts.derivation import derive_site
from generator.facts.derive import derive
from generator.facts.speakers import role_at, speaker_role
from generator.facts.views import quotes_page
from generator.pipeline import load_checked
from generator.site.render import Renderer

FIXTURES = sorted(p for p in (TESTS / "fixtures").iterdir() if p.is_dir())


def _date(value: str) -> FuzzyDate:
    return FuzzyDate.parse(value)


def _actor(*roles: Role) -> Actor:
    # Only the roles matter here: the rest of an actor is checked by the loader's own tests.
    return Actor.model_construct(id="someone", roles=roles)


GOVERNOR = Role(title="Governor of the province", organization="government")  # undated: a post long before
ENVOY = Role(title="Envoy to the north", organization="government", start=_date("2008-09"), end=_date("2012-07-11"))
MINISTER = Role(title="Minister", organization="government", start=_date("2012-08"))


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2010-01-01", ENVOY),  # begun last among those held; the undated one only when alone
        ("2012-07-11", ENVOY),  # held to its last day
        ("2012-07-20", GOVERNOR),  # between posts: only the undated one may still be held
        ("2012-08", MINISTER),  # a month: begun by its last day
        ("2008-09-15", GOVERNOR),  # a post begun "in September 2008" is not surely held on the 15th
    ],
)
def test_the_post_held_on_the_day_is_the_one_begun_last(day: str, expected: Role) -> None:
    assert role_at(_actor(GOVERNOR, ENVOY, MINISTER), _date(day)) == expected


def test_a_post_ended_on_an_unrecorded_day_or_claimed_by_someone_is_not_stated() -> None:
    ended = Role(title="Colonel", organization="army", ended=RoleEnd.DEFECTED)
    claimed = Role(title="Spy chief", attribution=Attribution(verb="claims", group="some officials"))
    assert role_at(_actor(ended, claimed), _date("2012-07-11")) is None


def test_the_organization_is_named_unless_the_title_names_it() -> None:
    names = {"government": "Government", "united-nations": "United Nations"}.__getitem__
    envoy = speaker_role(_actor(ENVOY), _date("2010"), names)
    assert [(bit.text, bit.ref) for bit in envoy] == [("Envoy to the north, ", None), ("", "government")]
    chief = Role(title="Secretary-General of the United Nations", organization="united-nations")
    assert [bit.text for bit in speaker_role(_actor(chief), _date("2012"), names)] == [chief.title]


@pytest.mark.parametrize("story", FIXTURES, ids=lambda p: p.name)
def test_each_quote_names_a_post_surely_held_that_day_or_else_the_side(story: Path) -> None:
    content = load_checked(story)
    facts = derive(content)
    page = quotes_page(content, facts)
    actors = {a.id: a for a in content.actors}
    text = Renderer(derive_site(content, facts=facts)).render().pages["quotes.md"].text
    for row in page.quotes:
        role = role_at(actors[row.quote.speaker], row.quote.date)
        if role is None:
            assert row.role == ()
            assert f"{row.side}, at the time" in text
            continue
        assert row.quote.date.settled <= (role.end.earliest if role.end else row.quote.date.settled)
        assert role.start is None or role.start.settled <= row.quote.date.settled
        assert role.title in text
