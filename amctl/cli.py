"""The Typer app. Thin: parse arguments, call the library, choose a view.

Imports of the library happen inside the commands, so that `amctl --help` and every
command pay only for what they use (startup time is measured: see BENCHMARKS.md).
"""

from __future__ import annotations

import os
import re
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from typer.core import TyperGroup

from amctl import __version__
from amctl.grenzen import EERSTE_JAAR, LAATSTE_JAAR
from amctl.probleem import GebruiksFout

EXIT_GELDIG, EXIT_ONGELDIG, EXIT_GEBRUIK, EXIT_INTERN = 0, 1, 2, 3


def _fout(melding: str) -> None:
    sys.stderr.write(f"amctl: {melding}\n")


def _vertaal_gebruiksfout(fout: Exception, opdrachten: list[str]) -> str:
    """Click reports wrong usage in English; our users read Dutch."""
    soort = type(fout).__name__
    if soort == "NoSuchOption":
        tip = sorted(getattr(fout, "possibilities", None) or [])
        extra = f" Bedoelde u: {', '.join(tip)}?" if tip else ""
        return f"Onbekende optie '{fout.option_name}'.{extra} Zie 'amctl --help'."
    if soort == "MissingParameter":
        param = getattr(fout, "param", None)
        naam = param.get_error_hint() if param is not None else "een waarde"
        return f"{naam} ontbreekt. Zie --help bij de opdracht."
    if soort == "BadParameter":
        param = getattr(fout, "param", None)
        naam = param.get_error_hint() if param is not None else "een optie"
        return f"Ongeldige waarde voor {naam}: {_vertaal_waardefout(fout.message)}"
    bericht = fout.format_message()
    if soort == "BadOptionUsage":
        optie = getattr(fout, "option_name", "")
        if "does not take a value" in bericht:
            return f"De optie '{optie}' neemt geen waarde. Zie --help bij de opdracht."
        if "requires" in bericht:
            return f"De optie '{optie}' vraagt een waarde. Zie --help bij de opdracht."
    if bericht.startswith("No such command"):
        import difflib

        naam = bericht.split("'")[1] if "'" in bericht else bericht
        tip = difflib.get_close_matches(naam, opdrachten, n=1)
        hint = f" Bedoelde u: {tip[0]}?" if tip else " Zie 'amctl --help' voor de opdrachten."
        return f"Onbekende opdracht '{naam}'.{hint}"
    if bericht.startswith("Got unexpected extra argument"):
        extra = bericht.rsplit("(", 1)[-1].rstrip(")")
        return f"Te veel argumenten: {extra}. Zie --help bij de opdracht."
    return f"Onjuist gebruik: {bericht}"


def _vertaal_waardefout(melding: str) -> str:
    """The messages Typer gives for a choice or a bound, in Dutch; ours pass unchanged."""
    keuze = re.search(r"'([^']*)' is not one of (.*)\.?$", melding)
    if keuze:
        opties = ", ".join(re.findall(r"'([^']*)'", keuze.group(2)))
        return f"'{keuze.group(1)}' is geen geldige keuze; kies uit: {opties}."
    grens = re.search(r"greater than or equal to (\S+)", melding)
    if grens:
        return f"de waarde moet minstens {grens.group(1)} zijn."
    grens = re.search(r"less than or equal to (\S+)", melding)
    if grens:
        return f"de waarde mag hoogstens {grens.group(1)} zijn."
    if "valid integer" in melding or "parse string as an integer" in melding:
        return "geef een geheel getal."
    return melding


class _AmctlGroep(TyperGroup):
    """Every way out goes through here: Dutch usage errors, no traceback, fixed exit codes."""

    def main(self, *args, **kwargs):  # type: ignore[override]
        kwargs["standalone_mode"] = False
        try:
            uitkomst = super().main(*args, **kwargs)
        except GebruiksFout as fout:
            _fout(str(fout))
            sys.exit(EXIT_GEBRUIK)
        except KeyboardInterrupt:
            sys.exit(130)
        except BrokenPipeError:
            # `amctl tree | head`: the reader left; say nothing more.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(EXIT_GELDIG)
        except Exception as fout:
            if hasattr(fout, "exit_code") and hasattr(fout, "format_message"):
                if type(fout).__name__ == "Abort":
                    sys.exit(130)
                _fout(_vertaal_gebruiksfout(fout, sorted(self.commands)))
                sys.exit(EXIT_GEBRUIK)
            _fout(
                f"interne fout ({type(fout).__name__}: {fout}). Dit is een fout in amctl, niet "
                "in uw bestand; meld hem met het bestand en de opdracht."
            )
            sys.exit(EXIT_INTERN)
        sys.exit(uitkomst if isinstance(uitkomst, int) else EXIT_GELDIG)


