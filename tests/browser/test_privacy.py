"""No page of the hub talks to anyone but the host it is served from.

For every page type: every request the browser makes (including the search
worker's) goes to the test server; nothing sets a cookie; the page points at no
web-font service, hints no connection to another host, and runs no analytics.
"""

from __future__ import annotations

import warnings
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from tests.browser import pages

pytestmark = pytest.mark.browser

FONT_HOSTS = ("fonts.googleapis.com", "fonts.gstatic.com")
# What analytics snippets leave in a page's scripts: Material's own integration,
# Google's, and the common privacy-minded services (still a third party).
ANALYTICS_MARKERS = (
    "__md_analytics",
    "googletagmanager",
    "google-analytics",
    "gtag(",
    "datalayer",
    "plausible",
    "matomo",
    "_paq",
    "umami",
    "clarity.ms",
    "hotjar",
    "segment.com",
    "usefathom",
    "cloudflareinsights",
)
# URLs in the DOM that make the browser fetch or connect (links to follow are not here).
RESOURCE_URLS = """() => {
  const fetching = ["stylesheet", "icon", "preload", "prefetch", "preconnect", "dns-prefetch",
                    "modulepreload", "manifest", "apple-touch-icon", "prerender"];
  const urls = [];
  const add = value => urls.push(new URL(value, document.baseURI).href);
  for (const el of document.querySelectorAll("[src], [srcset], [poster], object[data], link[href]")) {
    if (el.tagName === "LINK") {
      if (fetching.some(rel => el.relList.contains(rel))) add(el.getAttribute("href"));
      continue;
    }
    for (const attr of ["src", "poster", "data"]) if (el.hasAttribute(attr)) add(el.getAttribute(attr));
    for (const part of (el.getAttribute("srcset") || "").split(",")) {
      if (part.trim()) add(part.trim().split(/\\s+/)[0]);
    }
  }
  return urls;
}"""


_SCRIPT_TYPES = ("", "text/javascript", "application/javascript", "module")


class _Code(HTMLParser):
    """The parts of a page that load or run things: <link> and <script> sources,
    script and style text. Prose is left out: a privacy notice may name a service."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._in = None

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag in ("link", "script"):
            self.parts.append(values.get("href") or values.get("src") or "")
        runs = tag == "style" or (tag == "script" and values.get("type", "") in _SCRIPT_TYPES)
        self._in = tag if runs else None

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in:
            self.parts.append(data)


def page_code(html: str) -> str:
    parser = _Code()
    parser.feed(html)
    return "\n".join(parser.parts).lower()


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def foreign(urls, home: str) -> list[str]:
    """URLs that leave the site: anything but the home origin, data: and blob:."""
    return sorted({u for u in urls if not u.startswith(("data:", "blob:")) and origin(u) != home})


@pytest.fixture(scope="module")
def paths(real_site) -> dict[str, str]:
    return pages.resolve(real_site)


@pytest.mark.parametrize("name", pages.names())
def test_page_stays_on_its_own_host(page, name, paths, server):
    urls: list[str] = []
    page.context.on("request", lambda request: urls.append(request.url))
    html = pages.visit(page, server.url, name, paths[name])
    where, home = f"{name} ({paths[name]})", origin(server.url)

    assert urls and urls[0].startswith(home), f"{where}: no request recorded"
    assert not foreign(urls, home), f"{where} requested: {foreign(urls, home)}"
    inline = sorted({u[:60] for u in urls if u.startswith(("data:", "blob:"))})
    if inline:
        warnings.warn(f"{where}: inline resources loaded (Material's own): {inline}", stacklevel=1)
    hinted = foreign(page.evaluate(RESOURCE_URLS), home)
    assert not hinted, f"{where} loads or connects to: {hinted}"
    assert page.context.cookies() == [], f"{where}: cookies set: {page.context.cookies()}"

    code = page_code(html)
    assert not [h for h in FONT_HOSTS if h in code], f"{where}: a <link> or style refers to a font service"
    analytics = [marker for marker in ANALYTICS_MARKERS if marker in code]
    assert not analytics, f"{where}: analytics in the page's scripts: {analytics}"
