"""The build benchmark's own checks: its corpus is deterministic and valid
content, and its runner starts. Nothing here is timed.
"""

from __future__ import annotations

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
