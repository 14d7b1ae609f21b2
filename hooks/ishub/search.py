"""Site search: Pagefind indexes the finished site after every build.

Pagefind reads the built HTML and writes a search bundle into `site/pagefind/`:
the index split into small chunks, and a script that fetches only the chunks a
query needs, when the reader searches. Nothing is downloaded on page load, and
what a reader fetches for a query grows slowly with the size of the hub.

What is indexed is decided in the templates: `overrides/partials/content.html`
marks the article of every page worth finding with `data-pagefind-body`
(Pagefind leaves out pages without it), and `partials/hub-search/fields.html`
gives each its type, date, themes and region. This module hands Pagefind just
those articles (with the words of table cells kept apart), leaves out the
parts of them that only repeat other items, puts the bundle's filter lists in
a stable order so that rebuilds stay byte-identical, and turns any failure of
the indexer into a message for the build.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Mapping
from html import escape
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

OUTPUT = "pagefind"  # the bundle's folder in the site; hub-search.js looks for it there
ENTRY = "pagefind.js"
SECONDS = 600
# Parts of indexed articles that list other items (related reading, listing
# entries, the library's filters and pager, the insights page's tables of items,
# authors and organisations), that every result shows from its fields anyway (an
# item's byline: type, date, authors, themes), or that are not words (heading
# links, chart numbers). A title finds its item, not the lists of it. The insights
# tables matter most: at 4,000 items they held a twentieth of all the words
# indexed, made every chunk of the index larger, and their page matched nearly
# any query with a 133 KB fragment.
EXCLUDED = (
    ".hub-item-meta",
    ".hub-related",
    ".hub-entries",
    ".hub-cases",
    ".hub-filters",
    ".hub-results",
    ".hub-pager",
    ".hub-chart",
    "table[data-hub]",
    ".headerlink",
)
# Pagefind's ready-made interfaces: the hub draws its own (hub-search.js).
UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
_INSTALL = "run `make install` (pip install -c constraints.txt -e .) to install it"
_PAGES = re.compile(r"Indexed (\d+) pages?")
_PAGE = '<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"></head><body>{body}</body></html>'
_CELL_END = re.compile(r"</(?:dt|dd|td|th)>", re.I)
_UNMARKED = (
    "search index: no page marks its content with data-pagefind-body, so every page would be "
    "indexed whole, navigation included; check that overrides/partials/content.html is used"
)
_SIGNATURE = b"pagefind_dcd"  # what each of the bundle's gzipped files starts with


def pagefind_binary() -> Path | None:
    """The Pagefind program shipped in the `pagefind_bin_extended` wheel (or one
    named by PAGEFIND_BINARY_PATH), found through Pagefind's Python package."""
    try:
        from pagefind.service import get_executable
    except ImportError:
        return None
    try:
        return get_executable()
    except OSError:
        return None


def command(binary: Path, pages: Path, bundle: Path) -> list[str]:
    excluded = [arg for selector in EXCLUDED for arg in ("--exclude-selectors", selector)]
    return [str(binary), "--site", str(pages), "--output-path", str(bundle), *excluded]


def index_site(site_dir: Path, copies: Mapping[str, str | None] | None = None) -> list[str]:
    """Index a built site into `site_dir/pagefind/`; returns what went wrong, if anything.

    `copies` holds, by their path in the site, pages' search copies (`search_copy`)
    made as the build wrote them; other pages are read back from the site."""
    binary = pagefind_binary()
    if binary is None:
        return [f"search index: Pagefind is not installed; {_INSTALL}"]
    site_dir = site_dir.resolve()
    bundle = site_dir / OUTPUT
    shutil.rmtree(bundle, ignore_errors=True)  # no chunk of an earlier build survives
    with tempfile.TemporaryDirectory(prefix="ishub-pagefind-", dir=_scratch()) as work:
        pages = Path(work) / "pages"
        if not copy_marked_pages(site_dir, pages, copies):
            return [_UNMARKED]
        try:
            # From an empty folder: Pagefind reads a pagefind.yml from where it runs.
            done = subprocess.run(
                command(binary, pages, bundle), cwd=work, capture_output=True, text=True, timeout=SECONDS
            )
        except subprocess.TimeoutExpired:
            return [f"search index: Pagefind took more than {SECONDS} s; run the build again"]
        except OSError as exc:
            return [f"search index: Pagefind could not start ({exc.strerror}: {binary}); {_INSTALL}"]
    problems = judge_run(done.returncode, done.stdout + done.stderr, bundle)
    if not problems:
        for name in UNUSED:
            (bundle / name).unlink(missing_ok=True)
        settle_order(bundle)
    return problems


