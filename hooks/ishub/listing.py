"""Generated pages and their addresses: the `Listing` record, URLs, relative
links and paging.

Plain string work with no HTML in it: every listing calls these tens of
thousands of times at 4,000 items, so they stay small and fast.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Listing:
    """A generated page: where it lives, its title and its HTML body."""

    src_uri: str
    title: str
    description: str
    html: str
    feeds: tuple[str, ...] = ()  # feed ids announced in the page head

    @property
    def url(self) -> str:
        return url_of(self.src_uri)

    @property
    def repeats(self) -> bool:
        """A later page, a year or a facet value: a view of items listed elsewhere too."""
        parts = self.src_uri.split("/")
        return "page" in parts or (len(parts) >= 3 and parts[-1] != "index.md")


def url_of(src_uri: str) -> str:
    """The site-relative directory URL MkDocs gives a Markdown source path."""
    stem = src_uri[:-3]
    if stem == "index":
        return ""
    return stem[: -len("index")] if stem.endswith("/index") else stem + "/"


def paged(base: str, n: int) -> str:
    """The src_uri of page n of a paged listing rooted at `base`."""
    return f"{base}/index.md" if n == 1 else f"{base}/page/{n}.md"


def chunks(items, size: int) -> list:
    """Items split into pages of `size`; always at least one page."""
    size = max(1, int(size))
    return [items[i : i + size] for i in range(0, len(items), size)] or [items[:0]]


def page_window(current: int, total: int, around: int = 2) -> tuple[int, ...]:
    """The page numbers a pager shows: first, last, and a few around the current one.

    Linking every page from every page would make listings grow with the square
    of the content; this keeps each pager the same size at any scale.
    """
    near = range(max(1, current - around), min(total, current + around) + 1)
    return tuple(sorted({1, total, *near}))


def rel(from_url: str, to_url: str) -> str:
    """A link from the page at `from_url` to `to_url` (both site-relative, directory
    URLs ending in '/'), so the site works from any folder of a host."""
    if to_url.startswith(("http://", "https://", "#")):
        return to_url
    here = [p for p in from_url.split("/")[:-1] if p] if "/" in from_url else []
    there = [p for p in to_url.split("/") if p]
    common = 0
    for a, b in zip(here, there, strict=False):
        if a != b:
            break
        common += 1
    parts = [".."] * (len(here) - common) + there[common:]
    if not parts:
        return "./"
    return "/".join(parts) + ("/" if to_url.endswith("/") else "")


def theme_url(theme_id: str) -> str:
    return f"themes/{theme_id}/"
