"""Reading a built site's search index in tests: the pages Pagefind holds, and
queries run by Pagefind's own search script under Node (tests/search_query.mjs),
so no browser is needed to know what a reader's search finds.
"""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
from pathlib import Path

import pytest

QUERY_SCRIPT = Path(__file__).resolve().parent / "search_query.mjs"
SIGNATURE = b"pagefind_dcd"


def indexed_pages(site: Path) -> list[dict]:
    """Every page in the index, as Pagefind stored it: url, content, meta, filters, anchors."""
    pages = []
    for path in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(SIGNATURE), path
        pages.append(json.loads(data[len(SIGNATURE) :]))
    return pages


def search(site: Path, queries: list[dict]) -> list[dict]:
    """Pagefind's answers to queries ({"term", "filters", "sort", "limit"}), in order."""
    node = shutil.which("node")
    if not node:
        pytest.fail("node is missing: install Debian's nodejs (make test needs it for axe-core too)")
    done = subprocess.run(
        [node, str(QUERY_SCRIPT), str(site)],
        input=json.dumps(queries),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)["answers"]


def not_found_by_title(site: Path, titles: dict[str, str]) -> list[str]:
    """Of {url: title}, the pages that searching for their own title does not find
    first (after only pages of the same title, when several share it)."""
    queries = [{"term": title, "limit": 1 + list(titles.values()).count(title)} for title in titles.values()]
    missed = []
    for (url, title), answer in zip(titles.items(), search(site, queries), strict=True):
        found = [r["url"] for r in answer["results"]]
        ahead = found[: found.index(url)] if url in found else found
        if url not in found or any(titles.get(u) != title for u in ahead):
            missed.append(f"{title!r} ({url}) gives {found}")
    return missed
