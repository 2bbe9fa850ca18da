"""Tab completion: the values a command accepts, read from the data file in use.

The shell runs amctl on every Tab press (with _AMCTL_COMPLETE set; see `amctl aanvulling`),
so this stays light: no rich, the model from the cache (amctl.cache) when the file is
unchanged, and nothing at all when the file cannot be read or has errors; completion never
prints a message.

Every value is one shell word (ids, and posts as 'burgemeester-van-diemen', which the
look-up reads as 'burgemeester van Diemen'); the name goes along as the description that zsh
and fish show. Shells complete by prefix, so a value matches what was typed when it starts
with it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

STATUSSEN = ("actief", "in-overweging", "betwist", "opgeheven")


def _model(ctx):
    """The validated model of the file the command line names (or the default), else None."""
    try:
        from amctl.bestand import kies_bestand
        from amctl.controle import geldig_model

        gekozen = ctx.params.get("bestand") if ctx is not None else None
        return geldig_model(kies_bestand(Path(gekozen) if gekozen else None))
    except Exception:  # Tab must never show an error: no values is the answer
        return None


def beginnend_met(tabel: Mapping[str, T], getypt: str) -> Iterable[tuple[str, T]]:
    """(id, object) for the ids of a section that start with what was typed, in file order. A
    model from the cache reads only those rows (amctl.modelcache: on a national-scale file a
    few persons instead of 20,000); a model built from the file is simply filtered."""
    alleen = getattr(tabel, "beginnend_met", None)
    if alleen is not None:
        return alleen(getypt)
    return ((i, o) for i, o in tabel.items() if i.startswith(getypt))


def _kandidaten(soort: str, org, getypt: str) -> Iterator[tuple[str, str]]:
    """(value, description) pairs of one kind: at least every value that starts with
    `getypt` (`waarden` filters)."""
    if soort == "status":
        yield from ((s, "") for s in STATUSSEN)
        return
    if org is None:
        return
    if soort in ("orgaan", "wie-of-orgaan"):
        yield from ((o.id, o.naam) for _, o in beginnend_met(org.organen, getypt))
    if soort == "verband":
        from datetime import date

        from amctl.vragen import is_samenwerkingsverband

        vandaag = date.today()
        yield from (
            (o.id, o.naam)
            for _, o in beginnend_met(org.organen, getypt)
            if is_samenwerkingsverband(org, o, vandaag)
        )
    if soort in ("gemeente", "wie", "wie-of-orgaan"):
        yield from ((g.id, g.naam) for _, g in beginnend_met(org.gemeenten, getypt))
    if soort in ("persoon", "wie", "wie-of-orgaan"):
        yield from ((p.id, p.naam) for _, p in beginnend_met(org.personen, getypt))
    if soort == "functie":
        yield from ((f.id, f.naam) for f in org.functies.values())
    if soort in ("post", "wie", "wie-of-orgaan"):
        for functie in org.functies.values():
            yield functie.id, functie.naam
            if functie.per_gemeente:
                yield from _posten(org, functie, getypt)
    if soort == "bron":
        yield from ((b.id, b.titel) for _, b in beginnend_met(org.bronnen, getypt))
    if soort == "portefeuille":
        yield from ((p.id, p.naam) for _, p in beginnend_met(org.portefeuilles, getypt))


def _posten(org, functie, getypt: str) -> Iterator[tuple[str, str]]:
    """The posts of a function per gemeente ('burgemeester-van-diemen') that can start with
    what was typed: all of them while the function's part is still being typed, else those of
    the gemeenten whose id starts with the rest."""
    stam = f"{functie.id}-van-"
    if stam.startswith(getypt):
        gemeenten = org.gemeenten.values()
    elif getypt.startswith(stam):
        gemeenten = (g for _, g in beginnend_met(org.gemeenten, getypt[len(stam) :]))
    else:
        return
    for gemeente in gemeenten:
        yield f"{stam}{gemeente.id}", f"{functie.naam} van {gemeente.naam}"


def waarden(soort: str, ctx, getypt: str) -> list[tuple[str, str]]:
    """(value, description) for each value of `soort` that starts with `getypt`."""
    org = None if soort == "status" else _model(ctx)
    gezien: set[str] = set()
    uit = []
    for waarde, naam in _kandidaten(soort, org, getypt):
        if waarde not in gezien and waarde.startswith(getypt):
            gezien.add(waarde)
            uit.append((waarde, naam))
    return uit


def regelcodes(getypt: str) -> list[tuple[str, str]]:
    from amctl.regels import alle_regels

    gezocht = getypt.strip().upper()
    return [(r.code, r.naam) for r in alle_regels() if r.code.startswith(gezocht)]


# --- installing: the script the shell runs on Tab ------------------------------------------

SHELLS = ("bash", "zsh", "fish")
_ZSH_REGEL = "fpath+=~/.zfunc; autoload -Uz compinit; compinit"


def script(shell: str) -> str:
    """The completion script for `shell`: it runs amctl with _AMCTL_COMPLETE set."""
    from typer._completion_shared import get_completion_script

    from amctl.kader import AANVUL_VARIABELE

    return get_completion_script(prog_name="amctl", complete_var=AANVUL_VARIABELE, shell=shell)


def huidige_shell() -> str | None:
    naam = Path(os.environ.get("SHELL", "")).name
    return naam if naam in SHELLS else None


def installeer(shell: str, thuis: Path) -> list[Path]:
    """Put the script where `shell` finds it in every new shell; returns the files written.
    Each file is written whole or not at all; a line already present is not added again."""
    from amctl.schrijven import schrijf_atomair

    if shell == "fish":
        doel = thuis / ".config" / "fish" / "completions" / "amctl.fish"
        regel, instellingen = None, None
    elif shell == "zsh":
        doel = thuis / ".zfunc" / "_amctl"
        regel, instellingen = _ZSH_REGEL, thuis / ".zshrc"
    else:
        doel = thuis / ".bash_completions" / "amctl.sh"
        regel, instellingen = f"source '{doel}'", thuis / ".bashrc"
    doel.parent.mkdir(parents=True, exist_ok=True)
    schrijf_atomair(doel, (script(shell) + "\n").encode())
    geschreven = [doel]
    if instellingen is not None and regel is not None:
        oud = instellingen.read_text(encoding="utf-8") if instellingen.is_file() else ""
        if regel not in oud.splitlines():
            scheiding = "" if not oud or oud.endswith("\n") else "\n"
            schrijf_atomair(instellingen, f"{oud}{scheiding}{regel}\n".encode())
            geschreven.append(instellingen)
    return geschreven
