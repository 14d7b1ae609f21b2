"""A renamed or re-dated item keeps its old address and its feed identity: the old
address leads to the item, feed readers see nothing new, and `make check` names
the line to add when a contributor forgets."""

from __future__ import annotations

import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from ishub.security import content_security_policy

from tests.browser.conftest import Server
from tests.conftest import make_site, mkdocs_build, read, run
from tests.test_feed_reader import newsboat, reload

OLD = "blog/2016-06-03-lawful-basis-basics.md"
NEW = "blog/2016-06-03-a-lawful-basis-for-beginners.md"


def git(site: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(site), *args],
        capture_output=True,
        text=True,
        check=True,
        env={
            "GIT_AUTHOR_NAME": "Hub",
            "GIT_AUTHOR_EMAIL": "hub@example.org",
            "GIT_COMMITTER_NAME": "Hub",
            "GIT_COMMITTER_EMAIL": "hub@example.org",
            "PATH": "/usr/bin:/bin",
            "HOME": str(site),
        },
    )
    return done.stdout


@pytest.fixture
def repo(tmp_path) -> Path:
    site = make_site(tmp_path / "repo")
    git(site, "init", "-q")
    git(site, "add", "-A")
    git(site, "commit", "-qm", "Published")
    return site


def check(site: Path):
    return run([sys.executable, "-m", "ishub", "check"], cwd=site)


def add_front(site: Path, rel: str, line: str) -> None:
    text = (site / rel).read_text(encoding="utf-8")
    (site / rel).write_text(text.replace("\n---\n", f"\n{line}\n---\n", 1), encoding="utf-8")


def test_a_rename_without_an_alias_is_named_with_the_line_to_add(repo):
    git(repo, "mv", OLD, NEW)
    result = check(repo)
    assert result.code == 1
    assert (
        f"{NEW}:1: aliases: {OLD} was published at /blog/lawful-basis-basics/, which would stop working; "
        "add 'aliases: [blog/lawful-basis-basics/]' to the front matter, so that the old address leads here"
    ) in result.out.splitlines(), result.text
    add_front(repo, NEW, "aliases: [blog/lawful-basis-basics/]")
    assert check(repo).code == 0, check(repo).text


def test_a_date_correction_keeps_the_feed_identity(repo):
    renamed = "blog/2016-06-04-lawful-basis-basics.md"
    git(repo, "mv", OLD, renamed)
    text = (repo / renamed).read_text(encoding="utf-8").replace("date: 2016-06-03", "date: 2016-06-04")
    (repo / renamed).write_text(text, encoding="utf-8")
    result = check(repo)
    old_guid = "tag:information-sharing-hub.example.org,2016-06-03:post/lawful-basis-basics"
    assert result.code == 1
    assert f"{renamed}:1: guid: its feed identity would change from '{old_guid}'" in result.out, result.text
    assert f"add 'guid: {old_guid}' to the front matter" in result.out
    add_front(repo, renamed, f"guid: {old_guid}")
    assert check(repo).code == 0, check(repo).text


def test_outside_git_the_comparison_is_skipped(tmp_path):
    site = make_site(tmp_path / "repo")
    assert check(site).code == 0


def build_renamed(site: Path, out: Path) -> None:
    shutil.move(site / OLD, site / NEW)
    add_front(site, NEW, "aliases: [blog/lawful-basis-basics/]")
    result = mkdocs_build(site, out=out)
    assert result.code == 0, result.text


def test_the_old_address_leads_to_the_renamed_post(tmp_path):
    site = make_site(tmp_path / "repo")
    out = tmp_path / "site"
    build_renamed(site, out)
    page = read(out, "blog/lawful-basis-basics/index.html")
    assert '<meta http-equiv="refresh" content="0; url=../a-lawful-basis-for-beginners/">' in page
    assert (
        '<link rel="canonical" href="https://information-sharing-hub.example.org/blog/a-lawful-basis-for-beginners/">'
        in page
    )
    assert '<a href="../a-lawful-basis-for-beginners/">' in page
    # The page at the old address carries the site's policy, as every page does.
    assert (
        f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(in_meta=True)}">'
        in page
    )
    assert (out / "blog" / "a-lawful-basis-for-beginners" / "index.html").is_file()
    guid = "tag:information-sharing-hub.example.org,2016-06-03:post/lawful-basis-basics"
    assert f'<guid isPermaLink="false">{guid}</guid>' in read(out, "feeds/blog.xml")


def test_an_alias_may_not_take_another_pages_address(tmp_path):
    site = make_site(tmp_path / "repo")
    add_front(site, OLD, "aliases: [blog/archive/]")
    result = check(site)
    assert result.code == 1
    assert (
        f"{OLD}:1: aliases: 'blog/archive/' is already the address of the hub's page Blog archive"
        in result.out
    )


@pytest.mark.parametrize("alias", ["feeds/", "feeds/blog/", "assets/", "pagefind/", "blog/images/old/"])
def test_an_alias_may_not_be_written_among_the_sites_own_files(tmp_path, alias):
    site = make_site(tmp_path / "repo")
    add_front(site, OLD, f"aliases: [{alias}]")
    result = check(site)
    assert result.code == 1
    folder = "blog/images/" if alias.startswith("blog/") else alias.split("/")[0] + "/"
    assert f"{OLD}:1: aliases: '{alias}' is inside {folder}, which holds the site's own files" in result.out


@pytest.mark.browser
def test_a_feed_reader_sees_nothing_new_after_a_rename(tmp_path):
    site = make_site(tmp_path / "repo")
    out = tmp_path / "site"
    assert mkdocs_build(site, out=out).code == 0
    work = tmp_path / "reader"
    work.mkdir()
    with Server(out) as server:
        (work / "urls").write_text(f"{server.url}feeds/blog.xml\n", encoding="utf-8")
        before = reload(work)
        unread_before = newsboat(work, "-x", "print-unread").stdout
        shutil.rmtree(out)
        build_renamed(site, out)
        after = reload(work)
        unread_after = newsboat(work, "-x", "print-unread").stdout
        with urllib.request.urlopen(server.url + "blog/lawful-basis-basics/") as response:
            assert "a-lawful-basis-for-beginners/" in response.read().decode()
    assert unread_after == unread_before == f"{len(before)} unread articles\n"
    assert {r["guid"] for r in after} == {r["guid"] for r in before}
    assert len(after) == len(before)
    moved = next(r for r in after if "lawful" in r["guid"])
    assert moved["url"].endswith("/blog/a-lawful-basis-for-beginners/")
