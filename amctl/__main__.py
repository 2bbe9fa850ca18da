"""`python -m amctl` and the `amctl` command.

The import of the CLI (Typer, Click, rich) takes a noticeable moment; Ctrl-C in that moment
ends amctl with one Dutch sentence, like Ctrl-C at any later moment, not with a traceback."""

import sys


def main() -> None:
    try:
        from amctl.cli import main as cli
    except KeyboardInterrupt:
        sys.stderr.write(
            "amctl: onderbroken (Ctrl-C); elk bestand is helemaal of niet geschreven.\n"
        )
        sys.exit(2)
    cli()


if __name__ == "__main__":
    main()
