"""What `check` says of a story's translations: problems that stop the build, and warnings.

Problems: a language listed in `story.translations` with no folder, a file that is not well
formed, a translation that would break its page (a plain field given a citation marker, a
reference to no record, an unsafe link), an original quote citing no known source.
Warnings, located at the entry: a stale translation (the original changed since), an entry
that matches no text (a typo, a deleted record), a translation whose citation markers or
references are not the original's, or that links to an address the original does not.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping

from babel import Locale, UnknownLocaleError
from pydantic import TypeAdapter, ValidationError

from generator.content.explain import did_you_mean
from generator.content.fields import Prose, ProseText, Verbatim
from generator.content.load import TRANSLATIONS_FOLDER, Content, display_name
from generator.content.models import Quote
from generator.content.problems import Problem, quoted
from generator.content.prose import Link, find_cites, find_refs, links_and_refs
from generator.content.translation_files import STORY, Entry, Translations, fingerprint, folder
from generator.content.translations import PAGE_FIELD, Match, Slot, Translation, read_translations, text_fields

_PROSE: TypeAdapter[str] = TypeAdapter(ProseText)
_PLAIN: TypeAdapter[str] = TypeAdapter(Verbatim)
QUOTED_ORIGINAL = 60  # how much of the current original a stale warning quotes


def problems(content: Content, languages: Mapping[str, Translation] | None = None) -> list[Problem]:
    """Every problem of the story's translations that would make a wrong page: the build stops on them.

    `languages` are the story's translations already read (else they are read here)."""
    found: list[Problem] = []
    known = _Known(content)
    for index, translation in enumerate(_listed(content, languages)):
        place = folder(content.root, translation.tag)
        linked = any(part.is_symlink() for part in (place.parent, place))
        if not place.is_dir() and not linked:  # a link is refused where it is read (translation_files.py)
            found.append(_missing_folder(content, translation.tag, index))
            continue
        found += translation.problems
        for entry, slot in _each_text(translation.match):
            found += known.broken(translation.files, entry, slot)
    return sorted(found)


def warnings(content: Content, languages: Mapping[str, Translation] | None = None) -> list[Problem]:
    """Warnings of the story's translations: stale, unmatched, or with other markers than the original."""
    found: list[Problem] = list(_unlisted(content))
    for translation in _listed(content, languages):
        files, match = translation.files, translation.match
        found += [_stale(content, files, entry, slot) for entry, slot in match.stale]
        found += [_unmatched(content, files, entry, why) for entry, why in match.unmatched]
        found += [p for entry, slot in _each_text(match) for p in _markers(files, entry, slot)]
    return sorted(found)


def _listed(content: Content, languages: Mapping[str, Translation] | None) -> list[Translation]:
    """The translations of each language the story lists, in its order."""
    read = read_translations(content) if languages is None else languages
    return [read[tag] for tag in content.story.translations]


def _unlisted(content: Content) -> Iterator[Problem]:
    """A folder of translations/ that the story does not list is never read: say so, once."""
    place = content.root / TRANSLATIONS_FOLDER
    listed = {tag.lower() for tag in content.story.translations}
    entries = sorted(place.iterdir()) if place.is_dir() else []
    for entry in entries:
        if entry.name.startswith(".") or entry.name.lower() in listed:
            continue
        yield Problem(
            display_name(entry, content.root),
            1,
            1,
            "",
            f"'{entry.name}' is not a language the story lists, so it is not read (add it to `translations` in "
            "story.yml, or remove it)",
        )


def _each_text(match: Match) -> Iterator[tuple[Entry, Slot]]:
    """Each applied entry with the text it translates."""
    slots = {(slot.owner, slot.at): slot for texts in match.slots.values() for slot in texts}
    for key, (entry, _) in match.applied.items():
        yield entry, slots[key]


def _missing_folder(content: Content, tag: str, index: int) -> Problem:
    line, column = content.files[content.story_file].locate(("translations", index))
    return Problem(
        content.story_file,
        line,
        column,
        f"translations[{index}]",
        f"the story lists '{tag}', but there is no folder translations/{tag}/ "
        f"(add it, or run python -m generator translations {tag} --skeleton)",
    )


