"""Find the content files and the assets beside them.

File names carry the slug: lower-case ASCII words joined by hyphens, and for
blog posts an optional leading date (``2026-11-24-our-first-year.md``).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .config import HubConfig
from .problems import Problem
from .schema import GUIDANCE, POST

_NAME = re.compile(r"^(?:(\d{4}-\d{2}-\d{2})-)?([a-z0-9]+(?:-[a-z0-9]+)*)\.md$")
IGNORED = {"README.md", "authors.yml", ".authors.yml"}


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


@dataclass(frozen=True)
class ContentFile:
    kind: str
    path: str  # repository-relative, POSIX
    abs_path: str
    slug: str = ""
    src_uri: str = ""
    url: str = ""
    date_prefix: dt.date | None = None
    problems: tuple[Problem, ...] = field(default=())

    def read_bytes(self) -> bytes:
        return Path(self.abs_path).read_bytes()


@dataclass(frozen=True)
class Asset:
    """An image or file beside the content, published next to it."""

    abs_path: str
    src_uri: str
    dest_uri: str


def discover(hub: HubConfig, docs_dir: str = "docs") -> tuple[list[ContentFile], list[Asset]]:
    """Every content file of every type, and the assets of the collections."""
    root = Path(hub.root)
    files: list[ContentFile] = []
    assets: list[Asset] = []
    for coll in hub.collections:
        base = root / coll.source
        if not base.is_dir():
            continue
        if coll.kind == GUIDANCE:
            for path in sorted(base.rglob("*.md")):
                if path.name != "index.md":
                    files.append(_content(root, coll, path, docs_dir))
            continue
        for path in sorted(base.rglob("*")):
            if path.is_dir() or path.name in IGNORED:
                continue
            if path.suffix == ".md" and path.parent == base:
                files.append(_content(root, coll, path, docs_dir))
            elif path.suffix != ".md":
                rel = path.relative_to(base).as_posix()
                assets.append(Asset(str(path), f"{coll.source}/{rel}", f"{coll.url}/{rel}"))
    return files, assets


def static_pages(hub: HubConfig, docs_dir: str = "docs") -> list[Path]:
    """Markdown pages in docs/ that are not guidance items: about, home, subscribe..."""
    root = Path(hub.root)
    guidance = root / hub.collection(GUIDANCE).source
    pages = []
    for path in sorted((root / docs_dir).rglob("*.md")):
        if path.is_relative_to(guidance) and path.name != "index.md":
            continue
        pages.append(path)
    return pages


def _content(root: Path, coll, path: Path, docs_dir: str) -> ContentFile:
    rel = path.relative_to(root).as_posix()
    problems = []
    if path.is_symlink() and not path.resolve().is_relative_to(root.resolve()):
        problems.append(
            Problem(
                rel,
                1,
                "file",
                "is a link to a file outside the repository",
                "replace the link with the file itself",
            )
        )
    match = _NAME.match(path.name)
    date_prefix = None
    if match and match.group(1):
        try:
            date_prefix = dt.date.fromisoformat(match.group(1))
        except ValueError:
            match = None
    if not match or (match.group(1) and coll.kind != POST):
        stem = path.name[:-3]
        suggestion = slugify(stem) or "a-short-title"
        problems.append(
            Problem(
                rel,
                1,
                "file name",
                f"'{path.name}' is not lower-case words joined by hyphens",
                f"rename it to '{suggestion}.md' (letters a-z, digits and hyphens only)",
            )
        )
        return ContentFile(coll.kind, rel, str(path), problems=tuple(problems))
    slug = match.group(2)
    if coll.kind == GUIDANCE:
        inner = path.relative_to(root / docs_dir).as_posix()
        url = inner[:-3] + "/"
        return ContentFile(coll.kind, rel, str(path), slug, inner, url, None, tuple(problems))
    return ContentFile(
        coll.kind, rel, str(path), slug, rel, f"{coll.url}/{slug}/", date_prefix, tuple(problems)
    )
