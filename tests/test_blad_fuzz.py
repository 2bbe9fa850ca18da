"""Fuzz `importeer` and `exporteer` (issue 17, item 4).

importeer: generated spreadsheets (CSV in several encodings, delimiters and quotings, or
.xlsx with text, number, date and formula cells; odd headers, empty cells, formulas, dates in
several forms, duplicate rows, huge and control-character values, unknown columns) into a
generated valid file in any layout. Never exit 3 or a traceback; `--droog` and a refusal
write nothing; an import that writes leaves a valid file in which everything outside
`personen` and the `leden` of the organen is as it was (the other sections byte for byte),
no person or item is lost, and importing the same sheet again changes nothing.

exporteer: every format, with and without a peildatum, to stdout and through `--uit`, of a
generated valid file whose names are hostile to spreadsheets: exit 0, the output parses (csv,
openpyxl, the Popolo JSON Schemas in tests/vendor), `--uit` writes the same bytes whole (a
workbook: the same cells), a failure in the middle of the write leaves the old file and no
temporary file, and a CSV or xlsx export read back in with importeer changes nothing.

The ci profile keeps this modest; HYPOTHESIS_PROFILE=lang runs 10,000 examples each."""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import re
import tempfile
from datetime import date, datetime
from pathlib import Path
from unittest import mock

import pytest
import yaml
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st
from strategieen import SnelleRunner, opmaak

from amctl.bestand import OMGEVINGSVARIABELE
from amctl.blad import FORMULETEKENS, KOLOMMEN, _celtekst, als_getypt
from amctl.cli import app
from amctl.controle import controleer_tekst
from amctl.laden import laad_tekst

SCHEMAS = Path(__file__).parent / "vendor" / "popolo" / "schemas"

# Names a spreadsheet program or a CSV reader could take for something else.
VIJANDIGE_NAMEN = [
    "Fictief A",
    "=1+1",
    "=cmd|' /C calc'!A0",
    "@SUM(A1)",
    "+31 6",
    "-x",
    "Naam; met, scheiding",
    'Naam "met" aanhalingstekens',
    "Fictief\u2028B",
    "Regel\neen",
    "Ädèle Ümlaut-Çe",
    " spatie ervoor",
    "x" * 300,
]

# --- the data file ----------------------------------------------------------------------------


@st.composite
def gegevens(draw: st.DrawFn) -> dict:
    """A small valid organisation with burgemeesters (one seat), wethouders with portefeuilles
    and raadsleden named in a platform; the people and their names vary."""
    naam = st.sampled_from(VIJANDIGE_NAMEN)
    personen: dict = {}
    if draw(st.booleans()):
        personen["p-a"] = {
            "naam": draw(naam),
            "functies": [
                {
                    "functie": "burgemeester",
                    "gemeente": "noord",
                    "vanaf": date(2020, 1, 1),
                    **({"bron": "b1"} if draw(st.booleans()) else {}),
                }
            ],
        }
    if draw(st.booleans()):
        personen["p-b"] = {
            "naam": draw(naam),
            "functies": [{"functie": "raadslid", "gemeente": "noord", "vanaf": date(2020, 1, 1)}],
        }
    if draw(st.booleans()):
        personen["p-c"] = {
            "naam": draw(naam),
            "functies": [
                {
                    "functie": "wethouder",
                    "gemeente": "zuid",
                    "vanaf": date(2022, 6, 1),
                    "portefeuilles": draw(
                        st.sampled_from(
                            [["wonen"], [{"portefeuille": "economie", "vanaf": date(2024, 1, 1)}]]
                        )
                    ),
                }
            ],
        }
    if draw(st.booleans()):
        personen["p-d"] = {"naam": draw(naam), "functies": draw(st.sampled_from([None, []]))}
    platform: dict = {
        "naam": "Platform",
        "soort": "platform",
        "samenstelling": [{"functie": "raadslid", "aantal": 2, "wijze": "benoemd"}],
    }
    if "p-b" in personen and draw(st.booleans()):
        platform["leden"] = [
            {
                "persoon": "p-b",
                "functie": "raadslid",
                "gemeente": "noord",
                "vanaf": date(2021, 1, 1),
            }
        ]
    elif draw(st.booleans()):
        platform["leden"] = draw(st.sampled_from([None, []]))
    data = {
        "versie": 1,
        "bronnen": {"b1": {"titel": "Bron een"}, "b2": {"titel": "Bron twee"}},
        "gemeenten": {
            "noord": {"naam": "Noord", "cbs": "GM0001"},
            "zuid": {"naam": "Zuid", "cbs": "GM0002"},
        },
        "soorten": {"overleg": {"naam": "overleg"}, "platform": {"naam": "platform"}},
        "functies": {
            "burgemeester": {"naam": "burgemeester", "per-gemeente": True, "zetels": 1},
            "wethouder": {"naam": "wethouder", "per-gemeente": True},
            "raadslid": {"naam": "raadslid", "per-gemeente": True},
            "secretaris": {"naam": "regiosecretaris", "zetels": 1},
        },
        "portefeuilles": {"wonen": {"naam": "Wonen"}, "economie": {"naam": "Economie"}},
        "personen": personen if personen or draw(st.booleans()) else None,
        "organen": {
            "overleg": {
                "naam": "Overleg",
                "soort": "overleg",
                "samenstelling": [{"functie": "burgemeester"}, {"functie": "secretaris"}],
            },
            "platform": platform,
            "pho-wonen": {
                "naam": "PHO Wonen",
                "soort": "overleg",
                "samenstelling": [{"functie": "wethouder", "portefeuille": "wonen"}],
            },
        },
    }
    if data["personen"] is None and draw(st.booleans()):
        del data["personen"]
    return data


