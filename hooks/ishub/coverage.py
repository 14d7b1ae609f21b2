"""Gaps in coverage: the themes, regions and policy areas with nothing new lately.

A term is quiet when its newest item is older than the window: the last 6 and
the last 12 calendar months before "today", which the build passes in. Themes
count every item; regions and policy areas count case studies, the only items
that have them. `coverage.html` draws the result.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .listing import rel
from .registry import CASE_STUDY, library_facets

if TYPE_CHECKING:
    from .catalogue import Item
    from .config import HubConfig

RECENT, LATELY = 6, 12  # months


@dataclass(frozen=True)
class Quiet:
    """A term (theme, region or policy area) and its newest item, if it has one."""

    id: str
    label: str
    latest: Item | None


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day of the month `months` earlier (the month's last day if it is shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def latest_by_term(
    terms, items: list[Item], values_of: Callable[[Item], tuple[str, ...]], today: dt.date
) -> list[Quiet]:
    """Each term with its newest item dated on or before today."""
    newest_first = sorted((i for i in items if i.date and i.date <= today), key=lambda i: i.sort_key)
    out = []
    for term in terms:
        latest = next((i for i in newest_first if term.id in values_of(i)), None)
        out.append(Quiet(term.id, term.label, latest))
    return out


def quiet_terms(rows: list[Quiet], today: dt.date) -> tuple[list[Quiet], list[Quiet]]:
    """Terms with nothing for 12 months or more, and those with nothing for 6 to 12 months."""
    lately, recent = months_before(today, LATELY), months_before(today, RECENT)
    long_quiet = [r for r in rows if r.latest is None or r.latest.date < lately]
    quiet = [r for r in rows if r.latest is not None and lately <= r.latest.date < recent]
    return long_quiet, quiet


@dataclass(frozen=True)
class QuietRow:
    """A quiet term and its newest item (empty fields when it has none)."""

    label: str
    latest: dt.date | None
    title: str
    href: str


@dataclass(frozen=True)
class QuietGroup:
    title: str  # the kind of term: Themes, Regions, Policy areas
    case_studies_only: bool  # counted over case studies, the only items that have such terms
    long_quiet: tuple[QuietRow, ...]  # nothing for LATELY months or more
    quiet: tuple[QuietRow, ...]  # nothing for RECENT months, something in the LATELY before


@dataclass(frozen=True)
class Coverage:
    today: dt.date
    recent_months: int
    lately_months: int
    recent_from: dt.date
    lately_from: dt.date
    groups: tuple[QuietGroup, ...]


def _rows(rows: list[Quiet], me: str) -> tuple[QuietRow, ...]:
    return tuple(
        QuietRow(r.label, r.latest.date, r.latest.title, rel(me, r.latest.url))
        if r.latest
        else QuietRow(r.label, None, "", "")
        for r in rows
    )


def coverage(items: tuple[Item, ...], hub: HubConfig, today: dt.date, me: str) -> Coverage:
    """For each kind of term, the long-quiet and the recently quiet, as seen from the page at `me`."""
    groups = []
    # The library's facets with a vocabulary: themes, regions, policy areas.
    for facet in (f for f in library_facets() if f.vocabulary):
        chosen = [i for i in items if i.kind in facet.kinds]
        terms = hub.terms(facet.vocabulary)
        long_quiet, quiet = quiet_terms(latest_by_term(terms, chosen, facet.values, today), today)
        cases_only = facet.kinds == (CASE_STUDY,)
        groups.append(QuietGroup(facet.plural, cases_only, _rows(long_quiet, me), _rows(quiet, me)))
    return Coverage(
        today,
        RECENT,
        LATELY,
        months_before(today, RECENT),
        months_before(today, LATELY),
        tuple(groups),
    )
