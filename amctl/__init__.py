"""amctl: the governance structure of the Amstelland-Meerlanden Overleg, as code."""

__version__ = "0.1.0"

# Ctrl-C, at any moment: this one line on stderr (after "amctl: ") and exit status 130, the
# shell's own for SIGINT (128 + 2). Here, so that amctl.__main__ can say it before it has
# imported anything else.
ONDERBROKEN = "onderbroken (Ctrl-C); elk bestand is helemaal of niet geschreven."
EXIT_ONDERBROKEN = 130
