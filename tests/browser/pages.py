"""The page types the browser suite visits, as (name, path) pairs on the real site.

Names are fixed so that each page type is its own test id. Most paths follow
from the URL scheme; the others (the newest post, a year of the archive, a case
study, a facet page, a theme) are read from the built site's own listings, so
the suite follows the content instead of naming a slug that may go away.
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import ROOT

SEARCH_QUERY = "consent"

FIXED = (
    ("home", "/"),
    ("blog", "/blog/"),
    ("blog-page-2", "/blog/page/2/"),
    ("archive", "/blog/archive/"),
    ("archive-year", None),
    ("post", None),
    ("library", "/case-studies/"),
    ("facet", None),
    ("case-study", None),
    ("themes", "/themes/"),
    ("theme", None),
    ("guidance", "/guidance/sharing-lawfully/"),
    ("subscribe", "/subscribe/"),
    ("authors", "/blog/authors/"),
    ("author", None),
    ("search", f"/?q={SEARCH_QUERY}"),
    ("not-found", "/no-such-page/"),
)
OPTIONAL = (
    ("accessibility", "/about/accessibility/", "docs/about/accessibility.md"),
    ("privacy", "/about/privacy/", "docs/about/privacy.md"),
    ("insights", "/insights/", "hooks/ishub/insights.py"),
    ("open-data", "/about/open-data/", "docs/about/open-data.md"),
)

# name -> (listing page, pattern of the first link to follow on it)
_FOUND_ON = {
    "archive-year": ("blog/archive/", r'<ul class="hub-years"><li><a href="([^"]+)"'),
    "post": ("blog/", r'class="hub-entry__title"><a href="([^"]+)"'),
    "facet": ("case-studies/", r'class="hub-facet-link" href="(region/[^"]+)"'),
    "case-study": ("case-studies/", r'class="hub-entry__title"><a href="([^"]+)"'),
    "theme": ("themes/", r'<li class="hub-theme"><h2><a href="([^"]+)"'),
    "author": ("blog/authors/", r'<ul class="hub-authors"><li><a href="([^"]+)"'),
}


def names() -> list[str]:
    """Every page type, known before the site is built (for test ids)."""
    optional = [name for name, _, source in OPTIONAL if (ROOT / source).exists()]
    return [name for name, _ in FIXED] + optional


def first_link(site: Path, listing: str, pattern: str) -> str:
    """The site path of the first link matching `pattern` on a listing page."""
    html = (site / listing / "index.html").read_text(encoding="utf-8")
    found = re.search(pattern, html)
    assert found, f"{listing}: no link matching {pattern}"
    return "/" + listing + found.group(1)


def resolve(site: Path) -> dict[str, str]:
    """name -> path (starting with '/') for every page type on the built site."""
    paths = {name: path for name, path in FIXED if path}
    for name, (listing, pattern) in _FOUND_ON.items():
        paths[name] = first_link(site, listing, pattern)
    for name, path, source in OPTIONAL:
        if (ROOT / source).exists():
            paths[name] = path
    return paths


_SETTLED = """() => Promise.all(document.getAnimations()
    .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
    .map(a => a.finished.catch(() => null)))"""


def visit(page, base_url: str, name: str, path: str) -> str:
    """Load a page type and wait until it is ready to inspect: search results
    shown, and colour transitions (the scheme is set by script) finished.
    Returns the HTML as served."""
    response = page.goto(base_url.rstrip("/") + path, wait_until="load")
    if name == "search":  # /?q=words opens the search dialog with those words
        page.locator(".hub-search__result").first.wait_for(state="visible")
    settle(page)
    return response.text()


def settle(page) -> None:
    """Wait for running transitions and animations (not endless ones) to finish."""
    page.evaluate(_SETTLED)
