from __future__ import annotations

from generator.content.prose import check_prose, find_refs, strip_markup
from generator.site.html import Resolver, inline, plain

LINKS = {"nawaf-al-fares": ("../actors/nawaf-al-fares/", "Nawaf al-Fares")}
RESOLVER = Resolver(link=lambda i: LINKS[i], abbreviations={"SNC": "Syrian National Council"})


def test_refs_are_found_with_their_labels() -> None:
    refs = list(find_refs("[[nawaf-al-fares]] and [[s-2012-538|the British draft]]"))
    assert [(r.target, r.label) for r in refs] == [("nawaf-al-fares", None), ("s-2012-538", "the British draft")]


def test_inline_markdown_subset() -> None:
    html = inline("**Bold**, *italic*, `code` and [a link](https://example.org/a?b=1&c=2).", RESOLVER)
    assert html == ('<strong>Bold</strong>, <em>italic</em>, <code>code</code> and '
                    '<a href="https://example.org/a?b=1&amp;c=2">a link</a>.')


def test_reference_becomes_a_named_link() -> None:
    assert inline("Ask [[nawaf-al-fares]].", RESOLVER) == 'Ask <a href="../actors/nawaf-al-fares/">Nawaf al-Fares</a>.'
    assert inline("[[nawaf-al-fares|the envoy]]", RESOLVER) == '<a href="../actors/nawaf-al-fares/">the envoy</a>'


def test_html_is_shown_as_text() -> None:
    assert inline('<script>alert("x")</script>', RESOLVER) == "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
    assert plain("<b onmouseover=x>", RESOLVER) == "&lt;b onmouseover=x&gt;"


def test_abbreviations_become_tooltips_only_as_whole_words() -> None:
    assert plain("The SNC met; SNCs did not.", RESOLVER) == (
        'The <abbr title="Syrian National Council">SNC</abbr> met; SNCs did not.')


def test_unsafe_links_are_rejected_and_never_rendered() -> None:
    assert check_prose("[x](javascript:alert(1))") == [
        "link to 'javascript:alert(1)' is not allowed (links must start with https://, http:// or mailto:)"]
    assert "href" not in inline("[x](data:text/html,hi)", RESOLVER)


def test_strip_markup_leaves_words() -> None:
    assert strip_markup("**The** [[nawaf-al-fares|envoy]] and [a](https://x.org)") == "The envoy and a"
