"""Two builds of the same commit, at different times and from different working
directories, give a byte-identical site; the build says what it holds back."""

from __future__ import annotations

import filecmp
import shutil
import time

from tests.conftest import ENV, ROOT, make_site, mkdocs_build
from tests.search_index import indexed_pages

KEEP = ("blog", "case_studies", "docs", "hooks", "overrides", "mkdocs.yml", "schemas")


def differences(left, right) -> list[str]:
    found = []
    cmp = filecmp.dircmp(left, right)
    stack = [(cmp, "")]
    while stack:
        node, prefix = stack.pop()
        found += [f"{prefix}{n} (only one side)" for n in node.left_only + node.right_only]
        _same, diff, errors = filecmp.cmpfiles(node.left, node.right, node.common_files, shallow=False)
        found += [f"{prefix}{n}" for n in diff + errors]
        stack += [(sub, f"{prefix}{name}/") for name, sub in node.subdirs.items()]
    return sorted(found)


def test_two_builds_of_the_repository_are_byte_identical(tmp_path):
    copy = tmp_path / "elsewhere" / "checkout"
    for name in KEEP:
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, copy / name)
    first = mkdocs_build(ROOT, out=tmp_path / "one")
    time.sleep(1.5)  # a later second, so anything stamped with the clock would differ
    second = mkdocs_build(copy, out=tmp_path / "two")
    assert first.code == 0 and second.code == 0, first.text + second.text
    assert differences(tmp_path / "one", tmp_path / "two") == []
    # On another day only the insights page's "nothing new in 6 and 12 months" (and its
    # search entry) may change: it is about the day of the build (see the README).
    next_day = mkdocs_build(copy, out=tmp_path / "three", env={**ENV, "HUB_TODAY": "2026-11-27"})
    assert next_day.code == 0, next_day.text
    changed = differences(tmp_path / "one", tmp_path / "three")
    assert {name for name in changed if not name.startswith("pagefind/")} <= {"insights/index.html"}
    # The search index's files are split by word, so several change; the pages they hold do not.
    before, after = indexed_pages(tmp_path / "one"), indexed_pages(tmp_path / "three")
    assert [p for p in before if p["url"] != "/insights/"] == [p for p in after if p["url"] != "/insights/"]


def test_future_items_are_held_back_and_the_build_says_so(tmp_path):
    site = make_site(tmp_path / "repo")
    result = mkdocs_build(site)
    assert result.code == 0, result.text
    assert "blog/2027-01-01-future-post.md: held back until 2027-01-01 (dated in the future)" in result.err
    assert not (site / "site" / "blog" / "future-post").exists()
    published = mkdocs_build(site, out=tmp_path / "later", env={**ENV, "HUB_TODAY": "2027-01-01"})
    assert published.code == 0 and (tmp_path / "later" / "blog" / "future-post" / "index.html").exists()
