"""The fixture site as a reader gets it: URLs, order, pagination, archive,
drafts and scheduled items, the sidebar, the sitemap and the search index.
"""

from __future__ import annotations

import contextlib
import re
import socket
import subprocess
import sys
import time
import urllib.request
from html import escape
from pathlib import Path

import pytest
import yaml

from tests.conftest import ENV, FIXTURES, make_site, read
from tests.search_index import indexed_pages

POSTS = sorted((FIXTURES / "site" / "blog").glob("*.md"))


def front(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])


def slug_of(path: Path) -> str:
    return re.sub(r"^\d{4}-\d{2}-\d{2}-", "", path.stem)


def published_posts() -> list[tuple[str, str, str]]:
    """(date, slug, title) of the posts a build must publish, newest first."""
    out = []
    for path in POSTS:
        meta = front(path)
        if meta.get("draft") or str(meta["date"]) > "2026-11-26":
            continue
        out.append((str(meta["date"]), slug_of(path), meta["title"]))
    return sorted(out, key=lambda t: (t[0], t[1]), reverse=True)


def links_in(html: str, cls: str = "hub-entry__title") -> list[str]:
    return re.findall(rf'class="{cls}"><a href="([^"]+)"', html)


def test_byte_order_marks_and_windows_line_endings_are_read_as_usual(built):
    assert "<h1>Saved with a byte-order mark</h1>" in read(built, "blog/bom-post/index.html")
    crlf = read(built, "blog/crlf-post/index.html")
    assert "<h1>Saved with Windows line endings</h1>" in crlf and 'id="a-section"' in crlf


def test_every_published_post_has_its_page_without_the_date_prefix(built):
    for _date, slug, title in published_posts():
        page = read(built, f"blog/{slug}/index.html")
        # The theme prints the page title the hub hands it, escaped (html.escape).
        assert f"<h1>{escape(title)}</h1>" in page, slug
    assert not list(built.glob("blog/20*"))


