"""Views and fragments: what the hub decides to show (views, plain records made
from catalogue items) and how each fragment under overrides/fragments/hub/ draws it.

The view tests need no template; each fragment then has one rendered check.
`DRAWN` lists a way to draw every fragment with a given text in every text field;
tests/test_escaping.py draws them all again with hostile text.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest
from ishub import decorate, inserts, library, pages
from ishub import html as h
from ishub.catalogue import CaseInfo, Change, Item
from ishub.charts import BarChart, Series, figure
from ishub.config import load_hub_config
from ishub.coverage import Coverage, QuietGroup, QuietRow
from ishub.fragments import Drawing, fragment_dirs, make_env
from ishub.insights import CountRow, CountTable, InferredTheme, ToConfirm
from ishub.listing import Listing, chunks, paged, url_of
from ishub.themes import ThemeDecision

from tests.conftest import ROOT, real_config

FRAGMENTS = ROOT / "overrides" / "fragments" / "hub"
DAY = dt.date(2025, 3, 4)


@pytest.fixture(scope="module")
def hub():
    config, problems = load_hub_config(ROOT, real_config())
    assert not problems
    return config


@pytest.fixture
def draw() -> Drawing:
    return Drawing(make_env([ROOT / "overrides"]))


def item(hub, kind: str = "post", **changes) -> Item:
    folder = {"post": "blog", "case-study": "case-studies", "guidance": "guidance"}[kind]
    case = CaseInfo(("Org A", "Org B"), "Harrowfield", "wales", ("mental-health",), ("Police",), ("Faster",))
    fields = {
        "kind": kind,
        "slug": "x",
        "path": f"{folder}/x.md",
        "src_uri": f"{folder}/x.md",
        "url": f"{folder}/x/",
        "title": "A title",
        "summary": "A summary.",
        "date": DAY,
        "authors": tuple(a.id for a in hub.authors[:2]) if kind == "post" else (),
        "themes": (ThemeDecision("culture", "explicit"), ThemeDecision("governance", "explicit")),
        "case": case if kind == "case-study" else None,
    }
    return Item(**{**fields, **changes})


# Addresses and paging


def test_urls_pages_and_chunks():
    assert [url_of(s) for s in ("index.md", "blog/index.md", "blog/page/2.md", "insights.md")] == [
        "",
        "blog/",
        "blog/page/2/",
        "insights/",
    ]
    assert (paged("blog", 1), paged("blog", 3)) == ("blog/index.md", "blog/page/3.md")
    assert chunks([1, 2, 3], 2) == [[1, 2], [3]] and chunks([], 5) == [[]]
    assert Listing("blog/page/2.md", "t", "d", "").repeats
    assert not Listing("blog/index.md", "t", "d", "").repeats


# Views


def test_byline_holds_the_parts_an_item_has(hub):
    post = item(hub, updated=dt.date(2025, 4, 1), draft=True)
    line = h.byline(post, hub)
    assert line.kind == "" and line.date == DAY and not line.date_is_update
    assert line.authors == tuple(a.label for a in hub.authors[:2])
    assert line.draft and line.updated is None and line.shown
    assert h.byline(post, hub, with_type=True, with_updated=True).updated == dt.date(2025, 4, 1)
    assert h.byline(post, hub, with_type=True).kind == hub.collection("post").singular
    case = h.byline(item(hub, "case-study"), hub)
    assert (case.place, case.region, case.authors) == ("Harrowfield", hub.term("regions", "wales").label, ())
    guidance = item(hub, "guidance", date=None, updated=dt.date(2025, 4, 1))
    assert h.byline(guidance, hub, with_updated=True).updated is None  # guidance's date is its update
    assert h.byline(item(hub, "guidance"), hub).date_is_update
    assert not h.Byline().shown


def test_entry_links_relative_to_its_page(hub):
    view = h.entry(item(hub), hub, "themes/culture/page/2/", with_type=True)
    assert view.href == "../../../../blog/x/"
    assert [(b.theme, b.href) for b in view.badges] == [
        ("culture", "../../"),
        ("governance", "../../../governance/"),
    ]
    assert view.badges[0].label == hub.taxonomy.get("culture").label
    assert h.entries([item(hub)], hub, "blog/") == (h.entry(item(hub), hub, "blog/"),)


def test_pager_is_a_bounded_window_with_gaps(hub):
    assert h.pager(1, 1, lambda n: f"b/{n}/", "b/1/") is None
    view = h.pager(6, 12, lambda n: f"b/{n}/", "b/6/")
    assert (view.newer, view.older) == ("../5/", "../7/")
    assert [(p.number, p.href, p.gap_before) for p in view.pages] == [
        (1, "../1/", False),
        (4, "../4/", True),
        (5, "../5/", False),
        (6, "", False),
        (7, "../7/", False),
        (8, "../8/", False),
        (12, "../12/", True),
    ]
    first = h.pager(1, 2, lambda n: f"b/{n}/", "b/1/")
    assert (first.newer, first.older) == ("", "../2/")


def test_theme_summaries_and_years(hub):
    items = (item(hub), item(hub, "case-study", slug="y", url="case-studies/y/"))
    summaries = pages.theme_summaries(items, hub, "")
    assert [s.id for s in summaries] == list(hub.taxonomy.ids())
    culture = summaries[0]
    assert (culture.total, culture.href) == (2, "themes/culture/")
    assert [(k.label, k.count) for k in culture.counts] == [
        (c.label, 1 if c.kind != "guidance" else 0) for c in hub.collections
    ]
    old = item(hub, date=dt.date(2019, 1, 1))
    assert pages.years([item(hub), old, item(hub)], "blog/archive", "blog/archive/") == (
        pages.YearLink(2025, 2, "2025/"),
        pages.YearLink(2019, 1, "2019/"),
    )


def test_facet_groups_count_and_link_each_value(hub):
    cases = [item(hub, "case-study"), item(hub, "case-study", slug="y", date=dt.date(2024, 1, 1))]
    groups = library.facet_groups(cases, library.facets(cases, hub), "case-studies/")
    assert [g.key for g in groups] == ["theme", "region", "policy-area", "year"]  # registry.FACETS
    years = groups[-1]
    assert [(v.id, v.count, v.href, v.lead) for v in years.values] == [
        ("2025", 1, "year/2025/", "Case studies from "),
        ("2024", 1, "year/2024/", "Case studies from "),
    ]
    region = groups[1].values[0]
    assert (region.lead + region.label, region.href) == ("Case studies in Wales", "region/wales/")
    card = library.cards(cases[:1], hub, "case-studies/")[0]
    assert card.facets == (
        ("theme", "culture governance"),
        ("region", "wales"),
        ("policy-area", "mental-health"),
        ("year", "2025"),
    )


def test_item_header_notices_and_the_case_panel(hub):
    today = dt.date(2025, 1, 1)
    assert decorate.item_header(item(hub, draft=True), hub, today).notice == decorate.DRAFT
    scheduled = decorate.item_header(item(hub), hub, today)
    assert (scheduled.notice, scheduled.publish_on) == (decorate.SCHEDULED, DAY)
    assert decorate.item_header(item(hub), hub).notice == ""  # a build, not the preview
    panel = decorate.item_header(item(hub, "case-study"), hub).panel
    assert panel.region == decorate.Link(hub.term("regions", "wales").label, "../region/wales/")
    assert panel.policy_areas == (
        decorate.Link(hub.term("policy_areas", "mental-health").label, "../policy-area/mental-health/"),
    )
    # The type, date and themes are the byline's and the badges'; the place and region the panel's.
    case = decorate.item_header(item(hub, "case-study"), hub)
    assert (case.byline.place, case.byline.region) == ("", "") and case.badges
    assert decorate.item_header(item(hub), hub).panel is None


def test_related_links_for_posts_and_case_studies_only(hub):
    other = item(hub, "case-study", slug="y", url="case-studies/y/", title="Other")
    assert decorate.related(item(hub), (other,), hub) == (
        decorate.RelatedLink("Other", "../../case-studies/y/", hub.collection("case-study").singular),
    )
    assert decorate.related(item(hub, "guidance"), (other,), hub) == ()


def test_json_ld_names_the_site_author_as_publisher(hub):
    config = real_config()
    data = json.loads(decorate.json_ld(item(hub), hub))
    assert data["publisher"] == {
        "@type": "Organization",
        "name": config["site_author"],
        "url": config["site_url"],
    }


def test_inserts_are_named_once():
    assert inserts.INSERT_NAMES == tuple(inserts.INSERTS)
    assert inserts.INSERT.fullmatch('<div class="hub-insert" data-hub="latest-posts"></div>')


def test_unknown_insert_draws_nothing(hub, draw):
    assert inserts.render_insert("no-such-block", (), hub, "", draw) is None


def test_fragments_come_from_the_custom_dir_then_the_hubs_own(tmp_path):
    own = ROOT / "overrides"
    assert fragment_dirs(tmp_path, {"theme": {"custom_dir": "theme"}}) == [tmp_path / "theme", own]
    assert fragment_dirs(tmp_path, {"theme": {"name": "material"}}) == [tmp_path / "overrides", own]
    assert fragment_dirs(tmp_path, {}, [tmp_path / "given"]) == [tmp_path / "given", own]
    assert fragment_dirs(ROOT, {"theme": {"custom_dir": "overrides"}}) == [own]


def test_a_site_overrides_a_fragment_in_its_own_folder(tmp_path, hub):
    mine = tmp_path / "fragments" / "hub"
    mine.mkdir(parents=True)
    (mine / "badges.html").write_text("{% for b in badges %}[{{ b.label }}]{% endfor %}")
    draw = Drawing(make_env([tmp_path, ROOT / "overrides"]))
    html = h.entry_html(draw, h.entry(item(hub), hub, "blog/"))
    assert html.endswith("[Culture][Governance]</article>") and 'class="hub-entry__meta"' in html


def test_a_missing_value_fails_instead_of_printing_nothing(draw):
    with pytest.raises(Exception, match="undefined"):
        draw("badges.html")


def test_each_distinct_entry_is_drawn_once(hub, draw, monkeypatch):
    drawn = []
    real = Drawing.__call__
    monkeypatch.setattr(
        Drawing, "__call__", lambda self, name, **c: drawn.append(name) or real(self, name, **c)
    )
    view = h.entry(item(hub), hub, "case-studies/region/wales/")
    first = h.entry_html(draw, view)
    assert drawn == ["byline.html", "badges.html", "entry.html"]
    assert h.entry_html(draw, dataclasses.replace(view)) == first  # an equal view: nothing drawn again
    assert h.entry_html(draw, view, heading=3) != first
    assert drawn == ["byline.html", "badges.html", "entry.html", "entry.html"]


# One rendered check per fragment

T = "Words"  # every text field, in the rendered checks below; hostile text in test_escaping.py


def views(text: str) -> dict:
    """A view of every kind, with `text` in each of its text fields (hrefs included)."""
    byline = h.Byline(text, DAY, False, text, text, (text, text), True, DAY)
    badges = (h.Badge("culture", text, text), h.Badge(text, text, text))
    entry = h.Entry("post", text, text, byline, text, badges)
    pager = h.Pager(text, text, (h.PageLink(1, text, False), h.PageLink(3, "", True)))
    summary = pages.ThemeSummary(
        text, text, text, text, 4, (pages.KindCount(text, 3), pages.KindCount(text, 1))
    )
    link = decorate.Link(text, text)
    panel = decorate.CasePanel((text, text), text, link, (link, link), (text,), (text, text))
    header = decorate.ItemHeader("scheduled", DAY, byline, badges, panel)
    groups = (
        library.FacetGroup(
            text,
            text,
            (library.FacetValue(text, text, 2, text, text), library.FacetValue("b", text, 1, text, text)),
        ),
    )
    chart = BarChart(
        text,
        text,
        "theme",
        (Series(text, text), Series("b", text)),
        ((2024, 1), (2024, 2)),
        ((1, 2), (0, 3)),
        (3, 3),
        text,
        text,
    )
    quiet = QuietRow(text, DAY, text, text)
    cover = Coverage(
        DAY, 6, 12, DAY, DAY, (QuietGroup(text, True, (quiet, QuietRow(text, None, "", "")), ()),)
    )
    confirm = ToConfirm(text, text, text, text, (InferredTheme(text, text, ((text, 2), (text, 1)), 3),))
    table = CountTable(
        text, text, (text, text, text), (CountRow(text, 2, DAY), CountRow(text, 0, None)), text
    )
    return {
        "byline": byline,
        "badges": badges,
        "entry": entry,
        "pager": pager,
        "summary": summary,
        "panel": panel,
        "header": header,
        "groups": groups,
        "card": library.Card(entry, (("theme", text), ("region", text))),
        "chart": chart,
        "coverage": cover,
        "confirm": confirm,
        "table": table,
        "person": pages.Person(text, text, text, text, text, 2),
        "feed": inserts.FeedSection(
            "type", text, text, True, text, (inserts.FeedRow(text, text, text, text, text),)
        ),
        "history": h.History(DAY, (Change(DAY, text), Change(DAY, text))),
        "year": pages.YearLink(2025, 2, text),
        "related": decorate.RelatedLink(text, text, text),
        "crumbs": (link, link),
    }


def _header(draw, v):
    header = v["header"]
    return draw(
        "item-header.html",
        header=header,
        byline=h.byline_html(draw, header.byline),
        badges=h.badges_html(draw, header.badges),
        panel=draw("case-panel.html", panel=header.panel),
    )


def _entries(draw, v):
    return h.entries_html(draw, (v["entry"],))


def _cards(draw, v):
    return library.cards_html(draw, (v["card"],))


# fragment -> how the hub draws it, from the views above
DRAWN = {
    "macros.html": lambda draw, v, t: draw.env.from_string(
        '{% from "fragments/hub/macros.html" import time, kind_counts %}{{ time(day) }} {{ kind_counts(counts) }}'
    ).render(day=DAY, counts=v["summary"].counts),
    "badges.html": lambda draw, v, t: h.badges_html(draw, v["badges"]),
    "byline.html": lambda draw, v, t: h.byline_html(draw, v["byline"]),
    "entry.html": lambda draw, v, t: h.entry_html(draw, v["entry"], 3),
    "entries.html": lambda draw, v, t: _entries(draw, v),
    "pager.html": lambda draw, v, t: h.pager_html(draw, v["pager"], t),
    "blog.html": lambda draw, v, t: draw(
        "blog.html",
        total=7,
        archive_href=t,
        entries=_entries(draw, v),
        pager=h.pager_html(draw, v["pager"], t),
    ),
    "archive.html": lambda draw, v, t: draw("archive.html", years=(v["year"], pages.YearLink(2024, 1, t))),
    "archive-year.html": lambda draw, v, t: draw(
        "archive-year.html", entries=_entries(draw, v), all_years_href=t
    ),
    "themes.html": lambda draw, v, t: draw("themes.html", themes=(v["summary"],)),
    "theme.html": lambda draw, v, t: draw(
        "theme.html", theme=v["summary"], subscribe_href=t, entries=_entries(draw, v), pager=""
    ),
    "theme-counts.html": lambda draw, v, t: draw("theme-counts.html", themes=(v["summary"],)),
    "team.html": lambda draw, v, t: draw("team.html", people=(v["person"],)),
    "feed-table.html": lambda draw, v, t: draw("feed-table.html", sections=(v["feed"],), everything=t),
    "author.html": lambda draw, v, t: draw(
        "author.html",
        person=v["person"],
        total=2,
        feed=t,
        authors_href=t,
        entries=_entries(draw, v),
        pager=h.pager_html(draw, v["pager"], t),
    ),
    "authors.html": lambda draw, v, t: draw("authors.html", people=(v["person"],)),
    "history.html": lambda draw, v, t: draw("history.html", history=v["history"]),
    "library.html": lambda draw, v, t: draw(
        "library.html", total=1, filters=draw("facets.html", groups=v["groups"]), cards=_cards(draw, v)
    ),
    "facets.html": lambda draw, v, t: draw("facets.html", groups=v["groups"]),
    "card.html": lambda draw, v, t: library.card_html(draw, v["card"]),
    "cases.html": lambda draw, v, t: _cards(draw, v),
    "facet-page.html": lambda draw, v, t: draw("facet-page.html", total=2, cards=_cards(draw, v), all_href=t),
    "item-header.html": lambda draw, v, t: _header(draw, v),
    "case-panel.html": lambda draw, v, t: draw("case-panel.html", panel=v["panel"]),
    "breadcrumbs.html": lambda draw, v, t: draw("breadcrumbs.html", links=v["crumbs"], current=t),
    "related.html": lambda draw, v, t: draw("related.html", related=(v["related"],)),
    "chart.html": lambda draw, v, t: figure(draw, v["chart"]),
    "coverage.html": lambda draw, v, t: draw("coverage.html", coverage=v["coverage"]),
    "over-time.html": lambda draw, v, t: draw("over-time.html", undated=1, charts=[figure(draw, v["chart"])]),
    "to-confirm.html": lambda draw, v, t: draw(
        "to-confirm.html", inferred=(v["confirm"],), untagged=(v["confirm"],), shown=8
    ),
    "count-table.html": lambda draw, v, t: draw("count-table.html", table=v["table"]),
    "open-data.html": lambda draw, v, t: draw("open-data.html", json_href=t, csv_href=t, about_href=t),
    "insights.html": lambda draw, v, t: draw(
        "insights.html",
        total=3,
        today=DAY,
        over_time=DRAWN["over-time.html"](draw, v, t),
        coverage=DRAWN["coverage.html"](draw, v, t),
        to_confirm=DRAWN["to-confirm.html"](draw, v, t),
        contributors=DRAWN["count-table.html"](draw, v, t),
        open_data=DRAWN["open-data.html"](draw, v, t),
    ),
}


def draw_all(draw: Drawing, text: str) -> dict[str, str]:
    v = views(text)
    return {name: make(draw, v, text) for name, make in DRAWN.items()}


def test_every_fragment_has_a_rendered_check():
    assert sorted(p.name for p in FRAGMENTS.glob("*.html")) == sorted(DRAWN)
    assert sorted(RENDERED) == sorted(DRAWN)


TIME = '<time datetime="2025-03-04">4 March 2025</time>'
ENTRY = (
    '<article class="hub-entry" data-kind="post"><h3 class="hub-entry__title"><a href="Words">Words</a></h3>'
    f'<p class="hub-entry__meta"><span class="hub-type">Words</span> · {TIME} · Words, Words · By Words and Words'
    f' · <strong class="hub-draft-tag">Draft</strong> · Updated {TIME}</p><p class="hub-entry__summary">Words</p>'
    '<ul class="hub-badges" aria-label="Themes"><li><a class="hub-badge" data-theme="culture" href="Words">Words</a>'
    '</li><li><a class="hub-badge" data-theme="Words" href="Words">Words</a></li></ul></article>'
)

# fragment -> what its rendered HTML holds (the whole of it, for the small ones)
RENDERED = {
    "macros.html": [f"{TIME} 3 words, 1 words"],
    "badges.html": [ENTRY[ENTRY.index("<ul") : ENTRY.index("</article>")]],
    "byline.html": [
        ENTRY[ENTRY.index('<p class="hub-entry__meta">') : ENTRY.index('<p class="hub-entry__summary">')]
    ],
    "entry.html": [ENTRY],
    "entries.html": [
        '<div class="hub-entries"><article class="hub-entry" data-kind="post"><h2 ',
        "</article></div>",
    ],
    "pager.html": [
        '<nav class="hub-pager" aria-label="Words"><a class="hub-pager__prev" rel="prev" href="Words">Newer</a> '
        '<a href="Words">Page 1</a> <span class="hub-pager__gap" aria-hidden="true">…</span> '
        '<span class="hub-pager__current" aria-current="page">Page 3</span> '
        '<a class="hub-pager__next" rel="next" href="Words">Older</a></nav>'
    ],
    "blog.html": [
        '<p class="hub-lead">7 posts, newest first. <a href="Words">Browse the archive by year</a>.</p><div class="hub-entries">',
        '</div><nav class="hub-pager"',
    ],
    "archive.html": [
        '<ul class="hub-years"><li><a href="Words">2025</a> <span class="hub-count">(2 posts)</span></li>'
        '<li><a href="Words">2024</a> <span class="hub-count">(1 post)</span></li></ul>'
    ],
    "archive-year.html": ['</article></div><p><a href="Words">All years</a></p>'],
    "themes.html": [
        '</p><ul class="hub-themes"><li class="hub-theme"><h2><a href="Words">Words</a></h2><p>Words</p>'
        '<p class="hub-count">4 items: 3 words, 1 words</p></li></ul>'
    ],
    "theme.html": [
        '<p class="hub-lead">Words</p><p class="hub-count">4 items: 3 words, 1 words. '
        '<a href="Words">Subscribe to this theme</a>.</p><div class="hub-entries">'
    ],
    "theme-counts.html": [
        '<ul class="hub-theme-counts"><li><a class="hub-badge" data-theme="Words" href="Words">Words</a> '
        '<span class="hub-count">4 items</span></li></ul>'
    ],
    "team.html": [
        '<dl class="hub-team"><div class="hub-person"><dt><a href="Words">Words</a></dt>'
        '<dd class="hub-person__role">Words, Words</dd><dd>Words</dd></div></dl>'
    ],
    "feed-table.html": [
        '<section class="hub-feed-group" aria-labelledby="feeds-type">\n<h3 id="feeds-type">Words</h3>\n'
        '<p>Words <a href="Words" type="text/x-opml">Import it (OPML)<span class="md-visually-hidden">: words</span>'
        "</a></p>",
        '<tbody><tr><th scope="row"><a href="Words">Words<span class="md-visually-hidden"> (RSS)</span></a></th>'
        '<td>Words</td><td><code class="hub-feed-address">Words</code></td><td><a href="Words">JSON'
        '<span class="md-visually-hidden"> Feed: Words</span></a></td></tr></tbody></table>\n</section>',
        '<a href="Words" type="text/x-opml">every feed in one list (OPML)</a>',
    ],
    "author.html": [
        '<div class="hub-author"><p class="hub-author__role">Words, Words</p><p class="hub-lead">Words</p></div>'
        '<p class="hub-count">2 posts, newest first. <a href="Words">Follow Words'
        "'s posts by RSS</a> · "
        '<a href="Words">All authors</a>.</p><div class="hub-entries">',
    ],
    "authors.html": [
        '<ul class="hub-authors"><li><a href="Words">Words</a>, Words, Words <span class="hub-count">(2 posts)'
        "</span></li></ul>"
    ],
    "history.html": [
        '<section class="hub-history" aria-labelledby="page-history">\n<h2 id="page-history">Page history</h2>\n'
        f'<ol class="hub-history__list" reversed><li>{TIME}: Words</li><li>{TIME}: Words</li><li>{TIME}: '
        "first published</li></ol>\n</section>"
    ],
    "library.html": [
        '<div class="hub-library"><details class="hub-filter-box" id="hub-filter-box"><summary>Filters'
        '<span id="hub-filter-count"></span></summary><form class="hub-filters" id="hub-filters"',
        '</form></details><div class="hub-library__results"><p class="hub-results" id="hub-results" '
        'aria-live="polite" role="status">Showing all 1 case study.</p><ul class="hub-cases" id="hub-cases">',
        "</article></li></ul></div></div>",
    ],
    "facets.html": [
        '<form class="hub-filters" id="hub-filters" aria-label="Filter case studies"><fieldset class="hub-facet">'
        '<legend>Words</legend><ul><li><input type="checkbox" id="f-Words-Words" name="Words" value="Words" hidden>'
        '<label for="f-Words-Words" hidden>Words (2)</label><a class="hub-facet-link" href="Words">'
        '<span class="hub-visually-hidden">Words</span>Words <span class="hub-count">(2)</span></a></li>',
        '</ul></fieldset><button type="button" class="md-button" id="hub-clear" hidden>Clear all filters</button></form>',
    ],
    "card.html": [
        '<li class="hub-case" data-theme="Words" data-region="Words"><article class="hub-entry"',
        "</article></li>",
    ],
    "cases.html": ['<ul class="hub-cases" id="hub-cases"><li class="hub-case" ', "</li></ul>"],
    "facet-page.html": [
        '<p class="hub-lead">2 case studies, newest first.</p><ul',
        '</ul><p><a href="Words">All case studies</a></p>',
    ],
    "item-header.html": [
        '<p class="hub-draft" role="note"><strong>Scheduled.</strong> This item will be published on 4 March 2025.</p>'
        '<div class="hub-item-meta"><p class="hub-entry__meta">',
        '</ul></div><section class="hub-panel"',
    ],
    "case-panel.html": [
        '<section class="hub-panel" aria-labelledby="hub-panel-title"><h2 id="hub-panel-title" class="hub-panel__title">'
        "At a glance</h2><dl><dt>Organisations</dt><dd>Words, Words</dd>"
        '<dt>Place</dt><dd>Words, <a href="Words">Words</a></dd>'
        '<dt>Policy areas</dt><dd><a href="Words">Words</a>, <a href="Words">Words</a></dd>'
        '<dt>Partners</dt><dd>Words</dd></dl><h2 class="hub-panel__outcomes">Outcomes</h2>'
        "<ul><li>Words</li><li>Words</li></ul></section>",
    ],
    "breadcrumbs.html": [
        '<nav class="hub-breadcrumbs" aria-label="Breadcrumb"><ol><li><a href="Words">Words</a></li>'
        '<li><a href="Words">Words</a></li><li><span aria-current="page">Words</span></li></ol></nav>'
    ],
    "related.html": [
        '<aside class="hub-related" aria-labelledby="hub-related-title"><h2 id="hub-related-title">Related reading</h2>'
        '<ul><li><a href="Words">Words</a> <span class="hub-type">Words</span></li></ul></aside>'
    ],
    "chart.html": [
        '<figure class="hub-chart" id="Words"><figcaption class="hub-chart__caption">Words</figcaption>'
        '<p class="hub-chart__note">Words</p><svg class="hub-chart__svg" role="img"',
        '<desc id="Words-desc">From 2024 Q1 to 2024 Q2, 6 items: Words 1, Words 5. Most in 2024 Q1 and 2024 Q2: 3.</desc>',
        '<rect class="hub-bar" data-theme="Words" data-period="2024 Q1" data-value="1" ',
        "<title>2024 Q2, Words: 3</title></rect>",
        '<li><svg class="hub-swatch" width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false">',
        '<tr><th scope="row">2024 Q2</th><td>0</td><td>3</td><td>3</td></tr></tbody></table></details></figure>',
    ],
    "coverage.html": [
        "the last 6 months run from 4 March 2025, the last 12 months from 4 March 2025.</p><h3>Words</h3>"
        '<p class="hub-count">Case studies only.</p>',
        f'<ul class="hub-quiet"><li>Words: latest {TIME}, <a href="Words">Words</a></li>'
        "<li>Words: nothing published yet</li></ul>",
        'something in the 6 months before (nothing since 4 March 2025):</p><p class="hub-empty">None.</p>',
    ],
    "over-time.html": [
        '<p class="hub-count">1 guidance page with no date is not counted here.</p><figure class="hub-chart"'
    ],
    "to-confirm.html": [
        '<table data-hub="inferred"><caption>1 item with inferred themes</caption>',
        '<tr><th scope="row"><a href="Words">Words</a><br><span class="hub-count">Words, <code>Words</code></span></th>'
        '<td><ul class="hub-evidence"><li><strong class="hub-inferred__theme" data-theme="Words">Words</strong>: '
        "Words × 2, Words × 1, and 3 more signals</li></ul></td></tr>",
        '<ul><li><a href="Words">Words</a> (<code>Words</code>)</li></ul>',
    ],
    "count-table.html": [
        '<table data-hub="Words"><caption>Words</caption><thead><tr><th scope="col">Words</th>',
        f'<tr><th scope="row">Words</th><td>2</td><td>{TIME}</td></tr>'
        '<tr><th scope="row">Words</th><td>0</td><td>none yet</td></tr></tbody></table><p class="hub-count">Words</p>',
    ],
    "open-data.html": [
        'Open Government Licence v3.0. <a href="Words">What the files contain and how you may use them</a>.</p>'
        '<ul><li><a href="Words" type="application/json">catalogue.json</a>'
    ],
    "insights.html": [
        f'<p class="hub-lead">Figures for the dissemination team about the 3 items published on the hub, as of {TIME}.</p>'
        '<nav aria-label="On this page"><ul><li><a href="#over-time">Items over time</a></li>',
        '<h2 id="over-time">Items over time</h2><p>Blog posts and case studies count',
        '</figure><h2 id="coverage">Gaps in coverage</h2><p>Counting',
        '<h2 id="open-data">Open data</h2><p>The catalogue of every published item',
    ],
}


@pytest.mark.parametrize("name", sorted(DRAWN))
def test_fragment_draws_its_view(draw, name):
    html = DRAWN[name](draw, views(T), T)
    for part in RENDERED[name]:
        assert part in html, f"{name}:\n{html}"


def test_empty_lists_say_so(draw):
    assert h.entries_html(draw, ()) == '<p class="hub-empty">Nothing here yet.</p>'
    assert library.cards_html(draw, ()) == '<p class="hub-empty">No case studies yet.</p>'
    assert h.badges_html(draw, ()) == "" and h.byline_html(draw, h.Byline()) == ""
    empty = CountTable("k", "Blog posts by author", ("a", "b", "c"), (), "note")
    assert draw("count-table.html", table=empty) == '<p class="hub-empty">Blog posts by author: none yet.</p>'
    confirm = draw("to-confirm.html", inferred=(), untagged=(), shown=8)
    assert confirm == '<p class="hub-empty">Every item has its themes set in its front matter.</p>'
    assert h.pager_html(draw, None, "x") == ""


def test_item_header_in_a_build_has_no_notice_and_no_panel_for_a_post(hub, draw):
    html = decorate.header(item(hub), hub, draw)
    assert html.startswith('<div class="hub-item-meta"><p class="hub-entry__meta"><span class="hub-type">')
    assert html.endswith("</ul></div>")
    draft = decorate.header(item(hub, draft=True), hub, draw, dt.date(2026, 1, 1))
    assert draft.startswith(
        '<p class="hub-draft" role="note"><strong>Draft.</strong> This item is shown in the preview only; '
        "it is not published.</p>"
    )
