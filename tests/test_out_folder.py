"""`pages --out`: never replace a folder the command did not make; a killed run leaves old or new pages."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from generator.adapters.cli import main
from generator.pipeline import build_site
from generator.site.write import MARKER, MARKER_TEXT

FIXTURE = ROOT / "tests" / "fixtures" / "harbour-story"
FIX = "; choose an empty or new folder such as build/pages"
NOT_OURS = f"it is not empty and has no {MARKER} file from an earlier run"

# Runs `pages` in a child that dies (as by kill -9) at the Nth call to os.replace or shutil.rmtree.
DYING_CHILD = """
import os, shutil, sys
from generator.adapters.cli import main
step, calls = int(sys.argv[1]), [0]
def dying(real):
    def call(*args, **kwargs):
        if calls[0] == step:
            os._exit(9)
        calls[0] += 1
        return real(*args, **kwargs)
    return call
os.replace, shutil.rmtree = dying(os.replace), dying(shutil.rmtree)
sys.exit(main(sys.argv[2:]))
"""


@pytest.fixture
def story(tmp_path: Path) -> Path:
    """A copy of the fixture story in tmp_path/content."""
    return Path(shutil.copytree(FIXTURE, tmp_path / "content"))


def run(out: Path, content: Path) -> int:
    """Run `pages` in-process."""
    return main(["pages", "--content", str(content), "--out", str(out)])


def snapshot(folder: Path) -> dict[str, bytes | str]:
    """Everything under `folder`: file bytes, symlink targets, and folders."""
    found: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[name] = f"-> {os.readlink(path)}"
        else:
            found[name] = "folder" if path.is_dir() else path.read_bytes()
    return found


def expected_pages(content: Path) -> dict[str, bytes]:
    """The bytes `pages` must write: every rendered page, the data files beside them, plus the marker."""
    site = build_site(content)
    return (
        {path: page.text.encode("utf-8") for path, page in site.pages.items()}
        | site.files
        | {MARKER: MARKER_TEXT.encode("utf-8")}
    )


def files(folder: Path) -> dict[str, bytes]:
    """The files under `folder` and their bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def assert_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path, out: Path, content: Path, reason: str) -> None:
    """`pages --out out` exits 1 with exactly this one-line error and changes nothing under tmp_path."""
    before = snapshot(tmp_path)
    capsys.readouterr()
    assert run(out, content) == 1
    captured = capsys.readouterr()
    assert captured.err == f"error: refusing to write pages to '{out}': {reason}{FIX}\n"
    assert captured.out == ""
    assert snapshot(tmp_path) == before


