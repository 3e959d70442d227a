"""A quote in the published data says no more than is known: where it was published, and its day
only to the precision the content gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_site import json_ld

from generator.content.dates import FuzzyDate


@pytest.mark.parametrize(
    ("written", "known"),
    [
        ("2012-07-11", "2012-07-11"),
        ("2012-07", "2012-07"),
        ("2012", "2012"),
        ({"earliest": "2012-07-06", "latest": "2012-07-11", "text": "6-11 July"}, "2012-07"),
        ({"earliest": "2012-06-28", "latest": "2012-07-03"}, "2012"),
        ({"earliest": "2012-12-28", "latest": "2013-01-03"}, None),
        ({"earliest": "2012-07", "latest": "2012-07-31"}, "2012-07"),
    ],
)
def test_a_date_is_never_given_more_precisely_than_it_is_known(written: object, known: str | None) -> None:
    assert FuzzyDate.parse(written).known() == known


def test_every_quotation_cites_where_it_was_published(built: tuple[Path, str]) -> None:
    items = json_ld(built[0] / "quotes/index.html")["itemListElement"]
    assert items
    for item in items:
        assert item["citation"], item
        for work in item["citation"]:
            assert work["@type"] == "CreativeWork" and work["url"].startswith("https://") and work["publisher"]["name"]
