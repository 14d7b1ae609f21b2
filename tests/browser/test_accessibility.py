"""WCAG 2.2 AA checks with axe-core on every page type, in the light and the dark scheme.

axe-core comes from node_modules (installed by `make browser-deps`) and is put into
each page as an inline script, so no check ever fetches anything. Material picks
its scheme from the `media` of each palette in mkdocs.yml, so emulating the
visitor's colour-scheme preference is what a dark-mode visitor gets.
"""

from __future__ import annotations

import pytest

from tests.browser import pages
from tests.browser.conftest import AXE

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_RUN = "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"
# The preference each test emulates and the scheme Material must then show.
SCHEMES = {"light": "default", "dark": "slate"}


def describe(name: str, path: str, scheme: str, violations: list[dict]) -> str:
    """A failure message: each broken rule with its impact, help text and nodes."""
    lines = [f"{name} ({path}, {scheme} scheme): {len(violations)} axe rule(s) broken"]
    for rule in violations:
        lines.append(f"  {rule['id']} ({rule['impact']}): {rule['help']}")
        for node in rule["nodes"]:
            lines.append(f"    {' '.join(str(t) for t in node['target'])}")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run 'make browser-deps' (npm ci installs axe-core)")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def paths(real_site) -> dict[str, str]:
    return pages.resolve(real_site)


@pytest.fixture(scope="module", params=list(SCHEMES))
def scheme_page(request, browser):
    """One page per scheme, reused by every page type (loading is what costs).
    The pages' own Content-Security-Policy forbids inline scripts, axe included:
    it is set aside here only (test_csp.py checks the policy itself)."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, color_scheme=request.param, bypass_csp=True
    )
    yield request.param, context.new_page()
    context.close()


@pytest.mark.parametrize("name", pages.names())
def test_page_has_no_wcag_violations(scheme_page, name, paths, server, axe_source):
    scheme, page = scheme_page
    pages.visit(page, server.url, name, paths[name])
    shown = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert shown == SCHEMES[scheme], f"{name}: the {scheme} preference showed scheme {shown}"
    page.add_script_tag(content=axe_source)
    violations = page.evaluate(AXE_RUN, WCAG_TAGS)["violations"]
    assert not violations, describe(name, paths[name], scheme, violations)
