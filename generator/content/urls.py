"""Web addresses that a browser reads the way we do.

A source's address is parsed here (weak sources, exports) and by every reader's browser. Where
the two could disagree, the address is refused: Python's parser raises on an unclosed IPv6
bracket or on a host that NFKC-normalises into '/' or '@', and a browser reads a backslash as
'/', resolves `user@host` to another host than the one a reader sees first, and rewrites bad
percent-escapes. So an address must be http(s), with a host of letters, digits, hyphens and dots
(or an IP address), no user name, a port only as digits, valid percent-escapes, and no spaces,
backslashes or control characters.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
import urllib.parse

_SCHEME = re.compile(r"https?://", re.IGNORECASE)
# One label of a host name: letters and digits of any script, and inner hyphens.
_LABEL = re.compile(r"[^\W_](?:[^\W_]|-)*(?<!-)")
_PORT = re.compile(r"[0-9]{1,5}")
_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_NOT_IN_ADDRESS = re.compile(r"[\s\\\x00-\x1f\x7f]")
# A host whose last label is a number is read by browsers as an IPv4 address (0x7f.1 is 127.0.0.1).
_NUMERIC_LABEL = re.compile(r"[0-9]+|0[xX][0-9A-Fa-f]*")
MAX_HOST = 253
MAX_PORT = 65535


# Most addresses are plain (https://example.org/news/1): a host of ASCII labels ending in a word,
# then only characters that need no escape. None of the checks below can find a problem in one, so
# they are not run for it (every source's address is checked; tests/test_front_shortcuts.py holds
# the two ways to the same answer).
_PLAIN = re.compile(
    r"https?://(?P<host>(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]+)(?:/[\w.~/+,;=:!$&'()*?#-]*)?",
    re.IGNORECASE | re.ASCII,
)


def address_problem(url: str) -> str | None:
    """Why a browser could read `url` otherwise than we do, or None when it is a plain web address."""
    plain = _PLAIN.fullmatch(url)
    if plain is not None and len(plain.group("host")) <= MAX_HOST:
        return None
    return checked_address_problem(url)


def checked_address_problem(url: str) -> str | None:
    """address_problem, every check run."""
    if not _SCHEME.match(url):
        return "it must start with https:// or http://; write the full address"
    bad = _NOT_IN_ADDRESS.search(url)
    if bad:
        char = bad.group()
        shown = "a space" if char.isspace() else "a backslash" if char == "\\" else "a control character"
        return f"it holds {shown}; percent-encode it (%20 for a space, %5C for a backslash) or remove it"
    if _BAD_PERCENT.search(url):
        return "a % is not followed by two hex digits; write %25 for a percent sign"
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        return "its host cannot be read; check the brackets and the characters after //"
    if "@" in parts.netloc:
        return "it has a user name before '@', which hides the real host; cite the address after the @"
    host, _, port = parts.netloc.rpartition(":") if not parts.netloc.endswith("]") else (parts.netloc, "", "")
    if not host or (port and not _PORT.fullmatch(port)):
        host, port = parts.netloc, ""
    if port and int(port) > MAX_PORT:
        return "its port is over 65535; check the number after the colon"
    return _host_problem(host)


def _host_problem(host: str) -> str | None:
    """What is wrong with the host part of an address, or None."""
    if host.startswith("["):
        try:
            ipaddress.IPv6Address(host[1:-1])
        except ValueError:
            return "its host is not an IPv6 address in brackets; check the address between [ and ]"
        return None
    name = host.removesuffix(".")
    if not name or len(name) > MAX_HOST:
        return "it has no host; write the site's name after //"
    if unicodedata.normalize("NFKC", name) != name:
        return "its host holds characters a browser would change; type the site's name in plain letters"
    if not all(_LABEL.fullmatch(label) for label in name.split(".")):
        return "its host is not a site's name; use letters, digits, hyphens and dots"
    if _NUMERIC_LABEL.fullmatch(name.split(".")[-1]):
        try:
            ipaddress.IPv4Address(name)
        except ValueError:
            return "its host is a number but not an IPv4 address; write four numbers (1.2.3.4) or the site's name"
    return None
