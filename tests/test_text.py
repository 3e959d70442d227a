from __future__ import annotations

from generator.content.prose import (
    Cite,
    Code,
    Em,
    Link,
    Ref,
    Strong,
    Text,
    check_prose,
    find_cites,
    find_refs,
    parse,
    strip_markup,
)
from generator.site.html import Resolver, inline, plain

LINKS = {"nawaf-al-fares": ("../actors/nawaf-al-fares/", "Nawaf al-Fares")}
RESOLVER = Resolver(link=lambda i: LINKS[i], abbreviations={"SNC": "Syrian National Council"})


def test_refs_are_found_with_their_labels() -> None:
    refs = list(find_refs("[[nawaf-al-fares]] and [[s-2012-538|the British draft]]"))
    assert [(r.target, r.label) for r in refs] == [("nawaf-al-fares", None), ("s-2012-538", "the British draft")]


def test_inline_markdown_subset() -> None:
    html = inline("**Bold**, *italic*, `code` and [a link](https://example.org/a?b=1&c=2).", RESOLVER)
    assert html == (
        "<strong>Bold</strong>, <em>italic</em>, <code>code</code> and "
        '<a href="https://example.org/a?b=1&amp;c=2">a link</a>.'
    )


def test_reference_becomes_a_named_link() -> None:
    assert inline("Ask [[nawaf-al-fares]].", RESOLVER) == 'Ask <a href="../actors/nawaf-al-fares/">Nawaf al-Fares</a>.'
    assert inline("[[nawaf-al-fares|the envoy]]", RESOLVER) == '<a href="../actors/nawaf-al-fares/">the envoy</a>'


def test_html_is_shown_as_text() -> None:
    assert inline('<script>alert("x")</script>', RESOLVER) == "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
    assert plain("<b onmouseover=x>", RESOLVER) == "&lt;b onmouseover=x&gt;"


def test_abbreviations_become_tooltips_only_as_whole_words() -> None:
    assert plain("The SNC met; SNCs did not.", RESOLVER) == (
        'The <abbr title="Syrian National Council">SNC</abbr> met; SNCs did not.'
    )


def test_unsafe_links_are_rejected_and_never_rendered() -> None:
    assert check_prose("[x](javascript:alert(1))") == [
        "link to 'javascript:alert(1)' is not allowed (links must start with https://, http:// or mailto:)"
    ]
    assert "href" not in inline("[x](data:text/html,hi)", RESOLVER)


def test_strip_markup_leaves_words() -> None:
    assert strip_markup("**The** [[nawaf-al-fares|envoy]] and [a](https://x.org)") == "The envoy and a"


def test_one_parse_gives_a_small_tree() -> None:
    assert parse("**Bold *and* `x`** [a *b*](https://e.org) [[nawaf-al-fares|the _envoy_]]") == (
        Strong((Text("Bold "), Em((Text("and"),), "*"), Text(" "), Code("x"))),
        Text(" "),
        Link("https://e.org", (Text("a "), Em((Text("b"),), "*")), "[a *b*](https://e.org)"),
        Text(" "),
        Ref("nawaf-al-fares", "the _envoy_", (Text("the "), Em((Text("envoy"),), "_"))),
    )


def test_check_and_render_read_links_alike() -> None:
    wiki = "[Baath](https://en.wikipedia.org/wiki/Ba%27ath_Party_(Syrian-dominated_faction))"
    assert check_prose(wiki) == []
    assert inline(wiki, RESOLVER) == (
        '<a href="https://en.wikipedia.org/wiki/Ba%27ath_Party_(Syrian-dominated_faction)">Baath</a>'
    )
    # Not a link to either of them: no text before it, or a space in the address.
    for text in ["see ](javascript:alert(1))", "[x]( javascript:alert(1))", "[[nawaf-al-fares]](javascript:alert(1))"]:
        assert check_prose(text) == [], text
        assert 'href="javascript' not in inline(text, RESOLVER)
    assert inline("[x](javascript:alert(1)) **b**", RESOLVER) == "[x](javascript:alert(1)) <strong>b</strong>"


def test_code_shows_markup_as_typed() -> None:
    text = "`[[not-an-id]] and [x](javascript:y) and **b**`"
    assert list(find_refs(text)) == []
    assert check_prose(text) == []
    assert inline(text, RESOLVER) == "<code>[[not-an-id]] and [x](javascript:y) and **b**</code>"
    assert inline("[[nawaf-al-fares|the `envoy`]]", RESOLVER) == (
        '<a href="../actors/nawaf-al-fares/">the <code>envoy</code></a>'
    )


def test_marks_around_nothing_are_shown_as_typed() -> None:
    assert inline("*** and ** ** and _ _ and *a*", RESOLVER) == "*** and ** ** and _ _ and <em>a</em>"


def test_reference_text_of_spaces_shows_the_name() -> None:
    assert inline("[[nawaf-al-fares| ]]", RESOLVER) == '<a href="../actors/nawaf-al-fares/">Nawaf al-Fares</a>'
    assert strip_markup("[[nawaf-al-fares| ]]", lambda _: "Nawaf") == "Nawaf"


def test_strip_markup_drops_bold_and_italic_marks() -> None:
    # Plain text (descriptions, feeds, CSV, JSON-LD) has no italics: the marks would show as typed.
    assert strip_markup("**[a **b**](https://x.org)** and *c*\nand `**d**`") == "a b and c and **d**"
    assert strip_markup("_The Times_ said") == "The Times said"


def test_strip_markup_drops_citation_markers_and_the_space_before_them() -> None:
    assert strip_markup("It renews the mission.[^un-press] It sets 10 days [^cnn-2012-07-11].") == (
        "It renews the mission. It sets 10 days."
    )
    # A marker inside code is code, shown as typed.
    assert strip_markup("write `[^a-source]`") == "write [^a-source]"


def test_citation_markers_are_parsed_outside_code_links_and_references() -> None:
    assert parse("Ten days.[^un-press]") == (Text("Ten days."), Cite("un-press"))
    assert list(find_cites("[[a|b [^c]]] `[^d]` [^e] [e](https://x.org)")) == [Cite("e")]


def test_malformed_citation_markers_are_reported() -> None:
    assert check_prose("Ten days.[^UN press]") == [
        "[^UN press] is not a valid citation marker (write [^source-id], with the id of a source)"
    ]
    assert check_prose("Ten days.[^un-press] and `[^not checked]`") == []


def test_control_characters_are_dropped_before_parsing() -> None:
    assert check_prose("[x](java\x00script:y)") == [
        "link to 'javascript:y' is not allowed (links must start with https://, http:// or mailto:)"
    ]
    assert inline("a\x01b \ue000c", RESOLVER) == "ab c"


def test_an_abbreviation_is_explained_in_words_at_its_first_use_on_a_page() -> None:
    """Without Material's tooltips (and on touch screens) a reader still learns what it stands for."""
    page = Resolver(lambda rid: ("#", rid), {"UNSMIS": "UN Supervision Mission in Syria"}, explained=set())
    first = plain("UNSMIS ends", page)
    again = inline("*UNSMIS* again", page)
    assert first == (
        '<abbr title="UN Supervision Mission in Syria">UNSMIS</abbr> '
        '<span class="se-expansion">(UN Supervision Mission in Syria)</span> ends'
    )
    assert again == '<em><abbr title="UN Supervision Mission in Syria">UNSMIS</abbr></em> again'
