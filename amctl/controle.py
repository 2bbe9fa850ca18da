"""The validation pipeline: load, schema, references, domain rules; every problem found."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from amctl.probleem import Ernst, LaadFout, Probleem

if TYPE_CHECKING:
    from collections.abc import Iterable

    from amctl.laden import Document
    from amctl.model import Organisatie
    from amctl.negeren import Genegeerd


class Uitslag(NamedTuple):
    bestand: str
    organisatie: Organisatie | None
    problemen: list[Probleem]
    gelezen: tuple = ()  # what the checks read besides the data file (amctl.invoer)
    # Warnings switched off (amctl.negeren): not in `problemen`, counted in the summary.
    genegeerd: tuple[Genegeerd, ...] = ()
    # Every problem found, before any warning was switched off: what the cache keeps, since
    # what is switched off follows from the same bytes and the command (None: `problemen`).
    alle: tuple[Probleem, ...] | None = None

    @property
    def fouten(self) -> list[Probleem]:
        return [p for p in self.problemen if p.ernst is Ernst.FOUT]

    @property
    def waarschuwingen(self) -> list[Probleem]:
        return [p for p in self.problemen if p.ernst is Ernst.WAARSCHUWING]


def controleer_document(document: Document) -> Uitslag:
    # Importing catalogus and domein registers every rule code that Melder looks up.
    from amctl.inlezen import bouw_organisatie
    from amctl.regels import DOMEINCONTROLES, Melder, catalogus, domein  # noqa: F401
    from amctl.regels.verwijzingen import controleer_verwijzingen

    organisatie, problemen = bouw_organisatie(document)
    problemen.extend(controleer_verwijzingen(organisatie))
    if not any(p.ernst is Ernst.FOUT for p in problemen):
        meld = Melder(document.bestand)
        for controle in DOMEINCONTROLES:
            problemen.extend(controle(organisatie, meld))
    problemen.sort(key=lambda p: (p.regel, p.kolom, p.code))
    return Uitslag(document.bestand, organisatie, problemen)


def _alle_problemen(laad) -> Uitslag:
    from amctl.cache import zonder_gc
    from amctl.invoer import opname

    with opname() as gelezen:
        try:
            with zonder_gc():
                uitslag = controleer_document(laad())
        except LaadFout as fout:
            uitslag = Uitslag(fout.probleem.bestand, None, [fout.probleem])
    return uitslag._replace(gelezen=tuple(gelezen))


def zonder_uitgezette(
    uitslag: Uitslag, bron: str | bytes | None, negeer: Iterable[tuple[str, str]] = ()
) -> Uitslag:
    """The verdict with the warnings switched off by the file's own `# amctl: negeer`
    comments (in `bron`, its text or bytes) and by `negeer`, (code, reason) pairs of
    --negeer and .amctl.toml (amctl.negeren)."""
    from amctl.negeren import pas_toe

    alle = uitslag.problemen if uitslag.alle is None else list(uitslag.alle)
    problemen, genegeerd = pas_toe(alle, uitslag.bestand, bron, negeer)
    return uitslag._replace(problemen=problemen, genegeerd=tuple(genegeerd), alle=tuple(alle))


def controleer_geladen(document: Document, tekst: str) -> Uitslag:
    """`controleer_tekst(tekst)` on the tree of `tekst` already loaded (an edit parses each
    text once)."""
    return zonder_uitgezette(_alle_problemen(lambda: document), tekst)


def controleer_tekst(tekst: str, bestand: str = "<tekst>") -> Uitslag:
    from amctl.laden import laad_tekst

    return zonder_uitgezette(_alle_problemen(lambda: laad_tekst(tekst, bestand)), tekst)


def _bytes_ruw(inhoud: bytes, bestand: str) -> Uitslag:
    from amctl.laden import decodeer, laad_tekst

    return _alle_problemen(lambda: laad_tekst(decodeer(inhoud, bestand), bestand))


def controleer_bestand(pad: Path, negeer: Iterable[tuple[str, str]] = ()) -> Uitslag:
    from amctl.laden import lees_bytes

    try:
        inhoud = lees_bytes(pad)
    except LaadFout as fout:
        return Uitslag(fout.probleem.bestand, None, [fout.probleem])
    return controleer_bytes(inhoud, str(pad), negeer)


def controleer_bytes(
    inhoud: bytes, bestand: str, negeer: Iterable[tuple[str, str]] = ()
) -> Uitslag:
    return zonder_uitgezette(_bytes_ruw(inhoud, bestand), inhoud, negeer)


def oordeel(pad: Path, negeer: Iterable[tuple[str, str]] = ()) -> Uitslag:
    """The problems of a file, as `amctl validate` reports them (the model is left out).

    The verdict on an unchanged file comes from the cache (amctl.cache), without the parser or
    the rules; a new verdict is kept there. The cache keeps every problem found: which
    warnings are switched off follows afterwards from the same bytes and `negeer`."""
    from amctl import cache

    inhoud = cache.lees_bestand(pad)
    if inhoud is None:
        return controleer_bestand(pad, negeer)
    bewaard = cache.lees_uitslag(str(pad), inhoud)
    if bewaard is not None:
        return zonder_uitgezette(Uitslag(str(pad), None, bewaard), inhoud, negeer)
    uitslag = _bytes_ruw(inhoud, str(pad))
    bewaar(pad, inhoud, uitslag)
    return zonder_uitgezette(uitslag, inhoud, negeer)


def bewaar(pad: Path | str, inhoud: bytes, uitslag: Uitslag) -> None:
    """Keep what the checks concluded about these bytes at this path in the cache: the
    verdict, and for a file without errors its model. An edit that validated its new text
    calls this after writing it, so that the next question needs no parse. Best effort."""
    from amctl import cache, modelcache

    alle = uitslag.problemen if uitslag.alle is None else list(uitslag.alle)
    cache.bewaar_uitslag(str(pad), inhoud, alle, uitslag.gelezen)
    if uitslag.organisatie is not None and not uitslag.fouten:
        modelcache.bewaar(str(pad), inhoud, uitslag.organisatie, uitslag.gelezen)


class OngeldigeData(Exception):
    """The data has errors: queries refuse to answer rather than answer wrongly."""

    def __init__(self, uitslag: Uitslag) -> None:
        super().__init__(uitslag.bestand)
        self.uitslag = uitslag


def model_uit_bytes(inhoud: bytes, bestand: str) -> Organisatie:
    """The model of a file's bytes without errors, else OngeldigeData; the cache calls it when
    it finds a damaged entry halfway through a question."""
    uitslag = controleer_bytes(inhoud, bestand)
    if uitslag.organisatie is None or uitslag.fouten:
        raise OngeldigeData(uitslag)
    return uitslag.organisatie


def geldig_model(pad: Path, inhoud: bytes | None = None) -> Organisatie:
    """The model of a file without errors (warnings allowed); else OngeldigeData. Given
    `inhoud`, the model of those bytes of the file (read once by the caller), not a new read.

    An unchanged file that was valid before comes from the cache (amctl.modelcache)."""
    from amctl import cache, modelcache

    inhoud, organisatie = modelcache.model_van(pad, model_uit_bytes, inhoud)
    if organisatie is not None:
        return organisatie
    if inhoud:
        bewaard = cache.lees_uitslag(str(pad), inhoud)
        if bewaard is not None and any(p.ernst is Ernst.FOUT for p in bewaard):
            raise OngeldigeData(Uitslag(str(pad), None, bewaard))
        uitslag = controleer_bytes(inhoud, str(pad))
        bewaar(pad, inhoud, uitslag)
    else:
        uitslag = controleer_bestand(pad)
    if uitslag.fouten or uitslag.organisatie is None:
        raise OngeldigeData(uitslag)
    return uitslag.organisatie
