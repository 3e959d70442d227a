"""Deployment settings printed raw (issue 22, class 9): SITE_URL, REPO_URL, REPO_NAME, EDIT_URI,
PAGES_EDIT_URI and `pages --site-url` are checked before anything is built (one line naming the
variable, no traceback, non-UTF-8 values included), and escaped where the theme prints them.
"""

from __future__ import annotations

import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import pytest
from conftest import ROOT, TESTS, make_project
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.adapters import settings as deployment
from generator.adapters.cli import main

FIXTURE = TESTS / "fixtures" / "harbour-story"
ALL = [deployment.SITE_URL, deployment.REPO_URL, deployment.REPO_NAME, deployment.EDIT_URI, deployment.CONTENT_EDIT_URI]

HOSTILE = [
    "javascript://example.org/%0aalert(1)//",
    'https://example.org/"><img src=x onerror=alert(1)>',
    "https://example.org/' onmouseover='alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "http://example.org/",
    "https://exa mple.org/",
    "https://example.org/\udcff",  # a non-UTF-8 byte, as Python reads it from the environment
    "<img src=x onerror=alert(1)>",
    "edit/main/\x00",
]


class _Links(HTMLParser):
    """Every element and attribute of a rendered fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text += data


def _render(template: str, **config: object) -> _Links:
    """A theme partial rendered as MkDocs renders themes (Jinja without autoescape)."""
    icons = jinja2.DictLoader({".icons/material/file-edit-outline.svg": "<svg></svg>"})
    loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(ROOT / "theme"), icons])
    env = jinja2.Environment(loader=loader, autoescape=False)  # noqa: S701 - as MkDocs renders themes
    env.globals["lang"] = {"t": lambda key: key}
    source = env.get_template(template).render(
        config={"extra": {}, "theme": {"icon": {}}, **config},
        page={"meta": {"edit_path": "content/story.yml"}, "edit_url": None},
        features=["content.action.edit"],
    )
    links = _Links()
    links.feed(source)
    return links


_setting_values = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40),
    st.from_regex(r"https?://[a-z0-9.:\[\]@\"'<> ()-]{0,20}/[a-z0-9%\"'<> =/()-]{0,20}", fullmatch=True),
    st.from_regex(r"[a-zA-Z0-9./_\"'<> :-]{1,30}", fullmatch=True),
)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(ALL), _setting_values)
def test_deployment_settings_printed_raw(setting: deployment.Setting, value: str) -> None:
    """Any value of any setting is either refused in one line that names it, or printed by the
    theme as exactly that value in an href or text, with no element or attribute of its own."""
    found = deployment.problems([(setting, value)])
    if not value:
        assert found == []  # not set: the builder's default
        return
    if found:
        assert len(found) == 1 and "\n" not in found[0] and found[0].startswith(setting.named() + " is ")
        return
    if setting in (deployment.SITE_URL, deployment.REPO_URL):
        assert value.startswith("https://") or value.startswith(("http://127.0.0.1", "http://localhost"))
        links = _render("partials/source.html", repo_url=value, repo_name="owner/name")
        assert links.tags[0] == ("a", {"href": value, "class": "md-source", "rel": "noopener"})
    elif setting is deployment.REPO_NAME:
        links = _render("partials/source.html", repo_url="https://example.org/r", repo_name=value)
        assert links.text.strip() == value
    else:
        extra = {"content_edit_uri": value}
        links = _render("partials/actions.html", repo_url="https://example.org/r", extra=extra)
        assert links.tags[0][0] == "a"
        assert not links.tags[0][1]["href"].lower().startswith(("javascript", "data"))  # type: ignore[union-attr]
    assert all(tag in {"a", "div", "svg"} for tag, _ in links.tags)
    assert not any(name.startswith("on") for _, attrs in links.tags for name in attrs)


def _build(project: Path, env: dict[str, str] | dict[bytes, bytes]) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-d", str(project / "site")],
        cwd=project,
        capture_output=True,
        env=env,  # type: ignore[arg-type]
        timeout=120,
    )


@pytest.mark.parametrize(
    ("variable", "value", "line"),
    [
        (
            "REPO_URL",
            "javascript://example.org/%0aalert(1)//",
            "REPO_URL (repo_url in mkdocs.yml) is 'javascript://example.org/%0aalert(1)//': it must start with "
            "https:// (http only for this machine: 127.0.0.1 or localhost)",
        ),
        (
            "SITE_URL",
            'https://example.org/"><img src=x onerror=alert(1)>',
            "SITE_URL (site_url in mkdocs.yml) is 'https://example.org/\"><img src=x onerror=alert(1)>/': it holds "
            "a quote, space, parenthesis or angle bracket; percent-encode it",
        ),
        (
            "REPO_NAME",
            "<img src=x onerror=alert(1)>",
            "REPO_NAME (repo_name in mkdocs.yml) is '<img src=x onerror=alert(1)>': it must be a repository's "
            "name, owner/name (letters, digits, '.', '_' and '-')",
        ),
        (
            "EDIT_URI",
            "javascript:alert(1)//",
            "EDIT_URI (extra.content_edit_uri in mkdocs.yml) is 'javascript:alert(1)//': it must be a path such "
            "as edit/main/ (letters, digits, '.', '_', '-', '~', '%' and '/')",
        ),
        (
            "SITE_URL",
            "http://example.org/story/",
            "SITE_URL (site_url in mkdocs.yml) is 'http://example.org/story/': it must start with https:// "
            "(http only for this machine: 127.0.0.1 or localhost)",
        ),
    ],
)
def test_mkdocs_build_refuses_a_setting_in_one_line(tmp_path: Path, variable: str, value: str, line: str) -> None:
    project = make_project(FIXTURE, tmp_path)
    result = _build(project, {**os.environ, "NO_MKDOCS_2_WARNING": "1", variable: value})
    err = (result.stdout + result.stderr).decode("utf-8")
    assert result.returncode == 1
    assert "Traceback" not in err
    assert [x for x in err.splitlines() if "story-explainer:" in x] == [f"ERROR   -  story-explainer: {line}"], err
    assert not (project / "site" / "index.html").exists()


def test_mkdocs_build_refuses_a_non_utf8_setting(tmp_path: Path) -> None:
    project = make_project(FIXTURE, tmp_path)
    env = {**os.environb, b"NO_MKDOCS_2_WARNING": b"1", b"REPO_URL": b"https://example.org/\xff"}
    result = _build(project, env)
    err = (result.stdout + result.stderr).decode("utf-8", "replace")
    assert result.returncode == 1
    assert "Traceback" not in err
    assert (
        "story-explainer: REPO_URL (repo_url in mkdocs.yml) is 'https://example.org/\\xff': it is not valid "
        "UTF-8 text (set it again from a UTF-8 terminal or file)"
    ) in err


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("javascript:alert(1)", "it must start with https:// (http only for this machine: 127.0.0.1 or localhost)"),
        ('https://example.org/"x', "it holds a quote, space, parenthesis or angle bracket; percent-encode it"),
        (
            "https://[example.org/",
            "it is not a web address: its host cannot be read; check the brackets and the characters after //",
        ),
    ],
)
def test_pages_site_url_is_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str, problem: str
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["pages", "--content", str(FIXTURE), "--out", str(tmp_path / "out"), "--site-url", value])
    assert exited.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1].endswith(f"argument --site-url: {problem}")
    assert not (tmp_path / "out").exists()


def test_pages_site_url_not_utf8_gives_one_line(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "pages",
            "--content",
            str(FIXTURE),
            "--out",
            str(tmp_path / "o"),
            b"--site-url",
            b"https://example.org/\xff",
        ],
        cwd=ROOT,
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=60,
    )
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 2 and "Traceback" not in err
    assert err.splitlines()[-1].endswith(
        "argument --site-url: it is not valid UTF-8 text (set it again from a UTF-8 terminal or file)"
    )
