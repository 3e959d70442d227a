"""Write rendered pages to a folder all at once: a failed run never leaves half a site.

The folder is replaced wholesale, so the command refuses any folder it did not make itself:
only a new folder, an empty one, or one holding the MARKER file an earlier run left there.
The hand-written pages of the content's pages/ folder (MkDocs' docs_dir) are copied beside
the generated ones, so that the folder is a whole site's sources for any Markdown builder.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path

from generator.content.load import PAGES_FOLDER
from generator.site.render import Site

MARKER = ".story-explainer-pages"
MARKER_TEXT = "Written by `python -m generator pages`; this folder is replaced on every run.\n"
STAGING = ".story-explainer-staging-"  # new pages being written, beside the target
RETIRED = ".story-explainer-retired-"  # the previous output, between the swap and its removal
PROJECT_FILES = ("pyproject.toml", "mkdocs.yml")
FIX = "choose an empty or new folder such as build/pages"


class OutputFolderError(Exception):
    """The output folder is one the command must not replace, or could not be written."""


class PageClashError(Exception):
    """A hand-written page has the path of a generated page or data file."""


def hand_written(content: Path) -> dict[str, bytes]:
    """The files of the content's pages/ folder by path inside it, as MkDocs reads its docs_dir:
    hidden files (editors' backups, .git) and symbolic links are left out, as the loader does."""
    folder = content / PAGES_FOLDER
    found: dict[str, bytes] = {}
    for parent, folders, names in os.walk(folder):
        folders[:] = sorted(f for f in folders if not f.startswith(".") and not Path(parent, f).is_symlink())
        for name in sorted(names):
            path = Path(parent, name)
            if not name.startswith(".") and not path.is_symlink():
                found[path.relative_to(folder).as_posix()] = path.read_bytes()
    return found


def write_pages(site: Site, out: Path, content: Path, extra: dict[str, bytes] | None = None) -> int:
    """Write every page and data file under `out`, and the `extra` files (hand-written pages), replacing
    what was there only once all are written; return the number of generated pages."""
    extra = extra or {}
    clashes = sorted(set(extra) & (set(site.pages) | set(site.files)))
    if clashes:
        raise PageClashError(
            f"{content / PAGES_FOLDER / clashes[0]} is written by hand and generated from content; "
            "rename the hand-written page"
        )
    target = prepare_out_folder(out, content)  # again: the folder may have changed during the build
    with _as_output_error(out):
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = _new_folder(target, STAGING)
        try:
            generated = [(p.path, p.text.encode("utf-8")) for p in site.pages.values()]
            for name, data in [*generated, *site.files.items(), *extra.items()]:
                path = staging / name
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
            _swap(staging, target)
        except BaseException:
            with contextlib.suppress(OSError):  # keep the first error; the next run removes what is left
                _remove(staging)
            raise
    return len(site.pages)


def prepare_out_folder(out: Path, content: Path) -> Path:
    """Refuse a folder the command must not replace; finish what a killed run left; return the target."""
    with _as_output_error(out):
        reason = _refusal(out, content)
        if reason:
            raise OutputFolderError(f"refusing to write pages to '{out}': {reason}; {FIX}")
        target = out.resolve()
        _recover(target)
        return target


def _refusal(out: Path, content: Path) -> str | None:
    """Say why `out` must not be replaced, or None when it is new, empty or ours."""
    if out.is_symlink():
        return "it is a symbolic link"
    if out.exists() and not out.is_dir():
        return "it is a file, not a folder"
    folder, story, here = out.resolve(), content.resolve(), Path.cwd().resolve()
    if _same(folder, here):
        return "it is the current folder"
    if _within(here, folder):
        return "it holds the current folder"
    if _same(folder, story):
        return "it holds the story's content"
    if _within(folder, story):
        return f"it is inside the content folder '{content}'"
    if _within(story, folder):
        return f"it holds the content folder '{content}'"
    for name in PROJECT_FILES:
        if (folder / name).exists():
            return f"it holds {name}, so it is a project folder"
    if (folder / ".git").exists():
        return "it holds a git repository (.git)"
    if folder.is_dir() and any(folder.iterdir()) and not _is_ours(folder):
        return f"it is not empty and has no {MARKER} file from an earlier run"
    return None


def _same(a: Path, b: Path) -> bool:
    """Tell whether two paths name one folder, also on case-insensitive file systems."""
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist
        return a == b


def _within(inner: Path, outer: Path) -> bool:
    """Tell whether `inner` is `outer` or lies somewhere below it."""
    return any(_same(path, outer) for path in (inner, *inner.parents))


def _is_ours(folder: Path) -> bool:
    """Tell whether a real folder carries the marker this module writes into each folder it makes."""
    marker = folder / MARKER
    return not folder.is_symlink() and folder.is_dir() and marker.is_file() and not marker.is_symlink()


def _leftovers(target: Path, prefix: str) -> list[Path]:
    """List the marked staging or retired folders a killed run left beside `target`."""
    start = f"{prefix}{target.name}-"
    if not target.parent.is_dir():
        return []
    return sorted(path for path in target.parent.iterdir() if path.name.startswith(start) and _is_ours(path))


def _recover(target: Path) -> None:
    """Put back the old folder if a run was killed between the two renames; remove other leftovers."""
    retired = _leftovers(target, RETIRED)
    if retired and not os.path.lexists(target):
        os.replace(retired.pop(), target)
    for path in retired + _leftovers(target, STAGING):
        _remove(path)


def _new_folder(target: Path, prefix: str) -> Path:
    """Make a marked folder beside `target`, with the permissions of a plain mkdir (mkdtemp's are 0700)."""
    while True:
        path = target.with_name(f"{prefix}{target.name}-{secrets.token_hex(4)}")
        try:
            path.mkdir()
        except FileExistsError:
            continue
        _mark(path)  # first, so that a run killed from here on leaves a folder the next run may remove
        return path


def _mark(folder: Path) -> None:
    """Claim `folder` as made by this command."""
    (folder / MARKER).write_text(MARKER_TEXT, encoding="utf-8")


def _swap(staging: Path, target: Path) -> None:
    """Put `staging` in the place of `target`; at every moment one of the two is whole and marked."""
    if not os.path.lexists(target):
        os.replace(staging, target)
        return
    if not any(target.iterdir()):
        _mark(target)  # an empty folder: marked, a killed run's retired copy is recognisably ours
    retired = target.with_name(f"{RETIRED}{target.name}-{secrets.token_hex(4)}")
    os.replace(target, retired)
    try:
        os.replace(staging, target)
    except BaseException:
        os.replace(retired, target)
        raise
    with contextlib.suppress(OSError):  # the pages are in place; the next run removes what is left
        _remove(retired)


def _remove(folder: Path) -> None:
    """Delete a folder this module made, its marker last, so a half-removed one is still recognised."""
    if not _is_ours(folder):
        return
    for path in folder.iterdir():
        if path.name == MARKER:
            continue
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
    (folder / MARKER).unlink()
    folder.rmdir()


@contextlib.contextmanager
def _as_output_error(out: Path) -> Iterator[None]:
    """Report a file system failure as a one-line error about the output folder."""
    try:
        yield
    except OSError as err:
        raise OutputFolderError(f"could not write pages to '{out}': {err}") from err
