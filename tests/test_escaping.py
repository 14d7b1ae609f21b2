"""Front matter text with <, &, quotes or emoji is escaped correctly wherever it
appears: listing HTML, every fragment of overrides/fragments/hub/, item pages,
JSON-LD, the search index and the feeds.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ishub import decorate, feeds
from ishub import html as h
from ishub.catalogue import CaseInfo, Item
from ishub.config import load_hub_config
from ishub.fragments import Drawing, make_env
from ishub.themes import ThemeDecision
from markupsafe import escape

from tests.conftest import ROOT, read, real_config
from tests.search_index import indexed_pages
from tests.test_views import DRAWN, draw_all

PIECES = list("<>&\"'/ab c=;🎉é") + ["</script>", "]]>", "&amp;", "<!--", "javascript:"]
HOSTILE = (
    st.lists(st.sampled_from(PIECES), min_size=1, max_size=15)
    .map(lambda parts: " ".join("".join(parts).split()))
    .filter(bool)
)


@pytest.fixture(scope="module")
def draw() -> Drawing:
    return Drawing(make_env([ROOT / "overrides"]))


@pytest.fixture(scope="module")
def hub():
    config, problems = load_hub_config(ROOT, real_config())
    assert not problems
    return config


def make_item(title: str, summary: str, kind: str = "post") -> Item:
    case = (
        CaseInfo(("Org <A> & B",), 'Place "Q"', "wales", ("mental-health",)) if kind == "case-study" else None
    )
    return Item(
        kind,
        "x",
        "blog/x.md",
        "blog/x.md",
        "blog/x/",
        title,
        summary,
        dt.date(2025, 1, 2),
        authors=("holly-marie-draper",) if kind == "post" else (),
        themes=(ThemeDecision("culture", "explicit"),),
        case=case,
    )


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self.tags: list[str] = []
        self.shape: list[tuple] = []  # every start tag with its attribute names, in order
        self.values: list[str] = []  # every attribute value

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.shape.append((tag, tuple(name for name, _ in attrs)))
        self.values += [value or "" for _, value in attrs]

    def handle_endtag(self, tag):
        self.shape.append(("/" + tag,))

    def handle_comment(self, data):
        self.shape.append(("!--", data))

    def handle_data(self, data):
        self.chunks.append(data)


def parse(html: str) -> _Text:
    parser = _Text()
    parser.feed(html)
    parser.close()
    return parser


@settings(max_examples=60, deadline=None)
@given(title=HOSTILE, summary=HOSTILE)
def test_listing_entries_show_text_as_text(hub, draw, title, summary):
    parsed = parse(h.entry_html(draw, h.entry(make_item(title, summary), hub, "blog/")))
    text = "".join(parsed.chunks)
    assert title in text and summary in text
    assert "script" not in parsed.tags


@functools.cache
def fragment_env():
    return make_env([ROOT / "overrides"])


@functools.cache
def plain_fragments() -> dict[str, str]:
    return draw_all(Drawing(make_env([ROOT / "overrides"])), "words")


@settings(max_examples=40, deadline=None)
@given(text=HOSTILE)
def test_every_fragment_shows_hostile_text_as_text(text):
    """Each fragment, drawn with the text in every text field of its views (links too),
    has the markup it has with plain words, and shows the text unchanged."""
    # A fresh drawing each time: nothing drawn for one example is reused for another
    # (the templates, compiled once, are shared; the drawn HTML is kept by each Drawing).
    plain = plain_fragments()
    hostile = draw_all(Drawing(fragment_env()), text)
    assert set(hostile) == set(DRAWN)
    for name, drawn in hostile.items():
        parsed, expected = parse(drawn), parse(plain[name])
        assert parsed.shape == expected.shape, name
        assert text in "".join(parsed.chunks) or text in parsed.values, name


@settings(max_examples=60, deadline=None)
@given(title=HOSTILE, summary=HOSTILE, kind=st.sampled_from(["post", "case-study"]))
def test_json_ld_round_trips_and_cannot_close_its_script(hub, title, summary, kind):
    text = decorate.json_ld(make_item(title, summary, kind), hub)
    assert "<" not in text and ">" not in text and "&" not in text
    data = json.loads(text)
    assert data["headline"] == title and data["description"] == summary


@settings(max_examples=40, deadline=None)
@given(title=HOSTILE, summary=HOSTILE, body=HOSTILE)
def test_feeds_round_trip_titles_summaries_and_content(hub, title, summary, body):
    item = make_item(title, summary)
    feed = feeds.feed_list(hub, ())[0]
    content = {item.src_uri: f"<p>{body}</p>"}
    rss = ET.fromstring(feeds.render_rss(feed, [item], hub, content).encode())
    node = rss.find("channel/item")
    # RSS titles are plain text; descriptions are HTML, so their text is escaped HTML.
    assert node.findtext("title") == title and html.unescape(node.findtext("description")) == summary
    encoded = node.findtext("{http://purl.org/rss/1.0/modules/content/}encoded")
    assert encoded == f"<p>{body}</p>"
    entry = json.loads(feeds.render_json(feed, [item], hub, content))["items"][0]
    assert entry["title"] == title and entry["summary"] == summary


HOSTILE_TITLE = 'Fish & chips <b>bold</b> "quoted" 🎉'
HOSTILE_SUMMARY = "Summary with <script>alert(1)</script> & ampersand"


def test_built_item_page_escapes_front_matter(built):
    html = read(built, "blog/escaping-post/index.html")
    assert "<h1>Fish &amp; chips &lt;b&gt;bold&lt;/b&gt; &quot;quoted&quot; 🎉</h1>" in html
    assert "<title>Fish &amp; chips &lt;b&gt;bold&lt;/b&gt; &#34;quoted&#34; 🎉 - " in html
    assert 'content="Summary with &lt;script&gt;alert(1)&lt;/script&gt; &amp; ampersand"' in html
    # Sharing metadata: Jinja's |e writes " as &#34;; the author comes from authors.yml.
    assert (
        '<meta property="og:title" content="Fish &amp; chips &lt;b&gt;bold&lt;/b&gt; &#34;quoted&#34; 🎉">'
        in html
    )
    assert '<meta name="author" content="Ben Writer &amp; Co &lt;Ltd&gt;">' in html
    assert "<script>alert(1)" not in html and "<b>bold</b>" not in html
    ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert json.loads(ld)["headline"] == HOSTILE_TITLE


def test_built_listing_and_search_index_escape_front_matter(built):
    html = read(built, "blog/index.html") + read(built, "blog/page/2/index.html")
    # Listings are drawn by autoescaping fragments (markupsafe writes " as &#34;).
    assert str(escape(HOSTILE_TITLE)) == "Fish &amp; chips &lt;b&gt;bold&lt;/b&gt; &#34;quoted&#34; 🎉"
    assert str(escape(HOSTILE_TITLE)) in html
    assert "<script>alert(1)" not in html
    # The index holds the title as text; the search script draws it as text, never as HTML.
    entry = next(page for page in indexed_pages(built) if page["url"] == "/blog/escaping-post/")
    assert entry["meta"]["title"] == HOSTILE_TITLE


def test_built_feeds_carry_the_exact_text(built):
    rss = ET.fromstring(read(built, "feeds/blog.xml").encode())
    titles = [i.findtext("title") for i in rss.iter("item")]
    assert HOSTILE_TITLE in titles
    items = json.loads(read(built, "feeds/blog.json"))["items"]
    assert any(i["title"] == HOSTILE_TITLE and i["summary"] == HOSTILE_SUMMARY for i in items)
