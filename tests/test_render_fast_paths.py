"""The shortcuts that make printing pages cheap give what the plain way gives.

- the messages templates print without variables, formatted once per language (environment._gettext);
- what a template prints, escaped by our compiler's output_escape rather than markupsafe's escape().
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup, escape

from generator.content.i18n import speaking
from generator.site.environment import _gettext, environment, output_escape


def test_a_message_without_variables_reads_as_formatted_each_time() -> None:
    for language in ("en", "fr", "ar"):
        with speaking(language):
            for message in ("Sources", "Breadcrumb", "100%% sure", "Next →"):
                first, again = _gettext(message), _gettext(message)
                assert first == again == _gettext(message, unused=1)
                assert isinstance(first, Markup)


class _Html:
    """An object that prints itself as HTML of its own, as Jinja lets any object do."""

    def __html__(self) -> str:
        return "<b>own</b>"


class _OwnMarkup(Markup):
    """A Markup subclass whose HTML is not its text: it must not be printed as it is."""

    def __html__(self) -> str:
        return "<i>other</i>"


@given(st.text() | st.integers() | st.none() | st.text().map(Markup) | st.text().map(escape))
def test_output_escape_prints_what_escape_prints(value: Any) -> None:
    printed = output_escape(value)
    assert printed == escape(value)
    assert type(printed) is Markup


@pytest.mark.parametrize("value", [_Html(), _OwnMarkup("<x>"), Markup("<a href='x'>&amp;</a>"), "<script>"])
def test_output_escape_of_objects_with_html_of_their_own(value: Any) -> None:
    assert output_escape(value) == escape(value)


def test_templates_print_through_output_escape(tmp_path: Path) -> None:
    (tmp_path / "t.html").write_text("{{ a }}|{{ b }}|{{ c }}|{% autoescape false %}{{ a }}{% endautoescape %}")
    env = environment(tmp_path)
    printed = env.get_template("t.html").render(a="<i>", b=Markup("<b>"), c=_OwnMarkup("x"))
    assert printed == "&lt;i&gt;|<b>|<i>other</i>|<i>"
    assert "output_escape(" in env.compile(env.loader.get_source(env, "t.html")[0], raw=True)  # type: ignore[union-attr]
