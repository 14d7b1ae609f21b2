"""Old addresses that keep working: a small page at each alias that sends readers on.

A renamed item lists its earlier addresses under `aliases:`; each gets a page
with a meta refresh (which the page policy allows: it runs no script), a
canonical link and a plain link for readers whose browser does not follow it.
"""

from __future__ import annotations

import functools
import posixpath
from pathlib import Path

from .catalogue import Item
from .fragments import make_env
from .problems import Problem
from .security import with_policy_meta

TEMPLATE = "redirect-page.html"


def redirects(items: tuple[Item, ...]) -> list[tuple[str, Item]]:
    """(old address, item) for every alias of every published item."""
    return [(alias, item) for item in items for alias in item.aliases]


# Folders of the site's own files (the theme's assets and the hub's cards, the feeds,
# the search index), where no page of an old address may be written.
RESERVED_FOLDERS = ("assets/", "feeds/", "pagefind/", "search/")


def redirect_problems(
    items: tuple[Item, ...], taken: dict[str, str], folders: tuple[str, ...] = RESERVED_FOLDERS
) -> list[Problem]:
    """Aliases that are some page's address already, another item's alias, or inside a
    folder of files the site publishes (`folders`, each ending in '/').

    `taken` maps each address the build publishes to what publishes it.
    """
    problems = []
    seen: dict[str, str] = {}
    for alias, item in redirects(items):
        folder = next((f for f in folders if alias.startswith(f)), None)
        if folder:
            problems.append(
                Problem(
                    item.path,
                    1,
                    "aliases",
                    f"'{alias}' is inside {folder}, which holds the site's own files, not pages",
                    "remove it from the list; an old address of a page was a page's address",
                )
            )
            continue
        owner = taken.get(alias) or seen.get(alias)
        if owner:
            problems.append(
                Problem(
                    item.path,
                    1,
                    "aliases",
                    f"'{alias}' is already the address of {owner}",
                    "remove it from the list; an alias must be an address nothing else uses",
                )
            )
        seen[alias] = item.path
    return problems


@functools.lru_cache(maxsize=4)
def _env(template_dir: Path, changed: float):
    """One environment for all old addresses (`changed`, the template's time, makes a
    preview that edits it read it again)."""
    return make_env([template_dir])


def redirect_page(template_dir: Path, alias: str, item: Item, site_url: str) -> str:
    template = template_dir / TEMPLATE
    env = _env(template_dir, template.stat().st_mtime if template.is_file() else 0.0)
    target = posixpath.relpath(item.url, alias) + "/"
    page = env.get_template(TEMPLATE).render(title=item.title, target=target, canonical=site_url + item.url)
    return with_policy_meta(page)  # the same policy as every page, for hosts without headers