def marked_folder(path: Path, *names: str) -> Path:
    """Make a folder with the marker (as if written by an earlier run) and the given files."""
    path.mkdir(parents=True)
    (path / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    for name in names:
        (path / name).write_text(name, encoding="utf-8")
    return path


def test_refuses_project_root(
    tmp_path: Path, story: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Even carrying the marker: a project folder is never ours to replace.
    project = marked_folder(tmp_path / "project", "pyproject.toml", "README.md")
    assert_refused(capsys, tmp_path, project, story, "it holds pyproject.toml, so it is a project folder")
    site = marked_folder(tmp_path / "site", "mkdocs.yml")
    assert_refused(capsys, tmp_path, site, story, "it holds mkdocs.yml, so it is a project folder")
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")  # an empty current folder is refused all the same
    assert_refused(capsys, tmp_path, Path("."), story, "it is the current folder")
    assert_refused(capsys, tmp_path, Path("new/.."), story, "it is the current folder")
    assert_refused(capsys, tmp_path, Path(".."), story, "it holds the current folder")


def test_refuses_content_folder_and_inside(
    tmp_path: Path, story: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert_refused(capsys, tmp_path, Path("content"), Path("content"), "it holds the story's content")
    assert_refused(capsys, tmp_path, story, Path("content"), "it holds the story's content")
    assert_refused(
        capsys, tmp_path, Path("content/pages"), Path("content"), "it is inside the content folder 'content'"
    )
    assert_refused(capsys, tmp_path, story / "new" / "pages", story, f"it is inside the content folder '{story}'")


def test_refuses_ancestor_of_content_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Marked, or empty but for the content folder: an ancestor of the content is still refused.
    outer = marked_folder(tmp_path / "outer")
    content = Path(shutil.copytree(FIXTURE, outer / "story" / "content"))
    for folder in (outer, outer / "story"):
        assert_refused(capsys, tmp_path, folder, content, f"it holds the content folder '{content}'")


def test_refuses_folder_with_git(tmp_path: Path, story: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repository = marked_folder(tmp_path / "repository")
    (repository / ".git").mkdir()
    assert_refused(capsys, tmp_path, repository, story, "it holds a git repository (.git)")
    worktree = marked_folder(tmp_path / "worktree", ".git")  # a worktree's .git is a file
    assert_refused(capsys, tmp_path, worktree, story, "it holds a git repository (.git)")


def test_refuses_a_file(tmp_path: Path, story: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "some-file.txt").write_text("keep me\n", encoding="utf-8")
    assert_refused(capsys, tmp_path, tmp_path / "some-file.txt", story, "it is a file, not a folder")
    ours = marked_folder(tmp_path / "ours")
    (tmp_path / "link").symlink_to(ours, target_is_directory=True)
    assert_refused(capsys, tmp_path, tmp_path / "link", story, "it is a symbolic link")
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere")
    assert_refused(capsys, tmp_path, tmp_path / "dangling", story, "it is a symbolic link")


def test_refuses_unmarked_nonempty_folder(tmp_path: Path, story: Path, capsys: pytest.CaptureFixture[str]) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "draft.md").write_text("# Draft\n", encoding="utf-8")
    assert_refused(capsys, tmp_path, notes, story, NOT_OURS)
    (tmp_path / "fake").mkdir()
    (tmp_path / "fake" / MARKER).mkdir()  # a marker must be a file the command wrote, not a folder
    assert_refused(capsys, tmp_path, tmp_path / "fake", story, NOT_OURS)
    (tmp_path / "linked").mkdir()
    (tmp_path / "linked" / MARKER).symlink_to(tmp_path / "notes" / "draft.md")
    assert_refused(capsys, tmp_path, tmp_path / "linked", story, NOT_OURS)


def test_rewrites_its_own_marked_folder(tmp_path: Path, story: Path, capsys: pytest.CaptureFixture[str]) -> None:
    expected = expected_pages(story)
    out = tmp_path / "build" / "pages"
    assert run(out, story) == 0
    pages = len(build_site(story).pages)
    assert capsys.readouterr().out == f"wrote {pages} pages and {len(expected) - pages - 1} data files to {out}\n"
    assert files(out) == expected
    (out / "stale.md").write_text("# Gone\n", encoding="utf-8")
    (out / "old" / "deep").mkdir(parents=True)
    assert run(out, story) == 0
    assert files(out) == expected
    assert sorted(p.name for p in out.parent.iterdir()) == ["pages"]  # no staging or retired folder left
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run(empty, story) == 0
    assert files(empty) == expected
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build", "content", "empty"]


@pytest.mark.parametrize("step", [0, 1, 2], ids=["before-retiring-old", "between-renames", "removing-old"])
def test_killed_run_leaves_old_or_new_and_is_cleaned_up(tmp_path: Path, story: Path, step: int) -> None:
    expected = expected_pages(story)
    out = tmp_path / "pages"
    assert run(out, story) == 0
    (out / "old.txt").write_text("the previous run\n", encoding="utf-8")
    (out / "old-folder").mkdir()
    old = files(out)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.run(
        [sys.executable, "-c", DYING_CHILD, str(step), "pages", "--content", str(story), "--out", str(out)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        timeout=120,
    )
    assert child.returncode == 9, child.stderr
    leftovers = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".story-explainer-"))
    assert leftovers, "the kill should have left a staging or retired folder behind"
    if step == 1:  # between the renames the old folder waits, whole and marked, beside the target
        assert not out.exists()
        (retired,) = (p for p in tmp_path.iterdir() if p.name.startswith(".story-explainer-retired-pages-"))
        assert files(retired) == old
    else:
        assert files(out) == (old if step == 0 else expected)
    # The next run, even one that fails on its content, puts the old folder back and removes the rest.
    assert run(out, tmp_path / "missing") == 1
    assert files(out) == (expected if step == 2 else old)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "pages"]
    assert run(out, story) == 0
    assert files(out) == expected
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "pages"]


