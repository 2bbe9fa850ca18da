"""What the commands share: the validated model (or exit 1 through the one path for a file
with errors), an answer as JSON or as blocks on stdout, and carrying out an edit."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import typer

from amctl.kader import EXIT_ONGELDIG, meld
from amctl.kader import fout as _fout
from amctl.probleem import GebruiksFout


def met_json(formaat, als_json: bool, soort):
    """--json is --formaat json; asking for two formats at once is wrong usage."""
    if not als_json:
        return formaat
    if formaat is not soort.tekst:
        raise GebruiksFout(f"Kies --json of --formaat {formaat.value}, niet beide.")
    return soort.json


def lees_model(bestand: Path | None, inhoud: bytes | None = None):
    """The validated model of the chosen file (of `inhoud`, its bytes as already read, when
    given); invalid data ends the command with exit 1."""
    from amctl.bestand import kies_bestand
    from amctl.controle import OngeldigeData, geldig_model

    pad = kies_bestand(bestand)
    try:
        return geldig_model(pad, inhoud)
    except OngeldigeData as ongeldig:
        stop_bij_fouten(ongeldig.uitslag, "daarom geeft amctl geen antwoord")


def lees_model_met_waarschuwingen(bestand: Path | None):
    """The validated model of the chosen file and its warnings, as `amctl controleer` finds
    them (its verdict comes from the cache when the file is unchanged); errors end the
    command with exit 1, as in `lees_model`."""
    from amctl.bestand import kies_bestand
    from amctl.controle import oordeel

    pad = kies_bestand(bestand)
    uitslag = oordeel(pad)
    if uitslag.fouten:
        stop_bij_fouten(uitslag, "daarom geeft amctl geen antwoord")
    return lees_model(pad), uitslag.waarschuwingen


def stop_bij_fouten(uitslag, gevolg: str, getoond: int = 5) -> NoReturn:
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


def schrijf_json(gegevens: dict, org=None) -> None:
    """JSON for scripts; the first key names the file the answer was read from (if any)."""
    from amctl.tekst import json_tekst

    if org is not None:
        gegevens = {"bestand": org.bestand, **gegevens}
    sys.stdout.write(json_tekst(gegevens))


def kopregel(org) -> str:
    """The header line of every answer: which file it was read from."""
    return f"Bestand: {org.bestand}"


def toon_blokken(blokken: list, org=None) -> None:
    """Blocks for people; an answer from the data first names the file it was read from."""
    from amctl.weergave.opmaak import Deel, regel, toon

    kop = [regel(Deel(kopregel(org), "dim"))] if org is not None else []
    toon([*kop, *blokken])


def met_bronnen(org, gegevens: dict, ids: list[str]) -> dict:
    """The answer with the sources it cites in full (`--bronnen` with `--json`)."""
    from amctl.weergave.gegevens import bron_dict

    return {**gegevens, "bronnen": [bron_dict(org, b) for b in ids]}


def bronnen_eronder(org, gegevens: object) -> list:
    """The sources an answer cites, in full, under the answer (`--bronnen`)."""
    from amctl.weergave.gegevens import geciteerde_bronnen
    from amctl.weergave.opmaak import regel
    from amctl.weergave.terminal import bronnenlijst

    ids = geciteerde_bronnen(gegevens)
    return bronnenlijst(org, ids, volledig=True) or [regel("Bronnen: geen")]


def bewerk(bestand: Path | None, droog: bool, bewerken_met, **argumenten) -> None:
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
        stop_bij_fouten(ongeldig.uitslag, "daarom wijzigt amctl er niets aan")
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
