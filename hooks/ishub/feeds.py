"""Feeds: everything, one per content type and one per theme, as RSS 2.0 and JSON Feed 1.1.

Every value comes from the catalogue, never from the clock: an item's date is
its front matter date, a channel's lastBuildDate is its newest item's, so the
same content always gives byte-identical feeds. GUIDs are tag URIs made of the
item's type, slug and publication date: editing an item never changes its GUID.
A guidance page's date is its `updated` day, so each update is a new entry.
Feeds follow the W3C validator's rules: plain text (titles, names, categories)
is encoded as the RSS Profile asks, descriptions and content are HTML with
absolute URLs, and names go in dc:creator (RSS <author> must be an e-mail).
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
from .problems import Problem
from .schema import CASE_STUDY, GUIDANCE, POST

DEFAULT_LENGTH = 50
PUBLISHER = "Centre of Excellence for Information Sharing"
DESCRIPTIONS = {
    POST: "New blog posts from the Centre and its partners.",
    CASE_STUDY: "New case studies of information sharing in practice.",
    GUIDANCE: "New and updated guidance pages.",
}
# An address attribute inside a tag (never text that shows one, such as a code sample,
# where the sanitised HTML holds "&lt;" rather than "<").
_ATTR = re.compile(r'(<[a-zA-Z][^<>]*?\s(?:href|src|poster))="([^"]*)"')
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
    specs = [("all", "everything", "Every new blog post, case study and guidance update.", "feeds/all", "")]
    specs += [
        (c.kind, c.label.lower(), DESCRIPTIONS[c.kind], f"feeds/{c.url}", f"{c.url}/")
        for c in hub.collections
    ]
    specs += [
        (
            f"theme-{t.id}",
            t.label.lower(),
            f"Everything new on the theme of {t.label.lower()}.",
            f"feeds/themes/{t.id}",
            f"themes/{t.id}/",
        )
        for t in hub.taxonomy.themes
    ]
    lengths = feed_lengths(hub)
    return tuple(
        Feed(i, f"{hub.site_name}: {name}", text, path, home, lengths[i])
        for i, name, text, path, home in specs
    )


def feed_ids(hub: HubConfig) -> tuple[str, ...]:
    return ("all", *(c.kind for c in hub.collections), *(f"theme-{t}" for t in hub.taxonomy.ids()))


def feed_lengths(hub: HubConfig) -> dict[str, int]:
    """How many items each feed carries: `extra.feeds.length`, else `default_length`, else 50.

    A value that is not a whole number above zero falls back to the default;
    `check_feed_settings` reports it.
    """
    default = _count(hub.feeds.get("default_length")) or DEFAULT_LENGTH
    given = hub.feeds.get("length") if isinstance(hub.feeds.get("length"), dict) else {}
    return {i: _count(given.get(i)) or default for i in feed_ids(hub)}


def _count(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


def check_feed_settings(hub: HubConfig) -> list[Problem]:
    """Problems in `extra.feeds` of mkdocs.yml, in words for the person who set it."""
    settings, ids = hub.feeds, ", ".join(feed_ids(hub))

    def bad(key: str, message: str, fix: str) -> Problem:
        return Problem("mkdocs.yml", 0, f"extra.feeds.{key}", message, fix)

    number = "give a whole number of items above 0"
    problems = [
        bad(k, "is not a feed setting", "use default_length or length")
        for k in settings
        if k not in ("default_length", "length")
    ]
    if "default_length" in settings and not _count(settings["default_length"]):
        problems.append(
            bad("default_length", f"'{settings['default_length']}' is not a number of items", number)
        )
    lengths = settings.get("length", {})
    if not isinstance(lengths, dict):
        return [
            *problems,
            bad("length", "must map feed ids to numbers", f"e.g. length: {{all: 100}} (feeds: {ids})"),
        ]
    for key, value in lengths.items():
        if key not in feed_ids(hub):
            problems.append(bad(f"length.{key}", "is not a feed", f"use one of: {ids}"))
        elif not _count(value):
            problems.append(bad(f"length.{key}", f"'{value}' is not a number of items", number))
    return problems


def belongs(feed: Feed, item: Item) -> bool:
    if feed.id == "all":
        return True
    if feed.id.startswith("theme-"):
        return feed.id[len("theme-") :] in item.theme_ids
    return item.kind == feed.id


def feed_items(feed: Feed, items: tuple[Item, ...]) -> list[Item]:
    """The newest items that belong to a feed; only dated items can be announced."""
    chosen = sorted((i for i in items if i.date and belongs(feed, i)), key=lambda i: i.sort_key)
    return chosen[: feed.length]


def guid(item: Item, hub: HubConfig) -> str:
    """An item's identity in feeds: made of its type, slug and date, so a rebuild or an
    edit never changes it. A renamed item keeps the slug of its oldest address (its
    first alias); an item whose date was corrected carries its old identity as `guid:`."""
    if item.guid:
        return item.guid
    host = urlsplit(hub.site_url).hostname or "localhost"
    slug = item.slug
    if item.aliases and item.aliases[0].startswith(item.url.split("/", 1)[0] + "/"):
        slug = item.aliases[0].rstrip("/").rsplit("/", 1)[-1]
    return f"tag:{host},{item.date.isoformat()}:{item.kind}/{slug}"


def absolute_html(html: str, page_url: str) -> str:
    """Body HTML with every link and image absolute, and without permalink anchors."""

    def absolute(m: re.Match) -> str:
        return f'{m.group(1)}="{escape(urljoin(page_url, m.group(2).replace("&amp;", "&")))}"'

    return _ATTR.sub(absolute, _HEADERLINK.sub("", html))


def _rfc822(day: dt.date) -> str:
    return format_datetime(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC))


def _rfc3339(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _text(value: str) -> str:
    """Plain text for an RSS element, with hexadecimal references as the RSS Profile asks."""
    return value.replace("&", "&#x26;").replace("<", "&#x3C;").replace(">", "&#x3E;")


def _cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def newest_change(items: list[Item]) -> dt.date | None:
    return max(((i.updated or i.date) for i in items), default=None)


def rss_channel(feed: Feed, items: list[Item], hub: HubConfig) -> list[str]:
    site, newest = hub.site_url, newest_change(items)
    out = [
        f"<title>{_text(feed.title)}</title>",
        f"<link>{escape(site + feed.home)}</link>",
        f"<description>{_text(feed.description)}</description>",
        f'<atom:link href="{escape(site + feed.rss)}" rel="self" type="application/rss+xml"/>',
        "<language>en-GB</language>",
    ]
    return out + ([f"<lastBuildDate>{_rfc822(newest)}</lastBuildDate>"] if newest else [])


def rss_item(item: Item, hub: HubConfig, body: str | None) -> list[str]:
    url = hub.site_url + item.url
    out = [
        "<item>",
        f"<title>{_text(item.title)}</title>",
        f"<link>{escape(url)}</link>",
        f'<guid isPermaLink="false">{escape(guid(item, hub))}</guid>',
        f"<pubDate>{_rfc822(item.date)}</pubDate>",
    ]
    if item.updated and item.updated != item.date:
        out.append(f"<atom:updated>{_rfc3339(item.updated)}</atom:updated>")
    out += [f"<dc:creator>{_text(name)}</dc:creator>" for name in author_names(item, hub)]
    out += [f"<category>{_text(label)}</category>" for label in theme_labels(item, hub)]
    # The description is HTML, so the plain-text summary is escaped as HTML first.
    out.append(f"<description>{_cdata(escape(item.summary, quote=False))}</description>")
    if body:
        out.append(f"<content:encoded>{_cdata(absolute_html(body, url))}</content:encoded>")
    return out + ["</item>"]


def render_rss(feed: Feed, items: list[Item], hub: HubConfig, content: dict[str, str]) -> str:
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">',
        "<channel>",
        *rss_channel(feed, items, hub),
    ]
    for item in items:
        out += rss_item(item, hub, content.get(item.src_uri))
    return "\n".join([*out, "</channel>", "</rss>", ""])


def json_item(item: Item, hub: HubConfig, body: str | None) -> dict:
    url = hub.site_url + item.url
    entry = {
        "id": guid(item, hub),
        "url": url,
        "title": item.title,
        "summary": item.summary,
        "content_html": absolute_html(body or f"<p>{escape(item.summary)}</p>", url),
        "date_published": _rfc3339(item.date),
    }
    if item.updated and item.updated != item.date:
        entry["date_modified"] = _rfc3339(item.updated)
    names = author_names(item, hub)
    if names:
        entry["authors"] = [{"name": n} for n in names]
    tags = theme_labels(item, hub)
    if tags:
        entry["tags"] = tags
    return entry


def render_json(feed: Feed, items: list[Item], hub: HubConfig, content: dict[str, str]) -> str:
    site = hub.site_url
    data = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": feed.title,
        "home_page_url": site + feed.home,
        "feed_url": site + feed.json,
        "description": feed.description,
        "language": "en-GB",
        "authors": [{"name": PUBLISHER, "url": site}],
        "items": [json_item(i, hub, content.get(i.src_uri)) for i in items],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def author_names(item: Item, hub: HubConfig) -> list[str]:
    if item.case:
        return list(item.case.organisations)
    return [t.label for t in (hub.term("authors", a) for a in item.authors) if t]


def theme_labels(item: Item, hub: HubConfig) -> list[str]:
    return [t.label for t in (hub.taxonomy.get(i) for i in item.theme_ids) if t]


def render_opml(feeds: tuple[Feed, ...], hub: HubConfig) -> str:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        "<head>",
        f"<title>{escape(hub.site_name)} feeds</title>",
        "</head>",
        "<body>",
    ]
    for feed in feeds:
        title, site = escape(feed.title), hub.site_url
        lines.append(
            f'<outline type="rss" text="{title}" title="{title}" '
            f'xmlUrl="{escape(site + feed.rss)}" htmlUrl="{escape(site + feed.home)}"/>'
        )
    lines += ["</body>", "</opml>", ""]
    return "\n".join(lines)


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_text(text: str) -> str:
    """Text without the characters XML 1.0 forbids, so a feed always parses (the
    content gates refuse them already; this is the last line of defence)."""
    return _NOT_XML.sub("", text)


def write_feeds(state, site_dir: Path) -> list[str]:
    """Write every feed into the built site (the OPML file is a page of the build); returns their paths."""
    hub = state.hub
    written = []
    for feed in feed_list(hub):
        chosen = feed_items(feed, state.items)
        for rel, text in (
            (feed.rss, xml_text(render_rss(feed, chosen, hub, state.rendered))),
            (feed.json, render_json(feed, chosen, hub, state.rendered)),
        ):
            target = site_dir / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            written.append(rel)
    return written
