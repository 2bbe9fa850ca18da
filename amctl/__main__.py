"""`python -m amctl` and the `amctl` command.

The import of the CLI (Typer, Click, rich) takes a noticeable moment. Ctrl-C in that moment
ends amctl at once with one Dutch sentence and exit status 130, like Ctrl-C at any later
moment, not with a traceback: until the commands run, a Ctrl-C does not raise
KeyboardInterrupt in whatever import it lands in (Python would print the traceback of that
import), it ends the process (nothing is being written yet). amctl.cli.main restores the
usual KeyboardInterrupt before a command runs."""

# Only what is loaded before any import: the built-in modules (`signal` itself is a module
# of the standard library whose import is a moment a Ctrl-C can land in).
import _signal
import sys

try:
    import posix as _os
except ImportError:  # pragma: no cover - Windows
    import os as _os

from amctl import EXIT_ONDERBROKEN, ONDERBROKEN


def _onderbroken(_signaal, _frame) -> None:
    _os.write(2, f"amctl: {ONDERBROKEN}\n".encode())
    _os._exit(EXIT_ONDERBROKEN)


# Ctrl-C ends amctl at once (unless the shell had it ignored: `nohup`, `&`).
if _signal.getsignal(_signal.SIGINT) is _signal.default_int_handler:
    _signal.signal(_signal.SIGINT, _onderbroken)


def main() -> None:
    try:
        from amctl.cli import main as cli
    except KeyboardInterrupt:  # a handler of SIGINT other than ours (an embedding program)
        sys.stderr.write(f"amctl: {ONDERBROKEN}\n")
        sys.exit(EXIT_ONDERBROKEN)
    cli()


if __name__ == "__main__":
    main()
