"""Links, images and anchors in bodies, checked by the hub with a line and a suggestion.

A Python-Markdown extension (`ishub.links`, listed in mkdocs.yml) records, for
every body it renders, the addresses its links and images were written with and
the ids its elements end up with, before MkDocs rewrites the addresses. The
build and `make check` then run the same `check_links` over those records, so
a broken link fails both with the same message:

    blog/2026-01-02-x.md:14: link: '../guidance/sharing-lawfuly.md' does not exist;
    did you mean '../guidance/sharing-lawfully.md'?
"""

from __future__ import annotations

import difflib
import posixpath
from dataclasses import dataclass, field
from urllib.parse import unquote

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from .allowlist import url_scheme
from .bodyhtml import Finder
from .problems import Problem


@dataclass
class Recording:
    """What one rendered body links to, and the anchors it offers."""

    links: list[tuple[str, str]] = field(default_factory=list)  # (kind, address): kind link | image
    ids: set[str] = field(default_factory=set)


_last = Recording()


def take() -> Recording:
    """The recording of the body rendered last (in this process), once."""
    global _last
    found, _last = _last, Recording()
    return found


class _Recorder(Treeprocessor):
    def run(self, root):
        global _last
        found = Recording()
        for el in root.iter():
            if el.get("id"):
                found.ids.add(el.get("id"))
            if el.tag == "a" and el.get("href") is not None:
                found.links.append(("link", el.get("href")))
            elif el.tag == "img" and el.get("src") is not None:
                found.links.append(("image", el.get("src")))
        _last = found


class HubLinksExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        # After the table of contents gives headings their ids (5), before MkDocs
        # rewrites addresses (0).
        md.treeprocessors.register(_Recorder(md), "ishub_links", 3)


def makeExtension(**kwargs) -> HubLinksExtension:  # noqa: N802 (Python-Markdown's entry point)
    return HubLinksExtension(**kwargs)


@dataclass(frozen=True)
class Page:
    """A rendered body: where it is in the build and in the repository."""

    src_uri: str
    path: str
    body: str
    first_line: int
    recording: Recording


def check_links(pages: list[Page], targets: set[str]) -> list[Problem]:
    """Every link and image of every page that leads nowhere.

    `targets` holds the src_uri of every page and file of the build (pages
    listed in `pages` are targets too). Those MkDocs then leaves out of the site
    (`published`) are not targets: a link to one would be broken on the site.
    """
    ids = {p.src_uri: p.recording.ids for p in pages}
    present = set(targets) | set(ids)
    unpublished = {t for t in present if not published(t)}
    known = present - unpublished
    problems: list[Problem] = []
    for page in pages:
        find = Finder(page.body, page.first_line)
        for kind, address in page.recording.links:
            what = _problem(page, kind, address, known, ids, unpublished)
            if what:
                message, fix = what
                problems.append(Problem(page.path, find.line(address), kind, message, fix))
    return problems


def published(src_uri: str) -> bool:
    """Whether MkDocs publishes a file found at this place in the build.

    MkDocs leaves out of every site, whatever the hub hands it, each file whose name
    or one of whose folders' names starts with a dot, and a templates/ folder at the
    top (its default `exclude_docs`; the hub's mkdocs.yml adds no other).
    """
    parts = src_uri.split("/")
    return not any(part.startswith(".") for part in parts) and not (
        len(parts) > 1 and parts[0] == "templates"
    )


def _unpublished(address: str, target: str) -> tuple[str, str]:
    """The message for a link to a file that exists but that the site leaves out."""
    if any(part.startswith(".") for part in target.split("/")):
        return (
            f"'{address}' is a file the site does not publish: names starting with a dot are left out",
            "rename the file (or its folder) without the leading dot, and link to the new name",
        )
    return (
        f"'{address}' is a file the site does not publish: a templates/ folder at the top is left out",
        "move the file to another folder, and link to it there",
    )


def _problem(
    page: Page, kind: str, address: str, known: set[str], ids: dict, unpublished: set[str]
) -> tuple[str, str] | None:
    if url_scheme(address) or address.startswith("//"):
        return None  # another site's address, or one the allowlist judges
    path, _, fragment = address.partition("#")
    path = unquote(path.split("?", 1)[0])
    here = posixpath.dirname(page.src_uri)
    if not path:
        return _anchor_problem(address, page.src_uri, fragment, ids) if fragment else None
    if path.startswith("/"):
        return (
            f"'{address}' starts at the site's root, which breaks when the site is served from a folder",
            "use a relative link to the .md file, e.g. '../guidance/sharing-lawfully.md'",
        )
    target = posixpath.normpath(posixpath.join(here, path))
    if target.endswith("/") or path.endswith("/"):
        target = target.rstrip("/") + "/index.md"
    if target in known:
        if fragment and target.endswith(".md"):
            return _anchor_problem(address, target, fragment, ids)
        return None
    if target in unpublished:
        return _unpublished(address, target)
    if kind == "link" and not target.endswith(".md") and (target + ".md") in known:
        return (
            f"'{address}' is a page's address, not its file",
            f"link to the file instead: '{_relative(target + '.md', here)}'",
        )
    if kind == "link" and not target.endswith(".md") and (target + "/index.md") in known:
        return (
            f"'{address}' is a page's address, not its file",
            f"link to the file instead: '{_relative(target + '/index.md', here)}'",
        )
    guess = _closest(target, known, kind)
    hint = f"did you mean '{_relative(guess, here)}'?" if guess else _no_guess(kind)
    return f"'{address}' does not exist", hint


def _anchor_problem(address: str, target: str, fragment: str, ids: dict) -> tuple[str, str] | None:
    offered = ids.get(target)
    if offered is None or fragment in offered:
        return None
    guess = difflib.get_close_matches(fragment, sorted(offered), n=1, cutoff=0.6)
    where = "this page" if address.startswith("#") else target
    hint = f"did you mean '#{guess[0]}'?" if guess else "link to one of the page's headings"
    return f"'{address}': {where} has no heading or anchor '{fragment}'", hint


def _closest(target: str, known: set[str], kind: str) -> str | None:
    same_kind = [k for k in known if k.endswith(".md") == target.endswith(".md")]
    found = difflib.get_close_matches(target, sorted(same_kind), n=1, cutoff=0.75)
    return found[0] if found else None


def _no_guess(kind: str) -> str:
    if kind == "image":
        return "put the file beside the content (e.g. images/) or correct the path"
    return "check the path: links go to the .md file, relative to this file"


def _relative(target: str, here: str) -> str:
    return posixpath.relpath(target, here or ".")
