"""amctl: the governance structure of the Amstelland-Meerlanden Overleg, as code."""

__version__ = "0.1.0"
