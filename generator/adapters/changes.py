"""What changed for readers between a git ref and the working tree: `python -m generator changes BASE`.

Both sides go through the checked models (load and validate) and the whole pipeline, so the
report speaks of records and pages as readers meet them, not of lines of YAML: records added,
changed (which fields) and removed, by kind; the story's own lists; the pages whose text
changed; and silent edits, where something readers already saw was altered or taken away
with no correction entry saying so.

What counts as an edit, and not as news: a value that was there at BASE and now differs or is
gone. Filling in an empty field (a role's end, a vote), adding to a list (a source, a
highlight) or adding a record is the story moving on.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.content.load import Content, display_root
from generator.content.models import Correction
from generator.content.problems import ContentError
from generator.pipeline import build_site, load_checked
from generator.site.render import Site

STORY_LISTS = ("highlights", "updates", "corrections", "media", "related")


class ChangesError(Exception):
    """BASE cannot be read: not a git repository, an unknown ref, or content that does not load there."""


@dataclass(frozen=True)
class RecordChange:
    """One record added, changed or removed; for a change, the fields that differ."""

    kind: str  # the kind's singular word: "actor", "defection"
    id: str
    file: str  # where it is written now (where it was, for a removed record)
    fields: tuple[str, ...] = ()


@dataclass(frozen=True)
class SilentEdit:
    """A value readers saw at BASE that was altered or removed with no correction entry."""

    where: str  # file:line:col of the field now, or the record's file when it was removed
    what: str  # "figure 'x': value", "story: highlights"
    fix: str


@dataclass(frozen=True)
class Changes:
    """Everything `changes` reports, worked out once; `report` only prints it."""

    base: str
    added: tuple[RecordChange, ...]
    changed: tuple[RecordChange, ...]
    removed: tuple[RecordChange, ...]
    story: tuple[str, ...]  # "highlights: 1 added", "headline changed"
    pages: tuple[tuple[str, str], ...]  # (page path, "new" | "changed" | "removed")
    files: int  # data files (JSON, CSV, feeds, embeds) whose bytes changed
    silent: tuple[SilentEdit, ...]

    @property
    def nothing(self) -> bool:
        return not (self.added or self.changed or self.removed or self.story or self.pages or self.files)


# --- reading BASE ------------------------------------------------------------------------


def _git(folder: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=folder, capture_output=True, check=True)  # noqa: S603, S607
    except FileNotFoundError:
        raise ChangesError("git is not installed; `changes` reads BASE from git") from None
    except subprocess.CalledProcessError as err:
        message = err.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ChangesError(message[-1] if message else f"git {' '.join(args)} failed") from None
    return done.stdout


def content_at(base: str, content: Path, into: Path) -> Path:
    """Extract the content folder as it was at `base` into `into`; return its copy."""
    if not content.is_dir():
        raise ChangesError(f"{content}: no such content folder")
    try:
        _git(content, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}")
    except ChangesError:
        raise ChangesError(f"{base}: not a commit in this repository (try a branch, a tag or origin/main)") from None
    inside = _git(content, "rev-parse", "--show-prefix").decode().strip().rstrip("/")
    top = Path(_git(content, "rev-parse", "--show-toplevel").decode().strip())
    archive = _git(top, "archive", "--format=tar", base, "--", inside or ".")
    copy = into / "content"
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into / "tree", filter="data")
    found = into / "tree" / inside
    if not found.is_dir():
        raise ChangesError(f"{base}: has no folder {inside or '.'}; there is nothing to compare with")
    found.rename(copy)
    return copy


# --- comparing -----------------------------------------------------------------------------


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def kept(old: Any, new: Any) -> bool:
    """Whether `new` still says everything `old` said: equal, or only filled in or added to."""
    if _empty(old):
        return True
    if isinstance(old, dict) and isinstance(new, dict):
        return all(kept(value, new.get(key)) for key, value in old.items())
    if isinstance(old, list) and isinstance(new, list):
        return all(any(kept(item, candidate) for candidate in new) for item in old)
    return bool(old == new)


def _dump(model: Any) -> dict[str, Any]:
    return dict(model.model_dump(mode="json"))


def _differing(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    return [key for key in dict.fromkeys([*old, *new]) if old.get(key) != new.get(key) and key != "id"]


def _records(content: Content) -> dict[str, tuple[str, dict[str, Any]]]:
    return {r.id: (content.kinds[r.id].singular.split()[-1], _dump(r)) for r in content.all()}


def _new_corrections(before: Content, after: Content) -> list[Correction]:
    old = Counter(c.model_dump_json() for c in before.story.corrections)
    found = []
    for correction in after.story.corrections:
        key = correction.model_dump_json()
        if old[key]:
            old[key] -= 1
        else:
            found.append(correction)
    return found


def _list_change(old: list[Any], new: list[Any]) -> str:
    """'1 added, 2 changed': items only on one side, paired by position when both sides lost one there."""
    gone = [i for i, item in enumerate(old) if item not in new]
    came = [i for i, item in enumerate(new) if item not in old]
    changed = len(set(gone) & set(came))
    counts = ((len(came) - changed, "added"), (changed, "changed"), (len(gone) - changed, "removed"))
    return ", ".join(f"{n} {word}" for n, word in counts if n) or "reordered"


def _story_lines(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    lines = []
    for key in _differing(old, new):
        if key in STORY_LISTS:
            lines.append(f"{key}: {_list_change(old.get(key) or [], new.get(key) or [])}")
        else:
            lines.append(f"{key} changed")
    return lines


def _where(content: Content, record_id: str, field: str) -> str:
    origin = content.origins[record_id]
    line, column = content.locate(origin, (field,), key=True)
    return f"{origin.file}:{line}:{column}"


def _edited(old: dict[str, Any], new: dict[str, Any], fields: Iterable[str]) -> list[tuple[str, str]]:
    """Each field that no longer says what it said, and whether it was 'changed' or 'removed'."""
    return [
        (field, "removed" if _empty(new.get(field)) else "changed")
        for field in fields
        if not kept(old.get(field), new.get(field))
    ]


def _silent_edits(before: Content, after: Content, changed: Iterable[RecordChange]) -> list[SilentEdit]:
    """Edits of what readers saw with no new correction: one naming the record, or (for the
    story's own text) any."""
    corrections = _new_corrections(before, after)
    named = {c.record for c in corrections if c.record}
    story_file = after.story_file
    old_records, new_records = _records(before), _records(after)
    found = [
        SilentEdit(
            _where(after, change.id, field),
            f"{change.kind} '{change.id}': `{field}` was {how}",
            f"add an entry to {story_file}'s `corrections` with `record: {change.id}`, "
            "saying what was wrong and what it now says",
        )
        for change in changed
        if change.id not in named
        for field, how in _edited(old_records[change.id][1], new_records[change.id][1], change.fields)
    ]
    if any(c.record is None for c in corrections):
        return found
    old_story, new_story = _dump(before.story), _dump(after.story)
    fields = [f for f in _differing(old_story, new_story) if f != "corrections"]
    return found + [
        SilentEdit(
            story_file,
            f"story: `{field}` was {how}",
            f"add an entry to `corrections` in {story_file} saying what was wrong and what it now says",
        )
        for field, how in _edited(old_story, new_story, fields)
    ]


def _removed_silently(removed: Iterable[RecordChange], before: Content, after: Content) -> list[SilentEdit]:
    """A record readers saw that is gone: a correction (with no `record`, as its id no longer exists) says why."""
    if any(c.record is None for c in _new_corrections(before, after)):
        return []
    story_file = after.story_file
    return [
        SilentEdit(
            change.file,
            f"{change.kind} '{change.id}' was removed",
            f"add an entry to `corrections` in {story_file} saying what was wrong and why it was taken out",
        )
        for change in removed
    ]


def _pages(before: Site, after: Site) -> tuple[list[tuple[str, str]], int]:
    old = {path: page.text for path, page in before.pages.items()}
    new = {path: page.text for path, page in after.pages.items()}
    pages = [(p, "new" if p not in old else "removed" if p not in new else "changed") for p in sorted({*old, *new})]
    pages = [(p, how) for p, how in pages if how != "changed" or old[p] != new[p]]
    files = sum(before.files.get(p) != after.files.get(p) for p in {*before.files, *after.files})
    return pages, files


def compare(base: str, before: Content, after: Content, before_site: Site, after_site: Site) -> Changes:
    """Work out what changed for readers from the content and site at BASE to now."""
    old, new = _records(before), _records(after)
    added = [RecordChange(new[i][0], i, after.origins[i].file) for i in new if i not in old]
    # A removed record is named by the file it was in, as the working tree names that folder.
    moved = (display_root(before.root), display_root(after.root))
    removed = [RecordChange(old[i][0], i, before.origins[i].file.replace(*moved, 1)) for i in old if i not in new]
    changed = [
        RecordChange(new[i][0], i, after.origins[i].file, tuple(_differing(old[i][1], new[i][1])))
        for i in new
        if i in old and old[i][1] != new[i][1]
    ]
    pages, files = _pages(before_site, after_site)
    silent = _silent_edits(before, after, changed) + _removed_silently(removed, before, after)
    order = lambda c: (c.kind, c.id)  # noqa: E731 - a sort key, named once for three lists
    return Changes(
        base,
        tuple(sorted(added, key=order)),
        tuple(sorted(changed, key=order)),
        tuple(sorted(removed, key=order)),
        tuple(_story_lines(_dump(before.story), _dump(after.story))),
        tuple(pages),
        files,
        tuple(silent),
    )


def changes(base: str, content: Path) -> Changes:
    """Compare the content at git ref `base` with the working tree's `content` folder."""
    after = load_checked(content)
    after_site = build_site(content)
    with tempfile.TemporaryDirectory(prefix="story-changes-") as folder:
        copy = content_at(base, content, Path(folder))
        try:
            before = load_checked(copy)
        except ContentError as err:  # said as being about BASE, not the working tree
            raise ChangesError(
                f"the content at {base} does not pass today's check, so it cannot be compared:\n{err.report()}"
            ) from None
        before_site = build_site(copy)
    return compare(base, before, after, before_site, after_site)


# --- the report ---------------------------------------------------------------------------


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def report(found: Changes) -> str:
    """The report in Markdown: readable in a terminal, and as a CI job's summary."""
    lines = [f"## What changed for readers since {found.base}", ""]
    if found.nothing:
        return "\n".join([*lines, "Nothing: the site reads the same.", ""])
    lines.append(
        f"Records: {len(found.added)} added, {len(found.changed)} changed, {len(found.removed)} removed. "
        f"Pages: {_count(len(found.pages), 'page')} affected, {_count(found.files, 'data file')} changed."
    )
    if found.silent:
        lines += ["", f"### ⚠ Silent edits ({len(found.silent)})", ""]
        lines += [
            f"- {edit.where}: {edit.what} after readers saw it, and no correction says so: {edit.fix}."
            for edit in found.silent
        ]
    for title, group in (("Added", found.added), ("Changed", found.changed), ("Removed", found.removed)):
        if group:
            lines += ["", f"### {title}", ""]
            lines += [
                f"- {c.kind} `{c.id}` ({c.file})" + (f": {', '.join(c.fields)}" if c.fields else "") for c in group
            ]
    if found.story:
        lines += ["", "### The story", "", *(f"- {line}" for line in found.story)]
    if found.pages:
        lines += ["", "### Pages affected", "", *(f"- {path} ({how})" for path, how in found.pages)]
    return "\n".join([*lines, ""])
