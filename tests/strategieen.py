"""Hypothesis strategies for hostile input, shared by the tests of untrusted files, and a
CliRunner fast enough to run every command on thousands of examples.

Three kinds of input:

- `schemadocument()`: YAML built from Python data whose keys and values come mostly from the
  real schema (amctl.model), with ids from one small pool per section, so that many examples
  get past the loader into the schema, reference and domain layers, and some are valid;
- `ruwe_tekst()`: text, from any characters or from YAML's own tokens;
- `mutatie_van_gedeeld()`: the shipped data file (or the fictional test file with people),
  changed a little: a node deleted, duplicated or retyped, ids swapped, dates shifted, then
  perhaps the bytes cut or garbage inserted.

And one for valid input: `opmaak(data)` writes given data in every layout YAML allows.
"""

from __future__ import annotations

import copy
import json
import re
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import typer.main
import typer.testing
import yaml
from hypothesis import strategies as st
from typer.testing import CliRunner

from amctl.model import ID_PATROON, RELATIESOORTEN, SECTIES, STATUSSEN, TOPVELDEN

ROOT = Path(__file__).resolve().parents[1]
GEDEELD = ROOT / "data" / "organisatie.yaml"
FICTIEF = ROOT / "tests" / "fixtures" / "fictief.yaml"

# Line breaks as YAML (and libyaml's line numbers) count them.
_REGELEINDE = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def aantal_regels(tekst: str) -> int:
    """How many lines the text has, with YAML's line breaks; the last line needs no break."""
    regels = _REGELEINDE.split(tekst)
    return len(regels) - (regels[-1] == "")


class SnelleRunner(CliRunner):
    """A CliRunner that turns the Typer app into its click command once, not on every call:
    that conversion is most of the time of a short in-process call."""

    _opdrachten: dict[int, Any] = {}  # noqa: RUF012 - one cache for all runners

    def invoke(self, app: Any, *args: Any, **kwargs: Any) -> Any:
        if not hasattr(typer.testing, "_get_command"):  # another Typer: no shortcut
            return super().invoke(app, *args, **kwargs)
        opdracht = self._opdrachten.get(id(app))
        if opdracht is None:
            opdracht = self._opdrachten[id(app)] = typer.main.get_command(app)
        origineel = typer.testing._get_command
        typer.testing._get_command = lambda _: opdracht
        try:
            return super().invoke(app, *args, **kwargs)
        finally:
            typer.testing._get_command = origineel


# --- the schema, read from the model ----------------------------------------------------------


def _klassen() -> list[Any]:
    gevonden: list[Any] = []
    te_doen = list(SECTIES.values())
    while te_doen:
        klasse = te_doen.pop()
        if klasse in gevonden:
            continue
        gevonden.append(klasse)
        te_doen += [v.klasse for v in klasse.VELDEN if v.klasse is not None]
    return gevonden


KLASSEN = _klassen()
SCHEMASLEUTELS = sorted({v.sleutel for k in KLASSEN for v in k.VELDEN} | set(TOPVELDEN))

# One small pool of ids per section: references often resolve, so the domain rules run.
IDS = {
    "gemeenten": ("noord", "zuid"),
    "functies": ("burgemeester", "raadslid", "secretaris"),
    "organen": ("regio", "pho", "werkgroep"),
    "personen": ("p-een", "p-twee"),
    "bronnen": ("tekst",),
    "soorten": ("overleg", "team"),
    "portefeuilles": ("wonen", "economie"),
    "tegenstrijdigheden": ("twijfel",),
}

_ZONDERLING = st.sampled_from(
    ["", " ", "~", "null", "yes", "no", "0x1F", "1e3", ".nan", "2020-02-30", "1_000", "-", "?"]
)
TEKST = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["Noord", "overleg", "a b", "[bold]x[/]", "<b>", "\x1b[31m", "é\u202e"]),
)
SCALAR = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-3, max_value=5),
    st.integers(),
    st.floats(allow_nan=True),
    st.dates(),
    TEKST,
    _ZONDERLING,
)
WILLEKEURIG = st.recursive(
    SCALAR,
    lambda kinderen: st.one_of(
        st.lists(kinderen, max_size=3),
        st.dictionaries(st.sampled_from(SCHEMASLEUTELS) | TEKST, kinderen, max_size=3),
    ),
    max_leaves=8,
)


def _id(naar: str | None, netjes: bool = False) -> st.SearchStrategy[Any]:
    eigen = IDS.get(naar or "", ())
    if netjes and eigen:
        return st.sampled_from(eigen)
    return st.one_of(
        *([st.sampled_from(eigen)] * 4 if eigen else []),
        st.sampled_from([i for ids in IDS.values() for i in ids]),
        st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4}){0,2}", fullmatch=True),
        TEKST,
    )


