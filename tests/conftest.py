"""Shared fixtures: a small fixture site, built once per session, and a runner
for the project's real commands.

The fixture site copies tests/fixtures/site and writes its mkdocs.yml from the
real one, so it exercises the real hooks, templates and configuration.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TODAY = "2026-11-26"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HUB_TODAY": TODAY, "PYTHONPATH": str(ROOT / "hooks")}

FIXTURE_NAV = [
    {"Home": "index.md"},
    {"Blog": "blog/index.md"},
    {"Case studies": "case-studies/index.md"},
    {"Guidance": ["guidance/index.md", "guidance/sharing-lawfully.md", "guidance/agreements.md"]},
    {"Themes": "themes/index.md"},
    {"About": ["about/index.md", "subscribe.md"]},
]


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err


def run(args: list[str], cwd: Path, env: dict | None = None, timeout: int = 300) -> Result:
    proc = subprocess.run(args, cwd=cwd, env=env or ENV, capture_output=True, text=True, timeout=timeout)
    return Result(proc.returncode, proc.stdout, proc.stderr)


def real_config() -> dict:
    return yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))


def make_site(target: Path, source: Path = FIXTURES / "site", **overrides) -> Path:
    """A copy of a fixture tree with a mkdocs.yml derived from the real one."""
    shutil.copytree(source, target, dirs_exist_ok=True)
    config = real_config()
    config["hooks"] = [str(ROOT / "hooks" / "ishub_mkdocs.py")]
    config["theme"]["custom_dir"] = str(ROOT / "overrides")
    config["nav"] = FIXTURE_NAV
    config["extra"]["listing"] = {**config["extra"]["listing"], "blog_page_size": 5, "theme_page_size": 5}
    for key, value in overrides.items():
        config[key] = value
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return target


def mkdocs_build(site: Path, out: Path | None = None, env: dict | None = None) -> Result:
    out = out or site / "site"
    return run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(site / "mkdocs.yml"), "-d", str(out)],
        cwd=site,
        env=env,
    )


def check_and_build(site: Path, out: Path) -> tuple[Result, Result]:
    """`ishub check` and a strict build (into `out`) of one site: a pull request's two verdicts."""
    return run([sys.executable, "-m", "ishub", "check"], cwd=site), mkdocs_build(site, out=out)


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """The fixture site, built once with a strict build; returns its site/ folder."""
    site = make_site(tmp_path_factory.mktemp("fixture") / "repo")
    result = mkdocs_build(site)
    assert result.code == 0, result.text
    return site / "site"


def read(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")
