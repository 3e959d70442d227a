"""Any story, any desk: README's "A second story" works as written, and everything follows `content:`."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

from conftest import ROOT

from generator.adapters import desk


def readme_commands() -> list[str]:
    """The command lines of the README section "A second story", in order."""
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## A second story", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert block is not None, "the section shows no commands"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_the_readme_second_story_works_as_written(tmp_path: Path) -> None:
    project = tmp_path / "newsroom"
    shutil.copytree(ROOT / "theme", project / "theme")
    shutil.copytree(ROOT / "content", project / "content")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1342000000"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    commands = readme_commands()
    assert [c.split()[-1] for c in commands][:2] == ["stories/harbour", "stories/harbour"]
    for line in commands:
        words = shlex.split(line)
        settings = dict(w.split("=", 1) for w in words if re.fullmatch(r"[A-Z_]+=\S+", w))
        argv = [w for w in words if w.split("=", 1)[0] not in settings]
        if argv[0] == "python":
            argv[0] = "python3"
        result = subprocess.run(argv, cwd=project, env={**env, **settings}, capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, f"{line}\n{result.stdout}\n{result.stderr}"
    site = project / "site-harbour"
    story = (project / "stories/harbour/story.yml").read_text(encoding="utf-8")
    headline = re.search(r"^headline: (.*)$", story, re.MULTILINE)
    assert headline is not None
    index = (site / "index.html").read_text(encoding="utf-8")
    assert f"<title>{headline.group(1).strip()}" in index or headline.group(1).strip() in index
    about = (site / "about" / "index.html").read_text(encoding="utf-8")
    first_about = (ROOT / "content/pages/about.md").read_text(encoding="utf-8").splitlines()
    assert "edit/main/stories/harbour/pages/about.md" in about  # the story's own page, and its edit link
    # Not content/'s About: none of its lines the second story's own About does not share (content/
    # may hold a story begun with `init` too, whose About is the same starter page).
    own = set((project / "stories/harbour/pages/about.md").read_text(encoding="utf-8").splitlines())
    assert not any(line in about for line in first_about if len(line) > 40 and line not in own)
    assert "edit/main/stories/harbour/story.yml" in index
    assert "Text by your desk" in index and "Story Explainer desk" not in index  # the story's copyright line
    assert '<meta name="description" content="Two or three sentences saying what the story is about.' in index


def test_edit_uri_follows_the_pages_folder_it_named() -> None:
    assert desk.moved_edit_uri("edit/main/content/pages/", "content/pages", "stories/b/pages") == (
        "edit/main/stories/b/pages/"
    )
    assert desk.moved_edit_uri("edit/main/docs/", "content/pages", "stories/b/pages") == "edit/main/docs/"
    assert desk.moved_edit_uri(None, "content/pages", "stories/b/pages") is None


def test_the_content_path_is_from_the_repository_root(tmp_path: Path) -> None:
    assert desk.content_path(tmp_path / "stories" / "libya", tmp_path) == "stories/libya"
    assert desk.content_path(tmp_path / "content", tmp_path) == "content"
    assert desk.content_path(tmp_path / "elsewhere", tmp_path / "repo") == "elsewhere"


def test_mkdocs_yml_names_no_desk() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert not re.search(r"^copyright:", config, re.MULTILINE)
    assert "STORY_EXPLAINER_CONTENT" in config  # said where a newsroom developer looks
