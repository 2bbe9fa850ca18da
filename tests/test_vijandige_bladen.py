"""Hostile sheets for `amctl importeer`: refused in bounded time and memory, in one Dutch
sentence, the data file untouched.

Every workbook is built here, byte by byte, with zipfile: a DTD with entities (billion
laughs), an external entity, a DTD hidden behind 64 KB of comment (only defusedxml, which
openpyxl uses when it is installed, stands there), a dimension of A1:XFD1048576 around a few
cells, one cell at XFD1048576 (a 1.5 KB file that took openpyxl's iter_rows ten minutes and
more), and a CSV of 200,000 rows. Each runs as its own process with a time limit and at most
1 GiB of memory."""

from __future__ import annotations

import resource
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.usefixtures("geen_omgevingsbestand")

_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
    'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WERKMAP = (
    '<?xml version="1.0" encoding="UTF-8"?>{dtd}'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="bezetting" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WERKMAP_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)
_BLAD = (
    '<?xml version="1.0" encoding="UTF-8"?>{dtd}'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<dimension ref="{dimensie}"/><sheetData>{rijen}</sheetData></worksheet>'
)
LACHJES = (
    '<!DOCTYPE lol [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + "]>"
)
EXTERN = '<!DOCTYPE x [<!ENTITY geheim SYSTEM "file:///etc/passwd">]>'


def _cel(ref: str, tekst: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{tekst}</t></is></c>'


KOP_EN_RIJ = (
    f'<row r="1">{_cel("A1", "naam")}{_cel("B1", "functie")}{_cel("C1", "gemeente")}</row>'
    f'<row r="2">{_cel("A2", "Fictieve Wethouder")}{_cel("B2", "wethouder")}'
    f"{_cel('C2', 'diemen')}</row>"
)


def werkmap(
    pad: Path,
    rijen: str = KOP_EN_RIJ,
    *,
    dimensie: str = "A1:C2",
    dtd_blad: str = "",
    dtd_werkmap: str = "",
) -> Path:
    with zipfile.ZipFile(pad, "w", zipfile.ZIP_DEFLATED) as archief:
        archief.writestr("[Content_Types].xml", _TYPES)
        archief.writestr("_rels/.rels", _RELS)
        archief.writestr("xl/workbook.xml", _WERKMAP.format(dtd=dtd_werkmap))
        archief.writestr("xl/_rels/workbook.xml.rels", _WERKMAP_RELS)
        archief.writestr(
            "xl/worksheets/sheet1.xml",
            _BLAD.format(dtd=dtd_blad, dimensie=dimensie, rijen=rijen),
        )
    return pad


def importeer(blad: Path, gegevens: Path, *, timeout: float = 60) -> tuple:
    """`amctl importeer BLAD -f GEGEVENS --droog` in its own process with at most 1 GiB;
    the CPU seconds it took, and the result."""

    def begrens() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30))

    begin = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
    muur = time.monotonic()
    resultaat = subprocess.run(
        [sys.executable, "-m", "amctl", "importeer", str(blad), "-f", str(gegevens), "--droog"],
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=begrens,
        check=False,
    )
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime - begin
    assert time.monotonic() - muur < timeout
    return cpu, resultaat


def geweigerd(resultaat, *stukken: str) -> None:
    assert resultaat.returncode == 2, resultaat.stderr[-2000:]
    assert "Traceback" not in resultaat.stderr and "interne fout" not in resultaat.stderr
    regels = resultaat.stderr.splitlines()
    assert len(regels) == 1 and regels[0].startswith("amctl: "), resultaat.stderr[-2000:]
    for stuk in stukken:
        assert stuk in regels[0], regels[0]


DTD_ZIN = "een onderdeel bevat een DTD of entiteiten (<!DOCTYPE, <!ENTITY)"


def test_openpyxl_parses_with_defusedxml():
    """defusedxml is a dependency, and openpyxl uses it: the XML functions openpyxl parses a
    workbook with are defusedxml's."""
    import openpyxl
    from openpyxl.worksheet import _reader
    from openpyxl.xml import functions

    assert openpyxl.DEFUSEDXML is True
    assert functions.fromstring.__module__.startswith("defusedxml")
    assert _reader.iterparse.__module__.startswith("defusedxml")