@st.composite
def geldig_bestand(draw: st.DrawFn) -> str:
    tekst = draw(opmaak(draw(gegevens())))
    assume(not controleer_tekst(tekst, "fuzz.yaml").fouten)
    return tekst


# --- the spreadsheet --------------------------------------------------------------------------

DATUMS = st.sampled_from(
    [
        "",
        "2026-04-01",
        "2019-06-01",
        "2023-01-01",
        "2026-12-31",
        "1-4-2026",
        "01-04-2026",
        "2026/04/01",
        "2026-02-30",
        "1899-12-31",
        "45383",
        " 2026-04-01 ",
        datetime(2026, 4, 1),
        datetime(2026, 4, 1, 13, 30),
        date(2025, 1, 1),
        46000,
        46000.5,
    ]
)
WAARDEN = {
    "naam": st.sampled_from([*VIJANDIGE_NAMEN, "Nieuw Persoon", "Nog Iemand", "", "   "]),
    "persoon": st.sampled_from(["", "", "p-a", "p-b", "p-c", "p-d", "nieuw-id", "P B", "-x"]),
    "functie": st.sampled_from(
        [
            "burgemeester",
            "Burgemeester",
            " wethouder ",
            "raadslid",
            "RAADSLID",
            "regiosecretaris",
            "secretaris",
            "onbekend",
            "",
            "=cmd|' /C calc'!A0",
        ]
    ),
    "gemeente": st.sampled_from(["noord", "Noord", "zuid", "GM0002", "", "nergens"]),
    "vanaf": DATUMS,
    "tot-en-met": DATUMS,
    "orgaan": st.sampled_from(["", "", "", "platform", "Platform", "overleg", "pho-wonen", "x"]),
    "rol": st.sampled_from(["", "", "voorzitter", "lid"]),
    "bron": st.sampled_from(["", "b1", "b1, b2", "b2;b1", "onbekend"]),
    "portefeuilles": st.sampled_from(
        [
            "",
            "",
            "wonen",
            "Wonen, economie",
            "economie (vanaf 2026-06-01)",
            "wonen (2026-04-01 t/m 2027-12-31)",
            "wonen (t/m 2026-12-31)",
            "wonen (",
            "onbekend",
        ]
    ),
}
VIJANDIG = st.sampled_from(
    [
        "=cmd|' /C calc'!A0",
        '=HYPERLINK("http://x","y")',
        "@SUM(1+1)",
        "\x1b[31mrood\x1b[0m",
        "\x00nul",
        "a\rb",
        "a\nb",
        "tab\there",
        "\u202egnirts",
        "\ufeffbom",
        '"aanhalingsteken',
        "; ,",
        "x" * 20_000,  # far past a YAML key (1024) and any column; 100,000 costs a second
        1e308,
        -1,
        True,
    ]
)
KOPNAMEN = st.sampled_from(["opmerking", "Naam ", "", "functies", "persoon"])


