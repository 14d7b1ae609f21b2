"""Printed guidance and case studies: the content alone, black on white, each link's
address written after it, and no break inside the case-study panel.

The print style sheet (hub.css, "Print") is checked under print emulation through
computed styles (black on white in the dark scheme too), and one page is printed to PDF.
"""

from __future__ import annotations

import pytest

from tests.browser import pages

pytestmark = pytest.mark.browser

HIDDEN = (
    ".hub-skip",
    ".md-header",
    ".md-tabs",
    ".md-sidebar--primary",
    ".md-sidebar--secondary",
    ".md-footer",
    ".hub-breadcrumbs",
    ".md-top",
)
DISPLAY = "(s) => { const e = document.querySelector(s); return e && getComputedStyle(e).display; }"
AFTER = "a => getComputedStyle(a, '::after').content"
COLOURS = """() => { const s = getComputedStyle(document.querySelector('article.md-content__inner'));
    return [s.color, getComputedStyle(document.body).backgroundColor]; }"""


@pytest.fixture(scope="module")
def paths(real_site) -> dict[str, str]:
    return pages.resolve(real_site)


@pytest.fixture(scope="module")
def printed(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.emulate_media(media="print")
    yield page
    context.close()


@pytest.mark.parametrize("name", ["guidance", "case-study"])
def test_print_shows_the_content_alone_black_on_white(printed, server, paths, name):
    pages.visit(printed, server.url, name, paths[name])
    for selector in HIDDEN:
        assert printed.evaluate(DISPLAY, selector) in ("none", None), f"{name}: {selector} is printed"
    assert printed.evaluate(DISPLAY, "article.md-content__inner") != "none"
    assert printed.evaluate(COLOURS) == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"]


def test_the_dark_scheme_prints_black_on_white(browser, server, paths):
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    try:
        page.emulate_media(media="print")
        pages.visit(page, server.url, "case-study", paths["case-study"])
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        assert page.evaluate(COLOURS) == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"]
        badge = page.locator("article a.hub-badge").first
        assert badge.evaluate("b => getComputedStyle(b).color") == "rgb(0, 0, 0)"
    finally:
        context.close()


def test_printed_links_show_where_they_lead(printed, server, paths):
    pages.visit(printed, server.url, "guidance", paths["guidance"])
    outside = printed.locator("article a[href^='http']").first
    href = outside.get_attribute("href")
    assert outside.evaluate(AFTER) == f'" ({href})"'
    inside = printed.locator("article a[data-hub-path]").first
    path = inside.get_attribute("data-hub-path")
    assert path.startswith("/") and not inside.get_attribute("href").startswith("/")
    assert inside.evaluate(AFTER) == f'" ({path})"'
    # Links within the page and the badges are not followed by an address.
    for selector in ("article a.headerlink", "article a.hub-badge", "article a[href^='#']"):
        link = printed.locator(selector).first
        if link.count():
            assert link.evaluate(AFTER) in ("none", "normal"), selector


def test_the_case_study_panel_is_not_split_across_pages(printed, server, paths):
    pages.visit(printed, server.url, "case-study", paths["case-study"])
    rule = printed.locator(".hub-panel").evaluate("p => getComputedStyle(p).breakInside")
    assert rule == "avoid"
    assert printed.locator("article h2").first.evaluate("h => getComputedStyle(h).breakAfter") == "avoid"


def test_a_case_study_prints_to_pdf(browser, server, paths):
    context = browser.new_context()
    page = context.new_page()
    try:
        pages.visit(page, server.url, "case-study", paths["case-study"])
        pdf = page.pdf(format="A4", print_background=True)
        assert pdf.startswith(b"%PDF-") and pdf.count(b"/Type /Page") >= 1
    finally:
        context.close()
