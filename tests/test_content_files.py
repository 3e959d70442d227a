"""Finding and reading content files: links, pipes, odd names and deep folders are located problems.

The cases here cannot be committed as files (pipes, links, names git or some systems refuse), so
each test builds its case in tmp_path from a copy of tests/broken/_base and pins `check`'s output.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import threading
from pathlib import Path

import pytest
from conftest import BASE

from generator.adapters.cli import main
from generator.content.load import MAX_NAME_LENGTH, MAX_SUBFOLDERS

MEETING = "- id: {id}\n  date: 2020-05-01\n  title: A meeting\n  kind: meeting\n  sources: [gazette-2020-05-01]\n"
SAFE = (
    "rename it using only letters A-Z and a-z, digits, '.', '_' and '-', "
    "starting with a letter or digit, at most 100 characters"
)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A valid content folder to spoil."""
    folder = tmp_path / "content"
    shutil.copytree(BASE, folder)
    return folder


def check(content: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """Run `check` in a thread that must finish within 20 seconds; return its exit code and output."""
    codes: list[int] = []
    thread = threading.Thread(target=lambda: codes.append(main(["check", "--content", str(content)])), daemon=True)
    thread.start()
    thread.join(timeout=20)
    assert not thread.is_alive(), "check hung"
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return codes[0], captured.out + captured.err


def problems(*lines: str) -> str:
    noun = "problem" if len(lines) == 1 else "problems"
    return "".join(f"{line}\n" for line in lines) + f"{len(lines)} {noun} found; the site was not built.\n"


def meetings(*ids: str) -> str:
    return "".join(MEETING.format(id=record_id) for record_id in ids)


def test_fifo_in_kind_folder_is_refused_without_hanging(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (content / "events").mkdir()
    fifo = content / "events" / "live.yml"
    os.mkfifo(fifo)
    try:
        code, output = check(content, capsys)
    finally:  # if check is stuck opening the pipe, a writer lets it go
        with contextlib.suppress(OSError):
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    assert code == 1
    assert output == problems(
        "content/events/live.yml:1:1: 'live.yml' is not a regular file "
        "(it is a named pipe; content files must be plain text files)"
    )


def test_socket_in_kind_folder_is_refused(
    content: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (content / "events").mkdir()
    monkeypatch.chdir(content / "events")  # a socket's path must be short: bind it by its name alone
    with socket.socket(socket.AF_UNIX) as server:
        server.bind("socket.yml")
        code, output = check(content, capsys)
    assert code == 1
    assert output == problems(
        "content/events/socket.yml:1:1: 'socket.yml' is not a regular file "
        "(it is a socket; content files must be plain text files)"
    )


def test_lock_file_is_skipped(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (content / "quotes").mkdir()
    (content / "quotes" / ".#main.yml").symlink_to("editor@host.4242:1700000000")  # Emacs' lock: dangling
    (content / "events").mkdir()
    (content / "events" / "main.yml").write_text(meetings("meeting"), encoding="utf-8")
    for name in (
        ".DS_Store",
        "actors.yml~",
        "#actors.yml#",
        ".actors.yml.swp",
        "actors.yml.swp",
        "events/main.yml~",
        "events/#main.yml#",
        "events/.main.yml.swp",
        "events/.hidden.yml",
    ):
        (content / name).write_bytes(b"\x00 not YAML at all")
    os.mkfifo(content / "events" / ".#pipe.yml")  # skipped by its name, so never opened
    code, output = check(content, capsys)
    assert code == 0
    assert output.startswith("content/ is valid: ")
    assert " 1 events," in output


def test_directory_named_like_a_file(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (content / "old.yml").mkdir()
    (content / "events" / "archive.YAML").mkdir(parents=True)
    code, output = check(content, capsys)
    assert code == 1
    assert output == problems(
        "content/events/archive.YAML:1:1: 'archive.YAML' is a folder, not a file "
        "(rename it: only files end in .yml or .yaml)",
        "content/old.yml:1:1: 'old.yml' is a folder, not a file (rename it: only files end in .yml or .yaml)",
    )


def test_symlink_out_of_content_is_refused(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    secret = content.parent / "secret.yml"
    secret.write_text("- id: secret-meeting\n  title: SECRET TEXT\n", encoding="utf-8")
    (content / "events.yml").symlink_to(secret)
    (content / "quotes").symlink_to(content.parent)  # a kind folder that is a link out
    code, output = check(content, capsys)
    assert code == 1
    assert output == problems(
        "content/events.yml:1:1: 'events.yml' points outside the content folder "
        "(links are not followed; copy the file into the content folder instead)",
        "content/quotes:1:1: 'quotes' points outside the content folder "
        "(links are not followed; copy the file into the content folder instead)",
    )
    assert "secret" not in output.lower()


def test_story_file_linked_out_of_content_is_never_read(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    secret = content.parent / "secret.yml"
    secret.write_text(
        (content / "story.yml").read_text(encoding="utf-8").replace("headline:", "headline: SECRET"), encoding="utf-8"
    )
    (content / "story.yml").unlink()
    (content / "story.yml").symlink_to(secret)
    code, output = check(content, capsys)
    assert code == 1
    assert output == problems(
        "content/story.yml:1:1: 'story.yml' points outside the content folder "
        "(links are not followed; copy the file into the content folder instead)"
    )
    assert "secret" not in output.lower()


def test_symlink_inside_content_is_refused(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Even a link to a content file: edit links would open the link, and its records would load twice."""
    (content / "events").mkdir()
    (content / "events" / "actors.yml").symlink_to(Path("..") / "actors.yml")
    (content / "events" / "here").symlink_to(".")
    code, output = check(content, capsys)
    assert code == 1
    assert output == problems(
        "content/events/actors.yml:1:1: 'actors.yml' is a link "
        "(content files must be real files, not links; move the file here, or delete the link)",
        "content/events/here:1:1: 'here' is a link "
        "(content files must be real files, not links; move the file here, or delete the link)",
    )


def test_dangling_symlink_and_symlink_loop_are_problems(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (content / "events").mkdir()
    (content / "events" / "gone.yml").symlink_to("nowhere.yml")
    (content / "events" / "loop.yml").symlink_to("loop.yml")
    code, output = check(content, capsys)
    assert code == 1
    assert output == problems(
        "content/events/gone.yml:1:1: 'gone.yml' is a broken link (its target is missing or loops back; "
        "delete the link)",
        "content/events/loop.yml:1:1: 'loop.yml' is a broken link (its target is missing or loops back; "
        "delete the link)",
    )


def test_upper_case_suffix(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """.yml and .yaml are read in any case: each file below holds a mistake, and each is reported."""
    (content / "events.YML").write_text(meetings("first").replace("title:", "titel:"), encoding="utf-8")
    (content / "quotes").mkdir()
    (content / "quotes" / "Main.Yaml").write_text("not: a list\n", encoding="utf-8")
    code, output = check(content, capsys)
    assert code == 1
    assert output == problems(
        "content/events.YML:1:3: first.title: required field is missing (add `title:`)",
        "content/events.YML:3:3: first.titel: unknown field 'titel' (did you mean 'title'?)",
        "content/quotes/Main.Yaml:1:1: a content file must hold a list of records, each starting with '- id:', "
        "not a mapping",
    )


def test_unsafe_file_name_is_refused(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (content / "events" / "my meetings").mkdir(parents=True)
    for name in (
        '" autofocus onfocus="alert(1)" x=".yml',
        "a\nb.yml",
        "réunions.yml",
        "x" * 97 + ".yml",
        "my meetings/ok.yml",
    ):
        (content / "events" / name).write_text(meetings("meeting"), encoding="utf-8")
    (content / "events" / os.fsdecode(b"\xff.yml")).write_text(meetings("meeting"), encoding="utf-8")
    (content / "events" / ("x" * (MAX_NAME_LENGTH - 4) + ".yml")).write_text(meetings("long"), encoding="utf-8")
    code, output = check(content, capsys)
    assert code == 1
    long_name = "x" * 97 + ".yml"
    assert output == problems(
        f'content/events/" autofocus onfocus="alert(1)" x=".yml:1:1: '
        f'\'" autofocus onfocus="alert(1)" x=".yml\' is not a safe name ({SAFE})',
        f"content/events/\\xff.yml:1:1: '\\xff.yml' is not a safe name ({SAFE})",
        f"content/events/a\\nb.yml:1:1: 'a\\nb.yml' is not a safe name ({SAFE})",
        f"content/events/my meetings:1:1: 'my meetings' is not a safe name ({SAFE})",
        f"content/events/r\u00e9unions.yml:1:1: 'r\u00e9unions.yml' is not a safe name ({SAFE})",
        f"content/events/{long_name}:1:1: '{long_name}' is not a safe name ({SAFE})",
    )


def test_folder_nested_too_deep(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deepest = content.joinpath("events", *"abcd"[:MAX_SUBFOLDERS])
    (deepest / "e").mkdir(parents=True)
    (deepest / "deep.yml").write_text(meetings("deep"), encoding="utf-8")
    (deepest / "e" / "deeper.yml").write_text(meetings("deeper"), encoding="utf-8")
    code, output = check(content, capsys)
    assert code == 1
    assert output == problems(
        "content/events/a/b/c/d/e:1:1: 'e' is nested too deep "
        "(at most 4 folders inside a kind folder; move its files up)"
    )


def test_other_files_are_problems(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Nothing is ignored without a word: a stray file may be records saved under the wrong name."""
    (content / "README.md").write_text("# Notes\n", encoding="utf-8")
    (content / "events").mkdir()
    (content / "events" / "2020.yml.txt").write_text(meetings("meeting"), encoding="utf-8")
    (content / "story.yaml").write_text("headline: Another\n", encoding="utf-8")
    code, output = check(content, capsys)
    assert code == 1
    assert output == problems(
        "content/README.md:1:1: 'README.md' is not a content file "
        "(content files end in .yml or .yaml; move other files out of the content folder)",
        "content/events/2020.yml.txt:1:1: '2020.yml.txt' is not a content file "
        "(content files end in .yml or .yaml; move other files out of the content folder)",
        "content/story.yaml:1:1: 'story.yaml' must be named story.yml (rename it)",
    )


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_is_a_problem(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (content / "events").mkdir()
    (content / "events" / "locked.yml").write_text(meetings("meeting"), encoding="utf-8")
    (content / "events" / "locked.yml").chmod(0)
    code, output = check(content, capsys)
    assert code == 1
    assert output == problems(
        "content/events/locked.yml:1:1: file cannot be read (Permission denied; check its permissions)"
    )


def test_a_file_cache_kept_between_loads_rereads_only_what_changed(content: Path) -> None:
    """The MkDocs plugin keeps one FileCache across serve's rebuilds; an edit re-parses one file."""
    from generator.content.load import FileCache, load

    cache = FileCache()
    first, _ = load(content, cache)
    edited = content / "defections.yml"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    second, _ = load(content, cache)
    assert first is not None and second is not None
    assert second.files["content/actors.yml"] is first.files["content/actors.yml"]
    assert second.files["content/defections.yml"] is not first.files["content/defections.yml"]
