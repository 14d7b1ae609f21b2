"""Gaps in coverage: the themes, regions and policy areas with nothing new lately.

A term is quiet when its newest item is older than the window: the last 6 and
the last 12 calendar months before "today", which the build passes in. Themes
count every item; regions and policy areas count case studies, the only items
that have them.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from . import html as h
from .catalogue import Item
from .config import HubConfig
from .schema import CASE_STUDY

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


def coverage(items: tuple[Item, ...], hub: HubConfig, today: dt.date, me: str) -> str:
    """The coverage section: for each kind of term, the long-quiet and the recently quiet."""
    cases = [i for i in items if i.kind == CASE_STUDY and i.case]
    groups = (
        (
            "Themes",
            "Blog posts, case studies and guidance updates.",
            hub.taxonomy.themes,
            list(items),
            lambda i: i.theme_ids,
        ),
        ("Regions", "Case studies only.", hub.regions, cases, lambda i: (i.case.region,)),
        ("Policy areas", "Case studies only.", hub.policy_areas, cases, lambda i: i.case.policy_areas),
    )
    lately, recent = months_before(today, LATELY), months_before(today, RECENT)
    intro = (
        f"<p>Counting items dated on or before {h.long_date(today)}: the last 6 months run from "
        f"{h.long_date(recent)}, the last 12 months from {h.long_date(lately)}.</p>"
    )
    out = [intro]
    for title, scope, terms, chosen, values_of in groups:
        long_quiet, quiet = quiet_terms(latest_by_term(terms, chosen, values_of, today), today)
        out.append(
            f'<h3>{title}</h3><p class="hub-count">{scope}</p>'
            f'<p class="hub-quiet__label"><strong>Nothing new in the last 12 months</strong> '
            f"(nothing since {h.long_date(lately)}):</p>"
            + _quiet_list(long_quiet, me)
            + '<p class="hub-quiet__label"><strong>Nothing new in the last 6 months</strong>, but '
            f"something in the 6 months before (nothing since {h.long_date(recent)}):</p>"
            + _quiet_list(quiet, me)
        )
    return "".join(out)


def _quiet_list(rows: list[Quiet], me: str) -> str:
    if not rows:
        return '<p class="hub-empty">None.</p>'
    lis = []
    for r in rows:
        if r.latest is None:
            lis.append(f"<li>{escape(r.label)}: nothing published yet</li>")
            continue
        lis.append(
            f"<li>{escape(r.label)}: latest {h.time_tag(r.latest.date)}, "
            f'<a href="{h.rel(me, r.latest.url)}">{escape(r.latest.title)}</a></li>'
        )
    return f'<ul class="hub-quiet">{"".join(lis)}</ul>'