def _scratch() -> str | None:
    """Where the copy for Pagefind goes: read once and thrown away, so in memory where
    the system has a RAM disk (thousands of small files cost seconds on a real disk)."""
    shm = Path("/dev/shm")
    return str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None


def search_copy(html: str, tree: LexborHTMLParser | None = None) -> str | None:
    """The page as Pagefind should read it: the content it marks for search alone,
    with the page's language; None if it marks nothing. `tree` is the page already
    parsed, if the caller has it.

    Pagefind then parses a quarter of the HTML, without the navigation around each
    article. A space follows each table cell and definition-list part, whose words
    it would otherwise run together ("PlaceLondonPolicy areas").
    """
    if "data-pagefind-body" not in html:
        return None
    tree = tree if tree is not None else LexborHTMLParser(html)
    marked = tree.css("[data-pagefind-body]")
    if not marked:
        return None
    root = tree.css_first("html")
    lang = escape((root.attributes.get("lang") if root else None) or "", quote=True)
    body = _CELL_END.sub(r"\g<0> ", "".join(node.html or "" for node in marked))
    return _PAGE.format(lang=lang, body=body)


def copy_marked_pages(site_dir: Path, pages: Path, copies: Mapping[str, str | None] | None = None) -> int:
    """Write into `pages` the search copy of each page of the site that marks content
    for search; returns how many. A page in `copies` (by its path in the site) is
    not read back. The site's own files are left as they are."""
    copies = copies or {}
    count = 0
    for path in sorted(site_dir.rglob("*.html")):
        if path.is_relative_to(site_dir / OUTPUT):
            continue
        name = path.relative_to(site_dir).as_posix()
        text = copies[name] if name in copies else search_copy(path.read_text(encoding="utf-8"))
        if text is None:
            continue
        target = pages / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        count += 1
    return count


def judge_run(code: int, log: str, bundle: Path) -> list[str]:
    """Problems in one run of Pagefind, from its exit code, its log and what it wrote."""
    if code != 0:
        lines = [line.strip() for line in log.splitlines() if line.strip()]
        said = next((line for line in reversed(lines) if "error" in line.lower()), lines[-1] if lines else "")
        return [
            f"search index: Pagefind stopped with exit code {code} ({said or 'no message'}); "
            f"fix what it names, or {_INSTALL} again"
        ]
    if "Did not find a data-pagefind-body" in log:
        return [_UNMARKED]
    pages = _PAGES.search(log)
    if pages is None or int(pages.group(1)) == 0 or not (bundle / ENTRY).is_file():
        return ["search index: Pagefind indexed no page; check that pages carry data-pagefind-body"]
    return []


def require_index(
    site_dir: Path, error: Callable[[str], Exception], copies: Mapping[str, str | None] | None = None
) -> None:
    """`index_site` for a build: any problem stops it, raised as `error` (the engine's
    own exception, such as MkDocs' PluginError, which prints without a traceback)."""
    problems = index_site(site_dir, copies)
    if problems:
        raise error(f"{len(problems)} problem(s) with the search index:\n" + "\n".join(problems))


# --- A stable bundle ------------------------------------------------------------------------------


