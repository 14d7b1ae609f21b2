"""The front matter of each content type, defined once.

The validator, the JSON Schemas for editors and the contributor field
reference are all derived from `FIELDS`, so they cannot drift apart. The
fields that classify items (region, policy areas) come from the facets in
`registry.FACETS`, so a new facet is a field here without another line.
"""

from __future__ import annotations

from dataclasses import dataclass

from .registry import CASE_STUDY, GUIDANCE, KINDS, POST, TYPES, field_facets

TEXT = "text"
DATE = "date"
LIST = "list"
BOOL = "bool"
CHANGES = "changes"  # a list of {date, note}: a guidance page's history

__all__ = [
    "CASE_STUDY",
    "CHANGES",
    "FIELDS",
    "GUIDANCE",
    "KINDS",
    "LABELS",
    "PAGE",
    "POST",
    "Field",
    "field_names",
]

PAGE = "page"  # the site's own pages in docs/ (home, about, subscribe...): not an item type


@dataclass(frozen=True)
class Field:
    """One front matter field of one content type."""

    name: str
    kind: str
    required: bool
    description: str
    example: str
    vocabulary: str = ""  # authors | regions | policy_areas | themes
    max_length: int = 0
    choices: tuple[str, ...] = ()  # a fixed list of allowed values, for fields that steer the theme


def _title() -> Field:
    return Field(
        "title",
        TEXT,
        True,
        "The headline, in sentence case, with no full stop.",
        "Our first year",
        max_length=120,
    )


def _summary() -> Field:
    return Field(
        "summary",
        TEXT,
        True,
        "One or two plain sentences shown in listings, feeds and search results.",
        "What we learnt about trust in our first year.",
        max_length=300,
    )


def _date(what: str) -> Field:
    return Field("date", DATE, True, f"The day the {what} was published, as YYYY-MM-DD.", "2026-11-24")


def _themes() -> Field:
    return Field(
        "themes",
        LIST,
        False,
        "Theme ids. Leave it out to let the hub infer themes from the text.",
        "[culture, governance]",
        vocabulary="themes",
    )


def _updated() -> Field:
    return Field(
        "updated", DATE, False, "The day of the last significant change, as YYYY-MM-DD.", "2026-12-01"
    )


def _aliases() -> Field:
    return Field(
        "aliases",
        LIST,
        False,
        "Addresses the item had before it was renamed, e.g. blog/old-name/; each keeps working "
        "and sends readers here, and feed readers do not see the item again as new.",
        "[blog/our-first-year/]",
    )


def _guid() -> Field:
    return Field(
        "guid",
        TEXT,
        False,
        "The item's identity in feeds, kept when its date is corrected; make check gives the "
        "line to add when it is needed.",
        "tag:information-sharing-hub.example.org,2026-11-24:post/our-first-year",
        max_length=200,
    )


def _facet_field(facet) -> Field:
    """A facet's field, checked against its vocabulary."""
    kind = LIST if facet.many else TEXT
    return Field(
        facet.field, kind, facet.required, facet.description, facet.example, vocabulary=facet.vocabulary
    )


def _draft() -> Field:
    return Field(
        "draft",
        BOOL,
        False,
        "true keeps the item out of the published site; it shows in the preview only.",
        "true",
    )


FIELDS: dict[str, tuple[Field, ...]] = {
    POST: (
        _title(),
        _date("post"),
        Field(
            "authors",
            LIST,
            True,
            "Author ids from blog/authors.yml.",
            "[holly-marie-draper]",
            vocabulary="authors",
        ),
        _summary(),
        _themes(),
        _updated(),
        _aliases(),
        _guid(),
        _draft(),
    ),
    CASE_STUDY: (
        _title(),
        _date("case study"),
        _summary(),
        Field(
            "organisations", LIST, True, "The organisations that did the work.", "[Harrowfield City Council]"
        ),
        Field(
            "place",
            TEXT,
            True,
            "The town, city or area where the work happened.",
            "Harrowfield",
            max_length=80,
        ),
        *(_facet_field(f) for f in field_facets(CASE_STUDY)),
        Field("partners", LIST, False, "Partner organisations that took part.", "[Harrowfield Police]"),
        Field(
            "outcomes",
            LIST,
            False,
            "What changed, as short lines.",
            "[Referrals answered in two days instead of ten]",
        ),
        _themes(),
        Field("featured", BOOL, False, "true shows the case study on the home page.", "true"),
        _updated(),
        _aliases(),
        _guid(),
        _draft(),
    ),
    GUIDANCE: (
        _title(),
        _summary(),
        _themes(),
        Field(
            "date",
            DATE,
            False,
            "The day the page was first published, as YYYY-MM-DD; the page shows it, and its "
            "publication appears in the feeds.",
            "2025-06-10",
        ),
        Field(
            "updated",
            DATE,
            False,
            "The day of the last significant change, as YYYY-MM-DD. With changes, leave it out: "
            "it is the newest change's day.",
            "2026-12-01",
        ),
        Field(
            "changes",
            CHANGES,
            False,
            "The page's history: one entry per significant change, each a day and one line saying "
            "what changed. The page lists them, and each enters the guidance feed once.",
            '[{date: 2026-12-01, note: "Added the section on emergencies"}]',
        ),
    ),
}

FIELDS[PAGE] = (
    _title(),
    Field(
        "summary",
        TEXT,
        False,
        "One or two plain sentences: the page's description for search engines and shared links.",
        "How the hub is built and who looks after it.",
        max_length=300,
    ),
    Field(
        "template",
        TEXT,
        False,
        "The page layout, for the home page only.",
        "home.html",
        choices=("home.html",),
    ),
    Field(
        "hide",
        LIST,
        False,
        "Parts of the page layout to leave out.",
        "[navigation]",
        choices=("navigation", "toc", "footer"),
    ),
)

LABELS = {**{t.kind: t.noun for t in TYPES}, PAGE: "page"}


def field_names(kind: str) -> tuple[str, ...]:
    return tuple(f.name for f in FIELDS[kind])
