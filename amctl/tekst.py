"""Text from the data file is shown as typed: never as markup, never as terminal codes."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from datetime import date

# Lone surrogates (\ud800-\udfff) come from a path that is not UTF-8 (os.fsdecode): they
# cannot even be written to a UTF-8 terminal.
_STUURTEKENS = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_STUURTEKENS_EN_REGELEINDEN = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def zichtbaar(tekst: str, eenregelig: bool = False) -> str:
    """Replace control characters (ANSI escapes, bidi overrides, ...) by a visible \\uXXXX.

    With `eenregelig`, tabs and line ends are made visible too, for one-line formats."""
    patroon = _STUURTEKENS_EN_REGELEINDEN if eenregelig else _STUURTEKENS
    if not patroon.search(tekst):
        return tekst
    return patroon.sub(lambda m: f"\\u{ord(m.group()):04x}", tekst)


MAX_WOORD = 200  # longer words of a message (an argument, a path) are cut in the middle
_LANG_WOORD = re.compile(rf"\S{{{MAX_WOORD + 1},}}")


def ingekort(melding: str) -> str:
    """A message with every word longer than MAX_WOORD characters (a 100 KB argument echoed
    back) cut in the middle: its beginning, how much was left out, and its end (the closing
    quote and what follows stay)."""

    def kort(m: re.Match) -> str:
        woord = m.group()
        weg = len(woord) - 100
        return f"{woord[:80]}[... {getal(weg)} tekens weggelaten ...]{woord[-20:]}"

    return _LANG_WOORD.sub(kort, melding)


# json.dumps already escapes C0; with ensure_ascii=False it leaves these as they are.
_RAUW_IN_JSON = re.compile(r"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def json_veilig(json_tekst: str) -> str:
    """JSON text (from json.dumps with ensure_ascii=False) with DEL, C1 controls, line and
    paragraph separators and bidi controls as \\uXXXX escapes: the same JSON value
    (json.loads gives back every string exactly), but nothing a terminal acts on. Outside
    strings json.dumps writes only ASCII, so every match is inside a string."""
    if not _RAUW_IN_JSON.search(json_tekst):
        return json_tekst
    return _RAUW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", json_tekst)


def iso(dag: date | None) -> str | None:
    """A date as JJJJ-MM-DD, the one way amctl writes a date for scripts; None stays None."""
    return dag.isoformat() if dag else None


def periode(vanaf: date | None, tot_en_met: date | None, zonder: str = "") -> str:
    """The one wording of a period (both dates inclusive): '2018-01-01 t/m 2022-03-31',
    'vanaf 2018-01-01', 't/m 2016-12-31', or `zonder` when neither date is known."""
    if vanaf and tot_en_met:
        return f"{vanaf.isoformat()} t/m {tot_en_met.isoformat()}"
    if vanaf:
        return f"vanaf {vanaf.isoformat()}"
    if tot_en_met:
        return f"t/m {tot_en_met.isoformat()}"
    return zonder


def json_tekst(gegevens: object) -> str:
    """The one JSON output of amctl: indented, UTF-8 as typed, nothing a terminal acts on, and
    a closing newline."""
    import json

    return json_veilig(json.dumps(gegevens, ensure_ascii=False, indent=2)) + "\n"


def suggestie(woord: str, kandidaten) -> str | None:
    gevonden = difflib.get_close_matches(woord, list(kandidaten), n=1, cutoff=0.6)
    return gevonden[0] if gevonden else None


def opsomming(woorden: Sequence[str], voegwoord: str = "en") -> str:
    """'april', 'april en oktober', 'a, b of c': words in a sentence."""
    if len(woorden) <= 1:
        return "".join(woorden)
    return f"{', '.join(woorden[:-1])} {voegwoord} {woorden[-1]}"


def getal(n: int) -> str:
    """A whole number as Dutch writes it: 10000 -> '10.000'."""
    return f"{n:,}".replace(",", ".")


def aantal(n: int, enkelvoud: str, meervoud: str) -> str:
    """'1 fout', '2 fouten': a count with the word in the right number."""
    return f"{n} {enkelvoud if n == 1 else meervoud}"


_RANG = ("eerste", "tweede", "derde", "vierde", "vijfde", "zesde", "zevende", "achtste", "negende")


def rangtelwoord(n: int) -> str:
    """1 -> 'eerste', 2 -> 'tweede', ..., 10 -> '10e'."""
    return _RANG[n - 1] if 1 <= n <= len(_RANG) else f"{n}e"


_OORZAKEN = {
    "ENOENT": "het pad bestaat niet",
    "EACCES": "geen toegang (rechten)",
    "EPERM": "geen toegang (rechten)",
    "EISDIR": "het is een map",
    "ENOTDIR": "een deel van het pad is geen map",
    "EROFS": "het bestandssysteem is alleen-lezen",
    "ENOSPC": "de schijf is vol",
    "EDQUOT": "de schijf is vol (quotum)",
    "EEXIST": "het bestaat al",
    "EBUSY": "het is in gebruik",
    "ETXTBSY": "het is in gebruik",
    "ELOOP": "te veel symbolische links",
    "ENAMETOOLONG": "de naam is te lang",
    "EIO": "het systeem geeft een lees- of schrijffout",
    "ENXIO": "het is een apparaat of socket zonder inhoud",
    "EMFILE": "te veel open bestanden",
    "ENFILE": "te veel open bestanden",
    "EXDEV": "het ligt op een ander bestandssysteem",
}


def oorzaak(fout: OSError) -> str:
    """Why the system refused, in Dutch words: the usual reasons by name, any other as the
    system's own words, marked as such (they are English on most systems)."""
    import errno

    naam = errno.errorcode.get(fout.errno or 0, "")
    if naam in _OORZAKEN:
        return _OORZAKEN[naam]
    return f"het systeem meldt: {fout.strerror or type(fout).__name__}"
