"""The deployment headers hold: key pages load under the site's own
Content-Security-Policy (from the built `_headers` file) with no violation."""

from __future__ import annotations

import pytest
from ishub.security import parse_headers_file

from tests.browser.conftest import Server

pytestmark = pytest.mark.browser

PAGES = [
    "",
    "blog/",
    "blog/page/2/",
    "case-studies/",
    "case-studies/region/wales/",
    "themes/governance/",
    "guidance/sharing-lawfully/",
    "subscribe/",
    "about/team/",
    "insights/",
    "about/open-data/",
    "no-such-page/",
]
RECORD = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e =>
  window.__violations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + (e.sourceFile || '')));
"""


@pytest.fixture(scope="module")
def strict_server(real_site):
    headers = parse_headers_file((real_site / "_headers").read_text())
    assert "Content-Security-Policy" in headers
    with Server(real_site, headers) as srv:
        yield srv


def test_headers_file_names_the_recommended_headers(real_site):
    headers = parse_headers_file((real_site / "_headers").read_text())
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "'unsafe-inline'" not in headers["Content-Security-Policy"]


def test_every_page_carries_its_policy_in_a_meta_element(real_site):
    for page in real_site.rglob("*.html"):
        head = page.read_text(encoding="utf-8").split("</head>")[0]
        assert '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'' in head, page


@pytest.mark.parametrize("delivery", ["header", "meta"])
@pytest.mark.parametrize("path", PAGES)
def test_pages_satisfy_the_content_security_policy(browser, strict_server, server, path, delivery):
    # "header": the host sends _headers; "meta": a host that cannot (the page's own meta element).
    site = strict_server if delivery == "header" else server
    context = browser.new_context()
    context.add_init_script(RECORD)
    page = context.new_page()
    console = []
    page.on(
        "console", lambda msg: console.append(msg.text) if "Content Security Policy" in msg.text else None
    )
    page.goto(site.url + path, wait_until="load")
    if path == "case-studies/":
        boxes = page.locator("#hub-filters input[type=checkbox]")
        if boxes.count():
            boxes.first.check()
    page.wait_for_timeout(200)
    violations = page.evaluate("window.__violations") + console
    context.close()
    assert violations == [], f"{path}: {violations}"
