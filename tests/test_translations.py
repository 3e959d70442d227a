"""A story in several languages from one set of facts: translation files, fallback, stale text, check.

Engine tests on the invented harbour story, given a small French translation written here.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import shutil
import typing
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import TESTS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import AfterValidator, BaseModel

from generator.adapters import json_schema
from generator.adapters.cli import main
from generator.content import fields, translation_check, translation_report
from generator.content.fallback import Stale, Untranslated
from generator.content.fields import Prose, ProseText, Text
from generator.content.i18n import speaking
from generator.content.kinds import KINDS
from generator.content.load import Content, load
from generator.content.models import Model, Story
from generator.content.prose import check_prose
from generator.content.translation_files import fingerprint, load_translations
from generator.content.translations import (
    edit_files,
    read_translation,
    slots,
    text_fields,
    translate,
    translated_pages,
)
from generator.facts.derivation import derive_site
from generator.facts.derive import derive
from generator.pipeline import build_sites
from generator.site.environment import TEMPLATES
from generator.site.html import Resolver, escape, inline, plain
from generator.site.render import Renderer

HARBOUR = TESTS / "fixtures" / "harbour-story"
TOWN = "Nine elected councillors; five votes carry a motion."
GROUP = "The group that backed the contract."


def entry(text: str, english: str, **more: Any) -> dict[str, Any]:
    return {"text": text, "of": fingerprint(english), **more}


def write(folder: Path, name: str, data: dict[str, Any]) -> Path:
    path = folder / "translations" / "fr" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def fp(text: str) -> str:
    return fingerprint(text)


def hand_written(tmp_path: Path, yaml_text: str) -> Path:
    """The harbour story with French listed, and a translation file written as an editor would."""
    root = story_with(tmp_path, {})
    (root / "translations" / "fr" / "actors.yml").write_text(yaml_text, encoding="utf-8")
    return root


def story_with(tmp_path: Path, records: dict[str, Any], story: dict[str, Any] | None = None) -> Path:
    """The harbour story with French listed, and these translations of its records (and story)."""
    root = tmp_path / "harbour"
    shutil.copytree(HARBOUR, root)
    story_file = root / "story.yml"
    story_file.write_text(
        story_file.read_text(encoding="utf-8").replace("language: en-GB\n", "language: en-GB\ntranslations: [fr]\n"),
        encoding="utf-8",
    )
    write(root, "actors.yml", {"translated": "2019-03-16", "records": records})
    if story is not None:
        write(root, "story.yml", {"translated": "2019-03-16", "story": story})
    return root


def translated(content: Content, tag: str = "fr") -> Content:
    """The story in `tag`, from its translation files."""
    return translate(content, read_translation(content, tag))


def loaded(root: Path) -> Content:
    content, problems = load(root)
    assert content is not None and not problems
    return content


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


FRENCH = {
    "town-council": {
        "name": entry("Conseil municipal de Harbourside", "Harbourside Town Council"),
        "description": entry("Neuf conseillers élus ; cinq voix font une majorité.", TOWN),
    },
    "harbour-first": {"description": entry("Le groupe qui soutenait le contrat.", GROUP)},
}


# --- which fields are translated: read from the models ---------------------------------------


def _models() -> Iterator[type[BaseModel]]:
    seen: set[type[BaseModel]] = set()
    todo: list[type[BaseModel]] = [Story, *(kind.model for kind in KINDS)]
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        yield model
        for info in model.model_fields.values():
            todo += _inner_models(info.annotation)


def _inner_models(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type):
        return [annotation] if issubclass(annotation, BaseModel) else []
    return [m for arg in typing.get_args(annotation) for m in _inner_models(arg)]


def _validators(annotation: Any) -> set[Any]:
    """Every AfterValidator function inside a type (through unions, tuples and Annotated)."""
    if isinstance(annotation, AfterValidator):
        return {annotation.func}
    if isinstance(annotation, type):
        return set()
    return {f for arg in typing.get_args(annotation) for f in _validators(arg)}


def _checked_as(model: type[BaseModel], name: str, func: Any) -> bool:
    info = model.model_fields[name]
    found = _validators(info.annotation) | {m.func for m in info.metadata if isinstance(m, AfterValidator)}
    return func in found


# The text fields left as the source wrote them in every language: chosen, by typing them Verbatim.
VERBATIM = {
    "Source.publisher",
    "Source.title",
    "Quote.original",
    "Vote.meeting",
    "Document.symbol",
    "Media.duration",
    "Related.title",
    "Related.publisher",
}


def test_every_prose_field_is_translated_and_every_other_text_field_is_a_choice() -> None:
    for model in _models():
        translated = {path for path in text_fields(model) if "." not in path}
        for name in model.model_fields:
            if _checked_as(model, name, fields._prose):
                assert name in translated, f"{model.__name__}.{name} is prose but not translated"
            elif _checked_as(model, name, fields._uncited):
                assert (name in translated) != (f"{model.__name__}.{name}" in VERBATIM), f"{model.__name__}.{name}"


class _Part(Model):
    label: Text
    key: fields.Id


class _Probe(Model):
    note: ProseText | None = None
    names: tuple[Text, ...] = ()
    parts: tuple[_Part, ...] = ()
    code: fields.Verbatim | None = None


def test_a_new_text_field_is_translated_with_no_list_to_update() -> None:
    assert text_fields(_Probe) == {"note": False, "names": True, "parts.label": True}


def test_fingerprints_ignore_spacing_and_unicode_forms() -> None:
    assert fingerprint("Caf\u00e9  au\nlait") == fingerprint("Cafe\u0301 au lait")
    assert fingerprint("a b") != fingerprint("a  c")
    assert len(fingerprint("x")) == 12


# --- translate: translations, fallback, stale text -------------------------------------------


def test_translate_replaces_text_and_marks_what_is_left_in_english(tmp_path: Path) -> None:
    content = loaded(story_with(tmp_path, FRENCH))
    french = translated(content)
    actors = {actor.id: actor for actor in french.actors}
    assert actors["town-council"].name == "Conseil municipal de Harbourside"
    assert not isinstance(actors["town-council"].name, Untranslated)
    description = actors["harbour-first"].description
    assert description == "Le groupe qui soutenait le contrat." and isinstance(description, Prose)
    left = actors["bay-ferries"].description
    assert isinstance(left, Untranslated) and isinstance(left, Prose) and left.lang == "en-GB"
    assert str(left) == "The operator that bid for the contract."
    # Ids, numbers, dates and sources are the story's own, unchanged.
    assert [a.id for a in french.actors] == [a.id for a in content.actors]
    assert french.figures == tuple(f for f in french.figures) and french.sources[0].title == content.sources[0].title
    assert not isinstance(french.sources[0].title, Untranslated)  # Verbatim: never marked
    assert french.references == content.references  # references still found in translated prose
    assert (french.story.language, french.story.translations) == ("fr", ("en-GB",))
    assert edit_files(read_translation(content, "fr")) == {
        "town-council": "harbour/translations/fr/actors.yml",
        "harbour-first": "harbour/translations/fr/actors.yml",
    }


def test_marked_text_survives_copies_and_derivation(tmp_path: Path) -> None:
    french = translated(loaded(story_with(tmp_path, FRENCH)))
    left = next(a for a in french.actors if a.id == "bay-ferries").description
    for copied in (copy.copy(left), copy.deepcopy(left)):
        assert isinstance(copied, Untranslated) and copied.lang == "en-GB"
    facts = derive(french)  # the facts are worked out from the translated story as from any
    assert facts is not None


def _pages(content: Content, tag: str) -> dict[str, str]:
    with speaking(tag):
        site = Renderer(derive_site(translated(content, tag)), TEMPLATES).render()
    return {path: page.text for path, page in site.pages.items()}


def test_untranslated_text_is_printed_in_its_own_language(tmp_path: Path) -> None:
    pages = _pages(loaded(story_with(tmp_path, FRENCH)), "fr")
    page = pages["actors/bay-ferries.md"]
    assert '<span lang="en-GB" dir="ltr">The operator that bid for the contract.</span>' in page
    assert "Le groupe qui soutenait le contrat." in pages["actors/harbour-first.md"]
    assert '<span lang="en-GB" dir="ltr">Le groupe' not in pages["actors/harbour-first.md"]
    # Through the facts to every page: each page of a record left in English marks it so.
    for actor in loaded(story_with(tmp_path / "again", {})).actors:
        assert '<span lang="en-GB" dir="ltr">' in pages[f"actors/{actor.id}.md"], actor.id
    assert '<span lang="en-GB" dir="ltr">' in pages["index.md"]


STALE_WARNING = (
    "harbour/translations/fr/actors.yml:13:11: records.harbour-first.description.of: stale translation: the "
    "English of `description` has changed since it was translated (it now reads 'The group that backed the "
    "contract before the vote.'); translate it again, and change `of` to "
)


def test_an_english_text_changed_after_its_translation_is_stale(tmp_path: Path) -> None:
    root = story_with(tmp_path, FRENCH)
    assert translation_check.warnings(loaded(root)) == []
    edit(root / "actors.yml", GROUP, "The group that backed the contract before the vote.")
    content = loaded(root)
    warnings = [str(w) for w in translation_check.warnings(content)]
    assert warnings == [STALE_WARNING + fingerprint("The group that backed the contract before the vote.")]
    assert translation_check.problems(content) == []  # a warning: the page still builds
    stale = next(a for a in translated(content).actors if a.id == "harbour-first").description
    assert isinstance(stale, Stale) and isinstance(stale, Prose) and str(stale) == "Le groupe qui soutenait le contrat."
    page = _pages(content, "fr")["actors/harbour-first.md"]
    # The note is in the page's language, its date in the page's locale.
    note = '<span class="se-stale">(traduit de l’anglais du 16 mars 2019)</span>'
    assert f"Le groupe qui soutenait le contrat. {note}" in page


def test_an_entry_with_its_own_day_says_that_day(tmp_path: Path) -> None:
    records = {"harbour-first": {"description": entry("Le groupe.", "older text", on="2019-04-01")}}
    french = translated(loaded(story_with(tmp_path, records)))
    stale = next(a for a in french.actors if a.id == "harbour-first").description
    assert isinstance(stale, Stale) and stale.translated_on.isoformat() == "2019-04-01"


def test_prepending_a_highlight_breaks_no_translation(tmp_path: Path) -> None:
    first = "The council rejects the ferry contract by 4 votes to 5.[^council-minutes-2019-03-14]"
    story = {"highlights.text": [entry("Le conseil rejette le contrat.[^council-minutes-2019-03-14]", first)]}
    root = story_with(tmp_path, FRENCH, story)
    edit(
        root / "story.yml",
        "highlights:\n",
        'highlights:\n  - {text: "A new lead.[^harbour-news-2019-03-14]", added: "2019-03-14T18:30:00+01:00"}\n',
    )
    content = loaded(root)
    assert translation_check.warnings(content) == []
    highlights = translated(content).story.highlights
    assert isinstance(highlights[0].text, Untranslated)
    assert highlights[1].text == "Le conseil rejette le contrat.[^council-minutes-2019-03-14]"


# --- what check says ---------------------------------------------------------------------------


def test_entries_that_match_nothing_are_warned_at_the_entry(tmp_path: Path) -> None:
    root = hand_written(
        tmp_path,
        f"""translated: 2019-03-16
