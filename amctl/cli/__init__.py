"""The Typer app. Thin: parse arguments, call the library, choose a view.

One module per group of the help (`amctl --help`), imported in the help's order: a new
command goes in the module of its group. amctl.kader is the frame around them (the app, its
Dutch help, usage errors, exit statuses), amctl.opties the shared option types, and
amctl.cli.gedeeld what the commands share. Imports of the library happen inside the
commands, so that `amctl --help` and every command pay only for what they use (startup time
is measured: see BENCHMARKS.md).
"""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from amctl import EXIT_ONDERBROKEN, ONDERBROKEN, __version__
from amctl.kader import EXIT_GELDIG, EXIT_INTERN, app
from amctl.kader import fout as _fout

# The groups of the help, in the help's order: importing a module registers its commands on
# app, and the help lists the groups in the order their first commands were registered.
# isort: off
from amctl.cli import controleren  # noqa: F401
from amctl.cli import vragen  # noqa: F401
from amctl.cli import publiceren  # noqa: F401
from amctl.cli import bewerken  # noqa: F401
from amctl.cli import vergaderingen  # noqa: F401
from amctl.cli import instellen  # noqa: F401
# isort: on

__all__ = ["app", "main"]


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


def main() -> None:
    """The `amctl` program. A process that answers one question and ends needs neither Python's
    cyclic garbage collector (the model has no cycles; reference counting frees the rest) nor
    the tidying up at exit (freeing every object of a large model one by one, for nothing):
    once the output is flushed, it ends at once."""
    import gc
    import signal

    gc.disable()
    try:
        if signal.getsignal(signal.SIGINT) not in (signal.SIG_IGN, signal.SIG_DFL):
            # amctl.__main__ ended at once on Ctrl-C while importing; from here on Ctrl-C is
            # KeyboardInterrupt, so that a file being written is removed on the way out.
            signal.signal(signal.SIGINT, signal.default_int_handler)
        app()
        code = EXIT_GELDIG
    except SystemExit as einde:
        code = einde.code if isinstance(einde.code, int) else EXIT_INTERN if einde.code else 0
    except KeyboardInterrupt:  # before or after the group's own handler (building the app)
        _fout(ONDERBROKEN)
        code = EXIT_ONDERBROKEN
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        from amctl.__main__ import _onderbroken

        signal.signal(signal.SIGINT, _onderbroken)  # Ctrl-C while the output is flushed
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        pass  # `amctl tree | head`: the reader left; the exit status stays
    os._exit(code)
