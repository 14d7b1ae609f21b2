"""The feeds as feed readers and the W3C feed validator see them.

Expectations come from the front matter of the files a site was built from,
read here without the hooks: which items each feed carries, in which order,
with which dates; the themes of items without `themes:` come from the hub's
catalogue of those files, never from the pages under test. Extra builds of
copies of the fixture check rebuilds, edits and length limits.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
import jsonschema
import pytest
import yaml
from ishub.catalogue import build_catalogue
from ishub.config import load_hub_config
from ishub.feeds import check_feed_settings, feed_list
from ishub.sources import discover

from tests.conftest import ENV, FIXTURES, TODAY, make_site, mkdocs_build, read, real_config

CONFIG = real_config()
SITE = CONFIG["site_url"].rstrip("/") + "/"
NS = {
    "atom": "http://www.w3.org/2005/Atom",
    "dc": "http://purl.org/dc/elements/1.1/",
    "content": "http://purl.org/rss/1.0/modules/content/",
}
CONTENT = f"{{{NS['content']}}}encoded"
RFC822 = re.compile(
    r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
    r"\d{4} \d\d:\d\d:\d\d (\+0000|GMT)$"
)
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
DEFAULT_LENGTH = 50


# --- What the fixture's front matter says the feeds must carry ---------------------------------


@dataclass(frozen=True)
class Entry:
    """One item of the fixture as a feed should announce it."""

    kind: str
    slug: str
    url: str
    title: str
    summary: str
    date: dt.date  # a guidance page's date is its `updated` day
    updated: dt.date | None
    themes: tuple[str, ...]
    creators: tuple[str, ...]
    # What the feeds per region, policy area and author follow, from the front matter.
    regions: tuple[str, ...] = ()
    policy_areas: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()

    @property
    def changed(self) -> dt.date:
        return self.updated or self.date


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


@functools.cache
def catalogue_themes(root: Path) -> dict[str, tuple[str, ...]]:
    """Item URL -> theme ids, as the hub's catalogue decides them from the files under
    `root` (for items without `themes:`, the inferred ones)."""
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    hub, problems = load_hub_config(root, config)
    assert hub is not None, problems
    files, _assets, _problems = discover(hub, str(config.get("docs_dir") or "docs"))
    return {i.url: i.theme_ids for i in build_catalogue(files, hub).items}


def author_names() -> dict[str, str]:
    data = yaml.safe_load((FIXTURES / "site" / CONFIG["extra"]["authors_file"]).read_text(encoding="utf-8"))
    return {key: value["name"] for key, value in data["authors"].items()}


def entry(kind: str, path: Path, root: Path) -> Entry | None:
    meta = front_matter(path)
    slug = re.sub(r"^\d{4}-\d\d-\d\d-", "", path.stem)
    url = f"{CONFIG['extra']['collections'][kind]['url']}/{slug}/"
    date = meta.get("updated") if kind == "guidance" else meta.get("date")
    if not date or meta.get("draft") or (kind != "guidance" and date > dt.date.fromisoformat(TODAY)):
        return None
    updated = meta.get("updated") if kind != "guidance" else None
    names = author_names()
    creators = meta.get("organisations") or [names[a] for a in meta.get("authors", [])]
    themes = tuple(meta.get("themes") or catalogue_themes(root)[url])
    return Entry(
        kind,
        slug,
        url,
        meta["title"],
        meta["summary"],
        date,
        updated,
        themes,
        tuple(creators),
        (meta["region"],) if "region" in meta else (),
        tuple(meta.get("policy_areas", ())),
        tuple(meta.get("authors", ())),
    )


def catalogue(built: Path) -> list[Entry]:
    """Every item a feed of the site `built` may announce, from the files it was built from
    (the copy of the fixture its site/ folder is in): no drafts, nothing dated after today,
    guidance only with `updated`."""
    return entries_in(built.parent)


def entries_in(root: Path) -> list[Entry]:
    sources = {
        "post": root.glob("blog/*.md"),
        "case-study": root.glob("case_studies/*.md"),
        "guidance": (p for p in root.glob("docs/guidance/*.md") if p.name != "index.md"),
    }
    found = [entry(kind, path, root) for kind, paths in sources.items() for path in paths]
    return sorted((e for e in found if e), key=lambda e: (-e.date.toordinal(), e.kind, e.slug))


def feeds() -> dict[str, Callable[[Entry], bool]]:
    """Each feed's path (without extension) and which items belong to it."""
    out: dict[str, Callable[[Entry], bool]] = {"feeds/all": lambda e: True}
    for kind, coll in CONFIG["extra"]["collections"].items():
        out[f"feeds/{coll['url']}"] = lambda e, k=kind: e.kind == k
    for theme in CONFIG["extra"]["themes"]:
        out[f"feeds/themes/{theme['id']}"] = lambda e, t=theme["id"]: t in e.themes
    # A region or policy area has a feed once a case study has it (its page exists then).
    cases = [front_matter(p) for p in (FIXTURES / "site" / "case_studies").glob("*.md")]
    published = [m for m in cases if not m.get("draft") and m["date"] <= dt.date.fromisoformat(TODAY)]
    for region in CONFIG["extra"]["regions"]:
        if any(region["id"] == m["region"] for m in published):
            out[f"feeds/regions/{region['id']}"] = lambda e, r=region["id"]: r in e.regions
    for area in CONFIG["extra"]["policy_areas"]:
        if any(area["id"] in m["policy_areas"] for m in published):
            out[f"feeds/policy-areas/{area['id']}"] = lambda e, a=area["id"]: a in e.policy_areas
    for author in author_names():
        out[f"feeds/authors/{author}"] = lambda e, a=author: a in e.authors
    return out