# Who a good row is about: a new name, or an id of the file (perhaps with another name).
WIE = [("Nieuw Persoon", ""), ("Ädèle Ümlaut-Çe", ""), ("Nog Iemand", "nog-iemand")] + [
    (None, pid) for pid in ("p-a", "p-b", "p-c", "p-d")
]
GOEDE_DATUMS = st.sampled_from(
    ["2026-04-01", " 2023-01-01 ", "2026-06-01", date(2024, 5, 1), datetime(2026, 4, 1), ""]
)


@st.composite
def goede_rijen(draw: st.DrawFn) -> list[dict]:
    """Rows that can be read in: holdings, and a raadslid named in the platform for as long
    as the holding in the row before."""
    namen: dict[int, str] = {}
    een_zetel: dict[tuple, int] = {}  # a post with one seat: one person in the sheet
    rijen = []
    for _ in range(draw(st.integers(1, 4))):
        wie = draw(st.integers(0, len(WIE) - 1))
        naam, persoon = WIE[wie]
        naam = namen.setdefault(wie, naam or draw(st.sampled_from(VIJANDIGE_NAMEN)))
        soort = draw(st.sampled_from(["burgemeester", "wethouder", "raadslid", "secretaris"]))
        rij = {
            "naam": naam,
            "persoon": persoon,
            "functie": draw(st.sampled_from([soort, soort.upper(), f" {soort} "])),
            "vanaf": draw(GOEDE_DATUMS),
            "tot-en-met": draw(st.sampled_from(["", "", "2027-12-31", date(2030, 1, 1)])),
            "bron": draw(st.sampled_from(["", "b1", "b1, b2"])),
        }
        if soort == "secretaris":
            rij["functie"] = draw(st.sampled_from(["secretaris", "Regiosecretaris"]))
        else:
            rij["gemeente"] = draw(st.sampled_from(["noord", "Noord", "zuid", "GM0002"]))
        post = (soort, rij.get("gemeente", "").lower().replace("gm0002", "zuid"))
        if soort in ("burgemeester", "secretaris") and een_zetel.setdefault(post, wie) != wie:
            continue
        if soort == "wethouder":
            rij["portefeuilles"] = draw(st.sampled_from(["", "wonen", "Wonen, economie"]))
        rijen.append(rij)
        if soort == "raadslid" and draw(st.booleans()):
            orgaan = draw(st.sampled_from(["platform", "Platform"]))
            rijen.append(
                rij | {"orgaan": orgaan, "rol": draw(st.sampled_from(["", "plaatsvervanger"]))}
            )
    return rijen


