"""Small stacked bar charts drawn at build time: inline SVG, no JavaScript.

Each chart is a `<figure>` holding an SVG image with a title and a text
summary, a visible caption, a legend and a table of the same numbers, so the
figures are there for screen readers, for copying and for anyone who cannot
tell the colours apart. Colours come from CSS classes (overrides/assets/charts.css)
keyed on a data attribute, never from inline styles, so a strict
Content-Security-Policy (`style-src 'self'`) holds. Every rectangle carries its
series, period and value as data attributes: what is drawn can be checked.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from html import escape

YEAR = "year"
QUARTER = "quarter"
MAX_QUARTERS = 16  # a span longer than this is shown by quarter only when it is dense
DENSE = 1.5  # mean items per quarter above which a long span still reads well by quarter
MAX_BARS = 60

PLOT_HEIGHT = 180
TOP, BOTTOM, LEFT, RIGHT = 28, 44, 40, 12
PLOT_WIDTH = 560
MIN_SLOT, MAX_SLOT = 9, 48


@dataclass(frozen=True)
class Series:
    id: str  # the value of the chart's data attribute, e.g. a theme id
    label: str


@dataclass(frozen=True)
class BarChart:
    """Counts per period and series, oldest period first."""

    id: str  # unique on its page; prefixes the ids inside the figure
    caption: str
    attr: str  # names the series on each bar: data-<attr>="<series id>"
    series: tuple[Series, ...]
    periods: tuple[tuple[int, int], ...]  # (year, quarter); quarter 0 for a whole year
    values: tuple[tuple[int, ...], ...]  # values[period][series]
    items: tuple[int, ...]  # distinct items per period
    series_name: str = "series"  # what one series is, e.g. theme: for the text summary
    note: str = ""  # shown under the caption, e.g. how items with two themes count

    @property
    def exclusive(self) -> bool:
        """Whether each item falls in one series only, so a stack's height is its item count."""
        return all(sum(row) == n for row, n in zip(self.values, self.items, strict=True))

    @property
    def period_name(self) -> str:
        return "Quarter" if self.periods and self.periods[0][1] else "Year"


def label(period: tuple[int, int]) -> str:
    year, quarter = period
    return f"{year} Q{quarter}" if quarter else str(year)


