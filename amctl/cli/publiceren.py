"""Publiceren: the organogram (`diagram`), the site (`overzicht`) and `exporteer`."""

from __future__ import annotations

import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from amctl.cli.gedeeld import lees_model, lees_model_met_waarschuwingen
from amctl.kader import EXIT_ONGELDIG, PUBLICEREN, app, meld
from amctl.kader import fout as _fout
from amctl.opties import (
    BestandOptie,
    PeildatumOptie,
    UitOptie,
    VerbandOptie,
    als_datum,
    controleer_datum,
)
from amctl.probleem import GebruiksFout


class DiagramFormaat(StrEnum):
    mermaid = "mermaid"
    dot = "dot"
    svg = "svg"
    png = "png"


@app.command("diagram", rich_help_panel=PUBLICEREN)
def diagram(
    formaat: Annotated[
        DiagramFormaat,
        typer.Option(
            "--formaat",
            metavar="FORMAAT",
            help="mermaid (standaard; toont in GitHub- en GitLab-Markdown), dot (de taal van "
            "Graphviz), svg of png (die twee vragen Graphviz).",
        ),
    ] = DiagramFormaat.mermaid,
    uit: UitOptie = None,
    met_personen: Annotated[
        bool,
        typer.Option(
            "--met-personen",
            help="Zet de namen van wie de zetels bezet in de vakken, de voorzitter eerst.",
        ),
    ] = False,
    verband: VerbandOptie = None,
    peildatum: PeildatumOptie = None,
    bestand: BestandOptie = None,
) -> None:
    """Teken de organen als organogram, van boven naar beneden; elk samenwerkingsverband (AM,
    MRA) in een eigen kader. Heeft het bestand meer dan 80 vakken, dan alleen de
    samenwerkingsverbanden; teken er dan één met --verband.

    Exit 0: getekend; 1: ongeldige gegevens; 2: verkeerd gebruik, schrijffout, of Graphviz
    ontbreekt of faalt.
    """
    from amctl.weergave import diagram as tekenen

    dag = als_datum(peildatum)
    if formaat is DiagramFormaat.png and uit is None and sys.stdout.isatty():
        raise GebruiksFout(
            "Een png hoort niet op het scherm; geef --uit PAD of stuur de uitvoer door."
        )
    org = lees_model(bestand)
    tekening, te_groot = tekenen.kies(org, dag, met_personen, verband)
    if te_groot is not None:
        _fout(
            f"let op: het bestand heeft {te_groot.knopen} vakken, te veel voor één leesbare "
            f"figuur (meer dan {tekenen.MAX_KNOPEN}); dit is het overzicht van de "
            f"{len(te_groot.verbanden)} samenwerkingsverbanden. Teken er één met --verband "
            f"ORGAAN, bijvoorbeeld het grootste: --verband {te_groot.verbanden[0].id}."
        )
    figuur = tekenen.maak(tekening, formaat.value)
    if uit is not None:
        from amctl.schrijven import met_merk, schrijf_uitvoer

        schrijf_uitvoer(uit, met_merk(figuur, formaat.value), gegevens=Path(org.bestand))
        sys.stdout.write(
            f"Figuur van '{org.bestand}' geschreven naar '{uit}' (peildatum {dag.isoformat()}).\n"
        )
    elif isinstance(figuur, bytes):
        sys.stdout.flush()
        sys.stdout.buffer.write(figuur)
    else:
        sys.stdout.write(figuur)