FEEDS = feeds()
THEME_LABELS = {t["id"]: t["label"] for t in CONFIG["extra"]["themes"]}


def expected(built: Path, path: str, length: int = DEFAULT_LENGTH) -> list[Entry]:
    return [e for e in catalogue(built) if FEEDS[path](e)][:length]


# --- Reading the built feeds ----------------------------------------------------------------------


def channel(site: Path, path: str) -> ET.Element:
    return ET.fromstring((site / f"{path}.xml").read_bytes()).find("channel")


def json_feed(site: Path, path: str) -> dict:
    return json.loads(read(site, f"{path}.json"))


def guids(site: Path, path: str) -> dict[str, str]:
    """Item link -> GUID."""
    return {i.findtext("link"): i.findtext("guid") for i in channel(site, path).iter("item")}


class Tags(HTMLParser):
    """Every start tag with its attributes."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))


def urls_in(fragment: str) -> list[str]:
    return [a[name] for _, a in Tags(fragment).tags for name in ("href", "src", "poster") if name in a]


def bodies(site: Path, path: str) -> list[str]:
    rss = [i.findtext(CONTENT) or "" for i in channel(site, path).iter("item")]
    return rss + [i["content_html"] for i in json_feed(site, path)["items"]]


# --- Extra builds -------------------------------------------------------------------------------


def build_copy(
    tmp_path_factory, name: str, edit=lambda root: None, env: dict | None = None, **overrides
) -> Path:
    root = make_site(tmp_path_factory.mktemp(name) / "repo", **overrides)
    edit(root)
    result = mkdocs_build(root, env=env)
    assert result.code == 0, result.text
    return root / "site"


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory) -> Path:
    """The same content built again, in another folder, as of a later day."""
    return build_copy(tmp_path_factory, "rebuilt", env={**ENV, "HUB_TODAY": "2026-12-01"})


NEW_OPENING = "A rewritten opening paragraph, published after the first build."


def edit_items(root: Path) -> None:
    """Edit a post's body (and give it an `updated` day), a case study's body and a guidance date."""
    post = root / "blog" / "2025-03-12-newest-post.md"
    text = post.read_text(encoding="utf-8").replace("Opening paragraph of newest post.", NEW_OPENING)
    post.write_text(
        text.replace("date: 2025-03-12\n", "date: 2025-03-12\nupdated: 2025-04-01\n"), encoding="utf-8"
    )
    case = root / "case_studies" / "london-housing.md"
    case.write_text(
        case.read_text(encoding="utf-8").replace("Data matching.", "Data matching, redone."), encoding="utf-8"
    )
    guide = root / "docs" / "guidance" / "sharing-lawfully.md"
    guide.write_text(
        guide.read_text(encoding="utf-8").replace("updated: 2025-01-15", "updated: 2025-02-01"),
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def edited(tmp_path_factory) -> Path:
    return build_copy(tmp_path_factory, "edited", edit=edit_items)


LENGTHS = {"default_length": 3, "length": {"post": 2, "theme-culture": 1}}
LIMITS = {"feeds/blog": 2, "feeds/themes/culture": 1}


@pytest.fixture(scope="module")
def limited(tmp_path_factory) -> Path:
    return build_copy(tmp_path_factory, "limited", extra={**real_config()["extra"], "feeds": LENGTHS})


# --- Files, parsing, validity -------------------------------------------------------------------


def test_every_feed_exists_in_both_formats(built):
    missing = [f"{p}.{ext}" for p in FEEDS for ext in ("xml", "json") if not (built / f"{p}.{ext}").is_file()]
    assert missing == []
    # Beside the feeds: an empty sitemap per folder, for the theme's script that looks for one.
    for empty in (built / "feeds").rglob("sitemap.xml"):
        assert ET.fromstring(empty.read_bytes()).tag.endswith("urlset") and not len(
            ET.fromstring(empty.read_bytes())
        )
    feeds = (p for p in (built / "feeds").rglob("*.*") if p.name != "sitemap.xml" and p.suffix != ".opml")
    assert sorted(p.relative_to(built).as_posix() for p in feeds) == sorted(
        f"{p}.{ext}" for p in FEEDS for ext in ("xml", "json")
    )


@pytest.mark.parametrize("path", FEEDS)
def test_rss_parses_cleanly_as_rss_2(built, path):
    parsed = feedparser.parse((built / f"{path}.xml").read_bytes())
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "rss20"
    assert len(parsed.entries) == len(expected(built, path))


@pytest.mark.parametrize("path", FEEDS)
def test_rss_channel_has_title_link_self_language_and_last_build_date(built, path):
    chan = channel(built, path)
    assert chan.findtext("title").strip() and chan.findtext("description").strip()
    assert chan.findtext("link").startswith(SITE)
    (self_link,) = chan.findall("atom:link", NS)
    assert self_link.attrib == {"href": f"{SITE}{path}.xml", "rel": "self", "type": "application/rss+xml"}
    assert chan.findtext("language") == "en-GB"
    built_at = chan.findtext("lastBuildDate")
    assert RFC822.match(built_at), built_at
    assert parsedate_to_datetime(built_at).date() == max(e.changed for e in expected(built, path))


@pytest.mark.parametrize("path", FEEDS)
def test_rss_items_carry_what_the_front_matter_says(built, path):
    items = list(channel(built, path).iter("item"))
    for item, want in zip(items, expected(built, path), strict=True):
        assert item.findtext("title") == want.title
        assert item.findtext("link") == SITE + want.url
        assert item.find("guid").attrib == {"isPermaLink": "false"} and item.findtext("guid").strip()
        assert RFC822.match(item.findtext("pubDate"))
        assert parsedate_to_datetime(item.findtext("pubDate")).date() == want.date
        updated = item.findtext("atom:updated", namespaces=NS)
        assert updated == (f"{want.updated.isoformat()}T00:00:00Z" if want.updated else None)
        assert [c.text for c in item.findall("dc:creator", NS)] == list(want.creators)
        assert item.find("author") is None, "RSS <author> must be an e-mail address; names go in dc:creator"
        assert [c.text for c in item.findall("category")] == [THEME_LABELS[t] for t in want.themes]
        assert html.unescape(item.findtext("description")) == want.summary
        assert item.findtext(CONTENT).strip()


@pytest.mark.parametrize("path", FEEDS)
def test_each_feed_holds_exactly_the_newest_items_that_belong_to_it(built, path):
    want = [SITE + e.url for e in expected(built, path)]
    assert want, f"the fixture should give {path} something to carry"
    assert [i.findtext("link") for i in channel(built, path).iter("item")] == want
    assert [i["url"] for i in json_feed(built, path)["items"]] == want


def test_drafts_future_items_and_undated_guidance_are_in_no_feed(built):
    titles = {i.findtext("title") for p in FEEDS for i in channel(built, p).iter("item")}
    titles |= {i["title"] for p in FEEDS for i in json_feed(built, p)["items"]}
    for path in (
        "blog/2025-08-01-a-draft-post.md",
        "blog/2027-01-01-future-post.md",
        "docs/guidance/agreements.md",
    ):
        assert front_matter(FIXTURES / "site" / path)["title"] not in titles
    assert titles == {e.title for e in catalogue(built)}


JSON_FEED_SCHEMA = {
    "type": "object",
    "required": ["version", "title", "items"],
    "properties": {
        "version": {"const": "https://jsonfeed.org/version/1.1"},
        "title": {"type": "string", "minLength": 1},
        "home_page_url": {"type": "string", "pattern": "^https?://"},
        "feed_url": {"type": "string", "pattern": "^https?://"},
        "authors": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/author"}},
        "items": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id"],
                "anyOf": [{"required": ["content_html"]}, {"required": ["content_text"]}],
                "properties": {
                    "id": {"type": "string", "minLength": 1},
                    "url": {"type": "string", "pattern": "^https?://"},
                    "content_html": {"type": "string", "minLength": 1},
                    "date_published": {"type": "string"},
                    "date_modified": {"type": "string"},
                    "authors": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/author"}},
                    "tags": {"type": "array", "items": {"type": "string", "minLength": 1}},
                },
            },
        },
    },
    "$defs": {
        "author": {
            "type": "object",
            "minProperties": 1,
            "anyOf": [{"required": ["name"]}, {"required": ["url"]}, {"required": ["avatar"]}],
        }
    },
}


@pytest.mark.parametrize("path", FEEDS)
def test_json_feed_is_valid_json_feed_1_1(built, path):
    data = json_feed(built, path)
    jsonschema.validate(data, JSON_FEED_SCHEMA)
    assert data["feed_url"] == f"{SITE}{path}.json" and data["language"] == "en-GB"
    assert data["title"] == channel(built, path).findtext("title")
    for item, want in zip(data["items"], expected(built, path), strict=True):
        for key in ("date_published", "date_modified"):
            assert key not in item or RFC3339.match(item[key]), item[key]
        assert dt.datetime.fromisoformat(item["date_published"]).date() == want.date
        assert item["title"] == want.title and item["summary"] == want.summary
        assert [a["name"] for a in item.get("authors", [])] == list(want.creators)
    assert [i["id"] for i in data["items"]] == [i.findtext("guid") for i in channel(built, path).iter("item")]


# --- Stability --------------------------------------------------------------------------------------


def feed_files(site: Path) -> dict[str, bytes]:
    files = {p.relative_to(site).as_posix(): p.read_bytes() for p in (site / "feeds").rglob("*.*")}
    return {**files, "feeds.opml": (site / "feeds.opml").read_bytes()}


def test_rebuilding_the_same_content_gives_byte_identical_feeds(built, rebuilt):
    first, second = feed_files(built), feed_files(rebuilt)
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


def test_editing_an_item_changes_its_content_but_never_its_guid(built, edited):
    url, guidance = SITE + "blog/newest-post/", SITE + "guidance/sharing-lawfully/"
    for path in FEEDS:
        before, after = guids(built, path), guids(edited, path)
        before.pop(guidance, None), after.pop(guidance, None)  # its new `updated` day is a new entry
        assert after == before, path
    item = next(i for i in channel(edited, "feeds/blog").iter("item") if i.findtext("link") == url)
    assert NEW_OPENING in item.findtext(CONTENT)
    assert NEW_OPENING not in read(built, "feeds/blog.xml")
    assert item.findtext("pubDate") == "Wed, 12 Mar 2025 00:00:00 +0000"
    assert item.findtext("atom:updated", namespaces=NS) == "2025-04-01T00:00:00Z"
    (entry_json,) = [i for i in json_feed(edited, "feeds/blog")["items"] if i["url"] == url]
    assert entry_json["id"] == guids(built, "feeds/blog")[url]
    assert entry_json["date_modified"] == "2025-04-01T00:00:00Z" and NEW_OPENING in entry_json["content_html"]
    case = SITE + "case-studies/london-housing/"
    assert guids(edited, "feeds/case-studies")[case] == guids(built, "feeds/case-studies")[case]
    assert "Data matching, redone." in read(edited, "feeds/case-studies.xml")


def test_a_new_updated_day_on_guidance_is_announced_as_a_new_entry(built, edited):
    """As the subscribe page says: a guidance update appears as a new entry in the guidance feed."""
    url = SITE + "guidance/sharing-lawfully/"
    before, after = guids(built, "feeds/guidance")[url], guids(edited, "feeds/guidance")[url]
    assert before != after
    (item,) = [i for i in channel(edited, "feeds/guidance").iter("item") if i.findtext("link") == url]
    assert item.findtext("pubDate") == "Sat, 01 Feb 2025 00:00:00 +0000"
    others = {k: v for k, v in guids(edited, "feeds/all").items() if k != url}
    assert others == {k: v for k, v in guids(built, "feeds/all").items() if k != url}


def test_feed_lengths_follow_extra_feeds_in_mkdocs_yml(limited):
    for path in FEEDS:
        length = LIMITS.get(path, LENGTHS["default_length"])
        want = [SITE + e.url for e in expected(limited, path, length)]
        assert [i.findtext("link") for i in channel(limited, path).iter("item")] == want, path
        assert [i["url"] for i in json_feed(limited, path)["items"]] == want, path
        built_at = parsedate_to_datetime(channel(limited, path).findtext("lastBuildDate")).date()
        assert built_at == max(e.changed for e in expected(limited, path, length))
    assert len(list(channel(limited, "feeds/all").iter("item"))) == 3


# --- Content and escaping --------------------------------------------------------------------------


@pytest.mark.parametrize("path", FEEDS)
def test_content_links_and_images_are_absolute(built, path):
    for body in bodies(built, path):
        for url in urls_in(body):
            assert urlsplit(url).scheme in ("http", "https", "mailto"), url
        assert "headerlink" not in body


def test_images_and_links_in_content_point_at_the_published_files(built):
    url = SITE + "blog/inferred-post/"
    item = next(i for i in channel(built, "feeds/blog").iter("item") if i.findtext("link") == url)
    images = [a["src"] for tag, a in Tags(item.findtext(CONTENT)).tags if tag == "img"]
    assert images == [SITE + "blog/images/diagram.svg"]
    assert (built / "blog" / "images" / "diagram.svg").is_file()
    newest = next(
        i for i in channel(built, "feeds/blog").iter("item") if i.findtext("link").endswith("/newest-post/")
    )
    assert urls_in(newest.findtext(CONTENT)) == [SITE + "blog/first-post/"]
    assert (built / "blog" / "first-post" / "index.html").is_file()


def test_the_escaping_post_reaches_feed_readers_exactly(built):
    meta = front_matter(FIXTURES / "site" / "blog" / "2025-09-01-escaping-post.md")
    for path in ("feeds/all", "feeds/blog", "feeds/themes/governance"):
        parsed = feedparser.parse((built / f"{path}.xml").read_bytes())
        (entry_rss,) = [e for e in parsed.entries if e.link == SITE + "blog/escaping-post/"]
        assert entry_rss.title == meta["title"]
        assert entry_rss.author == "Ben Writer & Co <Ltd>"
        assert entry_rss.summary_detail.type == "text/html" and "<script" not in entry_rss.summary
        assert html.unescape(entry_rss.summary) == meta["summary"]
        (entry_json,) = [
            i for i in json_feed(built, path)["items"] if i["url"] == SITE + "blog/escaping-post/"
        ]
        assert entry_json["title"] == meta["title"] and entry_json["summary"] == meta["summary"]
    assert "<script>" not in read(built, "feeds/blog.xml")


def empty_elements(element: ET.Element) -> list[str]:
    """Elements with neither text, children nor (for atom:link) attributes."""
    empty = []
    for node in element.iter():
        if not (node.text or "").strip() and len(node) == 0 and not node.attrib:
            empty.append(node.tag)
    return empty


def empty_values(value, where: str = "") -> list[str]:
    if isinstance(value, dict):
        return [w for k, v in value.items() for w in empty_values(v, f"{where}.{k}")]
    if isinstance(value, list):
        return (
            [where]
            if not value
            else [w for n, v in enumerate(value) for w in empty_values(v, f"{where}[{n}]")]
        )
    return [where] if value is None or (isinstance(value, str) and not value.strip()) else []


@pytest.mark.parametrize("path", FEEDS)
def test_no_placeholder_or_empty_values(built, path):
    for ext in ("xml", "json"):
        assert not re.search(r"\b(None|null|undefined|NaN)\b", read(built, f"{path}.{ext}"))
    assert empty_elements(ET.fromstring((built / f"{path}.xml").read_bytes())) == []
    assert empty_values(json_feed(built, path)) == []
    assert channel(built, path).find("image") is None


# --- Discovery, OPML and the subscribe page ------------------------------------------------------


def announced(site: Path, page: str) -> dict[str, set[str]]:
    """The feeds a page's head announces: type -> absolute URLs."""
    html_file = page + "index.html" if page.endswith("/") or not page else page
    head = read(site, html_file).split("</head>")[0]
    found: dict[str, set[str]] = {}
    for tag, attrs in Tags(head).tags:
        if tag == "link" and attrs.get("rel") == "alternate":
            assert attrs.get("title"), attrs
            found.setdefault(attrs["type"], set()).add(urljoin(SITE + html_file, attrs["href"]))
    return found


