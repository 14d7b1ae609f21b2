"""Full-page PNGs of the key pages, at desktop and mobile widths, in the light and
dark schemes, for a person to look over (`make screenshots`; written to screenshots/).

The site is built strictly into a temporary folder and served on 127.0.0.1, as in
the browser tests; Debian's Chromium takes the pictures.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "hooks")]

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser import pages  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, Server  # noqa: E402
from tests.conftest import mkdocs_build  # noqa: E402

OUT = ROOT / "screenshots"
KEY_PAGES = ("home", "blog", "post", "library", "case-study", "theme", "subscribe", "not-found")
WIDTHS = {"desktop": 1280, "mobile": 390}
SCHEMES = ("light", "dark")


def shoot(browser, base_url: str, paths: dict[str, str], width_name: str, scheme: str) -> list[Path]:
    """Every key page at one width in one scheme."""
    width = WIDTHS[width_name]
    context = browser.new_context(
        viewport={"width": width, "height": 900},
        color_scheme=scheme,
        is_mobile=width < 600,
        has_touch=width < 600,
    )
    page = context.new_page()
    written = []
    for name in KEY_PAGES:
        page.set_viewport_size({"width": width, "height": 900})
        pages.visit(page, base_url, name, paths[name])
        # Grow the window to the whole page first: a resize during the capture
        # replays the header tabs' animation and catches it half way.
        height = page.evaluate("document.documentElement.scrollHeight")
        page.set_viewport_size({"width": width, "height": height})
        pages.settle(page)
        path = OUT / f"{name}-{width_name}-{scheme}.png"
        page.screenshot(path=str(path), full_page=True)
        written.append(path)
    context.close()
    return written


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        result = mkdocs_build(ROOT, out=site)
        if result.code:
            print(result.text, file=sys.stderr)
            return result.code
        paths = pages.resolve(site)
        OUT.mkdir(exist_ok=True)
        with Server(site) as server, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for scheme in SCHEMES:
                for width_name in WIDTHS:
                    for path in shoot(browser, server.url, paths, width_name, scheme):
                        print(path.relative_to(ROOT))
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
