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
    sarif = "sarif"
    gitlab = "gitlab"


def _in_ci() -> bool:
    """CI systems set CI (GitHub, GitLab, Azure, Jenkins' plugins): lines then never wrap,
    even under a pseudo-terminal (`docker run -t`), so a parser reads each one whole."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "nee")


def _aanvul_regelcode(incomplete: str):
    from amctl.aanvulling import regelcodes

    return regelcodes(incomplete)


@app.command("controleer", alias="validate", rich_help_panel=CONTROLEREN)
def validate(
    paden: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="[PAD]...",
            readable=False,  # amctl says it in Dutch (amctl.bestand)
            help="Te controleren bestanden; - leest de standaardinvoer. Zonder pad: het "
            "standaardbestand.",
            show_default=False,
        ),
    ] = None,
    formaat: Annotated[
        Formaat,
        typer.Option(
            "--formaat",
            metavar="FORMAAT",
            help="tekst (standaard), json, github (annotaties), sarif (SARIF 2.1.0) of gitlab "
            "(Code Quality).",
        ),
    ] = Formaat.tekst,
    als_json: JsonOptie = False,
    strikt: Annotated[
        bool, typer.Option("--strikt", help="Waarschuwingen laten de controle ook falen.")
    ] = False,
    negeer: Annotated[
        list[str] | None,
        typer.Option(
            "--negeer",
            metavar="CODE",
            help="Zet deze waarschuwing uit (herhaalbaar), bijv. --negeer AM316.",
            show_default=False,
            autocompletion=_aanvul_regelcode,
        ),
    ] = None,
    stil: Annotated[
        bool, typer.Option("--stil", "-q", help="Druk alleen de problemen af, geen samenvatting.")
    ] = False,
    invoernaam: Annotated[
        str | None,
        typer.Option(
            "--invoernaam",
            metavar="PAD",
            help="Met - : de naam van de standaardinvoer in meldingen (bronteksten naast dat pad).",
            show_default=False,
        ),
    ] = None,
    bestand: BestandOptie = None,
) -> None:
    """Controleer het bestand: syntax, schema, verwijzingen en domeinregels.

    Een waarschuwing gaat uit met --negeer CODE, met .amctl.toml naast het bestand
    ([controleer] negeer = ["AM316"]) of met het commentaar '# amctl: negeer AM316' op
    haar regel. Exit 0: geldig; 1: ongeldig (of waarschuwingen met --strikt); 2: verkeerd
    gebruik.
    """
    from amctl.bestand import controleer_leesbaar, kies_bestand
    from amctl.controle import controleer_bytes, oordeel
    from amctl.negeren import controleer_codes, lees_instellingen
    from amctl.weergave.opmaak import breedte_voor
    from amctl.weergave.problemen import FORMATEN

    formaat = met_json(formaat, als_json, Formaat)
    opdracht = [(c, "--negeer") for c in controleer_codes(negeer or [], "--negeer")]
    te_controleren = [*(paden or []), *([bestand] if bestand else [])]
    if not te_controleren:
        te_controleren = [kies_bestand()]
    if invoernaam is not None and Path("-") not in te_controleren:
        raise GebruiksFout("--invoernaam hoort bij '-' (de standaardinvoer); geef ook '-'.")
    uitslagen, gebruiksfout = [], False
    for pad in te_controleren:
        try:
            if str(pad) == "-":
                naam = invoernaam or "<stdin>"
                instellingen = [(c, ".amctl.toml") for c in lees_instellingen(Path(naam))]
                uitslagen.append(controleer_bytes(_lees_invoer(), naam, instellingen + opdracht))
                continue
            controleer_leesbaar(pad)
            instellingen = [(c, ".amctl.toml") for c in lees_instellingen(pad)]
        except GebruiksFout as fout:
            _fout(str(fout))
            gebruiksfout = True
            continue
        uitslagen.append(oordeel(pad, instellingen + opdracht))

    problemen = [p for u in uitslagen for p in u.problemen]
    genegeerd = [g for u in uitslagen for g in u.genegeerd]
    if formaat is Formaat.tekst:
        kleur = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        breedte = None if _in_ci() else breedte_voor(sys.stdout)
        sys.stdout.write(FORMATEN["tekst"](problemen, kleur, breedte))
    elif formaat is Formaat.sarif:
        sys.stdout.write(FORMATEN["sarif"](problemen, genegeerd))
    else:
        sys.stdout.write(FORMATEN[formaat.value](problemen))

    fouten = sum(len(u.fouten) for u in uitslagen)
    waarschuwingen = sum(len(u.waarschuwingen) for u in uitslagen)
    samenvatting = sys.stdout if formaat is Formaat.tekst else sys.stderr
    if uitslagen and not stil:
        gecontroleerd = [u.bestand for u in uitslagen]
        tekst = _samenvatting(gecontroleerd, fouten, waarschuwingen, strikt, genegeerd)
        meld(tekst, samenvatting, vouwen=not _in_ci())
    if gebruiksfout:
        raise typer.Exit(EXIT_GEBRUIK)
    if fouten or (strikt and waarschuwingen):
        raise typer.Exit(EXIT_ONGELDIG)


def _lees_invoer() -> bytes:
    """The standard input, as large as a data file may be and no larger."""
    from amctl.grenzen import MAX_BYTES

    inhoud = sys.stdin.buffer.read(MAX_BYTES + 1)
    if len(inhoud) > MAX_BYTES:
        raise GebruiksFout(
            f"De standaardinvoer is groter dan {MAX_BYTES // (1024 * 1024)} MiB; geef een "
            "kleiner bestand."
        )
    return inhoud


def _samenvatting(
    paden: list[str], fouten: int, waarschuwingen: int, strikt: bool, genegeerd=()
) -> str:
    """One line that names the files checked and the verdict, which follows the exit status,
    and which warnings were switched off and how."""
    from amctl.negeren import samenvatting as uitgezet
    from amctl.tekst import aantal

    wat, welke = aantal(len(paden), "bestand", "bestanden"), ", ".join(paden)
    extra = f"; {uitgezet(genegeerd)}" if genegeerd else ""
    if not fouten and not waarschuwingen:
        return f"Geldig: {wat} gecontroleerd ({welke}), geen problemen{extra}.\n"
    if fouten:
        oordeel = "Ongeldig"
    elif strikt:
        oordeel = "Ongeldig met --strikt (waarschuwingen tellen als fouten)"
    else:
        oordeel = "Geldig, met waarschuwingen"
    return (
        f"{oordeel}: {aantal(fouten, 'fout', 'fouten')}, "
        f"{aantal(waarschuwingen, 'waarschuwing', 'waarschuwingen')} in {wat} ({welke}){extra}.\n"
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