records:
  ghost:
    name: {{text: Fantôme, of: "{fp("Ghost")}"}}
  bay-ferries:
    nmae: {{text: Ferries de la baie, of: "{fp("Bay Ferries")}"}}
  harbourside:
    short_name: {{text: H, of: "{fp("H")}"}}
""",
    )
    warnings = [str(w) for w in translation_check.warnings(loaded(root))]
    file = "harbour/translations/fr/actors.yml"
    assert warnings == [
        f"{file}:4:31: records.ghost.name.of: 'ghost' is no record of the story (a typo, or a deleted record: "
        "fix the id, or remove its translations)",
        f"{file}:6:42: records.bay-ferries.nmae.of: `nmae` is no text field of 'bay-ferries' (did you mean 'name'?)",
        f"{file}:8:31: records.harbourside.short_name.of: 'harbourside' has no `short_name` now (it was removed "
        "from the original, or is still to be written: remove this translation, or keep it for later)",
    ]


def test_a_translation_keeps_the_notes_and_references_of_the_english(tmp_path: Path) -> None:
    english = "Led [[harbour-first]] until the day of the vote."
    root = hand_written(
        tmp_path,
        f"""translated: 2019-03-16
records:
  dana-lee:
    description:
      text: "A dirigé le groupe jusqu'au vote.[^harbour-news-2019-03-14]"
      of: "{fp(english)}"