@st.composite
def blad(draw: st.DrawFn) -> tuple[list, list[list], bool]:
    """A header (column names), rows of cells (str, number, date, bool), and whether the
    sheet is clean: every column known, every row one that can be read in. About half the
    sheets are clean; the others mix good rows with odd headers and hostile cells."""
    zuiver = draw(st.booleans())
    kolommen = list(draw(st.permutations(KOLOMMEN)))
    if not zuiver:
        kolommen = [k for k in kolommen if k in ("naam", "functie") or draw(st.integers(0, 5))]
        if draw(st.integers(0, 9)) == 0:  # a column missing, doubled, unknown or unnamed
            kolommen.insert(draw(st.integers(0, len(kolommen))), draw(KOPNAMEN))
        if draw(st.integers(0, 15)) == 0:
            kolommen.remove(draw(st.sampled_from(["naam", "functie"])))
    kop = [draw(st.sampled_from([k, k.upper(), f" {k.capitalize()} "])) for k in kolommen]
    rijen = []
    goed = draw(goede_rijen())
    for _ in range(draw(st.integers(0, 4)) if not zuiver else 0):
        goed.insert(draw(st.integers(0, len(goed))), {})  # a row of random cells
    for waarden in goed:
        if draw(st.integers(0, 9)) == 0:
            rijen.append([""] * draw(st.integers(0, len(kop))))  # an empty row
        if waarden:
            rij = [waarden.get(k, "") for k in kolommen]
        else:
            rij = [
                draw(VIJANDIG)
                if draw(st.integers(0, 9)) == 0
                else draw(WAARDEN.get(k, st.just("")))
                for k in kolommen
            ]
            if draw(st.integers(0, 9)) == 0:
                rij = rij[: draw(st.integers(0, len(rij)))]  # cells left out at the end
            if draw(st.integers(0, 9)) == 0:
                rij.append(draw(st.sampled_from(["", "buiten de kop"])))
        rijen.append(rij)
        if draw(st.integers(0, 5)) == 0:
            rijen.append(list(rij))  # the same row twice
    return kop, rijen, zuiver


def _als_tekst(waarde: object) -> str:
    """A cell as a CSV holds it (a date at midnight as the date a program would write)."""
    if isinstance(waarde, datetime) and waarde.time() == datetime.min.time():
        return waarde.date().isoformat()
    if isinstance(waarde, datetime | date):
        return waarde.isoformat()
    return str(waarde)


@st.composite
def csv_bestand(draw: st.DrawFn, kop: list, rijen: list[list], zuiver: bool) -> bytes:
    uit = io.StringIO()
    schrijver = csv.writer(
        uit,
        delimiter=draw(st.sampled_from([";", ","])),
        quoting=draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL])),
        lineterminator=draw(st.sampled_from(["\r\n", "\n"])),
    )
    schrijver.writerow(kop)
    for rij in rijen:
        schrijver.writerow([_als_tekst(c) for c in rij])
    tekst = uit.getvalue()
    codering = draw(
        st.sampled_from(["utf-8", "utf-8-sig", *([] if zuiver else ["utf-16", "cp1252"])])
    )
    ruw = tekst.encode(codering, errors="replace")
    if not zuiver and draw(st.integers(0, 9)) == 0:
        ruw = ruw[: draw(st.integers(0, len(ruw)))]  # cut off anywhere
    return ruw


