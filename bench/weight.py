"""Page weight from the built files: what a first visit and a repeat visit fetch.

A first visit fetches the page's HTML and everything it references: style
sheets (and the fonts and images they point to), scripts, images and the
favicon, plus, with Material's search (the comparison stack), the search
worker and the search index, which its script loads as soon as the page
opens. The hub's search (Pagefind) fetches nothing until the reader searches:
`first_query` counts what the first query then fetches. A repeat visit
fetches the HTML again; the rest comes from the browser's cache. Bytes are
given as stored and gzip-compressed, as most hosts send them.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

QUERY_SCRIPT = Path(__file__).resolve().parent.parent / "tests" / "search_query.mjs"
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []
        self.alternates = 0
        self.config = ""
        self._in_config = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        rel = (a.get("rel") or "").split()
        if tag == "link" and ({"stylesheet", "icon", "preload", "modulepreload"} & set(rel)):
            self.refs.append(a.get("href") or "")
        if tag == "link" and "alternate" in rel:
            self.alternates += 1
        if tag in ("script", "img") and a.get("src"):
            self.refs.append(a["src"])
        self._in_config = tag == "script" and a.get("id") == "__config"

    def handle_data(self, data: str) -> None:
        if self._in_config:
            self.config += data

    def handle_endtag(self, tag: str) -> None:
        self._in_config = False


@dataclass
class Weight:
    page: str
    html: int
    html_gz: int
    assets: dict[str, int] = field(default_factory=dict)  # site path -> bytes
    assets_gz: int = 0
    search_index: int = 0
    search_index_gz: int = 0
    alternates: int = 0  # <link rel="alternate">: Material fetches sitemap.xml beside each

    @property
    def first_visit(self) -> int:
        return self.html + sum(self.assets.values())

    @property
    def first_visit_gz(self) -> int:
        return self.html_gz + self.assets_gz


def _local(site: Path, base: Path, ref: str) -> Path | None:
    parts = urlsplit(ref)
    if parts.scheme or parts.netloc or not parts.path or ref.startswith("data:"):
        return None
    path = (site / parts.path.lstrip("/")) if parts.path.startswith("/") else (base / parts.path)
    path = path.resolve()
    if path.is_dir():
        path = path / "index.html"
    return path if path.is_file() and path.is_relative_to(site.resolve()) else None


def _gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def page_weight(site: Path, page: Path) -> Weight:
    """The weight of one built page (page is an index.html under site)."""
    site = site.resolve()
    raw = page.read_bytes()
    parser = _Refs()
    parser.feed(raw.decode("utf-8"))
    todo = [(page.parent, r) for r in parser.refs]
    config = json.loads(parser.config) if parser.config.strip() else {}
    index = site / "search" / "search_index.json"
    material_search = bool(config.get("search")) and index.is_file()  # else its worker never starts
    if material_search:
        todo.append((page.parent, config["search"]))
    found: dict[Path, int] = {}
    while todo:
        base, ref = todo.pop()
        path = _local(site, base, ref)
        if path is None or path in found:
            continue
        data = path.read_bytes()
        found[path] = len(data)
        if path.suffix == ".css":
            todo += [(path.parent, u) for u in _CSS_URL.findall(data.decode("utf-8", "replace"))]
    weight = Weight(page.relative_to(site).as_posix(), len(raw), _gz(raw), alternates=parser.alternates)
    weight.assets = {p.relative_to(site).as_posix(): n for p, n in sorted(found.items())}
    weight.assets_gz = sum(_gz(p.read_bytes()) for p in found)
    if material_search:
        data = index.read_bytes()
        weight.search_index, weight.search_index_gz = len(data), _gz(data)
    return weight


def first_query(site: Path, term: str) -> tuple[int, int]:
    """Bytes (stored, and as served) of a reader's first search on a hub site: Pagefind's
    script and its worker, then what its search code asks for, found by running that
    code under Node (tests/search_query.mjs): the entry and metadata files, the
    WebAssembly, the index chunks of the words and the first ten results, as many as
    the dialog draws at first. The filters' values are left out: the dialog fetches
    them only when the reader opens Filters. The index files are gzipped already, so
    they are served as they are."""
    node = shutil.which("node")
    if node is None:
        raise SystemExit("node is needed to weigh the first search query: apt-get install nodejs")
    query = json.dumps([{"term": term, "limit": 10}])
    done = subprocess.run(
        [node, str(QUERY_SCRIPT), str(site)], input=query, capture_output=True, text=True, check=True
    )
    fetched = [
        path for path in json.loads(done.stdout)["fetched"] if not path.startswith("/pagefind/filter/")
    ]
    paths = ["/pagefind/pagefind.js", "/pagefind/pagefind-worker.js", *fetched]
    stored = served = 0
    for path in dict.fromkeys(paths):
        data = (site / path.lstrip("/")).read_bytes()
        stored += len(data)
        served += _gz(data) if path.endswith((".js", ".json")) else len(data)
    return stored, served
