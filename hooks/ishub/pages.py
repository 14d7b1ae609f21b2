"""The listing pages the hub generates from the catalogue: the blog (paged), its
archive by year, the theme pages (paged) and the themes index; and the blocks
static pages ask for (the team, the feeds, theme counts).

Collections stay out of the sidebar navigation (a sidebar listing every item
makes each page, and so the build, grow with the content); readers reach
items through these paged or grouped listings instead. Each function here
chooses and counts; the fragments (`blog.html`, `archive.html`, `theme.html`,
`themes.html`...) draw the result.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import html as h
from .fragments import Drawing
from .listing import Listing, chunks, paged, rel, theme_url, url_of
from .registry import POST, content_type, facet

if TYPE_CHECKING:  # the catalogue imports inserts.py, which imports this module
    from .catalogue import Item
    from .config import HubConfig


@dataclass(frozen=True)
class KindCount:
    label: str  # a content type's plural name, e.g. Case studies
    count: int


@dataclass(frozen=True)
class ThemeSummary:
    """A theme with what it holds, for the themes index and the home page."""

    id: str
    label: str
    description: str
    href: str
    total: int
    counts: tuple[KindCount, ...]  # per content type, in the configured order


@dataclass(frozen=True)
class YearLink:
    year: int
    count: int
    href: str


@dataclass(frozen=True)
class Person:
    name: str
    role: str
    organisation: str
    bio: str
    href: str = ""  # the author's page, from the page the person is shown on
    posts: int = 0


@dataclass(frozen=True)
class Page:
    """One page of a paged listing: where it is, its items and its pager."""

    src: str
    url: str
    number: int
    count: int  # pages in the listing
    items: list
    pager: h.Pager

    def title(self, label: str) -> str:
        return label if self.number == 1 else f"{label}: page {self.number} of {self.count}"


def pages_of(base: str, items: list, size: int) -> list[Page]:
    """A listing rooted at `base` cut into pages of `size` items; always at least one page."""
    cut = chunks(items, size)
    out = []
    for n, chunk in enumerate(cut, start=1):
        me = url_of(paged(base, n))
        out.append(
            Page(
                paged(base, n),
                me,
                n,
                len(cut),
                chunk,
                h.pager(n, len(cut), lambda k: url_of(paged(base, k)), me),
            )
        )
    return out


def blog_listings(items: tuple[Item, ...], hub: HubConfig, draw: Drawing) -> list[Listing]:
    posts = [i for i in items if i.kind == POST]
    base, blog = hub.collection(POST).url, content_type(POST)
    out = []
    for page in pages_of(base, posts, hub.listing["blog_page_size"]):
        body = draw(
            "blog.html",
            total=len(posts),
            archive_href=rel(page.url, base + "/archive/"),
            entries=h.entries_html(draw, h.entries(page.items, hub, page.url)),
            pager=h.pager_html(draw, page.pager, "Blog pages"),
        )
        out.append(Listing(page.src, page.title(blog.section), blog.listing_description, body, ("all", POST)))
    return out + archive_listings(posts, hub, draw) + author_listings(posts, hub, draw)


def years(posts: list[Item], base: str, from_url: str) -> tuple[YearLink, ...]:
    """Each year with posts, newest first, and how many."""
    counts = Counter(p.date.year for p in posts if p.date)
    return tuple(
        YearLink(y, c, rel(from_url, f"{base}/{y}/")) for y, c in sorted(counts.items(), reverse=True)
    )


def archive_listings(posts: list[Item], hub: HubConfig, draw: Drawing) -> list[Listing]:
    base = hub.collection(POST).url + "/archive"
    me = base + "/"
    shown = years(posts, base, me)
    out = [
        Listing(
            f"{base}/index.md",
            "Blog archive",
            "Every blog post, grouped by year.",
            draw("archive.html", years=shown),
            ("all", POST),
        )
    ]
    for year in (y.year for y in shown):
        src = f"{base}/{year}.md"
        here = url_of(src)
        chosen = [p for p in posts if p.date and p.date.year == year]
        body = draw(
            "archive-year.html",
            entries=h.entries_html(draw, h.entries(chosen, hub, here)),
            all_years_href=rel(here, me),
        )
        out.append(
            Listing(src, f"Blog posts from {year}", f"Blog posts published in {year}.", body, ("all", POST))
        )
    return out


def by_theme(items: tuple[Item, ...], hub: HubConfig) -> dict[str, list[Item]]:
    """Each theme's items, in catalogue order."""
    out: dict[str, list[Item]] = {t.id: [] for t in hub.taxonomy.themes}
    for item in items:
        for theme_id in dict.fromkeys(item.theme_ids):
            if theme_id in out:
                out[theme_id].append(item)
    return out


