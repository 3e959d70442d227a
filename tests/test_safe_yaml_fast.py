"""The fast way of reading YAML (safe_yaml._read_events) gives what the careful way gives, or steps aside.

The careful way checks the depth on the parser's events, composes nodes and builds values from
them, refusing what content must not hold with a located message. The fast way builds the values
from the events in one pass and hands anything unusual to the careful way. So for any text: when
the fast way gives values, the careful way gives equal values and no problem; and `load_file`
always answers as the careful way alone would.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, TESTS, examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.content import safe_yaml

SETTINGS = settings(
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=False,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Pieces that take the fast way off its path, or near its edges: keys the resolver reads as
# something else, anchors and aliases, tags, numbers, empty values, several documents.
PIECES = [
    "a: ",
    "b: ",
    "yes: ",
    "no: ",
    "~: ",
    "<<: ",
    "=: ",
    "'q': ",
    '"q": ',
    "? ",
    "- ",
    "  ",
    "\n",
    "x",
    "a",
    "1",
    "-1",
    "0x1f",
    "1_000",
    "1e3",
    ".nan",
    "-.inf",
    "0o17",
    "yes",
    "Off",
    "null",
    "~",
    "2019-03-14",
    "12:30",
    "'it''s'",
    '"\\u00e9"',
    "|\n  text\n",
    ">-\n  folded\n",
    "[",
    "]",
    "{",
    "}",
    ", ",
    "[a, b]",
    "{a: 1, b: [2]}",
    "&x ",
    "*x",
    "! ",
    "!!str ",
    "!!int ",
    "!!python/object:os.system ",
    "---\n",
    "...\n",
    "# comment\n",
    "\t",
    "9" * 5000,
    "[" * 61 + "]" * 61,
    "[" * 60 + "]" * 60,
]

SCALARS = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=12),
    st.integers(),
    st.floats(allow_nan=False),
    st.booleans(),
    st.none(),
)
DATA = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.text(st.characters(codec="ascii"), max_size=6), inner, max_size=4),
    ),
    max_leaves=20,
)


def _careful(text: str) -> Any:
    """The careful way alone: the values, or the _Fail it raises."""
    safe_yaml._check_tabs(text)
    builder = safe_yaml._Builder(safe_yaml.YamlFile("x"), len(text), positions=False)
    return builder.build(safe_yaml._compose(text), ())


def _answer(text: str) -> str:
    """What the careful way gives, as its repr: so that True is not 1, NaN equals NaN, and key order counts."""
    try:
        return repr(_careful(text))
    except safe_yaml._Fail as fail:
        return repr(("failed", fail.line, fail.column, fail.message))


def assert_same_as_careful(text: str) -> None:
    """When the fast way gives values, they are the careful way's; and load_file answers as the careful way."""
    careful = _answer(text)
    try:
        fast = safe_yaml._read_events(text)
    except (safe_yaml._Unusual, yaml.YAMLError):
        pass  # the careful way's turn
    else:
        assert repr(fast) == careful, text
    parsed, problems = safe_yaml.load_file(Path("x.yml"), "x.yml", text.encode("utf-8", "surrogatepass"))
    if problems:
        assert repr(("failed", problems[0].line, problems[0].column, problems[0].message)) == careful, text
    else:
        assert repr(parsed.data) == careful, text


@settings(SETTINGS, max_examples=examples(500))
@given(st.lists(st.sampled_from(PIECES), max_size=14).map("".join))
def test_pieces_read_fast_as_careful(text: str) -> None:
    assert_same_as_careful(text)


@settings(SETTINGS, max_examples=examples(300))
@given(DATA, st.sampled_from([None, True, False]))
def test_dumped_values_read_fast_as_careful(data: Any, flow: bool | None) -> None:
    text = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True)
    assert_same_as_careful(text)


@pytest.mark.parametrize(
    "path",
    sorted([*(ROOT / "content").rglob("*.yml"), *(TESTS / "fixtures").rglob("*.yml")]),
    ids=lambda path: path.relative_to(ROOT).as_posix(),
)
def test_content_files_take_the_fast_way(path: Path) -> None:
    """Content as editors write it never needs the careful way (else loading is twice as slow again)."""
    text = path.read_text(encoding="utf-8")
    assert repr(safe_yaml._read_events(text)) == _answer(text)


def test_deep_nesting_steps_aside_without_recursing() -> None:
    """The fast way keeps no stack of its own beyond MAX_DEPTH: the careful way then refuses."""
    with pytest.raises(safe_yaml._Unusual):
        safe_yaml._read_events("[" * 30_000)
    _, problems = safe_yaml.load_file(Path("x.yml"), "x.yml", ("[" * 30_000).encode())
    assert [p.message for p in problems] == [f"nested deeper than {safe_yaml.MAX_DEPTH} levels (flatten the data)"]


def test_a_value_written_again_reads_as_the_first_time() -> None:
    # The constructed values are made once per word (safe_yaml._word): the same text must
    # read the same everywhere, and as the careful way reads it.
    text = "- a: false\n  b: 0x1f\n  c: 1.5\n  d: null\n" * 3 + "- a: False\n  b: 31\n  c: .inf\n  d: ~\n"
    assert_same_as_careful(text)
    assert_same_as_careful(text)
