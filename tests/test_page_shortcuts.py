"""The shortcuts of printing pages give what the plain way gives.

- JSON-LD is written by orjson (jsonld.script_safe): the text json.dumps writes, on any JSON value
  JSON-LD can hold (no floats), and the json way where orjson refuses;
- a message whose fields are all `%(name)s` is formatted by str's % over escaped values
  (environment._gettext): what Markup's % gives, and any other message by Markup's %;
- pages are rendered over their template's globals read once (environment.Pages): what
  Template.render gives, and a template's error still raised as Jinja raises it;
- abbreviations are marked only in text where a search for the bare terms finds one
  (html._marked): what the abbreviations' pattern alone makes of any text;
- prose whose only markup is [[id]] references is rendered from its text split at them
  (prose.words_and_refs): what rendering its parsed tree gives, for any prose;
- a kind's partial is called as a function of its arguments (partials._direct): what calling
  its macro prints, and a call Jinja must sort out (too few arguments, keywords) left to Jinja;
- a breadcrumb's item is made once per origin of its link (render._crumb): on every page, the
  item made from that page's own link.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import TESTS
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup

from generator.content.i18n import speaking
from generator.content.prose import parse, words_and_refs
from generator.facts.derivation import derive_site
from generator.pipeline import load_checked
from generator.site.environment import Pages, _gettext, _plain_fields, crumb_item, environment
from generator.site.html import Resolver, _bare, _marked, _marker, _pattern, _render, in_language, inline
from generator.site.jsonld import script_safe
from generator.site.links import Links
from generator.site.render import Renderer

_JSON_LD_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


def _plain_script_safe(data: dict[str, Any]) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@given(st.dictionaries(st.text(), _JSON_LD_VALUES, max_size=6))
def test_json_ld_reads_as_json_writes_it(data: dict[str, Any]) -> None:
    assert script_safe(data) == _plain_script_safe(data)


@pytest.mark.parametrize(
    "data",
    [
        {"name": "\ud800 lone"},  # a lone surrogate: orjson refuses it
        {"big": 1 << 70},  # past 64 bits
        {"a": "<script>&</script>", "b": "\u2028\x00\x1f\x7f\U0001f600"},
    ],
)
def test_json_ld_where_orjson_refuses_or_text_is_odd(data: dict[str, Any]) -> None:
    assert script_safe(data) == _plain_script_safe(data)


_VALUES = st.text() | st.text().map(Markup) | st.integers() | st.none()


@given(st.dictionaries(st.sampled_from(["a", "b", "name"]), _VALUES, min_size=3))
def test_a_message_with_fields_reads_as_markup_formats_it(values: dict[str, Any]) -> None:
    for message in ("%(a)s and %(b)s", "<b>%(name)s</b> %(a)s %(a)s", "100%% %(b)s", "none at all", "%%(a)s"):
        with speaking("en"):
            said = _gettext(message, **values)
        assert said == Markup(message) % values  # noqa: S704 - the messages above
        assert type(said) is Markup


@pytest.mark.parametrize(
    ("message", "fields"),
    [
        ("%(a)s and %(b)s, %(a)s", ("a", "b")),
        ("100%% sure", ()),
        ("%%(a)s", ()),
        ("%(n)d votes", None),
        ("%(a)r", None),
        ("%s", None),
        ("50% off", None),
    ],
)
def test_only_messages_of_name_fields_are_formatted_by_str(message: str, fields: tuple[str, ...] | None) -> None:
    assert _plain_fields(message) == fields


def test_a_message_with_another_field_reads_as_markup_formats_it() -> None:
    with speaking("en"):
        assert _gettext("%(n)d votes for %(who)s", n=3, who="<A & B>") == Markup("%(n)d votes for %(who)s") % {
            "n": 3,
            "who": "<A & B>",
        }


def test_pages_render_as_templates_render(tmp_path: Path) -> None:
    (tmp_path / "t.html").write_text("{{ a }}|{{ _('Sources') }}|{{ range(2)|list }}|{% set x = 1 %}{{ x }}\n")
    env = environment(tmp_path)
    values = {"a": "<i>", "page": None}
    assert Pages(env).render("t.html", values) == env.get_template("t.html").render(values)


def test_pages_raise_a_templates_error_as_jinja_does(tmp_path: Path) -> None:
    (tmp_path / "t.html").write_text("line one\n{{ missing.attribute }}\n")
    env = environment(tmp_path)
    with pytest.raises(Exception) as plain:
        env.get_template("t.html").render()
    with pytest.raises(type(plain.value)) as ours:
        Pages(env).render("t.html", {})
    assert str(ours.value) == str(plain.value)
    assert any(str(entry.path).endswith("t.html") for entry in ours.traceback)


_TERMS = ("UN", "U.N.", "SNC", "P5", "T0X", "A&amp;B")
# Text made of the terms, words, references and every character prose or abbreviations treat apart.
_PROSE = st.lists(
    st.sampled_from([*_TERMS, "[[actor-1]]", "[[b-2|shown]]", "[[Bad]]", "[^src]", "[x](https://e.org)"])
    | st.sampled_from([" ", "  ", "\t", "\n", "\x0b", "\x1f", "-", "/", "&", "#", ";", "_", "*", "`", "[", "]", "é"])
    | st.text(max_size=4),
    max_size=14,
).map("".join)
# The same without the characters that send prose to the parser: the split way's own cases.
_WORDS_AND_REFS = st.lists(
    st.sampled_from([*_TERMS, "[[actor-1]]", "[[b-2]]", " ", "  ", "\t", "\n", "-", "/", "&", "#", ";", "é", "x"])
    | st.text(st.characters(blacklist_characters="[]`*_", blacklist_categories=["Cc", "Co"]), max_size=4),
    max_size=14,
).map("".join)


@given(_PROSE)
def test_abbreviations_are_marked_as_their_pattern_marks_them(text: str) -> None:
    pattern = _pattern(_TERMS)
    assert _marked(pattern, _bare(pattern), lambda m: f"<{m.group(0)}>", text) == pattern.sub(
        lambda m: f"<{m.group(0)}>", text
    )


def test_a_pattern_made_elsewhere_marks_every_text_with_no_shortcut() -> None:
    # Resolver.pattern is anyone's to give: one _pattern did not make has no bare search to skip by.
    elsewhere = re.compile(r"(?<![\w&#;/-])(?:QXZTM)(?![\w-])")  # as _pattern writes it, for terms it never saw
    assert _bare(elsewhere) is None
    resolver = Resolver(lambda rid: ("#", rid), {"QXZTM": "the mission"}, explained=set(), pattern=elsewhere)
    assert inline("The QXZTM met", resolver) == inline("The QXZTM met", _resolver_for({"QXZTM": "the mission"}))
    assert "<abbr" in inline("The QXZTM met", resolver)


def _resolver_for(abbreviations: dict[str, str]) -> Resolver:
    return Resolver(lambda rid: ("#", rid), abbreviations, explained=set())


def _resolver(explained: set[str] | None) -> Resolver:
    return Resolver(
        link=lambda rid: (f"../{rid}/", f"Name <{rid}>"),
        abbreviations={term: f"stands for {term}" for term in _TERMS},
        explained=explained,
        cite=lambda sid: f"<sup>{sid}</sup>",
    )


def _parsed_inline(text: str, resolver: Resolver) -> str:
    """inline() the plain way: the parser's tree, rendered."""
    out: list[str] = []
    _render(parse(text), resolver, _marker(resolver), out)
    return in_language(text, "".join(out))


