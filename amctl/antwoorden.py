"""Whole answers from the cache: `amctl tree` of a national-scale file prints twenty thousand
lines, which take longer to make than to read, and `wie-zit-in`, asked again and again, then
needs neither the model nor the queries nor the views.

The answer is what the normal path printed, kept (amctl.cache) under the key of the file's
bytes and the amctl code together with everything else the output depends on: the command and
all its arguments and options, the date, the path that the answer names and the width plain
text wraps at. There is no second way to make an answer: on a miss the normal path runs and its
output is kept as it was printed, and that path answers from the very bytes the key was made
of (a file saved meanwhile cannot put its answer under the old key). Only plain text and JSON
are kept (rich draws for the terminal it runs in), and only an answer that ended normally with
nothing on stderr.
"""

from __future__ import annotations

import contextlib
import io
import sys
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def onthouden(bestand: Path | None, *vraag: object) -> Iterator[tuple[bool, bytes | None]]:
    """Answer `vraag` on the chosen file from the cache if it was asked before, else let the
    normal path answer and keep what it printed. Yields (run it?, the bytes to answer from:
    None when the normal path reads the file itself)."""
    from amctl import cache
    from amctl.bestand import kies_bestand
    from amctl.weergave.opmaak import platte_breedte

    breedte = platte_breedte()
    pad = kies_bestand(bestand)
    inhoud = None if breedte is None or cache.cachemap() is None else cache.lees_bestand(pad)
    if inhoud is None:
        yield True, None
        return
    volledig = (str(pad), breedte, *vraag)
    antwoord = cache.lees_antwoord(inhoud, volledig)
    if antwoord is not None:
        sys.stdout.write(antwoord)
        yield False, inhoud
        return
    echt, uit, fouten = (sys.stdout, sys.stderr), io.StringIO(), io.StringIO()
    sys.stdout, sys.stderr = uit, fouten
    try:
        yield True, inhoud
    finally:
        sys.stdout, sys.stderr = echt
        sys.stdout.write(uit.getvalue())
        sys.stderr.write(fouten.getvalue())
    if not fouten.getvalue():
        cache.bewaar_antwoord(inhoud, volledig, uit.getvalue())
