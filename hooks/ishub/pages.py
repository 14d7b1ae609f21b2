"""The listing pages the hub generates from the catalogue.

Collections stay out of the sidebar navigation (a sidebar listing every item
makes each page, and so the build, grow with the content); readers reach
items through these paged or grouped listings instead.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from html import escape

from . import html as h
from .catalogue import Item
from .config import HubConfig
from .feeds import feed_list
from .schema import CASE_STUDY, GUIDANCE, POST


@dataclass(frozen=True)
class Listing:
    """A generated page: where it lives, its title and its HTML body."""

    src_uri: str
    title: str
    description: str
    html: str
    feeds: tuple[str, ...] = ()  # feed ids announced in the page head

    @property
    def url(self) -> str:
        return url_of(self.src_uri)

    @property
    def repeats(self) -> bool:
        """A later page, a year or a facet value: a view of items listed elsewhere too."""
        parts = self.src_uri.split("/")
        return "page" in parts or (len(parts) >= 3 and parts[-1] != "index.md")


def url_of(src_uri: str) -> str:
    stem = src_uri[:-3]
    if stem == "index":
        return ""
    return stem[: -len("index")] if stem.endswith("/index") else stem + "/"


def paged(base: str, n: int) -> str:
    """The src_uri of page n of a paged listing rooted at `base`."""
    return f"{base}/index.md" if n == 1 else f"{base}/page/{n}.md"


def blog_listings(items: tuple[Item, ...], hub: HubConfig) -> list[Listing]:
    posts = [i for i in items if i.kind == POST]
    base = hub.collection(POST).url
    pages = h.chunks(posts, hub.listing["blog_page_size"])
    out = []
    for n, chunk in enumerate(pages, start=1):
        src = paged(base, n)
        me = url_of(src)
        pager = h.pager(n, len(pages), lambda k: url_of(paged(base, k)), me, "Blog pages")
        intro = (
            f'<p class="hub-lead">{len(posts)} posts, newest first. '
            f'<a href="{h.rel(me, base + "/archive/")}">Browse the archive by year</a>.</p>'
        )
        title = "Blog" if n == 1 else f"Blog: page {n} of {len(pages)}"
        out.append(
            Listing(
                src,
                title,
                "Blog posts from the Centre, newest first.",
                intro + h.entries(chunk, hub, me) + pager,
                ("all", POST),
            )
        )
    return out + archive_listings(posts, hub)


def archive_listings(posts: list[Item], hub: HubConfig) -> list[Listing]:
    base = hub.collection(POST).url + "/archive"
    years = Counter(p.date.year for p in posts if p.date)
    me = base + "/"
    rows = "".join(
        f'<li><a href="{h.rel(me, f"{base}/{y}/")}">{y}</a> '
        f'<span class="hub-count">({c} post{"s" if c != 1 else ""})</span></li>'
        for y, c in sorted(years.items(), reverse=True)
    )
    out = [
        Listing(
            f"{base}/index.md",
            "Blog archive",
            "Every blog post, grouped by year.",
            f'<ul class="hub-years">{rows}</ul>',
            ("all", POST),
        )
    ]
    for year in sorted(years, reverse=True):
        src = f"{base}/{year}.md"
        chosen = [p for p in posts if p.date and p.date.year == year]
        back = f'<p><a href="{h.rel(url_of(src), me)}">All years</a></p>'
        out.append(
            Listing(
                src,
                f"Blog posts from {year}",
                f"Blog posts published in {year}.",
                h.entries(chosen, hub, url_of(src)) + back,
                ("all", POST),
            )
        )
    return out


def theme_listings(items: tuple[Item, ...], hub: HubConfig) -> list[Listing]:
    out = []
    index_rows = []
    size = hub.listing["theme_page_size"]
    for theme in hub.taxonomy.themes:
        chosen = [i for i in items if theme.id in i.theme_ids]
        counts = Counter(i.kind for i in chosen)
        summary = ", ".join(f"{counts[c.kind]} {c.label.lower()}" for c in hub.collections)
        index_rows.append(
            f'<li class="hub-theme"><h2><a href="{h.rel("themes/", h.theme_url(theme.id))}">'
            f"{escape(theme.label)}</a></h2><p>{escape(theme.description)}</p>"
            f'<p class="hub-count">{len(chosen)} items: {summary}</p></li>'
        )
        base = f"themes/{theme.id}"
        pages = h.chunks(chosen, size)
        for n, chunk in enumerate(pages, start=1):
            src = paged(base, n)
            me = url_of(src)
            lead = (
                f'<p class="hub-lead">{escape(theme.description)}</p>'
                f'<p class="hub-count">{len(chosen)} items: {summary}. '
                f'<a href="{h.rel(me, "subscribe/")}">Subscribe to this theme</a>.</p>'
            )
            pager = h.pager(n, len(pages), lambda k, b=base: url_of(paged(b, k)), me, f"{theme.label} pages")
            title = theme.label if n == 1 else f"{theme.label}: page {n} of {len(pages)}"
            out.append(
                Listing(
                    src,
                    title,
                    theme.description,
                    lead + h.entries(chunk, hub, me, with_type=True) + pager,
                    ("all", f"theme-{theme.id}"),
                )
            )
    intro = (
        '<p class="hub-lead">Every item on the hub carries one or more themes. '
        "Each theme page lists its blog posts, case studies and guidance, newest first.</p>"
    )
    out.insert(
        0,
        Listing(
            "themes/index.md",
            "Themes",
            "Browse the hub by theme.",
            intro + f'<ul class="hub-themes">{"".join(index_rows)}</ul>',
            ("all",),
        ),
    )
    return out


def theme_counts(items: tuple[Item, ...], hub: HubConfig, from_url: str) -> str:
    """The home page's 'browse by theme' block."""
    rows = []
    for theme in hub.taxonomy.themes:
        count = sum(1 for i in items if theme.id in i.theme_ids)
        rows.append(
            f'<li><a class="hub-badge" data-theme="{theme.id}" '
            f'href="{h.rel(from_url, h.theme_url(theme.id))}">{escape(theme.label)}</a> '
            f'<span class="hub-count">{count} items</span></li>'
        )
    return f'<ul class="hub-theme-counts">{"".join(rows)}</ul>'


