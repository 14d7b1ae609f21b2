"""One pass over the content: every item, its fields, its themes, its problems.

Every later step (listing pages, theme pages, feeds, the check command and
the report) reads the catalogue; none re-reads files or re-derives themes.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field

from . import clock
from .bodyhtml import nesting_problems
from .config import HubConfig
from .fields import check_fields
from .frontmatter import Source, read_source
from .inserts import INSERT
from .lint import PLACEHOLDER, check_body
from .plain_text import join_parts
from .problems import WARNING, Problem
from .registry import CASE_STUDY, POST, content_type
from .schema import PAGE
from .sources import ContentFile
from .themes import ThemeDecision, count_signals, infer_themes

TOP_SIGNALS = 6


@dataclass(frozen=True)
class CaseInfo:
    """The structured fields only a case study has."""

    organisations: tuple[str, ...]
    place: str
    region: str
    policy_areas: tuple[str, ...]
    partners: tuple[str, ...] = ()
    outcomes: tuple[str, ...] = ()
    featured: bool = False


@dataclass(frozen=True)
class Change:
    """One line of a guidance page's history."""

    date: dt.date
    note: str


@dataclass(frozen=True)
class Item:
    """One published (or draft) piece of content."""

    kind: str
    slug: str
    path: str  # in the repository, e.g. blog/2026-11-24-our-first-year.md
    src_uri: str  # in the build, e.g. blog/2026-11-24-our-first-year.md
    url: str  # on the site, relative to its root, e.g. blog/our-first-year/
    title: str
    summary: str
    date: dt.date | None
    updated: dt.date | None = None
    authors: tuple[str, ...] = ()
    themes: tuple[ThemeDecision, ...] = ()
    draft: bool = False
    case: CaseInfo | None = None
    body: str = ""
    body_line: int = 1
    signals: tuple[str, ...] = ()  # the strongest theme signals in the text, for related items
    aliases: tuple[str, ...] = ()  # earlier addresses (site-relative, ending in '/'), oldest first
    guid: str = ""  # the feed identity to keep, when given
    changes: tuple[Change, ...] = ()  # a guidance page's history, newest first
    # Every front matter value, normalised: what the registry's facets read.
    fields: dict = field(default_factory=dict, hash=False, compare=False)

    def __post_init__(self):
        # An item made in code with a CaseInfo only: its fields carry the same names.
        if self.case is not None and "region" not in self.fields:
            object.__setattr__(self, "fields", {**vars(self.case), **self.fields})

    @property
    def theme_ids(self) -> tuple[str, ...]:
        return tuple(d.theme for d in self.themes)

    @functools.cached_property
    def words(self) -> int:
        """How many words the body holds (worked out once: bylines ask on every page)."""
        return len(self.body.split())

    @property
    def sort_key(self) -> tuple:
        """Newest first, then by slug, so every listing is stable."""
        return (-(self.date or dt.date.min).toordinal(), self.kind, self.slug)

    def dated_after(self, today: dt.date) -> bool:
        """An item of a scheduled type (posts, case studies) dated in the future: held back until its day."""
        return content_type(self.kind).scheduled and self.date is not None and self.date > today


@dataclass(frozen=True)
class Catalogue:
    items: tuple[Item, ...]
    problems: tuple[Problem, ...]
    # (path, src_uri, body, first line) of every body that could be read, valid front
    # matter or not: its HTML is judged in the same run, so one run names every problem.
    bodies: tuple[tuple[str, str, str, int], ...] = ()


def build_catalogue(files: list[ContentFile], hub: HubConfig, read=lambda f: f.read_bytes()) -> Catalogue:
    """Read, validate and theme every content file; collect every problem."""
    items: list[Item] = []
    problems: list[Problem] = []
    bodies: list[tuple[str, str, str, int]] = []
    for cf in files:
        problems += cf.problems
        if cf.problems:
            continue
        kb = clock.file_kb(cf.abs_path)
        try:
            with clock.limit(clock.seconds_for(kb)):
                found_item, found_problems, body = _read_one(cf, hub, read)
        except clock.TooSlow:
            problems.append(
                Problem(
                    cf.path,
                    1,
                    "file",
                    clock.too_slow(kb, "read", "file"),
                    "simplify it or split it into smaller items",
                )
            )
            continue
        problems += found_problems
        if body:
            bodies.append(body)
        if found_item is not None:
            items.append(found_item)
    problems += duplicate_slugs(items)
    items.sort(key=lambda i: i.sort_key)
    return Catalogue(tuple(items), tuple(sorted(problems)), tuple(bodies))


def _read_one(cf: ContentFile, hub: HubConfig, read) -> tuple[Item | None, list[Problem], tuple | None]:
    """One file: its item (if it is valid), its problems, and its body for the later gates."""
    src, problems = read_source(cf.path, read(cf))
    if src is None:
        return None, problems, None
    limits = body_limits(cf.path, src)
    body = None if limits else (cf.path, cf.src_uri, src.body, src.body_line)
    if problems or limits:
        return None, problems + limits, body
    problems = check_body(cf.path, src.body, src.body_line, cf.kind)
    item, found = make_item(cf, src, hub)
    return item, problems + found, body


