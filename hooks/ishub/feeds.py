"""Feeds: everything, one per content type and one per theme, as RSS 2.0 and JSON Feed 1.1.

Every value comes from the catalogue, never from the clock: an item's date is
its front matter date, a channel's lastBuildDate is its newest item's, so the
same content always gives byte-identical feeds. GUIDs are tag URIs made of the
item's type, slug and publication date: editing an item never changes its GUID.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from email.utils import format_datetime
from html import escape
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from .catalogue import Item
from .config import HubConfig
from .schema import CASE_STUDY, GUIDANCE, POST

DEFAULT_LENGTH = 50
_ATTR = re.compile(r'(\s(?:href|src))="([^"]*)"')
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>')


@dataclass(frozen=True)
class Feed:
    id: str  # all | post | case-study | guidance | theme-<id>
    title: str
    description: str
    path: str  # without extension, e.g. feeds/themes/culture
    home: str  # the listing page this feed follows, site-relative
    length: int

    @property
    def rss(self) -> str:
        return self.path + ".xml"

    @property
    def json(self) -> str:
        return self.path + ".json"


def feed_list(hub: HubConfig) -> tuple[Feed, ...]:
    """Every feed of the site, in the order the subscribe page lists them."""
    lengths = hub.feeds.get("length") or {}
    default = int(hub.feeds.get("default_length", DEFAULT_LENGTH))

    def length(feed_id: str) -> int:
        return int(lengths.get(feed_id, default))

    name = hub.site_name
    feeds = [Feed("all", f"{name}: everything",
                  "Every new blog post, case study and guidance update.", "feeds/all", "", length("all"))]
    descriptions = {POST: "New blog posts from the Centre and its partners.",
                    CASE_STUDY: "New case studies of information sharing in practice.",
                    GUIDANCE: "New and updated guidance pages."}
    for coll in hub.collections:
        feeds.append(Feed(coll.kind, f"{name}: {coll.label.lower()}", descriptions[coll.kind],
                          f"feeds/{coll.url}", f"{coll.url}/", length(coll.kind)))
    for theme in hub.taxonomy.themes:
        feeds.append(Feed(f"theme-{theme.id}", f"{name}: {theme.label.lower()}",
                          f"Everything new on the theme of {theme.label.lower()}.",
                          f"feeds/themes/{theme.id}", f"themes/{theme.id}/", length(f"theme-{theme.id}")))
    return tuple(feeds)


def feed_items(feed: Feed, items: tuple[Item, ...]) -> list[Item]:
    """The newest items that belong to a feed; only dated items can be announced."""
    def belongs(item: Item) -> bool:
        if feed.id == "all":
            return True
        if feed.id.startswith("theme-"):
            return feed.id[len("theme-"):] in item.theme_ids
        return item.kind == feed.id

    chosen = [i for i in items if i.date and belongs(i)]
    chosen.sort(key=lambda i: (-i.date.toordinal(), i.kind, i.slug))
    return chosen[: feed.length]


def guid(item: Item, hub: HubConfig) -> str:
    host = urlsplit(hub.site_url).hostname or "localhost"
    return f"tag:{host},{item.date.isoformat()}:{item.kind}/{item.slug}"


def absolute_html(html: str, page_url: str) -> str:
    """Body HTML with every link and image absolute, and without permalink anchors."""
    html = _HEADERLINK.sub("", html)
    return _ATTR.sub(lambda m: f'{m.group(1)}="{escape(urljoin(page_url, _unescape(m.group(2))))}"', html)


def _unescape(value: str) -> str:
    return value.replace("&amp;", "&")


def _rfc822(day: dt.date) -> str:
    return format_datetime(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc))


def _rfc3339(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def render_rss(feed: Feed, items: list[Item], hub: HubConfig, content: dict[str, str]) -> str:
    site = hub.site_url
    newest = max(((i.updated or i.date) for i in items), default=None)
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" '
           'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
           'xmlns:dc="http://purl.org/dc/elements/1.1/">',
           "<channel>",
           f"<title>{escape(feed.title)}</title>",
           f"<link>{escape(site + feed.home)}</link>",
           f"<description>{escape(feed.description)}</description>",
           f'<atom:link href="{escape(site + feed.rss)}" rel="self" type="application/rss+xml"/>',
           "<language>en-GB</language>"]
    if newest:
        out.append(f"<lastBuildDate>{_rfc822(newest)}</lastBuildDate>")
    for item in items:
        url = site + item.url
        out.append("<item>")
        out.append(f"<title>{escape(item.title)}</title>")
        out.append(f"<link>{escape(url)}</link>")
        out.append(f'<guid isPermaLink="false">{escape(guid(item, hub))}</guid>')
        out.append(f"<pubDate>{_rfc822(item.date)}</pubDate>")
        for name in author_names(item, hub):
            out.append(f"<dc:creator>{escape(name)}</dc:creator>")
        for label in theme_labels(item, hub):
            out.append(f"<category>{escape(label)}</category>")
        out.append(f"<description>{escape(item.summary)}</description>")
        body = content.get(item.src_uri)
        if body:
            out.append(f"<content:encoded>{_cdata(absolute_html(body, url))}</content:encoded>")
        out.append("</item>")
    out += ["</channel>", "</rss>", ""]
    return "\n".join(out)


def render_json(feed: Feed, items: list[Item], hub: HubConfig, content: dict[str, str]) -> str:
    site = hub.site_url
    data = {"version": "https://jsonfeed.org/version/1.1", "title": feed.title,
            "home_page_url": site + feed.home, "feed_url": site + feed.json,
            "description": feed.description, "language": "en-GB",
            "authors": [{"name": "Centre of Excellence for Information Sharing", "url": site}],
            "items": []}
    for item in items:
        url = site + item.url
        entry = {"id": guid(item, hub), "url": url, "title": item.title, "summary": item.summary,
                 "content_html": absolute_html(content.get(item.src_uri) or f"<p>{escape(item.summary)}</p>", url),
                 "date_published": _rfc3339(item.date)}
        if item.updated and item.updated != item.date:
            entry["date_modified"] = _rfc3339(item.updated)
        names = author_names(item, hub)
        if names:
            entry["authors"] = [{"name": n} for n in names]
        tags = theme_labels(item, hub)
        if tags:
            entry["tags"] = tags
        data["items"].append(entry)
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def author_names(item: Item, hub: HubConfig) -> list[str]:
    if item.case:
        return list(item.case.organisations)
    return [t.label for t in (hub.term("authors", a) for a in item.authors) if t]


def theme_labels(item: Item, hub: HubConfig) -> list[str]:
    return [t.label for t in (hub.taxonomy.get(i) for i in item.theme_ids) if t]


def render_opml(feeds: tuple[Feed, ...], hub: HubConfig) -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<opml version="2.0">', "<head>",
             f"<title>{escape(hub.site_name)} feeds</title>", "</head>", "<body>"]
    for feed in feeds:
        lines.append(f'<outline type="rss" text="{escape(feed.title)}" title="{escape(feed.title)}" '
                     f'xmlUrl="{escape(hub.site_url + feed.rss)}" htmlUrl="{escape(hub.site_url + feed.home)}"/>')
    lines += ["</body>", "</opml>", ""]
    return "\n".join(lines)


def write_feeds(state, site_dir: Path) -> list[str]:
    """Write every feed into the built site (the OPML file is a page of the build); returns their paths."""
    hub = state.hub
    feeds = feed_list(hub)
    written = []
    for feed in feeds:
        chosen = feed_items(feed, state.items)
        for rel, text in ((feed.rss, render_rss(feed, chosen, hub, state.rendered)),
                          (feed.json, render_json(feed, chosen, hub, state.rendered))):
            target = site_dir / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            written.append(rel)
    return written
