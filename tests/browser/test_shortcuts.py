"""Single-character shortcuts are off (WCAG 2.1.4): pressing 'n', '.' or 's'
does nothing, while typing in the search box still works."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_single_character_keys_do_not_navigate_or_steal_focus(page, server):
    start = server.url + "guidance/sharing-lawfully/"
    page.goto(start)
    for key in ("n", ".", "p", ","):
        page.keyboard.press(key)
        page.wait_for_timeout(150)
        assert page.url == start
    page.keyboard.press("s")
    page.wait_for_timeout(150)
    assert page.evaluate("document.activeElement.tagName") != "INPUT"


def test_search_box_still_takes_typing(page, server):
    page.goto(server.url)
    page.get_by_role("button", name="Search", exact=True).click()
    box = page.locator("#hub-search-input")
    box.fill("")
    box.type("consent")  # every letter, including 'n', 'p' and 's', reaches the field
    assert box.input_value() == "consent"
