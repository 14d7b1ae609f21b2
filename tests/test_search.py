"""Site search without a browser: what Pagefind indexes after a strict build of the
fixture site, what its own search code finds there (tests/search_query.mjs), the
messages when indexing fails. (Every title of a generated corpus of three hundred
items finding its item is checked in test_nothing_lost.py, on its one build.)
"""

from __future__ import annotations

import re
import shutil

import pytest
from ishub.build import HubBuild
from ishub.config import read_mkdocs_yml
from ishub.pages import url_of
from ishub.search import OUTPUT, UNUSED, index_site

from tests.conftest import ENV, make_site, mkdocs_build, read
from tests.search_index import indexed_pages, not_found_by_title, search

# What only the page around an article holds: the header, the sidebars, the footer.
OUTSIDE_ARTICLES = (
    "Skip to content",
    "Table of contents",
    "Back to top",
    "Text available under the Open Government Licence",
    "Made with",
    "Related reading",
)


def catalogue_of(repo) -> HubBuild:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HUB_TODAY", ENV["HUB_TODAY"])
        state, problems = HubBuild.start(repo, read_mkdocs_yml(repo / "mkdocs.yml"), "docs", preview=False)
    assert state is not None and not [p for p in problems if p.is_error]
    return state


@pytest.fixture(scope="module")
def state(built) -> HubBuild:
    return catalogue_of(built.parent)


def indexed_urls(state: HubBuild) -> set[str]:
    """The pages search should hold: items, first pages of listings, other pages but home."""
    listings = {listing.url for listing in state.listings.values() if not listing.repeats}
    static = {url_of(src_uri) for src_uri in state.static} - {""}
    return {"/" + url for url in {i.url for i in state.items} | listings | static}


def test_the_build_writes_pagefinds_bundle_and_no_other_index(built):
    bundle = built / OUTPUT
    for name in ("pagefind.js", "pagefind-worker.js", "pagefind-entry.json", "wasm.en.pagefind"):
        assert (bundle / name).is_file(), name
    assert list((bundle / "fragment").glob("*.pf_fragment")) and list((bundle / "index").glob("*.pf_index"))
    assert not [name for name in UNUSED if (bundle / name).exists()]
    assert not (built / "search" / "search_index.json").exists()
    assert "search_index.json" not in read(built, "index.html")


def test_every_published_item_is_found_by_its_title(built, state):
    titles = {"/" + item.url: item.title for item in state.items}
    assert len(titles) >= 20 and 'Fish & chips <b>bold</b> "quoted" 🎉' in titles.values()
    assert not_found_by_title(built, titles) == []


def test_results_carry_type_date_themes_and_region(built):
    case, post, guide = search(
        built,
        [
            {"term": "Preventing homelessness in London", "limit": 1},
            {"term": "Building trust and confidence between practitioners", "limit": 1},
            {"term": "Information sharing agreements", "limit": 1},
        ],
    )
    assert case["results"][0] == {
        "url": "/case-studies/london-housing/",
        "title": "Preventing homelessness in London",
        "type": "Case study",
        "date": "2023-09-01",
        "region": "London",
        "themes": ["Technology", "Governance"],
        "sections": case["results"][0]["sections"],
    }
    first = post["results"][0]
    assert (first["type"], first["date"], first["themes"], first["region"]) == (
        "Blog post",
        "2025-06-01",
        ["Culture"],
        None,
    )
    assert guide["results"][0]["url"] == "/guidance/agreements/"
    assert guide["results"][0]["type"] == "Guidance"


def test_results_link_to_the_section_that_matched(built):
    (answer,) = search(built, [{"term": "Earlier contact", "limit": 1}])
    assert answer["results"][0]["url"] == "/case-studies/london-housing/"
    assert "/case-studies/london-housing/#what-changed" in answer["results"][0]["sections"]


def test_only_the_pages_worth_finding_are_indexed(built, state):
    assert {page["url"] for page in indexed_pages(built)} == indexed_urls(state)
    repeats = [listing.url for listing in state.listings.values() if listing.repeats]
    assert {"blog/page/2/", "blog/archive/2025/", "case-studies/region/wales/"} <= set(repeats)
    for url in [*repeats, ""]:  # and the home page, which introduces the hub and repeats its items
        assert "data-pagefind-body" not in read(built, url + "index.html"), url
    assert "data-pagefind-body" not in read(built, "404.html")
    for url in indexed_urls(state):
        assert read(built, url[1:] + "index.html").count("data-pagefind-body") == 1, url


