"""Published items keep their address and their feed identity.

`make check` compares the content with the last commit (or `HUB_BASE`, such as
the pull request's base): an item that was published there must still answer at
its address (its own, or one of a renamed item's `aliases:`), and a post or case
study must keep its feed identity, or feed readers see it again as new. Each
problem names the line to add. Outside a git repository the comparison is skipped.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .catalogue import Item
from .config import HubConfig
from .feeds import announcements, guid
from .frontmatter import read_source
from .problems import WARNING, Problem
from .registry import content_type
from .sources import _NAME


@dataclass(frozen=True)
class Published:
    """An item as the base commit published it."""

    path: str
    kind: str
    url: str
    guid: str
    title: str


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-c", f"safe.directory={root}", "-C", str(root), *args],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def published_at_base(
    root: Path, hub: HubConfig, docs_dir: str, today: dt.date, base: str
) -> list[Published]:
    """The items the base commit publishes (not drafts, not dated after today)."""
    sources = {c.source: c for c in hub.collections}
    listed = _git(root, "ls-tree", "-r", "--name-only", base, "--", *sources)
    if listed is None:
        return []
    out = []
    for path in listed.splitlines():
        coll = next((c for src, c in sources.items() if path.startswith(src + "/")), None)
        name = path.rsplit("/", 1)[-1]
        match = _NAME.match(name)
        if coll is None or not match or (not coll.type.in_docs and "/" in path[len(coll.source) + 1 :]):
            continue
        if coll.type.in_docs and name == "index.md":
            continue
        raw = _git(root, "show", f"{base}:{path}")
        src, problems = read_source(path, (raw or "").encode("utf-8"))
        if src is None or problems or src.meta.get("draft") is True:
            continue
        item = _item_at_base(path, coll, match, src.meta, root, docs_dir)
        if item is None or item.dated_after(today):
            continue
        out.append(Published(path, item.kind, item.url, guid(item, hub) if item.date else "", item.title))
    return out


def _item_at_base(path, coll, match, meta: dict, root: Path, docs_dir: str) -> Item | None:
    slug = match.group(2)
    field = "date" if meta.get("date") else coll.type.date_field
    try:
        day = dt.date.fromisoformat(str(meta.get(field) or "")) if meta.get(field) else None
    except ValueError:
        return None
    if coll.type.in_docs:
        url = path[len(docs_dir) + 1 : -len(".md")] + "/"
    else:
        url = f"{coll.url}/{slug}/"
    aliases = tuple(str(a).strip("/") + "/" for a in meta.get("aliases") or [])
    return Item(
        coll.kind,
        slug,
        path,
        path,
        url,
        str(meta.get("title") or ""),
        "",
        day,
        aliases=aliases,
        guid=str(meta.get("guid") or ""),
    )


def _renames(root: Path, base: str) -> dict[str, str]:
    """old path -> new path, for files renamed since the base commit (staged or not)."""
    listed = _git(root, "diff", "--name-status", "-M", base, "--") or ""
    out = {}
    for line in listed.splitlines():
        parts = line.split("\t")
        if len(parts) == 3 and parts[0].startswith("R"):
            out[parts[1]] = parts[2]
    return out


def identity_problems(
    root: Path, hub: HubConfig, items: tuple[Item, ...], docs_dir: str, today: dt.date
) -> list[Problem]:
    """Published addresses that would stop working, and feed identities that would change."""
    base = os.environ.get("HUB_BASE", "HEAD")
    if _git(root, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}") is None:
        return []
    before = published_at_base(root, hub, docs_dir, today, base)
    if not before:
        return []
    answering = {i.url: i for i in items} | {a: i for i in items for a in i.aliases}
    by_path = {i.path: i for i in items}
    renames = _renames(root, base)
    by_title = {i.title: i for i in items}
    problems = []
    for old in before:
        now = answering.get(old.url)
        if now is None:
            successor = by_path.get(renames.get(old.path, "")) or by_title.get(old.title)
            problems.append(_moved(old, successor))
            continue
        # A guidance page dated only by `updated` is a new entry at each update, by design;
        # one that gained a history keeps its old entry among its announcements.
        legacy = content_type(old.kind).announces_updates and "date" not in now.fields
        kept = now.date and old.guid in {e.guid for e in announcements(now, hub)}
        if not legacy and old.guid and now.date and not kept:
            problems.append(
                Problem(
                    now.path,
                    1,
                    "guid",
                    f"its feed identity would change from '{old.guid}' to '{guid(now, hub)}' (its name or "
                    "date changed), so feed readers would show it again as new",
                    f"add 'guid: {old.guid}' to the front matter",
                )
            )
    return problems


def _moved(old: Published, successor: Item | None) -> Problem:
    if successor is None:
        return Problem(
            old.path,
            1,
            "file",
            f"was published at /{old.url} and is gone, so that address would stop working",
            f"if it moved, add 'aliases: [{old.url}]' to the front matter of its new file",
            WARNING,
        )
    return Problem(
        successor.path,
        1,
        "aliases",
        f"{old.path} was published at /{old.url}, which would stop working",
        f"add 'aliases: [{old.url}]' to the front matter, so that the old address leads here",
    )
