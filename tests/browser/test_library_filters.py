"""The case-study library's filters in a real browser, on the real site.

What each filter should show is read from the page's own data attributes
(and, for one value, from its static facet page), so the tests follow the
content. With JavaScript off the static facet links must carry the page. On a
phone the results come first and the filters wait behind a disclosure that
counts the ticked values; on a wide screen the filters stand open beside them.
"""

from __future__ import annotations

import itertools
from urllib.parse import parse_qs, urljoin, urlparse

import pytest

from tests.browser.conftest import AXE, Server

pytestmark = pytest.mark.browser

FACETS = ("theme", "region", "policy-area", "year")
MAX_TABS = 300
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def open_library(page, base_url: str, query: str = "") -> None:
    page.goto(base_url + "case-studies/" + query, wait_until="load")
    page.locator("#hub-clear").wait_for(state="visible")


def cases(page) -> list[dict]:
    """Every case study on the index: its link and its facet values."""
    return page.eval_on_selector_all(
        "#hub-cases > .hub-case",
        """(items, keys) => items.map(li => {
            const out = {href: li.querySelector('.hub-entry__title a').href};
            for (const key of keys) out[key] = (li.getAttribute('data-' + key) || '').split(' ');
            return out;
        })""",
        list(FACETS),
    )


def shown(page) -> list[str]:
    """Links of the case studies a reader can see."""
    items = page.locator("#hub-cases > .hub-case")
    return [
        items.nth(i).locator(".hub-entry__title a").evaluate("a => a.href")
        for i in range(items.count())
        if items.nth(i).is_visible()
    ]


def expected(all_cases: list[dict], picked: dict[str, list[str]]) -> list[str]:
    """OR within a facet, AND across facets, in page order."""
    return [c["href"] for c in all_cases if all(set(values) & set(c[key]) for key, values in picked.items())]


def results_text(page) -> str:
    return page.locator("#hub-results").inner_text().strip()


def query_of(page) -> dict[str, list[str]]:
    return {k: v[0].split(",") for k, v in parse_qs(urlparse(page.url).query).items()}


def box(page, facet: str, value: str):
    return page.locator(f"#f-{facet}-{value}")


def values_in_form(page, facet: str) -> list[str]:
    return page.eval_on_selector_all(f"#hub-filters input[name='{facet}']", "els => els.map(e => e.value)")


def partial_value(all_cases: list[dict], facet: str, page) -> str:
    """A value of `facet` that some but not all case studies have."""
    for value in values_in_form(page, facet):
        count = len(expected(all_cases, {facet: [value]}))
        if 0 < count < len(all_cases):
            return value
    pytest.fail(f"no {facet} value narrows the list")


def test_ticking_a_region_shows_exactly_its_case_studies(page, server):
    open_library(page, server.url)
    all_cases = cases(page)
    region = partial_value(all_cases, "region", page)
    box(page, "region", region).check()
    want = expected(all_cases, {"region": [region]})
    assert shown(page) == want
    assert results_text(page) == f"Showing {len(want)} of {len(all_cases)} case studies."
    assert query_of(page) == {"region": [region]}
    # The static facet page for the same value agrees with the filter.
    facet_page = page.locator(f"#f-region-{region} ~ a.hub-facet-link").get_attribute("href")
    page.goto(urljoin(page.url, facet_page))
    listed = page.eval_on_selector_all(".hub-entry__title a", "links => links.map(a => a.href)")
    assert listed == want


def or_and_example(page, all_cases: list[dict]) -> tuple[list[str], str, str]:
    """Two regions and a value of another facet that keeps some, not all, of their case studies."""
    regions = values_in_form(page, "region")
    for pair in itertools.combinations(regions, 2):
        either = expected(all_cases, {"region": list(pair)})
        for facet in ("theme", "policy-area", "year"):
            for value in values_in_form(page, facet):
                if 0 < len(expected(all_cases, {"region": list(pair), facet: [value]})) < len(either):
                    return list(pair), facet, value
    pytest.fail("the content has no two regions that another facet narrows")


def test_values_in_one_facet_are_ored_and_facets_are_anded(page, server):
    open_library(page, server.url)
    all_cases = cases(page)
    regions, facet, value = or_and_example(page, all_cases)
    for region in regions:
        box(page, "region", region).check()
    either = expected(all_cases, {"region": regions})
    assert shown(page) == either
    assert len(either) == sum(len(expected(all_cases, {"region": [r]})) for r in regions)
    box(page, facet, value).check()
    both = expected(all_cases, {"region": regions, facet: [value]})
    assert shown(page) == both
    assert results_text(page) == f"Showing {len(both)} of {len(all_cases)} case studies."
    keys = [k for k in FACETS if k in (facet, "region")]
    assert urlparse(page.url).query == "&".join(
        f"{k}={','.join(regions) if k == 'region' else value}" for k in keys
    )


