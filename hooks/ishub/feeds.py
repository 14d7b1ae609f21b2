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

from .catalogue import Change, Item
from .config import HubConfig
from .fields import closest
from .problems import Problem
from .registry import content_type, facet, feed_facets

DEFAULT_LENGTH = 50
EVERYTHING = "Every new blog post, case study and guidance update."
# An address attribute inside a tag (never text that shows one, such as a code sample,
# where the sanitised HTML holds "&lt;" rather than "<").
_ATTR = re.compile(r'(<[a-zA-Z][^<>]*?\s(?:href|src|poster))="([^"]*)"')
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>')


@dataclass(frozen=True)
class Feed:
    id: str  # all | a content type (post, case-study, guidance) | <facet key>-<value>, e.g. theme-culture
    title: str
    description: str
    path: str  # without extension, e.g. feeds/themes/culture
    home: str  # the listing page this feed follows, site-relative
    length: int
    group: str = "all"  # all | type | a facet key: how the subscribe page and the OPML bundles group it
    kind: str = ""  # a content type's feed: that type
    facet: str = ""  # a facet's feed: the facet key ...
    value: str = ""  # ... and its value
    label: str = ""  # what it follows, as a reader says it: "Wales", "Blog posts"

    @property
    def rss(self) -> str:
        return self.path + ".xml"

    @property
    def json(self) -> str:
        return self.path + ".json"


def feed_list(hub: HubConfig, items: tuple[Item, ...]) -> tuple[Feed, ...]:
    """Every feed of the site, in the order the subscribe page lists them: everything, each
    content type, then one per value of each facet that has feeds (registry.FACETS): every
    theme and author, and each region and policy area that has a case study (the values
    with a page for the feed to follow)."""
    lengths = feed_lengths(hub)
    name = hub.site_name

    def make(fid: str, title: str, text: str, path: str, home: str, **rest) -> Feed:
        return Feed(fid, f"{name}: {title}", text, path, home, lengths[fid], **rest)

    out = [make("all", "everything", EVERYTHING, "feeds/all", "", label="Everything")]
    out += [
        make(
            c.kind,
            c.label.lower(),
            c.type.feed_description,
            f"feeds/{c.url}",
            f"{c.url}/",
            group="type",
            kind=c.kind,
            label=c.label,
        )
        for c in hub.collections
    ]
    for f in feed_facets():
        used = {v for i in items if i.kind in f.kinds for v in f.values(i)}
        for term in hub.terms(f.vocabulary):
            if not (f.every_value or term.id in used):
                continue
            out.append(
                make(
                    f.feed_id(term.id),
                    f.feed_title.format(label=term.label, lower=term.label.lower()),
                    f.feed_description.format(label=term.label, lower=term.label.lower()),
                    f.feed_path(term.id),
                    f.page_of(term.id, hub.type_urls),
                    group=f.key,
                    facet=f.key,
                    value=term.id,
                    label=term.label,
                )
            )
    return tuple(out)


def feed_ids(hub: HubConfig) -> tuple[str, ...]:
    ids = ["all", *(c.kind for c in hub.collections)]
    for f in feed_facets():
        ids += [f.feed_id(t) for t in hub.vocabulary(f.vocabulary)]
    return tuple(ids)


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
    settings = hub.feeds
    ids = ", ".join(["all", *(c.kind for c in hub.collections), *(f"{f.key}-<id>" for f in feed_facets())])

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
            guess = closest(str(key), feed_ids(hub))
            hint = f"did you mean '{guess}'? " if guess else ""
            problems.append(bad(f"length.{key}", "is not a feed", f"{hint}feed ids: {ids}"))
        elif not _count(value):
            problems.append(bad(f"length.{key}", f"'{value}' is not a number of items", number))
    return problems


def belongs(feed: Feed, item: Item) -> bool:
    if feed.kind:
        return item.kind == feed.kind
    if feed.facet:
        f = facet(feed.facet)
        return item.kind in f.kinds and feed.value in f.values(item)
    return True


@dataclass(frozen=True)
class FeedEntry:
    """One announcement: an item's publication, or one change to a guidance page."""

    item: Item
    date: dt.date
    guid: str
    title: str
    note: str = ""  # what changed, for a change's entry

    @property
    def sort_key(self) -> tuple:
        return (-self.date.toordinal(), self.item.kind, self.item.slug)


def announcements(item: Item, hub: HubConfig) -> list[FeedEntry]:
    """What a feed says about one item: its publication, then, for a type that announces
    its updates (guidance), each change of its history once, titled with what changed.
    Every entry has its own GUID, made of the day it announces."""
    out = [FeedEntry(item, item.date, guid(item, hub), item.title)]
    if not content_type(item.kind).announces_updates or "date" not in item.fields:
        return out  # a guidance page dated only by `updated` is announced on that day, as one entry
    changes = item.changes or ((Change(item.updated, ""),) if item.updated else ())
    for change in changes:
        if change.date > item.date:
            title = f"{item.title}: {change.note}" if change.note else f"{item.title} (updated)"
            out.append(FeedEntry(item, change.date, guid(item, hub, change.date), title, change.note))
    return out