class _Known:
    """The ids a translation may name, gathered once per check: gathered for each entry, they made the
    check grow with entries times records (a 1,000-actor story, fully translated: 4.2 s, now 0.15 s)."""

    def __init__(self, content: Content) -> None:
        self.content = content
        self.ids = set(content.by_id) | content.broken_ids
        self.sources = {source.id for source in content.sources}

    def broken(self, translations: Translations, entry: Entry, slot: Slot) -> Iterator[Problem]:
        """What in a translation would break its page, as in the original field it stands for."""
        if slot.field == PAGE_FIELD and slot.owner.endswith(".md"):
            return  # a page is Markdown, read by MkDocs as the original is
        adapter = _PROSE if isinstance(slot.text, Prose) else _PLAIN
        try:
            adapter.validate_python(entry.text)
        except ValidationError as err:
            message = err.errors()[0]["msg"].removeprefix("Value error, ")
            yield translations.problem(entry, message, "text")
            return
        for ref in find_refs(entry.text):
            if ref.target not in self.ids:
                guess = did_you_mean(ref.target, sorted(self.ids))
                hint = f"did you mean '{guess}'?" if guess else "write the id of a record of the story"
                yield translations.problem(entry, f"[[{ref.target}]] names no record ({hint})", "text")
        cited = [cite.source for cite in find_cites(entry.text)] + list(entry.sources)
        for source in cited:
            if source not in self.sources:
                yield translations.problem(entry, f"'{source}' is no source of the story (add it to sources first)")
        if entry.original and not (isinstance(self.content.by_id.get(entry.owner), Quote) and slot.field == "text"):
            yield translations.problem(
                entry, "only a quote's words can be given in the original (remove `original` and `sources`)", "original"
            )


def language_name(tag: str) -> str:
    """A language's name in English, for messages: en-GB is English (messages name the language, not the variety)."""
    try:
        return Locale.parse(tag.split("-")[0]).get_display_name("en") or tag
    except (ValueError, UnknownLocaleError):
        return tag


def _stale(content: Content, translations: Translations, entry: Entry, slot: Slot) -> Problem:
    now = " ".join(slot.text.split())
    return translations.problem(
        entry,
        f"stale translation: the {language_name(content.story.language)} of `{slot.field}` has changed since it "
        f"was translated (it now reads {quoted(now[:QUOTED_ORIGINAL])}); translate it again, and change `of` "
        f"to {fingerprint(slot.text)}",
        "of",
    )


def _unmatched(content: Content, translations: Translations, entry: Entry, why: str) -> Problem:
    owner = "the story" if entry.owner == STORY else f"'{entry.owner}'"
    if why == "record":
        message = (
            f"'{entry.owner}' is no record of the story (a typo, or a deleted record: fix the id, or "
            "remove its translations)"
        )
    elif why == "page":
        message = f"'{entry.owner}' is no page of the story's pages/ folder (fix the name, or remove it)"
    elif why == "field":
        message = _no_such_field(content, entry, owner)
    elif why == "twice":
        message = f"`{entry.field}` of {owner} is translated twice from the same text (keep one entry)"
    elif why == "empty":
        message = (
            f"{owner} has no `{entry.field}` now (it was removed from the original, or is still to be "
            "written: remove this translation, or keep it for later)"
        )
    else:
        message = (
            f"matches no text of `{entry.field}` of {owner} now (its original was changed or removed: "
            f"python -m generator translations {translations.tag} lists the texts to translate; then remove "
            "this entry)"
        )
    return translations.problem(entry, message, "of")


def _no_such_field(content: Content, entry: Entry, owner: str) -> str:
    if entry.owner.endswith(".md"):
        return f"a page has one field, `{PAGE_FIELD}` (write its translation there)"
    model = type(content.story if entry.owner == STORY else content.by_id[entry.owner])
    fields = sorted(text_fields(model))
    guess = did_you_mean(entry.field, fields)
    hint = f"did you mean '{guess}'?" if guess else f"its text fields: {', '.join(fields)}"
    return f"`{entry.field}` is no text field of {owner} ({hint})"


def _markers(translations: Translations, entry: Entry, slot: Slot) -> Iterator[Problem]:
    """A translation keeps the original's notes, references and links: a reader checks the same sources."""
    want, have = _marks(slot.text), _marks(entry.text)
    if want != have:
        missing = sorted((want - have).elements())
        extra = sorted((have - want).elements())
        said = [f"lacks {', '.join(missing)}" if missing else "", f"adds {', '.join(extra)}" if extra else ""]
        yield translations.problem(
            entry,
            f"the translation {' and '.join(s for s in said if s)} of the original of `{slot.field}` "
            "(keep every [^source-id] and [[record-id]] of the original, where the sentence needs them)",
            "text",
        )
    if isinstance(slot.text, Prose) or slot.field == PAGE_FIELD:  # where a [text](address) is a link
        for url in sorted(_links(entry.text) - _links(slot.text)):
            yield translations.problem(
                entry,
                f"the translation links to {quoted(url)}, which the original of `{slot.field}` does not (link "
                "only where the original does, or to the same page in this language: remove the link, or add it "
                "to the original first)",
                "text",
            )


def _marks(text: str) -> Counter[str]:
    if "[" not in text:
        return Counter()  # most texts (names, titles) hold neither: no need to parse them
    marks = Counter(f"[^{cite.source}]" for cite in find_cites(text))
    marks.update(f"[[{ref.target}]]" for ref in find_refs(text))
    return marks


def _links(text: str) -> set[str]:
    """The addresses a prose text links to: `[text](address)`."""
    if "](" not in text:
        return set()  # no link: no need to parse
    return {node.url for node in links_and_refs(text) if isinstance(node, Link)}
