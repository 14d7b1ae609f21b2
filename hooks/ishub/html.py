"""Small HTML fragments shared by every listing: entries, badges, dates, pagers.

Every value from front matter passes through `escape`; every link is made
relative to the page it is on, so the site works from any folder of a host.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from .catalogue import Item
from .config import HubConfig


def rel(from_url: str, to_url: str) -> str:
    """A link from the page at `from_url` to `to_url` (both site-relative, directory
    URLs ending in '/'). Plain string work: listings call this tens of thousands of times."""
    if to_url.startswith(("http://", "https://", "#")):
        return to_url
    here = [p for p in from_url.split("/")[:-1] if p] if "/" in from_url else []
    there = [p for p in to_url.split("/") if p]
    common = 0
    for a, b in zip(here, there, strict=False):
        if a != b:
            break
        common += 1
    parts = [".."] * (len(here) - common) + there[common:]
    if not parts:
        return "./"
    return "/".join(parts) + ("/" if to_url.endswith("/") else "")


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def time_tag(day: dt.date) -> str:
    return f'<time datetime="{day.isoformat()}">{long_date(day)}</time>'


def theme_url(theme_id: str) -> str:
    return f"themes/{theme_id}/"


def badges(item: Item, hub: HubConfig, from_url: str) -> str:
    """Theme badges linking to each theme's page."""
    if not item.themes:
        return ""
    lis = []
    for decision in item.themes:
        label = hub.label("themes", decision.theme)
        lis.append(
            f'<li><a class="hub-badge" data-theme="{escape(decision.theme)}" '
            f'href="{rel(from_url, theme_url(decision.theme))}">{escape(label)}</a></li>'
        )
    return f'<ul class="hub-badges" aria-label="Themes">{"".join(lis)}</ul>'


def author_names(item: Item, hub: HubConfig) -> str:
    names = [hub.label("authors", author_id) for author_id in item.authors]
    if len(names) > 1:
        return ", ".join(names[:-1]) + " and " + names[-1]
    return names[0] if names else ""


def byline(item: Item, hub: HubConfig, with_type: bool = False) -> str:
    """Type, date, place and authors of an item, on one line."""
    parts = []
    if with_type:
        parts.append(f'<span class="hub-type">{escape(hub.collection(item.kind).singular)}</span>')
    if item.date:
        prefix = "Updated " if item.kind == "guidance" else ""
        parts.append(prefix + time_tag(item.date))
    if item.case:
        region = hub.term("regions", item.case.region)
        parts.append(escape(item.case.place) + (f", {escape(region.label)}" if region else ""))
    if item.authors:
        parts.append("By " + escape(author_names(item, hub)))
    if item.draft:
        parts.append('<strong class="hub-draft-tag">Draft</strong>')
    return f'<p class="hub-entry__meta">{" · ".join(parts)}</p>' if parts else ""


def entry(item: Item, hub: HubConfig, from_url: str, heading: int = 2, with_type: bool = False) -> str:
    """One item in a listing: title link, byline, summary, themes."""
    href = rel(from_url, item.url)
    return (
        f'<article class="hub-entry" data-kind="{item.kind}">'
        f'<h{heading} class="hub-entry__title"><a href="{href}">{escape(item.title)}</a></h{heading}>'
        f"{byline(item, hub, with_type)}"
        f'<p class="hub-entry__summary">{escape(item.summary)}</p>'
        f"{badges(item, hub, from_url)}</article>"
    )


def entries(items, hub: HubConfig, from_url: str, heading: int = 2, with_type: bool = False) -> str:
    if not items:
        return '<p class="hub-empty">Nothing here yet.</p>'
    body = "".join(entry(i, hub, from_url, heading, with_type) for i in items)
    return f'<div class="hub-entries">{body}</div>'


def pager(current: int, total: int, url_of, from_url: str, label: str) -> str:
    """Numbered page links with previous and next; nothing when one page."""
    if total <= 1:
        return ""
    links = []
    if current > 1:
        links.append(
            f'<a class="hub-pager__prev" rel="prev" href="{rel(from_url, url_of(current - 1))}">Newer</a>'
        )
    shown = page_window(current, total)
    for before, n in zip((0, *shown), shown, strict=False):
        if n - before > 1:
            links.append('<span class="hub-pager__gap" aria-hidden="true">…</span>')
        if n == current:
            links.append(f'<span class="hub-pager__current" aria-current="page">Page {n}</span>')
        else:
            links.append(f'<a href="{rel(from_url, url_of(n))}">Page {n}</a>')
    if current < total:
        links.append(
            f'<a class="hub-pager__next" rel="next" href="{rel(from_url, url_of(current + 1))}">Older</a>'
        )
    return f'<nav class="hub-pager" aria-label="{escape(label)}">{" ".join(links)}</nav>'


def page_window(current: int, total: int, around: int = 2) -> tuple[int, ...]:
    """The page numbers a pager shows: first, last, and a few around the current one.

    Linking every page from every page would make listings grow with the square
    of the content; this keeps each pager the same size at any scale.
    """
    near = range(max(1, current - around), min(total, current + around) + 1)
    return tuple(sorted({1, total, *near}))


def chunks(items, size: int) -> list:
    """Items split into pages of `size`; always at least one page."""
    size = max(1, int(size))
    return [items[i : i + size] for i in range(0, len(items), size)] or [items[:0]]