def feed_items(feed: Feed, items: tuple[Item, ...], hub: HubConfig) -> list[FeedEntry]:
    """The newest announcements of the items that belong to a feed; only dated items can be
    announced."""
    chosen = [e for i in items if i.date and belongs(feed, i) for e in announcements(i, hub)]
    return sorted(chosen, key=lambda e: e.sort_key)[: feed.length]


def guid(item: Item, hub: HubConfig, day: dt.date | None = None) -> str:
    """An item's identity in feeds: made of its type, slug and date, so a rebuild or an
    edit never changes it. A renamed item keeps the slug of its oldest address (its
    first alias); an item whose date was corrected carries its old identity as `guid:`.
    A change to a guidance page is identified by the change's day in its place."""
    if item.guid and day is None:
        return item.guid
    host = urlsplit(hub.site_url).hostname or "localhost"
    slug = item.slug
    if item.aliases and item.aliases[0].startswith(item.url.split("/", 1)[0] + "/"):
        slug = item.aliases[0].rstrip("/").rsplit("/", 1)[-1]
    return f"tag:{host},{(day or item.date).isoformat()}:{item.kind}/{slug}"


def _entries(items: list, hub: HubConfig) -> list[FeedEntry]:
    """Feed entries as given, or an item's publication for each plain item."""
    return [e if isinstance(e, FeedEntry) else FeedEntry(e, e.date, guid(e, hub), e.title) for e in items]


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


def newest_change(entries: list[FeedEntry]) -> dt.date | None:
    return max((max(e.date, e.item.updated or e.date) for e in entries), default=None)


def rss_channel(feed: Feed, entries: list[FeedEntry], hub: HubConfig) -> list[str]:
    site, newest = hub.site_url, newest_change(entries)
    out = [
        f"<title>{_text(feed.title)}</title>",
        f"<link>{escape(site + feed.home)}</link>",
        f"<description>{_text(feed.description)}</description>",
        f'<atom:link href="{escape(site + feed.rss)}" rel="self" type="application/rss+xml"/>',
        "<language>en-GB</language>",
    ]
    return out + ([f"<lastBuildDate>{_rfc822(newest)}</lastBuildDate>"] if newest else [])


def _description(entry: FeedEntry) -> str:
    """The entry's description, as HTML: the summary, after what changed for a change."""
    summary = escape(entry.item.summary, quote=False)
    return (
        f"<p>What changed: {escape(entry.note, quote=False)}</p><p>{summary}</p>" if entry.note else summary
    )


def rss_item(entry: FeedEntry, hub: HubConfig, body: str | None) -> list[str]:
    item = entry.item
    url = hub.site_url + item.url
    out = [
        "<item>",
        f"<title>{_text(entry.title)}</title>",
        f"<link>{escape(url)}</link>",
        f'<guid isPermaLink="false">{escape(entry.guid)}</guid>',
        f"<pubDate>{_rfc822(entry.date)}</pubDate>",
    ]
    if item.updated and item.updated > entry.date:
        out.append(f"<atom:updated>{_rfc3339(item.updated)}</atom:updated>")
    out += [f"<dc:creator>{_text(name)}</dc:creator>" for name in author_names(item, hub)]
    out += [f"<category>{_text(label)}</category>" for label in theme_labels(item, hub)]
    out.append(f"<description>{_cdata(_description(entry))}</description>")
    if body:
        out.append(f"<content:encoded>{_cdata(absolute_html(body, url))}</content:encoded>")
    return out + ["</item>"]


def render_rss(
    feed: Feed, items: list, hub: HubConfig, content: dict[str, str], memo: dict | None = None
) -> str:
    """A feed as RSS 2.0; `items` are feed entries (or items, for their publication).
    `memo` keeps each entry's text across the feeds of one build: an entry is the same
    in every feed it is in."""
    entries = _entries(items, hub)
    memo = {} if memo is None else memo
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">',
        "<channel>",
        *rss_channel(feed, entries, hub),
    ]
    for e in entries:
        key = ("rss", e.guid, e.item.src_uri)
        if key not in memo:
            memo[key] = "\n".join(rss_item(e, hub, content.get(e.item.src_uri)))
        out.append(memo[key])
    return "\n".join([*out, "</channel>", "</rss>", ""])


