"""Controleren: `controleer` (validate), `signalen` (what needs attention), `regels` and
`schema`."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from amctl.cli.gedeeld import met_json, schrijf_json, toon_blokken
from amctl.kader import CONTROLEREN, EXIT_GEBRUIK, EXIT_ONGELDIG, app, meld
from amctl.kader import fout as _fout
from amctl.opties import BestandOptie, JsonOptie, PeildatumOptie, als_datum, tussen
from amctl.probleem import GebruiksFout


class Formaat(StrEnum):
    tekst = "tekst"
    json = "json"
    github = "github"


@app.command("controleer", alias="validate", rich_help_panel=CONTROLEREN)
def validate(
    paden: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="[PAD]...",
            readable=False,  # amctl says it in Dutch (amctl.bestand)
            help="Te controleren bestanden. Zonder pad: het standaardbestand.",
            show_default=False,
        ),
    ] = None,
    formaat: Annotated[
        Formaat,
        typer.Option(
            "--formaat", metavar="FORMAAT", help="tekst (standaard), json of github (annotaties)."
        ),
    ] = Formaat.tekst,
    als_json: JsonOptie = False,
    strikt: Annotated[
        bool, typer.Option("--strikt", help="Waarschuwingen laten de controle ook falen.")
    ] = False,
    bestand: BestandOptie = None,
) -> None:
    """Controleer het bestand: syntax, schema, verwijzingen en domeinregels.

    Exit 0: geldig; 1: ongeldig (of waarschuwingen met --strikt); 2: verkeerd gebruik.
    """
    from amctl.bestand import controleer_leesbaar, kies_bestand
    from amctl.controle import oordeel
    from amctl.weergave.opmaak import breedte_voor
    from amctl.weergave.problemen import FORMATEN

    formaat = met_json(formaat, als_json, Formaat)
    te_controleren = [*(paden or []), *([bestand] if bestand else [])]
    if not te_controleren:
        te_controleren = [kies_bestand()]
    uitslagen, gebruiksfout = [], False
    for pad in te_controleren:
        try:
            controleer_leesbaar(pad)
        except GebruiksFout as fout:
            _fout(str(fout))
            gebruiksfout = True
            continue
        uitslagen.append(oordeel(pad))

    problemen = [p for u in uitslagen for p in u.problemen]
    if formaat is Formaat.tekst:
        kleur = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        sys.stdout.write(FORMATEN["tekst"](problemen, kleur, breedte_voor(sys.stdout)))
    else:
        sys.stdout.write(FORMATEN[formaat.value](problemen))

    fouten = sum(len(u.fouten) for u in uitslagen)
    waarschuwingen = sum(len(u.waarschuwingen) for u in uitslagen)
    samenvatting = sys.stdout if formaat is Formaat.tekst else sys.stderr
    if uitslagen:
        gecontroleerd = [u.bestand for u in uitslagen]
        meld(_samenvatting(gecontroleerd, fouten, waarschuwingen, strikt), samenvatting)
    if gebruiksfout:
        raise typer.Exit(EXIT_GEBRUIK)
    if fouten or (strikt and waarschuwingen):
        raise typer.Exit(EXIT_ONGELDIG)


def _samenvatting(paden: list[str], fouten: int, waarschuwingen: int, strikt: bool) -> str:
    """One line that names the files checked and the verdict, which follows the exit status."""
    from amctl.tekst import aantal

    wat, welke = aantal(len(paden), "bestand", "bestanden"), ", ".join(paden)
    if not fouten and not waarschuwingen:
        return f"Geldig: {wat} gecontroleerd ({welke}), geen problemen.\n"
    if fouten:
        oordeel = "Ongeldig"
    elif strikt:
        oordeel = "Ongeldig met --strikt (waarschuwingen tellen als fouten)"
    else:
        oordeel = "Geldig, met waarschuwingen"
    return (
        f"{oordeel}: {aantal(fouten, 'fout', 'fouten')}, "
        f"{aantal(waarschuwingen, 'waarschuwing', 'waarschuwingen')} in {wat} ({welke}).\n"
    )


@app.command("signalen", rich_help_panel=CONTROLEREN)
def signalen(
    peildatum: PeildatumOptie = None,
    binnen: Annotated[
        int,
        typer.Option(
            "--binnen",
            metavar="DAGEN",
            callback=tussen(0, 36_500),
            help="Wat binnen zoveel dagen na de peildatum afloopt, staat erbij.",
        ),
    ] = 90,
    als_json: JsonOptie = False,
    streng: Annotated[
        bool,
        typer.Option(
            "--streng",
            "--strikt",
            help="Exit 1 als er iets in de lijst staat (voor een geplande CI-taak).",
        ),
    ] = False,
    bestand: BestandOptie = None,
) -> None:
    """Wat aandacht vraagt: open zetels, termijnen die aflopen, portefeuilles zonder houder,
    vergaderingen en voorzittersbeurten die aan de beurt zijn, personen zonder functie en de
    waarschuwingen van 'amctl controleer'; elke regel met de opdracht die het oplost.

    Gegroepeerd in de volgorde waarin u ze afwerkt: wat een datum heeft eerst. Exit 0: de
    lijst staat er (ook als er iets in staat); 1: ongeldige gegevens, of met --streng een
    lijst die niet leeg is; 2: verkeerd gebruik.
    """
    from amctl import vragen
    from amctl.cli.gedeeld import lees_model_met_waarschuwingen
    from amctl.weergave import signalen as weergave

    dag = als_datum(peildatum)
    org, waarschuwingen = lees_model_met_waarschuwingen(bestand)
    uitkomst = vragen.signalen(org, dag, binnen, waarschuwingen)
    if als_json:
        schrijf_json(weergave.als_dict(uitkomst), org)
    else:
        from amctl.cli.gedeeld import kopregel
        from amctl.weergave.opmaak import breedte_voor

        tekst = weergave.als_tekst(uitkomst, breedte_voor(sys.stdout))
        sys.stdout.write(f"{kopregel(org)}\n{tekst}")
    if streng and uitkomst.signalen:
        raise typer.Exit(EXIT_ONGELDIG)


def _aanvul_regelcode(incomplete: str):
    from amctl.aanvulling import regelcodes

    return regelcodes(incomplete)


@app.command("regels", rich_help_panel=CONTROLEREN)
def regels(
    code: Annotated[
        str | None,
        typer.Argument(
            metavar="CODE",
            help="Toon de uitleg van deze code (of naam), bijv. AM305 of te-veel-bekleders.",
            show_default=False,
            autocompletion=_aanvul_regelcode,
        ),
    ] = None,
    als_json: JsonOptie = False,
) -> None:
    """Toon alle regelcodes, of de uitleg van één code met een fout en een goed voorbeeld."""
    from amctl.regels import alle_regels, zoek_regel
    from amctl.weergave.regelhulp import regel_dict, regel_uitleg, regeloverzicht

    if code is None:
        alle = alle_regels()
        if als_json:
            schrijf_json({"regels": [regel_dict(r, volledig=False) for r in alle]})
        else:
            toon_blokken(regeloverzicht(alle))
        return
    regel = zoek_regel(code)
    if als_json:
        schrijf_json(regel_dict(regel, volledig=True))
    else:
        from amctl.weergave.opmaak import breedte_voor

        sys.stdout.write(regel_uitleg(regel, breedte_voor(sys.stdout)))


@app.command("schema", rich_help_panel=CONTROLEREN)
def schema() -> None:
    """Druk het JSON Schema van het bestandsformaat af (voor editors), gemaakt uit het model."""
    from amctl.schema import json_schema
    from amctl.tekst import json_tekst

    sys.stdout.write(json_tekst(json_schema()))