@given(_PROSE | _WORDS_AND_REFS)
def test_prose_of_words_and_references_renders_as_its_tree(text: str) -> None:
    for explained in (None, set()):  # abbreviations explained at their first use on a page, or not
        ours, plain = _resolver(None if explained is None else set()), _resolver(explained)
        assert inline(text, ours) == _parsed_inline(text, plain)
        assert ours.explained == plain.explained


def test_prose_of_words_and_references_takes_the_split_way() -> None:
    assert words_and_refs(" With  [[actor-1]], T0X\tand [[b-2]]. ") == ["With ", "actor-1", ", T0X and ", "b-2", "."]
    for marked in ("*a* [[x]]", "[[x|y]]", "[^s]", "`c`", "a\x0bb", "[x](https://e.org)", "snake_case"):
        assert words_and_refs(marked) is None


def test_partials_print_what_their_macros_print(tmp_path: Path) -> None:
    (tmp_path / "parts").mkdir()
    (tmp_path / "parts" / "a.md.html").write_text(
        "{% macro entry(row, r) -%}<b>{{ row }}</b> {{ r }} {{ page }}{%- endmacro %}"
    )
    (tmp_path / "parts" / "_default.md.html").write_text(
        "{% macro entry(row, r=none) -%}<i>{{ row }}</i>{% if r %} {{ r }}{% endif %}{%- endmacro %}"
    )
    calls = "{{ p.entry('<x>', 1) }}|{{ p.entry('y', r='<z>') }}|{{ q.entry('<w>') }}|{{ q.entry('v', 2) }}"
    (tmp_path / "ours.html").write_text(
        "{% set parts = 'parts'|partials %}" + calls.replace("p.entry", "parts['a']").replace("q.entry", "parts['b']")
    )
    (tmp_path / "plain.html").write_text(
        "{% import 'parts/a.md.html' as p with context %}{% import 'parts/_default.md.html' as q with context %}"
        + calls
    )
    env = environment(tmp_path)
    ours, plain = (env.get_template(name).render(page="<p>") for name in ("ours.html", "plain.html"))
    assert ours == plain == "<b>&lt;x&gt;</b> 1 &lt;p&gt;|<b>y</b> &lt;z&gt; &lt;p&gt;|<i>&lt;w&gt;</i>|<i>v</i> 2"


@pytest.mark.parametrize("url_links", [False, True], ids=["from-source", "urls"])
def test_breadcrumb_items_made_for_other_pages_are_each_pages_own(url_links: bool) -> None:
    content = load_checked(TESTS / "fixtures" / "harbour-story")
    with speaking(content.story.language):
        renderer = Renderer(derive_site(content), url_links=url_links)
        specs = renderer.specs()
        assert sum(len(spec.values["trail"].crumbs) for spec in specs) > len(specs)  # pages share crumbs
        for spec in specs:
            plain = Links(url_links, renderer.directory_urls)
            for crumb in spec.values["trail"].crumbs:
                link = plain.link(spec.path, crumb.page, crumb.anchor)
                assert renderer._crumb(spec.path, crumb) == crumb_item(link, crumb.label)