def test_reload_and_a_shared_link_restore_the_filters(page, server, browser):
    open_library(page, server.url)
    all_cases = cases(page)
    region = partial_value(all_cases, "region", page)
    area = partial_value(all_cases, "policy-area", page)
    box(page, "region", region).check()
    box(page, "policy-area", area).check()
    before, url, text = shown(page), page.url, results_text(page)
    page.reload(wait_until="load")
    assert box(page, "region", region).is_checked() and box(page, "policy-area", area).is_checked()
    assert shown(page) == before and results_text(page) == text and page.url == url
    # A fresh context (someone the link was sent to) sees the same view.
    other = browser.new_context().new_page()
    try:
        other.goto(url, wait_until="load")
        assert other.locator(f"#f-region-{region}").is_checked()
        assert shown(other) == before and results_text(other) == text
    finally:
        other.context.close()


def test_clear_all_resets_the_boxes_the_list_and_the_url(page, server):
    open_library(page, server.url)
    all_cases = cases(page)
    region = partial_value(all_cases, "region", page)
    open_library(page, server.url, f"?region={region}&year={values_in_form(page, 'year')[0]}")
    assert len(shown(page)) < len(all_cases)
    page.locator("#hub-clear").click()
    assert page.eval_on_selector_all("#hub-filters input:checked", "els => els.length") == 0
    assert shown(page) == [c["href"] for c in all_cases]
    assert results_text(page) == f"Showing all {len(all_cases)} case studies."
    assert page.url == server.url + "case-studies/"


def test_when_nothing_matches_the_results_line_says_so(page, server):
    open_library(page, server.url)
    all_cases = cases(page)
    region, year = next(
        (r, y)
        for r, y in itertools.product(values_in_form(page, "region"), values_in_form(page, "year"))
        if not expected(all_cases, {"region": [r], "year": [y]})
    )
    box(page, "region", region).check()
    box(page, "year", year).check()
    assert shown(page) == []
    assert results_text(page) == (
        f"Showing 0 of {len(all_cases)} case studies: no case study matches all "
        "the ticked filters. Untick some, or clear all filters."
    )


def test_results_line_is_a_polite_live_region(page, server):
    open_library(page, server.url)
    results = page.locator("#hub-results")
    assert results.get_attribute("aria-live") == "polite"
    assert results.get_attribute("role") == "status"


def tab_to(page, selector: str, backwards: bool = False) -> None:
    target = page.locator(selector)
    for _ in range(MAX_TABS):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        if target.evaluate("el => el === document.activeElement"):
            return
    pytest.fail(f"{selector} cannot be reached with the Tab key")


@pytest.mark.parametrize("activate", ["Enter", "Space"])
def test_filters_work_by_keyboard_alone(page, server, activate):
    open_library(page, server.url)
    all_cases = cases(page)
    region = partial_value(all_cases, "region", page)
    tab_to(page, f"#f-region-{region}")
    page.keyboard.press("Space")
    assert box(page, "region", region).is_checked()
    assert shown(page) == expected(all_cases, {"region": [region]})
    assert query_of(page) == {"region": [region]}
    page.keyboard.press("Space")
    assert not box(page, "region", region).is_checked()
    assert len(shown(page)) == len(all_cases)
    page.keyboard.press("Space")
    tab_to(page, "#hub-clear")
    page.keyboard.press(activate)
    assert not box(page, "region", region).is_checked()
    assert len(shown(page)) == len(all_cases)
    assert page.url == server.url + "case-studies/"


def test_with_the_script_each_value_is_a_checkbox_and_no_link_repeats_it(page, server):
    open_library(page, server.url)
    region = values_in_form(page, "region")[0]
    label = page.locator(f"label[for='f-region-{region}']")
    assert label.is_visible() and box(page, "region", region).is_visible()
    assert page.locator("#hub-filters a.hub-facet-link:visible").count() == 0
    assert page.get_by_role("link", name="page", exact=True).count() == 0