@pytest.mark.parametrize(
    ("page", "own"),
    [
        ("", None),
        ("about/", None),
        ("blog/", "feeds/blog"),
        ("blog/page/2/", "feeds/blog"),
        ("blog/inferred-post/", "feeds/blog"),
        ("case-studies/", "feeds/case-studies"),
        ("themes/culture/", "feeds/themes/culture"),
        ("themes/governance/", "feeds/themes/governance"),
        ("guidance/", "feeds/guidance"),
    ],
)
def test_page_heads_announce_the_site_feed_and_their_own(built, page, own):
    paths = ["feeds/all"] + ([own] if own else [])
    assert announced(built, page) == {
        "application/rss+xml": {f"{SITE}{p}.xml" for p in paths},
        "application/feed+json": {f"{SITE}{p}.json" for p in paths},
    }


def test_every_page_announces_the_site_feed(built):
    pages = [p.relative_to(built).as_posix() for p in built.rglob("*.html")]
    assert len(pages) > 20
    missing = [
        p for p in pages if f"{SITE}feeds/all.xml" not in announced(built, p).get("application/rss+xml", ())
    ]
    assert missing == []


def test_opml_lists_every_rss_feed(built):
    opml = ET.fromstring((built / "feeds.opml").read_bytes())
    assert opml.get("version") == "2.0" and opml.findtext("head/title").strip()
    outlines = opml.findall("body/outline")
    assert [o.get("xmlUrl") for o in outlines] == [f"{SITE}{p}.xml" for p in FEEDS]
    for outline in outlines:
        path = outline.get("xmlUrl")[len(SITE) : -len(".xml")]
        assert outline.get("type") == "rss"
        assert outline.get("text") == outline.get("title") == channel(built, path).findtext("title")
        assert outline.get("htmlUrl") == channel(built, path).findtext("link")