def settle_order(bundle: Path) -> bool:
    """Sort what Pagefind writes in a different order on every run.

    Pagefind lists each filter's values, and the filters in its metadata file,
    in the order of Rust's randomly seeded hash maps, and names files after their
    contents, so two builds of one site would differ. Each filter chunk's values
    are sorted, the metadata's list of filters too, and the files renamed after
    their new contents; the search script reads them just the same. A bundle in
    a form this does not know is left as it is (and is False).
    """
    entry_path = bundle / "pagefind-entry.json"
    try:
        entry = json.loads(entry_path.read_text(encoding="utf-8"))
        chunks = {path: _read_chunk(path) for path in sorted((bundle / "filter").glob("*.pf_filter"))}
        metas = {
            language: _read_chunk(bundle / f"pagefind.{info['hash']}.pf_meta")
            for language, info in entry["languages"].items()
        }
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return False
    names: dict[str, str] = {}
    for path, (name, values) in chunks.items():
        names[path.stem] = _rewrite(path, [name, sorted(values)])
    for language, meta in metas.items():
        old = entry["languages"][language]["hash"]
        entry["languages"][language]["hash"] = _rewrite(
            bundle / f"pagefind.{old}.pf_meta", _renamed(meta, names)
        )
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return True


def _renamed(node, names: dict[str, str]):
    """Metadata with each filter chunk's new name, and its list of filters sorted."""
    if isinstance(node, str):
        return names.get(node, node)
    if not isinstance(node, list):
        return node
    out = [_renamed(child, names) for child in node]
    new_names = set(names.values())
    if out and all(
        isinstance(c, list) and len(c) == 2 and isinstance(c[1], str) and c[1] in new_names for c in out
    ):
        out.sort()
    return out


def _read_chunk(path: Path):
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(_SIGNATURE):
        raise ValueError(f"{path.name}: not a Pagefind file")
    value, end = _cbor_read(data, len(_SIGNATURE))
    if end != len(data) or _cbor_write(value) != data[len(_SIGNATURE) :]:
        raise ValueError(f"{path.name}: not in the form expected")
    return value


def _rewrite(path: Path, value) -> str:
    """Write `value` beside `path` under a name from its contents (the same length of
    hash, after the same language prefix); returns the new name's hash part."""
    data = _SIGNATURE + _cbor_write(value)
    language, _, old = path.name.split(".")[-2].rpartition("_")
    stem = f"{language}_{hashlib.sha256(data).hexdigest()[: len(old)]}"
    target = path.with_name(path.name.replace(f"{language}_{old}", stem))
    target.write_bytes(gzip.compress(data, mtime=0))
    if target != path:
        path.unlink()
    return stem


# Pagefind's chunks are CBOR (RFC 8949) with definite lengths, made of unsigned
# integers, strings and arrays only; these two read and write exactly that.
def _cbor_read(data: bytes, at: int):
    major, info = data[at] >> 5, data[at] & 31
    at += 1
    if info < 24:
        n = info
    elif info <= 27:
        size = 1 << (info - 24)
        n, at = int.from_bytes(data[at : at + size], "big"), at + size
    else:
        raise ValueError("CBOR of indefinite length")
    if major == 0:
        return n, at
    if major in (2, 3):
        raw = data[at : at + n]
        return (raw if major == 2 else raw.decode("utf-8")), at + n
    if major == 4:
        items = []
        for _ in range(n):
            item, at = _cbor_read(data, at)
            items.append(item)
        return items, at
    raise ValueError(f"CBOR major type {major}")


def _cbor_write(value) -> bytes:
    if isinstance(value, int):
        return _cbor_head(0, value)
    if isinstance(value, bytes):
        return _cbor_head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _cbor_head(3, len(raw)) + raw
    return _cbor_head(4, len(value)) + b"".join(_cbor_write(item) for item in value)


def _cbor_head(major: int, n: int) -> bytes:
    if n < 24:
        return bytes([major << 5 | n])
    size = next(s for s in (1, 2, 4, 8) if n < 1 << (8 * s))
    return bytes([major << 5 | (24 + size.bit_length() - 1)]) + n.to_bytes(size, "big")
