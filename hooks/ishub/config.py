"""The hub's configuration: `extra:` in mkdocs.yml plus the authors file.

Everything a contributor may pick from (themes, regions, policy areas,
authors) is data here, never code.
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from .frontmatter import KeyPath, decode, load_data, plain_text
from .mkdocs_yml import read_mkdocs_config
from .problems import Problem
from .registry import KINDS, TYPES, content_type, listed_vocabularies
from .theme_config import describe
from .themes import Taxonomy, parse_taxonomy

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Term:
    """An allowed value: a region, a policy area or an author."""

    id: str
    label: str
    role: str = ""
    organisation: str = ""
    bio: str = ""


@dataclass(frozen=True)
class Collection:
    """Where one content type lives in the repository and on the site."""

    kind: str
    source: str
    url: str
    label: str
    singular: str

    @property
    def type(self):
        """The content type's declaration (registry.TYPES): date rule, file names, feed text."""
        return content_type(self.kind)


@dataclass(frozen=True)
class HubConfig:
    root: str
    site_name: str
    site_url: str
    collections: tuple[Collection, ...]
    authors_file: str
    authors: tuple[Term, ...]
    # The facets' vocabularies listed in mkdocs.yml `extra` (regions, policy_areas...).
    vocabularies: dict[str, tuple[Term, ...]]
    taxonomy: Taxonomy
    listing: dict
    feeds: dict
    site_author: str = ""  # the publisher named in schema.org data (site_author in mkdocs.yml)

    def collection(self, kind: str) -> Collection:
        return next(c for c in self.collections if c.kind == kind)

    @property
    def type_urls(self) -> dict[str, str]:
        """Each content type's section address on the site: {"post": "blog", ...}."""
        return {c.kind: c.url for c in self.collections}

    def terms(self, name: str) -> tuple[Term, ...]:
        """The allowed values of a vocabulary, in the order mkdocs.yml lists them."""
        if name == "themes":
            return tuple(Term(t.id, t.label) for t in self.taxonomy.themes)
        if name == "authors":
            return self.authors
        return self.vocabularies.get(name, ())

    def vocabulary(self, name: str) -> tuple[str, ...]:
        return tuple(t.id for t in self.terms(name))

    def term(self, name: str, term_id: str) -> Term | None:
        """The term of a vocabulary with this id, or None."""
        return self._terms_by_id.get(name, {}).get(term_id)

    @functools.cached_property
    def _terms_by_id(self) -> dict[str, dict[str, Term]]:
        """Each vocabulary's terms by id, the first listed winning (`term` is asked on every page)."""
        names = ("themes", "authors", *self.vocabularies)
        return {name: {t.id: t for t in reversed(self.terms(name))} for name in names}

    def label(self, name: str, term_id: str) -> str:
        """What readers see for an id of a vocabulary (themes too); the id if unknown."""
        term = self.taxonomy.get(term_id) if name == "themes" else self.term(name, term_id)
        return term.label if term else term_id


def read_mkdocs_yml(path: Path) -> dict:
    """The raw mkdocs.yml, for commands that validate content without a build."""
    return read_mkdocs_config(path)


def load_hub_config(root: Path, mkdocs: dict) -> tuple[HubConfig | None, list[Problem]]:
    """Build the hub configuration from a loaded mkdocs.yml mapping."""
    extra = mkdocs.get("extra") or {}
    problems: list[Problem] = []
    taxonomy, tax_problems = parse_taxonomy(extra.get("themes"), extra.get("theme_inference"))
    problems += tax_problems
    vocabularies = {n: _terms(extra.get(n), f"extra.{n}", problems) for n in listed_vocabularies()}
    collections = _collections(extra.get("collections") or {}, problems)
    authors_file = str(extra.get("authors_file") or "blog/authors.yml")
    authors = _authors(root, authors_file, problems)
    if problems:
        return None, problems
    listing = {
        "blog_page_size": 10,
        "theme_page_size": 20,
        "home_latest_posts": 3,
        "home_featured_case_studies": 3,
        "related_items": 5,
        **(extra.get("listing") or {}),
    }
    hub = HubConfig(
        str(root),
        str(mkdocs.get("site_name") or ""),
        str(mkdocs.get("site_url") or "").rstrip("/") + "/",
        collections,
        authors_file,
        authors,
        vocabularies,
        taxonomy,
        listing,
        dict(extra.get("feeds") or {}),
        site_author=str(mkdocs.get("site_author") or ""),
    )
    return hub, []


