"""What readers and subscribers get beyond the items themselves: author pages and
linked bylines, feeds for every facet with their pages announcing them, the
subscribe page's groups and OPML bundles, and a guidance page's history in its
page, in the feeds and in the open data.

The history cases build their own copy of the fixture site, with one guidance
page given a first publication date and two changes.
"""

from __future__ import annotations

import html
import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from tests.conftest import ENV, make_site, mkdocs_build, read, run
from tests.test_feeds import FEEDS, SITE, author_names, catalogue

AUTHORS = author_names()


def authors_of_posts(built: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {a: [] for a in AUTHORS}
    for e in catalogue(built):
        for a in e.authors:
            out[a].append(e.url)
    return out


# --- Authors ------------------------------------------------------------------------------------


def test_every_author_has_a_page_with_their_posts_and_feed(built):
    theirs = authors_of_posts(built)
    for author, raw in AUTHORS.items():
        name = html.escape(raw)
        page = read(built, f"blog/authors/{author}/index.html")
        assert f"<h1>{name}</h1>" in page
        listed = re.findall(r'<h2 class="hub-entry__title"><a href="\.\./\.\./([^"]+)">', page)
        n = 2
        while (built / f"blog/authors/{author}/page/{n}/index.html").is_file():  # paged like the blog
            later = read(built, f"blog/authors/{author}/page/{n}/index.html")
            listed += re.findall(
                r'<h2 class="hub-entry__title"><a href="\.\./\.\./\.\./\.\./([^"]+)">', later
            )
            n += 1
        assert ["blog/" + u for u in listed] == theirs[author], author
        assert f'href="../../../feeds/authors/{author}.xml">Follow {name}' in page
        assert f'type="application/rss+xml" title="Information Sharing Hub: posts by {name}"' in page


def test_the_authors_index_links_every_author_with_a_count(built):
    page = read(built, "blog/authors/index.html")
    theirs = authors_of_posts(built)
    for author, name in AUTHORS.items():
        n = len(theirs[author])
        assert f'<a href="{author}/">{html.escape(name)}</a>' in page
        assert f'<span class="hub-count">({n} post{"s" if n != 1 else ""})</span>' in page


def test_bylines_link_to_author_pages_and_items_show_reading_time(built):
    post = next(e for e in catalogue(built) if e.kind == "post")
    page = read(built, post.url + "index.html")
    for author in post.authors:
        assert f'<a href="../authors/{author}/">{html.escape(AUTHORS[author])}</a>' in page
    assert re.search(r" · \d+ min read</p>", page)
    blog = read(built, "blog/index.html")
    first = post.authors[0]
    assert f'<a href="authors/{first}/">{html.escape(AUTHORS[first])}</a>' in blog


# --- Feeds for every facet ----------------------------------------------------------------------


def test_facet_pages_announce_their_own_feed(built):
    for path in (p for p in FEEDS if p.startswith(("feeds/regions/", "feeds/policy-areas/"))):
        folder, value = path.split("/")[1:]
        key = {"regions": "region", "policy-areas": "policy-area"}[folder]
        page = read(built, f"case-studies/{key}/{value}/index.html")
        assert 'type="application/rss+xml" title="Information Sharing Hub: case studies ' in page
        assert f'href="../../../{path}.xml"' in page, path


def test_region_feeds_carry_exactly_their_case_studies(built):
    for path in (p for p in FEEDS if p.startswith("feeds/regions/")):
        region = path.rsplit("/", 1)[1]
        links = [i.findtext("link") for i in ET.fromstring(read(built, path + ".xml")).iter("item")]
        want = [SITE + e.url for e in catalogue(built) if region in e.regions]
        assert links == want and links, path


# --- The subscribe page and its bundles ----------------------------------------------------------


def test_the_subscribe_page_groups_every_feed_with_its_address_and_bundle(built):
    page = read(built, "subscribe/index.html")
    for path in FEEDS:
        assert f'<code class="hub-feed-address">{SITE}{path}.xml</code>' in page, path
    for group, title in (
        ("all", "Everything"),
        ("type", "By type of content"),
        ("theme", "By theme"),
        ("region", "By region"),
        ("policy-area", "By policy area"),
        ("author", "By author"),
    ):
        assert f'<h3 id="feeds-{group}">{title}</h3>' in page
    assert page.count("Every item is in exactly one of these feeds.") == 2  # by type, by region
    assert 'href="../feeds/bundles/everything.opml"' in page


def test_each_bundle_lists_its_group_and_feeds_opml_lists_all(built):
    def urls(rel: str) -> list[str]:
        return [o.attrib["xmlUrl"] for o in ET.fromstring(read(built, rel)).iter("outline")]

    assert urls("feeds/bundles/everything.opml") == [f"{SITE}feeds/all.xml"]
    assert urls("feeds/bundles/by-type.opml") == [
        f"{SITE}feeds/{u}.xml" for u in ("blog", "case-studies", "guidance")
    ]
    assert urls("feeds/bundles/by-region.opml") == [f"{SITE}{p}.xml" for p in FEEDS if "/regions/" in p]
    assert urls("feeds.opml") == [f"{SITE}{p}.xml" for p in FEEDS]


# --- A guidance page's history ------------------------------------------------------------------

HISTORY = """\
---
title: Keeping records of sharing
summary: What to write down when you share, and why it helps later.
date: 2024-02-05
changes:
  - {date: 2025-06-30, note: "Added a template for recording a decision not to share"}
  - {date: 2024-09-16, note: "Explained how long to keep the record"}
themes: [governance]
---

Write down what you shared, with whom, when and why.
"""


@pytest.fixture(scope="module")
def history_site(tmp_path_factory) -> Path:
    site = make_site(tmp_path_factory.mktemp("history") / "repo")
    (site / "docs/guidance/keeping-records.md").write_text(HISTORY, encoding="utf-8")
    config = yaml.safe_load((site / "mkdocs.yml").read_text(encoding="utf-8"))
    next(e for e in config["nav"] if "Guidance" in e)["Guidance"].append("guidance/keeping-records.md")
    (site / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    result = mkdocs_build(site)
    assert result.code == 0, result.text
    return site / "site"


def guidance_entries(built: Path) -> list[tuple[str, str, str]]:
    feed = ET.fromstring(read(built, "feeds/guidance.xml"))
    return [(i.findtext("title"), i.findtext("guid"), i.findtext("pubDate")) for i in feed.iter("item")]


def test_each_change_enters_the_guidance_feed_once_with_its_own_guid(history_site):
    mine = [e for e in guidance_entries(history_site) if e[0].startswith("Keeping records of sharing")]
    host = "information-sharing-hub.example.org"
    assert mine == [
        (
            "Keeping records of sharing: Added a template for recording a decision not to share",
            f"tag:{host},2025-06-30:guidance/keeping-records",
            "Mon, 30 Jun 2025 00:00:00 +0000",
        ),
        (
            "Keeping records of sharing: Explained how long to keep the record",
            f"tag:{host},2024-09-16:guidance/keeping-records",
            "Mon, 16 Sep 2024 00:00:00 +0000",
        ),
        (
            "Keeping records of sharing",
            f"tag:{host},2024-02-05:guidance/keeping-records",
            "Mon, 05 Feb 2024 00:00:00 +0000",
        ),
    ]
    everything = ET.fromstring(read(history_site, "feeds/all.xml"))
    guids = [i.findtext("guid") for i in everything.iter("item")]
    assert len(guids) == len(set(guids))
    assert sum("guidance/keeping-records" in g for g in guids) == 3


def test_a_change_entry_says_what_changed(history_site):
    feed = ET.fromstring(read(history_site, "feeds/guidance.xml"))
    item = next(i for i in feed.iter("item") if "2025-06-30" in i.findtext("guid"))
    assert item.findtext("description").startswith(
        "<p>What changed: Added a template for recording a decision not to share</p>"
    )


def test_the_page_shows_first_published_last_updated_and_its_history(history_site):
    page = read(history_site, "guidance/keeping-records/index.html")
    assert '<time datetime="2024-02-05">5 February 2024</time>' in page
    assert 'Updated <time datetime="2025-06-30">30 June 2025</time>' in page
    history = page[page.index('id="page-history"') :]
    assert history.index("Added a template") < history.index("Explained how long")


def test_the_open_data_carries_the_history_the_page_shows(history_site):
    data = json.loads(read(history_site, "catalogue.json"))
    entry = next(d for d in data["items"] if d["slug"] == "keeping-records")
    assert (entry["date"], entry["updated"]) == ("2024-02-05", "2025-06-30")
    assert entry["changes"] == [
        {"date": "2025-06-30", "note": "Added a template for recording a decision not to share"},
        {"date": "2024-09-16", "note": "Explained how long to keep the record"},
    ]
    assert all("changes" in d for d in data["items"] if d["type"] == "guidance")
    assert not any("changes" in d for d in data["items"] if d["type"] != "guidance")


@pytest.mark.parametrize(
    ("front", "message"),
    [
        (
            "changes:\n  - {date: 2023-01-02, note: Too early}\ndate: 2024-02-05\n",
            "changes: 2023-01-02 is before the page was published (2024-02-05); "
            "check the day; a change comes on or after the date",
        ),
        (
            "date: 2024-02-05\nupdated: 2025-07-01\nchanges:\n  - {date: 2025-06-30, note: A change}\n",
            "updated: 2025-07-01 is not the newest change (2025-06-30); "
            "add '- {date: 2025-07-01, note: What changed}' to changes, or delete the updated line",
        ),
        (
            "changes:\n  - {date: 2025-06-30, note: One}\n  - {date: 2025-06-30, note: Two}\n",
            "changes: lists 2025-06-30 twice; give one entry per day, with one note for that day's changes",
        ),
        (
            "changes:\n  - {date: 2025-06-30}\n",
            "changes: entry 1 is not a date and a note; write one entry per change as "
            "- {date: YYYY-MM-DD, note: What changed}",
        ),
    ],
)
def test_history_mistakes_are_named_with_their_fix(tmp_path, front, message):
    site = make_site(tmp_path / "repo")
    page = site / "docs/guidance/sharing-lawfully.md"
    text = page.read_text(encoding="utf-8")
    text = re.sub(r"^updated: .*\n", "", text, count=1, flags=re.M).replace("---\n", "---\n" + front, 1)
    page.write_text(text, encoding="utf-8")
    result = run([sys.executable, "-m", "ishub", "check"], cwd=site, env=ENV)
    assert result.code == 1
    assert message in result.text, result.text
