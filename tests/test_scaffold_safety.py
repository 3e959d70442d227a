"""`new` never damages a content file: it adds exactly one record, atomically, or changes nothing (issue 9)."""

from __future__ import annotations

import errno
import json
import os
import shutil
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import TESTS

from generator.adapters import scaffold
from generator.adapters.cli import main
from generator.content.prose import SLUG_RE
from generator.content.safe_yaml import load_file

FIXTURE = TESTS / "fixtures" / "harbour-story"
NAME = "Riad Seif"
UNCHANGED = " (the file was left unchanged)"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A copy of the harbour story to edit."""
    return Path(shutil.copytree(FIXTURE, tmp_path / "content"))


def new(content: Path, name: str = NAME, *extra: str) -> int:
    """Run `python -m generator new actor NAME` in-process on `content`."""
    return main(["new", "actor", name, "--content", str(content), *extra])


def records(path: Path) -> list[Any]:
    """The file's records, read by the loader `check` uses; the file must load."""
    parsed, problems = load_file(path, path.name)
    assert problems == []
    assert isinstance(parsed.data, list)
    return parsed.data


def assert_added(path: Path, before: list[Any], record_id: str, name: str = NAME) -> None:
    """The file holds its old records unchanged, then exactly the stub."""
    after = records(path)
    assert after[:-1] == before
    stub = scaffold.stub("actors", record_id, name)
    parsed, _ = load_file(path, "stub", stub.encode("utf-8"))
    assert after[-1] == parsed.data[0]


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (hidden ones too, so a left-over temporary file shows)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def indented(text: str, by: int) -> str:
    """`text` with every non-blank line indented by `by` spaces."""
    return "".join(" " * by + line if line.strip() else line for line in text.splitlines(keepends=True))


# --- names that are not valid text ------------------------------------------------------------------

