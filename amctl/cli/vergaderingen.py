"""Vergaderingen: the schedule (`rooster`), the calendar (`agenda`), recording meetings
(`vergadering-erbij`, `-wijzig`, `-eraf`) and the turn of a rotating chair
(`voorzitter-beurt`)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from amctl.cli.gedeeld import bewerk, lees_model, schrijf_json, toon_blokken
from amctl.kader import VERGADERINGEN, app, meld
from amctl.kader import fout as _fout
from amctl.opties import (
    BestandOptie,
    BronOptie,
    DatumOptie,
    DroogOptie,
    EindOptie,
    GastheerOptie,
    JsonOptie,
    OrgaanArgument,
    PeildatumOptie,
    PerJaarOptie,
    PlaatsOptie,
    ThemaOptie,
    TijdOptie,
    TotOptie,
    UitOptie,
    VergaderdatumOptie,
    VergaderVoorzitterOptie,
    aanvul,
    als_datum,
    controleer_datum,
    tussen,
)
from amctl.probleem import GebruiksFout


@app.command("rooster", rich_help_panel=VERGADERINGEN)
def rooster(
    orgaan: OrgaanArgument,
    tot: TotOptie = None,
    per_jaar: PerJaarOptie = None,
    peildatum: PeildatumOptie = None,
    als_json: JsonOptie = False,
    bestand: BestandOptie = None,
) -> None:
    """Het rooster van een orgaan: welke gemeente de komende vergaderingen ontvangt, en wie de
    komende termijnen voorzit.

    Eerlijk en voorspelbaar: wie het langst wacht, is eerst aan de beurt; bij gelijke stand
    de volgorde in het bestand. Exit 0: gepland; 1: ongeldige gegevens; 2: verkeerd gebruik
    (onbekend orgaan, of niets te roosteren).
    """
    from amctl import vragen
    from amctl.rooster import maak_rooster
    from amctl.weergave.rooster import rooster_dict

    dag = als_datum(peildatum)
    org = lees_model(bestand)
    plan = maak_rooster(org, vragen.zoek_orgaan(org, orgaan), dag, tot, per_jaar)
    if als_json:
        schrijf_json(rooster_dict(org, plan), org)
    else:
        from amctl.weergave.rooster import rooster_tabel

        toon_blokken(rooster_tabel(org, plan), org)


@app.command("agenda", rich_help_panel=VERGADERINGEN)
def agenda(
    organen: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[ORGAAN]...",
            autocompletion=aanvul("orgaan"),
            help="De organen in de agenda. Standaard: elk orgaan met vastgelegde "
            "vergaderingen of een wisselende vergaderplaats.",
            show_default=False,
        ),
    ] = None,
    uit: UitOptie = None,
    tot: TotOptie = None,
    per_jaar: PerJaarOptie = None,
    peildatum: PeildatumOptie = None,
    bestand: BestandOptie = None,
) -> None:
    """Vastgelegde en geplande vergaderingen als iCalendar-bestand (.ics), om te importeren
    in Outlook, Google Agenda of Apple Agenda.

    Een geplande vergadering staat onder voorbehoud op de eerste dag van de geplande maand.
    Een nieuwe import werkt de afspraken bij in plaats van ze te verdubbelen. Exit 0:
    geschreven; 1: ongeldige gegevens; 2: verkeerd gebruik of schrijffout.
    """
    from amctl import vragen
    from amctl.rooster import agenda as maak_agenda
    from amctl.rooster import agenda_organen
    from amctl.weergave.agenda import als_ics, kalendernaam

    dag = als_datum(peildatum)
    org = lees_model(bestand)
    if organen:
        gevonden = [vragen.zoek_orgaan(org, naam) for naam in organen]
        gekozen = list({o.id: o for o in gevonden}.values())
    else:
        gekozen = agenda_organen(org, dag)
        if not gekozen:
            raise GebruiksFout(
                "Geen orgaan heeft vastgelegde vergaderingen of een wisselende vergaderplaats; "
                "er is niets voor de agenda."
            )
    punten, opmerkingen = maak_agenda(org, gekozen, dag, tot, per_jaar)
    for opmerking in opmerkingen:
        _fout(f"let op: {opmerking}")
    kalender = als_ics(org, punten, kalendernaam(org, gekozen))
    if uit is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(kalender)
        return
    from amctl.schrijven import schrijf_uitvoer
    from amctl.tekst import aantal

    schrijf_uitvoer(uit, kalender, gegevens=Path(org.bestand))
    geplande = sum(p.vergadering.gepland for p in punten)
    meld(
        f"{aantal(len(punten), 'vergadering', 'vergaderingen')} uit '{org.bestand}' in '{uit}': "
        f"{len(punten) - geplande} vastgelegd, "
        f"{geplande} gepland.\n"
    )


@app.command("vergadering-erbij", rich_help_panel=VERGADERINGEN)
def vergadering_erbij(
    orgaan: OrgaanArgument,
    datum: VergaderdatumOptie,
    gemeente: GastheerOptie = None,
    thema: ThemaOptie = None,
    voorzitter: VergaderVoorzitterOptie = None,
    plaats: PlaatsOptie = None,
    tijd: TijdOptie = None,
    eind: EindOptie = None,
    bron: BronOptie = None,
    droog: DroogOptie = False,
    bestand: BestandOptie = None,
) -> None:
    """Leg een gehouden vergadering vast (op volgorde van datum).

    'amctl rooster' plant de volgende vergaderingen vanaf de laatste vastgelegde. Exit 0:
    vastgelegd; 1: het bestand zou ongeldig worden; 2: verkeerd gebruik.
    """
    bewerk(
        bestand,
        droog,
        "vergadering_erbij",
        orgaan=orgaan,
        datum=date.fromisoformat(datum),
        gemeente=gemeente,
        plaats=plaats,
        voorzitter=voorzitter,
        thema=thema,
        tijd=tijd,
        eind=eind,
        bron=bron,
    )


@app.command("vergadering-wijzig", rich_help_panel=VERGADERINGEN)
def vergadering_wijzig(
    orgaan: OrgaanArgument,
    datum: VergaderdatumOptie,
    nieuwe_datum: Annotated[
        str | None,
        typer.Option(
            "--nieuwe-datum",
            metavar="DATUM",
            help="Verplaats de vergadering naar deze dag (JJJJ-MM-DD).",
            show_default=False,
            callback=controleer_datum,
        ),
    ] = None,
    gemeente: GastheerOptie = None,
    thema: ThemaOptie = None,
    voorzitter: VergaderVoorzitterOptie = None,
    plaats: PlaatsOptie = None,
    tijd: TijdOptie = None,
    eind: EindOptie = None,
    bron: BronOptie = None,
    droog: DroogOptie = False,
    bestand: BestandOptie = None,
) -> None:
    """Verbeter een vastgelegde vergadering: elke gegeven waarde vervangt de vastgelegde.

    Een echte wijziging verhoogt het 'volgnummer' van de vergadering en zet 'gewijzigd' (nu,
    UTC), zodat een agenda die de vergadering al had de verbetering overneemt.

    Exit 0: gewijzigd; 1: het bestand zou ongeldig worden; 2: verkeerd gebruik (geen
    vergadering op die dag).
    """
    bewerk(
        bestand,
        droog,
        "vergadering_wijzig",
        orgaan=orgaan,
        datum=date.fromisoformat(datum),
        nieuwe_datum=date.fromisoformat(nieuwe_datum) if nieuwe_datum else None,
        gemeente=gemeente,
        plaats=plaats,
        voorzitter=voorzitter,
        thema=thema,
        tijd=tijd,
        eind=eind,
        bron=bron,
    )


@app.command("vergadering-eraf", rich_help_panel=VERGADERINGEN)
def vergadering_eraf(
    orgaan: OrgaanArgument,
    datum: VergaderdatumOptie,
    droog: DroogOptie = False,
    bestand: BestandOptie = None,
) -> None:
    """Verwijder een vastgelegde vergadering (ten onrechte vastgelegd, of niet doorgegaan).

    Exit 0: verwijderd; 1: het bestand zou ongeldig worden; 2: verkeerd gebruik.
    """
    bewerk(bestand, droog, "vergadering_eraf", orgaan=orgaan, datum=date.fromisoformat(datum))


@app.command("voorzitter-beurt", rich_help_panel=VERGADERINGEN)
def voorzitter_beurt(
    orgaan: OrgaanArgument,
    gemeente: Annotated[
        str,
        typer.Argument(
            metavar="GEMEENTE",
            autocompletion=aanvul("gemeente"),
            help="De gemeente die aan de beurt is, bijv. uithoorn.",
        ),
    ],
    datum: DatumOptie = None,
    termijn: Annotated[
        int | None,
        typer.Option(
            "--termijn",
            metavar="GETAL",
            help="Hoeveel maanden een beurt duurt; staat bij de rotatie zelf ('termijn') en "
            "geldt voor elke beurt.",
            show_default=False,
            callback=tussen(1, 120),
        ),
    ] = None,
    bron: BronOptie = None,
    droog: DroogOptie = False,
    bestand: BestandOptie = None,
) -> None:
    """Leg vast dat een gemeente vanaf --datum het roulerend voorzitterschap heeft.

    De lopende beurt eindigt de dag ervoor; de nieuwe beurt staat op naam van de functie
    (bijv. de gemeentesecretaris van die gemeente), zodat een wisseling van persoon de beurt
    niet onderbreekt. 'amctl wie-zit-in' en 'amctl rooster' volgen de beurten.
    """
    bewerk(
        bestand,
        droog,
        bewerken_met="voorzitter_beurt",
        orgaan=orgaan,
        gemeente=gemeente,
        datum=als_datum(datum),
        termijn=termijn,
        bron=bron,
    )
