"""The one change made to pages after the theme has drawn them, so that every page
is valid HTML (the Nu Html Checker finds no error; tests/test_html_valid.py).

Material for MkDocs 9 writes `autocomplete="off"` on the hidden checkboxes that
open the drawer and the search (`__drawer`, `__search`), and HTML allows that
attribute on text-like inputs only. The inputs sit in base.html outside any
block, so no template override can reach them without copying the whole of
base.html: taking the attribute out here is the documented last resort. It only
asks Firefox not to restore a toggle's state when a page is reloaded; without
it, a reader who reloads a page with the menu drawer open may see it open
again. Everything else the Nu checker found in the theme's markup is fixed by
small overrides (overrides/partials/nav-item.html and toc.html).
"""

from __future__ import annotations

import re

# The theme's own toggles, exactly as base.html writes them, and nothing else.
_TOGGLE = re.compile(
    r'(<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox" id="__(?:drawer|search)")'
    r' autocomplete="off">'
)


def valid_page(html: str) -> str:
    """The page without the attribute HTML does not allow on the theme's two toggles."""
    return _TOGGLE.sub(r"\1>", html, count=2)
