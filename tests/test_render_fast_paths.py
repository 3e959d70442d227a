"""The shortcuts that make printing pages cheap give what the plain way gives.

- tidy: blank lines collapsed by one regular expression over the joined lines, where it tested
  each line against the one before (environment.tidy);
- the messages templates print without variables, formatted once per language (environment._gettext).
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup

from generator.content.i18n import speaking
from generator.site.environment import _gettext, tidy


def _tidy_line_by_line(text: str) -> str:
    """tidy as it was: each line kept unless it is blank after a blank one."""
    kept: list[str] = []
    for line in (line.rstrip() for line in text.splitlines()):
        if line or (kept and kept[-1]):
            kept.append(line)
    return "\n".join(kept).strip() + "\n"


# Texts made of what tidy treats specially: spaces, tabs, every kind of line break, and words.
_PIECES = st.sampled_from(["\n", "\r\n", "\r", " ", "\t", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "a", "<p>", "é"])


@given(st.lists(_PIECES, max_size=40).map("".join))
def test_tidy_reads_as_the_line_by_line_way(text: str) -> None:
    assert tidy(text) == _tidy_line_by_line(text)


def test_a_message_without_variables_reads_as_formatted_each_time() -> None:
    for language in ("en", "fr", "ar"):
        with speaking(language):
            for message in ("Sources", "Breadcrumb", "100%% sure", "Next →"):
                first, again = _gettext(message), _gettext(message)
                assert first == again == _gettext(message, unused=1)
                assert isinstance(first, Markup)
