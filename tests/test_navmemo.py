"""When pages may share one drawing of the navigation: hooks/ishub/navmemo.py."""

from __future__ import annotations

from ishub.navmemo import NavMemo
from mkdocs.utils import get_relative_url

NAV = ["", "blog/", "case-studies/", "guidance/", "guidance/sharing-lawfully/", "about/team/"]


def memo() -> NavMemo:
    return NavMemo(NAV, ["assets/logo.svg"], get_relative_url)


def test_pages_in_the_navigation_are_drawn_for_themselves():
    assert memo().key("nav", "guidance/sharing-lawfully/") is None
    assert memo().key("nav", "") is None
    assert memo().key("nav", None) is None


def test_pages_alike_share_a_drawing():
    m = memo()
    assert m.key("nav", "blog/2025/03/first/") == m.key("nav", "blog/2025/04/second/")
    assert m.key("tabs", "case-studies/region/wales/") == m.key("tabs", "case-studies/region/north/")


def test_pages_that_see_the_links_differently_do_not():
    m = memo()
    # The same depth, but "blog/" is written "../../" from one and "../../../blog/" from the other.
    assert m.key("nav", "blog/page/2/") != m.key("nav", "themes/culture/page/2/")
    assert m.key("nav", "blog/newest/") != m.key("nav", "blog/archive/2025/")


def test_the_tabs_key_follows_the_section_the_address_is_under():
    m = memo()
    blog, cases = m.key("tabs", "blog/x/"), m.key("tabs", "case-studies/x/")
    assert blog != cases
    assert blog[2] != cases[2], "the sections the page lies under differ"


def test_the_navigation_and_the_tabs_are_kept_apart():
    m = memo()
    nav, tabs = m.key("nav", "blog/x/"), m.key("tabs", "blog/x/")
    assert nav != tabs
    assert m.keep(nav, "<nav>") == "<nav>"
    assert m.drawn == {nav: "<nav>"}
    assert m.keep(None, "<own>") == "<own>" and None not in m.drawn
