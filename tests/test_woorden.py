"""Messages in the user's words: the right plural, the right article, the thing named by
where it is ('de eerste status van orgaan ...'), never an internal notation."""

from __future__ import annotations

import re
from pathlib import Path

from amctl.cli import app
from amctl.controle import controleer_tekst

FICTIEF = Path(__file__).parent / "fixtures" / "fictief.yaml"
AMCTL = Path(__file__).resolve().parents[1] / "amctl"


def _meldingen(tekst: str) -> list[str]:
    return [p.melding for p in controleer_tekst(tekst).problemen]


def test_an_unknown_body_is_onbekend_and_an_unknown_gemeente_onbekende():
    tekst = FICTIEF.read_text()
    orgaan = tekst.replace("onderdeel-van: am-overleg", "onderdeel-van: am-overlek", 1)
    gemeente = tekst.replace("gemeente: diemen", "gemeente: diemn", 1)

    assert any(m.startswith("Onbekend orgaan 'am-overlek'.") for m in _meldingen(orgaan))
    assert any(m.startswith("Onbekende gemeente 'diemn'.") for m in _meldingen(gemeente))


def test_an_item_of_a_list_is_named_by_its_place_in_words():
    tekst = FICTIEF.read_text().replace(
        "    status: actief\n", "    status:\n      - {waarde: actieff, vanaf: 2020-01-01}\n", 1
    )

    (melding,) = [m for m in _meldingen(tekst) if "actieff" in m]
    assert melding.startswith("'waarde' van de eerste status van orgaan '")
    assert "#" not in melding


def test_a_query_on_a_file_with_errors_counts_them_in_words(runner, schrijf):
    een = FICTIEF.read_text().replace("onderdeel-van: am-overleg", "onderdeel-van: x-1", 1)
    twee = een.replace("onderdeel-van: am-overleg", "onderdeel-van: x-2", 1)

    for tekst, woorden in ((een, "1 fout;"), (twee, "2 fouten;")):
        resultaat = runner.invoke(app, ["organen", "-f", str(schrijf(tekst))])
        assert resultaat.exit_code == 1
        assert f"bevat {woorden} daarom geeft amctl geen antwoord" in resultaat.stderr


def test_no_message_in_amctl_hedges_its_plural():
    """'fout(en)', 'lid/leden': the count is known, so the word can be right."""
    gevonden = [
        f"{pad.relative_to(AMCTL)}: {regel.strip()}"
        for pad in AMCTL.rglob("*.py")
        for regel in pad.read_text(encoding="utf-8").splitlines()
        if re.search(r"\w\((en|s)\)|\blid/leden\b", regel) and "http(s)" not in regel
    ]
    assert gevonden == []


def test_what_the_system_refuses_is_said_in_dutch(runner, schrijf, monkeypatch):
    """The system's own reason ('Device or resource busy') is English on most systems."""
    import errno

    bestand = schrijf(FICTIEF.read_text())

    def bezet(*args, **kwargs):
        raise OSError(errno.EBUSY, "Device or resource busy")

    monkeypatch.chdir(bestand.parent)
    monkeypatch.setattr(Path, "mkdir", bezet)
    resultaat = runner.invoke(app, ["overzicht", "-f", str(bestand), "--uit", "site"])

    assert resultaat.exit_code == 2
    assert resultaat.stderr == "amctl: Kan de map 'site' niet maken: het is in gebruik.\n"


def test_a_reason_without_dutch_words_is_marked_as_the_systems_own():
    import errno

    from amctl.tekst import oorzaak

    assert oorzaak(OSError(errno.EACCES, "Permission denied")) == "geen toegang (rechten)"
    onbekend = OSError(errno.EHOSTUNREACH, "No route to host")
    assert oorzaak(onbekend) == "het systeem meldt: No route to host"


def test_no_message_in_amctl_passes_on_the_systems_english_reason():
    """Every reason for an OSError goes through amctl.tekst.oorzaak, which has Dutch words."""
    gevonden = [
        f"{pad.relative_to(AMCTL)}: {regel.strip()}"
        for pad in AMCTL.rglob("*.py")
        if pad.name != "tekst.py"
        for regel in pad.read_text(encoding="utf-8").splitlines()
        if ".strerror" in regel
    ]
    assert gevonden == []