""",
    )
    warnings = [str(w) for w in translation_check.warnings(loaded(root))]
    assert warnings == [
        "harbour/translations/fr/actors.yml:5:13: records.dana-lee.description.text: the translation lacks "
        "[[harbour-first]] and adds [^harbour-news-2019-03-14] of the original of `description` (keep every "
        "[^source-id] and [[record-id]] of the original, where the sentence needs them)"
    ]


def _problems(root: Path) -> list[str]:
    return [str(p) for p in translation_check.problems(loaded(root))]


def test_a_huge_translation_is_refused_like_any_text(tmp_path: Path) -> None:
    huge = "x" * 1_000_000
    root = hand_written(
        tmp_path,
        f"""translated: 2019-03-16
records:
  harbourside:
    description:
      text: {huge}
      of: "{fp("An invented harbour town.")}"
""",
    )
    assert _problems(root) == [
        "harbour/translations/fr/actors.yml:5:13: records.harbourside.description.text: is 1,000,000 characters "
        "long, over the limit of 500,000 (a text field holds a few paragraphs: shorten it, and cite a source "
        "for the rest)"
    ]
    english = tmp_path / "english"
    shutil.copytree(HARBOUR, english)
    edit(english / "actors.yml", "description: An invented harbour town.", f"description: {huge}")
    _, found = load(english)
    assert [str(p) for p in found] == [
        "english/actors.yml:4:16: harbourside.description: is 1,000,000 characters long, over the limit of "
        "500,000 (a text field holds a few paragraphs: shorten it, and cite a source for the rest)"
    ]


def test_a_plain_field_cannot_cite_and_a_reference_must_name_a_record(tmp_path: Path) -> None:
    root = hand_written(
        tmp_path,
        f"""translated: 2019-03-16