def make_item(cf: ContentFile, src: Source, hub: HubConfig) -> tuple[Item | None, list[Problem]]:
    """One item from one parsed file, or the problems that prevent it."""
    values, problems = check_fields(cf.kind, src, hub)
    problems += placeholders(src)
    if not src.body.strip():
        problems.append(
            Problem(
                cf.path,
                src.body_line - 1,
                "body",
                "is empty: the file has front matter only",
                "write the text below the closing '---' line",
            )
        )
    if cf.date_prefix and values.get("date") and values["date"] != cf.date_prefix:
        problems.append(
            Problem(
                cf.path,
                src.line_of("date"),
                "date",
                f"{values['date']} differs from the date in the file name ({cf.date_prefix})",
                "make the file name and the date field agree",
            )
        )
    if values.get("updated") and values.get("date") and values["updated"] < values["date"]:
        problems.append(
            Problem(
                cf.path,
                src.line_of("updated"),
                "updated",
                f"{values['updated']} is earlier than the date ({values['date']})",
                "give the day of the last change, on or after the date",
            )
        )
    problems += history_problems(src, values)
    if problems:
        return None, problems
    themes, theme_problems = decide_themes(cf.path, src, values, hub)
    case = None
    if cf.kind == CASE_STUDY:
        case = CaseInfo(
            values["organisations"],
            values["place"],
            values["region"],
            values["policy_areas"],
            values.get("partners", ()),
            values.get("outcomes", ()),
            values.get("featured", False),
        )
    date = values.get("date") or values.get(content_type(cf.kind).date_field)
    changes = tuple(Change(day, note) for day, note in values.get("changes", ()))
    updated = changes[0].date if changes else values.get("updated")
    item = Item(
        cf.kind,
        cf.slug,
        cf.path,
        cf.src_uri,
        cf.url,
        values["title"],
        values["summary"],
        date,
        updated,
        values.get("authors", ()),
        themes,
        values.get("draft", False),
        case,
        src.body,
        src.body_line,
        top_signals(themes, values, src, hub),
        tuple(normal_alias(a) for a in values.get("aliases", ())),
        values.get("guid", ""),
        changes,
        values,
    )
    return item, theme_problems + alias_problems(cf.path, src, item)


def history_problems(src: Source, values: dict) -> list[Problem]:
    """A guidance page's `changes:` against its `date` and `updated`."""
    changes = values.get("changes")
    if not changes:
        return []
    newest, oldest = changes[0][0], changes[-1][0]
    out = []
    if values.get("date") and oldest < values["date"]:
        out.append(
            Problem(
                src.path,
                src.line_of("changes"),
                "changes",
                f"{oldest.isoformat()} is before the page was published ({values['date'].isoformat()})",
                "check the day; a change comes on or after the date",
            )
        )
    if values.get("updated") and values["updated"] != newest:
        out.append(
            Problem(
                src.path,
                src.line_of("updated"),
                "updated",
                f"{values['updated'].isoformat()} is not the newest change ({newest.isoformat()})",
                "delete the updated line: with changes, the newest change's day is the page's update"
                if values["updated"] < newest
                else f"add '- {{date: {values['updated'].isoformat()}, note: What changed}}' to changes, "
                "or delete the updated line",
            )
        )
    return out


_ALIAS = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)*/$")


def normal_alias(address: str) -> str:
    """An old address as the site writes it: no leading '/', one trailing '/'."""
    return address.strip().strip("/") + "/"


# Old addresses one item may keep: each is a page of its own in every build, and an item
# renamed more often than this has outgrown its address anyway.
MAX_ALIASES = 20


def alias_problems(path: str, src: Source, item: Item) -> list[Problem]:
    if len(item.aliases) > MAX_ALIASES:
        return [
            Problem(
                path,
                src.line_of("aliases"),
                "aliases",
                f"lists {len(item.aliases)} old addresses; an item may keep at most {MAX_ALIASES}",
                "keep the addresses readers are likely to have saved, and remove the rest",
            )
        ]
    problems = []
    for alias in item.aliases:
        if not _ALIAS.match(alias):
            problems.append(
                Problem(
                    path,
                    src.line_of("aliases"),
                    "aliases",
                    f"'{alias}' is not an address of this site",
                    "write the old address without the site's name, e.g. blog/old-name/",
                )
            )
        elif alias == item.url:
            problems.append(
                Problem(
                    path,
                    src.line_of("aliases"),
                    "aliases",
                    f"'{alias}' is the item's own address",
                    "remove it",
                )
            )
    return problems


def top_signals(themes, values: dict, src: Source, hub: HubConfig) -> tuple[str, ...]:
    """The item's strongest signals: from the inference's evidence, or counted afresh.

    They only pick related items, so explicit items are counted in the raw text
    (a signal inside a code sample hardly matters there) to save a cleaning pass.
    """
    if any(d.evidence for d in themes):
        evidence = [e for d in themes for e in d.evidence]
    else:
        text = join_parts(values["title"], values["summary"], src.body)
        evidence = [e for ev in count_signals(text, hub.taxonomy).values() for e in ev]
    ranked = sorted(evidence, key=lambda e: (-e.count, e.signal))
    return tuple(dict.fromkeys(e.signal for e in ranked))[:TOP_SIGNALS]


