"""The site's navigation and header tabs, drawn once for all the pages that see them alike.

The theme draws the whole navigation (and the tabs) into every page: about thirty
entries, the largest share of its time on each page. Posts, case studies and the
listing pages the hub makes are outside the navigation, so none of its entries is
active on them and it lists no page's contents; what changes from one such page to
the next is only how each entry's address is written relative to the page, and
which tabs the page's address lies under. Pages that agree on both get the same
HTML, so it is drawn once per distinct answer (a handful in a whole build).

The key is made of exactly those facts, computed with the same function the
theme's `url` filter uses, so a page shares a drawing only with pages on which it
would come out the same. Pages in the navigation are always drawn afresh.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable


class NavMemo:
    """Drawn navigation HTML by template and by how the page sees the navigation."""

    def __init__(self, nav_urls: Iterable[str], assets: Iterable[str], relative: Callable[[str, str], str]):
        self._in_nav = set(nav_urls)
        # Every address the navigation and tabs link to or load: its pages, the home
        # page and the theme's own files (the logo).
        self._targets = tuple(dict.fromkeys(["", *self._in_nav, *assets]))
        self._sections = tuple(url for url in self._targets if url)
        self._relative = relative
        self.drawn: dict[tuple, str] = {}
        self._seen: tuple[str | None, tuple] = (None, ())

    def key(self, template: str, page_url: str | None) -> tuple | None:
        """What the drawing of `template` depends on for the page at `page_url`, or
        None when it must be drawn for that page alone."""
        if not isinstance(page_url, str) or page_url in self._in_nav:
            return None
        if self._seen[0] != page_url:  # each page asks for the navigation and the tabs
            view = (
                tuple(self._relative(target, page_url) for target in self._targets),
                tuple(page_url.startswith(section) for section in self._sections),
            )
            self._seen = (page_url, view)
        return (template, *self._seen[1])

    def keep(self, key: tuple | None, html: str) -> str:
        """`html`, remembered under `key` when there is one."""
        if key is not None:
            self.drawn[key] = html
        return html
