"""Deployment settings that reach every page: checked before anything is built.

`site_url`, `repo_url`, `repo_name`, `edit_uri` and `extra.content_edit_uri` come from
mkdocs.yml or, in the Pages workflow, from the environment (SITE_URL, REPO_URL, REPO_NAME,
PAGES_EDIT_URI, EDIT_URI). Themes print them into attributes and links as they are, so a
value must be what its name says and nothing that could end an attribute or run as script:
an https address (http only for this machine, as the preview uses), a repository name, or a
path. A value from a non-UTF-8 environment arrives with lone surrogates and is refused too.
"""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass

from generator.content.urls import address_problem

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
# Characters an address in a setting may hold: RFC 3986's, less the quote and the parentheses
# that could end an attribute or a CSS url(); everything else is percent-encoded.
_ADDRESS = re.compile(r"[A-Za-z0-9._~:/?#\[\]@!$&*+,;=%-]+")
_REPO_NAME = re.compile(r"[A-Za-z0-9._-]{1,100}(/[A-Za-z0-9._-]{1,100})?")
_PATH = re.compile(r"[A-Za-z0-9._~/%+-]*")
MAX_LENGTH = 2000
_NOT_HTTPS = "it must start with https:// (http only for this machine: 127.0.0.1 or localhost)"


@dataclass(frozen=True)
class Setting:
    """One setting as the user knows it: its name in mkdocs.yml and its environment variable."""

    key: str
    variable: str

    def named(self) -> str:
        return f"{self.variable} ({self.key} in mkdocs.yml)" if self.variable else self.key


SITE_URL = Setting("site_url", "SITE_URL")
REPO_URL = Setting("repo_url", "REPO_URL")
REPO_NAME = Setting("repo_name", "REPO_NAME")
EDIT_URI = Setting("edit_uri", "PAGES_EDIT_URI")
CONTENT_EDIT_URI = Setting("extra.content_edit_uri", "EDIT_URI")
PAGES_SITE_URL = Setting("--site-url", "")


def address_setting_problem(value: str) -> str | None:
    """Why `value` cannot be a published address (an https URL), or None; http is allowed for
    this machine only, as local builds and `mkdocs serve` use."""
    problem = _text_problem(value)
    if problem:
        return problem
    if not value.lower().startswith(("https://", "http://")):
        return _NOT_HTTPS
    if not _ADDRESS.fullmatch(value):
        return "it holds a quote, space, parenthesis or angle bracket; percent-encode it"
    problem = address_problem(value)
    if problem:
        return f"it is not a web address: {problem}"
    parts = urllib.parse.urlsplit(value)
    scheme = parts.scheme.lower()
    if scheme == "https" or (scheme == "http" and (parts.hostname or "") in LOCAL_HOSTS):
        return None
    return _NOT_HTTPS


def repo_name_problem(value: str) -> str | None:
    problem = _text_problem(value)
    if problem:
        return problem
    if not _REPO_NAME.fullmatch(value):
        return "it must be a repository's name, owner/name (letters, digits, '.', '_' and '-')"
    return None


def edit_uri_problem(value: str) -> str | None:
    """An edit path such as edit/main/ (relative to repo_url), or a full https address."""
    problem = _text_problem(value)
    if problem:
        return problem
    if value.lower().startswith(("https:", "http:")):
        return address_setting_problem(value)
    if not _PATH.fullmatch(value) or ".." in value.split("/") or ":" in value:
        return "it must be a path such as edit/main/ (letters, digits, '.', '_', '-', '~', '%' and '/')"
    return None


def _text_problem(value: object) -> str | None:
    if not isinstance(value, str):
        return f"it must be text, not {type(value).__name__}"
    if any(0xD800 <= ord(ch) <= 0xDFFF for ch in value):
        return "it is not valid UTF-8 text (set it again from a UTF-8 terminal or file)"
    if len(value) > MAX_LENGTH:
        return f"it is {len(value):,} characters long, over the limit of {MAX_LENGTH:,}"
    return None


def problems(values: list[tuple[Setting, object]]) -> list[str]:
    """One line for each setting that is set and wrong."""
    found = []
    for setting, value in values:
        if value is None or value == "":
            continue  # not set: the builder's default (no repository link, no edit links)
        check = CHECKS[setting]
        problem = check(value) if isinstance(value, str) else _text_problem(value)
        if problem:
            found.append(message(setting, str(value), problem))
    return found


CHECKS = {
    SITE_URL: address_setting_problem,
    REPO_URL: address_setting_problem,
    REPO_NAME: repo_name_problem,
    EDIT_URI: edit_uri_problem,
    CONTENT_EDIT_URI: edit_uri_problem,
    PAGES_SITE_URL: address_setting_problem,
}


def message(setting: Setting, value: str, problem: str) -> str:
    """The one line that says which setting is wrong, what it holds and how to fix it."""
    # A non-UTF-8 byte from the environment is shown as the byte it was (\xff).
    shown = value.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    shown = "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in shown)  # a newline as \n
    shown = shown if len(shown) <= 80 else shown[:79] + "…"
    return f"{setting.named()} is '{shown}': {problem}"
