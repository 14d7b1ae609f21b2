"""Small stacked bar charts drawn at build time: inline SVG, no JavaScript.

Each chart is a `<figure>` holding an SVG image with a title and a text
summary, a visible caption, a legend and a table of the same numbers, so the
figures are there for screen readers, for copying and for anyone who cannot
tell the colours apart. The geometry is computed here (`geometry`: every
coordinate as text with at most two decimals) and `chart.html` draws it.
Colours come from CSS classes (overrides/assets/charts.css) keyed on a data
attribute, never from inline styles, so a strict Content-Security-Policy
(`style-src 'self'`) holds. Every rectangle carries its series, period and
value as data attributes: what is drawn can be checked.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from .fragments import Drawing

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


@dataclass(frozen=True)
class Summary:
    """What the chart shows, in numbers, for its text description (drawn by chart.html)."""

    noun: str  # what is counted, e.g. items
    first: str  # the first period's label, or empty when there is nothing to show
    last: str
    total: int
    per_series: tuple[tuple[str, int], ...]  # (series label, its total)
    exclusive: bool
    series_name: str
    peaks: tuple[str, ...]  # the periods with the most items
    peak: int
    empty: int  # periods with nothing in them
    periods: int
    unit: str  # quarter or year


@dataclass(frozen=True)
class Tick:
    value: int
    y: str  # where its grid line runs
    text_y: str  # where its label sits


@dataclass(frozen=True)
class Bar:
    series: str  # the series id, for the bar's colour
    label: str  # the series label
    period: str
    value: int
    x: str
    y: str
    width: str
    height: str


@dataclass(frozen=True)
class Total:
    value: int
    x: str
    y: str


@dataclass(frozen=True)
class Column:
    """One period's stacked bars, bottom first, and its total when there is room for it."""

    bars: tuple[Bar, ...]
    total: Total | None


@dataclass(frozen=True)
class AxisText:
    text: str
    x: str
    y: str


@dataclass(frozen=True)
class Row:
    period: str
    values: tuple[int, ...]  # per series
    items: int


@dataclass(frozen=True)
class Figure:
    """A chart with its geometry computed: everything chart.html draws, as numbers and text."""

    id: str
    caption: str
    note: str
    attr: str
    series: tuple[Series, ...]
    period_name: str
    summary: Summary
    width: str
    height: str
    unit: str  # pixels per item, for checking what is drawn
    base: str  # the y of the axis line
    left: str  # where the plot starts and ends
    right: str
    label_x: str  # the right edge of the y axis labels
    title_y: str  # the y axis title's baseline
    ticks: tuple[Tick, ...]
    columns: tuple[Column, ...]
    x_labels: tuple[AxisText, ...]
    rows: tuple[Row, ...]


def summary(chart: BarChart, noun: str = "items") -> Summary:
    if not chart.periods:
        return Summary(noun, "", "", 0, (), chart.exclusive, chart.series_name, (), 0, 0, 0, "")
    peak = max(chart.items)
    return Summary(
        noun,
        label(chart.periods[0]),
        label(chart.periods[-1]),
        sum(chart.items),
        tuple((s.label, sum(row[i] for row in chart.values)) for i, s in enumerate(chart.series)),
        chart.exclusive,
        chart.series_name,
        tuple(label(p) for p, n in zip(chart.periods, chart.items, strict=True) if n == peak),
        peak,
        sum(1 for n in chart.items if n == 0),
        len(chart.periods),
        chart.period_name.lower(),
    )


def geometry(chart: BarChart, noun: str = "items") -> Figure:
    """Where every bar, grid line and label of the chart goes."""
    n = max(1, len(chart.periods))
    slot = min(MAX_SLOT, max(MIN_SLOT, PLOT_WIDTH / n))
    width = LEFT + slot * n + RIGHT
    top_value, step = scale(max((sum(r) for r in chart.values), default=0))
    unit = PLOT_HEIGHT / top_value
    base = TOP + PLOT_HEIGHT
    ticks = tuple(
        Tick(value, _n(base - value * unit), _n(base - value * unit + 4))
        for value in range(0, top_value + 1, step)
    )
    return Figure(
        chart.id,
        chart.caption,
        chart.note,
        chart.attr,
        chart.series,
        chart.period_name,
        summary(chart, noun),
        _n(width),
        str(TOP + PLOT_HEIGHT + BOTTOM),
        _n(unit),
        str(base),
        str(LEFT),
        _n(width - RIGHT),
        str(LEFT - 6),
        str(TOP - 12),
        ticks,
        _columns(chart, slot, unit),
        _x_labels(chart, slot),
        tuple(
            Row(label(p), row, items)
            for p, row, items in zip(chart.periods, chart.values, chart.items, strict=True)
        ),
    )


def figure(draw: Drawing, chart: BarChart, noun: str = "items") -> str:
    """The whole figure (chart.html): caption, SVG, legend and the equivalent table."""
    return draw("chart.html", chart=geometry(chart, noun))


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


def _columns(chart: BarChart, slot: float, unit: float) -> tuple[Column, ...]:
    base = TOP + PLOT_HEIGHT
    width = slot * 0.72
    out = []
    for i, (period, row) in enumerate(zip(chart.periods, chart.values, strict=True)):
        x = LEFT + i * slot + (slot - width) / 2
        stacked = 0
        bars = []
        for s, value in zip(chart.series, row, strict=True):
            if not value:
                continue
            y = base - (stacked + value) * unit
            bars.append(Bar(s.id, s.label, label(period), value, _n(x), _n(y), _n(width), _n(value * unit)))
            stacked += value
        total = None
        if chart.exclusive and stacked and slot >= 18:  # a total fits above a bar this wide
            total = Total(stacked, _n(x + width / 2), _n(base - stacked * unit - 4))
        out.append(Column(tuple(bars), total))
    return tuple(out)


def _x_labels(chart: BarChart, slot: float) -> tuple[AxisText, ...]:
    """Period labels: every year (thinned if narrow); for quarters, Q1-Q4 and the year at each Q1."""
    base = TOP + PLOT_HEIGHT
    every = max(1, math.ceil(34 / slot))
    out = []
    for i, (year, quarter) in enumerate(chart.periods):
        mid = _n(LEFT + i * slot + slot / 2)
        if not quarter:
            if i % every == 0:
                out.append(AxisText(str(year), mid, str(base + 18)))
            continue
        if slot >= 22:
            out.append(AxisText(f"Q{quarter}", mid, str(base + 16)))
        if quarter == 1 or i == 0:
            out.append(AxisText(str(year), mid, str(base + 34)))
    return tuple(out)


def _n(x: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros."""
    text = f"{x:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text