@app.command("overzicht", alias="docs", rich_help_panel=PUBLICEREN)
def docs(
    uit: Annotated[
        Path | None,
        typer.Option(
            "--uit",
            metavar="MAP",
            readable=False,  # amctl says it in Dutch (amctl.bestand)
            help="Maak of werk het overzicht bij in deze map: README.md, een pagina per orgaan in "
            "organen/ en index.html.",
            show_default=False,
        ),
    ] = None,
    controleer: Annotated[
        Path | None,
        typer.Option(
            "--controleer",
            metavar="MAP",
            readable=False,  # amctl says it in Dutch (amctl.bestand)
            help="Controleer of het overzicht in MAP bij is (voor CI); exit 1 als het niet zo is.",
            show_default=False,
        ),
    ] = None,
    peildatum: Annotated[
        str | None,
        typer.Option(
            "--peildatum",
            "-d",
            metavar="DATUM",
            help="De datum waarop de vraag gesteld wordt, als JJJJ-MM-DD. Standaard: vandaag, "
            "ook bij --controleer: een overzicht dat vandaag anders zou zijn, is verouderd. Met "
            "een vaste datum is het overzicht reproduceerbaar.",
            show_default=False,
            callback=controleer_datum,
        ),
    ] = None,
    bestand: BestandOptie = None,
) -> None:
    """Maak een overzicht in Markdown en HTML: één pagina voor het geheel, één per orgaan.

    Exit 0: gemaakt of bij; 1: niet bij of ongeldige gegevens; 2: verkeerd gebruik of schrijffout.
    """
    from amctl.weergave import diagram as tekenen
    from amctl.weergave import site

    if (uit is None) == (controleer is None):
        raise GebruiksFout(
            "Geef --uit MAP om het overzicht te maken, of --controleer MAP om het te "
            "controleren (één van beide)."
        )
    map_ = uit if uit is not None else controleer
    assert map_ is not None
    if map_.exists() and not map_.is_dir():
        raise GebruiksFout(f"'{map_}' is geen map; geef de map van het overzicht.")
    dag = als_datum(peildatum)
    op = "vandaag" if peildatum is None else "op de peildatum"
    org, waarschuwingen = lees_model_met_waarschuwingen(bestand)
    bestanden = site.maak_site(org, dag, waarschuwingen)
    if not tekenen.graphviz_aanwezig():
        _fout(
            "let op: Graphviz ontbreekt, dus index.html toont de samenhang als tabel in plaats "
            "van als figuur; installeer het pakket 'graphviz' (apt-get install graphviz)."
        )

    if controleer is not None:
        verschillen = site.vergelijk(controleer, bestanden)
        if not verschillen:
            meld(
                f"Bij: '{controleer}' komt overeen met de gegevens in '{org.bestand}' {op} "
                f"({len(bestanden)} bestanden, peildatum {dag.isoformat()}).\n"
            )
            return
        getoond = site.vastgelegde_stand(controleer)
        _fout(
            f"het overzicht in '{controleer}' is verouderd: het toont "
            + (f"de stand {getoond}" if getoond else "een onbekende stand")
            + f", maar {op} ({dag.isoformat()}) wijken deze pagina's af:"
        )
        for verschil in verschillen:
            sys.stderr.write(f"  {verschil.soort}: {verschil.pad}\n")
        vast = f" --peildatum {dag.isoformat()}" if peildatum is not None else ""
        meld(f"Werk het bij met: amctl overzicht --uit {controleer}{vast}\n", sys.stderr)
        raise typer.Exit(EXIT_ONGELDIG)

    gewijzigd = site.schrijf_site(map_, bestanden, gegevens=Path(org.bestand))
    if gewijzigd:
        meld(
            f"{len(gewijzigd)} van {len(bestanden)} bestanden bijgewerkt in '{map_}' uit "
            f"'{org.bestand}' (peildatum {dag.isoformat()}).\n"
        )
    else:
        meld(f"'{map_}' was al bij met '{org.bestand}' (peildatum {dag.isoformat()}).\n")


class ExportFormaat(StrEnum):
    csv = "csv"
    xlsx = "xlsx"
    popolo = "popolo"


@app.command("exporteer", rich_help_panel=PUBLICEREN)
def exporteer(
    formaat: Annotated[
        ExportFormaat,
        typer.Option(
            "--formaat",
            metavar="FORMAAT",
            help="csv (precies wat 'amctl importeer' leest), xlsx (Excel: bladen 'bezetting' "
            "en 'zetels') of popolo (JSON volgens popoloproject.com).",
        ),
    ] = ExportFormaat.csv,
    peildatum: Annotated[
        str | None,
        typer.Option(
            "--peildatum",
            "-d",
            metavar="DATUM",
            help="Alleen wat op deze datum (JJJJ-MM-DD) geldt. Standaard: de hele geschiedenis "
            "(het blad 'zetels' van xlsx: vandaag).",
            show_default=False,
            callback=controleer_datum,
        ),
    ] = None,
    uit: UitOptie = None,
    bestand: BestandOptie = None,
) -> None:
    """Exporteer personen, bezetting en zetels als CSV, Excel-werkmap of Popolo-JSON.

    Met --uit wordt een csv geschreven met BOM, zodat Excel de namen goed leest. Exit 0:
    geëxporteerd; 1: ongeldige gegevens; 2: verkeerd gebruik of schrijffout.
    """
    if formaat is ExportFormaat.xlsx and uit is None and sys.stdout.isatty():
        raise GebruiksFout(
            "Een Excel-werkmap hoort niet op het scherm; geef --uit PAD (bijv. --uit "
            "bezetting.xlsx) of stuur de uitvoer door."
        )
    dag = date.fromisoformat(peildatum) if peildatum else None
    org = lees_model(bestand)
    inhoud: str | bytes
    if formaat is ExportFormaat.popolo:
        from amctl.tekst import json_tekst
        from amctl.weergave.popolo import als_popolo

        inhoud = json_tekst(als_popolo(org, dag))
    else:
        from amctl.weergave import blad

        rijen = blad.bezetting_rijen(org, dag)
        if formaat is ExportFormaat.csv:
            inhoud = blad.als_csv(rijen, bom=uit is not None)
        else:
            inhoud = blad.als_xlsx(rijen, blad.zetel_rijen(org, dag or date.today()))
    if uit is not None:
        from amctl.schrijven import schrijf_uitvoer

        schrijf_uitvoer(uit, inhoud, gegevens=Path(org.bestand))
    elif isinstance(inhoud, bytes):
        sys.stdout.flush()
        sys.stdout.buffer.write(inhoud)
    else:
        sys.stdout.write(inhoud)
