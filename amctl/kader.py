"""The frame around the commands: the app, its Dutch help and usage errors, exit statuses.

amctl.cli declares the commands on `app`; everything a user sees around them (the help, the
words for wrong usage, the exit status) is decided here, the same for every command.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys

import typer
from typer.core import TyperCommand, TyperGroup

from amctl import EXIT_ONDERBROKEN, ONDERBROKEN
from amctl.probleem import GebruiksFout

EXIT_GELDIG, EXIT_ONGELDIG, EXIT_GEBRUIK, EXIT_INTERN = 0, 1, 2, 3


def fout(melding: str) -> None:
    """One line on stderr (on a terminal wrapped at words beneath 'amctl: '). The message may
    quote the file or the command line: its control characters are shown as \\uXXXX
    (amctl.tekst), like every answer does, and a very long word (an argument of 100 KB) is
    cut in the middle."""
    from amctl.tekst import ingekort, zichtbaar

    melding = ingekort(zichtbaar(melding, eenregelig=True))
    sys.stderr.write(_gevouwen(f"amctl: {melding}\n", sys.stderr, 7))


def meld(tekst: str, stroom=None, vouwen: bool = True) -> None:
    """A message that quotes names or paths, with its control characters made visible. On a
    terminal each line wraps at words, with a hanging indent; `vouwen=False` for text that
    must stay as it is (a diff of the file)."""
    from amctl.tekst import zichtbaar

    stroom = stroom or sys.stdout
    tekst = zichtbaar(tekst).replace("\\u000d\n", "\r\n")
    stroom.write(_gevouwen(tekst, stroom) if vouwen else tekst)


def _gevouwen(tekst: str, stroom, insprong: int = 2) -> str:
    """Each line of `tekst` wrapped to the terminal `stroom` is (amctl.weergave.opmaak.vouw),
    indented `insprong` beyond its own indentation; piped, unchanged."""
    from amctl.weergave.opmaak import breedte_voor, vouw

    breedte = breedte_voor(stroom)
    if breedte is None or all(len(r) <= breedte for r in tekst.split("\n")):
        return tekst
    regels = []
    for r in tekst.split("\n"):
        eigen = len(r) - len(r.lstrip(" "))
        regels += vouw(r, breedte, eigen + insprong)
    return "\n".join(regels)


# Typer turns Ctrl-C inside a command into this exit code; no command of ours returns it.
_TYPER_ONDERBROKEN = 130


def _vertaal_gebruiksfout(probleem: Exception, opdrachten: list[str]) -> str:
    """Click reports wrong usage in English; our users read Dutch."""
    soort = type(probleem).__name__
    if soort == "NoSuchOption":
        if probleem.option_name == "-d" and _heeft_optie(probleem, "--datum"):
            return (
                "In een bewerking is de datum --datum (kort: -D); -d is de --peildatum van een "
                "vraag. Zie docs/conventies.md."
            )
        tip = sorted(getattr(probleem, "possibilities", None) or [])
        extra = f" Bedoelde u: {', '.join(tip)}?" if tip else ""
        return f"Onbekende optie '{probleem.option_name}'.{extra} Zie 'amctl --help'."
    if soort == "MissingParameter":
        param = getattr(probleem, "param", None)
        naam = param.get_error_hint() if param is not None else "een waarde"
        return f"{naam} ontbreekt. " + _zie_hulp(probleem)
    if soort == "BadParameter":
        param = getattr(probleem, "param", None)
        naam = param.get_error_hint() if param is not None else "een optie"
        return f"Ongeldige waarde voor {naam}: {_vertaal_waardefout(probleem.message)}"
    bericht = probleem.format_message()
    if soort == "BadOptionUsage":
        optie = getattr(probleem, "option_name", "")
        if "does not take a value" in bericht:
            return f"De optie '{optie}' neemt geen waarde. " + _zie_hulp(probleem)
        if "requires" in bericht:
            return f"De optie '{optie}' vraagt een waarde. " + _zie_hulp(probleem)
    if bericht.startswith("No such command"):
        import difflib

        naam = bericht.split("'")[1] if "'" in bericht else bericht
        tip = difflib.get_close_matches(naam, opdrachten, n=1)
        hint = f" Bedoelde u: {tip[0]}?" if tip else " Zie 'amctl --help' voor de opdrachten."
        return f"Onbekende opdracht '{naam}'.{hint}"
    if bericht.startswith("Got unexpected extra argument"):
        extra = bericht.rsplit("(", 1)[-1].rstrip(")")
        return f"Te veel argumenten: {extra}. " + _zie_hulp(probleem)
    return f"Onjuist gebruik: {bericht}"


def _zie_hulp(probleem: Exception) -> str:
    ctx = getattr(probleem, "ctx", None)
    return f"Zie '{ctx.command_path} --help'." if ctx is not None else "Zie --help bij de opdracht."


def _heeft_optie(probleem: Exception, naam: str) -> bool:
    ctx = getattr(probleem, "ctx", None)
    return ctx is not None and any(naam in p.opts for p in ctx.command.params)


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


HULP_OPTIE = "Toon deze hulp en stop."
AANVUL_VARIABELE = "_AMCTL_COMPLETE"


def _met_nederlandse_hulpoptie(optie):
    if optie is not None:
        optie.help = HULP_OPTIE
    return optie


class Opdracht(TyperCommand):
    """A command whose help is Dutch plain text (amctl.hulptekst), without rich."""

    def get_help(self, ctx: typer.Context) -> str:
        from amctl.hulptekst import hulp_bij_opdracht

        return hulp_bij_opdracht(self, ctx, ALIASSEN)

    def get_help_option(self, ctx: typer.Context):
        return _met_nederlandse_hulpoptie(super().get_help_option(ctx))


class _ZonderOmzetting:
    """On a Tab press no command runs, so the values on the line need no conversion; Typer's
    conversion would load pydantic, which costs more than the rest of the Tab press."""

    @staticmethod
    def coerce(waarde, param=None, ctx=None):
        return waarde


_ZONDER_OMZETTING = _ZonderOmzetting()


@contextlib.contextmanager
def _zonder_omzetting():
    """While answering a Tab press, values pass unconverted. Typer 0.29's hook; a Typer
    without it merely completes slower."""
    try:
        from typer.core import _TyperParameter
    except ImportError:
        yield
        return
    eigen = _TyperParameter.get_runtime_param
    _TyperParameter.get_runtime_param = lambda _param: _ZONDER_OMZETTING
    try:
        yield
    finally:
        _TyperParameter.get_runtime_param = eigen


class Groep(TyperGroup):
    """The whole app. Every way out goes through here: Dutch help and usage errors, no
    traceback, fixed exit statuses."""

    def get_help(self, ctx: typer.Context) -> str:
        from amctl.hulptekst import overzicht

        return overzicht(self, ctx, ALIASSEN)

    def get_help_option(self, ctx: typer.Context):
        return _met_nederlandse_hulpoptie(super().get_help_option(ctx))

    def _main_shell_completion(self, ctx_args, prog_name, complete_var=None):
        """A Tab press (_AMCTL_COMPLETE set; see `amctl aanvulling`): answer and stop."""
        if os.environ.get(AANVUL_VARIABELE):
            from typer._completion_classes import completion_init

            completion_init()
            with _zonder_omzetting():
                super()._main_shell_completion(ctx_args, prog_name, AANVUL_VARIABELE)

    def main(self, *args, **kwargs):  # type: ignore[override]
        from amctl import ongedaan

        kwargs["standalone_mode"] = False
        gegeven = kwargs.get("args", args[0] if args else None)
        ongedaan.opdrachtregel = list(sys.argv[1:] if gegeven is None else gegeven)
        try:
            uitkomst = super().main(*args, **kwargs)
        except GebruiksFout as gebruiksfout:
            fout(str(gebruiksfout))
            sys.exit(EXIT_GEBRUIK)
        except KeyboardInterrupt:
            fout(ONDERBROKEN)
            sys.exit(EXIT_ONDERBROKEN)
        except BrokenPipeError:
            # `amctl tree | head`: the reader left; say nothing more.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(EXIT_GELDIG)
        except OSError as probleem:
            from amctl.tekst import oorzaak

            # What the environment refuses (a file that vanished, a full disk, a device):
            # the commands name the usual cases themselves; this is the net under them.
            waar = f" '{probleem.filename}'" if probleem.filename else ""
            fout(
                f"het systeem weigert een lees- of schrijfactie{waar}: "
                f"{oorzaak(probleem)}. Er is niets half geschreven."
            )
            sys.exit(EXIT_GEBRUIK)
        except Exception as probleem:
            if hasattr(probleem, "exit_code") and hasattr(probleem, "format_message"):
                if type(probleem).__name__ == "Abort":
                    fout(ONDERBROKEN)
                    sys.exit(EXIT_ONDERBROKEN)
                if type(probleem).__name__ == "NoArgsIsHelpError":
                    sys.stdout.write(probleem.format_message() + "\n")  # bare `amctl`
                    sys.exit(EXIT_GELDIG)
                fout(_vertaal_gebruiksfout(probleem, sorted(self.commands)))
                sys.exit(EXIT_GEBRUIK)
            fout(
                f"interne fout ({type(probleem).__name__}: {probleem}). Dit is een fout in amctl, "
                "niet in uw bestand; meld hem met het bestand en de opdracht."
            )
            sys.exit(EXIT_INTERN)
        if uitkomst == _TYPER_ONDERBROKEN:
            fout(ONDERBROKEN)
            sys.exit(EXIT_ONDERBROKEN)
        sys.exit(uitkomst if isinstance(uitkomst, int) else EXIT_GELDIG)


# The groups of commands in the help, in this order (rich_help_panel=...).
CONTROLEREN, VRAGEN, BEWERKEN = "Controleren", "Vragen", "Bewerken"
VERGADERINGEN, PUBLICEREN, INSTELLEN = "Vergaderingen", "Publiceren", "Instellen"

ALIASSEN: dict[str, str] = {}  # English name -> the Dutch command it stands for


class App(typer.Typer):
    """typer.Typer whose commands get the Dutch help, and may have an equal alias:
    `@app.command("controleer", alias="validate")`. The help lists each command once, with
    its alias beside it."""

    def command(self, name: str | None = None, *, alias: str | None = None, **kwargs):
        kwargs.setdefault("cls", Opdracht)
        registreer = super().command(name, **kwargs)

        def decorator(functie):
            if alias is not None:
                super(App, self).command(alias, **{**kwargs, "hidden": True})(functie)
                ALIASSEN[alias] = name or functie.__name__.replace("_", "-")
            return registreer(functie)

        return decorator


app = App(
    cls=Groep,
    name="amctl",
    help="De bestuurlijke structuur van het Amstelland-Meerlanden Overleg: controleren, "
    "bevragen, bijwerken en publiceren.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