app = typer.Typer(
    cls=_AmctlGroep,
    name="amctl",
    help="De bestuurlijke structuur van het Amstelland-Meerlanden Overleg: valideren, "
    "bevragen en tekenen.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _toon_versie(waarde: bool) -> None:
    if waarde:
        sys.stdout.write(f"amctl {__version__}\n")
        raise typer.Exit(EXIT_GELDIG)


@app.callback()
def _hoofd(
    versie: Annotated[
        bool,
        typer.Option(
            "--version",
            "--versie",
            help="Toon de versie en stop.",
            callback=_toon_versie,
            is_eager=True,
        ),
    ] = False,
) -> None:
    """De bestuurlijke structuur van het Amstelland-Meerlanden Overleg."""


_ISO_DATUM = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


def _controleer_datum(waarde: str | None) -> str | None:
    """Option callback, so that a bad date names the option in the message."""
    if waarde is not None:
        try:
            if not _ISO_DATUM.match(waarde):
                raise ValueError
            if not EERSTE_JAAR <= date.fromisoformat(waarde).year <= LAATSTE_JAAR:
                raise ValueError
        except ValueError:
            raise typer.BadParameter(
                f"'{waarde}' is geen datum tussen {EERSTE_JAAR} en {LAATSTE_JAAR}; schrijf "
                "JJJJ-MM-DD, bijv. 2018-01-01."
            ) from None
    return waarde


def _peildatum(waarde: str | None) -> date:
    return date.today() if waarde is None else date.fromisoformat(waarde)


BestandOptie = Annotated[
    Path | None,
    typer.Option(
        "--bestand",
        "-f",
        help="Het organisatiebestand. Standaard: $AMCTL_BESTAND, anders "
        "./data/organisatie.yaml, anders de meegeleverde kopie.",
        show_default=False,
    ),
]
PeildatumOptie = Annotated[
    str | None,
    typer.Option(
        "--peildatum",
        "-d",
        metavar="JJJJ-MM-DD",
        help="De datum waarop de vraag gesteld wordt. Standaard: vandaag.",
        show_default=False,
        callback=_controleer_datum,
    ),
]


class Formaat(StrEnum):
    tekst = "tekst"
    json = "json"
    github = "github"


@app.command("validate")
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
        typer.Option("--formaat", help="tekst (standaard), json of github (annotaties)."),
    ] = Formaat.tekst,
    strikt: Annotated[
        bool, typer.Option("--strikt", help="Waarschuwingen laten de controle ook falen.")
    ] = False,
    bestand: BestandOptie = None,
) -> None:
    """Controleer het bestand: syntax, schema, verwijzingen en domeinregels.

    Exit 0: geldig; 1: ongeldig (of waarschuwingen met --strikt); 2: verkeerd gebruik.
    """
    from amctl.bestand import controleer_leesbaar, kies_bestand
    from amctl.controle import controleer_bestand
    from amctl.weergave.problemen import FORMATEN

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
        uitslagen.append(controleer_bestand(pad))

    problemen = [p for u in uitslagen for p in u.problemen]
    if formaat is Formaat.tekst:
        kleur = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        sys.stdout.write(FORMATEN["tekst"](problemen, kleur=kleur))
    else:
        sys.stdout.write(FORMATEN[formaat.value](problemen))

    fouten = sum(len(u.fouten) for u in uitslagen)
    waarschuwingen = sum(len(u.waarschuwingen) for u in uitslagen)
    samenvatting = sys.stdout if formaat is Formaat.tekst else sys.stderr
    if uitslagen:
        gecontroleerd = [u.bestand for u in uitslagen]
        samenvatting.write(_samenvatting(gecontroleerd, fouten, waarschuwingen, strikt))
    if gebruiksfout:
        raise typer.Exit(EXIT_GEBRUIK)
    if fouten or (strikt and waarschuwingen):
        raise typer.Exit(EXIT_ONGELDIG)


