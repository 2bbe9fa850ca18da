"""Text from the data file is shown as typed: never as markup, never as terminal codes."""

from __future__ import annotations

import difflib
import re

_STUURTEKENS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_STUURTEKENS_EN_REGELEINDEN = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


def zichtbaar(tekst: str, eenregelig: bool = False) -> str:
    """Replace control characters (ANSI escapes, bidi overrides, ...) by a visible \\uXXXX.

    With `eenregelig`, tabs and line ends are made visible too, for one-line formats."""
    patroon = _STUURTEKENS_EN_REGELEINDEN if eenregelig else _STUURTEKENS
    if not patroon.search(tekst):
        return tekst
    return patroon.sub(lambda m: f"\\u{ord(m.group()):04x}", tekst)


def suggestie(woord: str, kandidaten) -> str | None:
    gevonden = difflib.get_close_matches(woord, list(kandidaten), n=1, cutoff=0.6)
    return gevonden[0] if gevonden else None
