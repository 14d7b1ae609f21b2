"""Browser fixtures: the real site built once, served on 127.0.0.1, and Debian's
Chromium driven by Playwright (never a downloaded browser).

The server runs in a thread of the test process and stops with it. It serves
404.html with status 404 for unknown paths, as static hosts do, and can add
response headers (the deployment headers in deploy/headers.json) to pages.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path

import pytest

from tests.conftest import ROOT, mkdocs_build

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


class _Handler(http.server.SimpleHTTPRequestHandler):
    extra_headers: dict = {}

    def log_message(self, *args):  # keep test output quiet
        pass

    def end_headers(self):
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code == 404 and page.exists():
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().send_error(code, message, explain)


class Server:
    """A static server on 127.0.0.1 in a daemon thread."""

    def __init__(self, directory: Path, headers: dict | None = None):
        handler = type("Handler", (_Handler,), {"extra_headers": dict(headers or {})})
        self.httpd = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(handler, directory=str(directory))
        )
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}/"

    def __enter__(self) -> Server:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The repository's own site, built strictly into a temporary folder."""
    work = tmp_path_factory.mktemp("real")
    result = mkdocs_build(ROOT, out=work / "site")
    assert result.code == 0, result.text
    return work / "site"


@pytest.fixture(scope="session")
def server(real_site):
    with Server(real_site) as srv:
        yield srv


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists() or not shutil.which("chromium"):
        pytest.fail(
            "Debian's chromium is missing: run 'make test' (it installs it) or apt-get install chromium"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    # bypass_csp lets tests inject axe-core; tests/browser/test_csp.py checks the policy itself.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    yield page
    context.close()