def _samenvatting(paden: list[str], fouten: int, waarschuwingen: int, strikt: bool) -> str:
    """One line that names the files checked and the verdict, which follows the exit status."""

    def aantal(n: int, enkelvoud: str, meervoud: str) -> str:
        return f"{n} {enkelvoud if n == 1 else meervoud}"

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


@app.command("regels")
def regels(
    code: Annotated[
        str | None,
        typer.Argument(help="Toon de uitleg van deze code, bijv. AM305.", show_default=False),
    ] = None,
) -> None:
    """Toon alle regelcodes, of de uitleg van één code met een fout en een goed voorbeeld."""
    from amctl.regels import alle_regels
    from amctl.weergave.regelhulp import regel_uitleg, regeloverzicht

    alle = {r.code: r for r in alle_regels()}
    if code is None:
        sys.stdout.write(regeloverzicht(alle.values()))
        return
    gezocht = code.strip().upper()
    if gezocht not in alle:
        from amctl.tekst import suggestie

        tip = suggestie(gezocht, alle)
        raise GebruiksFout(
            f"Onbekende regelcode '{code}'."
            + (f" Bedoelde u: {tip}?" if tip else " Zie 'amctl regels' voor de lijst.")
        )
    sys.stdout.write(regel_uitleg(alle[gezocht]))


