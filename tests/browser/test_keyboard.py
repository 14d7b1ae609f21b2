"""The hub with a keyboard alone: the skip link, visible focus, and search.

(The case-study filters have keyboard tests of their own.)
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.browser import pages

pytestmark = pytest.mark.browser

SKIP_LINK_PAGES = ("home", "blog", "post", "library", "case-study", "theme", "guidance", "not-found")
# (page type, window width): wide, and narrow where the navigation is a drawer.
FOCUS_CASES = (("home", 1280), ("case-study", 1280), ("library", 1280), ("post", 390))
TAB_STOPS = 45  # the header, tabs, navigation and the first part of the content

# What the focused element looks like, once anything sliding it into view (the
# navigation drawer) has finished moving. Material's palette switch is a 0x0
# radio button whose label shows the focus, so the label is what is measured.
FOCUSED = """async () => {
  const el = document.activeElement;
  await Promise.all(document.getAnimations()
    .filter(a => a.transitionProperty === "transform" && a.effect && a.effect.target.contains(el))
    .map(a => a.finished.catch(() => null)));
  const shown = el.matches(".md-option") ? el.nextElementSibling : el;
  const style = getComputedStyle(shown);
  const box = shown.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(), id: el.id, classes: el.className.toString(),
    text: (el.getAttribute("aria-label") || el.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 50),
    href: el.href || "",
    outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
    shadow: style.boxShadow !== "none", opacity: parseFloat(style.opacity),
    width: box.width, height: box.height,
    on_screen: box.right > 0 && box.bottom > 0 && box.left < innerWidth && box.top < innerHeight,
    in_content: !!el.closest(".md-content"),
  };
}"""


@pytest.fixture(scope="module")
def paths(real_site) -> dict[str, str]:
    return pages.resolve(real_site)


def press(page, key: str) -> dict:
    page.keyboard.press(key)
    return page.evaluate(FOCUSED)


def describe(focused: dict) -> str:
    return f"<{focused['tag']} class='{focused['classes']}'> {focused['text']!r}"


@pytest.mark.parametrize("name", SKIP_LINK_PAGES)
def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_content(page, name, paths, server):
    pages.visit(page, server.url, name, paths[name])
    page.keyboard.press("Tab")
    pages.settle(page)  # the skip link fades in
    first = page.evaluate(FOCUSED)
    assert first["text"] == "Skip to content", f"{name}: the first Tab stop is {describe(first)}"
    assert first["opacity"] == 1 and first["width"] > 0 and first["outline"], f"{name}: skip link not shown"

    target = press(page, "Enter")
    assert target["id"] == "hub-content", f"{name}: after the skip link, focus is on {describe(target)}"
    title = page.locator(".md-content h1").first.bounding_box()
    header = page.locator(".md-header").bounding_box()
    assert title and title["y"] >= header["y"] + header["height"] - 1, (
        f"{name}: the title is under the header"
    )

    after = press(page, "Tab")
    assert after["in_content"], f"{name}: the Tab after the skip link goes to {describe(after)}"


@pytest.mark.parametrize(("name", "width"), FOCUS_CASES)
def test_every_tab_stop_shows_where_focus_is(page, name, width, paths, server):
    page.set_viewport_size({"width": width, "height": 900})
    pages.visit(page, server.url, name, paths[name])
    stops, hidden = [], []
    for _ in range(TAB_STOPS):
        focused = press(page, "Tab")
        if focused["tag"] == "body" or (stops and focused["text"] == "Skip to content"):
            break
        stops.append(focused)
        if not (focused["outline"] or focused["shadow"]) or not (
            focused["width"] and focused["height"] and focused["on_screen"]
        ):
            hidden.append(describe(focused))
    where = f"{name} at {width} px"
    assert len(stops) >= 10, f"{where}: only {len(stops)} Tab stops"
    assert {"a", "input"} <= {s["tag"] for s in stops}, f"{where}: no link or form control reached"
    assert not hidden, f"{where}: focus cannot be seen on:\n  " + "\n  ".join(hidden)


def test_search_can_be_used_with_the_keyboard_alone(page, server):
    page.goto(server.url)
    for _ in range(10):
        focused = press(page, "Tab")
        if focused["id"] == "hub-search-open":
            break
    else:
        pytest.fail("the search button cannot be reached with Tab")
    assert focused["outline"], "the search button shows no focus"

    field = press(page, "Enter")
    assert field["id"] == "hub-search-input", f"Enter on the button went to {describe(field)}"
    assert field["outline"], "the search field shows no focus"
    page.keyboard.type(pages.SEARCH_QUERY)
    # The status is spoken once the answer to the whole query is drawn.
    page.wait_for_function(
        "query => document.getElementById('hub-search-status').textContent.includes(query)",
        arg=f"for \u201c{pages.SEARCH_QUERY}\u201d",
    )
    result = press(page, "ArrowDown")
    assert "hub-search__link" in result["classes"], f"ArrowDown went to {describe(result)}"
    assert result["outline"], f"the focused result shows no focus: {describe(result)}"

    target = urlsplit(result["href"]).path
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: urlsplit(url).path == target)
    assert page.locator("h1").first.is_visible()