def theme_summaries(
    items: tuple[Item, ...], hub: HubConfig, from_url: str, grouped: dict[str, list[Item]] | None = None
) -> tuple[ThemeSummary, ...]:
    """Every theme of the taxonomy with its items counted, in the configured order."""
    grouped = by_theme(items, hub) if grouped is None else grouped
    out = []
    for theme in hub.taxonomy.themes:
        counts = Counter(i.kind for i in grouped[theme.id])
        out.append(
            ThemeSummary(
                theme.id,
                theme.label,
                theme.description,
                rel(from_url, theme_url(theme.id)),
                len(grouped[theme.id]),
                tuple(KindCount(c.label, counts[c.kind]) for c in hub.collections),
            )
        )
    return tuple(out)


def theme_listings(items: tuple[Item, ...], hub: HubConfig, draw: Drawing) -> list[Listing]:
    grouped = by_theme(items, hub)
    summaries = theme_summaries(items, hub, "themes/", grouped)
    out = [
        Listing(
            "themes/index.md",
            "Themes",
            "Browse the hub by theme.",
            draw("themes.html", themes=summaries),
            ("all",),
        )
    ]
    size = hub.listing["theme_page_size"]
    for summary in summaries:
        for page in pages_of(f"themes/{summary.id}", grouped[summary.id], size):
            body = draw(
                "theme.html",
                theme=summary,
                subscribe_href=rel(page.url, "subscribe/"),
                entries=h.entries_html(draw, h.entries(page.items, hub, page.url, with_type=True)),
                pager=h.pager_html(draw, page.pager, f"{summary.label} pages"),
            )
            feeds = ("all", f"theme-{summary.id}")
            out.append(Listing(page.src, page.title(summary.label), summary.description, body, feeds))
    return out


def team(hub: HubConfig, from_url: str = "", items: tuple[Item, ...] = ()) -> tuple[Person, ...]:
    """The authors of the authors file, in its order, each with a link to their page and
    the number of their posts."""
    counts = Counter(a for i in items if i.kind == POST for a in i.authors)
    return tuple(
        Person(a.label, a.role, a.organisation, a.bio, rel(from_url, h.author_url(hub, a.id)), counts[a.id])
        for a in hub.authors
    )


def author_listings(posts: list[Item], hub: HubConfig, draw: Drawing) -> list[Listing]:
    """The authors' index, and a page per author (paged like the blog) with their posts
    and their feed, for every author of the authors file."""
    base = hub.collection(POST).url + "/authors"
    me = base + "/"
    out = [
        Listing(
            f"{base}/index.md",
            "Authors",
            "Everyone who writes for the blog, with their posts.",
            draw("authors.html", people=team(hub, me, tuple(posts))),
            ("all", POST),
        )
    ]
    size = hub.listing["blog_page_size"]
    for person in hub.authors:
        theirs = [p for p in posts if person.id in p.authors]
        for page in pages_of(h.author_url(hub, person.id).rstrip("/"), theirs, size):
            body = draw(
                "author.html",
                person=Person(person.label, person.role, person.organisation, person.bio),
                total=len(theirs),
                feed=rel(page.url, facet("author").feed_path(person.id) + ".xml"),
                authors_href=rel(page.url, me),
                entries=h.entries_html(draw, h.entries(page.items, hub, page.url)),
                pager=h.pager_html(draw, page.pager, f"Pages of posts by {person.label}"),
            )
            feeds = ("all", f"author-{person.id}")
            out.append(
                Listing(page.src, page.title(person.label), f"Blog posts by {person.label}.", body, feeds)
            )
    return out
