"""The limits on input, in one place (SECURITY.md explains them)."""

MAX_BYTES = 64 * 1024 * 1024  # a national-scale file is about 8 MB
MAX_DIEPTE = 64  # nesting; a real file needs about six levels
# Dates outside these years are typing errors, and near year 9999 'the day after' overflows.
EERSTE_JAAR, LAATSTE_JAAR = 1800, 2999
# Seconds a pipe or FIFO may stay silent before amctl stops waiting for it.
WACHTTIJD_INVOER = 10.0
# Characters in an id that amctl makes from a name or takes for a new person: a real id has a
# few dozen, and YAML reads a key of more than 1024 characters as no key at all.
MAX_ID = 100
