"""Lighthouse's accessibility score is 100 on every page type (light scheme; dark on request).

Lighthouse (from node_modules, installed by `make browser-deps`) audits the real site,
served on 127.0.0.1, in Debian's Chromium: tests/lighthouse.mjs runs every page in
one browser per scheme, schemes side by side. Lighthouse's own checks
are axe-core's with a few of its own and a different choice of rules (heading order,
a main landmark, link purpose), so they run beside test_accessibility.py, not
instead of it. The search page is audited with its results shown. Lighthouse
emulates a phone, as it does by default.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.browser import pages
from tests.browser.conftest import CHROMIUM
from tests.browser.test_accessibility import SCHEMES
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

SCRIPT = ROOT / "tests" / "lighthouse.mjs"
INSTALLED = ROOT / "node_modules" / "lighthouse" / "package.json"
SECONDS = 300
# Lighthouse will not audit a page served with an error status, so the not-found
# page is audited as the file the server sends for every unknown path.
AS_SERVED = {"not-found": "/404.html"}
# The light scheme in every run; HUB_LIGHTHOUSE_SCHEMES=light,dark audits the dark one too (it
# scored 100 on every page type when last run; axe checks dark in every run, in
# test_accessibility.py). Each scheme costs about 45 s of CPU.
AUDITED = {
    s: SCHEMES[s] for s in os.environ.get("HUB_LIGHTHOUSE_SCHEMES", "light").split(",") if s in SCHEMES
}


def describe(result: dict) -> str:
    """A failure message: each audit that did not pass, with the elements it names."""
    lines = [f"{result['name']} ({result['path']}, {result['scheme']} scheme): score {result['score']}"]
    if result.get("error"):
        lines.append(f"  Lighthouse could not audit the page: {result['error']}")
    for audit in result["failing"]:
        lines.append(f"  {audit['id']}: {audit['title']}")
        lines.extend(f"    {node}" for node in audit["nodes"])
    return "\n".join(lines)


def run_lighthouse(base_url: str, entries: list[dict]) -> list[dict]:
    """Every entry audited in each scheme, by one Lighthouse process per scheme."""
    node = shutil.which("node")
    if node is None or not INSTALLED.exists() or not Path(CHROMIUM).exists():
        pytest.fail("Lighthouse needs node, node_modules/lighthouse and Chromium: run 'make browser-deps'")
    env = {**os.environ, "CHROME_PATH": CHROMIUM}

    def audit(scheme: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [node, str(SCRIPT), base_url, scheme],
            cwd=ROOT,
            env=env,
            input=json.dumps(entries),
            capture_output=True,
            text=True,
            timeout=SECONDS,
        )

    results = []
    with ThreadPoolExecutor(len(AUDITED)) as pool:
        for done in pool.map(audit, AUDITED):
            assert done.returncode == 0, (
                f"tests/lighthouse.mjs stopped (exit code {done.returncode}):\n{done.stderr}"
            )
            results += json.loads(done.stdout)
    return results


@pytest.fixture(scope="module")
def audited(real_site, server) -> dict[tuple[str, str], dict]:
    """(page type, scheme) -> what Lighthouse found, for every page type at once."""
    paths = pages.resolve(real_site)
    entries = [
        {"name": name, "path": AS_SERVED.get(name, paths[name]), "links": name == "search"}
        for name in pages.names()
    ]
    return {(r["name"], r["scheme"]): r for r in run_lighthouse(server.url, entries)}


@pytest.mark.parametrize("scheme", list(AUDITED))
@pytest.mark.parametrize("name", pages.names())
def test_lighthouse_accessibility_score_is_100(audited, name, scheme):
    result = audited[(name, scheme)]
    assert result["shown"] == SCHEMES[scheme], f"{name}: the {scheme} preference showed {result['shown']}"
    if name == "search":
        assert result["results"] > 0, "the search page was audited before its results were shown"
    assert result["score"] == 100 and not result["failing"], describe(result)