CONTROL = "type it on one line, without tabs or control characters"
BIDI = "that can make it display in a misleading order; remove it (right-to-left names need none)"
NONCHARACTER = "which is a noncharacter, not text; remove it"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        # What a Latin-1 terminal passes for "Riad Seÿ": Python surrogate-escapes the byte 0xff.
        (
            os.fsdecode(b"Riad Se\xff") if os.name == "posix" else "Riad Se\udcff",
            "the name holds bytes that are not valid text (is the terminal set to UTF-8?); "
            "set the terminal to UTF-8 and type the name again",
        ),
        (
            "Riad \ud800Seif",
            "the name holds bytes that are not valid text (is the terminal set to UTF-8?); "
            "set the terminal to UTF-8 and type the name again",
        ),
        ("", 'the name is empty; give the record\'s name in quotes, e.g. new actor "Riad Seif"'),
        (" \t ", 'the name is empty; give the record\'s name in quotes, e.g. new actor "Riad Seif"'),
        (
            "x" * 301,
            "the name is 301 characters long, over the limit of 300; "
            "shorten it and put the rest in the record's description",
        ),
        ("Riad\nSeif", f"the name holds a control character (U+000A); {CONTROL}"),
        ("Riad\x1bSeif", f"the name holds a control character (U+001B); {CONTROL}"),
        ("Riad\x85Seif", f"the name holds a control character (U+0085); {CONTROL}"),
        ("Riad\u2028Seif", f"the name holds a control character (U+2028); {CONTROL}"),
        ("Riad \u202eSeif", f"the name holds a bidirectional control character (U+202E) {BIDI}"),
        ("\u2067Riad Seif", f"the name holds a bidirectional control character (U+2067) {BIDI}"),
        ("Riad Seif\ufdd0", f"the name holds U+FDD0, {NONCHARACTER}"),
        ("Riad Seif\uffff", f"the name holds U+FFFF, {NONCHARACTER}"),
        ("Riad Seif\U0010fffe", f"the name holds U+10FFFE, {NONCHARACTER}"),
    ],
)
def test_invalid_text_name_leaves_file_untouched(
    name: str, message: str, content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(content)
    assert new(content, name) == 1
    assert capsys.readouterr().err == f"error: {message}\n"
    assert snapshot(content) == before


def test_longest_name_is_accepted_and_its_id_is_short(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    name = " ".join(["harbour"] * 38)[:300]
    path = content / "actors.yml"
    before = records(path)
    assert new(content, name) == 0
    assert new(content, name) == 0
    first = "-".join(["harbour"] * 10)  # 79 characters: cut at a word, within 80
    second = "-".join(["harbour"] * 9) + "-2"  # the suffix fits in the 80 too
    assert capsys.readouterr().out.splitlines() == [
        f"added '{first}' to {path}; fill in the TODOs, then run python -m generator check",
        f"added '{second}' to {path}; fill in the TODOs, then run python -m generator check",
    ]
    assert_added(path, [*before, records(path)[-2]], second, name)


def test_surrounding_spaces_are_trimmed(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = content / "actors.yml"
    before = records(path)
    assert new(content, "  Riad Seif \n") == 0
    assert capsys.readouterr().out.startswith("added 'riad-seif' to ")
    assert_added(path, before, "riad-seif")


# --- line endings ----------------------------------------------------------------------------------


@pytest.mark.parametrize("final_newline", [True, False])
def test_crlf_file_stays_crlf(final_newline: bool, content: Path) -> None:
    path = content / "actors.yml"
    before = records(path)
    old = path.read_text(encoding="utf-8").replace("\n", "\r\n")
    old = old if final_newline else old.removesuffix("\r\n")
    path.write_bytes(old.encode("utf-8"))
    assert new(content) == 0
    raw = path.read_bytes()
    assert raw.count(b"\n") == raw.count(b"\r\n")  # no bare LF anywhere
    stub = scaffold.stub("actors", "riad-seif", NAME).replace("\n", "\r\n")
    separator = "\r\n" if final_newline else "\r\n\r\n"
    assert raw.decode("utf-8") == old + separator + stub
    assert_added(path, before, "riad-seif")


def test_missing_final_newline(content: Path) -> None:
    path = content / "actors.yml"
    before = records(path)
    old = path.read_text(encoding="utf-8").removesuffix("\n")
    path.write_text(old, encoding="utf-8")
    assert new(content) == 0
    assert path.read_text(encoding="utf-8") == old + "\n\n" + scaffold.stub("actors", "riad-seif", NAME)
    assert_added(path, before, "riad-seif")


# --- layouts a plain append would break --------------------------------------------------------------

FLOW = '{id: riad-seif, name: "Riad Seif", kind: TODO, description: TODO, side: TODO, sources: [TODO]}'


@pytest.mark.parametrize("layout", ["one line", "one record a line", "json", "trailing comma"])
def test_flow_style_file_keeps_its_records(layout: str, content: Path) -> None:
    path = content / "actors.yml"
    before = records(path)
    rows = [json.dumps(record) for record in before]
    old = {
        "one line": "# Actors\n[ " + ", ".join(rows) + " ]\n",
        "one record a line": "[" + ",\n ".join(rows) + "]  # end of the list\n",
        "json": json.dumps(before, indent=2),
        "trailing comma": "[\n" + "".join(f"  {row},  # a comment, with a comma\n" for row in rows) + "]\n",
    }[layout]
    path.write_text(old, encoding="utf-8")
    assert new(content) == 0
    assert_added(path, before, "riad-seif")
    assert (
        path.read_text(encoding="utf-8")
        == {
            "one line": old.replace(" ]\n", f", {FLOW} ]\n"),
            "one record a line": old.replace("]  # end", f", {FLOW}]  # end"),
            "json": old.removesuffix("\n]") + f",\n  {FLOW}\n]",
            "trailing comma": old.removesuffix("]\n") + f"  {FLOW},\n]\n",
        }[layout]
    )


@pytest.mark.parametrize(
    ("old", "expected"),
    [
        ("# No actors yet.\n[]\n", f"# No actors yet.\n[{FLOW}]\n"),
        ("[\n]\n", f"[\n  {FLOW}\n]\n"),
        ("  [\n  ]\n", f"  [\n  {FLOW}\n  ]\n"),
        ("--- !!seq [ ]  # none yet\n", f"--- !!seq [ {FLOW}]  # none yet\n"),
    ],
)
def test_empty_flow_list_gets_the_record(old: str, expected: str, content: Path) -> None:
    path = content / "actors.yml"
    path.write_text(old, encoding="utf-8")
    assert new(content) == 0
    assert path.read_text(encoding="utf-8") == expected
    assert_added(path, [], "riad-seif")


@pytest.mark.parametrize("by", [2, 4])
def test_indented_sequence_file(by: int, content: Path) -> None:
    path = content / "actors.yml"
    before = records(path)
    old = "# Actors, indented.\n" + indented(path.read_text(encoding="utf-8"), by)
    path.write_text(old, encoding="utf-8")
    assert new(content) == 0
    assert path.read_text(encoding="utf-8") == old + "\n" + indented(scaffold.stub("actors", "riad-seif", NAME), by)
    assert_added(path, before, "riad-seif")


@pytest.mark.parametrize("end", ["...\n", "...\n# The end.\n\n", "... # the end\n", "..."])
def test_document_end_marker(end: str, content: Path) -> None:
    path = content / "actors.yml"
    before = records(path)
    old = "---\n" + path.read_text(encoding="utf-8")
    path.write_text(old + end, encoding="utf-8")
    assert new(content) == 0
    assert path.read_text(encoding="utf-8") == old + "\n" + scaffold.stub("actors", "riad-seif", NAME) + end
    assert_added(path, before, "riad-seif")


def test_indented_sequence_before_an_end_marker(content: Path) -> None:
    path = content / "actors.yml"
    before = records(path)
    old = indented(path.read_text(encoding="utf-8"), 2)
    path.write_text(old + "...\n", encoding="utf-8")
    assert new(content) == 0
    assert path.read_text(encoding="utf-8") == (
        old + "\n" + indented(scaffold.stub("actors", "riad-seif", NAME), 2) + "...\n"
    )
    assert_added(path, before, "riad-seif")


def test_block_scalar_that_keeps_trailing_lines(content: Path) -> None:
    path = content / "actors.yml"
    old = path.read_text(encoding="utf-8") + "- id: late\n  name: Late\n  description: |+\n    Kept as typed.\n"
    path.write_text(old, encoding="utf-8")
    before = records(path)
    assert before[-1]["description"] == "Kept as typed.\n"
    assert new(content) == 0
    # A blank line before the stub would join `|+` text: the stub follows it directly.
    assert path.read_text(encoding="utf-8") == old + scaffold.stub("actors", "riad-seif", NAME)
    assert_added(path, before, "riad-seif")


# --- files that cannot be extended safely --------------------------------------------------------------


@pytest.mark.parametrize(
    ("tail", "message"),
    [
        (
            "---\n",
            ":66:1: YAML syntax error: expected a single document in the stream but found another document "
            "(check indentation, colons and quotes on this line or the one before)",
        ),
        (
            "- id: x\n  name: [unclosed\n",
            ":68:1: YAML syntax error: while parsing a flow sequence did not find "
            "expected ',' or ']' (inside {...} or [...], text holding a comma, a bracket "
            'or an [[id]] link must be in quotes, e.g. text: "See [[jane-doe]], then"; '
            "and every { or [ needs its } or ])",
        ),
    ],
)
def test_file_that_does_not_load_is_refused(
    tail: str, message: str, content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = content / "actors.yml"
    path.write_text(path.read_text(encoding="utf-8") + tail, encoding="utf-8")
    before = snapshot(content)
    assert new(content) == 1
    assert capsys.readouterr().err == f"error: {path}{message}; fix the file, then run new again\n"
    assert snapshot(content) == before


def test_file_that_is_not_a_list_is_refused(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(content)
    assert new(content, NAME, "--file", str(content / "story.yml")) == 1
    assert capsys.readouterr().err == (
        f"error: {content / 'story.yml'} does not hold a list of records; pass --file a file of records of this kind\n"
    )
    assert snapshot(content) == before


def test_text_that_changes_the_records_is_never_written(
    content: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = content / "actors.yml"
    old = path.read_text(encoding="utf-8")
    dropped = old.split("- {id: seat-7")[0]
    monkeypatch.setattr(
        scaffold,
        "_candidates",
        lambda edit, header: iter(
            [
                old + "- id: riad-seif\n  name: [",  # does not parse
                dropped + scaffold.stub("actors", "riad-seif", NAME),  # loses a record
                old + "- id: riad-seif\n  name: Someone else\n",  # not the stub
            ]
        ),
    )
    before = snapshot(content)
    assert new(content) == 1
    assert capsys.readouterr().err == (
        f"error: cannot add a record to {path} without changing the records it holds; "
        "write the file as one '- id:' block per record, then run new again\n"
    )
    assert snapshot(content) == before


# --- writing -------------------------------------------------------------------------------------------


def _fail_write_halfway(real: Callable[[int, bytes], int]) -> Callable[[int, bytes], int]:
    """An os.write that writes half of what it is given, then finds the disk full."""

    def write(fd: int, data: bytes) -> int:
        real(fd, bytes(data[: len(data) // 2]))
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    return write


def _fail(*_: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("step", ["write", "fsync", "replace"])
def test_write_is_atomic(
    step: str, content: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = content / "actors.yml"
    before = snapshot(content)
    monkeypatch.setattr(os, step, _fail_write_halfway(os.write) if step == "write" else _fail)
    assert new(content) == 1
    monkeypatch.undo()
    assert capsys.readouterr().err == f"error: could not write {path}: {os.strerror(errno.ENOSPC)}{UNCHANGED}\n"
    assert snapshot(content) == before  # original bytes intact, no temporary file left behind


@pytest.mark.skipif(os.name != "posix", reason="permission bits are POSIX")
def test_permission_bits_are_kept(content: Path) -> None:
    path = content / "actors.yml"
    path.chmod(0o640)
    assert new(content) == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


@pytest.mark.skipif(os.name != "posix", reason="permission bits are POSIX")
def test_new_file_gets_the_umask_permissions(content: Path) -> None:
    (content / "actors.yml").unlink()
    mask = os.umask(0o022)
    try:
        assert new(content) == 0
    finally:
        os.umask(mask)
    path = content / "actors.yml"
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert path.read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=../generator/schema/actors.json\n" + scaffold.stub("actors", "riad-seif", NAME)
    )


@pytest.mark.skipif(os.name != "posix", reason="symlinks need privileges on Windows")
def test_symlinked_file_stays_a_link(content: Path) -> None:
    real = content.parent / "shared-actors.yml"
    (content / "actors.yml").rename(real)
    (content / "actors.yml").symlink_to(real)
    before = records(real)
    assert new(content) == 0
    assert (content / "actors.yml").is_symlink()
    assert_added(real, before, "riad-seif")


# --- ids -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "record_id"),
    [
        ("Рияд Сейф", "riyad-seif"),
        ("Юлия Тимошенко", "yuliya-timoshenko"),
        ("رياض سيف", "ryad-syf"),
        ("محمد ٢٠١٩", "mhmd-2019"),
        ("Αλέξης Τσίπρας", "alexis-tsipras"),
        ("Ørsted Straße", "orsted-strasse"),
        ("Łódź", "lodz"),
        ("李明", "record-aa2271"),  # no script we spell: a stable hash of the name
        ("中国 Daily", "daily"),
    ],
)
def test_non_latin_names_get_real_ids(
    name: str, record_id: str, content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = content / "actors.yml"
    before = records(path)
    assert new(content, name) == 0
    assert capsys.readouterr().out.startswith(f"added '{record_id}' to ")
    assert SLUG_RE.match(record_id) and len(record_id) <= 80
    assert_added(path, before, record_id, name)


def test_hash_ids_are_stable_and_distinct() -> None:
    assert scaffold.slugify("李明") == scaffold.slugify("李明") == "record-aa2271"
    assert scaffold.slugify("王芳") != scaffold.slugify("李明")


# --- issue 22: concurrent runs, and ids that YAML would read as something else ----------------


def test_concurrent_new_loses_no_record(content: Path) -> None:
    """Class 2: several `new` processes started at once on one file each add their record."""
    import subprocess
    import sys

    from conftest import ROOT

    path = content / "actors.yml"
    before = records(path)
    names = [f"Parallel Person {n}" for n in range(6)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "generator", "new", "actor", name, "--content", str(content)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in names
    ]
    results = [run.communicate(timeout=120) + (run.returncode,) for run in runs]
    assert [code for _, _, code in results] == [0] * len(names), results
    after = records(path)
    assert after[: len(before)] == before
    assert sorted(r["name"] for r in after[len(before) :]) == sorted(names)
    assert not list(content.glob(".*.lock"))  # the lock is removed when released


def test_lock_held_too_long_names_the_lock(
    content: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Class 2: a lock held past the wait gives one line naming the lock, and changes nothing."""
    from generator.adapters import file_lock

    monkeypatch.setattr(file_lock, "WAIT_SECONDS", 0.2)
    path = content / "actors.yml"
    before = snapshot(content)
    with file_lock.locked(path):
        assert new(content) == 1
        held = snapshot(content)
    assert capsys.readouterr().err == (
        f"error: {content / '.actors.yml.lock'} is held by another run of `new` on actors.yml (waited 0 s); "
        "let it finish and run new again, or end the run that holds it (the file was left unchanged)\n"
    )
    assert {k: v for k, v in held.items() if not k.endswith(".lock")} == before
    assert snapshot(content) == before


def _yaml11_scalars() -> Any:
    """Text that some YAML reader resolves to another type: every implicit resolver of YAML 1.1
    (PyYAML's, timestamps included), its one-letter booleans, and YAML 1.2's core schema."""
    from hypothesis import strategies as st

    patterns = {rx.pattern: rx for resolvers in yaml.SafeLoader.yaml_implicit_resolvers.values() for _, rx in resolvers}
    resolved = [st.from_regex(rx, fullmatch=True) for rx in patterns.values()]
    core_12 = st.from_regex(
        r"[-+]?(0o[0-7]{1,4}|0x[0-9a-f]{1,4}|[0-9]{1,4}(\.[0-9]{0,3})?(e[-+]?[0-9]{1,2})?)", fullmatch=True
    )
    named = st.sampled_from(["y", "Y", "n", "N", "~", ".inf", "-.Inf", ".NaN", "null", "Off", "2011", "0x1f", "12:30"])
    return st.one_of(*resolved, core_12, named).filter(lambda s: s.isprintable() and "\n" not in s)


def test_new_writes_ids_that_read_back_as_text() -> None:
    """Class 5: whatever the id and the name, the stub reads back with both as the text they are
    (an id `2011`, `yes`, `null`, `0x1f`, `1e3`, `12:30` or `2024-01-01` stays a string)."""
    from hypothesis import given, settings

    @settings(max_examples=400, deadline=None)
    @given(_yaml11_scalars())
    def round_trip(value: str) -> None:
        for kind in ("events", "actors", "sources"):
            for text in (scaffold.stub(kind, value, value), "[" + scaffold.flow_stub(kind, value, value) + "]"):
                parsed, problems = load_file(Path("stub.yml"), "stub", text.encode("utf-8"))
                assert problems == [], (value, text)
                assert parsed.data[0]["id"] == value, (value, text)
                assert yaml.safe_load(text)[0]["id"] == value, (value, text)  # PyYAML with timestamps

    round_trip()


@pytest.mark.parametrize("name", ["2011", "Yes", "On", "No", "Off", "null", "0x1f", "1e3", "2024-01-01"])
def test_new_with_a_number_like_name_passes_check(content: Path, name: str) -> None:
    """Class 5 through the command: `new event NAME` then `check` finds only the stub's TODOs."""
    import contextlib
    import io

    assert main(["new", "event", name, "--content", str(content)]) == 0
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        main(["check", "--content", str(content)])
    assert [line for line in err.getvalue().splitlines() if ".id: " in line] == []
    added = records(content / "events.yml")[-1]
    assert isinstance(added["id"], str) and added["title"] == name
