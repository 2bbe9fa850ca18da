"""The Typer app. Thin: parse arguments, call the library, choose a view.

Imports of the library happen inside the commands, so that `amctl --help` and every
command pay only for what they use (startup time is measured: see BENCHMARKS.md).
"""

from __future__ import annotations

import os
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from amctl import __version__
from amctl.kader import (
    BEWERKEN,
    CONTROLEREN,
    EXIT_GEBRUIK,
    EXIT_GELDIG,
    EXIT_INTERN,
    EXIT_ONGELDIG,
    INSTELLEN,
    ONDERBROKEN,
    PUBLICEREN,
    VERGADERINGEN,
    VRAGEN,
    app,
    meld,
)
from amctl.kader import fout as _fout
from amctl.opties import (
    BestandOptie,
    BronnenOptie,
    BronOptie,
    DatumOptie,
    DroogOptie,
    FunctieArgument,
    GastheerOptie,
    GemeenteOptie,
    JsonOptie,
    LidFunctieOptie,
    OrgaanArgument,
    PeildatumOptie,
    PerJaarOptie,
    PersoonArgument,
    PlaatsOptie,
    ThemaOptie,
    TotOptie,
    UitOptie,
    VerbandOptie,
    VergaderdatumOptie,
    VergaderVoorzitterOptie,
    WieArgument,
    aanvul,
    als_datum,
    controleer_datum,
    tussen,
)
from amctl.probleem import GebruiksFout


def _toon_versie(waarde: bool) -> None:
    if waarde:
        sys.stdout.write(f"amctl {__version__}\n")
        raise typer.Exit(EXIT_GELDIG)


@app.callback()
def _hoofd(
    versie: Annotated[
        bool,
        typer.Option(
            "--versie",
            "--version",
            help="Toon de versie en stop.",
            callback=_toon_versie,
            is_eager=True,
        ),
    ] = False,
) -> None:
    """De bestuurlijke structuur van het Amstelland-Meerlanden Overleg."""


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

    formaat = _met_json(formaat, als_json, Formaat)
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


def _met_json(formaat, als_json: bool, soort):
    """--json is --formaat json; asking for two formats at once is wrong usage."""
    if not als_json:
        return formaat
    if formaat is not soort.tekst:
        raise GebruiksFout(f"Kies --json of --formaat {formaat.value}, niet beide.")
    return soort.json


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


def _aanvul_regelcode(incomplete: str):
    from amctl.aanvulling import regelcodes

    return regelcodes(incomplete)


@app.command("regels", rich_help_panel=CONTROLEREN)
def regels(
    code: Annotated[
        str | None,
        typer.Argument(
            metavar="CODE",
            help="Toon de uitleg van deze code, bijv. AM305.",
            show_default=False,
            autocompletion=_aanvul_regelcode,
        ),
    ] = None,
    als_json: JsonOptie = False,
) -> None:
    """Toon alle regelcodes, of de uitleg van één code met een fout en een goed voorbeeld."""
    from amctl.regels import alle_regels
    from amctl.weergave.regelhulp import regel_dict, regel_uitleg, regeloverzicht

    alle = {r.code: r for r in alle_regels()}
    if code is None:
        if als_json:
            _json({"regels": [regel_dict(r, volledig=False) for r in alle.values()]})
        else:
            _toon(regeloverzicht(alle.values()))
        return
    gezocht = code.strip().upper()
    if gezocht not in alle:
        from amctl.tekst import suggestie

        tip = suggestie(gezocht, alle)
        raise GebruiksFout(
            f"Onbekende regelcode '{code}'."
            + (f" Bedoelde u: {tip}?" if tip else " Zie 'amctl regels' voor de lijst.")
        )
    if als_json:
        _json(regel_dict(alle[gezocht], volledig=True))
    else:
        from amctl.weergave.opmaak import breedte_voor

        sys.stdout.write(regel_uitleg(alle[gezocht], breedte_voor(sys.stdout)))


@app.command("schema", rich_help_panel=CONTROLEREN)
def schema() -> None:
    """Druk het JSON Schema van het bestandsformaat af (voor editors), gemaakt uit het model."""
    from amctl.schema import json_schema
    from amctl.tekst import json_tekst

    sys.stdout.write(json_tekst(json_schema()))