def json_item(entry: FeedEntry, hub: HubConfig, body: str | None) -> dict:
    item = entry.item
    url = hub.site_url + item.url
    out = {
        "id": entry.guid,
        "url": url,
        "title": entry.title,
        "summary": f"What changed: {entry.note}. {item.summary}" if entry.note else item.summary,
        "content_html": absolute_html(body or f"<p>{escape(item.summary)}</p>", url),
        "date_published": _rfc3339(entry.date),
    }
    if item.updated and item.updated > entry.date:
        out["date_modified"] = _rfc3339(item.updated)
    names = author_names(item, hub)
    if names:
        out["authors"] = [{"name": n} for n in names]
    tags = theme_labels(item, hub)
    if tags:
        out["tags"] = tags
    return out


def render_json(
    feed: Feed, items: list, hub: HubConfig, content: dict[str, str], memo: dict | None = None
) -> str:
    entries = _entries(items, hub)
    memo = {} if memo is None else memo
    site = hub.site_url
    out = []
    for e in entries:
        key = ("json", e.guid, e.item.src_uri)
        if key not in memo:
            memo[key] = json_item(e, hub, content.get(e.item.src_uri))
        out.append(memo[key])
    data = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": feed.title,
        "home_page_url": site + feed.home,
        "feed_url": site + feed.json,
        "description": feed.description,
        "language": "en-GB",
        "authors": [{"name": hub.site_author or hub.site_name, "url": site}],
        "items": out,
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def author_names(item: Item, hub: HubConfig) -> list[str]:
    if item.case:
        return list(item.case.organisations)
    return [t.label for t in (hub.term("authors", a) for a in item.authors) if t]


def theme_labels(item: Item, hub: HubConfig) -> list[str]:
    return [t.label for t in (hub.taxonomy.get(i) for i in item.theme_ids) if t]


@dataclass(frozen=True)
class FeedGroup:
    """Feeds that follow one way of dividing the content, and the OPML bundle of them."""

    id: str  # all | type | a facet key
    title: str  # "By region"
    feeds: tuple[Feed, ...]
    bundle: str  # its OPML file, site-relative: feeds/bundles/by-region.opml
    exact: bool  # every item is in exactly one of its feeds (so one copy per GUID loses nothing)
    advice: str  # what a subscriber should know before importing the bundle


def feed_groups(feeds: tuple[Feed, ...]) -> tuple[FeedGroup, ...]:
    """The feeds grouped as the subscribe page shows them, each group with its bundle."""
    out = []
    for gid in dict.fromkeys(f.group for f in feeds):
        chosen = tuple(f for f in feeds if f.group == gid)
        if gid == "all":
            title, name, exact = "Everything", "everything", True
            advice = "One feed with every new item: the simplest choice, nothing missed and nothing twice."
        elif gid == "type":
            title, name, exact = "By type of content", "by-type", True
            advice = "Every item is in exactly one of these feeds."
        else:
            spec = facet(gid)
            title, name, exact = f"By {spec.label.lower()}", f"by-{spec.key}", not spec.many
            labels = [content_type(k).label.lower() for k in spec.kinds]
            kinds = " and ".join([", ".join(labels[:-1]), labels[-1]] if len(labels) > 1 else labels)
            advice = f"For {kinds}. " + (
                "Every item is in exactly one of these feeds."
                if exact
                else f"An item with more than one {spec.label.lower()} is in each of their feeds; "
                "a reader that keeps one copy of each item shows it in only one of them."
            )
        out.append(FeedGroup(gid, title, chosen, f"feeds/bundles/{name}.opml", exact, advice))
    return tuple(out)


def render_opml(feeds: tuple[Feed, ...], hub: HubConfig, title: str = "feeds") -> str:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        "<head>",
        f"<title>{escape(hub.site_name)} {escape(title)}</title>",
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


def opml_files(feeds: tuple[Feed, ...], hub: HubConfig) -> dict[str, str]:
    """feeds.opml (every feed, for tools) and one bundle per group, for feed readers."""
    out = {"feeds.opml": render_opml(feeds, hub)}
    for group in feed_groups(feeds):
        out[group.bundle] = render_opml(group.feeds, hub, f"feeds: {group.title.lower()}")
    return out


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_text(text: str) -> str:
    """Text without the characters XML 1.0 forbids, so a feed always parses (the
    content gates refuse them already; this is the last line of defence)."""
    return _NOT_XML.sub("", text)


def write_feeds(state, site_dir: Path) -> list[str]:
    """Write every feed into the built site (the OPML file is a page of the build); returns their paths."""
    hub = state.hub
    written = []
    memo: dict = {}
    for feed in state.feeds:
        chosen = feed_items(feed, state.items, hub)
        for rel, text in (
            (feed.rss, xml_text(render_rss(feed, chosen, hub, state.rendered, memo))),
            (feed.json, render_json(feed, chosen, hub, state.rendered, memo)),
        ):
            target = site_dir / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            written.append(rel)
    return written
