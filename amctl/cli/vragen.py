"""Vragen: who sits where (`wie-zit-in`, `waar-zit`, `organen`, `toon`, `boom`), what changed
(`verschil`) and the timeline (`geschiedenis`)."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from amctl.cli.gedeeld import (
    bronnen_eronder,
    kopregel,
    lees_model,
    met_bronnen,
    met_json,
    schrijf_json,
    stop_bij_fouten,
    toon_blokken,
)
from amctl.kader import VRAGEN, app, meld
from amctl.opties import (
    BestandOptie,
    BronnenOptie,
    JsonOptie,
    OrgaanArgument,
    PeildatumOptie,
    WieArgument,
    aanvul,
    als_datum,
    controleer_datum,
    tussen,
)


@app.command("wie-zit-in", rich_help_panel=VRAGEN)
def wie_zit_in(
    orgaan: OrgaanArgument,
    peildatum: PeildatumOptie = None,
    als_json: JsonOptie = False,
    bronnen: BronnenOptie = False,
    bestand: BestandOptie = None,
) -> None:
    """Wie zit in een orgaan: elke zetel met functie, gemeente, persoon en rol."""
    from amctl import vragen
    from amctl.weergave.gegevens import bezetting_dict, geciteerde_bronnen

    dag = als_datum(peildatum)
    org = lees_model(bestand)
    uitslag = vragen.wie_zit_in(org, vragen.zoek_orgaan(org, orgaan), dag)
    gegevens = bezetting_dict(org, uitslag)
    if als_json:
        schrijf_json(
            met_bronnen(org, gegevens, geciteerde_bronnen(gegevens)) if bronnen else gegevens, org
        )
    else:
        from amctl.weergave import terminal

        bronnenlijst = bronnen_eronder(org, gegevens) if bronnen else []
        toon_blokken(terminal.wie_zit_in(org, uitslag) + bronnenlijst, org)


@app.command("waar-zit", rich_help_panel=VRAGEN)
def waar_zit(
    wie: WieArgument,
    peildatum: PeildatumOptie = None,
    als_json: JsonOptie = False,
    bronnen: BronnenOptie = False,
    bestand: BestandOptie = None,
) -> None:
    """Waar zit iemand: elke zetel en ondersteunende rol van een persoon, functie of gemeente."""
    from amctl import vragen
    from amctl.weergave.gegevens import geciteerde_bronnen, plaatsen_dict

    dag = als_datum(peildatum)
    org = lees_model(bestand)
    gezocht = vragen.zoek_wie(org, wie)
    plaatsen = vragen.waar_zit(org, gezocht, dag)
    gegevens = plaatsen_dict(org, gezocht, dag, plaatsen)
    if als_json:
        schrijf_json(
            met_bronnen(org, gegevens, geciteerde_bronnen(gegevens)) if bronnen else gegevens, org
        )
    else:
        from amctl.weergave import terminal

        blokken = terminal.waar_zit(org, gegevens["wie"]["naam"], dag, plaatsen)
        toon_blokken(blokken + (bronnen_eronder(org, gegevens) if bronnen else []), org)


@app.command("organen", rich_help_panel=VRAGEN)
def organen(
    peildatum: PeildatumOptie = None,
    als_json: JsonOptie = False,
    bronnen: BronnenOptie = False,
    bestand: BestandOptie = None,
) -> None:
    """Alle organen in een tabel: id, naam, soort, status, voorzitter en vergaderritme."""
    from amctl.weergave.gegevens import geciteerde_bronnen, opgeheven_lijst, organen_lijst

    dag = als_datum(peildatum)
    org = lees_model(bestand)
    rijen, weg = organen_lijst(org, dag), opgeheven_lijst(org, dag)
    if als_json:
        gegevens = {"peildatum": dag.isoformat(), "organen": rijen, "opgeheven": weg}
        schrijf_json(
            met_bronnen(org, gegevens, geciteerde_bronnen(rijen)) if bronnen else gegevens, org
        )
    else:
        from amctl.weergave import terminal

        blokken = terminal.organen(rijen, weg, dag)
        toon_blokken(blokken + (bronnen_eronder(org, rijen) if bronnen else []), org)


@app.command("toon", rich_help_panel=VRAGEN)
def toon(
    orgaan: OrgaanArgument,
    peildatum: PeildatumOptie = None,
    als_json: JsonOptie = False,
    bronnen: BronnenOptie = False,
    bestand: BestandOptie = None,
) -> None:
    """De volledige kaart van een orgaan: taken, samenstelling, voorzitter, relaties, bronnen.

    Elke regel met een eigen bron noemt die; een * wijst op iets afgeleids, een ~ op iets
    aangenomens (zie de legenda eronder)."""
    from amctl import vragen
    from amctl.weergave import terminal

    dag = als_datum(peildatum)
    org = lees_model(bestand)
    gevonden = vragen.zoek_orgaan(org, orgaan)
    uitslag = vragen.wie_zit_in(org, gevonden, dag)
    if als_json:
        from amctl.weergave.gegevens import kaart_dict

        gegevens = kaart_dict(org, gevonden, uitslag)
        schrijf_json(
            met_bronnen(org, gegevens, vragen.bronnen_van(org, gevonden)) if bronnen else gegevens,
            org,
        )
    else:
        toon_blokken(terminal.kaart(org, gevonden, uitslag, bronnen), org)


@app.command("boom", alias="tree", rich_help_panel=VRAGEN)
def tree(
    orgaan: Annotated[
        str | None,
        typer.Argument(
            metavar="ORGAAN",
            help="Toon alleen dit orgaan en wat eronder valt.",
            show_default=False,
            autocompletion=aanvul("orgaan"),
        ),
    ] = None,
    diepte: Annotated[
        int | None,
        typer.Option(
            "--diepte",
            metavar="GETAL",
            callback=tussen(0, 10_000),
            help="Hoeveel niveaus organen onder de wortel.",
            show_default=False,
        ),
    ] = None,
    peildatum: PeildatumOptie = None,
    als_json: JsonOptie = False,
    bronnen: BronnenOptie = False,
    bestand: BestandOptie = None,
) -> None:
    """De structuur als boom: organen per 'onderdeel van', met zetels, voorzitter en relaties."""
    from amctl import vragen
    from amctl.weergave.gegevens import boom, geciteerde_bronnen, opgeheven_lijst

    dag = als_datum(peildatum)
    org = lees_model(bestand)
    wortel = vragen.zoek_orgaan(org, orgaan) if orgaan else None
    knopen = boom(org, dag, wortel, diepte)
    titel = None if wortel else vragen.titel(org)
    weg = [] if wortel is not None else opgeheven_lijst(org, dag)
    if als_json:
        gegevens = {
            "titel": titel,
            "peildatum": dag.isoformat(),
            "organen": knopen,
            "opgeheven": weg,
        }
        schrijf_json(
            met_bronnen(org, gegevens, geciteerde_bronnen(knopen)) if bronnen else gegevens, org
        )
    else:
        from amctl.weergave import terminal

        blokken = terminal.boom(knopen, dag, titel, weg)
        toon_blokken(blokken + (bronnen_eronder(org, knopen) if bronnen else []), org)


class VerschilFormaat(StrEnum):
    tekst = "tekst"
    json = "json"
    markdown = "markdown"


@app.command("verschil", alias="diff", rich_help_panel=VRAGEN)
def diff(
    oud: Annotated[
        str,
        typer.Argument(
            metavar="OUD",
            help="De oude versie: een bestand, of een git-revisie van het bestand (HEAD~1, "
            "main, een commit).",
        ),
    ],
    nieuw: Annotated[
        str | None,
        typer.Argument(
            metavar="[NIEUW]",
            help="De nieuwe versie, net zo. Standaard: het bestand zoals het nu is.",
            show_default=False,
        ),
    ] = None,
    formaat: Annotated[
        VerschilFormaat,
        typer.Option(
            "--formaat",
            metavar="FORMAAT",
            help="tekst (standaard), json of markdown (voor een PR).",
        ),
    ] = VerschilFormaat.tekst,
    als_json: JsonOptie = False,
    bestand: BestandOptie = None,
) -> None:
    """Wat er bestuurlijk veranderde tussen twee versies: wie kwam en ging, welke organen
    veranderden; daarna elke andere wijziging ('overige wijzigingen') met pad en oud -> nieuw.

    Een revisie leest het bestand uit git ('git show REV:PAD'). Exit 0: vergeleken; 1: een
    versie is ongeldig; 2: verkeerd gebruik (onbekende revisie, ontbrekend bestand).
    """
    from amctl import verschil
    from amctl.bestand import kies_bestand
    from amctl.controle import OngeldigeData
    from amctl.versies import lees_versie, lees_werkkopie, model
    from amctl.weergave.opmaak import breedte_voor
    from amctl.weergave.verschil import FORMATEN, als_tekst

    formaat = met_json(formaat, als_json, VerschilFormaat)
    pad = kies_bestand(bestand)
    versies, modellen = [], []
    for spec in (oud, nieuw):
        try:
            versie = lees_werkkopie(pad) if spec is None else lees_versie(spec, pad)
            versies.append(versie)
            modellen.append(model(versie))
        except OngeldigeData as fout:
            stop_bij_fouten(fout.uitslag, "amctl vergelijkt alleen geldige versies")
    wijzigingen = verschil.verschil(*modellen)
    labels = (versies[0].label, versies[1].label)
    if formaat is VerschilFormaat.tekst:
        sys.stdout.write(als_tekst(wijzigingen, *labels, breedte=breedte_voor(sys.stdout)))
    else:
        sys.stdout.write(FORMATEN[formaat.value](wijzigingen, *labels))


@app.command("geschiedenis", rich_help_panel=VRAGEN)
def geschiedenis(
    wie: Annotated[
        str,
        typer.Argument(
            metavar="WIE",
            autocompletion=aanvul("wie"),
            help="Een orgaan (regiegroep), een functie ('burgemeester van Diemen'), een "
            "persoon of een gemeente.",
        ),
    ],
    peildatum: Annotated[
        str | None,
        typer.Option(
            "--peildatum",
            "-d",
            metavar="DATUM",
            help="Toon de tijdlijn zoals die op deze datum (JJJJ-MM-DD) stond: wat later begon "
            "valt weg, wat later eindigde liep toen nog. Standaard: alles wat vastligt.",
            show_default=False,
            callback=controleer_datum,
        ),
    ] = None,
    als_json: JsonOptie = False,
    bestand: BestandOptie = None,
) -> None:
    """De tijdlijn van een orgaan, functie, persoon of gemeente: wie wanneer welke zetel
    had, en wanneer een status of voorzitterschap wisselde."""
    from amctl import geschiedenis as tijdlijnen
    from amctl.weergave import geschiedenis as tijdlijnweergave

    org = lees_model(bestand)
    tijdlijn = tijdlijnen.geschiedenis(org, wie)
    if peildatum is not None:
        tijdlijn = tijdlijnen.tot(tijdlijn, als_datum(peildatum))
    if als_json:
        schrijf_json(tijdlijnweergave.als_dict(tijdlijn), org)
    else:
        meld(f"{kopregel(org)}\n{tijdlijnweergave.als_tekst(tijdlijn)}")
