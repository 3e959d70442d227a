"""Where a document's official text is, worked out from its symbol: no editor types the address."""

from __future__ import annotations

import re
import urllib.parse

# The United Nations' document symbols begin with the series of the organ that issued them
# (A/ the General Assembly, S/ the Council of the veto, E/ the Economic and Social Council, ST/
# the Secretariat; A/HRC/ and the like are under A/). Its document system resolves any of them at
# this address followed by the symbol. A symbol of another body (HTC/2019/7) gets no link.
# The symbol's grammar, not a set of characters: parts of letters and digits joined by '.' or '-'
# (PV.6810, L.57, Add.1), then optionally a letter (253 B) and the year in brackets (2043 (2012)).
# A part is never empty, '.' or '..': an address made from a symbol cannot walk up undocs.org's
# paths (S/../../x), and one without a part is no symbol.
_PART = r"[A-Za-z0-9]+(?:[.\-][A-Za-z0-9]+)*"
UN_SYMBOL = re.compile(rf"(?:A|S|E|ST)(?:/{_PART})+(?: [A-Z])?(?: \([0-9]{{4}}\))?")
UN_DOCUMENTS = "https://undocs.org/"


def official_text(symbol: str | None) -> str | None:
    """The address of a UN document's official text, or None for a symbol of another system.

    The UN writes a resolution's year in brackets after a space ("S/RES/2043 (2012)") but its
    addresses without the space; whatever else a symbol holds is percent-encoded, so it can
    only ever be part of the path.
    """
    if symbol is None or not UN_SYMBOL.fullmatch(symbol.strip()):
        return None
    compact = symbol.strip().replace(" ", "")
    return UN_DOCUMENTS + urllib.parse.quote(compact, safe="/().-")
