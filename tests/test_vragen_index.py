"""The look-ups of the queries (vragen.INDEXEN) only spare work: `waar-zit` through the index of
seats gives exactly what looking in every body gives, `tree ORGAAN` through the index of parts
exactly what grouping every body gives, and a model from the cache answers exactly as the model
built from the file. Checked on the fixtures, the shipped file and the generated M file, for
every gemeente, person and post on every date where something changes."""

from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from amctl import controle, modelcache, vragen
from amctl.model import Organisatie, geldig_op

HIER = Path(__file__).resolve().parent
REPO = HIER.parent
BESTANDEN = {
    "fictief": HIER / "fixtures" / "fictief.yaml",
    "vergaderingen": HIER / "fixtures" / "vergaderingen.yaml",
    "meegeleverd": REPO / "data" / "organisatie.yaml",
}


@pytest.fixture(scope="module")
def m_bestand(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import genereer
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    return genereer.genereer("M", 1, tmp_path_factory.mktemp("M"))


def vers(pad: Path) -> Organisatie:
    uitslag = controle.controleer_bestand(pad)
    assert not uitslag.fouten and uitslag.organisatie is not None
    return uitslag.organisatie


def uit_cache(pad: Path, organisatie: Organisatie) -> Organisatie:
    inhoud = pad.read_bytes()
    modelcache.bewaar(str(pad), inhoud, organisatie)
    gecached = modelcache.lees(str(pad), inhoud, controle.model_uit_bytes)
    assert gecached is not None and type(gecached) is not Organisatie
    gecached.bestand = organisatie.bestand
    return gecached


def peildata(org: Organisatie) -> list[date]:
    """Every date on which some period starts or ends, the day after, and today."""
    data = {date.today()}
    for obj in (*org.organen.values(), *org.bezettingen(), *org.gemeenten.values()):
        for d in (obj.vanaf, obj.tot_en_met):
            if d is not None:
                data |= {d, d + timedelta(days=1)}
    for orgaan in org.organen.values():
        for deel in (*orgaan.samenstelling, *orgaan.leden, *orgaan.ondersteuning):
            for d in (deel.vanaf, deel.tot_en_met):
                if d is not None:
                    data |= {d, d + timedelta(days=1)}
    return sorted(data)


def wie_allemaal(org: Organisatie, stap: int = 1) -> list[vragen.Wie]:
    """Every gemeente, person and post (or every `stap`-th, for a large file)."""
    wie = [vragen.Wie("gemeente", g) for g in org.gemeenten]
    wie += [vragen.Wie("persoon", p) for p in org.personen]
    wie += [vragen.Wie("functie", f) for f in org.functies]
    wie += [vragen.Wie("functie", post[0], post[1]) for post in org.bekleders() if post[1]]
    return wie[::stap]


def overal(org: Organisatie, wie: vragen.Wie, dag: date) -> list[vragen.Plaats]:
    return vragen.waar_zit(org, wie, dag, organen=org.organen.values())


def kaal(plaatsen: list[vragen.Plaats]) -> list[tuple]:
    """A cached model leaves out positions, which no answer shows."""
    return [(p.orgaan.id, p.functie, p.gemeente, p.persoon, p.rol) for p in plaatsen]


def onderdelen_overal(org: Organisatie, ouder: str | None, dag: date) -> list[str]:
    return [o.id for o in org.organen.values() if o.onderdeel_van == ouder and geldig_op(o, dag)]


def controleer_gelijk(pad: Path, stap: int = 1, max_data: int | None = None) -> int:
    org = vers(pad)
    gecached = uit_cache(pad, org)
    data = peildata(org)
    if max_data is not None:
        data = data[:: max(1, len(data) // max_data)]
    vergeleken = 0
    for dag in data:
        for wie in wie_allemaal(org, stap):
            verwacht = overal(org, wie, dag)
            assert vragen.waar_zit(org, wie, dag) == verwacht, (wie, dag)
            assert kaal(vragen.waar_zit(gecached, wie, dag)) == kaal(verwacht), (wie, dag)
            vergeleken += 1
        for ouder in (None, *org.organen):
            verwacht_ids = onderdelen_overal(org, ouder, dag)
            assert [o.id for o in vragen.onderdelen(org, ouder, dag)] == verwacht_ids
            assert [o.id for o in vragen.onderdelen(gecached, ouder, dag)] == verwacht_ids
    return vergeleken


@pytest.mark.parametrize("naam", BESTANDEN)
def test_the_indexes_answer_as_walking_every_body(naam):
    assert controleer_gelijk(BESTANDEN[naam]) > 0


def test_the_indexes_answer_as_walking_every_body_at_regional_scale(m_bestand):
    assert controleer_gelijk(m_bestand, stap=97, max_data=2) > 50


@pytest.mark.parametrize("naam", BESTANDEN)
def test_names_find_the_same_things_in_a_cached_model(naam):
    org = vers(BESTANDEN[naam])
    gecached = uit_cache(BESTANDEN[naam], org)
    for orgaan in org.organen.values():
        for tekst in (orgaan.id, orgaan.naam.upper(), *orgaan.aliassen):
            assert vragen.zoek_orgaan(gecached, tekst).id == vragen.zoek_orgaan(org, tekst).id
    teksten = [
        *(k for g in org.gemeenten.values() for k in (g.id, g.naam)),
        *(k for p in org.personen.values() for k in (p.id, p.naam)),
        *(k for f in org.functies.values() for k in (f.id, f.naam)),
        *(f"{f.naam} van {g.naam}" for f in org.functies.values() for g in org.gemeenten.values()),
    ]
    for tekst in teksten:
        assert vragen.zoek_wie(gecached, tekst) == vragen.zoek_wie(org, tekst)