def test_without_javascript_each_link_names_the_page_it_leads_to(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(server.url + "case-studies/", wait_until="load")
        page.locator("#hub-filter-box > summary").click()
        name = page.locator("#hub-filters a.hub-facet-link[href='region/wales/']").evaluate(
            "a => a.textContent.replace(/\\s+/g, ' ').trim()"
        )
        assert name.startswith("Case studies in Wales (")
        link = page.get_by_role("link", name=name, exact=True)
        assert link.is_visible()
        link.click()
        assert urlparse(page.url).path == "/case-studies/region/wales/"
    finally:
        context.close()


def summary_text(page) -> str:
    return " ".join(page.locator("#hub-filter-box > summary").inner_text().split())


def is_open(page) -> bool:
    return page.locator("#hub-filter-box").evaluate("d => d.open")


@pytest.mark.parametrize("script", [True, False], ids=["script", "no-script"])
def test_on_a_phone_the_first_case_study_shows_without_scrolling(browser, server, script):
    context = browser.new_context(**PHONE, java_script_enabled=script)
    page = context.new_page()
    try:
        page.goto(server.url + "case-studies/", wait_until="load")
        assert not is_open(page), "the filters wait behind their disclosure"
        first = page.locator("#hub-cases > .hub-case").first.locator(".hub-entry__title a")
        top = first.evaluate("a => a.getBoundingClientRect().bottom")
        assert page.evaluate("window.scrollY") == 0 and 0 < top <= PHONE["viewport"]["height"]
        assert page.locator("#hub-results").is_visible()
    finally:
        context.close()


def test_on_a_phone_the_disclosure_works_by_keyboard_and_counts_the_filters(browser, server):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    try:
        open_library_closed = server.url + "case-studies/"
        page.goto(open_library_closed, wait_until="load")
        all_cases = cases(page)
        assert summary_text(page) == "Filters" and not is_open(page)
        page.locator("#hub-results").click()  # Tab on from here; the whole Tab order has its own test
        tab_to(page, "#hub-filter-box > summary", backwards=True)
        page.keyboard.press("Enter")
        assert is_open(page) and box(page, "region", values_in_form(page, "region")[0]).is_visible()
        region = partial_value(all_cases, "region", page)
        area = partial_value(all_cases, "policy-area", page)
        tab_to(page, f"#f-region-{region}")
        page.keyboard.press("Space")
        tab_to(page, f"#f-policy-area-{area}")
        page.keyboard.press("Space")
        assert summary_text(page) == "Filters (2 active)"
        tab_to(page, "#hub-filter-box > summary", backwards=True)
        page.keyboard.press("Space")
        assert not is_open(page) and summary_text(page) == "Filters (2 active)"
        assert shown(page) == expected(all_cases, {"region": [region], "policy-area": [area]})
        # A shared link opens closed on a phone, with its count.
        page.goto(open_library_closed + f"?region={region}", wait_until="load")
        assert not is_open(page) and summary_text(page) == "Filters (1 active)"
    finally:
        context.close()


def test_on_a_wide_screen_the_filters_stand_open_beside_the_results(page, server):
    open_library(page, server.url)
    assert is_open(page)
    filters = page.locator("#hub-filter-box").bounding_box()
    results = page.locator("#hub-results").bounding_box()
    assert filters["x"] + filters["width"] <= results["x"], "the filters are beside the results"
    assert abs(filters["y"] - results["y"]) < 40


def test_the_enhanced_filters_pass_axe(page, server):
    open_library(page, server.url)
    box(page, "region", values_in_form(page, "region")[0]).check()
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""() => axe.run(['#hub-filters', '#hub-results'],
        {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']})""")
    problems = [f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in result["violations"]]
    assert problems == []


def test_filters_hold_under_a_strict_script_policy(browser, real_site):
    headers = {"Content-Security-Policy": "script-src 'self'; object-src 'none'"}
    with Server(real_site, headers) as srv:
        context = browser.new_context()
        page = context.new_page()
        # Material's own inline scripts are refused under this policy; only ours must run clean.
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(f"{exc.message}\n{exc.stack}"))
        page.on("console", lambda msg: msg.type == "error" and errors.append(f"{msg.text} {msg.location}"))
        try:
            open_library(page, srv.url)
            all_cases = cases(page)
            region = partial_value(all_cases, "region", page)
            box(page, "region", region).check()
            assert shown(page) == expected(all_cases, {"region": [region]})
            assert query_of(page) == {"region": [region]}
            assert [e for e in errors if "library.js" in e or "unsafe-eval" in e] == []
        finally:
            context.close()


def test_without_javascript_the_facet_links_lead_to_the_facet_pages(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(server.url + "case-studies/", wait_until="load")
        assert not page.locator("#hub-filter-box").evaluate("d => d.open")
        page.locator("#hub-filter-box > summary").click()
        assert not page.locator("#hub-filters input[type=checkbox]").first.is_visible()
        assert not page.locator("#hub-clear").is_visible()
        links = page.locator("a.hub-facet-link")
        assert links.count() >= len(FACETS)
        for i in range(links.count()):
            assert links.nth(i).is_visible()
        all_cases = cases(page)
        region_link = page.locator("#hub-filters a.hub-facet-link[href^='region/']").first
        region = region_link.get_attribute("href").split("/")[1]
        region_link.click()
        assert urlparse(page.url).path == f"/case-studies/region/{region}/"
        listed = page.eval_on_selector_all(".hub-entry__title a", "links => links.map(a => a.href)")
        assert listed == expected(all_cases, {"region": [region]})
    finally:
        context.close()