records:
  town-council:
    name:
      text: "Conseil[^harbour-news-2019-03-14]"
      of: "{fp("Harbourside Town Council")}"
  harbour-first:
    description:
      text: "Voir [[nobody]]."
      of: "{fp(GROUP)}"
""",
    )
    assert _problems(root) == [
        "harbour/translations/fr/actors.yml:5:13: records.town-council.name.text: holds the citation marker "
        "[^harbour-news-2019-03-14], but this field is plain text and cannot cite (cite in a prose field such as "
        "a description or note, or list the source under `sources`)",
        "harbour/translations/fr/actors.yml:9:13: records.harbour-first.description.text: [[nobody]] names no "
        "record (write the id of a record of the story)",
    ]


def test_files_not_well_formed_get_located_problems(tmp_path: Path) -> None:
    root = story_with(tmp_path, FRENCH)
    (root / "translations" / "fr" / "bad.yml").write_text(
        """records:
  harbourside:
    name: {text: 5, of: 12, colour: x}
    description: [{text: "Une ville", of: "abc"}]
  Not An Id:
    name: {text: x, of: "abcdef012345"}
""",
        encoding="utf-8",
    )
    problems = [str(p) for p in translation_check.problems(loaded(root))]
    file = "harbour/translations/fr/bad.yml"
    assert problems == [
        f"{file}:1:1: translated: required field is missing (add `translated:` with the day, e.g. 2024-05-03)",
        f"{file}:3:18: records.harbourside.name.text: expected text, got the number 5 (put it in quotes)",
        f"{file}:3:25: records.harbourside.name.of: the number 12 is no fingerprint (put it in quotes: the 12 "
        "hex digits that `python -m generator translations TAG --skeleton` writes)",
        f"{file}:3:29: records.harbourside.name.colour: unknown field 'colour' (remove it; allowed fields: text, "
        "of, on, original, sources)",
        f"{file}:4:43: records.harbourside.description[0].of: 'abc' is no fingerprint (the 12 hex digits that "
        "`python -m generator translations TAG --skeleton` writes)",
        f"{file}:5:3: records.Not An Id: 'Not An Id' is not a record id nor a page's file name (e.g. jane-doe, "
        "about.md)",
    ]


def test_a_listed_language_needs_its_folder(tmp_path: Path) -> None:
    root = story_with(tmp_path, FRENCH)
    shutil.rmtree(root / "translations")
    problems = [str(p) for p in translation_check.problems(loaded(root))]
    assert problems == [
        "harbour/story.yml:13:16: translations[0]: the story lists 'fr', but there is no folder translations/fr/ "
        "(add it, or run python -m generator translations fr --skeleton)"
    ]


def test_the_story_cannot_list_its_own_language() -> None:
    data = yaml.safe_load((HARBOUR / "story.yml").read_text(encoding="utf-8"))
    data["published"], data["dateline"]["date"] = str(data["published"]), str(data["dateline"]["date"])
    for item in data["highlights"] + data["updates"] + data["corrections"]:
        item["at" if "at" in item else "added"] = str(item.get("at", item.get("added")))
    with pytest.raises(ValueError, match="'en-GB' is the story's own language"):
        Story.model_validate({**data, "translations": ["en-GB"]})


# --- hostile text stays inert --------------------------------------------------------------------


def test_hostile_translations_stay_inert(tmp_path: Path) -> None:
    records = {
        "town-council": {"name": entry('<script>alert("x")</script>', "Harbourside Town Council")},
        "harbour-first": {"description": entry("<img src=x onerror=alert(1)> **gras**", GROUP)},
    }
    content = loaded(story_with(tmp_path, records))
    assert translation_check.problems(content) == []
    pages = _pages(content, "fr")
    assert "&lt;script&gt;alert" in pages["actors/town-council.md"]
    assert all("<script>alert" not in text and "<img src=x" not in text for text in pages.values())
    assert "&lt;img src=x onerror=alert(1)&gt; <strong>gras</strong>" in pages["actors/harbour-first.md"]


def test_a_link_to_another_scheme_is_refused_in_a_translation(tmp_path: Path) -> None:
    problems = _problems(story_with(tmp_path, {"harbour-first": {"description": entry("[x](javascript:f())", GROUP)}}))
    assert len(problems) == 1 and "records.harbour-first.description.text: " in problems[0]
    assert "javascript:" in problems[0]


def test_the_printing_filters_mark_and_escape() -> None:
    resolver = Resolver(lambda _: ("", ""), {})
    assert (
        plain(Untranslated("<b>Beirut</b>", "en"), resolver)
        == '<span lang="en" dir="ltr">&lt;b&gt;Beirut&lt;/b&gt;</span>'
    )
    assert plain(Untranslated("بيروت", "ar"), resolver) == '<span lang="ar" dir="rtl">بيروت</span>'
    assert inline(Untranslated("*x*", "fr"), resolver) == '<span lang="fr" dir="ltr"><em>x</em></span>'
    assert plain("plain", resolver) == "plain"


# --- what is untranslated, and a skeleton to fill in -----------------------------------------------


def test_the_skeleton_parses_passes_check_and_fills_in(tmp_path: Path) -> None:
    root = story_with(tmp_path, FRENCH)
    content = loaded(root)
    missing = translation_report.untranslated(content, "fr")
    assert missing and ("town-council", "name") not in {(item.slot.owner, item.slot.field) for item in missing}
    assert main(["translations", "fr", "--content", str(root), "--skeleton"]) == 0
    written = sorted(p.name for p in (root / "translations" / "fr").iterdir())
    assert "actors-2.yml" in written and "story.yml" in written  # actors.yml was there: never rewritten
    content = loaded(root)
    assert translation_check.problems(content) == [] and translation_check.warnings(content) == []
    assert len(translation_report.untranslated(content, "fr")) == len(missing)  # empty texts are untranslated
    skeleton = root / "translations" / "fr" / "story.yml"
    edit(
        skeleton,
        'text: ""\n    of: "' + fingerprint("Harbourside council rejects the ferry contract"),
        'text: "Le conseil rejette"\n    of: "' + fingerprint("Harbourside council rejects the ferry contract"),
    )
    content = loaded(root)
    assert len(translation_report.untranslated(content, "fr")) == len(missing) - 1
    assert translated(content).story.headline == "Le conseil rejette"


def test_the_untranslated_list_names_file_and_record(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = story_with(tmp_path, FRENCH)
    assert main(["translations", "fr", "--content", str(root)]) == 0
    out = capsys.readouterr().out
    assert "harbour/actors.yml: bay-ferries\n  name: Bay Ferries\n  description: The operator that bid for the" in out
    assert "harbour/actors.yml: town-council\n  other_names: HTC\nharbour/actors.yml: harbour-first\n" in out
    assert out.endswith(
        "untranslated into fr (python -m generator translations fr --skeleton writes entries for them)\n"
    )


# --- dates' words and hand-written pages ---------------------------------------------------------


def test_a_dates_display_text_is_translated(tmp_path: Path) -> None:
    root = story_with(tmp_path, {})
    edit(
        root / "events.yml",
        "latest: 2019-03-06}",
        'latest: 2019-03-06, text: "early in the week"}',
    )
    event = next(e for e in loaded(root).events if e.date.text)
    assert text_fields(type(event))["date.text"] is False
    write(
        root,
        "events.yml",
        {
            "translated": "2019-03-16",
            "records": {event.id: {"date.text": entry("en début de semaine", "early in the week")}},
        },
    )
    content = loaded(root)
    assert translation_check.warnings(content) == [] and translation_check.problems(content) == []
    french = next(e for e in translated(content).events if e.id == event.id)
    assert french.date.display("fr") == "en début de semaine" and french.date.latest == event.date.latest


def test_a_hand_written_page_is_translated_whole(tmp_path: Path) -> None:
    root = story_with(tmp_path, {})
    (root / "pages").mkdir()
    (root / "pages" / "about.md").write_text("# About\n\nWho we are.\n", encoding="utf-8")
    (root / "pages" / "method.md").write_text("# Method\n", encoding="utf-8")
    about = "# À propos\n\nQui nous sommes.\n"
    write(
        root,
        "pages.yml",
        {"translated": "2019-03-16", "records": {"about.md": {"text": entry(about, "# About\n\nWho we are.\n")}}},
    )
    content = loaded(root)
    assert translation_check.warnings(content) == []
    pages = translated_pages(content, read_translation(content, "fr"))
    assert pages["about.md"] == about and not isinstance(pages["about.md"], Untranslated)
    assert isinstance(pages["method.md"], Untranslated) and pages["method.md"] == "# Method\n"


# --- a quote in the speaker's own words ------------------------------------------------------------

WORDS = "Ten years is too long to tie the town's hands."


def test_a_quote_given_in_the_original_cites_the_sources_that_print_it(tmp_path: Path) -> None:
    root = story_with(tmp_path, {})
    original = entry("Dix ans, c'est trop long.", WORDS, original=True, sources=["council-minutes-2019-03-14"])
    write(root, "quotes.yml", {"translated": "2019-03-16", "records": {"lee-2019-03-14-too-long": {"text": original}}})
    content = loaded(root)
    assert translation_check.problems(content) == [] and translation_check.warnings(content) == []
    quote = next(q for q in translated(content).quotes if q.id == "lee-2019-03-14-too-long")
    assert quote.text == "Dix ans, c'est trop long." and quote.original is None
    assert quote.sources == ("harbour-news-2019-03-14", "council-minutes-2019-03-14")
    english = next(q for q in content.quotes if q.id == quote.id)
    assert english.sources == ("harbour-news-2019-03-14",)  # the story itself is unchanged


def test_only_a_quotes_words_are_given_in_the_original_and_from_known_sources(tmp_path: Path) -> None:
    root = story_with(tmp_path, {})
    records = {
        "lee-2019-03-14-too-long": {"text": entry("Dix ans.", WORDS, original=True, sources=["no-such-source"])},
        "okafor-2019-03-14-costs": {
            "context": entry(
                "En expliquant son vote.",
                "Explaining his vote, as the minutes record it.",
                original=True,
                sources=["harbour-news-2019-03-14"],
            )
        },
    }
    write(root, "quotes.yml", {"translated": "2019-03-16", "records": records})
    problems = [p.message for p in translation_check.problems(loaded(root))]
    assert problems == [
        "'no-such-source' is no source of the story (add it to sources first)",
        "only a quote's words can be given in the original (remove `original` and `sources`)",
    ]


# --- for any input ------------------------------------------------------------------------------------

YAML_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)
FILE_SHAPES = st.fixed_dictionaries(
    {"translated": st.sampled_from(["2019-03-16", "2019-02-30", "", None])},
    optional={"records": YAML_VALUES, "story": YAML_VALUES},
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=FILE_SHAPES | YAML_VALUES)
def test_any_translation_file_gives_entries_or_located_problems(tmp_path: Path, data: Any) -> None:
    folder = tmp_path / "translations" / "fr"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "any.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    translations, problems = load_translations(tmp_path, "fr")
    assert all(p.file.endswith("translations/fr/any.yml") and p.line >= 1 for p in problems)
    assert all(len(e.of) == 12 for e in translations.entries)


@settings(max_examples=200, deadline=None)
@given(text=st.text(min_size=1), lang=st.sampled_from(["en", "en-GB", "ar", "fr"]))
def test_marked_text_is_printed_escaped_whatever_it_holds(text: str, lang: str) -> None:
    resolver = Resolver(lambda _: ("", ""), {})
    direction = "rtl" if lang == "ar" else "ltr"
    assert plain(Untranslated(text, lang), resolver) == f'<span lang="{lang}" dir="{direction}">{escape(text)}</span>'
    stale_text = plain(Stale(text, dt.date(2019, 3, 16), lang), resolver)
    assert stale_text.startswith(escape(text) + ' <span class="se-stale">(')


def test_check_prints_translation_warnings_and_passes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = story_with(tmp_path, FRENCH)
    edit(root / "actors.yml", GROUP, "The group that backed the contract before the vote.")
    assert main(["check", "--content", str(root)]) == 0
    assert STALE_WARNING in capsys.readouterr().err


def test_a_text_translated_twice_is_warned(tmp_path: Path) -> None:
    root = story_with(tmp_path, FRENCH)
    write(root, "more.yml", {"translated": "2019-03-16", "records": {"harbour-first": FRENCH["harbour-first"]}})
    warnings = [str(w) for w in translation_check.warnings(loaded(root))]
    assert warnings == [
        "harbour/translations/fr/more.yml:6:11: records.harbour-first.description.of: `description` of "
        "'harbour-first' is translated twice from the same text (keep one entry)"
    ]


def test_an_edited_item_of_a_list_falls_back_to_the_english(tmp_path: Path) -> None:
    first = "The council rejects the ferry contract by 4 votes to 5.[^council-minutes-2019-03-14]"
    story = {"highlights.text": [entry("Le conseil rejette le contrat.[^council-minutes-2019-03-14]", first)]}
    root = story_with(tmp_path, FRENCH, story)
    edited = "The council rejects the ferry contract by 5 votes to 4.[^council-minutes-2019-03-14]"
    edit(root / "story.yml", first, edited)
    content = loaded(root)
    # An edited item and a new one look alike: the English is shown, never another item's translation.
    highlight = translated(content).story.highlights[0].text
    assert isinstance(highlight, Untranslated) and highlight == edited
    assert [w.message for w in translation_check.warnings(content)] == [
        "matches no text of `highlights.text` of the story now (its original was changed or removed: "
        "python -m generator translations fr lists the texts to translate; then remove this entry)"
    ]


def test_the_schema_offers_the_text_fields_and_accepts_a_skeleton(tmp_path: Path) -> None:
    validator = jsonschema.Draft202012Validator(json_schema.translations_schema())
    root = story_with(tmp_path, FRENCH)
    assert main(["translations", "fr", "--content", str(root), "--skeleton"]) == 0
    for path in sorted((root / "translations" / "fr").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["translated"] = str(data["translated"])  # our loader keeps dates as text; PyYAML's does not
        assert list(validator.iter_errors(data)) == [], path.name
    typo = {"translated": "2019-03-16", "records": {"bay-ferries": {"nmae": entry("x", "Bay Ferries")}}}
    assert [list(e.path) for e in validator.iter_errors(typo)] == [["records", "bay-ferries"]]


PAYLOADS: list[str] = yaml.safe_load((TESTS / "hostile" / "payloads.yml").read_text(encoding="utf-8"))
LIVE_TAGS = re.compile(r"<(script|img|svg|iframe|details|object|style|body|base|meta|form|math|noscript|input)\b", re.I)


def test_every_text_translated_into_hostile_payloads_stays_inert(tmp_path: Path) -> None:
    """Each text of the story gets a payload as its translation: no page gains a live tag."""
    root = story_with(tmp_path, {})
    content = loaded(root)
    story: dict[str, list[dict[str, Any]]] = {}
    records: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for n, slot in enumerate(s for s in slots(content) if s.field != "text" or not s.owner.endswith(".md")):
        payload = PAYLOADS[n % len(PAYLOADS)]
        text = payload if not check_prose(payload) else f"`{payload}`"
        fields_of = story if slot.owner == "" else records.setdefault(slot.owner, {})
        fields_of.setdefault(slot.field, []).append(entry(text, slot.text))
    write(root, "actors.yml", {"translated": "2019-03-16", "records": records})
    write(root, "story.yml", {"translated": "2019-03-16", "story": story})
    content = loaded(root)
    assert translation_check.problems(content) == []
    hostile = _pages(content, "fr")
    plain_site = _pages(loaded(story_with(tmp_path / "plain", {})), "fr")
    shown = sum(text.count("&lt;script&gt;window.__pwned=1&lt;/script&gt;") for text in hostile.values())
    assert shown >= 5  # the payloads are on the pages, as text
    for path, text in hostile.items():
        live = Counter(m.group(1).lower() for m in LIVE_TAGS.finditer(text))
        assert live == Counter(m.group(1).lower() for m in LIVE_TAGS.finditer(plain_site[path])), path


def test_the_storys_own_language_is_the_story_itself(tmp_path: Path) -> None:
    content = loaded(story_with(tmp_path, FRENCH))
    assert translated(content, "en-GB") is content


def test_the_skeleton_parses_whatever_the_english_holds(tmp_path: Path) -> None:
    root = story_with(tmp_path, {})
    awkward = r"Says: \"no\" # not a comment\u2028next line\u2029and [[harbour-first]] {a, b} \\ end"
    edit(root / "actors.yml", "description: An invented harbour town.", f'description: "{awkward}"')
    english = next(a for a in loaded(root).actors if a.id == "harbourside").description
    assert "\u2028" in english and "\u2029" in english
    assert main(["translations", "fr", "--content", str(root), "--skeleton"]) == 0
    content = loaded(root)
    assert translation_check.problems(content) == [] and translation_check.warnings(content) == []
    skeleton = (root / "translations" / "fr" / "actors-2.yml").read_text(encoding="utf-8")
    assert f'of: "{fingerprint(english)}"' in skeleton


def test_the_language_names_a_folder_so_it_must_be_a_tag(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = story_with(tmp_path, FRENCH)
    with pytest.raises(SystemExit):
        main(["translations", "../../elsewhere", "--content", str(root), "--skeleton"])
    assert "not a language tag: '../../elsewhere'" in capsys.readouterr().err
    assert not (tmp_path / "elsewhere").exists()
    assert main(["translations", "de", "--content", str(root)]) == 0
    assert "note: story.yml does not list 'de' under `translations`" in capsys.readouterr().err


def test_a_language_folder_the_story_does_not_list_is_warned(tmp_path: Path) -> None:
    root = story_with(tmp_path, FRENCH)
    (root / "translations" / "de").mkdir()
    assert [str(w) for w in translation_check.warnings(loaded(root))] == [
        "harbour/translations/de:1:1: 'de' is not a language the story lists, so it is not read (add it to "
        "`translations` in story.yml, or remove it)"
    ]


def test_a_translated_hand_written_page_is_the_translation_s_own(tmp_path: Path) -> None:
    """A hand-written page translated in pages.yml is that language's page; one not translated
    is left out of the language's site, for the builder to show the original marked as such."""
    root = story_with(tmp_path, {})
    (root / "pages").mkdir()
    about = "# About\n\nWho wrote this explainer.\n"
    (root / "pages" / "about.md").write_text(about, encoding="utf-8")
    (root / "pages" / "credits.md").write_text("# Credits\n", encoding="utf-8")
    french = "# À propos\n\nQui a écrit ce dossier.\n"
    write(root, "pages.yml", {"translated": "2019-03-16", "records": {"about.md": {"text": entry(french, about)}}})
    sites = build_sites(root)
    assert sites["fr"].pages["about.md"].text == french
    assert sites["fr"].pages["about.md"].source.endswith("translations/fr/pages.yml")  # its edit link
    assert "credits.md" not in sites["fr"].pages
    assert "about.md" not in sites["en-GB"].pages  # the story's own language: the builder's docs folder


def test_the_skeleton_makes_the_folder_of_a_language_the_story_lists(tmp_path: Path) -> None:
    """check's message for a listed language with no folder suggests the skeleton: it works."""
    root = story_with(tmp_path, {})
    shutil.rmtree(root / "translations")
    assert main(["translations", "fr", "--content", str(root), "--skeleton"]) == 0
    assert list((root / "translations" / "fr").glob("*.yml"))


def test_a_linked_translations_folder_is_refused_and_nothing_written_through_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = story_with(tmp_path, {})
    outside = tmp_path / "outside"
    shutil.move(root / "translations", outside)
    (root / "translations").symlink_to(outside, target_is_directory=True)
    for fr in (outside / "fr").iterdir():
        fr.unlink()
    assert main(["translations", "fr", "--content", str(root), "--skeleton"]) == 1
    assert list((outside / "fr").iterdir()) == []
    assert (
        "harbour/translations:1:1: 'harbour/translations' is a link (translations must be a real folder of the "
        "content folder; move the folder here, or delete the link)"
    ) in capsys.readouterr().err