_NETTE_TEKST = st.sampled_from(["Noord", "Zuid", "overleg", "Een naam", "PHO Wonen", "x"])


def _waarde(veld: Any, diepte: int, netjes: bool) -> st.SearchStrategy[Any]:
    """A value for `veld`: mostly of the right type; `netjes`: always of the right type."""
    soort = veld.soort
    if soort == "tekst":
        goed = st.sampled_from(veld.keuzes) if veld.keuzes else (_NETTE_TEKST | TEKST)
        if netjes and not veld.keuzes:
            goed = _NETTE_TEKST
    elif soort == "getal":
        goed = st.integers(min_value=1, max_value=3)
        if not netjes:
            goed = goed | st.integers()
    elif soort == "janee":
        goed = st.booleans()
    elif soort == "datum":
        goed = st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31))
        if not netjes:
            goed = goed | st.dates()
    elif soort == "tijd":
        goed = st.builds("{:02}:{:02}".format, st.integers(0, 23), st.integers(0, 59))
    elif soort == "tijdstip":
        goed = st.datetimes(datetime(2000, 1, 1), datetime(2030, 12, 31)).map(
            lambda t: t.strftime("%Y-%m-%dT%H:%M:%SZ")
        )
    elif soort == "id":
        goed = _id(veld.verwijst, netjes)
    elif soort == "tekstlijst":
        item = _id(veld.verwijst, netjes) if veld.verwijst else _NETTE_TEKST
        goed = st.lists(item, max_size=3)
    elif soort == "bron":
        goed = _id("bronnen", netjes) | st.lists(_id("bronnen", netjes), max_size=2)
    elif soort == "aard":  # one word for the whole fact, or a word per field
        goed = st.sampled_from(veld.keuzes)
        if not netjes:
            velden = st.sampled_from(["vanaf", "tot-en-met", "naam", "functie"])
            goed = goed | st.dictionaries(velden, st.sampled_from(veld.keuzes), max_size=2)
    else:  # objectlijst
        item = _object(veld.klasse, diepte + 1, netjes)
        goed = st.lists(item, max_size=3) | item
        if veld.klasse.__name__ == "StatusPeriode":
            goed = goed | st.sampled_from(sorted(STATUSSEN))
        elif getattr(veld.klasse, "KORT", None) is not None:  # `- wonen` for {portefeuille: ..}
            kort = next(v for v in veld.klasse.VELDEN if v.sleutel == veld.klasse.KORT)
            goed = goed | st.lists(_waarde(kort, diepte + 1, netjes), max_size=2)
    return goed if netjes else st.one_of(*[goed] * 8, WILLEKEURIG)


def _object(klasse: Any, diepte: int = 0, netjes: bool = False) -> st.SearchStrategy[Any]:
    """A mapping for `klasse`: its required keys (usually, when not `netjes`), any of its
    optional keys, rarely a key it does not know."""
    if diepte > 2:
        return st.fixed_dictionaries({}) if netjes else WILLEKEURIG
    velden = klasse.VELDEN
    if klasse.__name__ == "Relatie":
        soort = st.sampled_from(sorted(RELATIESOORTEN))
        kern = st.builds(lambda s, naar: {s: naar}, soort, _id("organen", netjes))
        velden = [v for v in velden if v.sleutel not in RELATIESOORTEN or not netjes]
    else:
        kern = st.fixed_dictionaries({})
    verplicht = {v.sleutel: _waarde(v, diepte, netjes) for v in velden if v.verplicht}
    optioneel = {v.sleutel: _waarde(v, diepte, netjes) for v in velden if not v.verplicht}
    if netjes:
        weg = st.just([])
        extra = st.just({})
    else:
        weg = st.lists(st.sampled_from(sorted(verplicht) or [""]), max_size=1) | st.just([])
        extra = st.dictionaries(st.sampled_from(SCHEMASLEUTELS) | TEKST, SCALAR, max_size=1)
        extra = extra | st.just({}) | st.just({})

    def samen(kern: dict, vast: dict, vrij: dict, weg: list[str], extra: dict) -> dict:
        return {**kern, **{k: w for k, w in vast.items() if k not in weg}, **vrij, **extra}

    mapping = st.builds(
        samen,
        kern,
        st.fixed_dictionaries(verplicht),
        st.fixed_dictionaries({}, optional=optioneel),
        weg,
        extra,
    )
    return mapping if netjes else st.one_of(*[mapping] * 10, WILLEKEURIG)


