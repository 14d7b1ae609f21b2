"""The live preview: faster rebuilds, and an error page while content has errors.

Faster previews: let `mkdocs serve --dirty` skip generated pages that did not change.

MkDocs' dirty mode rebuilds a page only when its source is newer than its
output, and counts every in-memory generated page as changed. Writing each
listing to a cache file, and only when its HTML differs from last time, gives
unchanged listings an old modification time, so a single-item edit rebuilds
that item and the listings it actually changes.
"""

from __future__ import annotations

from pathlib import Path

from .fragments import make_env
from .problems import Problem


def stable_sources(pages: dict[str, str], folder: Path) -> dict[str, str]:
    """src_uri -> path of a file holding that page's text, rewritten only on change."""
    paths = {}
    for src_uri, text in pages.items():
        path = folder / src_uri
        data = text.encode("utf-8")
        if not path.is_file() or path.read_bytes() != data:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        paths[src_uri] = str(path)
    return paths


ERROR_TEMPLATE = "preview-errors.html"


def error_page(template_dir: Path, problems: list[Problem]) -> str:
    """The page the preview shows at every address while the content has errors.

    Rendered with autoescape: the messages quote contributors' text.
    """
    env = make_env([template_dir])
    return env.get_template(ERROR_TEMPLATE).render(problems=[str(p) for p in problems])