def period_of(day: dt.date, granularity: str) -> tuple[int, int]:
    return (day.year, (day.month - 1) // 3 + 1) if granularity == QUARTER else (day.year, 0)


def period_range(first: dt.date, last: dt.date, granularity: str) -> tuple[tuple[int, int], ...]:
    """Every period from the one holding `first` to the one holding `last`, empty ones included."""
    if granularity == YEAR:
        return tuple((y, 0) for y in range(first.year, last.year + 1))
    start = first.year * 4 + (first.month - 1) // 3
    end = last.year * 4 + (last.month - 1) // 3
    return tuple((n // 4, n % 4 + 1) for n in range(start, end + 1))


def choose_granularity(dates: list[dt.date]) -> str:
    """Quarters for a short or busy span; whole years when quarters would be thin and many."""
    if not dates:
        return YEAR
    quarters = len(period_range(min(dates), max(dates), QUARTER))
    if quarters <= MAX_QUARTERS:
        return QUARTER
    return QUARTER if quarters <= MAX_BARS and len(dates) / quarters >= DENSE else YEAR


def describe(chart: BarChart, noun: str = "items") -> str:
    """A text summary of the chart, for its SVG description and for the caption's readers."""
    if not chart.periods:
        return f"No dated {noun} yet."
    first, last = label(chart.periods[0]), label(chart.periods[-1])
    total = sum(chart.items)
    peak = max(chart.items)
    peaks = [label(p) for p, n in zip(chart.periods, chart.items, strict=True) if n == peak]
    per_series = ", ".join(
        f"{s.label} {sum(row[i] for row in chart.values)}" for i, s in enumerate(chart.series)
    )
    empty = sum(1 for n in chart.items if n == 0)
    unit = chart.period_name.lower()
    text = [
        f"From {first} to {last}, {total} {noun}: {per_series}"
        + ("." if chart.exclusive else f", counting an item once under each {chart.series_name} it has."),
        f"Most in {_and(peaks)}: {peak}.",
    ]
    if empty:
        text.append(f"No {noun} in {empty} of {len(chart.periods)} {unit}s.")
    return " ".join(text)


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def figure(chart: BarChart, noun: str = "items") -> str:
    """The whole figure: caption, SVG, legend and the equivalent table."""
    cid = escape(chart.id)
    note = f'<p class="hub-chart__note">{escape(chart.note)}</p>' if chart.note else ""
    return (
        f'<figure class="hub-chart" id="{cid}">'
        f'<figcaption class="hub-chart__caption">{escape(chart.caption)}</figcaption>{note}'
        f"{svg(chart, noun)}{legend(chart)}"
        f'<details class="hub-chart__data"><summary>The numbers in this chart</summary>'
        f"{table(chart)}</details></figure>"
    )


def legend(chart: BarChart) -> str:
    attr = escape(chart.attr)
    keys = "".join(
        f'<li><svg class="hub-swatch" width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" '
        f'focusable="false"><rect class="hub-bar" data-{attr}="{escape(s.id)}" width="14" height="14"/>'
        f"</svg>{escape(s.label)}</li>"
        for s in chart.series
    )
    return f'<ul class="hub-legend" aria-label="Key">{keys}</ul>'


def table(chart: BarChart) -> str:
    """The chart's numbers: one row per period, one column per series, then the item count."""
    head = "".join(f'<th scope="col">{escape(s.label)}</th>' for s in chart.series)
    rows = "".join(
        f'<tr><th scope="row">{label(p)}</th>' + "".join(f"<td>{v}</td>" for v in row) + f"<td>{n}</td></tr>"
        for p, row, n in zip(chart.periods, chart.values, chart.items, strict=True)
    )
    return (
        f'<table data-chart="{escape(chart.id)}">'
        f"<caption>{escape(chart.caption)}</caption>"
        f'<thead><tr><th scope="col">{chart.period_name}</th>{head}<th scope="col">Items</th></tr>'
        f"</thead><tbody>{rows}</tbody></table>"
    )


def svg(chart: BarChart, noun: str = "items") -> str:
    cid = escape(chart.id)
    n = max(1, len(chart.periods))
    slot = min(MAX_SLOT, max(MIN_SLOT, PLOT_WIDTH / n))
    width = LEFT + slot * n + RIGHT
    height = TOP + PLOT_HEIGHT + BOTTOM
    top_value, step = scale(max((sum(r) for r in chart.values), default=0))
    unit = PLOT_HEIGHT / top_value
    parts = [
        f'<svg class="hub-chart__svg" role="img" aria-labelledby="{cid}-title" '
        f'aria-describedby="{cid}-desc" width="{_n(width)}" height="{height}" '
        f'viewBox="0 0 {_n(width)} {height}" data-unit="{_n(unit)}" data-base="{TOP + PLOT_HEIGHT}">',
        f'<title id="{cid}-title">{escape(chart.caption)}</title>',
        f'<desc id="{cid}-desc">{escape(describe(chart, noun))}</desc>',
        _y_axis(top_value, step, unit, width),
        _bars(chart, slot, unit),
        _x_axis(chart, slot),
        "</svg>",
    ]
    return "".join(parts)


def scale(biggest: int) -> tuple[int, int]:
    """The top of the y axis and the step between its labels: at most five steps of 1, 2 or 5 x 10^k."""
    biggest = max(1, biggest)
    step = 1
    while math.ceil(biggest / step) > 5:
        step = next(s for s in _steps() if s > step)
    return math.ceil(biggest / step) * step, step


def _steps():
    k = 1
    while True:
        yield from (k, 2 * k, 5 * k)
        k *= 10


def _y_axis(top_value: int, step: int, unit: float, width: float) -> str:
    base = TOP + PLOT_HEIGHT
    out = [
        '<g class="hub-chart__axis" fill="currentColor" font-size="12">',
        f'<text x="{LEFT - 6}" y="{TOP - 12}" text-anchor="end">Items</text>',
    ]
    for value in range(0, top_value + 1, step):
        y = base - value * unit
        out.append(
            f'<line x1="{LEFT}" x2="{_n(width - RIGHT)}" y1="{_n(y)}" y2="{_n(y)}" '
            f'stroke="currentColor" stroke-opacity="{0.6 if value == 0 else 0.15}"/>'
        )
        out.append(f'<text x="{LEFT - 6}" y="{_n(y + 4)}" text-anchor="end">{value}</text>')
    out.append("</g>")
    return "".join(out)


def _bars(chart: BarChart, slot: float, unit: float) -> str:
    base = TOP + PLOT_HEIGHT
    width = slot * 0.72
    attr = escape(chart.attr)
    out = ['<g class="hub-chart__bars">']
    for i, (period, row) in enumerate(zip(chart.periods, chart.values, strict=True)):
        x = LEFT + i * slot + (slot - width) / 2
        stacked = 0
        for s, value in zip(chart.series, row, strict=True):
            if not value:
                continue
            y = base - (stacked + value) * unit
            out.append(
                f'<rect class="hub-bar" data-{attr}="{escape(s.id)}" data-period="{label(period)}" '
                f'data-value="{value}" x="{_n(x)}" y="{_n(y)}" width="{_n(width)}" '
                f'height="{_n(value * unit)}"><title>{label(period)}, {escape(s.label)}: {value}'
                f"</title></rect>"
            )
            stacked += value
        if chart.exclusive and stacked and slot >= 18:
            top = _n(base - stacked * unit - 4)
            out.append(
                f'<text class="hub-chart__total" x="{_n(x + width / 2)}" y="{top}" '
                f'text-anchor="middle" font-size="11" fill="currentColor">{stacked}</text>'
            )
    out.append("</g>")
    return "".join(out)


def _x_axis(chart: BarChart, slot: float) -> str:
    """Period labels: every year (thinned if narrow); for quarters, Q1-Q4 and the year at each Q1."""
    base = TOP + PLOT_HEIGHT
    every = max(1, math.ceil(34 / slot))
    out = ['<g class="hub-chart__axis" fill="currentColor" font-size="12" text-anchor="middle">']
    for i, (year, quarter) in enumerate(chart.periods):
        mid = _n(LEFT + i * slot + slot / 2)
        if not quarter:
            if i % every == 0:
                out.append(f'<text x="{mid}" y="{base + 18}">{year}</text>')
            continue
        if slot >= 22:
            out.append(f'<text x="{mid}" y="{base + 16}">Q{quarter}</text>')
        if quarter == 1 or i == 0:
            out.append(f'<text x="{mid}" y="{base + 34}">{year}</text>')
    out.append("</g>")
    return "".join(out)


def _n(x: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros."""
    text = f"{x:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text
