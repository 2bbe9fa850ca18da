"""Domain rules (AM3xx). Driven by the data: no rule names a body, a gemeente or a post.

Each rule yields problems and never prints. They run once the file has no schema or
reference errors, so that one typo does not cause a cascade of follow-on messages.
The rules are grouped by theme, one module each; importing this package registers them all.
"""

from amctl.regels.domein import (  # noqa: F401  (importing registers the rules)
    bronnen,
    omvang,
    relaties,
    samenstelling,
    tijd,
    vergaderingen,
)
