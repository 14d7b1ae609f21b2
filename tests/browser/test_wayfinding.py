"""Where am I, in a real browser: the breadcrumb trail and the contents sidebar of
an item at phone, tablet and desktop widths (the built HTML is checked in
tests/test_wayfinding.py; axe checks every page type in test_accessibility.py).
"""

from __future__ import annotations

import pytest

from tests.browser import pages

pytestmark = pytest.mark.browser

# width -> where a post's or case study's contents show: nowhere (phones have the
# title and the text only), on the right, or on the left.
WIDTHS = {390: None, 1000: "secondary", 1280: "primary"}
VISIBLE_CONTENTS = """() => [...document.querySelectorAll('nav.md-nav--secondary')]
    .filter(n => n.querySelector('a') && n.getClientRects().length
        && n.querySelector('a').getBoundingClientRect().width > 0
        && getComputedStyle(n.closest('.md-sidebar')).visibility !== 'hidden')
    .map(n => n.closest('.md-sidebar').classList.contains('md-sidebar--primary') ? 'primary' : 'secondary')"""


@pytest.fixture(scope="module")
def paths(real_site) -> dict[str, str]:
    return pages.resolve(real_site)


def test_contents_show_once_at_each_width(browser, server, paths):
    name = "case-study"  # posts share the layout (tests/test_wayfinding.py checks both in the HTML)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        for width, where in WIDTHS.items():
            page.set_viewport_size({"width": width, "height": 900})
            pages.visit(page, server.url, name, paths[name])
            shown = page.evaluate(VISIBLE_CONTENTS)
            if width < 960:  # the drawer, closed, holds no contents
                assert "secondary" not in shown and page.locator(".hub-side-toc").is_hidden(), width
            else:
                assert shown == [where], f"{name} at {width} px: contents in {shown}"
    finally:
        context.close()


def test_the_breadcrumb_names_the_page_on_a_phone_without_repeating_its_title(browser, server, paths):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        pages.visit(page, server.url, "case-study", paths["case-study"])
        trail = page.get_by_role("navigation", name="Breadcrumb")
        assert trail.is_visible()
        links = trail.get_by_role("link")
        assert [links.nth(i).inner_text() for i in range(2)] == ["Home", "Case studies"]
        current = trail.locator('[aria-current="page"]')
        assert current.inner_text() == page.locator("article h1").inner_text()
        box = current.bounding_box()
        assert box is None or box["width"] <= 1, "on a phone the title just below names the page"
        assert trail.bounding_box()["y"] < page.locator("article h1").bounding_box()["y"]
        # Every link of the trail is a target of at least 24 px (WCAG 2.5.8).
        for i in range(links.count()):
            assert links.nth(i).bounding_box()["height"] >= 24
    finally:
        context.close()
