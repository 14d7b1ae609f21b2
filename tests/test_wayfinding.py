"""Where am I: breadcrumbs, the header tab, the contents sidebar, the case-study header
and panel, and the library's links, read from the fixture site's built HTML.

Every item page is checked, so the rules follow the content: each breadcrumb link
leads to a page the build wrote, the JSON-LD trail says the same as the visible one,
and a case study's region and themes are each shown once.
"""

from __future__ import annotations

import json
import posixpath
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from selectolax.lexbor import LexborHTMLParser

from tests.conftest import real_config

SITE_URL = real_config()["site_url"]
ITEM_GLOBS = ("blog/*/index.html", "case-studies/*/index.html", "guidance/*/index.html")


def tree(built: Path, rel: str) -> LexborHTMLParser:
    return LexborHTMLParser((built / rel).read_text(encoding="utf-8"))


def item_pages(built: Path) -> list[str]:
    """Every post, case study and guidance page: the pages with an item's header."""
    pages = []
    for pattern in ITEM_GLOBS:
        for path in sorted(built.glob(pattern)):
            if '<div class="hub-item-meta">' in path.read_text(encoding="utf-8"):
                pages.append(path.relative_to(built).as_posix())
    return pages


def url_of(rel: str) -> str:
    """The site path of a built page: blog/x/index.html -> blog/x/."""
    return rel.removesuffix("index.html")


def resolves(built: Path, page_url: str, href: str) -> bool:
    """Whether a relative link on the page at `page_url` leads to a page the build wrote."""
    target = urlsplit(urljoin("https://h.invalid/" + page_url, href)).path.lstrip("/")
    return (built / posixpath.normpath(target or ".") / "index.html").is_file()


def breadcrumb_list(data) -> dict | None:
    """The BreadcrumbList anywhere in a JSON-LD block."""
    if isinstance(data, dict):
        if data.get("@type") == "BreadcrumbList":
            return data
        data = list(data.values())
    if isinstance(data, list):
        for value in data:
            found = breadcrumb_list(value)
            if found:
                return found
    return None


def json_ld(page: LexborHTMLParser) -> dict:
    blocks = page.css('script[type="application/ld+json"]')
    assert len(blocks) == 1
    return json.loads(blocks[0].text())


@pytest.fixture(scope="module")
def items(built) -> list[str]:
    found = item_pages(built)
    kinds = {rel.split("/")[0] for rel in found}
    assert kinds == {"blog", "case-studies", "guidance"}, "the fixture site must have every type of item"
    return found


# Breadcrumbs


def trail(page: LexborHTMLParser, rel: str) -> list:
    """The steps of the page's one breadcrumb trail, checked as every trail must be: a
    labelled landmark before the title, Home first, every step a link but the last,
    which is the page's title."""
    navs = page.css("nav.hub-breadcrumbs")
    assert len(navs) == 1, rel
    assert navs[0].attributes.get("aria-label") == "Breadcrumb", rel
    steps = navs[0].css("ol > li")
    assert steps[0].css_first("a").text() == "Home", rel
    assert [s for s in steps[:-1] if not s.css_first("a")] == [], f"{rel}: every step but the last is a link"
    current = steps[-1].css_first('[aria-current="page"]')
    title = page.css_first("article h1").text().strip()
    assert current is not None and current.tag == "span" and current.text() == title, rel
    assert page.html.index('class="hub-breadcrumbs"') < page.html.index("<h1"), rel
    return steps


def test_every_item_has_a_breadcrumb_trail_before_its_title(built, items):
    for rel in items:
        assert len(trail(tree(built, rel), rel)) >= 3, rel


def test_each_breadcrumb_link_leads_to_a_page_that_exists(built, items):
    for rel in items:
        for link in tree(built, rel).css("nav.hub-breadcrumbs a"):
            assert resolves(built, url_of(rel), link.attributes["href"]), f"{rel}: {link.attributes['href']}"


# The pages the hub generates below the top level: later pages of the blog, the
# archive and its years, authors, facet pages of the library, themes.
LISTING_GLOBS = (
    "blog/page/*/index.html",
    "blog/archive/index.html",
    "blog/archive/*/index.html",
    "blog/authors/index.html",
    "blog/authors/*/index.html",
    "case-studies/*/*/index.html",
    "themes/*/index.html",
)
TOP_LISTINGS = ("blog/index.html", "case-studies/index.html", "themes/index.html")


@pytest.fixture(scope="module")
def listings(built) -> list[str]:
    found = sorted({p.relative_to(built).as_posix() for g in LISTING_GLOBS for p in built.glob(g)})
    assert {"blog/archive/index.html", "blog/authors/index.html"} <= set(found)
    assert any(rel.startswith("case-studies/region/") for rel in found)
    return found