def placeholders(src: Source) -> list[Problem]:
    """Template text left in the front matter: the check rejects it until it is replaced."""
    found = []
    for key, value in src.meta.items():
        values = value if isinstance(value, list) else [value]
        if any(isinstance(v, str) and PLACEHOLDER in v for v in values):
            found.append(
                Problem(
                    src.path,
                    src.line_of(key),
                    str(key),
                    f"still has the template's {PLACEHOLDER} text",
                    f"write the real {key} in its place",
                )
            )
    return found


@dataclass(frozen=True)
class StaticPage:
    """One of the site's own pages in docs/ (home, about, subscribe): content, but not an item."""

    path: str
    src_uri: str
    title: str
    summary: str
    template: str
    hide: tuple[str, ...]
    body: str
    body_line: int


def body_limits(path: str, src: Source) -> list[Problem]:
    """What no body may be: one that carries a second meta block, or nesting Markdown
    cannot render without running out of stack."""
    lines = src.body.split("\n")
    first = next((n for n, line in enumerate(lines) if line.strip()), None)
    if (
        first is not None
        and lines[first].rstrip() == "---"
        and any(line.rstrip() in ("---", "...") for line in lines[first + 1 :])
    ):
        return [
            Problem(
                path,
                src.body_line + first,
                "body",
                "begins with a second '---' block; only the first block is front matter",
                "move its fields into the front matter, or start the body with text",
            )
        ]
    return nesting_problems(path, src.body, src.body_line)


def read_static_pages(
    pages: list[tuple[str, str, bytes]], hub: HubConfig, insert_names: tuple[str, ...]
) -> tuple[dict[str, StaticPage], list[Problem]]:
    """The static pages of docs/, through the same parser, schema and limits as items."""
    out: dict[str, StaticPage] = {}
    problems: list[Problem] = []
    for path, src_uri, raw in pages:
        src, found = read_source(path, raw)
        problems += found
        if src is None or found:
            continue
        found = body_limits(path, src)
        problems += found
        if found:
            continue
        values, found = check_fields(PAGE, src, hub)
        problems += found + placeholders(src)
        problems += check_body(path, src.body, src.body_line)
        problems += _insert_problems(path, src, insert_names)
        if not found:
            out[src_uri] = StaticPage(
                path,
                src_uri,
                values["title"],
                values.get("summary", ""),
                values.get("template", ""),
                values.get("hide", ()),
                src.body,
                src.body_line,
            )
    return out, problems


def _insert_problems(path: str, src: Source, insert_names: tuple[str, ...]) -> list[Problem]:
    problems = []
    for n, line in enumerate(src.body.split("\n")):
        m = INSERT.search(line) if "hub-insert" in line else None
        if m and m.group(1) not in insert_names:
            problems.append(
                Problem(
                    path,
                    src.body_line + n,
                    "insert",
                    f"'{m.group(1)}' is not a hub insert",
                    f"use one of: {', '.join(insert_names)}",
                )
            )
    return problems


def decide_themes(
    path: str, src: Source, values: dict, hub: HubConfig
) -> tuple[tuple[ThemeDecision, ...], list[Problem]]:
    """Explicit themes win; otherwise infer them, and say so when nothing matches."""
    if values.get("themes"):
        return tuple(ThemeDecision(t, "explicit") for t in values["themes"]), []
    inferred = infer_themes(values["title"], values["summary"], src.body, hub.taxonomy)
    if inferred:
        return inferred, []
    ids = ", ".join(hub.taxonomy.ids())
    return (), [
        Problem(
            path,
            1,
            "themes",
            "no theme could be inferred from the title, summary and body",
            f"add themes to the front matter, e.g. themes: [{hub.taxonomy.ids()[0]}] (themes: {ids})",
            WARNING,
        )
    ]


def duplicate_slugs(items: list[Item]) -> list[Problem]:
    """Two items of one type may not share a URL, even differing only in case."""
    seen: dict[tuple[str, str], Item] = {}
    problems = []
    for item in sorted(items, key=lambda i: i.path):
        key = (item.kind, item.slug.lower())
        if key in seen:
            first = seen[key]
            problems.append(
                Problem(
                    item.path,
                    1,
                    "slug",
                    f"'{item.slug}' is already used by {first.path}",
                    "rename one of the files so that each has its own address",
                )
            )
            continue
        seen[key] = item
    return problems


def visible(item: Item, today: dt.date, preview: bool) -> bool:
    """Whether an item is on the site: drafts and future items only in a preview."""
    if preview:
        return True
    return not item.draft and not item.dated_after(today)


def scheduled(items: tuple[Item, ...], today: dt.date) -> list[Item]:
    """Items held back because they are dated after today."""
    return [i for i in items if not i.draft and i.dated_after(today)]


__all__ = ["CaseInfo", "Catalogue", "Item", "POST", "build_catalogue", "scheduled", "visible"]
