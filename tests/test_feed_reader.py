"""A real feed reader, Debian's newsboat, subscribes to the fixture site's feeds.

The built fixture site is served on 127.0.0.1; newsboat imports the site's
OPML (its addresses moved from the production host to the local server),
fetches every feed and stores what it understood in its SQLite cache, which
the tests then read. Newsboat keeps one copy of an item however many feeds
carry it (the GUID is the item's identity, as it should be), so the per-feed
counts come from one reader cache per feed.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from tests.browser.conftest import Server
from tests.conftest import read
from tests.test_feeds import FEEDS, SITE, catalogue, channel, expected

pytestmark = pytest.mark.browser

CONFIG = """\
reload-threads 2
download-timeout 10
download-retries 1
use-proxy no
max-items 0
error-log "{log}"
"""


def newsboat(work: Path, *args: str) -> subprocess.CompletedProcess:
    """Run newsboat with its files in `work`, never the user's, and no proxy."""
    if not shutil.which("newsboat"):
        pytest.fail("newsboat is missing: apt-get install newsboat")
    (work / "config").write_text(CONFIG.format(log=work / "errors.log"), encoding="utf-8")
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(work),
        "LANG": "C.UTF-8",
        "XDG_CONFIG_HOME": str(work / ".config"),
        "XDG_DATA_HOME": str(work / ".local"),
        "no_proxy": "*",
    }
    cmd = ["newsboat", "-u", "urls", "-c", "cache.db", "-C", "config", *args]
    result = subprocess.run(cmd, cwd=work, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def reload(work: Path) -> list[sqlite3.Row]:
    """Fetch every feed in `work/urls`; the items newsboat stored, and no fetch or parse errors."""
    newsboat(work, "-x", "reload")
    log = work / "errors.log"
    assert not log.exists() or not log.read_text(encoding="utf-8").strip(), log.read_text(encoding="utf-8")
    with sqlite3.connect(work / "cache.db") as db:
        db.row_factory = sqlite3.Row
        return db.execute("SELECT guid, title, url, feedurl, pubDate FROM rss_item").fetchall()


def local_opml(site: Path, server_url: str) -> str:
    text = read(site, "feeds.opml")
    assert text.count(SITE) == 2 * len(FEEDS)  # xmlUrl and htmlUrl of each feed
    return text.replace(SITE, server_url)


def test_newsboat_imports_the_opml_and_reads_every_item(built, tmp_path):
    with Server(built) as server:
        (tmp_path / "feeds.opml").write_text(local_opml(built, server.url), encoding="utf-8")
        newsboat(tmp_path, "-i", "feeds.opml")
        urls = (tmp_path / "urls").read_text(encoding="utf-8").split()
        assert urls == [f"{server.url}{path}.xml" for path in FEEDS]
        rows = reload(tmp_path)
        unread = newsboat(tmp_path, "-x", "print-unread").stdout
    items = catalogue(built)
    assert sorted(r["title"] for r in rows) == sorted(e.title for e in items)
    assert sorted(r["url"] for r in rows) == sorted(SITE + e.url for e in items)
    all_guids = {i.findtext("guid") for path in FEEDS for i in channel(built, path).iter("item")}
    assert {r["guid"] for r in rows} == all_guids
    assert f"{len(items)} unread articles" in unread


def one_of_each_kind() -> list[str]:
    """Everything, each type, and the first feed of each facet: one reader run each."""
    seen: dict[str, str] = {}
    for path in FEEDS:
        parts = path.split("/")
        seen.setdefault(path if len(parts) == 2 else parts[1], path)
    return list(seen.values())


@pytest.mark.parametrize("path", one_of_each_kind())
def test_newsboat_reads_each_feed_with_its_items_and_dates(built, tmp_path, path):
    with Server(built) as server:
        url = f"{server.url}{path}.xml"
        (tmp_path / "urls").write_text(url + "\n", encoding="utf-8")
        rows = reload(tmp_path)
    want = expected(built, path)
    assert len([r for r in rows if r["feedurl"] == url]) == len(rows) == len(want)
    got = [(r["title"], dt.datetime.fromtimestamp(r["pubDate"], dt.UTC).date(), r["url"]) for r in rows]
    assert sorted(got) == sorted((e.title, e.date, SITE + e.url) for e in want)


def bundle_rows(built: Path, tmp_path: Path, name: str) -> tuple[list[sqlite3.Row], str]:
    with Server(built) as server:
        opml = read(built, f"feeds/bundles/{name}.opml").replace(SITE, server.url)
        (tmp_path / "bundle.opml").write_text(opml, encoding="utf-8")
        newsboat(tmp_path, "-i", "bundle.opml")
        return reload(tmp_path), server.url


def test_the_everything_bundle_shows_every_item_once(built, tmp_path):
    rows, url = bundle_rows(built, tmp_path, "everything")
    items = catalogue(built)
    assert {r["feedurl"] for r in rows} == {f"{url}feeds/all.xml"}
    assert sorted(r["url"] for r in rows) == sorted(SITE + e.url for e in items)


def test_the_by_type_bundle_shows_every_item_in_its_own_type(built, tmp_path):
    """In a reader that keeps one copy per GUID, each item still lands in its type's feed."""
    rows, url = bundle_rows(built, tmp_path, "by-type")
    feed_of = {
        "post": "feeds/blog.xml",
        "case-study": "feeds/case-studies.xml",
        "guidance": "feeds/guidance.xml",
    }
    got = sorted((r["url"], r["feedurl"]) for r in rows)
    assert got == sorted((SITE + e.url, url + feed_of[e.kind]) for e in catalogue(built))
