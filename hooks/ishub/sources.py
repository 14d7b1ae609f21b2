"""Find the content files and the assets beside them.

File names carry the slug: lower-case ASCII words joined by hyphens, and for
blog posts an optional leading date (``2026-11-24-our-first-year.md``).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .assets import asset_problems
from .config import HubConfig
from .problems import Problem

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


MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")


def walk(base: Path, root: Path) -> tuple[list[Path], list[Problem]]:
    """Every file under `base`, sorted, never following a symbolic link; links are problems."""
    found: list[Path] = []
    problems: list[Problem] = []
    linked = next(
        (p for p in [base, *base.parents] if p != root and p.is_relative_to(root) and p.is_symlink()), None
    )
    if linked is not None:
        return [], [_link_problem(root, linked)]
    for folder, dirs, names in os.walk(base, followlinks=False):
        here = Path(folder)
        for name in sorted(dirs):
            if (here / name).is_symlink():
                problems.append(_link_problem(root, here / name))
        dirs[:] = sorted(d for d in dirs if not (here / d).is_symlink())
        for name in sorted(names):
            path = here / name
            if path.is_symlink():
                problems.append(_link_problem(root, path))
            else:
                found.append(path)
    return sorted(found), problems


def _link_problem(root: Path, path: Path) -> Problem:
    return Problem(
        _rel(path, root),
        1,
        "file",
        "is a symbolic link; content may not link to other files",
        "replace the link with the file itself",
    )


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def discover(hub: HubConfig, docs_dir: str = "docs") -> tuple[list[ContentFile], list[Asset], list[Problem]]:
    """Every content file of every type, the assets beside them, and what may not be published."""
    root = Path(hub.root)
    files: list[ContentFile] = []
    assets: list[Asset] = []
    problems: list[Problem] = []
    for coll in hub.collections:
        base = root / coll.source
        if not base.is_dir() or coll.type.in_docs:
            continue
        paths, found = walk(base, root)
        problems += found
        for path in paths:
            rel = path.relative_to(root).as_posix()
            if path.name in IGNORED and path.parent == base:
                continue
            if path.suffix.lower() in MARKDOWN_SUFFIXES:
                problem = _markdown_name_problem(rel, path, base)
                if problem:
                    problems.append(problem)
                    continue
                files.append(_content(root, coll, path, docs_dir))
                continue
            found = asset_problems(rel, path)
            if found:
                problems += found
                continue
            inner = path.relative_to(base).as_posix()
            assets.append(Asset(str(path), f"{coll.source}/{inner}", f"{coll.url}/{inner}"))
    collections = tuple(c.url.split("/")[0] for c in hub.collections if not c.type.in_docs)
    problems += docs_problems(root, docs_dir, GENERATED_FOLDERS + collections)
    for coll in (c for c in hub.collections if c.type.in_docs):
        base = root / coll.source
        if base.is_dir():
            for path in sorted(base.rglob("*.md")):
                if path.name != "index.md" and not _under_link(path, base):
                    files.append(_content(root, coll, path, docs_dir))
    return files, assets, problems


def _under_link(path: Path, base: Path) -> bool:
    return any(p.is_symlink() for p in [path, *path.parents] if p.is_relative_to(base))


def _markdown_name_problem(rel: str, path: Path, base: Path) -> Problem | None:
    if path.suffix != ".md":
        return Problem(
            rel,
            1,
            "file name",
            f"'{path.name}' does not end in '.md'",
            f"rename it to '{path.stem}.md'",
        )
    if path.parent != base:
        return Problem(
            rel,
            1,
            "file",
            f"is in a sub-folder of {base.name}/, where items are not looked for",
            f"move it to {base.name}/{path.name} (pictures and files may stay in sub-folders)",
        )
    return None


THEME_DIR = "overrides"  # the theme's custom_dir: the site's own templates and files
GENERATED_FOLDERS = ("assets", "feeds", "themes", "search", "pagefind")


def docs_problems(root: Path, docs_dir: str, reserved: tuple[str, ...] = GENERATED_FOLDERS) -> list[Problem]:
    """docs/ is content too: no links, no Markdown under another extension, only allowed files."""
    base = root / docs_dir
    if not base.is_dir():
        return []
    paths, problems = walk(base, root)
    for path in paths:
        rel = path.relative_to(root).as_posix()
        inner = path.relative_to(base).as_posix()
        clash = _docs_clash(root, inner, reserved)
        if clash:
            problems.append(Problem(rel, 1, "file", *clash))
            continue
        if path.suffix.lower() not in MARKDOWN_SUFFIXES and "/" not in inner:
            problems.append(
                Problem(
                    rel,
                    1,
                    "file",
                    "would be published at the site's root, beside the site's own files",
                    f"put it in a sub-folder, e.g. {base.name}/guidance/files/{path.name}",
                )
            )
            continue
        if path.suffix.lower() in MARKDOWN_SUFFIXES:
            if path.suffix != ".md":
                problems.append(
                    Problem(
                        rel,
                        1,
                        "file name",
                        f"'{path.name}' does not end in '.md'",
                        f"rename it to '{path.stem}.md'",
                    )
                )
            continue
        problems += asset_problems(rel, path)
    return problems


def _docs_clash(root: Path, inner: str, reserved: tuple[str, ...]) -> tuple[str, str] | None:
    """A docs/ file that would replace one of the site's own files or generated pages."""
    top = inner.split("/", 1)[0]
    if "/" in inner and top in reserved:
        return (
            f"is in docs/{top}/, where the hub publishes its own pages and files",
            "move it to another folder (guidance pages go in docs/guidance/)",
        )
    if (root / THEME_DIR / inner).exists():
        return (
            f"would replace the site's own file {THEME_DIR}/{inner}",
            "rename it or move it to another folder",
        )
    return None


def docs_files(root: Path, docs_dir: str) -> tuple[str, ...]:
    """Files in docs/ other than Markdown (pictures, documents), as paths inside docs/."""
    base = root / docs_dir
    if not base.is_dir():
        return ()
    paths, _problems = walk(base, root)
    return tuple(p.relative_to(base).as_posix() for p in paths if p.suffix.lower() not in MARKDOWN_SUFFIXES)


def static_pages(hub: HubConfig, docs_dir: str = "docs") -> list[Path]:
    """Markdown pages in docs/ that are not guidance items: about, home, subscribe..."""
    root = Path(hub.root)
    in_docs = [root / c.source for c in hub.collections if c.type.in_docs]
    pages = []
    for path in sorted((root / docs_dir).rglob("*.md")):
        if _under_link(path, root / docs_dir):
            continue
        if any(path.is_relative_to(base) for base in in_docs) and path.name != "index.md":
            continue
        pages.append(path)
    return pages


def _content(root: Path, coll, path: Path, docs_dir: str) -> ContentFile:
    rel = path.relative_to(root).as_posix()
    problems = []
    match = _NAME.match(path.name)
    date_prefix = None
    if match and match.group(1):
        try:
            date_prefix = dt.date.fromisoformat(match.group(1))
        except ValueError:
            match = None
    if not match or (match.group(1) and not coll.type.dated_file):
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
    if coll.type.in_docs:
        inner = path.relative_to(root / docs_dir).as_posix()
        url = inner[:-3] + "/"
        return ContentFile(coll.kind, rel, str(path), slug, inner, url, None, tuple(problems))
    return ContentFile(
        coll.kind, rel, str(path), slug, rel, f"{coll.url}/{slug}/", date_prefix, tuple(problems)
    )
