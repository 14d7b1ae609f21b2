"""The build benchmark's own checks: its corpus is deterministic and valid
content, and its runner starts. Nothing here is timed.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, run

CORPUS = ROOT / "bench" / "corpus.py"


def write_corpus(out: Path, items: int = 20, seed: int = 7) -> Path:
    result = run(
        [sys.executable, str(CORPUS), "--items", str(items), "--seed", str(seed), "--out", str(out)], cwd=ROOT
    )
    assert result.code == 0, result.text
    return out


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("bench") / "corpus")


def test_same_seed_writes_identical_files(corpus, tmp_path):
    again = write_corpus(tmp_path / "again")
    assert tree(corpus) == tree(again)


def test_another_seed_writes_other_items(corpus, tmp_path):
    other = write_corpus(tmp_path / "other", seed=8)
    assert tree(corpus / "hub" / "blog").keys() != tree(other / "hub" / "blog").keys()


def test_half_posts_half_case_studies_in_every_layout(corpus):
    files = tree(corpus)
    assert len([p for p in files if p.startswith("hub/blog/") and p.endswith(".md")]) == 10
    assert len([p for p in files if p.startswith("hub/case_studies/") and p.endswith(".md")]) == 10
    assert len([p for p in files if p.startswith("stack/docs/blog/posts/")]) == 10
    assert len([p for p in files if p.startswith("floor/case_studies/")]) == 10


def test_generated_content_passes_the_hub_check(corpus):
    hub = corpus / "hub"
    result = run([sys.executable, "-m", "ishub", "--root", str(hub), "check"], cwd=hub)
    assert result.code == 0, result.text
    assert ": 0 error(s), 0 warning(s); ready to build." in result.err


def test_generated_items_have_about_a_thousand_words(corpus):
    hub = corpus / "hub"
    for path in sorted((hub / "blog").glob("*.md")) + sorted((hub / "case_studies").glob("*.md")):
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
        assert 800 <= len(body.split()) <= 1400, path.name


def test_runner_explains_itself():
    result = run([sys.executable, str(ROOT / "bench" / "run.py"), "--help"], cwd=ROOT)
    assert result.code == 0, result.text
    assert "--sizes" in result.out and "--quick" in result.out and "--runs" in result.out


def test_comparer_explains_itself():
    result = run([sys.executable, str(ROOT / "bench" / "compare.py"), "--help"], cwd=ROOT)
    assert result.code == 0, result.text
    for option in ("--before", "--own-layout", "--without-search", "--runs"):
        assert option in result.out, option


def build_through(wrapper: str, corpus: Path, site: Path):
    """A strict build of the corpus's hub by one of bench/'s wrappers around MkDocs."""
    command = [sys.executable, str(ROOT / "bench" / wrapper), "build", "-q", "--strict"]
    result = run([*command, "-f", str(corpus / "hub" / "mkdocs.yml"), "-d", str(site)], cwd=corpus / "hub")
    assert result.code == 0, result.text
    return result


def test_a_build_without_search_has_every_page_and_no_index(corpus, tmp_path):
    """compare.py --without-search: the hub's pages as always, Pagefind's step left out."""
    site = tmp_path / "site"
    build_through("without_search.py", corpus, site)
    posts = sorted((corpus / "hub" / "blog").glob("*.md"))
    assert posts
    built = {p.parent.name for p in (site / "blog").glob("*/index.html")}
    assert {re.sub(r"^\d{4}-\d{2}-\d{2}-", "", p.stem) for p in posts} <= built
    assert (site / "feeds").is_dir()
    assert not (site / "pagefind").exists()


def test_the_fragments_share_is_timed_in_a_real_build(corpus, tmp_path):
    """bench/fragment_share.py: the build succeeds and reports its fragments' CPU time."""
    site = tmp_path / "site"
    result = build_through("fragment_share.py", corpus, site)
    found = re.search(
        r"fragments: ([\d.]+) s CPU in ([\d,]+) draws; the build: ([\d.]+) s CPU; share", result.err
    )
    assert found, result.err
    draws = int(found.group(2).replace(",", ""))
    assert draws >= len(list((corpus / "hub" / "blog").glob("*.md")))  # an entry at least for each post
    assert 0 < float(found.group(1)) < float(found.group(3))
    assert (site / "index.html").is_file()