def _model(bestand: Path | None):
    """The validated model of the chosen file; invalid data ends the command with exit 1."""
    from amctl.bestand import kies_bestand
    from amctl.controle import OngeldigeData, geldig_model

    pad = kies_bestand(bestand)
    try:
        return geldig_model(pad)
    except OngeldigeData as ongeldig:
        _stop_bij_fouten(ongeldig.uitslag, "daarom geeft amctl geen antwoord")


def _stop_bij_fouten(uitslag, gevolg: str, getoond: int = 5) -> NoReturn:
    """The one way a command ends on a file with errors: the first errors, one sentence, exit 1."""
    from amctl.tekst import aantal
    from amctl.weergave.opmaak import breedte_voor
    from amctl.weergave.problemen import als_tekst

    fouten = uitslag.fouten
    sys.stderr.write(als_tekst(fouten[:getoond], breedte=breedte_voor(sys.stderr)))
    if len(fouten) > getoond:
        sys.stderr.write(f"... en nog {aantal(len(fouten) - getoond, 'fout', 'fouten')}.\n")
    _fout(
        f"'{uitslag.bestand}' bevat {aantal(len(fouten), 'fout', 'fouten')}; {gevolg}; herstel "
        f"die eerst (zie 'amctl controleer {uitslag.bestand}')."
    )
    raise typer.Exit(EXIT_ONGELDIG)


def _json(gegevens: dict, org=None) -> None:
    """JSON for scripts; the first key names the file the answer was read from (if any)."""
    from amctl.tekst import json_tekst

    if org is not None:
        gegevens = {"bestand": org.bestand, **gegevens}
    sys.stdout.write(json_tekst(gegevens))


def _kopregel(org) -> str:
    """The header line of every answer: which file it was read from."""
    return f"Bestand: {org.bestand}"


def _toon(blokken: list, org=None) -> None:
    """Blocks for people; an answer from the data first names the file it was read from."""
    from amctl.weergave.opmaak import Deel, regel, toon

    kop = [regel(Deel(_kopregel(org), "dim"))] if org is not None else []
    toon([*kop, *blokken])


def _met_bronnen(org, gegevens: dict, ids: list[str]) -> dict:
    """The answer with the sources it cites in full (`--bronnen` with `--json`)."""
    from amctl.weergave.gegevens import bron_dict

    return {**gegevens, "bronnen": [bron_dict(org, b) for b in ids]}


