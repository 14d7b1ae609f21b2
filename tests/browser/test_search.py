"""Site search in a real browser, on the repository's own site: nothing loads
until the reader opens it, the keyboard alone works it, results show what each
item is, filters and sorting narrow and order them, axe finds nothing wrong in
either scheme, it runs under the site's Content-Security-Policy, and opened
from disk it says how to serve the site.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from ishub.security import parse_headers_file

from tests.browser.conftest import Server
from tests.browser.test_accessibility import AXE_RUN, WCAG_TAGS, describe
from tests.browser.test_csp import RECORD
from tests.search_index import indexed_pages

pytestmark = pytest.mark.browser

START = "guidance/sharing-lawfully/"
COMMON_WORD = "sharing"
SERVE = (
    "Search needs the site to be served: run python -m http.server -d site and open http://127.0.0.1:8000/"
)
# What the reader sees of each result, in order.
SHOWN = """() => [...document.querySelectorAll('#hub-search-results > li')].map(li => ({
  title: li.querySelector('.hub-search__link').textContent,
  href: li.querySelector('.hub-search__link').href,
  type: li.querySelector('.hub-search__type').textContent,
  date: (li.querySelector('time') || {}).dateTime || null,
  themes: [...li.querySelectorAll('.hub-search__theme')].map(t => t.textContent),
}))"""
FOCUSED = "() => ({id: document.activeElement.id, href: document.activeElement.href || ''})"


@pytest.fixture(scope="module")
def item(real_site) -> dict:
    """A real blog post with themes and a title no other page has."""
    pages = indexed_pages(real_site)
    titles = [p["meta"]["title"] for p in pages]
    posts = sorted(
        (p for p in pages if p["meta"]["type"] == "Blog post" and p["filters"].get("theme")),
        key=lambda p: p["url"],
    )
    return next(p for p in posts if titles.count(p["meta"]["title"]) == 1)


def open_with_keys(page, base: str) -> None:
    page.goto(base + START)
    page.keyboard.press("Control+k")
    page.locator("#hub-search[open]").wait_for()


def search_for(page, words: str) -> list[dict]:
    """Type into the open dialog; once the answer is drawn, the results shown."""
    page.locator("#hub-search-input").fill(words)
    return answered(page)


def answered(page) -> list[dict]:
    page.locator('#hub-search-results[aria-busy="false"]').wait_for(state="attached")
    return page.evaluate(SHOWN)


def status(page) -> str:
    return page.locator("#hub-search-status").text_content()


def test_nothing_about_search_loads_until_it_is_opened(page, server):
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    page.goto(server.url + START, wait_until="load")
    page.wait_for_timeout(500)
    assert not [u for u in urls if "/pagefind/" in u], "search loaded with the page"
    page.get_by_role("button", name="Search", exact=True).click()
    search_for(page, COMMON_WORD)
    fetched = [u for u in urls if "/pagefind/" in u]
    assert fetched and all(u.startswith(server.url) for u in fetched)
    assert any(u.endswith("pagefind.js") for u in fetched)


def test_ctrl_k_opens_a_named_dialog_and_results_show_type_date_and_themes(page, server, item):
    open_with_keys(page, server.url)
    assert page.evaluate(FOCUSED)["id"] == "hub-search-input"
    assert page.get_by_role("dialog", name="Search the hub").is_visible()
    shown = search_for(page, item["meta"]["title"])
    first = shown[0]
    assert first["title"] == item["meta"]["title"]
    assert urlsplit(first["href"]).path == item["url"]
    assert first["type"] == "Blog post"
    assert first["date"] == item["meta"]["date"]
    assert first["themes"] == item["filters"]["theme"]
    assert re.fullmatch(r"\d+ results? for “.+”\.", status(page)), status(page)
    live = page.locator("#hub-search-status")
    assert live.get_attribute("aria-live") == "polite" and live.get_attribute("role") == "status"
    assert page.evaluate("document.querySelector('#hub-search-results').tagName") == "UL"
    assert page.locator("#hub-search-results > li").count() == len(shown)


def test_arrow_keys_move_through_the_results_and_enter_follows_one(page, server):
    open_with_keys(page, server.url)
    shown = search_for(page, COMMON_WORD)
    assert len(shown) >= 2
    page.keyboard.press("ArrowDown")
    first = page.evaluate(FOCUSED)
    assert first["href"] == shown[0]["href"]
    page.keyboard.press("ArrowDown")
    second = page.evaluate(FOCUSED)
    assert second["href"] and second["href"] != first["href"]
    page.keyboard.press("ArrowUp")
    assert page.evaluate(FOCUSED)["href"] == first["href"]
    page.keyboard.press("ArrowUp")
    assert page.evaluate(FOCUSED)["id"] == "hub-search-input"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: urlsplit(url).path == urlsplit(first["href"]).path)
    assert page.locator("h1").first.text_content().strip() == shown[0]["title"]


@pytest.mark.parametrize("opening", ["button", "keys"])
def test_escape_closes_search_and_focus_returns_to_the_button(page, server, opening):
    page.goto(server.url + START)
    if opening == "button":
        page.get_by_role("button", name="Search", exact=True).click()
    else:
        page.keyboard.press("Control+k")
    search_for(page, COMMON_WORD)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Escape")
    assert not page.locator("#hub-search").evaluate("d => d.open")
    assert page.evaluate(FOCUSED)["id"] == "hub-search-open"


def test_filters_by_type_and_theme_narrow_the_results(page, server):
    open_with_keys(page, server.url)
    everything = search_for(page, COMMON_WORD)
    total = int(status(page).split()[0])
    page.locator("#hub-search-filters summary").click()
    page.get_by_role("group", name="Type").get_by_label("Case study", exact=True).check()
    cases = answered(page)
    assert cases and {r["type"] for r in cases} == {"Case study"}
    assert int(status(page).split()[0]) < total and "with the filters chosen" in status(page)
    theme = next(t for r in cases for t in r["themes"])
    page.get_by_role("group", name="Theme").get_by_label(theme, exact=True).check()
    narrowed = answered(page)
    assert narrowed and all(theme in r["themes"] and r["type"] == "Case study" for r in narrowed)
    assert len(everything) >= len(narrowed)


def test_newest_first_orders_the_results_by_date(page, server):
    open_with_keys(page, server.url)
    search_for(page, COMMON_WORD)
    page.locator("#hub-search-sort").select_option("newest")
    shown = answered(page)
    dates = [r["date"] for r in shown if r["date"]]
    assert len(dates) >= 5 and dates == sorted(dates, reverse=True)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_open_search_with_results_has_no_wcag_violations(browser, server, scheme, axe_source):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, color_scheme=scheme, bypass_csp=True
    )
    page = context.new_page()
    open_with_keys(page, server.url)
    search_for(page, COMMON_WORD)
    page.locator("#hub-search-filters summary").click()
    page.add_script_tag(content=axe_source)
    violations = page.evaluate(AXE_RUN, WCAG_TAGS)["violations"]
    context.close()
    assert not violations, describe("search", START, scheme, violations)


@pytest.fixture(scope="module")
def axe_source():
    from tests.browser.conftest import AXE

    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run 'make browser-deps' (npm ci installs axe-core)")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def strict_server(real_site):
    headers = parse_headers_file((real_site / "_headers").read_text())
    with Server(real_site, headers) as srv:
        yield srv


@pytest.mark.parametrize("delivery", ["header", "meta"])
def test_search_works_under_the_content_security_policy(browser, strict_server, server, delivery):
    site = strict_server if delivery == "header" else server
    context = browser.new_context()
    context.add_init_script(RECORD)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda msg: console.append(msg.text))
    workers: list[str] = []
    page.on("worker", lambda worker: workers.append(worker.url))
    open_with_keys(page, site.url)
    assert search_for(page, COMMON_WORD)
    problems = page.evaluate("window.__violations") + [
        text for text in console if "Content Security Policy" in text or "Pagefind" in text
    ]
    context.close()
    assert problems == [], f"{delivery}: {problems}"
    assert [w for w in workers if w.endswith("pagefind-worker.js")], "search did not run in its worker"


def test_opened_from_disk_search_says_how_to_serve_the_site(browser, real_site):
    context = browser.new_context()
    page = context.new_page()
    page.goto((real_site / START / "index.html").as_uri())
    page.keyboard.press("Control+k")
    page.locator("#hub-search[open]").wait_for()
    page.wait_for_function(
        "text => document.getElementById('hub-search-status').textContent === text", arg=SERVE
    )
    context.close()
