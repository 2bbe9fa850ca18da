"""Bewerken: `benoem`, `ontsla`, `lid-erbij`, `lid-eraf`, `portefeuille-erbij`,
`portefeuille-eraf`, `zet-status` and `importeer`; each is one edit of amctl.bewerken (or
amctl.importeren) carried out by `bewerk`. And `ongedaan`, which puts back the version before
the last of them (amctl.bewerken.terugzetten)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from amctl.cli.gedeeld import bewerk
from amctl.kader import BEWERKEN, EXIT_ONGELDIG, app, meld
from amctl.kader import fout as _fout
from amctl.opties import (
    BestandOptie,
    BronOptie,
    DatumOptie,
    DroogOptie,
    FunctieArgument,
    GemeenteOptie,
    LidFunctieOptie,
    OrgaanArgument,
    PersoonArgument,
    PortefeuilleFunctieOptie,
    ThemaArgument,
    aanvul,
    als_datum,
    controleer_datum,
)


@app.command("benoem", rich_help_panel=BEWERKEN)
def benoem(
    persoon: Annotated[
        str,
        typer.Argument(
            metavar="PERSOON",
            autocompletion=aanvul("persoon"),
            help="Id of naam van de persoon. Een nieuwe persoon: een id (kleine letters, "
            "cijfers, streepjes) met --naam, of alleen de volledige naam (het id wordt ervan "
            "afgeleid).",
        ),
    ],
    functie: FunctieArgument,
    gemeente: GemeenteOptie = None,
    naam: Annotated[
        str | None,
        typer.Option(
            "--naam",
            metavar="NAAM",
            help="De volledige naam van een nieuwe persoon.",
            show_default=False,
        ),
    ] = None,
    portefeuille: Annotated[
        list[str] | None,
        typer.Option(
            "--portefeuille",
            "-p",
            metavar="THEMA",
            autocompletion=aanvul("portefeuille"),
            help="Een portefeuille bij de functie (herhaalbaar), bijv. wonen: de wethouder "
            "zit dan vanaf --datum in het portefeuillehoudersoverleg van dat thema.",
            show_default=False,
        ),
    ] = None,
    waarnemend: Annotated[
        bool,
        typer.Option(
            "--waarnemend",
            help="De termijn is waarnemend (een waarnemend burgemeester); elke weergave zegt het.",
        ),
    ] = False,
    nieuw: Annotated[
        bool,
        typer.Option(
            "--nieuw",
            help="Maak een nieuwe persoon, ook als de naam op die van een bestaande lijkt.",
        ),
    ] = False,
    datum: DatumOptie = None,
    bron: BronOptie = None,
    droog: DroogOptie = False,
    bestand: BestandOptie = None,
) -> None:
    """Leg vast dat iemand een functie bekleedt, vanaf --datum, met zijn portefeuilles.

    Een nieuwe persoon wordt toegevoegd; lijkt de naam op die van een bestaande persoon (een
    tikfout, een voorletter), dan vraagt amctl "Bedoelde u ...?" en is --nieuw nodig. Heeft de
    functie één zetel (zetels: 1), dan eindigt de termijn van de vorige bekleder de dag ervoor.
    Bekleedt de persoon de functie al, dan krijgt hij de ontbrekende portefeuilles erbij vanaf
    --datum. Exit 0: vastgelegd (of al zo); 1: het resultaat zou ongeldig zijn, er is niets
    geschreven; 2: verkeerd gebruik.
    """
    bewerk(
        bestand,
        droog,
        bewerken_met="benoem",
        persoon=persoon,
        functie=functie,
        gemeente=gemeente,
        datum=als_datum(datum),
        naam=naam,
        bron=bron,
        portefeuilles=tuple(portefeuille or ()),
        nieuw=nieuw,
        waarnemend=waarnemend,
    )


@app.command("ontsla", rich_help_panel=BEWERKEN)
def ontsla(
    persoon: PersoonArgument,
    functie: FunctieArgument,
    gemeente: GemeenteOptie = None,
    datum: DatumOptie = None,
    bron: BronOptie = None,
    droog: DroogOptie = False,
    bestand: BestandOptie = None,
) -> None:
    """Beëindig iemands termijn in een functie per --datum: 'tot-en-met' wordt de dag ervoor.

    Lidmaatschappen bij naam die op die functie rusten, eindigen mee.
    """
    bewerk(
        bestand,
        droog,
        bewerken_met="ontsla",
        persoon=persoon,
        functie=functie,
        gemeente=gemeente,
        datum=als_datum(datum),
        bron=bron,
    )


@app.command("lid-erbij", rich_help_panel=BEWERKEN)
def lid_erbij(
    orgaan: OrgaanArgument,
    persoon: PersoonArgument,
    functie: LidFunctieOptie = None,
    gemeente: GemeenteOptie = None,
    datum: DatumOptie = None,
    bron: BronOptie = None,
    droog: DroogOptie = False,
    bestand: BestandOptie = None,
) -> None:
    """Maak iemand lid bij naam van een orgaan, vanaf --datum.

    Alleen voor zetels die bij naam worden ingevuld (wijze: benoemd), zoals de raadsleden in
    het raadsledenplatform; de persoon moet de functie dan bekleden.
    """
    bewerk(
        bestand,
        droog,
        bewerken_met="lid_erbij",
        orgaan=orgaan,
        persoon=persoon,
        functie=functie,
        gemeente=gemeente,
        datum=als_datum(datum),
        bron=bron,
    )


@app.command("lid-eraf", rich_help_panel=BEWERKEN)
def lid_eraf(
    orgaan: OrgaanArgument,
    persoon: PersoonArgument,
    functie: LidFunctieOptie = None,
    gemeente: GemeenteOptie = None,
    datum: DatumOptie = None,
    bron: BronOptie = None,
    droog: DroogOptie = False,
    bestand: BestandOptie = None,
) -> None:
    """Beëindig een lidmaatschap bij naam per --datum: 'tot-en-met' wordt de dag ervoor."""
    bewerk(
        bestand,
        droog,
        bewerken_met="lid_eraf",
        orgaan=orgaan,
        persoon=persoon,
        functie=functie,
        gemeente=gemeente,
        datum=als_datum(datum),
        bron=bron,
    )


def _portefeuilleopdracht(naam: str, uitleg: str) -> None:
    """`portefeuille-erbij` and `portefeuille-eraf`: one command, two edits of one function."""

    def opdracht(
        persoon: PersoonArgument,
        thema: ThemaArgument,
        functie: PortefeuilleFunctieOptie = None,
        gemeente: GemeenteOptie = None,
        datum: DatumOptie = None,
        bron: BronOptie = None,
        droog: DroogOptie = False,
        bestand: BestandOptie = None,
    ) -> None:
        bewerk(
            bestand,
            droog,
            bewerken_met=naam.replace("-", "_"),
            persoon=persoon,
            thema=thema,
            functie=functie,
            gemeente=gemeente,
            datum=als_datum(datum),
            bron=bron,
        )

    opdracht.__doc__ = uitleg
    opdracht.__name__ = naam.replace("-", "_")
    app.command(naam, rich_help_panel=BEWERKEN)(opdracht)


_portefeuilleopdracht(
    "portefeuille-erbij",
    """Geef iemand een portefeuille bij zijn functie, vanaf --datum.

    Hij zit dan vanaf die dag in het portefeuillehoudersoverleg van dat thema. Had een ander
    in die gemeente de portefeuille, dan houdt die hem tot en met de dag ervoor.
    """,
)
_portefeuilleopdracht(
    "portefeuille-eraf",
    """Beëindig iemands portefeuille per --datum: de laatste dag is de dag ervoor.

    Met de portefeuille eindigt de zetel in het portefeuillehoudersoverleg van dat thema.
    """,
)


@app.command("zet-status", rich_help_panel=BEWERKEN)
def zet_status(
    orgaan: OrgaanArgument,
    status: Annotated[
        str,
        typer.Argument(
            metavar="STATUS",
            help="actief, in-overweging, betwist of opgeheven.",
            autocompletion=aanvul("status"),
        ),
    ],
    datum: DatumOptie = None,
    bron: BronOptie = None,
    toelichting: Annotated[
        str | None,
        typer.Option(
            "--toelichting",
            metavar="TEKST",
            help="Uitleg bij de nieuwe status.",
            show_default=False,
        ),
    ] = None,
    droog: DroogOptie = False,
    bestand: BestandOptie = None,
) -> None:
    """Geef een orgaan een status vanaf --datum; de lopende status eindigt de dag ervoor.

    Een enkele 'status: x' wordt pas een lijst met data als de status echt verandert.
    """
    bewerk(
        bestand,
        droog,
        bewerken_met="zet_status",
        orgaan=orgaan,
        status=status,
        datum=als_datum(datum),
        bron=bron,
        toelichting=toelichting,
    )


@app.command("importeer", rich_help_panel=BEWERKEN)
def importeer(
    blad: Annotated[
        Path,
        typer.Argument(
            metavar="BLAD",
            readable=False,  # amctl says it in Dutch (amctl.bestand)
            help="Het blad: .csv (UTF-8, ';' of ',') of .xlsx (blad 'bezetting', anders het "
            "eerste). Eén rij per bezetting of lidmaatschap, met een kopregel.",
        ),
    ],
    datum: Annotated[
        str | None,
        typer.Option(
            "--datum",
            "-D",
            metavar="DATUM",
            help="De vanaf (JJJJ-MM-DD) van elke rij die zelf geen vanaf noemt, bijv. de dag "
            "waarop een nieuw college begint; met --college die eerste dag.",
            show_default=False,
            callback=controleer_datum,
        ),
    ] = None,
    college: Annotated[
        str | None,
        typer.Option(
            "--college",
            metavar="GEMEENTE",
            autocompletion=aanvul("gemeente"),
            help="Het blad is het nieuwe college van deze gemeente vanaf -D: wie er niet in "
            "staat en elke portefeuille die er niet in staat, eindigt de dag ervoor.",
            show_default=False,
        ),
    ] = None,
    bron: Annotated[
        str | None,
        typer.Option(
            "--bron",
            metavar="BRON",
            help="Id van de bron (onder 'bronnen') voor elke rij die zelf geen bron noemt.",
            show_default=False,
            autocompletion=aanvul("bron"),
        ),
    ] = None,
    droog: DroogOptie = False,
    bestand: BestandOptie = None,
) -> None:
    """Lees personen, hun functies en hun lidmaatschappen bij naam uit een spreadsheet in.

    Kolommen (in elke volgorde; hoofdletters, spaties en streepjes tellen niet): naam, persoon,
    functie, gemeente, vanaf, tot-en-met, orgaan, rol, bron, portefeuilles, waarnemend (ja of
    leeg); een andere kolom wordt overgeslagen, met een waarschuwing. Datums: 2026-04-01 of
    1-4-2026. Een portefeuille eindigt in de cel met 'economie (t/m 2026-11-30)'. Alles of
    niets: is één rij fout, dan wordt niets geschreven en noemt amctl elke foute rij met haar
    nummer (de kopregel is rij 1). Twee keer hetzelfde blad inlezen wijzigt de tweede keer
    niets. Exit 0: ingelezen; 1: foute rijen of ongeldig resultaat; 2: verkeerd gebruik.

    Na de verkiezingen: 'amctl importeer college.csv --college diemen -D 2026-04-15' leest het
    blad in als het hele nieuwe college van Diemen. Wie er in staat, blijft zonder onderbreking
    of begint op -D; wie een functie uit het blad bekleedt en er niet in staat, en elke
    portefeuille die er niet in staat, eindigt de dag ervoor. Een rij van een andere gemeente
    wordt geweigerd; --droog toont de wijziging en wie eindigt, blijft en begint.
    """
    from amctl.blad import OngeldigBlad, formulenamen, lees_blad, met_standaard
    from amctl.importeren import importeer as importeer_rijen

    try:
        gelezen = lees_blad(blad)
        for waarschuwing in gelezen.waarschuwingen:
            _meld_rij(str(blad), waarschuwing, "waarschuwing: ")
        for rij in formulenamen(gelezen.rijen):
            _fout(
                f"let op: {blad}, rij {rij.nummer}: de naam '{rij.waarden['naam']}' begint met "
                f"'{rij.waarden['naam'][0]}' en lijkt op een formule; amctl leest hem als tekst "
                "in, maar controleer of dit echt een naam is."
            )
        rijen = met_standaard(gelezen.rijen, vanaf=datum, bron=bron)
        bewerk(
            bestand,
            droog,
            importeer_rijen,
            rijen=rijen,
            blad=str(blad),
            college=college,
            datum=date.fromisoformat(datum) if datum else None,
        )
    except OngeldigBlad as ongeldig:
        from amctl.tekst import aantal

        for p in ongeldig.problemen:
            _meld_rij(ongeldig.bestand, p)
        rijen = len({p.rij for p in ongeldig.problemen})
        _fout(
            f"{aantal(rijen, 'rij', 'rijen')} van '{ongeldig.bestand}' "
            f"{'klopt' if rijen == 1 else 'kloppen'} niet; er is niets ingelezen. Herstel "
            f"{'haar' if rijen == 1 else 'ze'} en lees het blad opnieuw in."
        )
        raise typer.Exit(EXIT_ONGELDIG) from None


def _meld_rij(bestand: str, probleem, soort: str = "") -> None:
    """`BLAD, rij 4, kolom 'vanaf': melding` on stderr, one line whatever the cell holds."""
    from amctl.tekst import zichtbaar

    kolom = f", kolom '{probleem.kolom}'" if probleem.kolom else ""
    regel = f"{bestand}, rij {probleem.rij}{kolom}: {soort}{probleem.melding}"
    meld(zichtbaar(regel, eenregelig=True) + "\n", sys.stderr)


@app.command("ongedaan", rich_help_panel=BEWERKEN)
def ongedaan(droog: DroogOptie = False, bestand: BestandOptie = None) -> None:
    """Zet het bestand terug zoals het was vóór de laatste wijziging die amctl schreef.

    Zegt welke wijziging het ongedaan maakte (de opdracht en wanneer). Nog eens: de wijziging
    daarvoor, en zo verder: amctl bewaart de laatste 10 tot 20 versies van elk bestand dat het
    bewerkt, privé in de cache-map (map 'ongedaan'). Is het bestand sinds de laatste wijziging
    door iets anders dan amctl veranderd (een editor, git), dan verandert er niets: exit 2.
    """
    from amctl.bestand import kies_bestand
    from amctl.bewerken.terugzetten import zet_terug
    from amctl.tekst import aantal

    pad = kies_bestand(bestand, om_te_wijzigen=True)
    teruggezet = zet_terug(pad, droog=droog)
    versie = teruggezet.versie
    if droog:
        meld(teruggezet.diff, vouwen=False)
        meld(f"Zou ongedaan maken: {versie.opdracht} ({versie.tijd}).\n", sys.stderr)
        sys.stderr.write("--droog: er is niets geschreven.\n")
        return
    meld(f"Ongedaan gemaakt: {versie.opdracht} ({versie.tijd}).\n")
    meld(f"Opgeslagen in '{pad}'.\n")
    if teruggezet.over:
        meld(
            f"Nog {aantal(teruggezet.over, 'eerdere wijziging', 'eerdere wijzigingen')} "
            "ongedaan te maken.\n"
        )
