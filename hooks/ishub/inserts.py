"""Blocks the hub fills into static pages: a page asks for one with
`<div class="hub-insert" data-hub="NAME"></div>` on a line of its own (the one
piece of raw HTML content may carry), and the build puts the block there.

`INSERTS` names every block once: the content check accepts exactly these
names, and `render_insert` draws them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import html as h
from .fragments import Drawing
from .listing import rel
from .pages import team, theme_summaries
from .schema import CASE_STUDY, GUIDANCE, POST

if TYPE_CHECKING:  # the catalogue imports this module (for INSERT) before it defines Item
    from .catalogue import Item
    from .config import HubConfig

INSERT = re.compile(r'<div class="hub-insert" data-hub="([a-z-]+)"></div>')


@dataclass(frozen=True)
class FeedRow:
    title: str  # what it follows: "Wales", "Blog posts"
    description: str
    rss: str  # links, relative to the page
    json: str
    address: str  # the RSS feed's full address, to copy into a reader


@dataclass(frozen=True)
class FeedSection:
    """One group of feeds on the subscribe page, with its OPML bundle."""

    id: str
    title: str
    advice: str
    exact: bool
    bundle: str
    feeds: tuple[FeedRow, ...]


def latest_posts(items, hub: HubConfig, from_url: str, draw: Drawing) -> str:
    posts = [i for i in items if i.kind == POST][: hub.listing["home_latest_posts"]]
    return h.entries_html(draw, h.entries(posts, hub, from_url), heading=3)


def featured_case_studies(items, hub: HubConfig, from_url: str, draw: Drawing) -> str:
    """The featured case studies, newest first; the newest of all when none is featured."""
    cases = [i for i in items if i.kind == CASE_STUDY]
    featured = [c for c in cases if c.case and c.case.featured] or cases
    chosen = featured[: hub.listing["home_featured_case_studies"]]
    return h.entries_html(draw, h.entries(chosen, hub, from_url), heading=3)


def guidance_list(items, hub: HubConfig, from_url: str, draw: Drawing) -> str:
    guidance = sorted((i for i in items if i.kind == GUIDANCE), key=lambda i: i.title.lower())
    return h.entries_html(draw, h.entries(guidance, hub, from_url))


def feed_sections(items, hub: HubConfig, from_url: str) -> tuple[FeedSection, ...]:
    # feeds.py imports the catalogue, which imports this module: read it when drawing.
    from .feeds import feed_groups, feed_list

    return tuple(
        FeedSection(
            g.id,
            g.title,
            g.advice,
            g.exact,
            rel(from_url, g.bundle),
            tuple(
                FeedRow(
                    f.label, f.description, rel(from_url, f.rss), rel(from_url, f.json), hub.site_url + f.rss
                )
                for f in g.feeds
            ),
        )
        for g in feed_groups(feed_list(hub, items))
    )


INSERTS: dict[str, Callable[[tuple, HubConfig, str, Drawing], str]] = {
    "latest-posts": latest_posts,
    "featured-case-studies": featured_case_studies,
    "themes": lambda items, hub, me, draw: draw("theme-counts.html", themes=theme_summaries(items, hub, me)),
    "team": lambda items, hub, me, draw: draw("team.html", people=team(hub, me, items)),
    "guidance-list": guidance_list,
    "feeds": lambda items, hub, me, draw: draw(
        "feed-table.html", sections=feed_sections(items, hub, me), everything=rel(me, "feeds.opml")
    ),
}
INSERT_NAMES = tuple(INSERTS)


def render_insert(
    name: str, items: tuple[Item, ...], hub: HubConfig, from_url: str, draw: Drawing
) -> str | None:
    """The block `name` for the page at `from_url`; None for a name the hub does not know."""
    maker = INSERTS.get(name)
    return maker(items, hub, from_url, draw) if maker else None