@app.command("schema")
def schema() -> None:
    """Druk het JSON Schema van het bestandsformaat af (voor editors), gemaakt uit het model."""
    import json

    from amctl.schema import json_schema

    sys.stdout.write(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n")


def _model(bestand: Path | None):
    """The validated model of the chosen file; invalid data ends the command with exit 1."""
    from amctl.bestand import kies_bestand
    from amctl.controle import OngeldigeData, geldig_model

    pad = kies_bestand(bestand)
    try:
        return geldig_model(pad)
    except OngeldigeData as ongeldig:
        from amctl.weergave.problemen import als_tekst

        fouten = ongeldig.uitslag.fouten
        sys.stderr.write(als_tekst(fouten[:5]))
        if len(fouten) > 5:
            sys.stderr.write(f"... en nog {len(fouten) - 5} fout(en).\n")
        _fout(
            f"'{pad}' bevat {len(fouten)} fout(en), daarom geeft amctl geen antwoord; "
            f"herstel ze (zie 'amctl validate {pad}')."
        )
        raise typer.Exit(EXIT_ONGELDIG) from None


def _json(gegevens: dict, org) -> None:
    """JSON for scripts; the first key names the file the answer was read from."""
    import json

    from amctl.tekst import json_veilig

    gegevens = {"bestand": org.bestand, **gegevens}
    sys.stdout.write(json_veilig(json.dumps(gegevens, ensure_ascii=False, indent=2)) + "\n")


def _kopregel(org) -> str:
    """The header line of every answer: which file it was read from."""
    return f"Bestand: {org.bestand}"


def _toon(blokken: list, org) -> None:
    from amctl.weergave.opmaak import Deel, regel, toon

    toon([regel(Deel(_kopregel(org), "dim")), *blokken])


JsonOptie = Annotated[bool, typer.Option("--json", help="Uitvoer als JSON, voor scripts.")]
OrgaanArgument = Annotated[
    str, typer.Argument(help="Id, naam of alias van het orgaan, bijv. regiegroep of 'PHO Wonen'.")
]


@app.command("wie-zit-in")
def wie_zit_in(
    orgaan: OrgaanArgument,
    peildatum: PeildatumOptie = None,
    als_json: JsonOptie = False,
    bestand: BestandOptie = None,
) -> None:
    """Wie zit in een orgaan: elke zetel met functie, gemeente, persoon en rol."""
    from amctl import vragen
    from amctl.weergave.gegevens import bezetting_dict

    dag = _peildatum(peildatum)
    org = _model(bestand)
    uitslag = vragen.wie_zit_in(org, vragen.zoek_orgaan(org, orgaan), dag)
    if als_json:
        _json(bezetting_dict(org, uitslag), org)
    else:
        from amctl.weergave import terminal

        _toon(terminal.wie_zit_in(org, uitslag), org)


@app.command("waar-zit")
def waar_zit(
    wie: Annotated[
        str,
        typer.Argument(
            help="Een gemeente (diemen), een persoon (id of naam), een functie (burgemeester) "
            "of een functie van een gemeente ('burgemeester van Diemen')."
        ),
    ],
    peildatum: PeildatumOptie = None,
    als_json: JsonOptie = False,
    bestand: BestandOptie = None,
) -> None:
    """Waar zit iemand: elke zetel en ondersteunende rol van een persoon, functie of gemeente."""
    from amctl import vragen
    from amctl.weergave.gegevens import plaatsen_dict

    dag = _peildatum(peildatum)
    org = _model(bestand)
    gezocht = vragen.zoek_wie(org, wie)
    plaatsen = vragen.waar_zit(org, gezocht, dag)
    gegevens = plaatsen_dict(org, gezocht, dag, plaatsen)
    if als_json:
        _json(gegevens, org)
    else:
        from amctl.weergave import terminal

        _toon(terminal.waar_zit(org, gegevens["wie"]["naam"], dag, plaatsen), org)


@app.command("organen")
def organen(
    peildatum: PeildatumOptie = None,
    als_json: JsonOptie = False,
    bestand: BestandOptie = None,
) -> None:
    """Alle organen in een tabel: id, naam, soort, status, voorzitter en vergaderritme."""
    from amctl.weergave.gegevens import organen_lijst

    dag = _peildatum(peildatum)
    org = _model(bestand)
    rijen = organen_lijst(org, dag)
    if als_json:
        _json({"peildatum": dag.isoformat(), "organen": rijen}, org)
    else:
        from amctl.weergave import terminal

        _toon(terminal.organen(rijen), org)


@app.command("toon")
def toon(
    orgaan: OrgaanArgument,
    peildatum: PeildatumOptie = None,
    bestand: BestandOptie = None,
) -> None:
    """De volledige kaart van een orgaan: taken, samenstelling, voorzitter, relaties, bronnen."""
    from amctl import vragen
    from amctl.weergave import terminal

    dag = _peildatum(peildatum)
    org = _model(bestand)
    gevonden = vragen.zoek_orgaan(org, orgaan)
    _toon(terminal.kaart(org, gevonden, vragen.wie_zit_in(org, gevonden, dag)), org)


@app.command("tree")
def tree(
    orgaan: Annotated[
        str | None,
        typer.Argument(help="Toon alleen dit orgaan en wat eronder valt.", show_default=False),
    ] = None,
    diepte: Annotated[
        int | None,
        typer.Option(
            "--diepte", min=0, help="Hoeveel niveaus organen onder de wortel.", show_default=False
        ),
    ] = None,
    peildatum: PeildatumOptie = None,
    als_json: JsonOptie = False,
    bestand: BestandOptie = None,
) -> None:
    """De structuur als boom: organen per 'onderdeel van', met zetels, voorzitter en relaties."""
    from amctl import vragen
    from amctl.weergave.gegevens import boom

    dag = _peildatum(peildatum)
    org = _model(bestand)
    wortel = vragen.zoek_orgaan(org, orgaan) if orgaan else None
    knopen = boom(org, dag, wortel, diepte)
    if als_json:
        _json({"peildatum": dag.isoformat(), "organen": knopen}, org)
    else:
        from amctl.weergave import terminal

        _toon(terminal.boom(knopen, dag), org)


class DiagramFormaat(StrEnum):
    mermaid = "mermaid"
    dot = "dot"
    svg = "svg"
    png = "png"


@app.command("diagram")
def diagram(
    formaat: Annotated[
        DiagramFormaat,
        typer.Option(
            "--formaat",
            help="mermaid (standaard; toont in GitHub- en GitLab-Markdown), dot (de taal van "
            "Graphviz), svg of png (die twee vragen Graphviz).",
        ),
    ] = DiagramFormaat.mermaid,
    uit: Annotated[
        Path | None,
        typer.Option(
            "--uit",
            metavar="PAD",
            help="Schrijf de figuur naar dit bestand, helemaal of niet. Standaard: stdout.",
            show_default=False,
        ),
    ] = None,
    peildatum: PeildatumOptie = None,
    bestand: BestandOptie = None,
) -> None:
    """Teken de samenhang van de organen: elk samenwerkingsverband (AM, MRA) in een eigen kader.

    Exit 0: getekend; 1: ongeldige gegevens of geen Graphviz; 2: verkeerd gebruik of schrijffout.
    """
    from amctl.weergave import diagram as tekenen

    dag = _peildatum(peildatum)
    if formaat is DiagramFormaat.png and uit is None and sys.stdout.isatty():
        raise GebruiksFout(
            "Een png hoort niet op het scherm; geef --uit PAD of stuur de uitvoer door."
        )
    org = _model(bestand)
    try:
        figuur = tekenen.maak(org, dag, formaat.value)
    except tekenen.GraphvizOntbreekt as fout:
        _fout(str(fout))
        raise typer.Exit(EXIT_ONGELDIG) from None
    if uit is not None:
        from amctl.schrijven import met_merk, schrijf_uitvoer

        schrijf_uitvoer(uit, met_merk(figuur, formaat.value), gegevens=Path(org.bestand))
    elif isinstance(figuur, bytes):
        sys.stdout.flush()
        sys.stdout.buffer.write(figuur)
    else:
        sys.stdout.write(figuur)


@app.command("docs")
def docs(
    uit: Annotated[
        Path | None,
        typer.Option(
            "--uit",
            metavar="MAP",
            help="Maak of werk het overzicht bij in deze map: README.md, organen/<id>.md en "
            "index.html.",
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
            metavar="JJJJ-MM-DD",
            help="Standaard: vandaag; bij --controleer de peildatum die in MAP/README.md staat.",
            show_default=False,
            callback=_controleer_datum,
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
    if peildatum is None and controleer is not None:
        dag = site.vastgelegde_peildatum(controleer) or date.today()
    else:
        dag = _peildatum(peildatum)
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
            sys.stdout.write(
                f"Bij: '{controleer}' komt overeen met de gegevens "
                f"({len(bestanden)} bestanden, peildatum {dag.isoformat()}).\n"
            )
            return
        _fout(f"het overzicht in '{controleer}' is niet bij (peildatum {dag.isoformat()}):")
        for verschil in verschillen:
            sys.stderr.write(f"  {verschil.soort}: {verschil.pad}\n")
        sys.stderr.write(
            f"Werk het bij met: amctl docs --uit {controleer} --peildatum {dag.isoformat()}\n"
        )
        raise typer.Exit(EXIT_ONGELDIG)

    gewijzigd = site.schrijf_site(map_, bestanden, gegevens=Path(org.bestand))
    if gewijzigd:
        sys.stdout.write(
            f"{len(gewijzigd)} van {len(bestanden)} bestanden bijgewerkt in '{map_}' "
            f"(peildatum {dag.isoformat()}).\n"
        )
    else:
        sys.stdout.write(f"'{map_}' was al bij (peildatum {dag.isoformat()}).\n")


# --- bewerken: benoem, ontsla, lid-erbij, lid-eraf, zet-status -------------------------------

DatumOptie = Annotated[
    str | None,
    typer.Option(
        "--datum",
        "-d",
        metavar="JJJJ-MM-DD",
        help="De dag waarop de wijziging ingaat: de eerste dag van de nieuwe toestand. "
        "Standaard: vandaag.",
        show_default=False,
        callback=_controleer_datum,
    ),
]
DroogOptie = Annotated[
    bool, typer.Option("--droog", help="Toon de wijziging als unified diff en schrijf niets.")
]
GemeenteOptie = Annotated[
    str | None,
    typer.Option(
        "--gemeente", "-g", help="De gemeente van de functie, bijv. diemen.", show_default=False
    ),
]
BronOptie = Annotated[
    str | None,
    typer.Option(
        "--bron", help="Id van de bron (onder 'bronnen') voor deze wijziging.", show_default=False
    ),
]
PersoonArgument = Annotated[
    str, typer.Argument(help="Id of naam van de persoon, bijv. a-de-vries of 'A. de Vries'.")
]
FunctieArgument = Annotated[
    str,
    typer.Argument(
        help="De functie, bijv. burgemeester (met --gemeente) of 'burgemeester van Diemen'."
    ),
]
LidFunctieOptie = Annotated[
    str | None,
    typer.Option(
        "--functie",
        help="De functie waarvoor de persoon lid is. Standaard: de enige passende functie die "
        "de persoon op die dag bekleedt.",
        show_default=False,
    ),
]


def _bewerk(bestand: Path | None, droog: bool, bewerken_met: str, **argumenten) -> None:
    """Apply the edit `amctl.bewerken.<bewerken_met>(**argumenten)` to the chosen file, and
    report it."""
    from functools import partial

    from amctl import bewerken
    from amctl.bestand import kies_bestand
    from amctl.controle import OngeldigeData
    from amctl.weergave.problemen import als_tekst

    pad = kies_bestand(bestand, om_te_wijzigen=True)
    bewerking = partial(getattr(bewerken, bewerken_met), **argumenten)
    try:
        resultaat = bewerken.bewerk_bestand(pad, bewerking, droog=droog)
    except OngeldigeData as ongeldig:
        fouten = ongeldig.uitslag.fouten
        sys.stderr.write(als_tekst(fouten))
        _fout(
            f"'{pad}' bevat al {len(fouten)} fout(en); herstel die eerst (zie 'amctl validate "
            f"{pad}'). Er is niets gewijzigd."
        )
        raise typer.Exit(EXIT_ONGELDIG) from None
    except bewerken.OngeldigeBewerking as ongeldig:
        fouten = ongeldig.uitslag.fouten
        if droog:
            sys.stdout.write(ongeldig.diff)
        sys.stderr.write(als_tekst(fouten))
        _fout(
            f"deze wijziging zou '{pad}' ongeldig maken ({len(fouten)} fout(en); de "
            "regelnummers horen bij de gewijzigde tekst, die --droog toont). Er is niets "
            "geschreven."
        )
        raise typer.Exit(EXIT_ONGELDIG) from None
    meldingen = sys.stderr if droog else sys.stdout
    meldingen.write("".join(melding + "\n" for melding in resultaat.meldingen))
    sys.stderr.write(als_tekst(resultaat.waarschuwingen))
    if droog and resultaat.gewijzigd:
        sys.stdout.write(resultaat.diff())
        sys.stderr.write("--droog: er is niets geschreven.\n")
    elif resultaat.geschreven:
        sys.stdout.write(f"Opgeslagen in '{pad}'.\n")


@app.command("benoem")
def benoem(
    persoon: Annotated[
        str,
        typer.Argument(
            help="Id of naam van de persoon. Een nieuwe persoon: een id (kleine letters, "
            "cijfers, streepjes) met --naam, of alleen de volledige naam (het id wordt ervan "
            "afgeleid)."
        ),
    ],
    functie: FunctieArgument,
    gemeente: GemeenteOptie = None,
    naam: Annotated[
        str | None,
        typer.Option(
            "--naam", help="De volledige naam van een nieuwe persoon.", show_default=False
        ),
    ] = None,
    portefeuille: Annotated[
        list[str] | None,
        typer.Option(
            "--portefeuille",
            "-p",
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
        datum=_peildatum(datum),
        naam=naam,
        bron=bron,
        portefeuilles=tuple(portefeuille or ()),
    )


@app.command("ontsla")
def ontsla(
    persoon: PersoonArgument,
    functie: FunctieArgument,
    gemeente: GemeenteOptie = None,
    datum: DatumOptie = None,
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
        datum=_peildatum(datum),
    )


@app.command("lid-erbij")
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
        datum=_peildatum(datum),
        bron=bron,
    )


@app.command("lid-eraf")
def lid_eraf(
    orgaan: OrgaanArgument,
    persoon: PersoonArgument,
    functie: LidFunctieOptie = None,
    gemeente: GemeenteOptie = None,
    datum: DatumOptie = None,
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
        datum=_peildatum(datum),
    )


@app.command("zet-status")
def zet_status(
    orgaan: OrgaanArgument,
    status: Annotated[str, typer.Argument(help="actief, in-overweging, betwist of opgeheven.")],
    datum: DatumOptie = None,
    bron: BronOptie = None,
    toelichting: Annotated[
        str | None,
        typer.Option("--toelichting", help="Uitleg bij de nieuwe status.", show_default=False),
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
        datum=_peildatum(datum),
        bron=bron,
        toelichting=toelichting,
    )


# --- diff en geschiedenis -------------------------------------------------------------------


class VerschilFormaat(StrEnum):
    tekst = "tekst"
    json = "json"
    markdown = "markdown"


@app.command("diff")
def diff(
    oud: Annotated[
        str,
        typer.Argument(
            help="De oude versie: een bestand, of een git-revisie van het bestand (HEAD~1, "
            "main, een commit)."
        ),
    ],
    nieuw: Annotated[
        str | None,
        typer.Argument(
            help="De nieuwe versie, net zo. Standaard: het bestand zoals het nu is.",
            show_default=False,
        ),
    ] = None,
    formaat: Annotated[
        VerschilFormaat,
        typer.Option("--formaat", help="tekst (standaard), json of markdown (voor een PR)."),
    ] = VerschilFormaat.tekst,
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
    from amctl.weergave.problemen import als_tekst

    pad = kies_bestand(bestand)
    versies, modellen, ongeldig = [], [], False
    for spec in (oud, nieuw):
        try:
            if spec is None:
                versie = verschil.lees_werkkopie(pad)
            else:
                versie = verschil.lees_versie(spec, pad)
            versies.append(versie)
            modellen.append(verschil.model(versie))
        except OngeldigeData as fout:
            fouten = fout.uitslag.fouten
            sys.stderr.write(als_tekst(fouten))
            _fout(
                f"'{fout.uitslag.bestand}' bevat {len(fouten)} fout(en); amctl vergelijkt alleen "
                "geldige versies."
            )
            ongeldig = True
    if ongeldig:
        raise typer.Exit(EXIT_ONGELDIG)
    wijzigingen = verschil.verschil(*modellen)
    weergave = verschil.FORMATEN[formaat.value]
    sys.stdout.write(weergave(wijzigingen, versies[0].label, versies[1].label))


@app.command("geschiedenis")
def geschiedenis(
    wie: Annotated[
        str,
        typer.Argument(
            help="Een orgaan (regiegroep), een functie ('burgemeester van Diemen'), een "
            "persoon of een gemeente."
        ),
    ],
    als_json: JsonOptie = False,
    bestand: BestandOptie = None,
) -> None:
    """De tijdlijn van een orgaan, functie, persoon of gemeente: wie wanneer welke zetel
    had, en wanneer een status of voorzitterschap wisselde."""
    from amctl import geschiedenis as tijdlijnen

    org = _model(bestand)
    tijdlijn = tijdlijnen.geschiedenis(org, wie)
    if als_json:
        _json(tijdlijnen.als_dict(tijdlijn), org)
    else:
        sys.stdout.write(f"{_kopregel(org)}\n{tijdlijnen.als_tekst(tijdlijn)}")


# --- vergaderingen: rooster en agenda --------------------------------------------------------


def _tussen(laagste: int, hoogste: int):
    """Option callback for a bounded number, with the message in Dutch."""

    def controleer(waarde: int | None) -> int | None:
        if waarde is not None and not laagste <= waarde <= hoogste:
            raise typer.BadParameter(f"geef een getal van {laagste} tot en met {hoogste}.")
        return waarde

    return controleer


TotOptie = Annotated[
    int | None,
    typer.Option(
        "--tot",
        metavar="JJJJ",
        callback=_tussen(1900, 9000),
        help="Plan tot en met dit jaar. Standaard: één ronde, elke gemeente één beurt.",
        show_default=False,
    ),
]
PerJaarOptie = Annotated[
    int | None,
    typer.Option(
        "--per-jaar",
        callback=_tussen(1, 12),
        help="Plan zoveel vergaderingen per jaar, ook als de bronnen elkaar tegenspreken. "
        "Standaard: het eerste vergaderritme in het bestand.",
        show_default=False,
    ),
]


@app.command("rooster")
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

    dag = _peildatum(peildatum)
    org = _model(bestand)
    plan = maak_rooster(org, vragen.zoek_orgaan(org, orgaan), dag, tot, per_jaar)
    if als_json:
        _json(rooster_dict(org, plan), org)
    else:
        from amctl.weergave.rooster import rooster_tabel

        _toon(rooster_tabel(org, plan), org)


@app.command("agenda")
def agenda(
    organen: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[ORGAAN]...",
            help="De organen in de agenda. Standaard: elk orgaan met vastgelegde "
            "vergaderingen of een wisselende vergaderplaats.",
            show_default=False,
        ),
    ] = None,
    uit: Annotated[
        Path | None,
        typer.Option(
            "--uit",
            metavar="PAD",
            help="Schrijf het iCalendar-bestand (.ics) hierheen, helemaal of niet. "
            "Standaard: stdout.",
            show_default=False,
        ),
    ] = None,
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

    dag = _peildatum(peildatum)
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

    schrijf_uitvoer(uit, kalender, gegevens=Path(org.bestand))
    geplande = sum(p.vergadering.gepland for p in punten)
    sys.stdout.write(
        f"{len(punten)} vergadering(en) in '{uit}': {len(punten) - geplande} vastgelegd, "
        f"{geplande} gepland.\n"
    )


def main() -> None:
    app()
