"""A real `mkdocs serve` survives broken content and recovers when it is fixed."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import ENGINE_STORY, make_project

DEADLINE = 40.0  # seconds for any one state to show up
STOP_SECONDS = 10  # for a server to stop once told to


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def wait_for(check: Callable[[], bool], what: str) -> None:
    end = time.monotonic() + DEADLINE
    while time.monotonic() < end:
        if check():
            return
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


class Server:
    def __init__(self, project: Path, *extra: str) -> None:
        self.project = project
        port = free_port()
        self.base = f"http://127.0.0.1:{port}/story-explainer/"
        # Its own temporary folder, so that a test can see what the server leaves behind.
        self.temp = project / "tmp"
        self.temp.mkdir(exist_ok=True)
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(self.temp)}
        self.log = (project / "serve.log").open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}", *extra],
            cwd=project,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def page(self, path: str = "") -> str:
        assert self.process.poll() is None, "mkdocs serve exited"
        return fetch(self.base + path)

    def written(self) -> dict[str, int]:
        """When each page of the served folder (MkDocs makes it in the temporary folder) was last written."""
        (site,) = self.temp.glob("mkdocs_*")
        return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*.html")}

    def output(self) -> str:
        return (self.project / "serve.log").read_text(encoding="utf-8")

    def stop(self, how: signal.Signals = signal.SIGINT) -> None:
        """Stop as Ctrl-C (or `kill`) does, so that MkDocs and the plugin remove their temporary
        folders; a server that does not stop within STOP_SECONDS fails the test, after it is killed."""
        try:
            if self.process.poll() is None:
                os.killpg(self.process.pid, how)
                try:
                    self.process.wait(timeout=STOP_SECONDS)
                except subprocess.TimeoutExpired:
                    os.killpg(self.process.pid, signal.SIGKILL)
                    self.process.wait()
                    raise AssertionError(
                        f"mkdocs serve did not stop within {STOP_SECONDS} s of {how.name}: killed"
                    ) from None
        finally:
            self.log.close()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A site of the engine's invented story: the test passes whatever story content/ holds."""
    return make_project(ENGINE_STORY, tmp_path)


@pytest.fixture
def serve(project: Path) -> Iterator[Callable[..., Server]]:
    servers: list[Server] = []

    def start(*extra: str) -> Server:
        servers.append(Server(project, *extra))
        return servers[-1]

    yield start
    for server in servers:
        server.stop()  # fails the test if the server will not stop


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("mode", [(), ("--dirty",)], ids=["full", "dirty"])
def test_serve_keeps_the_last_good_site_and_recovers(
    project: Path, serve: Callable[..., Server], mode: tuple[str, ...]
) -> None:
    server = serve(*mode)
    wait_for(lambda: "Tomas Arlen" in server.page(), "the first build")
    assert "se-problems" not in server.page()

    people = project / "content/actors.yml"
    edit(people, "  side: civilian\n  nationality: Velorian\n", "  side: civlian\n  nationality: Velorian\n")
    wait_for(lambda: "se-problems" in server.page(), "the problems banner")
    banner = (
        "content/actors.yml:7:9: tomas-arlen.side: unknown side &#x27;civlian&#x27; "
        "(did you mean &#x27;civilian&#x27;?)"
    )
    assert banner in server.page()
    assert banner in server.page("votes/council-draft-2023-03/")  # on every page
    assert "Tomas Arlen" in server.page("actors/tomas-arlen/")  # the last good pages
    assert "content/actors.yml:7:9: tomas-arlen.side: unknown side 'civlian'" in server.output()

    edit(people, "  side: civlian\n", "  side: civilian\n  nationality: [unclosed\n")
    wait_for(lambda: "YAML syntax error" in server.page(), "the syntax error in the banner")

    edit(people, "  side: civilian\n  nationality: [unclosed\n", "  side: civilian\n")
    wait_for(lambda: "Tomas Arlen" in server.page() and "se-problems" not in server.page(), "recovery")
    assert "se-problems" not in server.page("votes/council-draft-2023-03/")

    # An ordinary edit shows up, on the page it changes, without a restart.
    edit(people, "name: Tomas Arlen", "name: Tomas Arlen (edited)")
    wait_for(lambda: "Tomas Arlen (edited)" in server.page("actors/tomas-arlen/"), "the edit")
    # The summary names him, and every page's description is the summary: that one was a whole
    # rebuild. An actor's short description is on its page and in who's who only: the rebuild
    # writes again those pages, not the whole site.
    written = server.written()
    edit(people, "short: The junta's choice as envoy", "short: The junta's pick as envoy")
    wait_for(lambda: "The junta&#x27;s pick as envoy" in server.page("actors/rina-vask/"), "the second edit")
    again = server.written()
    rewritten = sorted(page for page in written if again.get(page) != written[page])
    assert rewritten == ["404.html", "actors/index.html", "actors/rina-vask/index.html"]  # MkDocs makes 404 each time
    assert server.process.poll() is None
    if not mode:  # rebuilds are dirty builds, but MkDocs' warning about them is for `--dirty` only
        assert "'dirty' build" not in server.output()


