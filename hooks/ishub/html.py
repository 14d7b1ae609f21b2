"""Views of the parts every listing shares: entries, bylines, badges and pagers.

A view is a small frozen record holding what a fragment shows, already
decided: which parts an item's byline has, where each link goes (relative to
the page it is on, so the site works from any folder of a host), which page
numbers a pager offers. The fragments under `overrides/fragments/hub/` draw
them (`entry.html`, `byline.html`, `badges.html`, `pager.html`); no HTML is
written here.

Listings draw tens of thousands of entries at 4,000 items, and most entries
look the same on many pages (a case study on each of its facet pages): each
distinct entry, byline and set of badges is drawn once per build (`Drawing`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .fragments import Drawing
from .listing import page_window, rel, theme_url
from .registry import content_type, facet

if TYPE_CHECKING:  # at run time the catalogue imports this module's users (see inserts.py)
    from .catalogue import Item
    from .config import HubConfig


@dataclass(frozen=True)
class Badge:
    """One theme of an item, linking to the theme's page."""

    theme: str  # the theme id, for the badge's colour
    label: str
    href: str


@dataclass(frozen=True)
class Byline:
    """The line under an item's title; each part is shown only when set."""

    kind: str = ""  # the type's name (Blog post, Case study), when the listing mixes types
    date: dt.date | None = None
    date_is_update: bool = False  # guidance: its date is the day it was last updated
    place: str = ""
    region: str = ""
    authors: tuple[str, ...] = ()
    draft: bool = False  # the preview's marker
    updated: dt.date | None = None  # on an item's own page: a later change
    author_links: tuple[str, ...] = ()  # each author's page, in the order of `authors`
    minutes: int = 0  # on an item's own page: the reading time

    @property
    def shown(self) -> bool:
        return bool(self.kind or self.date or self.place or self.authors or self.draft or self.updated)


@dataclass(frozen=True)
class Entry:
    """One item in a listing."""

    kind: str
    title: str
    href: str
    byline: Byline
    summary: str
    badges: tuple[Badge, ...]


@dataclass(frozen=True)
class PageLink:
    number: int
    href: str  # empty for the page the pager is on
    gap_before: bool  # some page numbers are left out before this one


@dataclass(frozen=True)
class Pager:
    """Links to the other pages of a paged listing; `pages` is a bounded window."""

    newer: str  # the previous page's address, or empty on the first page
    older: str  # the next page's address, or empty on the last page
    pages: tuple[PageLink, ...]


def theme_badges(hub: HubConfig, from_url: str) -> dict[str, Badge]:
    """A badge for every theme of the taxonomy, linked from the page at `from_url`."""
    return {t.id: Badge(t.id, t.label, rel(from_url, theme_url(t.id))) for t in hub.taxonomy.themes}


def badges(
    item: Item, hub: HubConfig, from_url: str, known: dict[str, Badge] | None = None
) -> tuple[Badge, ...]:
    """The item's badges; `known` is `theme_badges` for the page, when a listing has it already."""
    known = theme_badges(hub, from_url) if known is None else known
    return tuple(
        known.get(d.theme) or Badge(d.theme, d.theme, rel(from_url, theme_url(d.theme))) for d in item.themes
    )


def author_names(item: Item, hub: HubConfig) -> tuple[str, ...]:
    return tuple(hub.label("authors", author_id) for author_id in item.authors)


WORDS_PER_MINUTE = 200


def reading_minutes(item: Item) -> int:
    """Minutes to read the body at an unhurried pace, at least one."""
    return max(1, round(item.words / WORDS_PER_MINUTE))


def byline(
    item: Item,
    hub: HubConfig,
    with_type: bool = False,
    with_updated: bool = False,
    from_url: str | None = None,
) -> Byline:
    """What an item's byline shows, with links to its authors' pages from the page at `from_url`
    (the item's own page by default); `with_updated` (the item's page) adds its last change
    and its reading time."""
    region = hub.term("regions", item.case.region) if item.case else None
    # A guidance page dated only by `updated`: its one date is the day of the update.
    date_is_update = content_type(item.kind).announces_updates and "date" not in item.fields
    later = item.updated if item.updated and item.updated != item.date else None
    return Byline(
        kind=hub.collection(item.kind).singular if with_type else "",
        date=item.date,
        date_is_update=date_is_update,
        place=item.case.place if item.case else "",
        region=region.label if region else "",
        authors=author_names(item, hub),
        draft=item.draft,
        updated=later if with_updated and not date_is_update else None,
        author_links=tuple(
            rel(item.url if from_url is None else from_url, author_url(hub, a)) for a in item.authors
        ),
        minutes=reading_minutes(item) if with_updated else 0,
    )


def author_url(hub: HubConfig, author_id: str) -> str:
    """An author's page, as the author facet declares it: blog/authors/<id>/."""
    return facet("author").page_of(author_id, hub.type_urls)


def entry(
    item: Item, hub: HubConfig, from_url: str, with_type: bool = False, known: dict[str, Badge] | None = None
) -> Entry:
    return Entry(
        item.kind,
        item.title,
        rel(from_url, item.url),
        byline(item, hub, with_type, from_url=from_url),
        item.summary,
        badges(item, hub, from_url, known),
    )


def entries(items, hub: HubConfig, from_url: str, with_type: bool = False) -> tuple[Entry, ...]:
    known = theme_badges(hub, from_url)
    return tuple(entry(i, hub, from_url, with_type, known) for i in items)


def pager(current: int, total: int, url_of_page, from_url: str) -> Pager | None:
    """Page `current` of `total`; `url_of_page(n)` is page n's site-relative address.
    None when there is one page only."""
    if total <= 1:
        return None
    shown = page_window(current, total)
    links = tuple(
        PageLink(n, "" if n == current else rel(from_url, url_of_page(n)), n - before > 1)
        for before, n in zip((0, *shown), shown, strict=False)
    )
    newer = rel(from_url, url_of_page(current - 1)) if current > 1 else ""
    older = rel(from_url, url_of_page(current + 1)) if current < total else ""
    return Pager(newer, older, links)


def badges_html(draw: Drawing, views: tuple[Badge, ...]) -> str:
    return draw.once(("badges", views), lambda: draw("badges.html", badges=views))


def byline_html(draw: Drawing, view: Byline) -> str:
    return draw.once(("byline", view), lambda: draw("byline.html", byline=view))


def entry_html(draw: Drawing, view: Entry, heading: int = 2) -> str:
    """One entry (`entry.html`, with its byline and badges drawn by their own fragments)."""
    return draw.once(
        ("entry", view, heading),
        lambda: draw(
            "entry.html",
            entry=view,
            heading=heading,
            byline=byline_html(draw, view.byline),
            badges=badges_html(draw, view.badges),
        ),
    )


def entries_html(draw: Drawing, views: tuple[Entry, ...], heading: int = 2) -> str:
    """A list of entries (`entries.html`), or its note that there is nothing yet."""
    return draw("entries.html", entries=[entry_html(draw, v, heading) for v in views])


def pager_html(draw: Drawing, view: Pager | None, label: str) -> str:
    return draw("pager.html", pager=view, label=label) if view else ""


@dataclass(frozen=True)
class History:
    """A guidance page's record of changes, shown after its body."""

    published: dt.date | None
    changes: tuple  # catalogue.Change records, newest first


def history(item: Item) -> History | None:
    """The page's history, for an item that has one (`changes:` in its front matter)."""
    return History(item.date if "date" in item.fields else None, item.changes) if item.changes else None


def history_html(draw: Drawing, item: Item) -> str:
    view = history(item)
    return draw("history.html", history=view) if view else ""