def _bronnenlijst(org, gegevens: object) -> list:
    """The sources an answer cites, in full, under the answer (`--bronnen`)."""
    from amctl.weergave.gegevens import geciteerde_bronnen
    from amctl.weergave.opmaak import regel
    from amctl.weergave.terminal import bronnenlijst

    ids = geciteerde_bronnen(gegevens)
    return bronnenlijst(org, ids, volledig=True) or [regel("Bronnen: geen")]


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
    org = _model(bestand)
    uitslag = vragen.wie_zit_in(org, vragen.zoek_orgaan(org, orgaan), dag)
    gegevens = bezetting_dict(org, uitslag)
    if als_json:
        _json(
            _met_bronnen(org, gegevens, geciteerde_bronnen(gegevens)) if bronnen else gegevens, org
        )
    else:
        from amctl.weergave import terminal

        bronnenlijst = _bronnenlijst(org, gegevens) if bronnen else []
        _toon(terminal.wie_zit_in(org, uitslag) + bronnenlijst, org)


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
    org = _model(bestand)
    gezocht = vragen.zoek_wie(org, wie)
    plaatsen = vragen.waar_zit(org, gezocht, dag)
    gegevens = plaatsen_dict(org, gezocht, dag, plaatsen)
    if als_json:
        _json(
            _met_bronnen(org, gegevens, geciteerde_bronnen(gegevens)) if bronnen else gegevens, org
        )
    else:
        from amctl.weergave import terminal

        blokken = terminal.waar_zit(org, gegevens["wie"]["naam"], dag, plaatsen)
        _toon(blokken + (_bronnenlijst(org, gegevens) if bronnen else []), org)


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
    org = _model(bestand)
    rijen, weg = organen_lijst(org, dag), opgeheven_lijst(org, dag)
    if als_json:
        gegevens = {"peildatum": dag.isoformat(), "organen": rijen, "opgeheven": weg}
        _json(_met_bronnen(org, gegevens, geciteerde_bronnen(rijen)) if bronnen else gegevens, org)
    else:
        from amctl.weergave import terminal

        blokken = terminal.organen(rijen, weg, dag)
        _toon(blokken + (_bronnenlijst(org, rijen) if bronnen else []), org)


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
    org = _model(bestand)
    gevonden = vragen.zoek_orgaan(org, orgaan)
    uitslag = vragen.wie_zit_in(org, gevonden, dag)
    if als_json:
        from amctl.weergave.gegevens import kaart_dict

        gegevens = kaart_dict(org, gevonden, uitslag)
        _json(
            _met_bronnen(org, gegevens, vragen.bronnen_van(org, gevonden)) if bronnen else gegevens,
            org,
        )
    else:
        _toon(terminal.kaart(org, gevonden, uitslag, bronnen), org)


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
    org = _model(bestand)
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
        _json(_met_bronnen(org, gegevens, geciteerde_bronnen(knopen)) if bronnen else gegevens, org)
    else:
        from amctl.weergave import terminal

        blokken = terminal.boom(knopen, dag, titel, weg)
        _toon(blokken + (_bronnenlijst(org, knopen) if bronnen else []), org)


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
    org = _model(bestand)
    tekening, te_groot = tekenen.kies(org, dag, met_personen, verband)
    if te_groot is not None:
        _fout(
            f"let op: het bestand heeft {te_groot.knopen} vakken, te veel voor één leesbare "
            f"figuur (meer dan {tekenen.MAX_KNOPEN}); dit is het overzicht van de "
            f"{len(te_groot.verbanden)} samenwerkingsverbanden. Teken er één met --verband "
            f"ORGAAN, bijvoorbeeld --verband {te_groot.verbanden[0].id}."
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
    org = _model(bestand)
    bestanden = site.maak_site(org, dag)
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


# --- bewerken: benoem, ontsla, lid-erbij, lid-eraf, zet-status -------------------------------


def _bewerk(bestand: Path | None, droog: bool, bewerken_met, **argumenten) -> None:
    """Apply the edit `amctl.bewerken.<bewerken_met>(**argumenten)` (or the function
    `bewerken_met` itself) to the chosen file, and report it."""
    from functools import partial

    from amctl import bewerken
    from amctl.bestand import kies_bestand
    from amctl.controle import OngeldigeData
    from amctl.tekst import aantal
    from amctl.weergave.opmaak import breedte_voor
    from amctl.weergave.problemen import als_tekst

    breedte = breedte_voor(sys.stderr)
    pad = kies_bestand(bestand, om_te_wijzigen=True)
    functie = getattr(bewerken, bewerken_met) if isinstance(bewerken_met, str) else bewerken_met
    bewerking = partial(functie, **argumenten)
    try:
        resultaat = bewerken.bewerk_bestand(pad, bewerking, droog=droog)
    except OngeldigeData as ongeldig:
        _stop_bij_fouten(ongeldig.uitslag, "daarom wijzigt amctl er niets aan")
    except bewerken.OngeldigeBewerking as ongeldig:
        fouten = ongeldig.uitslag.fouten
        if droog:
            meld(ongeldig.diff, vouwen=False)
        sys.stderr.write(als_tekst(fouten, breedte=breedte))
        _fout(
            f"deze wijziging zou '{pad}' ongeldig maken "
            f"({aantal(len(fouten), 'fout', 'fouten')}; de "
            "regelnummers horen bij de gewijzigde tekst, die --droog toont). Er is niets "
            "geschreven."
        )
        raise typer.Exit(EXIT_ONGELDIG) from None
    meldingen = sys.stderr if droog else sys.stdout
    meld("".join(melding + "\n" for melding in resultaat.meldingen), meldingen)
    sys.stderr.write(als_tekst(resultaat.waarschuwingen, breedte=breedte))
    if droog and resultaat.gewijzigd:
        meld(resultaat.diff(), vouwen=False)
        sys.stderr.write("--droog: er is niets geschreven.\n")
    elif resultaat.geschreven:
        meld(f"Opgeslagen in '{pad}'.\n")


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
    datum: DatumOptie = None,
    bron: BronOptie = None,
    droog: DroogOptie = False,
    bestand: BestandOptie = None,
) -> None:
    """Leg vast dat iemand een functie bekleedt, vanaf --datum, met zijn portefeuilles.

    Een nieuwe persoon wordt toegevoegd. Heeft de functie één zetel (zetels: 1), dan eindigt
    de termijn van de vorige bekleder de dag ervoor. Bekleedt de persoon de functie al, dan
    krijgt hij de ontbrekende portefeuilles erbij vanaf --datum. Exit 0: vastgelegd (of al
    zo); 1: het resultaat zou ongeldig zijn, er is niets geschreven; 2: verkeerd gebruik.
    """
    _bewerk(
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
    _bewerk(
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
    _bewerk(
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
    _bewerk(
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
    _bewerk(
        bestand,
        droog,
        bewerken_met="zet_status",
        orgaan=orgaan,
        status=status,
        datum=als_datum(datum),
        bron=bron,
        toelichting=toelichting,
    )


# --- diff en geschiedenis -------------------------------------------------------------------


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

    formaat = _met_json(formaat, als_json, VerschilFormaat)
    pad = kies_bestand(bestand)
    versies, modellen = [], []
    for spec in (oud, nieuw):
        try:
            versie = lees_werkkopie(pad) if spec is None else lees_versie(spec, pad)
            versies.append(versie)
            modellen.append(model(versie))
        except OngeldigeData as fout:
            _stop_bij_fouten(fout.uitslag, "amctl vergelijkt alleen geldige versies")
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

    org = _model(bestand)
    tijdlijn = tijdlijnen.geschiedenis(org, wie)
    if peildatum is not None:
        tijdlijn = tijdlijnen.tot(tijdlijn, als_datum(peildatum))
    if als_json:
        _json(tijdlijnweergave.als_dict(tijdlijn), org)
    else:
        meld(f"{_kopregel(org)}\n{tijdlijnweergave.als_tekst(tijdlijn)}")


# --- vergaderingen: rooster en agenda --------------------------------------------------------


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
    org = _model(bestand)
    plan = maak_rooster(org, vragen.zoek_orgaan(org, orgaan), dag, tot, per_jaar)
    if als_json:
        _json(rooster_dict(org, plan), org)
    else:
        from amctl.weergave.rooster import rooster_tabel

        _toon(rooster_tabel(org, plan), org)


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
    org = _model(bestand)
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


# --- vergaderingen vastleggen -------------------------------------------------------------


@app.command("vergadering-erbij", rich_help_panel=VERGADERINGEN)
def vergadering_erbij(
    orgaan: OrgaanArgument,
    datum: VergaderdatumOptie,
    gemeente: GastheerOptie = None,
    thema: ThemaOptie = None,
    voorzitter: VergaderVoorzitterOptie = None,
    plaats: PlaatsOptie = None,
    bron: BronOptie = None,
    droog: DroogOptie = False,
    bestand: BestandOptie = None,
) -> None:
    """Leg een gehouden vergadering vast (op volgorde van datum).

    'amctl rooster' plant de volgende vergaderingen vanaf de laatste vastgelegde. Exit 0:
    vastgelegd; 1: het bestand zou ongeldig worden; 2: verkeerd gebruik.
    """
    _bewerk(
        bestand,
        droog,
        "vergadering_erbij",
        orgaan=orgaan,
        datum=date.fromisoformat(datum),
        gemeente=gemeente,
        plaats=plaats,
        voorzitter=voorzitter,
        thema=thema,
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
    bron: BronOptie = None,
    droog: DroogOptie = False,
    bestand: BestandOptie = None,
) -> None:
    """Verbeter een vastgelegde vergadering: elke gegeven waarde vervangt de vastgelegde.

    Exit 0: gewijzigd; 1: het bestand zou ongeldig worden; 2: verkeerd gebruik (geen
    vergadering op die dag).
    """
    _bewerk(
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
    _bewerk(bestand, droog, "vergadering_eraf", orgaan=orgaan, datum=date.fromisoformat(datum))


# --- importeren en exporteren -------------------------------------------------------------


@app.command("importeer", rich_help_panel=BEWERKEN)
def importeer(
    blad: Annotated[
        Path,
        typer.Argument(
            metavar="BLAD",
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
            "waarop een nieuw college begint.",
            show_default=False,
            callback=controleer_datum,
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

    Kolommen (in elke volgorde): naam, persoon, functie, gemeente, vanaf, tot-en-met, orgaan,
    rol, bron, portefeuilles. Alles of niets: is één rij fout, dan wordt niets geschreven en
    noemt amctl elke foute rij met haar nummer (de kopregel is rij 1). Twee keer hetzelfde blad
    inlezen wijzigt de tweede keer niets. Exit 0: ingelezen; 1: foute rijen of ongeldig
    resultaat; 2: verkeerd gebruik.
    """
    from amctl.blad import OngeldigBlad, lees_blad, met_standaard
    from amctl.importeren import importeer as importeer_rijen

    try:
        rijen = lees_blad(blad)
        rijen = met_standaard(rijen, vanaf=datum, bron=bron)
        _bewerk(bestand, droog, importeer_rijen, rijen=rijen, blad=str(blad))
    except OngeldigBlad as ongeldig:
        from amctl.tekst import aantal, zichtbaar

        for p in ongeldig.problemen:
            kolom = f", kolom '{p.kolom}'" if p.kolom else ""
            regel = f"{ongeldig.bestand}, rij {p.rij}{kolom}: {p.melding}"
            meld(zichtbaar(regel, eenregelig=True) + "\n", sys.stderr)
        rijen = len({p.rij for p in ongeldig.problemen})
        _fout(
            f"{aantal(rijen, 'rij', 'rijen')} van '{ongeldig.bestand}' "
            f"{'klopt' if rijen == 1 else 'kloppen'} niet; er is niets ingelezen. Herstel "
            f"{'haar' if rijen == 1 else 'ze'} en lees het blad opnieuw in."
        )
        raise typer.Exit(EXIT_ONGELDIG) from None


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
    org = _model(bestand)
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


# --- tab completion --------------------------------------------------------------------------


class Shell(StrEnum):
    bash = "bash"
    zsh = "zsh"
    fish = "fish"


@app.command("aanvulling", rich_help_panel=INSTELLEN)
def aanvulling(
    shell: Annotated[
        Shell | None,
        typer.Argument(
            metavar="SHELL",
            help="bash, zsh of fish. Standaard: de shell uit $SHELL.",
            show_default=False,
        ),
    ] = None,
    installeer: Annotated[
        bool,
        typer.Option(
            "--installeer",
            help="Zet de aanvulling in uw shell-instellingen, zodat ze in elke nieuwe shell werkt.",
        ),
    ] = False,
) -> None:
    """Tab-aanvulling voor bash, zsh en fish: opdrachten, opties, en waarden uit het bestand
    (organen, gemeenten, functies, personen, statussen, regelcodes).

    Met --installeer zet amctl de aanvulling klaar voor elke nieuwe shell. Zonder --installeer
    drukt het het script af, bijv. voor 'eval "$(amctl aanvulling bash)"' in ~/.bashrc.
    """
    from amctl import aanvulling as tab

    gekozen = shell.value if shell is not None else tab.huidige_shell()
    if gekozen is None:
        raise GebruiksFout("Welke shell? Geef bash, zsh of fish, bijv. 'amctl aanvulling bash'.")
    if not installeer:
        sys.stdout.write(tab.script(gekozen) + "\n")
        return
    for pad in tab.installeer(gekozen, Path.home()):
        sys.stdout.write(f"Geschreven: {pad}\n")
    sys.stdout.write(f"De aanvulling werkt in elke nieuwe {gekozen}-shell.\n")


def main() -> None:
    """The `amctl` program. A process that answers one question and ends needs neither Python's
    cyclic garbage collector (the model has no cycles; reference counting frees the rest) nor
    the tidying up at exit (freeing every object of a large model one by one, for nothing):
    once the output is flushed, it ends at once."""
    import gc

    gc.disable()
    try:
        app()
        code = EXIT_GELDIG
    except SystemExit as einde:
        code = einde.code if isinstance(einde.code, int) else EXIT_INTERN if einde.code else 0
    except KeyboardInterrupt:  # before or after the group's own handler (building the app)
        _fout(ONDERBROKEN)
        code = EXIT_GEBRUIK
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        pass  # `amctl tree | head`: the reader left; the exit status stays
    os._exit(code)