def test_every_listing_below_the_top_has_a_trail_of_the_pages_above_it(built, listings):
    for rel in listings:
        links = [s.css_first("a") for s in trail(tree(built, rel), rel)[:-1]]
        # Home, then each level of the address that is a page, outermost first: the
        # page each link leads to is an ancestor of this one.
        here = url_of(rel)
        for link in links:
            href = link.attributes["href"]
            assert resolves(built, here, href), f"{rel}: {href}"
            target = posixpath.normpath(posixpath.join(here, href))
            assert target == "." or here.startswith(target + "/"), f"{rel}: {href} is not above it"
        targets = [posixpath.normpath(posixpath.join(here, a.attributes["href"])) for a in links]
        depths = [0 if t == "." else t.count("/") + 1 for t in targets]
        assert depths == sorted(set(depths)), f"{rel}: steps out of order"


def test_the_section_pages_have_no_trail(built):
    for rel in TOP_LISTINGS:
        assert tree(built, rel).css("nav.hub-breadcrumbs") == [], rel


def test_a_listing_trail_names_each_page_and_passes_over_levels_without_one(built, listings):
    year = next(r for r in listings if r.startswith("blog/archive/") and r.count("/") == 3)
    names = [li.text().strip() for li in tree(built, year).css("nav.hub-breadcrumbs li")]
    assert names[:3] == ["Home", "Blog", "Blog archive"] and names[3].endswith(year.split("/")[2])
    region = next(r for r in listings if r.startswith("case-studies/region/"))
    page = tree(built, region)
    hrefs = [a.attributes["href"] for a in page.css("nav.hub-breadcrumbs a")]
    # case-studies/region/ is not a page: the trail goes from the library to the region.
    assert hrefs == ["../../..", "../../"], region
    assert not (built / "case-studies" / "region" / "index.html").exists()


def test_listing_breadcrumbs_keeps_only_levels_that_are_pages():
    from ishub.decorate import Crumb, listing_breadcrumbs

    titles = {"a/": "A", "a/b/c/": "C", "top/": "Top"}
    assert listing_breadcrumbs("a/b/c/", titles) == (
        Crumb("Home", ""),
        Crumb("A", "a/"),
        Crumb("C", "a/b/c/"),
    )
    assert listing_breadcrumbs("top/", titles) == ()
    assert listing_breadcrumbs("a/b/unknown/", titles) == ()


@pytest.mark.parametrize(
    ("section", "middle"),
    [("blog", "archive"), ("case-studies", "region"), ("guidance", None)],
)
def test_the_trail_runs_home_section_listing_item(built, items, section, middle):
    for rel in (r for r in items if r.startswith(section + "/")):
        links = [a.attributes["href"] for a in tree(built, rel).css("nav.hub-breadcrumbs a")]
        assert links[:2] == ["../..", "../"], rel
        if middle:
            assert len(links) == 3 and links[2].startswith(f"../{middle}/"), rel
        else:
            assert len(links) == 2, rel


def test_json_ld_trail_matches_the_visible_one(built, items, listings):
    for rel in items + listings:
        page = tree(built, rel)
        trail = breadcrumb_list(json_ld(page))
        assert trail is not None, rel
        steps = trail["itemListElement"]
        assert [s["position"] for s in steps] == list(range(1, len(steps) + 1)), rel
        assert all(s["@type"] == "ListItem" and s["item"].startswith(SITE_URL) for s in steps), rel
        assert steps[0]["item"] == SITE_URL and steps[-1]["item"] == SITE_URL + url_of(rel), rel
        shown = page.css("nav.hub-breadcrumbs li")
        assert [s["name"] for s in steps] == [li.text().strip() for li in shown], rel
        for step, li in zip(steps[:-1], shown[:-1], strict=True):
            href = li.css_first("a").attributes["href"]
            assert urljoin(SITE_URL + url_of(rel), href).rstrip("/") + "/" == step["item"], rel


def test_a_listing_with_a_trail_is_described_as_a_collection_page(built, listings):
    for rel in listings:
        page = tree(built, rel)
        data = json_ld(page)
        assert data["@type"] == "CollectionPage" and data["url"] == SITE_URL + url_of(rel), rel
        assert data["name"] == page.css_first("article h1").text().strip(), rel
        description = page.css_first('meta[name="description"]').attributes["content"]
        assert data["description"] == description, rel


def test_json_ld_escapes_markup_in_the_trail(built):
    page = tree(built, "blog/escaping-post/index.html")
    text = page.css_first('script[type="application/ld+json"]').text()
    assert "<" not in text and ">" not in text and "&" not in text
    name = breadcrumb_list(json.loads(text))["itemListElement"][-1]["name"]
    assert "<b>" in name, "the fixture's title keeps its markup, as text"
    assert page.css_first('nav.hub-breadcrumbs [aria-current="page"]').text() == name


# The header tab


def active_tabs(page: LexborHTMLParser) -> list[tuple[str, str | None]]:
    return [
        (li.css_first("a").text().strip(), li.css_first("a").attributes.get("aria-current"))
        for li in page.css("li.md-tabs__item--active")
    ]