def test_serve_starts_even_when_content_is_broken(project: Path, serve: Callable[..., Server]) -> None:
    edit(project / "content/story.yml", "language: en-GB", "language: NO")
    server = serve()
    wait_for(lambda: "se-problems" in server.page(), "the banner on the placeholder site")
    line = (project / "content/story.yml").read_text().splitlines().index("language: NO") + 1
    assert f"content/story.yml:{line}:11: language: expected text, got the boolean false" in server.page()
    # The placeholder pages' edit link opens the file with the problem.
    assert 'href="https://github.com/story-explainer/story-explainer/edit/main/content/story.yml"' in server.page()
    edit(project / "content/story.yml", "language: NO", "language: en-GB")
    wait_for(lambda: "se-problems" not in server.page() and "Tomas Arlen" in server.page(), "recovery")


def test_dirty_serve_rebuilds_only_pages_that_changed(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Under `mkdocs serve --dirty` an edit rebuilds the pages it changes, not the whole site; the
    search index still has every page's entries once, as after a whole build."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    site = project / "site"

    def rebuild() -> dict[str, int]:
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
        build(config, serve_url="http://127.0.0.1:8000/story-explainer/", dirty=True)
        return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("index.html")}

    # MkDocs keeps the plugin instance across loads of the configuration (as across serve
    # rebuilds) for the whole process: end the session so that later tests get a clean one.
    plugins = load_config(str(project / "mkdocs.yml")).plugins
    plugins.on_startup(command="serve", dirty=True)
    index = site / "search" / "search_index.json"
    try:
        first = rebuild()
        whole = [entry["location"] for entry in json.loads(index.read_text(encoding="utf-8"))["docs"]]
        time.sleep(0.05)
        edit(project / "content/actors.yml", "short: The junta's choice as envoy", "short: The junta's pick as envoy")
        second = rebuild()
        partial = [entry["location"] for entry in json.loads(index.read_text(encoding="utf-8"))["docs"]]
    finally:
        plugins.on_shutdown()
    rebuilt = sorted(page for page in first if second[page] != first[page])
    assert rebuilt == ["actors/index.html", "actors/rina-vask/index.html"]
    assert partial == whole  # Material's own `--dirty` merge would move the edited pages to the end


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "kill"])
def test_serve_stops_on_a_signal_and_leaves_no_temporary_folder(
    project: Path, serve: Callable[..., Server], how: signal.Signals
) -> None:
    server = serve()
    wait_for(lambda: "Tomas Arlen" in server.page(), "the first build")
    assert any(server.temp.iterdir()), "the server made no temporary folder to check"
    server.stop(how)
    assert server.process.returncode is not None
    assert sorted(p.name for p in server.temp.iterdir()) == []


def test_a_server_that_ignores_the_signal_fails_the_test(tmp_path: Path) -> None:
    """The teardown's own check: a process that ignores SIGINT is killed, and stop() says so."""
    stubborn = tmp_path / "stubborn.py"
    stubborn.write_text(
        "import signal, time\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nprint('up', flush=True)\ntime.sleep(60)\n"
    )
    server = Server.__new__(Server)
    server.log = (tmp_path / "log").open("w")
    server.process = subprocess.Popen(
        [sys.executable, str(stubborn)], stdout=subprocess.PIPE, text=True, start_new_session=True
    )
    assert server.process.stdout is not None and server.process.stdout.readline() == "up\n"
    start = time.monotonic()
    with pytest.raises(AssertionError, match="mkdocs serve did not stop within 10 s of SIGINT: killed"):
        server.stop()
    assert server.process.returncode == -signal.SIGKILL and time.monotonic() - start < STOP_SECONDS + 5
