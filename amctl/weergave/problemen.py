"""Formatters for validation problems: tekst, json, github. One function per format."""

from __future__ import annotations

from collections.abc import Iterable

from amctl.probleem import Ernst, Probleem
from amctl.tekst import json_tekst, zichtbaar
from amctl.weergave.opmaak import vouw

_KLEUR = {Ernst.FOUT: "\x1b[31m", Ernst.WAARSCHUWING: "\x1b[33m"}
_GRIJS, _UIT = "\x1b[2m", "\x1b[0m"
INSPRONG = 4  # of the lines a message wraps onto, on a terminal


def als_tekst(
    problemen: Iterable[Probleem], kleur: bool = False, breedte: int | None = None
) -> str:
    """`PAD:REGEL:KOLOM: CODE melding`, one per line, like compilers and ruff: editors and CI
    parse that form from piped output. On a terminal (`breedte`, see opmaak.breedte_voor) the
    message wraps at words beneath, with a hanging indent."""
    regels = []
    for p in problemen:
        plek = f"{p.bestand}:{p.regel}:{p.kolom}:"
        melding = zichtbaar(p.melding, eenregelig=True)
        tekst = "\n".join(vouw(f"{plek} {p.code} {melding}", breedte, INSPRONG))
        if kleur:
            code = tekst.index(p.code, len(plek))
            tekst = (
                f"{_GRIJS}{plek}{_UIT}{tekst[len(plek) : code]}"
                f"{_KLEUR[p.ernst]}{p.code}{_UIT}{tekst[code + len(p.code) :]}"
            )
        regels.append(tekst)
    return "".join(r + "\n" for r in regels)


def als_json(problemen: Iterable[Probleem]) -> str:
    return json_tekst([p.als_dict() for p in problemen])


def _github_escape(tekst: str, eigenschap: bool = False) -> str:
    tekst = tekst.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if eigenschap:
        tekst = tekst.replace(":", "%3A").replace(",", "%2C")
    return tekst


def als_github(problemen: Iterable[Probleem]) -> str:
    """GitHub Actions workflow commands: annotations on the pull request's lines."""
    regels = []
    for p in problemen:
        niveau = "error" if p.ernst is Ernst.FOUT else "warning"
        regels.append(
            f"::{niveau} file={_github_escape(p.bestand, True)},line={p.regel},col={p.kolom},"
            f"title={p.code}::{_github_escape(p.code + ' ' + zichtbaar(p.melding))}"
        )
    return "".join(r + "\n" for r in regels)


FORMATEN = {"tekst": als_tekst, "json": als_json, "github": als_github}