@pytest.mark.parametrize(
    ("rel", "tab", "current"),
    [
        ("blog/index.html", "Blog", "page"),
        ("blog/newest-post/index.html", "Blog", "true"),
        ("blog/archive/2025/index.html", "Blog", "true"),
        ("blog/page/2/index.html", "Blog", "true"),
        ("case-studies/index.html", "Case studies", "page"),
        ("case-studies/london-housing/index.html", "Case studies", "true"),
        ("case-studies/region/wales/index.html", "Case studies", "true"),
        ("guidance/sharing-lawfully/index.html", "Guidance", "true"),
        ("themes/governance/index.html", "Themes", "true"),
        ("index.html", "Home", "page"),
    ],
)
def test_one_tab_marks_the_section(built, rel, tab, current):
    assert active_tabs(tree(built, rel)) == [(tab, current)]


def test_every_item_has_its_tab(built, items):
    tabs = {"blog": "Blog", "case-studies": "Case studies", "guidance": "Guidance"}
    for rel in items:
        assert active_tabs(tree(built, rel)) == [(tabs[rel.split("/")[0]], "true")], rel


# The sidebars


def test_posts_and_case_studies_have_their_contents_in_the_left_sidebar_once(built, items):
    for rel in (r for r in items if not r.startswith("guidance/")):
        page = tree(built, rel)
        left = page.css(".md-sidebar--primary .hub-side-toc nav.md-nav--secondary")
        right = page.css(".md-sidebar--secondary.hub-toc-moved nav.md-nav--secondary")
        if not page.css('.md-sidebar--secondary [data-md-component="toc"]'):
            assert not left, f"{rel}: no contents, so nothing moves"
            continue
        assert len(left) == 1 and len(right) == 1, rel
        links = [a.attributes["href"] for a in left[0].css("a")]
        assert links == [a.attributes["href"] for a in right[0].css("a")], rel
        assert all(h.startswith("#") for h in links), rel


# A case study's header and panel


def test_a_case_study_shows_its_region_and_themes_once(built, items):
    for rel in (r for r in items if r.startswith("case-studies/")):
        page = tree(built, rel)
        header = page.css_first(".hub-item-meta")
        panel = page.css_first(".hub-panel")
        region = panel.css_first('dd a[href^="../region/"]').text()
        assert region not in header.text(), f"{rel}: the region is the panel's"
        assert header.css(".hub-badge") and not panel.css(".hub-badge"), f"{rel}: themes are the header's"
        place = panel.css("dd")[1].text().split(",")[0]
        assert place not in header.text(), rel
        assert header.css_first("time") and "Year" not in [dt.text() for dt in panel.css("dt")], rel


# The library's links


def test_every_facet_link_names_where_it_leads(built):
    page = tree(built, "case-studies/index.html")
    links = page.css("#hub-filters a.hub-facet-link")
    assert links
    for link in links:
        name = " ".join(link.text().split())
        lead = link.css_first(".hub-visually-hidden").text()
        shown = " ".join(name.removeprefix(lead.strip()).split())
        assert name.startswith("Case studies ") and shown and shown != "page", name
        assert resolves(built, "case-studies/", link.attributes["href"]), link.attributes["href"]
    region = next(a for a in links if a.attributes["href"].startswith("region/"))
    assert " ".join(region.text().split()).startswith("Case studies in "), region.text()


def test_library_puts_results_after_a_closed_disclosure(built):
    page = tree(built, "case-studies/index.html")
    box = page.css_first("details#hub-filter-box")
    assert box is not None and "open" not in box.attributes
    assert box.css_first("summary").text().strip() == "Filters"
    assert box.css_first("#hub-filters") is not None
    html = page.html
    assert html.index('id="hub-filter-box"') < html.index('id="hub-results"') < html.index('id="hub-cases"')


# The navigation and tabs, drawn once per view (hooks/ishub/navmemo.py)


def _resolves(built: Path, rel: str, href: str) -> bool:
    path = urlsplit(href).path
    # The 404 page is served at any address, so its links start from the site's root.
    base = "" if path.startswith("/") else posixpath.dirname(rel)
    target = posixpath.normpath(posixpath.join(base, path.lstrip("/")))
    found = built / target
    return (found / "index.html").is_file() if found.is_dir() else found.is_file()


def test_every_navigation_and_tab_link_on_every_page_leads_to_its_page(built):
    """Pages share one drawing of the navigation only where its relative links come out the
    same: on every page, at every depth, each link still reaches the page it names."""
    pages = sorted(p.relative_to(built).as_posix() for p in built.rglob("*.html"))
    checked = 0
    for rel in pages:
        page = tree(built, rel)
        for link in page.css("nav.md-nav--primary a[href], nav.md-tabs a[href]"):
            href = link.attributes["href"]
            if href.startswith(("#", "http", "mailto:")):
                continue
            assert _resolves(built, rel, href), f"{rel}: the navigation's link {href!r} leads nowhere"
            checked += 1
    assert checked > 20 * len(pages) // 2, "the pages should hold their navigation"


def test_a_page_in_the_navigation_is_marked_in_it_and_others_are_not(built):
    here = tree(built, "guidance/sharing-lawfully/index.html")
    marked = [a.text().strip() for a in here.css("nav.md-nav--primary a.md-nav__link--active")]
    assert marked, "a page in the navigation shows as the current one in it"
    post = tree(built, "blog/newest-post/index.html")
    assert not post.css("nav.md-nav--primary .md-nav__link--active"), "a post is not in the navigation"