def test_failed_swap_puts_the_old_folder_back(
    tmp_path: Path, story: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "pages"
    assert run(out, story) == 0
    old = files(out)
    real_replace, calls = os.replace, []

    def failing_second_rename(source: str | Path, target: str | Path) -> None:
        calls.append(source)
        if len(calls) == 2:  # the rename that moves the new pages in
            raise OSError(28, "No space left on device")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", failing_second_rename)
    assert run(out, story) == 1
    assert capsys.readouterr().err == f"error: could not write pages to '{out}': [Errno 28] No space left on device\n"
    assert files(out) == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "pages"]


def test_removes_only_its_own_stale_folders(tmp_path: Path, story: Path) -> None:
    out = tmp_path / "pages"
    assert run(out, story) == 0
    marked_folder(tmp_path / ".story-explainer-staging-pages-dead", "index.md")
    marked_folder(tmp_path / ".story-explainer-retired-pages-dead", "index.md")
    foreign = tmp_path / ".story-explainer-staging-pages-notmine"  # same prefix, but no marker: not ours
    foreign.mkdir()
    (foreign / "keep.txt").write_text("keep\n", encoding="utf-8")
    marked_folder(tmp_path / ".story-explainer-staging-other-dead")  # another output folder's
    assert run(out, story) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".story-explainer-staging-other-dead",
        ".story-explainer-staging-pages-notmine",
        "content",
        "pages",
    ]
    assert (foreign / "keep.txt").read_text(encoding="utf-8") == "keep\n"


@pytest.mark.parametrize(("umask", "folder_mode", "file_mode"), [(0o027, 0o750, 0o640), (0o022, 0o755, 0o644)])
def test_output_permissions_follow_umask(
    tmp_path: Path, story: Path, umask: int, folder_mode: int, file_mode: int
) -> None:
    out = tmp_path / "pages"
    for _ in range(2):  # a fresh folder, then a replaced one
        previous = os.umask(umask)
        try:
            assert run(out, story) == 0
        finally:
            os.umask(previous)
        folders = [out, *(p for p in out.rglob("*") if p.is_dir())]
        assert {oct(stat.S_IMODE(p.stat().st_mode)) for p in folders} == {oct(folder_mode)}
        written = [p for p in out.rglob("*") if p.is_file()]
        assert {oct(stat.S_IMODE(p.stat().st_mode)) for p in written} == {oct(file_mode)}


def test_copies_the_hand_written_pages_and_refuses_a_clash(
    tmp_path: Path, story: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The content's pages/ folder (MkDocs' docs_dir) goes beside the generated pages, as it is,
    so that the folder holds every page of the site; backups and links are left out."""
    pages = story / "pages"
    (pages / "notes").mkdir(parents=True)
    (pages / "about.md").write_text("# About\n", encoding="utf-8")
    (pages / "notes" / "how.md").write_text("# How\n", encoding="utf-8")
    (pages / ".about.md.swp").write_text("backup\n", encoding="utf-8")
    (pages / "linked.md").symlink_to(pages / "about.md")
    out = tmp_path / "out"
    assert run(out, story) == 0
    assert files(out) == expected_pages(story) | {"about.md": b"# About\n", "notes/how.md": b"# How\n"}
    pages_count, data = len(build_site(story).pages), len(build_site(story).files)
    assert capsys.readouterr().out == (
        f"wrote {pages_count} pages, 2 hand-written files and {data} data files to {out}\n"
    )
    before = files(out)
    (pages / "defections.md").write_text("# Mine\n", encoding="utf-8")
    assert run(out, story) == 1
    assert capsys.readouterr().err == (
        f"error: {pages / 'defections.md'} is written by hand and generated from content; "
        "rename the hand-written page\n"
    )
    assert files(out) == before