def _terms(raw: object, where: str, problems: list[Problem]) -> tuple[Term, ...]:
    if not isinstance(raw, list) or not raw:
        problems.append(
            Problem(
                "mkdocs.yml",
                0,
                where,
                "must be a non-empty list",
                "list entries as {id: some-id, label: Some label}",
            )
        )
        return ()
    terms = []
    for i, entry in enumerate(raw):
        ok = isinstance(entry, dict) and SLUG.match(str(entry.get("id", ""))) and entry.get("label")
        if not ok:
            problems.append(
                Problem(
                    "mkdocs.yml",
                    0,
                    f"{where}[{i}]",
                    "needs an id and a label",
                    "write it as {id: lower-case-id, label: Label}",
                )
            )
            continue
        terms.append(Term(str(entry["id"]), str(entry["label"])))
    return tuple(terms)


def _collections(raw: dict, problems: list[Problem]) -> tuple[Collection, ...]:
    out = []
    for t in TYPES:
        given = raw.get(t.kind) or {}
        out.append(
            Collection(
                t.kind,
                str(given.get("source", t.source)).strip("/"),
                str(given.get("url", t.url)).strip("/"),
                str(given.get("label", t.label)),
                str(given.get("singular", t.singular)),
            )
        )
    for key in raw:
        if key not in KINDS:
            problems.append(
                Problem(
                    "mkdocs.yml",
                    0,
                    f"extra.collections.{key}",
                    "is not a content type",
                    f"use one of: {', '.join(KINDS)}",
                )
            )
    return tuple(out)


# Every field an author may have: the author pages, bylines, feeds and open data show them.
AUTHOR_FIELDS = ("name", "role", "organisation", "bio")
NAME_LENGTH = 120  # an author's name is shown like an item's title
ROLE_LENGTH = 120  # a job title, shown after the name
ORGANISATION_LENGTH = 120
BIO_LENGTH = 600  # two or three sentences: twice an item's summary
# Each author is a page and two feeds in every build; a hub's writers are far fewer.
MAX_AUTHORS = 500
AUTHOR_LIMITS = {
    "name": NAME_LENGTH,
    "role": ROLE_LENGTH,
    "organisation": ORGANISATION_LENGTH,
    "bio": BIO_LENGTH,
}
AUTHOR_EXAMPLES = {
    "name": "Ada Lovelace",
    "role": "Information Governance Lead",
    "organisation": "Harrowfield City Council",
    "bio": "Ada leads the council's information governance team.",
}


def _authors(root: Path, rel: str, problems: list[Problem]) -> tuple[Term, ...]:
    """The authors file's authors, each field checked as front matter is: every problem
    names the line of the author or field at fault."""
    path = root / rel
    if not path.is_file() or path.is_symlink():
        problems.append(
            Problem(rel, 0, "file", "the authors file is missing", "create it with an 'authors:' mapping")
        )
        return ()
    text, found = decode(rel, path.read_bytes())
    if text is None:
        problems += found
        return ()
    data, lines, found = load_data(rel, text)
    problems += found
    if data is None and found:
        return ()
    data = data or {}
    for key in data if isinstance(data, dict) else ():
        if key != "authors":
            problems.append(
                Problem(
                    rel,
                    lines.get((str(key),), 1),
                    str(key),
                    "is not part of the authors file",
                    "remove it; the file holds one 'authors:' mapping and nothing else",
                )
            )
    entries = data.get("authors") if isinstance(data, dict) else None
    if not isinstance(entries, dict):
        problems.append(
            Problem(
                rel,
                lines.get(("authors",), 1),
                "authors",
                "must be a mapping of author ids",
                "write 'authors:' then one indented 'author-id:' block each",
            )
        )
        return ()
    if len(entries) > MAX_AUTHORS:
        problems.append(
            Problem(
                rel,
                lines.get(("authors",), 1),
                "authors",
                f"lists {len(entries)} authors; the file may hold at most {MAX_AUTHORS}",
                "remove the authors who have written nothing published on the hub",
            )
        )
        return ()
    terms = []
    for author_id, info in entries.items():
        term, found = _author(rel, author_id, info, lines)
        problems += found
        if term is not None:
            terms.append(term)
    return tuple(terms)


