"""Our compiler's shortcuts (environment._Printer) print what Jinja's own calls print.

- a renderer's filter is its bound method, taken once per render rather than at each call;
- a message (`_("...")`) calls _gettext directly, and anything else bound to `_` as Jinja calls it;
- an attribute is read by the builtin getattr, and Jinja's own lookup runs where the object has none.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jinja2 import Environment, StrictUndefined, UndefinedError, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from generator.content.i18n import speaking
from generator.site.environment import _gettext, environment


class _Renderer:
    """Stands in for the renderer: answers the `ref` filter with the page it prints on."""

    def _ref(self, ctx: Context, record_id: str, label: str | None = None) -> Markup:
        return Markup(f"[{ctx['page_path']}:{record_id}:{label}]")  # noqa: S704 - test text


def test_a_renderer_filter_calls_the_renderer_of_the_render(tmp_path: Path) -> None:
    (tmp_path / "_m.html").write_text('{% macro link(id) %}{{ id|ref("m") }}{% endmacro %}')
    (tmp_path / "t.html").write_text(
        '{% import "_m.html" as m with context %}{{ "a"|ref }}|'
        '{% for i in ids %}{{ i|ref }}{% endfor %}|{{ m.link("b") }}'
    )
    template = environment(tmp_path).get_template("t.html")
    printed = template.render(_renderer=_Renderer(), page_path="p.md", ids=["x", "y"])
    assert printed == "[p.md:a:None]|[p.md:x:None][p.md:y:None]|[p.md:b:m]"
    # Another render, another renderer: nothing of the first is kept in the compiled template.
    assert template.render(_renderer=_Renderer(), page_path="q.md", ids=[]) == "[q.md:a:None]||[q.md:b:m]"


def test_a_renderer_filter_without_a_renderer_fails_only_when_called(tmp_path: Path) -> None:
    (tmp_path / "t.html").write_text('{% if show %}{{ "a"|ref }}{% endif %}ok')
    template = environment(tmp_path).get_template("t.html")
    assert template.render(show=False) == "ok"


@pass_context
def _own(ctx: Context, message: str, **variables: Any) -> str:
    return f"{ctx['who']}:{message}:{sorted(variables.items())}"


def test_an_underscore_bound_to_something_else_is_called_as_jinja_calls_it(tmp_path: Path) -> None:
    (tmp_path / "t.html").write_text('{{ _("Sources") }}|{% for n in [1] %}{{ _("Next", n=n) }}{% endfor %}')
    printed = environment(tmp_path).get_template("t.html").render(_=_own, who="me")
    assert printed == "me:Sources:[]|me:Next:[(&#39;n&#39;, 1)]"


@given(
    st.sampled_from(["Sources", "Breadcrumb", "100%% sure"]),
    st.sampled_from(["(since %(date)s)", "Facts about %(name)s"]),
    st.text(),
    st.sampled_from(["en", "fr", "ar"]),
)
def test_a_message_prints_what_gettext_gives(label: str, message: str, value: str, language: str) -> None:
    template = environment(Path(__file__).parent).from_string(
        "{{ _(label) }}|{{ _(message, date=value, name=value) }}|{{ gettext(label) }}"
    )
    with speaking(language):
        printed = template.render(label=label, message=message, value=value)
        plain, formatted = _gettext(label), _gettext(message, date=value, name=value)
    assert printed == f"{plain}|{formatted}|{plain}"


class _View:
    """A view with an attribute, a property and nothing else: other names are Jinja's to look up."""

    def __init__(self) -> None:
        self.name = "view"

    @property
    def inner(self) -> _View:
        return self


def test_an_attribute_is_read_as_jinja_reads_it(tmp_path: Path) -> None:
    # An attribute, a chain of them, a dict's item by attribute syntax, a test on a missing one.
    (tmp_path / "t.html").write_text(
        "{{ v.name }}|{{ v.inner.inner.name }}|{{ d.key }}|{{ v.gone is defined }}|{{ d.gone is defined }}"
        "|{{ (v).name }}|{{ [v][0].name }}"
    )
    printed = environment(tmp_path).get_template("t.html").render(v=_View(), d={"key": "item"})
    assert printed == "view|view|item|False|False|view|view"


class _Counted:
    """An object whose attribute read is counted: a chain through dict keys must read it once."""

    def __init__(self) -> None:
        self.reads = 0

    @property
    def table(self) -> dict[str, dict[str, str]]:
        self.reads += 1
        return {"row": {"cell": "value"}}


def test_a_chain_through_items_reads_each_object_once(tmp_path: Path) -> None:
    # `row` and `cell` are items, not attributes: Jinja's own lookup finds them, on the object read once.
    (tmp_path / "t.html").write_text("{{ c.table.row.cell }}")
    counted = _Counted()
    assert environment(tmp_path).get_template("t.html").render(c=counted) == "value"
    assert counted.reads == 1


def test_a_missing_attribute_fails_as_jinja_fails(tmp_path: Path) -> None:
    (tmp_path / "t.html").write_text("{{ v.gone }}")
    plain = Environment(undefined=StrictUndefined, autoescape=True).from_string("{{ v.gone }}")
    for template in (environment(tmp_path).get_template("t.html"), plain):
        with pytest.raises(UndefinedError, match="has no attribute 'gone'"):
            template.render(v=_View())
