"""The insights page, its charts and the open data files, from items built in the test.

Every number the page or the files show is checked against a count made here,
independently of the code under test.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import random
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest
from ishub.catalogue import CaseInfo, Change, Item
from ishub.charts import QUARTER, YEAR, BarChart, Series, choose_granularity, figure, geometry, summary
from ishub.config import Term, load_hub_config, read_mkdocs_yml
from ishub.fragments import Drawing, make_env
from ishub.insights import insights_listing
from ishub.opendata import CSV_COLUMNS, catalogue_csv, catalogue_json
from ishub.themes import Evidence, ThemeDecision
from markupsafe import escape

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "schemas" / "catalogue.schema.json").read_text(encoding="utf-8"))
TODAY = dt.date(2026, 11, 26)
HOSTILE = '<script>alert("x")</script> & "R&D" \'quoted\''


@pytest.fixture(scope="module")
def hub():
    config, problems = load_hub_config(ROOT, read_mkdocs_yml(ROOT / "mkdocs.yml"))
    assert config is not None, problems
    return config


def draw() -> Drawing:
    return Drawing(make_env([ROOT / "overrides"]))


def insights(items, hub, open_data_url=None):
    return insights_listing(items, hub, TODAY, draw(), open_data_url)


def theme_ids(hub) -> tuple[str, ...]:
    return hub.taxonomy.ids()


def make(
    kind: str,
    slug: str,
    day: dt.date | None,
    themes=(),
    source="explicit",
    evidence=(),
    case: CaseInfo | None = None,
    authors=(),
    title: str = "",
    updated: dt.date | None = None,
) -> Item:
    folder = {"post": "blog", "case-study": "case-studies", "guidance": "guidance"}[kind]
    decisions = tuple(ThemeDecision(t, source, 1.0, tuple(evidence)) for t in themes)
    return Item(
        kind,
        slug,
        f"{folder}/{slug}.md",
        f"{folder}/{slug}.md",
        f"{folder}/{slug}/",
        title or f"Title of {slug}",
        f"Summary of {slug}.",
        day,
        updated,
        tuple(authors),
        decisions,
        case=case,
    )


def case(region: str, areas=("mental-health",), orgs=("Harrowfield City Council",)) -> CaseInfo:
    return CaseInfo(
        tuple(orgs), "Harrowfield", region, tuple(areas), ("Harrowfield Police",), ("Faster referrals",)
    )


def sample(hub) -> tuple[Item, ...]:
    """Items over several years, every type, one or two themes each, some inferred."""
    t = theme_ids(hub)
    author = hub.authors[0].id
    items = [
        make("post", "first", dt.date(2019, 2, 1), (t[0],), authors=(author,)),
        make("post", "second", dt.date(2019, 11, 30), (t[0], t[1]), authors=(author,)),
        make("case-study", "north", dt.date(2021, 5, 5), (t[2],), case=case("north-east")),
        make(
            "post",
            "third",
            dt.date(2023, 1, 1),
            (t[1],),
            "inferred",
            (Evidence("lawful basis", 4), Evidence("consent", 2)),
            authors=(author,),
        ),
        dataclasses.replace(
            make("guidance", "rules", dt.date(2026, 3, 1), (t[1], t[2]), updated=dt.date(2026, 6, 2)),
            changes=(
                Change(dt.date(2026, 6, 2), "Added the section on emergencies"),
                Change(dt.date(2026, 4, 9), "Corrected the retention periods"),
            ),
        ),
        make("case-study", "west", dt.date(2026, 10, 1), (t[0],), case=case("wales", ("domestic-abuse",))),
        make("guidance", "undated", None, (t[2],)),
    ]
    return tuple(sorted(items, key=lambda i: i.sort_key))


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text of each table."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.tables: dict[str, list[list[str]]] = {}
        self._table: str | None = None
        self._cell: list[str] | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "table":
            self._table = attrs.get("data-chart") or attrs.get("data-hub")
            self.tables[self._table] = []
        elif tag == "tr" and self._table:
            self.tables[self._table].append([])
        elif tag in ("td", "th") and self._table:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.tables[self._table][-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)

    def find(self, tag: str, **wanted) -> list[dict]:
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in wanted.items())]


def chart_html(html: str, chart_id: str) -> str:
    start = html.index(f'<figure class="hub-chart" id="{chart_id}">')
    return html[start : html.index("</figure>", start)]


def section(html: str, sid: str) -> str:
    start = html.index(f'<h2 id="{sid}">')
    end = html.find("<h2 ", start + 1)
    return html[start : end if end > 0 else len(html)]


# Charts


@pytest.mark.parametrize(
    ("chart_id", "attr", "keys"),
    [
        ("hub-chart-themes", "data-theme", lambda i: i.theme_ids),
        ("hub-chart-types", "data-kind", lambda i: (i.kind,)),
    ],
)
def test_chart_bars_and_table_match_independent_counts(hub, chart_id, attr, keys):
    items = sample(hub)
    if attr == "data-theme":
        ids = {t.label: t.id for t in hub.taxonomy.themes}
    else:
        ids = {c.label: c.kind for c in hub.collections}
    expected = Counter((str(i.date.year), k) for i in items if i.date for k in keys(i))
    per_year = Counter(str(i.date.year) for i in items if i.date)
    html = chart_html(insights(items, hub).html, chart_id)
    tags = Tags(html)
    svg = tags.find("svg", role="img")[0]
    unit, base = float(svg["data-unit"]), float(svg["data-base"])
    drawn = Counter()
    for rect in tags.find("rect", **{"class": "hub-bar"}):
        if "data-period" not in rect:
            continue  # a legend swatch
        value = int(rect["data-value"])
        drawn[(rect["data-period"], rect[attr])] += value
        assert float(rect["height"]) == pytest.approx(value * unit, abs=0.01)
        assert float(rect["y"]) + float(rect["height"]) <= base + 0.01
    assert drawn == expected
    rows = tags.tables[chart_id]
    header, body = rows[0], rows[1:]
    assert [r[0] for r in body] == [str(y) for y in range(2019, 2027)]
    for row in body:
        for column, cell in zip(header[1:-1], row[1:-1], strict=True):
            assert int(cell) == expected[(row[0], ids[column])], (row[0], column)
        assert int(row[-1]) == per_year[row[0]]


def test_stacked_bars_sit_on_each_other(hub):
    html = chart_html(insights(sample(hub), hub).html, "hub-chart-themes")
    tags = Tags(html)
    base = float(tags.find("svg", role="img")[0]["data-base"])
    bars = [r for r in tags.find("rect", **{"class": "hub-bar"}) if "data-period" in r]
    by_period: dict[str, list[dict]] = {}
    for rect in bars:
        by_period.setdefault(rect["data-period"], []).append(rect)
    for rects in by_period.values():
        bottom = base
        for rect in rects:
            assert float(rect["y"]) + float(rect["height"]) == pytest.approx(bottom, abs=0.02)
            bottom = float(rect["y"])


def test_figure_is_accessible_without_inline_styles(hub):
    html = insights(sample(hub), hub).html
    assert "style=" not in html
    assert "<script" not in html
    for chart_id in ("hub-chart-themes", "hub-chart-types"):
        part = chart_html(html, chart_id)
        tags = Tags(part)
        svg = tags.find("svg", role="img")[0]
        assert svg["aria-labelledby"] == f"{chart_id}-title"
        assert svg["aria-describedby"] == f"{chart_id}-desc"
        assert f'<title id="{chart_id}-title">' in part and f'<desc id="{chart_id}-desc">' in part
        assert '<figcaption class="hub-chart__caption">' in part
        assert "<caption>" in part and '<th scope="col">' in part and '<th scope="row">' in part
        swatches = tags.find("svg", **{"class": "hub-swatch"})
        assert swatches and all(s["aria-hidden"] == "true" for s in swatches)


def test_summary_text_states_the_span_the_total_and_the_peak(hub):
    t = theme_ids(hub)
    items = sample(hub)
    html = chart_html(insights(items, hub).html, "hub-chart-types")
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", html).group(1)
    kinds = Counter(i.kind for i in items if i.date)
    labels = {c.kind: c.label for c in hub.collections}
    assert desc == (
        f"From 2019 to 2026, 6 items: {labels['post']} {kinds['post']}, "
        f"{labels['case-study']} {kinds['case-study']}, {labels['guidance']} {kinds['guidance']}. "
        "Most in 2019 and 2026: 2. No items in 4 of 8 years."
    )
    themes = chart_html(insights(items, hub).html, "hub-chart-themes")
    per_theme = Counter(k for i in items if i.date for k in i.theme_ids)
    listed = ", ".join(f"{th.label} {per_theme[th.id]}" for th in hub.taxonomy.themes)
    assert f"From 2019 to 2026, 6 items: {listed}, counting an item once under each theme it has." in themes
    assert len(t) == 3


def test_dense_short_spans_are_shown_by_quarter_with_empty_quarters():
    days = [dt.date(2025, 2, 1), dt.date(2025, 2, 9), dt.date(2025, 9, 30), dt.date(2026, 1, 2)]
    assert choose_granularity(days) == QUARTER
    assert choose_granularity([dt.date(2014, 1, 1), dt.date(2026, 12, 31)]) == YEAR
    busy = [dt.date(2014, 1, 1) + dt.timedelta(days=20 * n) for n in range(220)]
    assert choose_granularity(busy) == QUARTER  # about 4.5 items a quarter over 12 years


def test_quarterly_chart_labels_and_counts(hub):
    days = [dt.date(2025, 2, 1), dt.date(2025, 2, 9), dt.date(2025, 9, 30), dt.date(2026, 1, 2)]
    t = theme_ids(hub)
    items = tuple(make("post", f"p{n}", d, (t[n % 3],)) for n, d in enumerate(days))
    html = insights(items, hub).html
    rows = Tags(chart_html(html, "hub-chart-types")).tables["hub-chart-types"]
    assert rows[0][0] == "Quarter"
    assert [(r[0], r[-1]) for r in rows[1:]] == [
        ("2025 Q1", "2"),
        ("2025 Q2", "0"),
        ("2025 Q3", "1"),
        ("2025 Q4", "0"),
        ("2026 Q1", "1"),
    ]
    assert "Items by type per quarter, 2025 to 2026" in html


def test_chart_numbers_are_plain_text_and_labels_escaped():
    chart = BarChart("c", "Caption <&>", "theme", (Series("a", "A <b>"),), ((2024, 0),), ((3,),), (3,))
    html = figure(draw(), chart)
    assert "<b>" not in html and "A &lt;b&gt;" in html and "Caption &lt;&amp;&gt;" in html
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", html).group(1)
    assert desc == "From 2024 to 2024, 3 items: A &lt;b&gt; 3. Most in 2024: 3."
    assert summary(chart).per_series == (("A <b>", 3),) and summary(chart).peaks == ("2024",)


def test_chart_geometry_stacks_bars_on_the_axis_and_totals_exclusive_charts():
    series = (Series("a", "A"), Series("b", "B"))
    chart = BarChart("c", "C", "kind", series, ((2024, 0), (2025, 0)), ((2, 1), (0, 4)), (3, 4))
    fig = geometry(chart)
    assert fig.base == "208" and fig.height == "252"
    unit = float(fig.unit)
    first, second = fig.columns
    assert [(b.series, b.value) for b in first.bars] == [("a", 2), ("b", 1)]
    assert [(b.series, b.value) for b in second.bars] == [("b", 4)]  # nothing drawn for a zero
    bottom = float(fig.base)
    for bar in first.bars:
        assert float(bar.y) + float(bar.height) == pytest.approx(bottom, abs=0.01)
        assert float(bar.height) == pytest.approx(bar.value * unit, abs=0.01)
        bottom = float(bar.y)
    assert (first.total.value, second.total.value) == (3, 4)
    assert [t.value for t in fig.ticks] == [0, 1, 2, 3, 4]
    assert [(x.text, x.y) for x in fig.x_labels] == [("2024", "226"), ("2025", "226")]
    assert fig.rows[1].period == "2025" and fig.rows[1].values == (0, 4) and fig.rows[1].items == 4


def test_an_empty_chart_says_so():
    chart = BarChart("c", "C", "kind", (Series("a", "A"),), (), (), ())
    assert '<desc id="c-desc">No dated items yet.</desc>' in figure(draw(), chart)


# Coverage


def test_coverage_lists_quiet_terms_for_a_given_today(hub):
    t = theme_ids(hub)
    items = (
        make("post", "recent", dt.date(2026, 5, 26), (t[0],)),  # first day of the last 6 months
        make("post", "middle", dt.date(2025, 11, 26), (t[1],)),  # first day of the last 12 months
        make("post", "old", dt.date(2025, 11, 25), (t[2],)),  # the day before
        make("case-study", "wales", dt.date(2026, 9, 1), (t[0],), case=case("wales", ("mental-health",))),
        make("case-study", "london", dt.date(2026, 2, 1), (t[0],), case=case("london", ("domestic-abuse",))),
        make("case-study", "ne", dt.date(2024, 1, 1), (t[0],), case=case("north-east", ("domestic-abuse",))),
        make("post", "future", dt.date(2027, 1, 1), (t[2],)),  # after today: does not count
    )
    html = section(insights(items, hub).html, "coverage")
    assert "the last 6 months run from 26 May 2026, the last 12 months from 26 November 2025" in html
    label = {th.id: th.label for th in hub.taxonomy.themes}
    themes = html[html.index("<h3>Themes</h3>") : html.index("<h3>Regions</h3>")]
    long_quiet, quiet = quiet_lists(themes)
    assert long_quiet == [f"{label[t[2]]}: latest 25 November 2025, Title of old"]
    assert quiet == [f"{label[t[1]]}: latest 26 November 2025, Title of middle"]

    regions = html[html.index("<h3>Regions</h3>") : html.index("<h3>Policy areas</h3>")]
    long_quiet, quiet = quiet_lists(regions)
    expected = []
    for r in hub.terms("regions"):
        if r.id == "north-east":
            expected.append(f"{r.label}: latest 1 January 2024, Title of ne")
        elif r.id not in ("wales", "london"):
            expected.append(f"{r.label}: nothing published yet")
    assert long_quiet == expected
    assert quiet == [f"{hub.term('regions', 'london').label}: latest 1 February 2026, Title of london"]

    areas = html[html.index("<h3>Policy areas</h3>") :]
    long_quiet, quiet = quiet_lists(areas)
    assert long_quiet == [
        f"{a.label}: nothing published yet"
        for a in hub.terms("policy_areas")
        if a.id not in ("mental-health", "domestic-abuse")
    ]
    assert quiet == [
        f"{hub.term('policy_areas', 'domestic-abuse').label}: latest 1 February 2026, Title of london"
    ]


def test_coverage_says_none_when_nothing_is_quiet(hub):
    items = tuple(make("post", t, dt.date(2026, 11, 1), (t,)) for t in theme_ids(hub))
    html = section(insights(items, hub).html, "coverage")
    themes = html[html.index("<h3>Themes</h3>") : html.index("<h3>Regions</h3>")]
    assert quiet_lists(themes) == ([], [])
    assert themes.count('<p class="hub-empty">None.</p>') == 2


def quiet_lists(part: str) -> tuple[list[str], list[str]]:
    """The entries under 'Nothing new in the last 12 months' and '... 6 months', as text."""
    first, second = part.split("Nothing new in the last 6 months")

    def entries(text: str) -> list[str]:
        match = re.search(r'<ul class="hub-quiet">(.*?)</ul>', text)
        if not match:
            return []
        return [re.sub(r"<[^>]+>", "", li) for li in re.findall(r"<li>(.*?)</li>", match.group(1))]

    return entries(first), entries(second)


# Themes to confirm, authors, organisations


def test_inferred_only_items_are_listed_with_their_evidence(hub):
    items = sample(hub)
    html = section(insights(items, hub).html, "themes-to-confirm")
    rows = Tags(html).tables["inferred"][1:]
    assert [r[0] for r in rows] == ["Title of thirdBlog post, blog/third.md"]
    label = hub.taxonomy.get(theme_ids(hub)[1]).label
    assert rows[0][1] == f"{label}: lawful basis × 4, consent × 2"
    assert "Title of first" not in html  # its themes were given


def test_long_evidence_is_cut_with_a_count_of_the_rest(hub):
    evidence = [Evidence(f"signal {n:02d}", 20 - n) for n in range(11)]
    item = make("post", "long", dt.date(2026, 1, 1), (theme_ids(hub)[0],), "inferred", evidence)
    html = section(insights((item,), hub).html, "themes-to-confirm")
    assert "signal 07 × 13, and 3 more signals" in html and "signal 08" not in html


def test_author_and_organisation_counts(hub):
    a, b = hub.authors[0], hub.authors[1]
    items = (
        make("post", "one", dt.date(2024, 1, 1), authors=(a.id, b.id)),
        make("post", "two", dt.date(2025, 6, 1), authors=(a.id,)),
        make("case-study", "c1", dt.date(2023, 1, 1), case=case("wales", orgs=("Org B", "Org A"))),
        make("case-study", "c2", dt.date(2024, 3, 3), case=case("wales", orgs=("Org B",))),
    )
    tables = Tags(section(insights(items, hub).html, "contributors")).tables
    authors = tables["authors"][1:]
    assert authors[0] == [a.label, "2", "1 June 2025"]
    assert authors[1] == [b.label, "1", "1 January 2024"]
    assert all(r[1:] == ["0", "none yet"] for r in authors[2:])
    assert len(authors) == len(hub.authors)
    assert tables["organisations"][1:] == [["Org B", "2", "3 March 2024"], ["Org A", "1", "1 January 2023"]]


def test_hostile_text_is_escaped_everywhere(hub):
    t = theme_ids(hub)
    bad_case = CaseInfo((HOSTILE,), HOSTILE, "wales", ("mental-health",))
    items = (
        make(
            "post",
            "bad",
            dt.date(2024, 1, 1),
            (t[0],),
            "inferred",
            (Evidence("<i>x</i>", 2),),
            authors=(hub.authors[0].id,),
            title=HOSTILE,
        ),
        make("case-study", "bad-case", dt.date(2020, 1, 1), (t[1],), case=bad_case, title=HOSTILE),
    )
    regions = tuple(Term(r.id, HOSTILE) if r.id == "wales" else r for r in hub.terms("regions"))
    hostile_hub = dataclasses.replace(hub, vocabularies={**hub.vocabularies, "regions": regions})
    html = insights(items, hostile_hub).html
    assert "<script>" not in html and "<i>x</i>" not in html
    assert str(escape(HOSTILE)) in html
    assert "&lt;i&gt;x&lt;/i&gt; × 2" in html
    Tags(html)  # parses


def test_open_data_links_are_relative_to_the_page(hub):
    listing = insights(sample(hub), hub, open_data_url="about/open-data/")
    assert (listing.src_uri, listing.url, listing.title) == ("insights.md", "insights/", "Insights")
    links = {a["href"] for a in Tags(section(listing.html, "open-data")).find("a")}
    assert links == {"../catalogue.json", "../catalogue.csv", "../about/open-data/"}
    without = insights(sample(hub), hub)
    assert {a["href"] for a in Tags(section(without.html, "open-data")).find("a")} == {
        "../catalogue.json",
        "../catalogue.csv",
    }


# Open data


def test_catalogue_json_validates_and_round_trips_every_item(hub):
    items = sample(hub)
    data = json.loads(catalogue_json(items, hub))
    jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(data)
    assert data["version"] == "1.1" and data["generated_from"] == hub.site_url
    assert [(d["type"], d["slug"]) for d in data["items"]] == [(i.kind, i.slug) for i in items]
    for item, d in zip(items, data["items"], strict=True):
        assert d["url"] == hub.site_url + item.url
        assert (d["title"], d["summary"]) == (item.title, item.summary)
        assert d["date"] == (item.date.isoformat() if item.date else None)
        assert d["updated"] == (item.updated.isoformat() if item.updated else None)
        assert [a["id"] for a in d["authors"]] == list(item.authors)
        assert [a["name"] for a in d["authors"]] == [hub.term("authors", a).label for a in item.authors]
        assert [(t["id"], t["source"]) for t in d["themes"]] == [(x.theme, x.source) for x in item.themes]
        assert [t["label"] for t in d["themes"]] == [hub.taxonomy.get(x.theme).label for x in item.themes]
        if item.kind == "guidance":
            assert d["changes"] == [{"date": c.date.isoformat(), "note": c.note} for c in item.changes]
        else:
            assert "changes" not in d
        if item.case:
            assert d["organisations"] == list(item.case.organisations)
            assert (d["place"], d["region"]["id"]) == (item.case.place, item.case.region)
            assert [a["id"] for a in d["policy_areas"]] == list(item.case.policy_areas)
            assert (d["partners"], d["outcomes"]) == (list(item.case.partners), list(item.case.outcomes))
        else:
            assert "organisations" not in d and "region" not in d


def test_schema_rejects_what_the_catalogue_never_writes(hub):
    data = json.loads(catalogue_json(sample(hub), hub))
    validator = jsonschema.Draft202012Validator(SCHEMA)
    post = next(d for d in data["items"] if d["type"] == "post")
    assert not validator.is_valid({**data, "items": [{**post, "region": {"id": "wales", "label": "Wales"}}]})
    assert not validator.is_valid({**data, "items": [{**post, "changes": []}]})
    guide = next(d for d in data["items"] if d["type"] == "guidance" and d["changes"])
    assert not validator.is_valid({**data, "items": [{k: v for k, v in guide.items() if k != "changes"}]})
    assert not validator.is_valid({**data, "items": [{**guide, "changes": [{"date": "2026-06-02"}]}]})
    study = next(d for d in data["items"] if d["type"] == "case-study")
    assert not validator.is_valid({**data, "items": [{k: v for k, v in study.items() if k != "place"}]})
    assert not validator.is_valid({**data, "items": [{**post, "extra": 1}]})


def test_every_field_is_documented_in_the_schema_and_the_page(hub):
    data = json.loads(catalogue_json(sample(hub), hub))
    item_props = SCHEMA["$defs"]["item"]["properties"]
    written = {k for d in data["items"] for k in d}
    assert written == set(item_props)
    assert set(data) == set(SCHEMA["properties"])
    page = (ROOT / "docs" / "about" / "open-data.md").read_text(encoding="utf-8")
    for name, prop in {**SCHEMA["properties"], **item_props}.items():
        assert prop.get("description"), name
        assert f"`{name}`" in page, f"docs/about/open-data.md: field `{name}` is not described"
    for column in CSV_COLUMNS:
        assert f"`{column}`" in page, f"docs/about/open-data.md: column `{column}` is not described"
    assert SCHEMA["properties"]["version"]["const"] == data["version"]
    assert data["version"] in SCHEMA["title"]


def test_catalogue_csv_has_a_header_and_one_row_per_item(hub):
    items = sample(hub)
    text = catalogue_csv(items, hub)
    assert "\r" not in text and text.endswith("\n")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == len(items)
    assert tuple(csv.reader(io.StringIO(text)).__next__()) == CSV_COLUMNS
    for item, row in zip(items, rows, strict=True):
        assert (row["type"], row["slug"], row["title"]) == (item.kind, item.slug, item.title)
        assert row["theme_ids"] == "; ".join(item.theme_ids)
        assert row["theme_sources"] == "; ".join(d.source for d in item.themes)
        assert row["date"] == (item.date.isoformat() if item.date else "")
        if item.case:
            assert row["organisations"].split("; ") == list(item.case.organisations)
            assert row["region_id"] == item.case.region
            assert row["policy_area_ids"].split("; ") == list(item.case.policy_areas)
        else:
            assert row["place"] == row["region"] == row["outcomes"] == ""


def test_hostile_text_round_trips_through_both_files(hub):
    bad = make(
        "case-study",
        "bad",
        dt.date(2024, 1, 1),
        (theme_ids(hub)[0],),
        title=HOSTILE + "\nline two",
        case=CaseInfo((HOSTILE, "Org; with semicolon"), HOSTILE, "wales", ("mental-health",)),
    )
    data = json.loads(catalogue_json((bad,), hub))
    assert data["items"][0]["title"] == HOSTILE + "\nline two"
    row = next(csv.DictReader(io.StringIO(catalogue_csv((bad,), hub))))
    assert row["title"] == HOSTILE + "\nline two" and row["place"] == HOSTILE


@pytest.mark.parametrize(
    "value",
    [
        ' =HYPERLINK("https://evil.example")',
        "\u3000\t+1",
        "\uff1dSUM(1+1)",  # full-width =
        "\uff0b1",  # full-width +
        "\uff0d2+3",  # full-width -
        "\uff20SUM(A1)",  # full-width @
        "  \uff1dSUM(1+1)",
    ],
)
def test_csv_cells_a_spreadsheet_would_run_start_with_an_apostrophe(hub, value):
    """Spaces before a formula, or its full-width form, still make a spreadsheet run it."""
    bad = make(
        "case-study",
        "formula",
        dt.date(2024, 1, 1),
        (theme_ids(hub)[0],),
        title=value,
        case=CaseInfo((value,), value, "wales", ("mental-health",)),
    )
    row = next(csv.DictReader(io.StringIO(catalogue_csv((bad,), hub))))
    assert (row["title"], row["organisations"], row["place"]) == ("'" + value,) * 3
    assert json.loads(catalogue_json((bad,), hub))["items"][0]["title"] == value


def test_csv_cells_that_only_contain_operators_later_are_unchanged(hub):
    text = "  Harrowfield =, +, - and @ later"
    row = next(csv.DictReader(io.StringIO(catalogue_csv((make("post", "plain", TODAY, title=text),), hub))))
    assert row["title"] == text


def test_outputs_are_identical_across_calls_and_input_orders(hub):
    items = sample(hub)
    shuffled = list(items)
    random.Random(4).shuffle(shuffled)
    shuffled = tuple(shuffled)
    assert catalogue_json(items, hub) == catalogue_json(shuffled, hub)
    assert catalogue_csv(items, hub) == catalogue_csv(shuffled, hub)
    assert insights(items, hub) == insights(shuffled, hub)
    assert catalogue_json(items, hub).endswith("}\n")


# Colours


def _luminance(colour: str) -> float:
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


WHITE, SLATE = "#ffffff", "#1e2429"  # Material's slate background at --md-hue: 210


def css_variables(text: str, block: str) -> dict[str, str]:
    body = re.search(re.escape(block) + r"\s*{(.*?)}", text, re.S).group(1)
    return dict(re.findall(r"(--[\w-]+):\s*(#[0-9a-fA-F]{6})", body))


def test_bar_colours_have_three_to_one_contrast_in_both_schemes(hub):
    hub_css = (ROOT / "overrides" / "assets" / "hub.css").read_text(encoding="utf-8")
    charts_css = (ROOT / "overrides" / "assets" / "charts.css").read_text(encoding="utf-8")
    light = {**css_variables(hub_css, ":root"), **css_variables(charts_css, ":root")}
    dark = {**light, **css_variables(charts_css, '[data-md-color-scheme="slate"]')}
    for attr, ids in (("theme", hub.taxonomy.ids()), ("kind", [c.kind for c in hub.collections])):
        for value in ids:
            rule = re.search(
                rf'^\.hub-bar\[data-{attr}="{value}"\] {{ fill: var\((--[\w-]+)\); }}', charts_css, re.M
            )
            assert rule, f"overrides/assets/charts.css: no bar colour for {attr} '{value}'"
            assert contrast(light[rule.group(1)], WHITE) >= 3, (value, light[rule.group(1)])
            night = re.search(
                rf'^\[data-md-color-scheme="slate"\] \.hub-bar\[data-{attr}="{value}"\] '
                rf"{{ fill: var\((--[\w-]+)\); }}",
                charts_css,
                re.M,
            )
            colour = dark[night.group(1)] if night else dark[rule.group(1)]
            assert contrast(colour, SLATE) >= 3, (value, colour)
