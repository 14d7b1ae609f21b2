"""Every page type of the real site is valid HTML: the Nu Html Checker (vnu-jar from
the npm registry, pinned in package-lock.json, run with Debian's Java) finds no error
on one page of each type, the theme's markup included.

It needs `java` (Debian's default-jre-headless) and `node_modules/vnu-jar` (`npm ci`),
both installed by `make test`; it fails, never skips, when either is missing.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.browser import conftest as browser
from tests.browser import pages
from tests.conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

pytestmark = pytest.mark.browser
real_site = browser.real_site  # the browser suite's build of the real site, as a fixture here


def page_files(site: Path) -> dict[Path, str]:
    """The built file of each page type (types served by the same file share it)."""
    out: dict[Path, str] = {}
    for name, path in pages.resolve(site).items():
        if name == "not-found":
            file = site / "404.html"
        else:
            file = site / path.split("?")[0].strip("/") / "index.html"
        assert file.is_file(), f"{name}: {file} was not built"
        out.setdefault(file.resolve(), name)
    return out


def check(files: list[Path]) -> list[dict]:
    java = shutil.which("java")
    if not java:
        pytest.fail("java is missing: run 'make test' (it installs Debian's default-jre-headless)")
    if not VNU.is_file():
        pytest.fail("node_modules/vnu-jar is missing: run 'npm ci' (make test does)")
    proc = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    # The checker writes its report to standard error, and exits 1 when it found errors.
    return json.loads(proc.stderr)["messages"]


def test_every_page_type_is_valid_html(real_site):
    files = page_files(real_site)
    messages = check(sorted(files))
    lines = []
    for m in messages:
        name = files.get(Path(m.get("url", "").removeprefix("file:")).resolve(), m.get("url"))
        extract = " ".join(m.get("extract", "").split())
        lines.append(f"{name}: line {m.get('lastLine', '?')}: {m['type']}: {m['message']}\n    {extract}")
    if lines:
        print("\n".join(lines))
    assert not messages, f"{len(messages)} error(s) from the Nu Html Checker:\n" + "\n".join(lines)
