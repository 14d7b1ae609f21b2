"""Nothing is lost: every published item appears exactly once in its type
listing and in each of its theme pages, in the sitemap and the search index,
and in every feed that should hold it; no listing links to a missing page.

Checked on the fixture site, the repository's own content and a generated
corpus of a few hundred items.
"""

from __future__ import annotations

import posixpath
import re
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml
from ishub.build import HubBuild
from ishub.config import read_mkdocs_yml
from ishub.feeds import feed_items, feed_list

from tests.conftest import ENV, ROOT, mkdocs_build
from tests.search_index import indexed_pages, not_found_by_title

HREF = re.compile(r'href="([^"#?]+)')
ENTRY = re.compile(r'class="hub-entry__title"><a href="([^"]+)"')


def catalogue_of(repo: Path, monkeypatch) -> HubBuild:
    monkeypatch.setenv("HUB_TODAY", ENV["HUB_TODAY"])
    state, problems = HubBuild.start(repo, read_mkdocs_yml(repo / "mkdocs.yml"), "docs", preview=False)
    assert state is not None and not [p for p in problems if p.is_error]
    return state


def entries_on(site: Path, pattern: str) -> Counter:
    """Item URLs (site-relative) linked as entries from the pages matching `pattern`."""
    found: Counter = Counter()
    for page in sorted(site.glob(pattern)):
        base = str(page.parent.relative_to(site)) + "/"
        for href in ENTRY.findall(page.read_text(encoding="utf-8")):
            found[posixpath.normpath(posixpath.join(base, href)) + "/"] += 1
    return found


def check_nothing_lost(site: Path, state: HubBuild) -> None:
    hub = state.hub
    listing_pages = {
        "post": ["blog/index.html", "blog/page/*/index.html"],
        "case-study": ["case-studies/index.html"],
        "guidance": ["guidance/index.html"],
    }
    for kind, patterns in listing_pages.items():
        seen = sum((entries_on(site, p) for p in patterns), Counter())
        for item in (i for i in state.items if i.kind == kind):
            assert seen[item.url] == 1, f"{item.url} appears {seen[item.url]} times in the {kind} listing"
    for theme in hub.taxonomy.themes:
        seen = entries_on(site, f"themes/{theme.id}/index.html") + entries_on(
            site, f"themes/{theme.id}/page/*/index.html"
        )
        expected = {i.url for i in state.items if theme.id in i.theme_ids}
        assert set(seen) == expected and all(n == 1 for n in seen.values()), theme.id
    sitemap = Counter(re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text()))
    search = Counter(page["url"] for page in indexed_pages(site))
    for item in state.items:
        assert sitemap[hub.site_url + item.url] == 1, item.url
        assert search["/" + item.url] == 1, item.url
    for feed in feed_list(hub, state.items):
        links = re.findall(
            r"<item>\n<title>.*?</title>\n<link>([^<]+)</link>", (site / feed.rss).read_text(), re.S
        )
        assert links == [hub.site_url + e.item.url for e in feed_items(feed, state.items, hub)], feed.id


def check_listing_links(site: Path) -> None:
    for page in sorted(site.rglob("index.html")):
        base = page.parent
        for href in HREF.findall(page.read_text(encoding="utf-8")):
            if href.startswith(("http:", "https:", "mailto:", "data:")) or href.startswith("/"):
                continue
            target = (base / href).resolve()
            ok = target.is_file() or (target / "index.html").is_file()
            assert ok, f"{page.relative_to(site)} links to missing {href}"


def test_fixture_site(built, monkeypatch):
    state = catalogue_of(built.parent, monkeypatch)
    check_nothing_lost(built, state)
    check_listing_links(built)


@pytest.fixture(scope="module")
def repo_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("repo-build") / "site"
    result = mkdocs_build(ROOT, out=out)
    assert result.code == 0, result.text
    return out


def test_repository_content(repo_site, monkeypatch):
    state = catalogue_of(ROOT, monkeypatch)
    check_nothing_lost(repo_site, state)
    check_listing_links(repo_site)
    kinds = {c.kind for c in state.hub.collections}
    for theme in state.hub.taxonomy.themes:  # every theme page has items of every type
        assert {i.kind for i in state.items if theme.id in i.theme_ids} == kinds, theme.id


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory):
    sys.path.insert(0, str(ROOT / "bench"))  # the benchmark's modules import each other by name
    import corpus
    import layouts as bench

    work = tmp_path_factory.mktemp("corpus")
    repo = bench.write_hub(corpus.make_corpus(300, seed=7), work / "hub")
    config = yaml.safe_load((repo / "mkdocs.yml").read_text())
    config.setdefault("extra", {}).setdefault("feeds", {})["default_length"] = 40
    (repo / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    result = mkdocs_build(repo, out=work / "site")
    assert result.code == 0, result.text[-3000:]
    return repo, work / "site"


def test_generated_corpus_of_three_hundred_items(corpus_site, monkeypatch):
    repo, site = corpus_site
    state = catalogue_of(repo, monkeypatch)
    assert len(state.items) >= 300
    check_nothing_lost(site, state)
    check_listing_links(site)
    # Search: every item is indexed, and its title, typed into search, finds it.
    titles = {"/" + item.url: item.title for item in state.items}
    assert {page["url"] for page in indexed_pages(site)} >= set(titles)
    assert not_found_by_title(site, titles) == []
