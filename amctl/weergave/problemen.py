"""Formatters for validation problems: tekst, json, github, sarif, gitlab. One function per
format; each takes the problems reported and, where the format can say it, those switched off."""

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
    """`PAD:REGEL:KOLOM: CODE [fout] melding`, one per line, like compilers, ruff and yamllint's
    parsable format: editors and CI parse that form from piped output, and the level in brackets
    tells an error from a warning. On a terminal (`breedte`, see opmaak.breedte_voor) the
    message wraps at words beneath, with a hanging indent."""
    regels = []
    for p in problemen:
        plek = f"{p.bestand}:{p.regel}:{p.kolom}:"
        melding = zichtbaar(p.melding, eenregelig=True)
        tekst = "\n".join(vouw(f"{plek} {p.code} [{p.ernst.label}] {melding}", breedte, INSPRONG))
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


def _uri(bestand: str) -> str:
    """The file as a SARIF/URI reference: a relative path stays relative (GitHub resolves it
    against the repository), an absolute one becomes a file: URI."""
    from pathlib import PurePosixPath
    from urllib.parse import quote

    if bestand.startswith("/"):
        return "file://" + quote(bestand)
    return quote(str(PurePosixPath(bestand)))


def _regio(p: Probleem) -> dict:
    return {"startLine": p.regel, "startColumn": p.kolom} if p.regel >= 1 else {}


def als_sarif(problemen: Iterable[Probleem], genegeerd: Iterable = ()) -> str:
    """SARIF 2.1.0 (GitHub code scanning, Azure DevOps, IDEs): every rule of the registry with
    its help as `amctl regels CODE` gives it, every problem as a result, and every warning that
    was switched off as a result with a suppression saying how."""
    from amctl import __version__
    from amctl.regels import alle_regels
    from amctl.weergave.regelhulp import regel_uitleg

    regels = alle_regels()
    index = {r.code: i for i, r in enumerate(regels)}
    niveau = {Ernst.FOUT: "error", Ernst.WAARSCHUWING: "warning"}

    def resultaat(p: Probleem, onderdrukt: str | None = None) -> dict:
        plek: dict = {"artifactLocation": {"uri": _uri(p.bestand)}}
        if regio := _regio(p):
            plek["region"] = regio
        uit: dict = {
            "ruleId": p.code,
            "ruleIndex": index[p.code],
            "level": niveau[p.ernst],
            "message": {"text": zichtbaar(p.melding)},
            "locations": [{"physicalLocation": plek}],
            "partialFingerprints": {"amctl/v1": _vingerafdruk(p)},
        }
        if onderdrukt is not None:
            soort = "inSource" if onderdrukt.startswith("regel") else "external"
            uit["suppressions"] = [{"kind": soort, "justification": f"uitgezet: {onderdrukt}"}]
        return uit

    regelbeschrijvingen = [
        {
            "id": r.code,
            "name": r.naam,
            "shortDescription": {"text": r.samenvatting},
            "fullDescription": {"text": r.uitleg},
            "help": {"text": regel_uitleg(r)},
            "defaultConfiguration": {"level": niveau[r.ernst]},
            "properties": {"laag": r.laag},
        }
        for r in regels
    ]
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "amctl",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": regelbeschrijvingen,
                    }
                },
                "results": [
                    *(resultaat(p) for p in problemen),
                    *(resultaat(g.probleem, g.waarom) for g in genegeerd),
                ],
                "columnKind": "unicodeCodePoints",
            }
        ],
    }
    return json_tekst(log)


def _vingerafdruk(p: Probleem, volgnummer: int = 0) -> str:
    """Stable over edits elsewhere in the file: file, code and message, not the line (a line
    added above a problem must not make CI report it as new)."""
    import hashlib

    sleutel = "\0".join([p.bestand, p.code, p.melding, str(volgnummer)])
    return hashlib.sha256(sleutel.encode("utf-8", "surrogatepass")).hexdigest()


def als_gitlab(problemen: Iterable[Probleem]) -> str:
    """GitLab Code Quality (a JSON list): one entry per problem with a fingerprint that stays
    the same while the problem does; two equal problems in one file get a sequence number."""
    gezien: dict[tuple[str, str, str], int] = {}
    uit = []
    for p in problemen:
        sleutel = (p.bestand, p.code, p.melding)
        volgnummer = gezien.get(sleutel, 0)
        gezien[sleutel] = volgnummer + 1
        uit.append(
            {
                "description": f"{p.code} {zichtbaar(p.melding)}",
                "check_name": p.code,
                "fingerprint": _vingerafdruk(p, volgnummer),
                "severity": "major" if p.ernst is Ernst.FOUT else "minor",
                "location": {"path": p.bestand, "lines": {"begin": max(p.regel, 1)}},
            }
        )
    return json_tekst(uit)


FORMATEN = {
    "tekst": als_tekst,
    "json": als_json,
    "github": als_github,
    "sarif": als_sarif,
    "gitlab": als_gitlab,
}