@st.composite
def xlsx_bestand(draw: st.DrawFn, kop: list, rijen: list[list]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    werkmap = Workbook()
    if draw(st.booleans()):
        werkmap.active.title = "notities"
        werkmap.active.append(["niet dit blad"])
        werkblad = werkmap.create_sheet(draw(st.sampled_from(["bezetting", "Blad2"])))
    else:
        werkblad = werkmap.active
        werkblad.title = draw(st.sampled_from(["bezetting", "Blad1"]))
    if draw(st.integers(0, 4)) == 0:
        werkblad.append([])  # the header lower than row 1
    for rij in [kop, *rijen]:
        cellen = [
            ILLEGAL_CHARACTERS_RE.sub("", c) if isinstance(c, str) else c for c in rij
        ]  # a workbook cannot hold them
        werkblad.append([c if c != "" else None for c in cellen])
    uit = io.BytesIO()
    werkmap.save(uit)
    return uit.getvalue()


@st.composite
def spreadsheet(draw: st.DrawFn) -> tuple[str, bytes]:
    kop, rijen, zuiver = draw(blad())
    if draw(st.booleans()):
        return "blad.xlsx", draw(xlsx_bestand(kop, rijen))
    return "blad.csv", draw(csv_bestand(kop, rijen, zuiver))


# --- importeer --------------------------------------------------------------------------------


def _amctl(bestand: Path, *argumenten: str):
    resultaat = SnelleRunner().invoke(
        app, [*argumenten, "-f", str(bestand)], env={OMGEVINGSVARIABELE: None}
    )
    uitvoer = resultaat.stdout + resultaat.stderr
    assert "Traceback" not in uitvoer and "interne fout" not in uitvoer, uitvoer
    assert resultaat.exit_code in (0, 1, 2), (resultaat.exit_code, uitvoer)
    return resultaat


def _secties(tekst: str) -> dict[str, str]:
    """The text of every top-level section (from its key to the end of its value, without the
    blank and comment lines after it: they belong to the next key, and a new section may come
    between), and under '' the text before the first."""
    paren = yaml.compose(tekst).value
    secties = {
        k.value: _STAART.sub("", tekst[k.start_mark.index : v.end_mark.index]) for k, v in paren
    }
    return secties | {"": tekst[: paren[0][0].start_mark.index]}


_STAART = re.compile(  # line breaks as YAML counts them: CRLF, CR, LF, NEL, LS, PS
    "(?:(?:\r\n|[\r\n\x85\u2028\u2029]|^)[ \t]*(?:#[^\r\n\x85\u2028\u2029]*)?)*\\Z"
)


def _buiten_personen_en_leden(data: dict) -> dict:
    kopie = {k: v for k, v in data.items() if k != "personen"}
    kopie["organen"] = {
        oid: {k: v for k, v in orgaan.items() if k != "leden"}
        for oid, orgaan in data["organen"].items()
    }
    return kopie


def _items(data: dict) -> dict[tuple, dict]:
    """Every holding and named membership, by where it stands."""
    items = {}
    for pid, persoon in (data.get("personen") or {}).items():
        for i, b in enumerate((persoon or {}).get("functies") or []):
            items[("personen", pid, i)] = b
    for oid, orgaan in data["organen"].items():
        for i, lid in enumerate(orgaan.get("leden") or []):
            items[("organen", oid, i)] = lid
    return items


# What an import may complete in an item it already has; everything else stays.
AANVULBAAR = {"tot-en-met", "bron", "rol", "portefeuilles"}


def _alleen_aangevuld(oud: dict, nieuw: dict, stdout: str) -> None:
    oude_personen = oud.get("personen") or {}
    nieuwe_personen = nieuw.get("personen") or {}
    assert set(oude_personen) <= set(nieuwe_personen), "een persoon verdwenen"
    toegevoegd = len(set(nieuwe_personen) - set(oude_personen))
    assert f"Personen: {toegevoegd} toegevoegd" in stdout, stdout
    oude_items, nieuwe_items = _items(oud), _items(nieuw)
    for plek, item in oude_items.items():
        assert plek in nieuwe_items, ("verdwenen", plek)
        na = nieuwe_items[plek]
        for sleutel in set(item) | set(na):
            if sleutel not in AANVULBAAR:
                assert item.get(sleutel) == na.get(sleutel), (plek, sleutel, item, na)
        oude_delen = item.get("portefeuilles") or []
        assert (na.get("portefeuilles") or [])[: len(oude_delen)] == oude_delen, (plek, na)
    for pid, persoon in oude_personen.items():
        na = nieuwe_personen[pid]
        assert set(persoon) - {"functies"} <= set(na), (pid, na)
        assert {k: v for k, v in persoon.items() if k not in ("naam", "functies")} == {
            k: v for k, v in na.items() if k not in ("naam", "functies")
        }


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(
    tekst=geldig_bestand(),
    blad=spreadsheet(),
    opties=st.sampled_from([[], ["-D", "2026-04-01"], ["--bron", "b1"], ["--bron", "onbekend"]]),
)
def test_an_import_of_any_sheet_writes_a_valid_file_or_nothing_and_only_people(tekst, blad, opties):
    naam, inhoud = blad
    with tempfile.TemporaryDirectory() as map_:
        pad, blad_pad = Path(map_) / "organisatie.yaml", Path(map_) / naam
        pad.write_bytes(tekst.encode("utf-8"))
        blad_pad.write_bytes(inhoud)
        droog = _amctl(pad, "importeer", str(blad_pad), *opties, "--droog")
        assert pad.read_bytes() == tekst.encode("utf-8"), "--droog schreef"
        echt = _amctl(pad, "importeer", str(blad_pad), *opties)
        assert echt.exit_code == droog.exit_code, (droog.output, echt.output)
        na = pad.read_bytes().decode("utf-8")
        event(f"exit {echt.exit_code}" + (", geschreven" if na != tekst else ""))
        if echt.exit_code:
            assert na == tekst, "niets geschreven"
            return
        assert (na == tekst) == ("Niets gewijzigd" in echt.stdout), echt.stdout
        opnieuw = _amctl(pad, "importeer", str(blad_pad), *opties)
        assert opnieuw.exit_code == 0 and "Niets gewijzigd" in opnieuw.stdout, (
            opnieuw.output,
            tekst,
            na,
        )
        assert pad.read_bytes().decode("utf-8") == na
    uitslag = controleer_tekst(na, "na.yaml")
    assert not uitslag.fouten, (uitslag.fouten, tekst, na)
    oud, nieuw = laad_tekst(tekst, "voor.yaml").data, laad_tekst(na, "na.yaml").data
    assert _buiten_personen_en_leden(nieuw) == _buiten_personen_en_leden(oud), (tekst, na)
    voor, daarna = _secties(tekst), _secties(na)
    for sectie in voor.keys() - {"personen", "organen"}:
        assert daarna[sectie] == voor[sectie], (sectie, tekst, na)
    _alleen_aangevuld(oud, nieuw, echt.stdout)


# --- exporteer --------------------------------------------------------------------------------


def _validators() -> dict:
    from jsonschema import Draft3Validator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT3

    schemas = [json.loads(p.read_text()) for p in SCHEMAS.glob("*.json")]
    register = Registry().with_resources(
        (s["id"], Resource.from_contents(s, default_specification=DRAFT3)) for s in schemas
    )
    soorten = {
        "persons": "person",
        "organizations": "organization",
        "posts": "post",
        "memberships": "membership",
        "areas": "area",
    }
    return {
        lijst: Draft3Validator(
            json.loads((SCHEMAS / f"{soort}.json").read_text()),
            registry=register,
            format_checker=Draft3Validator.FORMAT_CHECKER,
        )
        for lijst, soort in soorten.items()
    }


VALIDATORS = _validators()


def _aantal_rijen(data: dict) -> int:
    return len(_items(data))


def _controleer_csv(ruw: bytes, data: dict, peildatum: str | None) -> list[list[str]]:
    tekst = ruw.decode("utf-8")
    rijen = list(csv.reader(io.StringIO(tekst.removeprefix("\ufeff"), newline=""), delimiter=";"))
    assert not [c for r in rijen for c in r if c.startswith(FORMULETEKENS)], "een formule"
    rijen = [[als_getypt(c) for c in r] for r in rijen]  # the cells as importeer reads them
    assert rijen[0] == list(KOLOMMEN)
    assert all(len(r) == len(KOLOMMEN) for r in rijen), rijen
    if peildatum is None:
        assert len(rijen) - 1 == _aantal_rijen(data)
        namen = {p["naam"] for p in (data.get("personen") or {}).values() if p}
        assert {r[0] for r in rijen[1:]} <= namen
    return rijen


def _controleer_xlsx(ruw: bytes, csv_rijen: list[list[str]]) -> None:
    from openpyxl import load_workbook

    werkmap = load_workbook(io.BytesIO(ruw))
    assert werkmap.sheetnames == ["bezetting", "zetels"]
    cellen = [list(r) for r in werkmap["bezetting"].iter_rows()]
    assert all(c.data_type != "f" for r in cellen for c in r), "een formule"
    waarden = [[_celtekst(c.value) for c in r] for r in cellen]
    assert waarden == csv_rijen
    assert next(werkmap["zetels"].iter_rows(values_only=True))[0] == "orgaan"


def _controleer_popolo(ruw: bytes) -> None:
    document = json.loads(ruw)
    assert set(document) == set(VALIDATORS)
    for lijst, validator in VALIDATORS.items():
        for item in document[lijst]:
            fouten = [f.message for f in validator.iter_errors(item)]
            assert not fouten, (item, fouten)
    ids = {k: {o["id"] for o in document[k]} for k in VALIDATORS}
    for lidmaatschap in document["memberships"]:
        assert lidmaatschap["person_id"] in ids["persons"]
        assert lidmaatschap["post_id"] in ids["posts"]


SCHRIJFFOUTEN = {
    "fsync": "amctl.schrijven.os.fsync",
    "replace": "amctl.schrijven.os.replace",
    "fchmod": "amctl.schrijven.os.fchmod",
}


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(
    tekst=geldig_bestand(),
    formaat=st.sampled_from(["csv", "xlsx", "popolo"]),
    peildatum=st.sampled_from([None, "2021-06-01", "2026-04-01"]),
    eerder=st.sampled_from([None, "export", "vreemd"]),
    schrijffout=st.sampled_from([None, None, *SCHRIJFFOUTEN]),
)
def test_every_export_of_any_valid_file_parses_and_is_written_whole(
    tekst, formaat, peildatum, eerder, schrijffout
):
    data = laad_tekst(tekst, "fuzz.yaml").data
    extra = ["--formaat", formaat, *(["-d", peildatum] if peildatum else [])]
    with tempfile.TemporaryDirectory() as map_:
        pad = Path(map_) / "organisatie.yaml"
        pad.write_bytes(tekst.encode("utf-8"))
        scherm = _amctl(pad, "exporteer", *extra)
        assert scherm.exit_code == 0, scherm.output
        ruw = scherm.stdout_bytes
        if formaat == "popolo":
            _controleer_popolo(ruw)
        else:  # the CSV of the same rows, also for the sheet 'bezetting' of xlsx
            als_csv = _amctl(pad, "exporteer", *extra[2:]).stdout_bytes
            rijen = _controleer_csv(als_csv, data, peildatum)
        if formaat == "xlsx":
            _controleer_xlsx(ruw, rijen)

        doel = Path(map_) / f"uit.{formaat}"
        if eerder == "export":
            assert _amctl(pad, "exporteer", *extra, "--uit", str(doel)).exit_code == 0
        elif eerder == "vreemd":
            doel.write_bytes(b"van de gebruiker\n")
        voor = doel.read_bytes() if doel.exists() else None
        if schrijffout:
            fout = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            with mock.patch(SCHRIJFFOUTEN[schrijffout], side_effect=fout):
                mislukt = _amctl(pad, "exporteer", *extra, "--uit", str(doel))
            assert mislukt.exit_code == 2, mislukt.output
            assert (doel.read_bytes() if doel.exists() else None) == voor, "half geschreven"
            assert sorted(p.name for p in Path(map_).iterdir() if p.name.endswith(".tmp")) == []
        geschreven = _amctl(pad, "exporteer", *extra, "--uit", str(doel))
        if eerder == "vreemd":
            assert geschreven.exit_code == 2 and doel.read_bytes() == voor, geschreven.output
            return
        assert geschreven.exit_code == 0, geschreven.output
        if formaat == "xlsx":  # a workbook carries the time it was made: the same cells
            _controleer_xlsx(doel.read_bytes(), rijen)
        else:
            assert doel.read_bytes() == (b"\xef\xbb\xbf" if formaat == "csv" else b"") + ruw
        if formaat != "popolo" and peildatum is None:  # read back in: nothing to add
            terug = _amctl(pad, "importeer", str(doel))
            assert terug.exit_code == 0 and "Niets gewijzigd" in terug.stdout, (
                terug.output,
                tekst,
                rijen,
            )
            assert pad.read_bytes() == tekst.encode("utf-8")


@pytest.mark.parametrize("formaat", ["csv", "xlsx", "popolo"])
def test_the_export_checks_reject_a_broken_output(formaat):
    """The checks of the property can fail: on output cut short."""
    with pytest.raises(Exception):  # noqa: B017 - any parse or assertion error
        {
            "csv": lambda: _controleer_csv(b"naam;persoon\r\n", {"organen": {}}, None),
            "xlsx": lambda: _controleer_xlsx(b"PK\x03\x04", [["naam"]]),
            "popolo": lambda: _controleer_popolo(b'{"persons": ['),
        }[formaat]()