def test_navigation_header_and_footer_are_not_indexed(built):
    pages = indexed_pages(built)
    for page in pages:
        found = [text for text in OUTSIDE_ARTICLES if text in page["content"]]
        assert not found, f"{page['url']} has {found} in the index"
    # Listing entries stay out too: the blog index holds its own words only.
    blog = next(page for page in pages if page["url"] == "/blog/")
    assert "First post" not in blog["content"] and "newest first" in blog["content"]


def test_the_insights_tables_stay_out_of_the_index(built):
    """They list every item with its file and evidence, so the insights page would match
    nearly any query; the page's own prose is indexed."""
    html = (built / "insights" / "index.html").read_text(encoding="utf-8")
    tables = html[html.index('<table data-hub="') :]
    files = re.findall(r"<code>((?:blog|case_studies|docs)/[^<]+\.md)</code>", tables)
    assert files, "the insights tables name the items' files"
    insights = next(page for page in indexed_pages(built) if page["url"] == "/insights/")
    assert insights["content"].strip()
    assert not [f for f in files if f in insights["content"]]


def test_filters_narrow_the_results_and_newest_comes_first(built, state):
    cases, culture, wales, newest = search(
        built,
        [
            {"term": None, "filters": {"type": {"any": ["Case study"]}}, "limit": 50},
            {"term": None, "filters": {"theme": {"any": ["Culture"]}}, "limit": 50},
            {"term": None, "filters": {"region": {"any": ["Wales"]}}, "limit": 50},
            {"term": "post", "sort": {"date": "desc"}, "limit": 50},
        ],
    )
    assert {r["url"] for r in cases["results"]} == {
        "/" + i.url for i in state.items if i.kind == "case-study"
    }
    assert {r["url"] for r in culture["results"]} == {
        "/" + i.url for i in state.items if "culture" in i.theme_ids
    }
    assert [r["url"] for r in wales["results"]] == ["/case-studies/welsh-mental-health-crisis/"]
    dates = [r["date"] for r in newest["results"]]
    assert len(dates) > 5 and dates == sorted(dates, key=lambda d: d or "", reverse=True)


def test_two_indexings_of_one_site_are_byte_identical(built, tmp_path):
    bundles = []
    for name in ("one", "two"):
        site = shutil.copytree(built, tmp_path / name, ignore=shutil.ignore_patterns(OUTPUT))
        assert index_site(site) == []
        bundles.append(
            {p.relative_to(site): p.read_bytes() for p in (site / OUTPUT).rglob("*") if p.is_file()}
        )
    assert bundles[0] == bundles[1]
    assert search(tmp_path / "one", [{"term": "lawful"}])[0]["count"] > 0


def test_the_build_indexes_what_its_files_hold(built, tmp_path):
    """The build hands Pagefind copies made as it wrote each page; indexing the
    written files afterwards gives the same bundle, byte for byte."""
    site = shutil.copytree(built, tmp_path / "site", ignore=shutil.ignore_patterns(OUTPUT))
    assert index_site(site) == []
    again = {p.relative_to(site): p.read_bytes() for p in (site / OUTPUT).rglob("*") if p.is_file()}
    assert again == {p.relative_to(built): p.read_bytes() for p in (built / OUTPUT).rglob("*") if p.is_file()}


@pytest.mark.parametrize(
    ("binary", "message"),
    [
        (
            "/bin/false",
            "search index: Pagefind stopped with exit code 1 (no message); fix what it names, "
            "or run `make install` (pip install -c constraints.txt -e .) to install it again",
        ),
        (
            "/no/such/pagefind",
            "search index: Pagefind could not start (No such file or directory: /no/such/pagefind); "
            "run `make install` (pip install -c constraints.txt -e .) to install it",
        ),
    ],
)
def test_a_failing_indexer_stops_the_build_with_a_message(tmp_path, binary, message):
    site = make_site(tmp_path / "repo")
    result = mkdocs_build(site, env={**ENV, "PAGEFIND_BINARY_PATH": binary})
    assert result.code == 1, result.text
    assert "1 problem(s) with the search index:" in result.err
    assert message in result.err.splitlines()
    assert "Traceback" not in result.text


def test_pages_that_mark_nothing_are_not_indexed_whole(tmp_path):
    (tmp_path / "index.html").write_text("<html><body><nav>Menu</nav><p>Text</p></body></html>")
    assert index_site(tmp_path) == [
        "search index: no page marks its content with data-pagefind-body, so every page would be "
        "indexed whole, navigation included; check that overrides/partials/content.html is used"
    ]