@pytest.mark.parametrize(
    ("waar", "dtd"),
    [("blad", LACHJES), ("werkmap", LACHJES), ("blad", EXTERN), ("werkmap", EXTERN)],
    ids=["lachjes-in-blad", "lachjes-in-werkmap", "extern-in-blad", "extern-in-werkmap"],
)
def test_a_workbook_with_a_dtd_is_refused(tmp_path, gedeeld, waar, dtd):
    pad = werkmap(tmp_path / "dtd.xlsx", **{f"dtd_{waar}": dtd})
    voor = gedeeld.read_bytes()
    _cpu, resultaat = importeer(pad, gedeeld)
    geweigerd(resultaat, f"'{pad}' is geen leesbare Excel-werkmap (.xlsx): {DTD_ZIN}")
    assert "root:" not in resultaat.stdout + resultaat.stderr
    assert gedeeld.read_bytes() == voor


@pytest.mark.parametrize("dtd", [LACHJES, EXTERN], ids=["lachjes", "extern"])
def test_entities_behind_a_long_comment_are_refused_by_defusedxml(tmp_path, gedeeld, dtd):
    """amctl's own check reads the first 64 KB of a part; past it, defusedxml refuses."""
    commentaar = "<!--" + "x" * (70 * 1024) + "-->"
    pad = werkmap(tmp_path / "laat.xlsx", dtd_blad=commentaar + dtd)
    _cpu, resultaat = importeer(pad, gedeeld)
    geweigerd(resultaat, DTD_ZIN)


def test_a_cell_at_xfd1048576_is_refused_in_bounded_time(tmp_path, gedeeld):
    """1.5 KB: the header, and one cell at the last cell of a sheet."""
    rijen = KOP_EN_RIJ + f'<row r="1048576">{_cel("XFD1048576", "x")}</row>'
    pad = werkmap(tmp_path / "ver.xlsx", rijen, dimensie="A1:XFD1048576")
    assert pad.stat().st_size < 2048
    cpu, resultaat = importeer(pad, gedeeld, timeout=60)
    geweigerd(resultaat, "cel XFD1048576 ligt voorbij kolom 64 (BL)")
    assert cpu < 10


def test_a_dimension_far_beyond_the_cells_costs_only_the_cells(tmp_path, gedeeld):
    """The sheet claims A1:XFD1048576 (17 billion cells); it stores six, plus one at
    A1048576: the import reads those, as fast as the same sheet without the claim."""
    rijen = KOP_EN_RIJ + f'<row r="1048576">{_cel("A1048576", "Fictief Ver Weg")}</row>'
    klein = werkmap(tmp_path / "klein.xlsx", KOP_EN_RIJ, dimensie="A1:C2")
    groot = werkmap(tmp_path / "groot.xlsx", rijen, dimensie="A1:XFD1048576")
    cpu_klein, _ = importeer(klein, gedeeld)
    cpu, resultaat = importeer(groot, gedeeld)
    assert resultaat.returncode == 1, resultaat.stderr[-2000:]
    assert "Traceback" not in resultaat.stderr
    assert "rij 1048576" in resultaat.stderr and "functie" in resultaat.stderr
    assert cpu < cpu_klein + 5


def test_a_csv_of_200000_rows_is_refused_as_it_streams(tmp_path, gedeeld):
    pad = tmp_path / "groot.csv"
    with pad.open("w", encoding="utf-8") as blad:
        blad.write("naam,functie,gemeente\n")
        blad.writelines(f"Fictief Persoon {i},wethouder,diemen\n" for i in range(200_000))
    voor = gedeeld.read_bytes()
    cpu, resultaat = importeer(pad, gedeeld)
    geweigerd(resultaat, f"'{pad}' heeft meer dan 100.000 rijen", "Splits het in delen.")
    assert gedeeld.read_bytes() == voor
    assert cpu < 20


def test_a_csv_with_a_byte_that_is_not_utf8_far_down_names_its_line(tmp_path, gedeeld):
    pad = tmp_path / "latin1.csv"
    regels = ["naam,functie,gemeente"] + [f"Fictief {i},wethouder,diemen" for i in range(5000)]
    pad.write_bytes(
        ("\n".join(regels) + "\n").encode() + "Fictief Ré,wethouder,diemen\n".encode("latin-1")
    )
    _cpu, resultaat = importeer(pad, gedeeld)
    geweigerd(resultaat, f"'{pad}' is geen UTF-8 (regel 5002)")