@st.composite
def schemadata(draw: st.DrawFn) -> dict:
    """A document as Python data, shaped by the schema. Half of them are `netjes`: every
    value of the right type, every section holding all ids of its pool, so that references
    resolve and the domain rules (and, when valid, the queries) run."""
    netjes = draw(st.booleans())
    document: dict[str, Any] = {}
    versie = 1 if netjes else draw(st.sampled_from([1] * 12 + [2, "1", None, [1]]))
    if versie is not None:
        document["versie"] = versie
    for sectie, klasse in SECTIES.items():
        object_ = _object(klasse, netjes=netjes)
        if netjes:
            ids = IDS[sectie]
            document[sectie] = dict(zip(ids, draw(st.tuples(*[object_] * len(ids))), strict=True))
            continue
        if not draw(st.integers(0, 3)):
            continue
        sleutels = st.sampled_from(IDS[sectie]) | _id(None)
        if draw(st.integers(0, 15)):
            document[sectie] = draw(st.dictionaries(sleutels, object_, max_size=3))
        else:
            document[sectie] = draw(WILLEKEURIG)
    if not netjes and not draw(st.integers(0, 10)):
        document[draw(TEKST)] = draw(SCALAR)
    return {k: document[k] for k in draw(st.permutations(list(document)))}