def test_blog_index_is_newest_first_and_paginated(built):
    expected = [f"{slug}/" for _d, slug, _t in published_posts()]
    first = links_in(read(built, "blog/index.html"))
    assert first == expected[:5]
    pages = -(-len(expected) // 5)
    for n in range(2, pages + 1):
        later = [h.replace("../../", "") for h in links_in(read(built, f"blog/page/{n}/index.html"))]
        assert later == expected[5 * (n - 1) : 5 * n]
    assert pages >= 3 and not (built / "blog" / "page" / str(pages + 1)).exists()
    assert 'rel="next" href="page/2/"' in read(built, "blog/index.html")
    assert 'aria-current="page">Page 2<' in read(built, "blog/page/2/index.html")


def test_listing_entries_show_date_authors_summary_and_themes(built):
    html = read(built, "blog/index.html")
    entry = html[html.index('href="inferred-post/"') :][:1500]
    assert '<time datetime="2025-06-01">1 June 2025</time>' in entry
    assert (
        'By <a href="authors/ada-author/">Ada Author</a> and '
        '<a href="authors/ben-writer/">Ben Writer &amp; Co &lt;Ltd&gt;</a>'
    ) in entry
    assert "How leadership, trust and confidence change the behaviour" in entry
    assert 'class="hub-badge" data-theme="culture" href="../themes/culture/">Culture</a>' in entry


def test_archive_groups_posts_by_year(built):
    index = read(built, "blog/archive/index.html")
    years = re.findall(r'<a href="(\d{4})/">\1</a>', index)
    expected_years = sorted({d[:4] for d, _s, _t in published_posts()}, reverse=True)
    assert years == expected_years
    page = read(built, "blog/archive/2025/index.html")
    in_2025 = sorted(f"../../{s}/" for d, s, _t in published_posts() if d.startswith("2025"))
    assert sorted(links_in(page)) == in_2025


def test_drafts_and_future_items_are_nowhere(built):
    searched = indexed_pages(built)
    for slug in ("a-draft-post", "future-post"):
        assert not (built / "blog" / slug).exists()
        for rel in (
            "blog/index.html",
            "sitemap.xml",
            "feeds/all.xml",
            "themes/culture/index.html",
            "themes/technology/index.html",
        ):
            assert slug not in read(built, rel), rel
        assert not [page["url"] for page in searched if slug in page["url"] + page["content"]]


def test_case_studies_and_guidance_are_published(built):
    for slug in ("north-east-safeguarding-hub", "welsh-mental-health-crisis", "london-housing"):
        assert (built / "case-studies" / slug / "index.html").exists()
    assert links_in(read(built, "case-studies/index.html")) == [
        "north-east-safeguarding-hub/",
        "london-housing/",
        "welsh-mental-health-crisis/",
    ]
    assert (built / "guidance" / "sharing-lawfully" / "index.html").exists()


def test_collections_stay_out_of_the_sidebar(built):
    html = read(built, "guidance/sharing-lawfully/index.html")
    start = html.index("md-nav--primary")
    nav = html[start : html.index('data-md-component="toc"', start)]
    assert "first-post" not in nav and "north-east-safeguarding-hub" not in nav
    assert "Blog" in nav and "Case studies" in nav


def test_images_beside_posts_are_published(built):
    assert (built / "blog" / "images" / "diagram.svg").exists()
    assert 'src="../images/diagram.svg"' in read(built, "blog/inferred-post/index.html")


def test_links_between_posts_resolve(built):
    assert 'href="../first-post/"' in read(built, "blog/newest-post/index.html")


def test_home_page_sections(built):
    html = read(built, "index.html")
    latest = links_in(html)
    assert latest[:3] == [f"blog/{s}/" for _d, s, _t in published_posts()[:3]]
    assert 'href="case-studies/north-east-safeguarding-hub/"' in html
    assert 'href="themes/culture/">Culture</a>' in html


def test_sitemap_lists_every_item_with_its_own_date(built):
    sitemap = read(built, "sitemap.xml")
    for _date, slug, _t in published_posts():
        assert f"blog/{slug}/</loc>" in sitemap
    entry = sitemap[sitemap.index("blog/inferred-post/</loc>") :][:80]
    assert "<lastmod>2025-07-01</lastmod>" in entry


def test_search_index_holds_items_not_drafts(built):
    locations = {page["url"] for page in indexed_pages(built)}
    assert "/blog/first-post/" in locations
    assert "/case-studies/london-housing/" in locations
    assert not any("draft" in loc for loc in locations)
    # Listing pages that only repeat items stay out of the results; the first pages stay in.
    assert {"/blog/", "/case-studies/", "/themes/", "/themes/culture/"} <= locations
    assert not {"/blog/page/2/", "/blog/archive/2025/", "/case-studies/region/wales/"} & locations


def test_team_page_lists_authors_from_the_authors_file(built):
    html = read(built, "about/index.html")
    assert '<dt><a href="../blog/authors/ben-writer/">Ben Writer &amp; Co &lt;Ltd&gt;</a></dt>' in html
    assert "Head of Testing, Centre of Excellence for Information Sharing" in html


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serving(site: Path, *options: str):
    """`mkdocs serve` of a site on a free 127.0.0.1 port; yields its base URL, then stops it."""
    port = _free_port()
    args = [sys.executable, "-m", "mkdocs", "serve", *options, "-a", f"127.0.0.1:{port}"]
    proc = subprocess.Popen(
        [*args, "-f", str(site / "mkdocs.yml")],
        cwd=site,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def _wait_for(url: str, marker: str, seconds: float = 60) -> str:
    """The page at `url` once it contains `marker` (or what it last was, after `seconds`)."""
    deadline = time.monotonic() + seconds
    html = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                html = r.read().decode()
            if marker in html:
                return html
        except OSError:
            pass
        time.sleep(0.2)
    return html


def test_preview_shows_drafts_and_scheduled_items_with_a_marker(tmp_path):
    with serving(make_site(tmp_path / "repo"), "--no-livereload") as base:
        assert "<strong>Draft.</strong>" in _wait_for(base + "blog/a-draft-post/", "<strong>Draft.</strong>")
        assert "will be published on 1 January 2027" in _wait_for(
            base + "blog/future-post/", "1 January 2027"
        )
        assert 'class="hub-draft-tag">Draft</strong>' in _wait_for(base + "blog/", "hub-draft-tag")


@pytest.mark.parametrize(
    "rel", ["index.html", "blog/index.html", "themes/index.html", "subscribe/index.html"]
)
def test_pages_have_a_title_and_description(built, rel):
    html = read(built, rel)
    assert re.search(r"<title>[^<]+</title>", html)
    assert '<meta name="description"' in html


def test_dirty_preview_keeps_listings_right_after_an_edit(tmp_path):
    """make serve rebuilds only what changed, yet an edited title reaches the listings."""
    site = make_site(tmp_path / "repo")
    with serving(site, "--dirty", "--no-strict") as base:
        # The preview lists scheduled posts too: the future post is the first entry.
        assert "A post from the future" in _wait_for(base + "blog/", "A post from the future")
        post = site / "blog" / "2027-01-01-future-post.md"
        post.write_text(
            post.read_text().replace("title: A post from the future", "title: Renamed in preview")
        )
        for page in ("blog/", "blog/future-post/", "themes/technology/"):
            assert "Renamed in preview" in _wait_for(base + page, "Renamed in preview"), page