def _author(
    rel: str, author_id: object, info: object, lines: dict[KeyPath, int]
) -> tuple[Term | None, list[Problem]]:
    """One author of the authors file, or None, with everything wrong with it."""
    where = f"authors.{author_id}"
    at = lines.get(("authors", str(author_id)), lines.get(("authors",), 1))
    if not isinstance(author_id, str) or not SLUG.match(author_id):
        return None, [
            Problem(
                rel,
                at,
                where,
                "is not a lower-case id",
                "write the id as lower-case words joined by hyphens, e.g. ada-lovelace",
            )
        ]
    if not isinstance(info, dict):
        return None, [
            Problem(
                rel,
                at,
                where,
                f"expected the author's fields, got {describe(info)}",
                "give the author 'name:', 'role:', 'organisation:' and 'bio:' on indented lines below the id",
            )
        ]
    problems: list[Problem] = []
    for key in info:
        if key not in AUTHOR_FIELDS:
            guess = difflib.get_close_matches(str(key), AUTHOR_FIELDS, n=1, cutoff=0.6)
            hint = f"did you mean '{guess[0]}'? " if guess else "remove it or use a known field "
            problems.append(
                Problem(
                    rel,
                    lines.get(("authors", author_id, str(key)), at),
                    f"{where}.{key}",
                    "is not a field of an author",
                    f"{hint}(fields: {', '.join(AUTHOR_FIELDS)})",
                )
            )
    values: dict[str, str] = {}
    for name in AUTHOR_FIELDS:
        if info.get(name) is None:
            if name == "name":
                problems.append(
                    Problem(
                        rel,
                        at,
                        f"{where}.name",
                        "is missing",
                        f"add 'name: {AUTHOR_EXAMPLES['name']}' on an indented line below the id",
                    )
                )
            continue
        value, what = _author_text(name, info[name])
        if what:
            message, fix = what
            line = lines.get(("authors", author_id, name), at)
            problems.append(Problem(rel, line, f"{where}.{name}", message, fix))
            continue
        values[name] = value
    if problems:
        return None, problems
    term = Term(
        author_id,
        values["name"],
        role=values.get("role", ""),
        organisation=values.get("organisation", ""),
        bio=values.get("bio", ""),
    )
    return term, []


def _author_text(name: str, value: object) -> tuple[str, tuple[str, str] | None]:
    """One field of an author as published (spaces run together), or why it cannot be.

    Only text is accepted: a mapping or list would be published as Python's spelling
    of it, and `true` or a number is never what a name, role or biography means.
    """
    example = f"{name}: {AUTHOR_EXAMPLES[name]}"
    if isinstance(value, (bool, int, float)):
        return "", (
            f"expected text, got {describe(value)}",
            f'put it in quotes so that it is read as text, e.g. {name}: "{AUTHOR_EXAMPLES[name]}"',
        )
    if not isinstance(value, str):
        return "", (
            f"expected text, got {describe(value)}",
            f"write it on one line as plain text, e.g. {example}",
        )
    value, problem = plain_text(value, AUTHOR_LIMITS[name])
    if problem:
        return "", problem
    if not value:
        return "", ("is empty", f"write it (e.g. {example}) or remove the line")
    return value, None