def team(hub: HubConfig) -> str:
    rows = "".join(
        f'<div class="hub-person"><dt>{escape(a.label)}</dt>'
        f'<dd class="hub-person__role">{escape(a.role)}'
        f"{', ' + escape(a.organisation) if a.organisation else ''}</dd>"
        f"<dd>{escape(a.bio)}</dd></div>"
        for a in hub.authors
    )
    return f'<dl class="hub-team">{rows}</dl>'


def render_insert(name: str, items: tuple[Item, ...], hub: HubConfig, from_url: str) -> str | None:
    """A block a static page asks for with <div class="hub-insert" data-hub="NAME"></div>."""
    posts = [i for i in items if i.kind == POST][: hub.listing["home_latest_posts"]]
    cases = [i for i in items if i.kind == CASE_STUDY]
    featured = [c for c in cases if c.case and c.case.featured] or cases
    featured = featured[: hub.listing["home_featured_case_studies"]]
    guidance = sorted((i for i in items if i.kind == GUIDANCE), key=lambda i: i.title.lower())
    makers = {
        "latest-posts": lambda: h.entries(posts, hub, from_url, heading=3),
        "featured-case-studies": lambda: h.entries(featured, hub, from_url, heading=3),
        "themes": lambda: theme_counts(items, hub, from_url),
        "team": lambda: team(hub),
        "guidance-list": lambda: h.entries(guidance, hub, from_url),
        "feeds": lambda: feed_table(hub, from_url),
    }
    maker = makers.get(name)
    return maker() if maker else None


INSERT_NAMES = ("latest-posts", "featured-case-studies", "themes", "team", "guidance-list", "feeds")


def feed_table(hub: HubConfig, from_url: str) -> str:
    """Every feed with a one-line description and both formats, for the subscribe page."""

    def link(href: str, text: str, hidden: str) -> str:
        hint = f'<span class="md-visually-hidden">{hidden}</span>'
        return f'<td><a href="{h.rel(from_url, href)}">{text}{hint}</a></td>'

    rows = "".join(
        f'<tr><th scope="row">{escape(f.title)}</th><td>{escape(f.description)}</td>'
        + link(f.rss, "RSS", f" feed: {escape(f.title)}")
        + link(f.json, "JSON Feed", f": {escape(f.title)}")
        + "</tr>"
        for f in feed_list(hub)
    )
    return (
        '<table class="hub-feeds"><caption class="md-visually-hidden">Feeds of this site</caption>'
        '<thead><tr><th scope="col">Feed</th><th scope="col">What it carries</th>'
        f'<th scope="col">RSS</th><th scope="col">JSON</th></tr></thead><tbody>{rows}</tbody></table>'
    )
