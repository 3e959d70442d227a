"""ISO 3166-1 alpha-3 codes for states, from Babel's copy of the Unicode CLDR.

A vote chart labels each seat with a short code. Codes made from a name's letters are
ambiguous (SA: South Africa or Saudi Arabia? CHI: China or Chile?), so a state that CLDR
knows by one of its names gets its ISO alpha-3 code, which readers can look up.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

from babel import Locale
from babel.core import get_global

# ISO 3166-3 codes withdrawn from 3166-1 that CLDR still lists as aliases (Burma, Zaire, East
# Germany, metropolitan France, East Timor, South Yemen): where a territory has two alpha-3
# aliases, the one not withdrawn is its code.
_WITHDRAWN = frozenset({"BUR", "ZAR", "DDR", "FXX", "TMP", "YMD"})


def normalised(name: str) -> str:
    """A name as compared: case, accents, '&', a leading 'the' and punctuation ignored."""
    plain = re.sub("['’ʼ]", "", name)  # d'Ivoire and d’Ivoire alike
    plain = unicodedata.normalize("NFKD", plain).encode("ascii", "ignore").decode().casefold()
    plain = re.sub(r"^the\s+", "", plain.replace("&", " and "))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain).split())


@functools.cache
def alpha3_codes() -> dict[str, str]:
    """Every current ISO 3166-1 alpha-2 code CLDR has an alpha-3 alias for, mapped to that alias."""
    found: dict[str, str] = {}
    for alias, targets in get_global("territory_aliases").items():
        if len(alias) == 3 and alias.isalpha() and len(targets) == 1 and alias not in _WITHDRAWN:
            found.setdefault(targets[0], alias)
    return found


@functools.cache
def _by_name() -> dict[str, str]:
    """English territory name (normalised) -> alpha-3 code."""
    codes = alpha3_codes()
    territories = Locale("en").territories
    return {normalised(str(name)): codes[key] for key, name in territories.items() if key in codes}


def iso_code(names: Iterable[str]) -> str | None:
    """The alpha-3 code of the first name that is a state CLDR names in English, or that is itself
    an alpha-3 code (an editor may list 'GBR' among a state's other names)."""
    known = set(alpha3_codes().values())
    for name in names:
        if name in known:
            return name
        code = _by_name().get(normalised(name))
        if code:
            return code
    return None


def is_iso_code(code: str) -> bool:
    """Whether a code is some state's alpha-3 code (so no other member may wear it)."""
    return code in set(alpha3_codes().values())
