"""Guidance pages must be in the site's navigation, which `nav:` in mkdocs.yml lists.

MkDocs only warns about a page missing from `nav:`, in its own words and
without a fix; the hub says which page and what line to add, in `make check`
and in the build alike.
"""

from __future__ import annotations

from .catalogue import Item
from .problems import Problem
from .schema import GUIDANCE


def nav_pages(nav: object) -> set[str]:
    """Every Markdown page named anywhere in a `nav:` tree."""
    found: set[str] = set()
    stack = [nav]
    while stack:
        entry = stack.pop()
        if isinstance(entry, list):
            stack += entry
        elif isinstance(entry, dict):
            stack += list(entry.values())
        elif isinstance(entry, str) and entry.endswith(".md"):
            found.add(entry)
    return found


def missing_from_nav(nav: object, items: tuple[Item, ...]) -> list[Problem]:
    if not nav:
        return []  # without nav:, MkDocs lists every page itself
    listed = nav_pages(nav)
    return [
        Problem(
            item.path,
            1,
            "nav",
            "the guidance page is not in the site's navigation",
            f"add '- {item.src_uri}' under Guidance in the nav: of mkdocs.yml",
        )
        for item in items
        if item.kind == GUIDANCE and item.src_uri not in listed
    ]
