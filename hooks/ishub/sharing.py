"""What a shared link shows: the Open Graph and X (Twitter) card values of every
page, its author and document title, and the social card image it points to.

`make_cards` decides which card each item gets and has them drawn (cards.py);
`page_share` gives one page's values as a frozen view, plain text that
`overrides/main.html` escapes as it writes the meta tags.

**One card per type and themes, not per item.** Drawing a card costs about
35 ms of CPU (most of it the PNG encoder). Cards per item measured 123 s at
4,000 items on a fresh checkout (CI has no cache), 2.2 times the whole build,
and 184 MiB of images to publish (`bench/cards.py`). A card shows the content
type, the item's themes and the hub's branding instead: their number is
bounded by the taxonomy (a few dozen), and they cost about a second, drawn
once and then cached. The title travels in `og:title`, which most platforms
print with the picture (X shows the picture alone). `PER_ITEM = True` draws a card per item, with its title,
for a small site.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .cards import Card, ensure_cards, legible, palette_from_css
from .html import author_names, byline

if TYPE_CHECKING:
    from .build import HubBuild
    from .catalogue import Item
    from .config import HubConfig

PER_ITEM = False  # see the module docstring and the README's "Sharing and social cards"
CARDS_URL = "assets/cards/"
HOME = "index.md"


@dataclass(frozen=True)
class CardSet:
    """The cards of one build: which page shows which, and the files to publish."""

    by_page: dict[str, str]  # src_uri -> site-relative address of its card
    alts: dict[str, str]  # site-relative address -> what the card shows, as text
    site: str  # the card of every page that is not an item
    files: tuple[tuple[str, Path], ...]  # (address in the site, file in the cache)
    drawn: int  # how many were drawn by this build (the rest came from the cache)


@dataclass(frozen=True)
class Share:
    """One page's sharing metadata, as plain text: the template escapes every value."""

    title: str  # the document <title>
    og_title: str
    description: str
    url: str  # absolute
    type: str  # "article" for items, "website" otherwise
    image: str  # absolute
    image_alt: str
    site_name: str
    author: str  # <meta name="author">: the item's authors, or the site's
    authors: tuple[str, ...] = ()  # article:author, one tag each
    published: str = ""  # ISO dates; article:published_time
    modified: str = ""  # article:modified_time
    section: str = ""  # article:section: the content type
    tags: tuple[str, ...] = ()  # article:tag: the themes


def item_card(item: Item, hub: HubConfig, base: Card, per_item: bool = PER_ITEM) -> Card:
    """The card of one item: its type and themes (and its title, with `per_item`)."""
    singular = hub.collection(item.kind).singular
    pills = tuple((hub.label("themes", t), base.palette.theme_colour(t)) for t in item.theme_ids)
    if per_item:
        title = item.title if legible(item.title) else singular
        return Card(singular, title, pills, base.site_name, base.host, base.palette)
    return Card(base.kicker, singular, pills, base.site_name, base.host, base.palette)


def site_card(hub: HubConfig, css: str, description: str) -> Card:
    """The card of the home page, listings and other pages: the hub and all its themes."""
    palette = palette_from_css(css)
    pills = tuple((theme.label, palette.theme_colour(theme.id)) for theme in hub.taxonomy.themes)
    host = urlsplit(hub.site_url).hostname or ""
    return Card(hub.site_author or hub.site_name, description, pills, hub.site_name, host, palette)


def card_alt(card: Card) -> str:
    """The picture described in words, for og:image:alt: what it says, in reading order
    of importance (title, then kicker, themes, site)."""
    themes = ", ".join(label for label, _colour in card.pills)
    parts = (card.title, card.kicker, f"Themes: {themes}" if themes else "", card.site_name)
    return " ".join(f"{p.strip().rstrip('.')}." for p in parts if p.strip())


def make_cards(
    items: tuple[Item, ...],
    hub: HubConfig,
    css: str,
    description: str,
    cache: Path,
    per_item: bool = PER_ITEM,
) -> CardSet:
    """Every card the build needs, drawn into `cache` if not there already."""
    site = site_card(hub, css, description)
    wanted = {item.src_uri: item_card(item, hub, site, per_item) for item in items}
    distinct = list(dict.fromkeys([site, *wanted.values()]))
    paths, drawn = ensure_cards(distinct, cache)
    address = {key: f"{CARDS_URL}{key}.png" for key in paths}
    alts = {address[c.key]: card_alt(c) for c in distinct}
    return CardSet(
        {uri: address[card.key] for uri, card in wanted.items()},
        alts,
        address[site.key],
        tuple(sorted((address[key], path) for key, path in paths.items())),
        drawn,
    )


def page_share(state: HubBuild, cards: CardSet, src_uri: str, url: str, description: str) -> Share:
    """The sharing values of one page; `description` is the site's, for pages without their own."""
    hub = state.hub
    item = state.item_for(src_uri)
    image = cards.by_page.get(src_uri, cards.site)
    common = {
        "url": hub.site_url + url,
        "image": hub.site_url + image,
        "image_alt": cards.alts[image],
        "site_name": hub.site_name,
    }
    if item is None:
        title, summary = _page_text(state, src_uri)
        title = title or hub.site_name
        home = src_uri == HOME or title == hub.site_name
        return Share(
            title=hub.site_name if home else f"{title} - {hub.site_name}",
            og_title=hub.site_name if home else title,
            description=summary or description,
            type="website",
            author=hub.site_author,
            **common,
        )
    authors = author_names(item, hub)
    # A guidance page dated only by `updated`: that day is its last update, not its publication.
    published = item.date if item.date and not byline(item, hub).date_is_update else None
    return Share(
        title=item.title if item.title == hub.site_name else f"{item.title} - {hub.site_name}",
        og_title=item.title,
        description=item.summary,
        type="article",
        author=", ".join(authors) or hub.site_author,
        authors=authors,
        published=published.isoformat() if published else "",
        modified=(item.updated or item.date).isoformat() if item.updated or item.date else "",
        section=hub.collection(item.kind).singular,
        tags=tuple(hub.label("themes", t) for t in item.theme_ids),
        **common,
    )


def _page_text(state: HubBuild, src_uri: str) -> tuple[str, str]:
    """The title and summary of a page that is not an item: a listing or a docs/ page."""
    listing = state.listings.get(src_uri)
    if listing:
        return listing.title, listing.description
    page = state.static.get(src_uri)
    return (page.title, page.summary) if page else ("", "")


def page_meta(state: HubBuild, cards: CardSet, src_uri: str, url: str, description: str) -> dict:
    """What the hooks add to page.meta: the view for the template, and the author,
    escaped, for the theme's own <meta name="author"> (it prints page.meta as it is)."""
    share = page_share(state, cards, src_uri, url, description)
    return {"hub_share": share, "author": escape(share.author)}
