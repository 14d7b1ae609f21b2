"""The insights page (/insights/): what the hub has published, and where it is thin.

For the dissemination team: items over time by theme and by type, the themes,
regions and policy areas with nothing new lately, the items whose themes were
inferred (with the signals that decided them, so an editor can confirm them),
who writes and which organisations the case studies come from, and the open
data files. Everything is counted from the items the build publishes; "today"
is passed in, so the page is the same on every rebuild of the same day.
`insights.html` lays the page out; each section has its own fragment.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .charts import BarChart, Series, choose_granularity, figure, period_of, period_range
from .coverage import coverage
from .fragments import Drawing
from .listing import Listing, rel, url_of
from .schema import CASE_STUDY, POST
from .themes import INFERRED

if TYPE_CHECKING:
    from .catalogue import Item
    from .config import HubConfig

SRC_URI = "insights.md"
EVIDENCE_SHOWN = 8
DESCRIPTION = "What the hub has published, by theme, type, region and policy area, and where it is thin."


@dataclass(frozen=True)
class InferredTheme:
    id: str
    label: str
    evidence: tuple[tuple[str, int], ...]  # (signal, times found), strongest first, cut to EVIDENCE_SHOWN
    more: int  # signals left out


@dataclass(frozen=True)
class ToConfirm:
    """An item whose themes were all inferred, or (with no themes) none could be."""

    title: str
    href: str
    kind: str
    path: str
    themes: tuple[InferredTheme, ...]


@dataclass(frozen=True)
class CountRow:
    name: str
    count: int
    latest: dt.date | None


@dataclass(frozen=True)
class CountTable:
    key: str  # the table's data-hub attribute
    caption: str
    columns: tuple[str, str, str]  # who, how many, the latest
    rows: tuple[CountRow, ...]
    note: str


def insights_listing(
    items: tuple[Item, ...], hub: HubConfig, today: dt.date, draw: Drawing, open_data_url: str | None = None
) -> Listing:
    """The insights page, as a generated listing at /insights/.

    `open_data_url` is the site-relative address of the page explaining the
    catalogue files (about/open-data/ on the real site); None leaves the link out,
    for sites that do not have that page.
    """
    me = url_of(SRC_URI)
    inferred, untagged = to_confirm(items, hub, me)
    body = draw(
        "insights.html",
        total=len(items),
        today=today,
        over_time=over_time(items, hub, draw),
        coverage=draw("coverage.html", coverage=coverage(items, hub, today, me)),
        to_confirm=draw("to-confirm.html", inferred=inferred, untagged=untagged, shown=EVIDENCE_SHOWN),
        contributors="".join(draw("count-table.html", table=t) for t in contributors(items, hub)),
        open_data=draw(
            "open-data.html",
            json_href=rel(me, "catalogue.json"),
            csv_href=rel(me, "catalogue.csv"),
            about_href=rel(me, open_data_url) if open_data_url else "",
        ),
    )
    return Listing(SRC_URI, "Insights", DESCRIPTION, body, ("all",))


# Items over time


def over_time(items: tuple[Item, ...], hub: HubConfig, draw: Drawing) -> str:
    """The two charts, over the dated items."""
    dated = [i for i in items if i.date]
    return draw(
        "over-time.html",
        undated=len(items) - len(dated),
        charts=[figure(draw, theme_chart(dated, hub)), figure(draw, kind_chart(dated, hub))],
    )


def theme_chart(dated: list[Item], hub: HubConfig) -> BarChart:
    series = tuple(Series(t.id, t.label) for t in hub.taxonomy.themes)
    return _tally(
        "hub-chart-themes",
        "Items by theme",
        "theme",
        "theme",
        series,
        dated,
        lambda i: i.theme_ids,
        note="An item with more than one theme counts once under each, so a bar can be "
        "taller than the number of items.",
    )


def kind_chart(dated: list[Item], hub: HubConfig) -> BarChart:
    series = tuple(Series(c.kind, c.label) for c in hub.collections)
    return _tally("hub-chart-types", "Items by type", "kind", "type", series, dated, lambda i: (i.kind,))


def _tally(
    cid: str,
    title: str,
    attr: str,
    name: str,
    series: tuple[Series, ...],
    dated: list[Item],
    keys: Callable[[Item], tuple[str, ...]],
    note: str = "",
) -> BarChart:
    """Counts per period and series, over every period from the oldest item to the newest."""
    dates = [i.date for i in dated]
    grain = choose_granularity(dates)
    periods = period_range(min(dates), max(dates), grain) if dates else ()
    per_item = Counter(period_of(d, grain) for d in dates)
    per_key = Counter((period_of(i.date, grain), k) for i in dated for k in set(keys(i)))
    values = tuple(tuple(per_key[(p, s.id)] for s in series) for p in periods)
    span = f", {periods[0][0]} to {periods[-1][0]}" if periods else ""
    caption = f"{title} per {'quarter' if grain == 'quarter' else 'year'}{span}"
    return BarChart(
        cid, caption, attr, series, periods, values, tuple(per_item[p] for p in periods), name, note
    )


# Themes to confirm


def inferred_only(items: tuple[Item, ...]) -> list[Item]:
    """Items whose every theme was inferred from the text (none given in front matter)."""
    chosen = [i for i in items if i.themes and all(d.source == INFERRED for d in i.themes)]
    return sorted(chosen, key=lambda i: i.sort_key)


def to_confirm(
    items: tuple[Item, ...], hub: HubConfig, me: str
) -> tuple[tuple[ToConfirm, ...], tuple[ToConfirm, ...]]:
    """Items with inferred themes and the signals behind them; items with no theme at all."""
    untagged = sorted((i for i in items if not i.themes), key=lambda i: i.sort_key)
    return (
        tuple(_to_confirm(i, hub, me) for i in inferred_only(items)),
        tuple(_to_confirm(i, hub, me) for i in untagged),
    )


def _to_confirm(item: Item, hub: HubConfig, me: str) -> ToConfirm:
    themes = tuple(
        InferredTheme(
            d.theme,
            hub.label("themes", d.theme),
            tuple((e.signal, e.count) for e in d.evidence[:EVIDENCE_SHOWN]),
            max(0, len(d.evidence) - EVIDENCE_SHOWN),
        )
        for d in item.themes
    )
    return ToConfirm(item.title, rel(me, item.url), hub.collection(item.kind).singular, item.path, themes)


# Authors and organisations


def author_counts(items: tuple[Item, ...], hub: HubConfig) -> list[tuple[str, int, dt.date | None]]:
    """Each author (configured or named on a post) with their posts and latest post date."""
    posts = [i for i in items if i.kind == POST]
    names = {a.id: a.label for a in hub.authors}
    for post in posts:
        for a in post.authors:
            names.setdefault(a, a)
    rows = []
    for author_id, name in names.items():
        mine = [p for p in posts if author_id in p.authors]
        rows.append((name, len(mine), max((p.date for p in mine if p.date), default=None)))
    return sorted(rows, key=lambda r: (-r[1], r[0].casefold(), r[0]))


def organisation_counts(items: tuple[Item, ...]) -> list[tuple[str, int, dt.date | None]]:
    """Each organisation named on a case study, with its case studies and the latest one's date."""
    cases = [i for i in items if i.kind == CASE_STUDY and i.case]
    counts = Counter(o for c in cases for o in dict.fromkeys(c.case.organisations))
    rows = []
    for org, n in counts.items():
        latest = max((c.date for c in cases if org in c.case.organisations and c.date), default=None)
        rows.append((org, n, latest))
    return sorted(rows, key=lambda r: (-r[1], r[0].casefold(), r[0]))


def contributors(items: tuple[Item, ...], hub: HubConfig) -> tuple[CountTable, ...]:
    """Blog posts per author and case studies per organisation."""
    return (
        CountTable(
            "authors",
            "Blog posts by author",
            ("Author", "Blog posts", "Latest post"),
            tuple(CountRow(*row) for row in author_counts(items, hub)),
            "A post with two authors counts once for each.",
        ),
        CountTable(
            "organisations",
            "Case studies by organisation",
            ("Organisation", "Case studies", "Latest"),
            tuple(CountRow(*row) for row in organisation_counts(items)),
            "As named in each case study's organisations; partners are not counted.",
        ),
    )
