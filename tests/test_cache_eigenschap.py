"""The cache never changes an answer (issue 23): for generated files (valid, invalid and
damaged ones, with and without a local copy of a source), generated questions and generated
damage to the cache (a flipped bit or a cut anywhere in an entry, an entry swapped for another
key's, a FIFO, a link to /dev/zero, a missing entry, an edited source text), the answer with
the cache is byte for byte the answer without it: exit code, stdout and stderr, on the first
run (filling the cache), after the damage and once more after that.

The 'ci' profile runs a modest number of examples; `HYPOTHESIS_PROFILE=lang` 10,000."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from strategieen import IDS, SnelleRunner, mutatie_van_gedeeld, schemadocument

from amctl.cli import app

BRONTEKST = Path(__file__).resolve().parents[1] / "data" / "bron" / "brontekst.txt"

VRAGEN = st.one_of(
    st.sampled_from(
        [
            ["validate"],
            ["validate", "--strikt"],
            ["validate", "--json"],
            ["organen", "--json"],
            ["tree"],
            ["tree", "--json", "-d", "2019-01-01"],
        ]
    ),
    st.builds(
        lambda opdracht, wie: [opdracht, wie],
        st.sampled_from(["wie-zit-in", "toon", "tree"]),
        st.sampled_from(["regiegroep", "plenair-overleg", *IDS["organen"]]),
    ),
    st.builds(
        lambda wie: ["waar-zit", wie, "--json"],
        st.sampled_from(["diemen", "burgemeester", *IDS["gemeenten"], *IDS["personen"]]),
    ),
)

BESTANDEN = st.one_of(
    mutatie_van_gedeeld().map(lambda m: m[0]),
    schemadocument().map(lambda t: t.encode("utf-8")),
)

SCHADE = st.one_of(
    st.tuples(st.just("bit"), st.integers(0, 10**9), st.integers(0, 7)),
    st.tuples(st.just("knip"), st.integers(0, 10**9), st.just(0)),
    st.sampled_from([("weg", 0, 0), ("fifo", 0, 0), ("nul", 0, 0), ("ruil", 0, 0), ("bron", 0, 0)]),
)


def antwoord(map_: Path, vraag: list[str], bestand: Path, aan: bool) -> tuple:
    omgeving = {"AMCTL_CACHE_MAP": str(map_), "AMCTL_CACHE": "aan" if aan else "uit"}
    uit = SnelleRunner().invoke(app, [*vraag, "-f", str(bestand)], env=omgeving)
    assert uit.exit_code in (0, 1, 2), (uit.exit_code, uit.stderr, uit.exception)
    return uit.exit_code, uit.stdout, uit.stderr


def beschadig(map_: Path, bestand: Path, schade: tuple) -> None:
    soort, plek, bit = schade
    items = sorted(p for p in map_.iterdir() if not p.name.startswith("."))
    if soort == "bron":
        tekst = bestand.parent / "bron" / "brontekst.txt"
        if tekst.exists():
            tekst.write_bytes(tekst.read_bytes().replace(b"Overzicht", b"Overzichtje"))
        return
    if not items:
        return
    item = items[plek % len(items)]
    if soort in ("bit", "knip"):
        ruw = item.read_bytes()
        if not ruw:
            return
        i = plek % len(ruw)
        if soort == "bit":
            item.write_bytes(ruw[:i] + bytes([ruw[i] ^ 1 << bit]) + ruw[i + 1 :])
        else:
            item.write_bytes(ruw[:i])
    elif soort == "ruil" and len(items) > 1:
        ander = items[(plek + 1) % len(items)]
        ruw = item.read_bytes()
        item.write_bytes(ander.read_bytes())
        ander.write_bytes(ruw)
    else:
        item.unlink()
        if soort == "fifo":
            os.mkfifo(item, 0o600)
        elif soort == "nul":
            item.symlink_to("/dev/zero")


@given(BESTANDEN, VRAGEN, SCHADE, st.booleans())
def test_the_answer_with_the_cache_is_the_answer_without_it(inhoud, vraag, schade, met_bron):
    werk = Path(tempfile.mkdtemp(prefix="amctl-eigenschap-"))
    try:
        bestand = werk / "data" / "organisatie.yaml"
        (werk / "data" / "bron").mkdir(parents=True)
        bestand.write_bytes(inhoud)
        if met_bron:
            shutil.copy(BRONTEKST, werk / "data" / "bron" / "brontekst.txt")
        map_ = werk / "cache"
        vers = antwoord(map_, vraag, bestand, aan=False)
        assert antwoord(map_, vraag, bestand, aan=True) == vers
        # the cache holds what the other commands store too
        antwoord(map_, ["organen"], bestand, aan=True)
        if map_.exists():
            beschadig(map_, bestand, schade)
        vers = antwoord(map_, vraag, bestand, aan=False)  # a changed source text changes it
        assert antwoord(map_, vraag, bestand, aan=True) == vers
        assert antwoord(map_, vraag, bestand, aan=True) == vers
    finally:
        shutil.rmtree(werk, ignore_errors=True)
