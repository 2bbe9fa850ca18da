"""Provenance (issue 12): every answer says where a fact comes from, and marks what is derived
or assumed rather than stated by a source. On the shipped data, through the CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from amctl.cli import app
from amctl.controle import controleer_bestand
from amctl.schema import json_schema

HIER = Path(__file__).parent
BRONTEKST = HIER / "vendor" / "bron" / "brontekst.txt"
PEIL_OUDE_PLATFORMS = "2016-06-01"  # the MRA still had its three old platforms


def _zonder_afbreking(tekst: str) -> str:
    """The source text as one line: a word broken over two lines ('portefeuille-' + newline +
    'houders') joined again, every run of white space one space."""
    tekst = re.sub(r"-[ \t]*\n[ \t]*", "", tekst)
    return re.sub(r"\s+", " ", tekst).strip()


def _citaten(bestand: Path) -> list[tuple[str, str]]:
    """(where, text) of every statement in the file marked as a quote of the source text."""
    org = controleer_bestand(bestand).organisatie
    uitspraken = [("titel", org.titel)] if org.titel else []
    for t in org.tegenstrijdigheden.values():
        uitspraken += [(f"tegenstrijdigheid {t.id}", u) for u in t.uitspraken]
    return [
        (waar, u.tekst) for waar, u in uitspraken if u.aard == "geciteerd" and "brontekst" in u.bron
    ]


@pytest.fixture
def amctl(runner, gedeeld_bestand, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")

    def voer_uit(*args: str):
        resultaat = runner.invoke(app, [*args, "-f", str(gedeeld_bestand)])
        assert resultaat.exit_code == 0, resultaat.output
        return resultaat.stdout

    return voer_uit


@pytest.fixture
def als_json(amctl):
    return lambda *args: json.loads(amctl(*args, "--json"))


# --- the data says what the source says ------------------------------------------------------


def test_every_quote_of_the_source_text_occurs_in_it_verbatim(gedeeld_bestand):
    bron = _zonder_afbreking(BRONTEKST.read_text(encoding="utf-8"))
    citaten = _citaten(gedeeld_bestand)

    assert len(citaten) >= 4  # the caption, three statements about two contradictions
    for waar, tekst in citaten:
        assert _zonder_afbreking(tekst) in bron, f"{waar}: niet letterlijk in de brontekst"


def test_the_local_copy_of_the_source_is_the_vendored_source_text(gedeeld_bestand):
    org = controleer_bestand(gedeeld_bestand).organisatie
    kopie = gedeeld_bestand.parent / org.bronnen["brontekst"].bestand

    assert kopie.read_bytes() == BRONTEKST.read_bytes()


def test_a_summary_of_a_web_page_is_not_shown_as_a_quote(amctl):
    kaart = amctl("toon", "plenair-overleg")

    assert "samengevat: Het plenair overleg komt nu eenmaal per jaar bijeen." in kaart
    assert '"Het plenair overleg komt nu eenmaal per jaar bijeen."' not in kaart
    assert '"Het overleg vindt twee maal per jaar plaats, steeds in een andere gemeente."' in kaart


def test_the_handling_of_the_pho_contradiction_does_not_misstate_the_note(amctl):
    kaart = amctl("toon", "pho-ruimte")
    verwerking = kaart.split("Verwerking: ", 1)[1].split("\n", 1)[0]

    assert "de toelichting niet" not in verwerking
    assert "beide uitspraken noemen ze" not in verwerking
    assert "De toelichting noemt geen van de drie actieve overleggen bij naam" in verwerking
    assert "afgeleid" in verwerking


def test_the_regiegroep_purpose_is_not_a_task(amctl):
    kaart = amctl("toon", "regiegroep")
    taken = kaart.split("Taken:\n", 1)[1].split("Samenstelling:", 1)[0]

    assert "informatie-uitwisseling" not in taken
    assert "voor een goede informatie-uitwisseling" in kaart.split("Samenstelling:", 1)[1]


def test_the_note_for_reviewers_is_not_shown_to_users(amctl):
    assert "(het doel, geen taak)" not in amctl("toon", "regiegroep")


def test_am_is_not_described_as_seven_gemeenten_in_the_mra(amctl, als_json):
    # amstelland-meerlanden.nl/mra/ lists the MRA's gemeenten without De Ronde Venen.
    omschrijving = " ".join(amctl("toon", "am-overleg").split("Omschrijving: ", 1)[1].split())
    assert "zeven gemeenten in de Metropoolregio" not in omschrijving
    assert "zes van de zeven gemeenten horen bij de MRA, De Ronde Venen" in omschrijving


def test_the_regiegroep_extra_members_are_not_said_to_be_per_gemeente(amctl):
    bron = _zonder_afbreking(BRONTEKST.read_text(encoding="utf-8"))
    assert "aangevuld met portefeuillehouders" in bron and "per gemeente" not in bron
    samenstelling = amctl("toon", "regiegroep").split("Samenstelling:\n", 1)[1]
    regel = next(r for r in samenstelling.splitlines() if "aanvullend lid" in r)
    assert regel.startswith("  - wethouder (benoemd, als aanvullend lid)*:")


def test_the_small_inferences_carry_their_kind(gedeeld_bestand):
    from amctl.model import aard_van

    org = controleer_bestand(gedeeld_bestand).organisatie
    extra = next(r for r in org.organen["regiegroep"].samenstelling if r.wijze == "benoemd")
    assert aard_van(extra, "wijze") == "afgeleid" and aard_van(extra, "functie") == "afgeleid"
    duurzaamheid = org.organen["pho-duurzaamheid"]
    assert [aard_van(r) for r in duurzaamheid.samenstelling] == ["afgeleid"]
    assert {aard_van(r) for r in duurzaamheid.relaties} == {"afgeleid"}
    assert all(r.toelichting for r in [*duurzaamheid.samenstelling, *duurzaamheid.relaties])


def test_a_date_read_from_a_page_name_is_not_in_the_source_title(gedeeld_bestand):
    bron = controleer_bestand(gedeeld_bestand).organisatie.bronnen["vervoerregio-mra-2016"]
    assert "2016" not in bron.titel
    assert "afgeleid uit haar naam" in " ".join(bron.toelichting.split())


def test_the_current_plenair_rhythm_does_not_quote_the_website(gedeeld_bestand):
    ritmes = controleer_bestand(gedeeld_bestand).organisatie.organen["plenair-overleg"]
    eenmaal = next(r for r in ritmes.vergaderritme if r.bron == ("am-overlegstructuur",))
    assert "'" not in eenmaal.toelichting


def test_the_regiegroep_is_tied_to_the_mra_platforms_as_the_source_says(amctl, als_json):
    regiegroep = _knoop(als_json("tree")["organen"], "regiegroep")
    relaties = {(r["soort"], r["naar"]): r for r in regiegroep["relaties"]}

    assert relaties[("aangevuld-uit", "mra-platforms")]["bron"] == ["brontekst"]
    assert "<- Regiegroep aangevuld met portefeuillehouders uit dit" in amctl(
        "toon", "mra-platforms"
    )


def test_the_caption_of_the_source_figure_is_the_title_of_the_overview(amctl, als_json):
    assert amctl("tree").splitlines()[1] == "Overzicht samenhang bestuurlijke MRA-AM overleggen"
    assert als_json("tree")["titel"] == "Overzicht samenhang bestuurlijke MRA-AM overleggen"


# --- toon names the source of each line ------------------------------------------------------


def test_toon_names_the_source_of_the_regiegroep_chair(amctl):
    kaart = amctl("toon", "regiegroep")

    assert "Voorzitter: burgemeester van Amstelveen (bron: am-overlegstructuur)" in kaart
    bronnen = kaart.split("\nBronnen:\n", 1)[1]
    assert "  - am-overlegstructuur: Amstelland-Meerlanden, pagina Overlegstructuur" in bronnen
    assert "  - brontekst: " in bronnen


def test_toon_marks_a_derived_relation_and_explains_the_mark(amctl):
    kaart = amctl("toon", "pho-wonen", "--peildatum", PEIL_OUDE_PLATFORMS)

    assert (
        "  -> bereidt voor: Platform Ruimtelijke Ordening* (bron: vervoerregio-mra-2016)" in kaart
    )
    assert "  -> bereidt voor: MRA-platforms (bron: brontekst)" in kaart
    assert kaart.rstrip().splitlines()[-1].startswith("* afgeleid: ")


def test_toon_marks_a_derived_status_and_derived_support(amctl):
    kaart = amctl("toon", "pho-wonen")

    assert "Status: actief* (bron: brontekst)" in kaart
    assert "Ondersteuning: regiosecretaris Wonen* (niet ingevuld) (bron: brontekst)" in kaart


def test_toon_marks_an_assumed_end_date(amctl):
    kaart = amctl("toon", "mra-pro", "--peildatum", PEIL_OUDE_PLATFORMS)

    assert "Bestaat: ? t/m 2016-12-31~" in kaart
    assert "~ aangenomen: gekozen bij gebrek aan gegevens" in kaart


def test_toon_without_derived_or_assumed_facts_has_no_legend(amctl):
    kaart = amctl("toon", "secretarissenoverleg")

    assert "afgeleid:" not in kaart
    assert "aangenomen:" not in kaart


def test_toon_names_the_source_of_each_rhythm(amctl):
    kaart = amctl("toon", "plenair-overleg")

    assert (
        "Vergaderritme: 2 x per jaar, steeds in een andere gemeente (brontekst); "
        "1 x per jaar (am-overlegstructuur)"
    ) in kaart


# --- the JSON of every query carries bron and aard --------------------------------------------


def test_wie_zit_in_json_gives_the_source_of_the_chair(als_json):
    uitslag = als_json("wie-zit-in", "regiegroep")

    assert uitslag["voorzitter"]["bron"] == ["am-overlegstructuur"]
    assert uitslag["voorzitter"]["aard"] is None
    wethouders = [z for z in uitslag["leden"] if z["functie"] == "wethouder"]
    assert {z["aard"] for z in wethouders} == {"afgeleid"}


def test_wie_zit_in_json_gives_the_source_and_kind_of_the_status(als_json):
    orgaan = als_json("wie-zit-in", "pho-wonen")["orgaan"]

    assert (orgaan["status_bron"], orgaan["status_aard"]) == (["brontekst"], "afgeleid")


def test_waar_zit_json_gives_the_source_of_each_place(als_json):
    plaatsen = als_json("waar-zit", "regiosecretaris Wonen")["plaatsen"]
    steun = [p for p in plaatsen if p["rol"] == "ondersteuning"]

    assert [p["orgaan"]["id"] for p in steun] == ["pho-wonen"]
    assert (steun[0]["bron"], steun[0]["aard"]) == (["brontekst"], "afgeleid")
    assert all("bron" in p and "aard" in p for p in plaatsen)


def test_organen_json_gives_the_sources_of_chair_status_and_rhythms(als_json):
    rijen = {r["id"]: r for r in als_json("organen")["organen"]}

    assert rijen["regiegroep"]["voorzitter_bron"] == ["am-overlegstructuur"]
    assert rijen["pho-economie"]["status_aard"] == "afgeleid"
    ritmes = rijen["plenair-overleg"]["vergaderritmes"]
    assert [(r["per_jaar"], r["bron"], r["aard"]) for r in ritmes] == [
        (2, ["brontekst"], None),
        (1, ["am-overlegstructuur"], "samengevat"),
    ]


def test_tree_json_marks_the_derived_relations_to_the_old_platforms(als_json):
    knopen = als_json("tree", "--peildatum", PEIL_OUDE_PLATFORMS)["organen"]
    relaties = {r["naar"]: r for r in _knoop(knopen, "pho-wonen")["relaties"]}

    assert (relaties["mra-pro"]["bron"], relaties["mra-pro"]["aard"]) == (
        ["vervoerregio-mra-2016"],
        "afgeleid",
    )
    assert (relaties["mra-platforms"]["bron"], relaties["mra-platforms"]["aard"]) == (
        ["brontekst"],
        None,
    )


def test_tree_marks_derived_facts_in_the_terminal(amctl):
    boom = amctl("tree", "--peildatum", PEIL_OUDE_PLATFORMS)

    assert "-> bereidt voor: Platform Ruimtelijke Ordening*" in boom
    assert "-> bereidt voor: MRA-platforms\n" in boom
    assert "* afgeleid: " in boom


# --- --bronnen prints the sources in full -----------------------------------------------------


def test_bronnen_option_prints_each_cited_source_in_full(amctl):
    uitvoer = amctl("wie-zit-in", "regiegroep", "--bronnen")
    bronnen = uitvoer.split("\nBronnen:\n", 1)[1]

    assert "am-overlegstructuur: Amstelland-Meerlanden, pagina Overlegstructuur" in bronnen
    assert "<https://www.amstelland-meerlanden.nl/overlegstructuur/>" in bronnen
    assert "bestand: bron/brontekst.txt" in bronnen
    assert "vervoerregio" not in bronnen  # only the sources this answer cites


def test_bronnen_option_with_json_lists_the_sources(als_json):
    uitslag = als_json("tree", "pho-wonen", "--peildatum", PEIL_OUDE_PLATFORMS, "--bronnen")

    assert [b["id"] for b in uitslag["bronnen"]] == ["brontekst", "vervoerregio-mra-2016"]
    assert uitslag["bronnen"][1]["url"] == "https://www.vervoerregio.nl/"


def test_bronnen_option_on_organen_json_adds_the_sources(als_json):
    uitslag = als_json("organen", "--bronnen")

    assert {"organen", "bronnen"} <= set(uitslag)
    assert "am-overlegstructuur" in [b["id"] for b in uitslag["bronnen"]]


def test_toon_bronnen_adds_the_note_of_each_source(amctl):
    assert "bestand: bron/brontekst.txt" in amctl("toon", "regiegroep", "--bronnen")
    assert "bestand: bron/brontekst.txt" not in amctl("toon", "regiegroep")


# --- the site marks them too ------------------------------------------------------------------


def test_the_site_card_marks_derived_facts_with_a_legend(runner, gedeeld_bestand, tmp_path):
    uit = tmp_path / "site"
    resultaat = runner.invoke(
        app,
        ["docs", "--uit", str(uit), "--peildatum", PEIL_OUDE_PLATFORMS, "-f", str(gedeeld_bestand)],
    )
    assert resultaat.exit_code == 0, resultaat.output
    kaart = (uit / "organen" / "pho-wonen.md").read_text(encoding="utf-8")

    assert "[Platform Ruimtelijke Ordening](mra-pro.md)\\* (t/m 2016-12-31" in kaart
    assert "## Legenda\n\n- \\* afgeleid: " in kaart
    assert "regiosecretaris Wonen\\* (bron: brontekst)" in kaart


# --- the same marks in every view (issue 24, item 7) -------------------------------------------

PEIL = "2026-11-30"


def test_organen_and_tree_mark_the_assumed_end_of_the_old_platforms(amctl, als_json):
    for opdracht in ("organen", "tree"):
        tekst = amctl(opdracht, "--peildatum", PEIL)
        assert "Platform Ruimtelijke Ordening  mra-pro, t/m 2016-12-31~\n" in tekst
        assert tekst.endswith("~ aangenomen: gekozen bij gebrek aan gegevens\n")
        weg = als_json(opdracht, "--peildatum", PEIL)["opgeheven"]
        assert {o["id"]: o["tot_en_met_aard"] for o in weg}["mra-pro"] == "aangenomen"


def test_organen_and_tree_mark_the_derived_werkgroep_names(amctl, als_json):
    organen = amctl("organen", "--peildatum", PEIL)
    assert re.search(r"^werkgroep-wonen +Ambtelijke werkgroep Wonen\* ", organen, re.MULTILINE)
    assert "├── Ambtelijke werkgroep Ruimte*  werkgroep-ruimte [betwist]" in amctl("tree")
    rij = {o["id"]: o for o in als_json("organen", "--peildatum", PEIL)["organen"]}
    assert rij["werkgroep-wonen"]["naam_aard"] == "afgeleid"
    assert rij["regiegroep"]["naam_aard"] is None
    assert als_json("wie-zit-in", "werkgroep-wonen")["orgaan"]["naam_aard"] == "afgeleid"


def test_toon_json_gives_the_kind_of_an_assumed_end_date(als_json):
    kaart = als_json("toon", "mra-pro")
    assert (kaart["tot_en_met"], kaart["tot_en_met_aard"]) == ("2016-12-31", "aangenomen")


def test_geschiedenis_marks_assumed_dates_and_derived_facts(amctl, als_json):
    regels = amctl("geschiedenis", "de-ronde-venen").splitlines()
    assert regels[3] == "  2016-01-01~ t/m heden        neemt deel aan de samenwerking"
    assert regels[-1] == "~ aangenomen: gekozen bij gebrek aan gegevens"
    assert "status: actief*\n* afgeleid: " in amctl("geschiedenis", "pho-wonen")
    assert "… t/m 2016-12-31~  bestaat" in amctl("geschiedenis", "mra-pro")
    tijdvak = als_json("geschiedenis", "de-ronde-venen")["tijdvakken"][0]
    assert (tijdvak["vanaf"], tijdvak["vanaf_aard"]) == ("2016-01-01", "aangenomen")
    status = als_json("geschiedenis", "pho-wonen")["tijdvakken"][0]
    assert (status["tekst"], status["aard"]) == ("status: actief", "afgeleid")


def test_the_diagram_marks_derived_boxes_and_dots_derived_support(amctl):
    mermaid = amctl("diagram", "--peildatum", PEIL)
    assert 'org_pho_wonen["Portefeuillehoudersoverleg Wonen*<br>' in mermaid
    assert 'org_werkgroep_wonen["Ambtelijke werkgroep Wonen*"]' in mermaid
    assert 'org_werkgroep_ruimte["Ambtelijke werkgroep Ruimte*<br>[betwist]"]' in mermaid
    assert 'fun_regiosecretaris_wonen -.->|"ondersteunt *"| org_pho_wonen' in mermaid
    assert 'fun_algemeen_regiosecretaris -->|"ondersteunt"| org_regiegroep' in mermaid
    dot = amctl("diagram", "--peildatum", PEIL, "--formaat", "dot")
    steun = re.search(r"fun_regiosecretaris_wonen -> org_pho_wonen \[([^]]*)\]", dot).group(1)
    assert 'label="ondersteunt *"' in steun and "style=dotted" in steun
    assert "* afgeleid: niet zo in de bron" in dot


def test_the_site_marks_its_table_and_says_when_its_stand_rests_on_an_assumed_date(
    runner, gedeeld_bestand, tmp_path
):
    uit = tmp_path / "site"
    resultaat = runner.invoke(
        app, ["docs", "--uit", str(uit), "--peildatum", PEIL, "-f", str(gedeeld_bestand)]
    )
    assert resultaat.exit_code == 0, resultaat.output
    readme = (uit / "README.md").read_text(encoding="utf-8")
    index = (uit / "index.html").read_text(encoding="utf-8")
    assert "Deze stand geldt vanaf 2017-01-01\\~; " in readme
    assert "\\~ aangenomen: deze datum volgt uit een datum die bij gebrek" in readme
    assert "Deze stand geldt vanaf 2017-01-01~; " in index
    assert "| [Ambtelijke werkgroep Wonen](organen/werkgroep-wonen.md)\\* | " in readme
    assert "| actief\\* |" in readme
    assert "(opgeheven; bestond t/m 2016-12-31\\~)" in readme
    assert 'org_pho_wonen["Portefeuillehoudersoverleg Wonen*<br>' in readme
    assert '<a href="#orgaan-werkgroep-wonen">Ambtelijke werkgroep Wonen</a>*</td>' in index
    assert "<li>~ aangenomen: gekozen bij gebrek aan gegevens</li>" in index


# --- unknown is not never ---------------------------------------------------------------------


def test_rooster_without_recorded_meetings_does_not_claim_never(amctl):
    rooster = amctl("rooster", "plenair-overleg", "--peildatum", "2026-11-30")

    assert "nooit" not in rooster
    assert "Geen vergaderingen vastgelegd" in rooster
    assert re.search(r"april 2027\s+Aalsmeer\s.*geen vergaderingen vastgelegd", rooster)


def _knoop(knopen: list[dict], orgaan: str) -> dict:
    for k in knopen:
        if k["id"] == orgaan:
            return k
        gevonden = _knoop(k["onderdelen"], orgaan) if k["onderdelen"] else None
        if gevonden:
            return gevonden
    return {}


# --- the format: aard for a whole fact or per field -------------------------------------------

_ORGAAN = (
    "versie: 1\nsoorten:\n  overleg:\n    naam: overleg\nbronnen:\n  web:\n    titel: Web\n"
    "organen:\n  regio:\n    naam: Regio\n    soort: overleg\n    bron: web\n"
)


@pytest.mark.parametrize(
    ("aard", "code", "melding"),
    [
        ("afgeleidd", "AM106", "bedoelde u 'afgeleid'?"),
        ("{tot-en-mee: aangenomen}", "AM103", "Bedoelde u 'tot-en-met'?"),
        ("{tot-en-met: zeker}", "AM106", "kies uit: geciteerd, samengevat, afgeleid, aangenomen"),
        ("[afgeleid]", "AM102", "moet geciteerd, samengevat, afgeleid of aangenomen"),
    ],
)
def test_a_wrong_aard_is_a_schema_error(runner, schrijf, aard, code, melding):
    pad = schrijf(_ORGAAN + f"    tot-en-met: 2016-12-31\n    aard: {aard}\n")

    resultaat = runner.invoke(app, ["validate", str(pad)])

    assert resultaat.exit_code == 1
    assert f" {code} " in resultaat.stdout
    assert melding in resultaat.stdout


def test_an_aard_per_field_marks_only_that_field(runner, schrijf, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    pad = schrijf(_ORGAAN + "    tot-en-met: 2016-12-31\n    aard: {tot-en-met: aangenomen}\n")

    kaart = runner.invoke(app, ["toon", "regio", "-d", "2016-01-01", "-f", str(pad)]).stdout

    assert "Regio (regio)" in kaart  # the name is not marked
    assert "Bestaat: ? t/m 2016-12-31~" in kaart


def test_the_json_schema_offers_aard_and_the_title():
    schema = json.loads(json.dumps(json_schema()))
    orgaan = schema["properties"]["organen"]["additionalProperties"]["properties"]

    assert orgaan["aard"]["anyOf"][0]["enum"] == [
        "geciteerd",
        "samengevat",
        "afgeleid",
        "aangenomen",
    ]
    assert schema["properties"]["titel"]["required"] == ["tekst", "bron"]


# --- validate: what no source says must say what it rests on; a quote must be one -------------


@pytest.fixture
def kopie(tmp_path, gedeeld_bestand):
    """The shipped file, changed, next to a copy of its source text (as in data/)."""

    def maak(oud: str = "", nieuw: str = "", met_brontekst: bool = True) -> Path:
        tekst = gedeeld_bestand.read_text(encoding="utf-8")
        if oud:
            assert tekst.count(oud) == 1, oud
            tekst = tekst.replace(oud, nieuw)
        pad = tmp_path / "data" / "organisatie.yaml"
        pad.parent.mkdir()
        pad.write_text(tekst, encoding="utf-8")
        if met_brontekst:
            (pad.parent / "bron").mkdir()
            (pad.parent / "bron" / "brontekst.txt").write_bytes(BRONTEKST.read_bytes())
        return pad

    return maak


def _validate(runner, pad: Path):
    resultaat = runner.invoke(app, ["validate", str(pad)])
    assert resultaat.exit_code == 0, resultaat.output  # warnings only
    return resultaat.stdout


def test_validate_warns_for_a_quote_that_is_not_in_the_source_text(runner, kopie):
    pad = kopie("namelijk\n          Verkeer en Vervoer", "namelijk\n          Verkeer & Vervoer")

    uitvoer = _validate(runner, pad)

    assert " AM351 " in uitvoer
    assert "niet letterlijk in 'bron/brontekst.txt' (bron 'brontekst')" in uitvoer


def test_validate_warns_for_a_summary_marked_as_a_quote(runner, kopie):
    pad = kopie(
        "        bron: am-overlegstructuur\n        aard: samengevat\n    betreft",
        "        bron: am-overlegstructuur\n        plaats: samenvatting van de pagina\n"
        "    betreft",
    )

    uitvoer = _validate(runner, pad)

    assert (
        "AM351 [waarschuwing] De uitspraak 'Het plenair overleg komt nu eenmaal per jaar "
        "bijeen.' is " in (uitvoer)
    )
    assert "zet 'aard: samengevat'" in uitvoer


def test_validate_checks_quotes_only_against_a_local_copy_it_can_read(runner, kopie):
    pad = kopie(
        "namelijk\n          Verkeer en Vervoer",
        "namelijk\n          Verkeer & Vervoer",
        met_brontekst=False,
    )

    uitvoer = _validate(runner, pad)

    assert uitvoer.startswith("Geldig: 1 bestand gecontroleerd")
    assert " AM351 " not in uitvoer


def test_validate_reads_no_local_copy_outside_the_data_folder(runner, kopie, tmp_path):
    (tmp_path / "buiten.txt").write_text("iets anders", encoding="utf-8")
    pad = kopie("    bestand: bron/brontekst.txt", "    bestand: ../buiten.txt")

    assert " AM351 " not in _validate(runner, pad)


def test_validate_warns_for_an_assumed_date_that_says_not_why(runner, kopie):
    pad = kopie(
        "    aard: {vanaf: aangenomen}\n    toelichting: >-\n"
        "      Toegetreden in 2016; daarvoor telde AM zes gemeenten. De precieze datum van\n"
        "      toetreding is niet bekend: 1 januari 2016 is aangenomen.\n",
        "    aard: {vanaf: aangenomen}\n",
    )

    uitvoer = _validate(runner, pad)

    assert (
        "AM350 [waarschuwing] 'vanaf' van gemeente 'de-ronde-venen' is aangenomen, maar zegt "
        "niet waarom; schrijf het in 'toelichting:'."
    ) in uitvoer