class _ZonderAnkers(yaml.SafeDumper):
    """Writes a value that occurs twice (the same date object) twice, not as an alias."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump(data: Any, stijl: int = 0) -> str:
    """YAML text of Python data: block style, flow style, or mixed; with or without
    non-ASCII characters written as they are."""
    return yaml.dump(
        data,
        Dumper=_ZonderAnkers,
        allow_unicode=bool(stijl & 1),
        default_flow_style=(False, None, True)[stijl // 2 % 3],
        sort_keys=False,
        width=100,
    )


@st.composite
def schemadocument(draw: st.DrawFn) -> str:
    return dump(draw(schemadata()), draw(st.integers(0, 5)))


# --- raw text ---------------------------------------------------------------------------------

_TOKENS = [
    *SCHEMASLEUTELS,
    *[i for ids in IDS.values() for i in ids],
    ": ",
    ":",
    "- ",
    "-",
    "\n",
    "\n  ",
    "\n    ",
    "\r\n",
    "\t",
    " ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "? ",
    "&a ",
    "*a",
    "!!str ",
    "!!python/object:os.system ",
    "!x ",
    "|",
    ">-",
    "'",
    '"',
    "\\",
    "#",
    "%YAML 1.1\n",
    "---\n",
    "...\n",
    "2020-01-01",
    "1",
    "true",
    "~",
    "\ufeff",
    "\x85",
    "\u2028",
    "\x00",
    "\x1b",
    "é",
    "\U0001f600",
]


def ruwe_tekst() -> st.SearchStrategy[str]:
    """Any text, or text made of YAML's tokens and the schema's words."""
    return st.one_of(
        st.text(),
        st.lists(st.sampled_from(_TOKENS), max_size=60).map("".join),
        st.builds(
            lambda kop, romp: kop + romp,
            st.sampled_from(["versie: 1\n", "versie: 1\norganen:\n  ", ""]),
            st.lists(st.sampled_from(_TOKENS), max_size=40).map("".join),
        ),
    )


# --- mutations of the shipped file ------------------------------------------------------------


def _lees(pad: Path) -> tuple[bytes, Any]:
    ruw = pad.read_bytes()
    return ruw, yaml.safe_load(ruw)


BRONNEN = {pad.name: _lees(pad) for pad in (GEDEELD, FICTIEF)}


def _paden(data: Any, pad: tuple = ()) -> list[tuple]:
    """Every node below the root, as the keys and indexes that lead to it."""
    uit = []
    if isinstance(data, dict):
        for sleutel, waarde in data.items():
            uit.append((*pad, sleutel))
            uit += _paden(waarde, (*pad, sleutel))
    elif isinstance(data, list):
        for nummer, waarde in enumerate(data):
            uit.append((*pad, nummer))
            uit += _paden(waarde, (*pad, nummer))
    return uit


def _ouder(data: Any, pad: tuple) -> Any:
    for stap in pad[:-1]:
        data = data[stap]
    return data


def _verwijder(data: Any, draw: st.DrawFn) -> str:
    pad = draw(st.sampled_from(_paden(data)))
    del _ouder(data, pad)[pad[-1]]
    return "verwijder"


def _verdubbel(data: Any, draw: st.DrawFn) -> str:
    pad = draw(st.sampled_from(_paden(data)))
    ouder = _ouder(data, pad)
    kopie = copy.deepcopy(ouder[pad[-1]])
    if isinstance(ouder, list):
        ouder.insert(pad[-1], kopie)
    else:
        ouder[draw(st.sampled_from(SCHEMASLEUTELS) | _id(None))] = kopie
    return "verdubbel"


def _ander_type(data: Any, draw: st.DrawFn) -> str:
    pad = draw(st.sampled_from(_paden(data)))
    _ouder(data, pad)[pad[-1]] = draw(WILLEKEURIG)
    return "ander type"


def _wissel_ids(data: Any, draw: st.DrawFn) -> str:
    """Swap two ids: two keys of one section, or two id values anywhere."""
    secties = [s for s in SECTIES if isinstance(data.get(s), dict) and len(data[s]) > 1]
    if secties and draw(st.booleans()):
        sectie = data[draw(st.sampled_from(secties))]
        a, b = draw(st.lists(st.sampled_from(list(sectie)), min_size=2, max_size=2, unique=True))
        sectie[a], sectie[b] = sectie[b], sectie[a]
        return "wissel sleutels"
    paden = [
        p
        for p in _paden(data)
        if isinstance(_ouder(data, p)[p[-1]], str) and ID_PATROON.match(_ouder(data, p)[p[-1]])
    ]
    if len(paden) < 2:
        return "wissel niets"
    a, b = draw(st.lists(st.sampled_from(paden), min_size=2, max_size=2, unique=True))
    oa, ob = _ouder(data, a), _ouder(data, b)
    oa[a[-1]], ob[b[-1]] = ob[b[-1]], oa[a[-1]]
    return "wissel ids"


def _verschuif_datum(data: Any, draw: st.DrawFn) -> str:
    paden = [p for p in _paden(data) if isinstance(_ouder(data, p)[p[-1]], date)]
    if not paden:
        return "verschuif niets"
    pad = draw(st.sampled_from(paden))
    ouder = _ouder(data, pad)
    dagen = draw(st.integers(-20_000, 20_000) | st.sampled_from([-1, 1]))
    try:
        ouder[pad[-1]] = ouder[pad[-1]] + timedelta(days=dagen)
    except OverflowError:
        ouder[pad[-1]] = draw(st.sampled_from([date.min, date.max]))
    return "verschuif datum"


_STRUCTUUR = [_verwijder, _verdubbel, _ander_type, _wissel_ids, _verschuif_datum]


def _knip(ruw: bytes, draw: st.DrawFn) -> bytes:
    return ruw[: draw(st.integers(0, len(ruw)))]


def _voeg_in(ruw: bytes, draw: st.DrawFn) -> bytes:
    plek = draw(st.integers(0, len(ruw)))
    return ruw[:plek] + draw(st.binary(min_size=1, max_size=8)) + ruw[plek:]


def _regels(ruw: bytes, draw: st.DrawFn) -> bytes:
    """Delete or repeat a few lines (a repeated key line is a duplicate key)."""
    regels = ruw.splitlines(keepends=True)
    begin = draw(st.integers(0, max(0, len(regels) - 1)))
    eind = begin + draw(st.integers(1, 4))
    if draw(st.booleans()):
        return b"".join(regels[:begin] + regels[eind:])
    return b"".join(regels[:eind] + regels[begin:eind] + regels[eind:])


def _vervang_byte(ruw: bytes, draw: st.DrawFn) -> bytes:
    if not ruw:
        return ruw
    plek = draw(st.integers(0, len(ruw) - 1))
    return ruw[:plek] + bytes([draw(st.integers(0, 255))]) + ruw[plek + 1 :]


_BYTES = [_knip, _voeg_in, _regels, _vervang_byte]


@st.composite
def mutatie_van_gedeeld(draw: st.DrawFn) -> tuple[bytes, list[str]]:
    """The bytes of a changed copy of a shipped file, and what was done to it."""
    naam = draw(st.sampled_from(sorted(BRONNEN)))
    ruw, data = BRONNEN[naam]
    gedaan = [naam]
    if draw(st.integers(0, 3)):
        data = copy.deepcopy(data)
        for _ in range(draw(st.integers(1, 3))):
            gedaan.append(draw(st.sampled_from(_STRUCTUUR))(data, draw))
        ruw = dump(data, draw(st.integers(0, 5))).encode("utf-8")
    if draw(st.integers(0, 2)) == 0 or len(gedaan) == 1:
        for _ in range(draw(st.integers(1, 2))):
            mutatie = draw(st.sampled_from(_BYTES))
            ruw = mutatie(ruw, draw)
            gedaan.append(mutatie.__name__.strip("_"))
    return ruw, gedaan


# --- a valid file in any layout: every node its own style ------------------------------------

_PLAIN_VEILIG = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -")


def _skalaar(waarde: object, draw: st.DrawFn, flow: bool) -> str:
    if isinstance(waarde, bool):
        return "true" if waarde else "false"
    if isinstance(waarde, int | date):
        return str(waarde)
    tekst = str(waarde)
    kan_plain = set(tekst) <= _PLAIN_VEILIG and tekst and tekst[0].isalpha()
    if kan_plain and tekst not in ("true", "false", "null", "yes", "no", "on", "off"):
        keuze = draw(st.sampled_from(["plain", "plain", "enkel", "dubbel"]))
    else:
        keuze = draw(st.sampled_from(["enkel", "dubbel", "dubbel-rauw"]))
    if keuze == "plain":
        return tekst
    if keuze == "enkel":  # a raw U+2028 here is a line break that YAML folds: still valid
        return "'" + tekst.replace("'", "''") + "'"
    if keuze == "dubbel-rauw":
        return json.dumps(tekst, ensure_ascii=False)
    return json.dumps(tekst, ensure_ascii=True)


def _flow(waarde: object, draw: st.DrawFn) -> str:
    if isinstance(waarde, dict):
        return "{" + ", ".join(f"{k}: {_flow(v, draw)}" for k, v in waarde.items()) + "}"
    if isinstance(waarde, list):
        return "[" + ", ".join(_flow(v, draw) for v in waarde) + "]"
    if waarde is None:
        return draw(st.sampled_from(["~", "null"]))
    return _skalaar(waarde, draw, flow=True)


def _commentaar(draw: st.DrawFn, kolom: int) -> list[str]:
    return [" " * kolom + "# opmerking"] * draw(st.integers(0, 1)) + [""] * draw(st.integers(0, 1))


def _waarde_na_sleutel(
    sleutel: str, waarde: object, kolom: int, draw: st.DrawFn, stap: int
) -> list[str]:
    """`sleutel: waarde` at `kolom`, in a style drawn for this node."""
    kop = " " * kolom + sleutel + ":"
    staart = draw(st.sampled_from(["", "", "  # x"]))
    if waarde is None:
        return [kop + draw(st.sampled_from(["", " ~", " null", "  # leeg"]))]
    if isinstance(waarde, dict | list):
        if not waarde:
            return [kop + " " + ("{}" if isinstance(waarde, dict) else "[]") + staart]
        if draw(st.integers(0, 3)) == 0:
            return [kop + " " + _flow(waarde, draw) + staart]
        regels = [kop + staart]
        if isinstance(waarde, dict):
            for k, v in waarde.items():
                regels += _commentaar(draw, kolom + stap)
                regels += _waarde_na_sleutel(k, v, kolom + stap, draw, stap)
        else:
            streepje = kolom + draw(st.sampled_from([0, stap]))
            for item in waarde:
                regels += _commentaar(draw, streepje)
                regels += _item(item, streepje, draw, stap)
        return regels
    if isinstance(waarde, str) and set(waarde) <= _PLAIN_VEILIG and draw(st.integers(0, 4)) == 0:
        return [kop + " " + draw(st.sampled_from([">-", "|-"])), " " * (kolom + stap) + waarde]
    return [kop + " " + _skalaar(waarde, draw, flow=False) + staart]


def _item(item: object, streepje: int, draw: st.DrawFn, stap: int) -> list[str]:
    if isinstance(item, dict) and item and draw(st.booleans()):
        regels: list[str] = []
        for k, v in item.items():
            regels += _waarde_na_sleutel(k, v, streepje + 2, draw, stap)
        regels[0] = " " * streepje + "- " + regels[0][streepje + 2 :]
        return regels
    return [" " * streepje + "- " + _flow(item, draw)]


@st.composite
def opmaak(draw: st.DrawFn, data: dict) -> str:
    """The data (dates as date, None for an empty value) as YAML text whose every node has a
    layout of its own: block or flow, quoted or plain, comments, blank lines, CRLF."""
    stap = draw(st.sampled_from([2, 4]))
    regels = ["# gegenereerd bestand; elke persoon is fictief"] * draw(st.integers(0, 1))
    for sleutel, waarde in data.items():
        regels += _commentaar(draw, 0)
        regels += _waarde_na_sleutel(sleutel, waarde, 0, draw, stap)
    einde = draw(st.sampled_from(["\n", "\n", "\n\n", ""]))
    eol = draw(st.sampled_from(["\n", "\n", "\r\n"]))
    return eol.join(regels).replace("\n", eol) + einde.replace("\n", eol)
