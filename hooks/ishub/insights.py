"""The insights page (/insights/): what the hub has published, and where it is thin.

For the dissemination team: items over time by theme and by type, the themes,
regions and policy areas with nothing new lately, the items whose themes were
inferred (with the signals that decided them, so an editor can confirm them),
who writes and which organisations the case studies come from, and the open
data files. Everything is counted from the items the build publishes; "today"
is passed in, so the page is the same on every rebuild of the same day.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from html import escape

from . import html as h
from .catalogue import Item
from .charts import BarChart, Series, choose_granularity, figure, period_of, period_range
from .config import HubConfig
from .coverage import coverage
from .pages import Listing, url_of
from .schema import CASE_STUDY, POST
from .themes import INFERRED

SRC_URI = "insights.md"
EVIDENCE_SHOWN = 8
DESCRIPTION = "What the hub has published, by theme, type, region and policy area, and where it is thin."


def insights_listing(
    items: tuple[Item, ...], hub: HubConfig, today: dt.date, open_data_url: str | None = None
) -> Listing:
    """The insights page, as a generated listing at /insights/.

    `open_data_url` is the site-relative address of the page explaining the
    catalogue files (about/open-data/ on the real site); None leaves the link out,
    for sites that do not have that page.
    """
    me = url_of(SRC_URI)
    sections = (
        ("over-time", "Items over time", over_time(items, hub)),
        ("coverage", "Gaps in coverage", coverage(items, hub, today, me)),
        ("themes-to-confirm", "Themes to confirm", to_confirm(items, hub, me)),
        ("contributors", "Authors and organisations", contributors(items, hub)),
        ("open-data", "Open data", open_data(me, open_data_url)),
    )
    lead = (
        f'<p class="hub-lead">Figures for the dissemination team about the {len(items)} items '
        f"published on the hub, as of {h.time_tag(today)}.</p>"
    )
    contents = "".join(f'<li><a href="#{sid}">{title}</a></li>' for sid, title, _ in sections)
    body = "".join(f'<h2 id="{sid}">{title}</h2>{html}' for sid, title, html in sections)
    return Listing(
        SRC_URI,
        "Insights",
        DESCRIPTION,
        lead + f'<nav aria-label="On this page"><ul>{contents}</ul></nav>' + body,
        ("all",),
    )


# Items over time


def over_time(items: tuple[Item, ...], hub: HubConfig) -> str:
    """The two charts, over the dated items."""
    dated = [i for i in items if i.date]
    undated = len(items) - len(dated)
    pages = "guidance page with no date is" if undated == 1 else "guidance pages with no date are"
    note = f'<p class="hub-count">{undated} {pages} not counted here.</p>' if undated else ""
    intro = (
        "<p>Blog posts and case studies count on the day they were published; guidance counts on "
        "the day it was last updated.</p>"
    )
    return intro + note + figure(theme_chart(dated, hub)) + figure(kind_chart(dated, hub))


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


def to_confirm(items: tuple[Item, ...], hub: HubConfig, me: str) -> str:
    """Items with inferred themes and the signals behind them; items with no theme at all."""
    chosen = inferred_only(items)
    untagged = sorted((i for i in items if not i.themes), key=lambda i: i.sort_key)
    if not chosen:
        out = '<p class="hub-empty">Every item has its themes set in its front matter.</p>'
    else:
        rows = "".join(
            f'<tr><th scope="row"><a href="{h.rel(me, i.url)}">{escape(i.title)}</a><br>'
            f'<span class="hub-count">{escape(hub.collection(i.kind).singular)}, '
            f"<code>{escape(i.path)}</code></span></th><td>{_evidence(i, hub)}</td></tr>"
            for i in chosen
        )
        out = (
            "<p>These items have no <code>themes:</code> in their front matter, so the hub inferred "
            "their themes from the signals shown (signal × times found). To confirm or correct them, "
            "add <code>themes:</code> with the right theme ids to the file named.</p>"
            f'<table data-hub="inferred"><caption>{len(chosen)} '
            f"item{'s' if len(chosen) != 1 else ''} with inferred themes</caption>"
            '<thead><tr><th scope="col">Item</th><th scope="col">Inferred themes and evidence</th>'
            f"</tr></thead><tbody>{rows}</tbody></table>"
        )
    if untagged:
        lis = "".join(
            f'<li><a href="{h.rel(me, i.url)}">{escape(i.title)}</a> (<code>{escape(i.path)}</code>)</li>'
            for i in untagged
        )
        out += (
            "<p>No theme could be inferred for these items; add <code>themes:</code> to each:</p>"
            f"<ul>{lis}</ul>"
        )
    return out


def _evidence(item: Item, hub: HubConfig) -> str:
    parts = []
    for d in item.themes:
        shown = ", ".join(f"{escape(e.signal)} × {e.count}" for e in d.evidence[:EVIDENCE_SHOWN])
        more = len(d.evidence) - EVIDENCE_SHOWN
        extra = f", and {more} more signal{'s' if more != 1 else ''}" if more > 0 else ""
        parts.append(
            f'<li><strong class="hub-inferred__theme" data-theme="{escape(d.theme)}">'
            f"{escape(hub.label('themes', d.theme))}</strong>: {shown}{extra}</li>"
        )
    return f'<ul class="hub-evidence">{"".join(parts)}</ul>'


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


def contributors(items: tuple[Item, ...], hub: HubConfig) -> str:
    """Blog posts per author and case studies per organisation."""
    return _count_table(
        "Blog posts by author",
        "Author",
        "Blog posts",
        "Latest post",
        author_counts(items, hub),
        "authors",
        "A post with two authors counts once for each.",
    ) + _count_table(
        "Case studies by organisation",
        "Organisation",
        "Case studies",
        "Latest",
        organisation_counts(items),
        "organisations",
        "As named in each case study's organisations; partners are not counted.",
    )


def _count_table(caption: str, who: str, what: str, latest: str, rows, key: str, note: str) -> str:
    if not rows:
        return f'<p class="hub-empty">{escape(caption)}: none yet.</p>'
    body = "".join(
        f'<tr><th scope="row">{escape(name)}</th><td>{n}</td>'
        f"<td>{h.time_tag(day) if day else 'none yet'}</td></tr>"
        for name, n, day in rows
    )
    return (
        f'<table data-hub="{key}"><caption>{escape(caption)}</caption>'
        f'<thead><tr><th scope="col">{who}</th><th scope="col">{what}</th><th scope="col">{latest}</th>'
        f'</tr></thead><tbody>{body}</tbody></table><p class="hub-count">{escape(note)}</p>'
    )


# Open data


def open_data(me: str, open_data_url: str | None) -> str:
    """Links to the catalogue files at the site root, and to the page that explains them."""
    about = (
        f' <a href="{h.rel(me, open_data_url)}">What the files contain and how you may use them</a>.'
        if open_data_url
        else ""
    )
    return (
        "<p>The catalogue of every published item is open data under the Open Government Licence "
        f"v3.0.{about}</p><ul>"
        f'<li><a href="{h.rel(me, "catalogue.json")}" type="application/json">catalogue.json</a>: '
        "every item with all its fields, as JSON</li>"
        f'<li><a href="{h.rel(me, "catalogue.csv")}" type="text/csv">catalogue.csv</a>: '
        "one row per item, for spreadsheets</li></ul>"
    )
