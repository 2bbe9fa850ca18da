"""Resource limits and side effects: what amctl does with a file that is too big, too deep,
self-referencing or built to make a check slow, and what it leaves on disk.

- A file over MAX_BYTES is refused before it is read (AM010); aliases are refused (AM007) and
  nesting is bounded (AM008), just under and just over each limit.
- Files far larger than any real governance file, built to trip a quadratic algorithm, are
  checked and queried within a generous time bound.
- Read-only commands write nothing; --uit writes each file whole (a temporary file in the
  same folder, then a rename) or leaves the old one.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from strategieen import SnelleRunner

from amctl import grenzen, laden
from amctl.cli import app
from amctl.controle import controleer_bestand

PEILDATUM = "2026-01-01"
RUNNER = SnelleRunner()

KOP = """versie: 1
bronnen:
  tekst: {titel: Brontekst}
soorten:
  verband: {naam: samenwerkingsverband}
  overleg: {naam: overleg}
gemeenten:
  noord: {naam: Noord}
  zuid: {naam: Zuid}
functies:
  burgemeester: {naam: burgemeester, per-gemeente: true, zetels: 1}
  raadslid: {naam: raadslid, per-gemeente: true}
  secretaris: {naam: secretaris, zetels: 1}
"""
KLEIN = KOP + "organen:\n  regio: {naam: Regio, soort: verband, bron: tekst}\n"


def voer_uit(*args: str):
    return RUNNER.invoke(app, list(args))


def geen_traceback(resultaat) -> None:
    uitzondering = resultaat.exception
    assert uitzondering is None or isinstance(uitzondering, SystemExit), repr(uitzondering)
    assert "Traceback" not in resultaat.stdout + resultaat.stderr
    assert resultaat.exit_code != 3, resultaat.stderr


# --- size: refused before it is read -----------------------------------------------------------


def zet_max_bytes(monkeypatch, waarde: int) -> None:
    """The limit lives in amctl.grenzen; the loader has its own name for it."""
    monkeypatch.setattr(grenzen, "MAX_BYTES", waarde)
    monkeypatch.setattr(laden, "MAX_BYTES", waarde)


def test_a_file_one_byte_over_the_limit_is_refused_by_validate_and_the_queries(
    schrijf, monkeypatch
):
    pad = schrijf(KLEIN)
    zet_max_bytes(monkeypatch, pad.stat().st_size - 1)
    validate = voer_uit("validate", str(pad))
    assert validate.exit_code == 1
    assert f"{pad}:1:1: AM010 " in validate.stdout
    for opdracht in (["tree"], ["wie-zit-in", "regio"], ["diagram"]):
        resultaat = voer_uit(*opdracht, "-f", str(pad))
        geen_traceback(resultaat)
        assert resultaat.exit_code == 1
        assert "AM010" in resultaat.stderr and resultaat.stdout == ""


def test_a_file_one_byte_under_the_limit_is_read(schrijf, monkeypatch):
    pad = schrijf(KLEIN)
    zet_max_bytes(monkeypatch, pad.stat().st_size + 1)
    assert voer_uit("validate", str(pad)).exit_code == 0
    assert voer_uit("tree", "-f", str(pad)).exit_code == 0


def test_a_sparse_file_of_max_bytes_plus_one_is_refused_fast_without_reading_it(schrijf, tmp_path):
    pad = tmp_path / "groot.yaml"
    with pad.open("wb") as bestand:
        bestand.truncate(grenzen.MAX_BYTES + 1)  # a hole: no disk, 64 MiB of zeros
    voer_uit("validate", str(schrijf(KLEIN)))  # imports done before measuring

    tracemalloc.start()
    begin = time.process_time()
    resultaat = voer_uit("validate", str(pad))
    duur = time.process_time() - begin
    _, piek = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    assert resultaat.exit_code == 1
    assert f"{pad}:1:1: AM010 [fout] Het bestand is 64 MiB; meer dan 64 MiB wordt niet gelezen" in (
        resultaat.stdout
    )
    assert duur < 2
    assert piek < 1024 * 1024, f"{piek} bytes: het bestand is toch gelezen"


def test_a_query_on_a_sparse_file_over_the_limit_is_refused_fast_without_reading_it(
    schrijf, tmp_path
):
    pad = tmp_path / "groot.yaml"
    with pad.open("wb") as bestand:
        bestand.truncate(grenzen.MAX_BYTES + 1)
    voer_uit("tree", "-f", str(schrijf(KLEIN)))

    tracemalloc.start()
    begin = time.process_time()
    resultaat = voer_uit("wie-zit-in", "regio", "-f", str(pad))
    duur = time.process_time() - begin
    _, piek = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    assert resultaat.exit_code == 1
    assert "AM010" in resultaat.stderr
    assert duur < 2
    assert piek < 1024 * 1024, f"{piek} bytes: het bestand is toch gelezen"


# --- aliases and nesting ------------------------------------------------------------------------

ALIASSEN = {
    "merge-sleutel": "versie: 1\nbasis: &b {naam: X}\norganen:\n  a:\n    <<: *b\n",
    "alleen-anker": "versie: 1\ngemeenten: &g\n  noord: {naam: Noord}\n",
    "alias-als-sleutel": "versie: 1\nx: &k naam\ngemeenten:\n  noord:\n    *k : Noord\n",
    "alias-in-flow-lijst": "versie: 1\nx: &a 1\ny: [*a, *a]\n",
    "anker-op-lijst": "versie: 1\ntaken: &t\n  - een\n",
}


@pytest.mark.parametrize("tekst", ALIASSEN.values(), ids=ALIASSEN.keys())
def test_every_anchor_or_alias_is_am007(schrijf, tekst):
    pad = schrijf(tekst)
    resultaat = voer_uit("validate", str(pad))
    assert resultaat.exit_code == 1
    assert [regel.split()[1] for regel in resultaat.stdout.splitlines()[:-1]] == ["AM007"]


def test_a_billion_laughs_of_thirty_levels_is_refused_at_once(schrijf):
    regels = ["versie: 1", "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    regels += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 30)]
    pad = schrijf("\n".join(regels) + "\n")  # 10^30 strings, if it were expanded
    begin = time.process_time()
    resultaat = voer_uit("wie-zit-in", "a", "-f", str(pad))
    assert time.process_time() - begin < 2
    assert resultaat.exit_code == 1
    assert "AM007" in resultaat.stderr


def _blokmappings(niveaus: int) -> str:
    """`versie: 1` plus `niveaus` nested block mappings below the root (itself one level)."""
    regels = ["versie: 1"] + [f"{'  ' * i}n{i}:" for i in range(niveaus)]
    return "\n".join(regels) + f"\n{'  ' * niveaus}x: 1\n"


def _bloklijsten(niveaus: int) -> str:
    return (
        "versie: 1\nx:\n"
        + "".join(f"{'  ' * i}-\n" for i in range(niveaus - 1))
        + (f"{'  ' * (niveaus - 1)}- 1\n")
    )


@pytest.mark.parametrize("bouw", [_blokmappings, _bloklijsten], ids=["mappings", "lijsten"])
def test_block_nesting_up_to_max_diepte_is_read_and_one_more_is_am008(schrijf, bouw):
    net = controleer_bestand(schrijf(bouw(grenzen.MAX_DIEPTE - 1), "net.yaml"))
    assert "AM008" not in {p.code for p in net.problemen}
    assert {p.code for p in net.problemen} == {"AM103"}  # loaded: only the schema complains

    pad = schrijf(bouw(grenzen.MAX_DIEPTE), "te-diep.yaml")
    resultaat = voer_uit("validate", str(pad))
    assert resultaat.exit_code == 1
    assert "AM008 [fout] De gegevens zijn dieper dan 64 niveaus genest" in resultaat.stdout


# --- files built to be slow -------------------------------------------------------------------

DAG = date(1950, 1, 1)


def _dag(n: int) -> str:
    return (DAG + timedelta(days=n)).isoformat()


def veel_leden(n: int) -> str:
    """One body with n named members, each a raadslid."""
    gemeente = ("noord", "zuid")
    personen = "".join(
        f"  p{i}: {{naam: Persoon {i}, functies: [{{functie: raadslid, gemeente: "
        f"{gemeente[i % 2]}}}]}}\n"
        for i in range(n)
    )
    leden = "".join(
        f"      - {{persoon: p{i}, functie: raadslid, gemeente: {gemeente[i % 2]}}}\n"
        for i in range(n)
    )
    return (
        f"{KOP}personen:\n{personen}organen:\n  platform:\n    naam: Platform\n"
        "    soort: overleg\n    bron: tekst\n"
        "    samenstelling: [{functie: raadslid, wijze: benoemd}]\n"
        f"    leden:\n{leden}"
    )


def veel_statussen(n: int, werkgroepen: int = 20) -> str:
    """One body with n consecutive status periods, prepared by many working groups."""
    statussen = (
        f"      - {{waarde: actief, tot-en-met: {_dag(0)}}}\n"
        + "".join(
            f"      - {{waarde: actief, vanaf: {_dag(i)}, tot-en-met: {_dag(i)}}}\n"
            for i in range(1, n - 1)
        )
        + f"      - {{waarde: actief, vanaf: {_dag(n - 1)}}}\n"
    )
    groepen = "".join(
        f"  werkgroep{j}: {{naam: Werkgroep {j}, soort: overleg, bron: tekst, "
        "relaties: [{bereidt-voor: pho}]}\n"
        for j in range(werkgroepen)
    )
    return (
        f"{KOP}organen:\n  pho:\n    naam: PHO\n    soort: overleg\n    bron: tekst\n"
        f"    status:\n{statussen}{groepen}"
    )


def veel_onbekende_ids(n: int) -> str:
    """n bodies, each naming a soort, a parent and a source that do not exist, among n
    existing soorten: the search for a suggestion has many candidates."""
    soorten = "".join(f"  soort-{i}: {{naam: soort {i}}}\n" for i in range(n))
    organen = "".join(
        f"  o{i}: {{naam: O{i}, soort: onbekend-{i}, onderdeel-van: x{i}, bron: b{i}}}\n"
        for i in range(n)
    )
    return f"{KOP}soorten:\n{soorten}organen:\n{organen}".replace(
        "soorten:\n  verband: {naam: samenwerkingsverband}\n  overleg: {naam: overleg}\n", ""
    )


def veel_relaties(n: int) -> str:
    relaties = "".join(f"      - bereidt-voor: doel{i}\n" for i in range(n))
    doelen = "".join(
        f"  doel{i}: {{naam: Doel {i}, soort: overleg, bron: tekst}}\n" for i in range(n)
    )
    return (
        f"{KOP}organen:\n  bron-orgaan:\n    naam: Bron\n    soort: overleg\n    bron: tekst\n"
        f"    relaties:\n{relaties}{doelen}"
    )


def veel_bundels(groepen: int) -> str:
    """Groups of two bodies that both prepare the same three: each group one bundle."""
    organen = []
    for g in range(groepen):
        doelen = [f"d{g}-{k}" for k in range(3)]
        relaties = ", ".join(f"{{bereidt-voor: {d}}}" for d in doelen)
        organen += [
            f"  b{g}-{k}: {{naam: B{g}, soort: overleg, bron: tekst, relaties: [{relaties}]}}\n"
            for k in range(2)
        ]
        organen += [f"  {d}: {{naam: D, soort: overleg, bron: tekst}}\n" for d in doelen]
    return f"{KOP}organen:\n{''.join(organen)}"


def veel_termijnen(n: int) -> str:
    """One person holding one post n times, one day each."""
    termijnen = "".join(
        f"      - {{functie: burgemeester, gemeente: noord, vanaf: {_dag(i)}, "
        f"tot-en-met: {_dag(i)}}}\n"
        for i in range(n)
    )
    return (
        f"{KOP}personen:\n  p:\n    naam: P\n    functies:\n{termijnen}"
        "organen:\n  regio:\n    naam: Regio\n    soort: overleg\n    bron: tekst\n"
        "    samenstelling: [{functie: burgemeester, aantal: 1}]\n"
        "    voorzitter: {functie: burgemeester, gemeente: noord}\n"
    )


def veel_dubbele_sleutels(n: int) -> str:
    return KOP + "organen:\n  a:\n" + "    naam: A\n" * n + "    soort: overleg\n"


def lange_regel(n: int) -> str:
    return (
        f"{KOP}organen:\n  a:\n    naam: A\n    soort: overleg\n    bron: tekst\n"
        f"    omschrijving: {'x' * n}\n"
    )


def lange_naam(n: int) -> str:
    return (
        f"{KOP}organen:\n  a:\n    naam: {'N' * n}\n    soort: overleg\n    bron: tekst\n"
        "    samenstelling: [{functie: burgemeester, aantal: 1}]\n"
    )


def groot_aantal(n: int) -> str:
    return (
        f"{KOP}organen:\n  a:\n    naam: A\n    soort: overleg\n    bron: tekst\n"
        f"    samenstelling: [{{functie: raadslid, wijze: benoemd, aantal: {n}}}]\n"
    )


def gemeenten_maal_regels(n: int) -> str:
    """n gemeenten and n bodies, each with one rule 'the burgemeester of every gemeente'."""
    gemeenten = "".join(f"  g{i}: {{naam: G{i}}}\n" for i in range(n))
    organen = "".join(
        f"  o{i}: {{naam: O{i}, soort: overleg, bron: tekst, "
        "samenstelling: [{functie: burgemeester, aantal: 1}]}\n"
        for i in range(n)
    )
    return KOP.replace("  noord: {naam: Noord}\n  zuid: {naam: Zuid}\n", gemeenten) + (
        f"organen:\n{organen}"
    )


def lange_keten(n: int) -> str:
    """n bodies, each part of the next one in the file: the walk up is long from the start."""
    organen = "".join(
        f"  o{i}: {{naam: O{i}, soort: overleg, bron: tekst, onderdeel-van: o{i + 1}}}\n"
        for i in range(n - 1)
    )
    return f"{KOP}organen:\n{organen}  o{n - 1}: {{naam: Top, soort: verband, bron: tekst}}\n"


def veel_voorzitters(n: int) -> str:
    """One body whose chair changes every day, each chair a named member."""
    personen = "".join(
        f"  p{i}: {{naam: P{i}, functies: [{{functie: raadslid, gemeente: noord}}]}}\n"
        for i in range(n)
    )
    leden = "".join(
        f"      - {{persoon: p{i}, functie: raadslid, gemeente: noord}}\n" for i in range(n)
    )
    voorzitters = "".join(
        f"      - {{persoon: p{i}, vanaf: {_dag(i)}, tot-en-met: {_dag(i)}}}\n" for i in range(n)
    )
    return (
        f"{KOP}personen:\n{personen}organen:\n  raad:\n    naam: Raad\n    soort: overleg\n"
        "    bron: tekst\n    samenstelling: [{functie: raadslid, wijze: benoemd}]\n"
        f"    leden:\n{leden}    voorzitter:\n{voorzitters}"
    )


def veel_regels_en_leden(n: int) -> str:
    """One body with n composition rules (one post each) and n named members."""
    functies = "".join(f"  f{i}: {{naam: F{i}}}\n" for i in range(n))
    personen = "".join(f"  p{i}: {{naam: P{i}, functies: [{{functie: f{i}}}]}}\n" for i in range(n))
    regels = "".join(f"      - {{functie: f{i}, wijze: benoemd, aantal: 1}}\n" for i in range(n))
    leden = "".join(f"      - {{persoon: p{i}, functie: f{i}}}\n" for i in range(n))
    return (
        KOP.replace("functies:\n", f"functies:\n{functies}")
        + f"personen:\n{personen}organen:\n  raad:\n    naam: Raad\n    soort: overleg\n"
        f"    bron: tekst\n    samenstelling:\n{regels}    leden:\n{leden}"
    )


def veel_regels_voor_een_functie(n: int) -> str:
    """One body with n rules for the same post, each from another day, and n named members
    that fit all of them: each member weighed against each rule would be n x n."""
    personen = "".join(
        f"  p{i}: {{naam: P{i}, functies: [{{functie: raadslid, gemeente: noord}}]}}\n"
        for i in range(n)
    )
    regels = "".join(
        f"      - {{functie: raadslid, wijze: benoemd, aantal: 1, gemeenten: [noord], "
        f"vanaf: {_dag(i)}}}\n"
        for i in range(n)
    )
    leden = "".join(
        f"      - {{persoon: p{i}, functie: raadslid, gemeente: noord}}\n" for i in range(n)
    )
    return (
        f"{KOP}personen:\n{personen}organen:\n  raad:\n    naam: Raad\n    soort: overleg\n"
        f"    bron: tekst\n    samenstelling:\n{regels}    leden:\n{leden}"
    )


def veel_steunposten(n: int) -> str:
    """n bodies, each supported by a post of its own."""
    functies = "".join(f"  f{i}: {{naam: F{i}, zetels: 1}}\n" for i in range(n))
    organen = "".join(
        f"  o{i}: {{naam: O{i}, soort: overleg, bron: tekst, ondersteuning: [{{functie: f{i}}}]}}\n"
        for i in range(n)
    )
    return KOP.replace("functies:\n", f"functies:\n{functies}") + f"organen:\n{organen}"


def veel_organen(n: int) -> str:
    organen = "".join(
        f"  o{i}: {{naam: O{i}, soort: overleg, bron: tekst, onderdeel-van: top, "
        "relaties: [{bereidt-voor: top}]}\n"
        for i in range(n)
    )
    return f"{KOP}organen:\n  top: {{naam: Top, soort: verband, bron: tekst}}\n{organen}"


# name: (how to build the file, its size, a query)
TRAAG = {
    "20000 leden": (veel_leden, 20_000, ["wie-zit-in", "platform", "--json"]),
    "5000 leden": (veel_leden, 5_000, ["wie-zit-in", "platform"]),
    "5000 statussen, 20 voorbereiders": (veel_statussen, 5_000, ["toon", "pho"]),
    "20000 onbekende ids": (veel_onbekende_ids, 20_000, ["tree"]),
    "20000 relaties": (veel_relaties, 20_000, ["toon", "bron-orgaan"]),
    "3000 bundels": (veel_bundels, 3_000, ["diagram", "--formaat", "dot"]),
    "20000 termijnen": (veel_termijnen, 20_000, ["waar-zit", "p"]),
    "50000 dubbele sleutels": (veel_dubbele_sleutels, 50_000, ["tree"]),
    "1 MB op een regel": (lange_regel, 1_000_000, ["toon", "a"]),
    "naam van 100000 tekens": (lange_naam, 100_000, ["tree"]),
    "aantal 10^9": (groot_aantal, 10**9, ["wie-zit-in", "a"]),
    "2000 gemeenten x 2000 regels": (gemeenten_maal_regels, 2_000, ["tree"]),
    "keten van 20000": (lange_keten, 20_000, ["tree", "--json"]),
    "10000 voorzitters": (veel_voorzitters, 10_000, ["wie-zit-in", "raad", "--json"]),
    "5000 regels en leden": (veel_regels_en_leden, 5_000, ["wie-zit-in", "raad", "--json"]),
    "4000 regels voor een functie": (veel_regels_voor_een_functie, 4_000, ["tree"]),
    "5000 steunposten": (veel_steunposten, 5_000, ["diagram"]),
    "5000 organen": (veel_organen, 5_000, ["organen", "--json"]),
}
GRENS_SECONDEN = 10


@pytest.mark.parametrize(("bouw", "grootte", "vraag"), TRAAG.values(), ids=TRAAG.keys())
def test_validate_and_a_query_finish_in_seconds(schrijf, bouw, grootte, vraag):
    pad = schrijf(bouw(grootte))
    # CPU time of this process, not the wall clock: a guard against quadratic work that holds
    # on a loaded machine (CI shares its cores).
    begin = time.process_time()
    validate = voer_uit("validate", "--formaat", "json", str(pad))
    vraag_uitslag = voer_uit(*vraag, "-f", str(pad), "-d", PEILDATUM)
    duur = time.process_time() - begin
    for resultaat in (validate, vraag_uitslag):
        geen_traceback(resultaat)
        assert resultaat.exit_code in (0, 1), resultaat.stderr
    assert vraag_uitslag.exit_code == validate.exit_code
    assert duur < GRENS_SECONDEN, f"{duur:.1f} s"


# --- memory -----------------------------------------------------------------------------------

GEHEUGEN = {
    # name: (how to build the file, its size, a query, bound on the peak as a multiple of the
    # file's size): Python holds each YAML node with its position, so about 40 times.
    "5000 leden": (veel_leden, 5_000, ["wie-zit-in", "platform", "--json"], 100),
    "20000 termijnen": (veel_termijnen, 20_000, ["waar-zit", "p"], 100),
    "1 MB op een regel": (lange_regel, 1_000_000, ["toon", "a"], 10),
}


@pytest.mark.parametrize(("bouw", "grootte", "vraag", "factor"), GEHEUGEN.values(), ids=GEHEUGEN)
def test_memory_stays_a_small_multiple_of_the_file(schrijf, bouw, grootte, vraag, factor):
    pad = schrijf(bouw(grootte))
    voer_uit("validate", str(schrijf(KLEIN, "klein.yaml")))  # imports done before measuring
    omvang = pad.stat().st_size
    for opdracht in (["validate", str(pad)], [*vraag, "-f", str(pad), "-d", PEILDATUM]):
        tracemalloc.start()
        resultaat = voer_uit(*opdracht)
        _, piek = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert resultaat.exit_code == 0, resultaat.stderr
        assert piek < factor * omvang, f"{opdracht[0]}: {piek / omvang:.0f} x het bestand"


def test_a_tiny_file_asking_for_a_billion_seats_needs_no_memory(schrijf):
    pad = schrijf(groot_aantal(10**9))
    voer_uit("validate", str(schrijf(KLEIN, "klein.yaml")))
    tracemalloc.start()
    resultaat = voer_uit("wie-zit-in", "a", "-f", str(pad), "-d", PEILDATUM)
    _, piek = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert resultaat.exit_code == 1
    assert "AM390" in resultaat.stderr
    assert "2.000.000.000" in resultaat.stderr  # two gemeenten
    assert piek < 5 * 1024 * 1024


# --- no writes where none were asked ------------------------------------------------------------

FICTIEF = Path(__file__).resolve().parent / "fixtures" / "fictief.yaml"


def momentopname(*mappen: Path) -> dict[str, tuple[int, int]]:
    """Every file and folder below the folders, with its modification time and size."""
    gezien = {}
    for map_ in mappen:
        for wortel, submappen, bestanden in os.walk(map_):
            for naam in [*submappen, *bestanden]:
                info = os.stat(os.path.join(wortel, naam))
                gezien[os.path.join(wortel, naam)] = (info.st_mtime_ns, info.st_size)
    return gezien


@pytest.fixture
def drie_mappen(tmp_path, monkeypatch) -> Callable[[str], tuple[Path, Path, Path]]:
    """The data file alone in its folder, an empty working folder as cwd, and a site made
    from the data (for docs --controleer)."""

    def maak(inhoud: str) -> tuple[Path, Path, Path]:
        data = tmp_path / "data"
        data.mkdir()
        bestand = data / "organisatie.yaml"
        bestand.write_text(inhoud, encoding="utf-8")
        werk = tmp_path / "werk"
        werk.mkdir()
        site = tmp_path / "site"
        voer_uit("docs", "-f", str(FICTIEF), "--uit", str(site), "-d", PEILDATUM)
        monkeypatch.chdir(werk)
        return bestand, werk, site

    return maak


def leesopdrachten(bestand: Path, site: Path) -> list[list[str]]:
    f = ["-f", str(bestand), "-d", PEILDATUM]
    return [
        ["validate", str(bestand)],
        ["validate", "--formaat", "json", str(bestand)],
        ["validate", "--formaat", "github", str(bestand)],
        ["regels"],
        ["regels", "AM305"],
        ["schema"],
        ["wie-zit-in", "regiegroep", *f],
        ["wie-zit-in", "regiegroep", "--json", *f],
        ["waar-zit", "diemen", *f],
        ["organen", *f],
        ["toon", "regiegroep", *f],
        ["tree", *f],
        ["tree", "--json", *f],
        ["diagram", *f],
        ["diagram", "--formaat", "dot", *f],
        ["diagram", "--formaat", "svg", *f],
        ["docs", "--controleer", str(site), *f],
    ]


@pytest.mark.parametrize("geldig", [True, False], ids=["geldig", "ongeldig"])
def test_read_only_commands_write_nothing_next_to_the_data_or_in_the_cwd(drie_mappen, geldig):
    inhoud = FICTIEF.read_text(encoding="utf-8")
    if not geldig:
        inhoud = inhoud.replace("soort: bestuur", "soort: besstuur", 1)
    bestand, werk, site = drie_mappen(inhoud)
    voor = momentopname(bestand.parent, werk, site)
    for opdracht in leesopdrachten(bestand, site):
        resultaat = voer_uit(*opdracht)
        geen_traceback(resultaat)
        assert resultaat.exit_code in ((0,) if geldig else (0, 1)), (opdracht, resultaat.stderr)
        assert momentopname(bestand.parent, werk, site) == voor, opdracht


# --- --uit: whole or not at all -----------------------------------------------------------------


def test_diagram_uit_writes_a_temporary_file_in_the_same_folder_then_renames_it(
    schrijf, tmp_path, monkeypatch
):
    doel = tmp_path / "uit" / "figuur.dot"
    doel.parent.mkdir()
    doel.write_text("// Gegenereerd door 'amctl diagram'; de oude figuur\n", encoding="utf-8")
    hernoemd = []
    echt = os.replace

    def replace(bron, naar):
        hernoemd.append((Path(bron), Path(naar), Path(bron).read_bytes()))
        echt(bron, naar)

    monkeypatch.setattr(os, "replace", replace)
    pad = schrijf(KLEIN)
    resultaat = voer_uit("diagram", "--formaat", "dot", "--uit", str(doel), "-f", str(pad))
    assert resultaat.exit_code == 0, resultaat.stderr
    ((bron, naar, inhoud),) = [h for h in hernoemd if h[1].parent == doel.parent]
    assert naar == doel
    assert bron.parent == doel.parent
    assert bron.name.startswith(".figuur.dot.") and bron.name.endswith(".tmp")
    assert doel.read_bytes() == inhoud
    assert inhoud.split(b"\n", 1)[1].startswith(b"digraph amctl {")
    assert [p.name for p in doel.parent.iterdir()] == ["figuur.dot"]


@pytest.mark.parametrize("formaat", ["mermaid", "dot", "svg"])
def test_diagram_uit_keeps_the_old_file_when_writing_fails(schrijf, tmp_path, monkeypatch, formaat):
    doel = tmp_path / "uit" / "figuur"
    doel.parent.mkdir()
    oud = b"<!-- Gegenereerd door 'amctl diagram'; de oude figuur -->\n"
    doel.write_bytes(oud)

    def vol(descriptor):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", vol)
    pad = schrijf(KLEIN)
    resultaat = voer_uit("diagram", "--formaat", formaat, "--uit", str(doel), "-f", str(pad))
    assert resultaat.exit_code == 2
    assert "de schijf is vol" in resultaat.stderr and "ongewijzigd" in resultaat.stderr
    assert "Traceback" not in resultaat.stderr
    assert doel.read_bytes() == oud
    assert [p.name for p in doel.parent.iterdir()] == ["figuur"]


def test_docs_uit_leaves_every_file_old_or_new_and_never_half_when_writing_fails(
    tmp_path, monkeypatch
):
    bestand = tmp_path / "organisatie.yaml"
    bestand.write_text(FICTIEF.read_text(encoding="utf-8"), encoding="utf-8")
    site = tmp_path / "site"
    assert voer_uit("docs", "-f", str(bestand), "--uit", str(site), "-d", PEILDATUM).exit_code == 0
    oud = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    nieuw_bestand = tmp_path / "nieuw.yaml"
    nieuw_bestand.write_text(
        bestand.read_text(encoding="utf-8").replace("naam: Regiegroep", "naam: Regiegroep Nieuw"),
        encoding="utf-8",
    )
    nieuw_site = tmp_path / "nieuw-site"
    voer_uit("docs", "-f", str(nieuw_bestand), "--uit", str(nieuw_site), "-d", PEILDATUM)
    nieuw = {site / p.relative_to(nieuw_site): p.read_bytes() for p in nieuw_site.rglob("*.*")}
    assert any(oud[p] != nieuw[p] for p in oud), "de wijziging moet bestanden raken"

    echt, keer = os.fsync, []

    def tweede_keer_vol(descriptor):
        pad = Path(os.readlink(f"/proc/self/fd/{descriptor}"))  # Linux, as CI
        if site in pad.parents and pad.is_file():  # a file of the site, not a folder
            keer.append(descriptor)
            if len(keer) == 2:
                raise OSError(28, "No space left on device")
        echt(descriptor)

    monkeypatch.setattr(os, "fsync", tweede_keer_vol)
    resultaat = voer_uit("docs", "-f", str(nieuw_bestand), "--uit", str(site), "-d", PEILDATUM)
    assert resultaat.exit_code == 2
    assert "de schijf is vol" in resultaat.stderr
    na = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert set(na) == set(oud), "geen tijdelijk bestand blijft achter"
    assert all(na[p] in (oud[p], nieuw[p]) for p in na)


# --- very long names and ids, and Graphviz that fails --------------------------------------------

LANG_ID = "a" * 20_000  # Graphviz refuses an ID over 16384 bytes, a file system a name over 255


def lang_id(_: int = 0) -> str:
    """Two bodies with ids of 20,000 characters (a YAML key that long needs '? ')."""
    return (
        f"{KOP}organen:\n  ? {LANG_ID}\n  : naam: A & B\n    soort: overleg\n    bron: tekst\n"
        f"    onderdeel-van: {LANG_ID}-b\n  ? {LANG_ID}-b\n  : naam: B\n    soort: overleg\n"
        f"    bron: tekst\n    ondersteuning: [{{functie: secretaris}}]\n"
        f"    relaties: [{{bereidt-voor: {LANG_ID}}}]\n"
    )


@pytest.mark.parametrize("bouw", [lang_id, lambda: lange_naam(100_000)], ids=["id", "naam"])
def test_a_very_long_name_or_id_is_drawn_by_graphviz_and_written_by_docs(schrijf, tmp_path, bouw):
    pad = schrijf(bouw())
    assert voer_uit("validate", str(pad)).exit_code == 0
    f = ["-f", str(pad), "-d", PEILDATUM]
    for opdracht in (
        ["diagram", "--formaat", "svg", *f],
        ["diagram", "--formaat", "png", "--uit", str(tmp_path / "figuur.png"), *f],
        ["docs", "--uit", str(tmp_path / "site"), *f],
        ["docs", "--controleer", str(tmp_path / "site"), *f],
    ):
        resultaat = voer_uit(*opdracht)
        geen_traceback(resultaat)
        assert resultaat.exit_code == 0, (opdracht[:2], resultaat.stderr[:300])
    kaarten = list((tmp_path / "site" / "organen").iterdir())
    assert len(kaarten) == (2 if bouw is lang_id else 1)
    assert all(len(kaart.name.encode()) <= 255 for kaart in kaarten)


def test_graphviz_that_takes_too_long_gives_a_message_not_a_crash(schrijf, tmp_path, monkeypatch):
    from amctl.weergave import graphviz

    monkeypatch.setattr(graphviz, "GRAPHVIZ_TIJDSLIMIET", 1e-6)
    pad = schrijf(KLEIN)
    svg = voer_uit("diagram", "--formaat", "svg", "-f", str(pad))
    geen_traceback(svg)
    assert svg.exit_code == 2  # the same error, with the same exit status, as under docs
    assert "Graphviz had na" in svg.stderr and svg.stdout == ""
    docs = voer_uit("docs", "--uit", str(tmp_path / "site"), "-f", str(pad))
    geen_traceback(docs)
    assert docs.exit_code == 2
    assert "Graphviz had na" in docs.stderr
    assert not (tmp_path / "site" / "index.html").exists()


# --- a file that never ends ---------------------------------------------------------------------


@pytest.fixture
def link_naar_dev_zero(tmp_path) -> Path:
    """What a pull request can add: the data file as a link to a device that reports size 0
    and never ends."""
    pad = tmp_path / "organisatie.yaml"
    pad.symlink_to("/dev/zero")
    return pad


def test_validate_reads_a_link_to_dev_zero_no_further_than_the_limit(link_naar_dev_zero):
    begin = time.process_time()
    resultaat = voer_uit("validate", str(link_naar_dev_zero))
    assert time.process_time() - begin < 5
    assert resultaat.exit_code == 1
    assert "AM010 [fout] Het bestand is groter dan 64 MiB" in resultaat.stdout


def _in_een_proces_met_1_gib(*args: str) -> subprocess.CompletedProcess:
    """amctl in its own process with at most 1 GiB of memory: a command that reads without end
    fails there instead of taking the machine's memory."""

    def begrens() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30))

    return subprocess.run(
        [sys.executable, "-m", "amctl", *args],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=begrens,
        check=False,
    )


def test_a_query_reads_a_link_to_dev_zero_no_further_than_the_limit(link_naar_dev_zero):
    resultaat = _in_een_proces_met_1_gib("tree", "-f", str(link_naar_dev_zero))
    assert resultaat.returncode == 1, resultaat.stderr[-300:]
    assert "AM010" in resultaat.stderr


def test_diff_refuses_a_file_over_the_limit_before_reading_it(tmp_path):
    groot = tmp_path / "groot.yaml"
    with groot.open("wb") as bestand:
        bestand.truncate(grenzen.MAX_BYTES + 1)
    resultaat = _in_een_proces_met_1_gib("diff", str(FICTIEF), str(groot), "-f", str(FICTIEF))
    assert resultaat.returncode == 1, resultaat.stderr[-300:]
    assert "AM010" in resultaat.stderr