class Rows(HTMLParser):
    """The rows of the subscribe page's table: cell texts and link targets."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.rows: list[dict] = []
        self.hidden = 0
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "tr":
            self.rows.append({"cells": [], "links": []})
        elif tag in ("th", "td") and self.rows:
            self.rows[-1]["cells"].append("")
        elif tag == "a" and self.rows:
            self.rows[-1]["links"].append(attrs.get("href"))
        elif tag == "span" and "md-visually-hidden" in (attrs.get("class") or ""):
            self.hidden += 1

    def handle_endtag(self, tag):
        if tag == "span" and self.hidden:
            self.hidden -= 1

    def handle_data(self, data):
        if self.rows and self.rows[-1]["cells"] and not self.hidden:
            self.rows[-1]["cells"][-1] += data


def test_subscribe_page_lists_every_feed_with_its_description(built):
    page = read(built, "subscribe/index.html")
    tables = re.findall(r'<table class="hub-feeds".*?</table>', page, re.S)
    rows = [r for table in tables for r in Rows(table).rows if r["links"]]
    assert len(rows) == len(FEEDS)
    for row, path in zip(rows, FEEDS, strict=True):
        chan = channel(built, path)
        assert row["cells"][0].strip()  # what the feed follows: "Everything", "Culture", "Wales"
        assert row["cells"][1].strip() == chan.findtext("description")
        assert row["cells"][2].strip() == f"{SITE}{path}.xml"  # the address to copy
        assert [urljoin(SITE + "subscribe/", href) for href in row["links"]] == [
            f"{SITE}{path}.xml",
            f"{SITE}{path}.json",
        ]
    assert (
        urljoin(SITE + "subscribe/", re.search(r'href="([^"]*feeds\.opml)"', page).group(1))
        == SITE + "feeds.opml"
    )


# --- Settings in mkdocs.yml -------------------------------------------------------------------


IDS = "all, post, case-study, guidance, theme-<id>, region-<id>, policy-area-<id>, author-<id>"


@pytest.mark.parametrize(
    ("settings", "messages"),
    [
        ({"default_length": 20, "length": {"all": 100, "theme-culture": 5}}, []),
        (
            {"default_length": 0},
            [
                "mkdocs.yml:0: extra.feeds.default_length: '0' is not a number of items; "
                "give a whole number of items above 0"
            ],
        ),
        (
            {"length": {"blog": 10}},
            [f"mkdocs.yml:0: extra.feeds.length.blog: is not a feed; feed ids: {IDS}"],
        ),
        (
            {"length": {"all": "ten"}},
            [
                "mkdocs.yml:0: extra.feeds.length.all: 'ten' is not a number of items; "
                "give a whole number of items above 0"
            ],
        ),
        (
            {"length": [10]},
            [
                "mkdocs.yml:0: extra.feeds.length: must map feed ids to numbers; "
                f"e.g. length: {{all: 100}} (feeds: {IDS})"
            ],
        ),
        (
            {"lenght": {"all": 10}},
            ["mkdocs.yml:0: extra.feeds.lenght: is not a feed setting; use default_length or length"],
        ),
    ],
)
def test_feed_settings_are_checked_with_messages_for_contributors(settings, messages):
    config = real_config()
    config["extra"]["feeds"] = settings
    hub, problems = load_hub_config(FIXTURES / "site", config)
    assert problems == []
    assert [str(p) for p in check_feed_settings(hub)] == messages


@pytest.mark.parametrize(
    ("settings", "lengths"),
    [
        (None, {path: 50 for path in FEEDS}),
        (LENGTHS, {path: LIMITS.get(path, 3) for path in FEEDS}),
        ({"default_length": "many", "length": {"post": -1}}, {path: 50 for path in FEEDS}),
    ],
)
def test_feeds_carry_the_newest_fifty_unless_mkdocs_yml_says_otherwise(settings, lengths):
    config = real_config()
    config["extra"].pop("feeds", None)
    if settings is not None:
        config["extra"]["feeds"] = settings
    hub, _ = load_hub_config(FIXTURES / "site", config)
    files, _assets, _problems = discover(hub)
    items = build_catalogue(files, hub).items
    assert {f.path: f.length for f in feed_list(hub, items)} == lengths
