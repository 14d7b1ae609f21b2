"""The GitHub workflows: valid against GitHub's schema, free of zizmor findings,
every action pinned to a commit, no checkout that keeps the token, and write
access only where Pages needs it.

Both tools come from the project's virtual environment and run without the
network (zizmor with --offline).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

WORKFLOWS_DIR = ROOT / ".github" / "workflows"
WORKFLOWS = sorted(WORKFLOWS_DIR.glob("*.yml"))
BIN = Path(sys.executable).parent
SHA = re.compile(r"[0-9a-f]{40}")
# `uses: owner/repo@<40 hex> # v1.2.3`, as written on one line.
PINNED_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s+[\w.-]+/[\w./-]+@[0-9a-f]{40}\s+#\s+v\d+(?:\.\d+)*\s*$")


def tool(name: str) -> str:
    path = BIN / name
    if not path.exists():
        pytest.fail(f"{name} is missing from {BIN}: run 'make test' (it installs the test tools)")
    return str(path)


def offline_env() -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if k not in {"GH_TOKEN", "GITHUB_TOKEN", "ZIZMOR_GITHUB_TOKEN"}
    }
    env["ZIZMOR_OFFLINE"] = "true"
    env["NO_COLOR"] = "1"
    return env


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name}: not a mapping"
    # PyYAML reads the bare key `on` as the boolean True.
    if True in data:
        data["on"] = data.pop(True)
    return data


def steps(workflow: dict):
    for job_id, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield job_id, step


def describe(finding: dict) -> str:
    """One line for a zizmor finding: its audit, severity and where it is."""
    where = []
    for loc in finding.get("locations", []):
        path = loc.get("symbolic", {}).get("key", {}).get("Local", {}).get("verbatim_path", "?")
        row = loc.get("concrete", {}).get("location", {}).get("start_point", {}).get("row")
        where.append(f"{path}:{row + 1}" if isinstance(row, int) else path)
    severity = finding.get("determinations", {}).get("severity", "?")
    return f"{finding.get('ident')} ({severity}): {finding.get('desc')} at {', '.join(where)}"


def test_the_workflows_are_there():
    assert {"deploy.yml", "pull-request.yml"} <= {p.name for p in WORKFLOWS}


def test_workflows_match_githubs_schema():
    result = subprocess.run(
        [tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=offline_env(),
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing():
    # --no-config and --no-ignores: nothing can be silenced outside this command.
    command = [
        tool("zizmor"),
        "--offline",
        "--no-progress",
        "--no-config",
        "--no-ignores",
        "--color",
        "never",
        "--format",
        "json",
        str(WORKFLOWS_DIR),
    ]
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=offline_env(), timeout=120)
    try:
        findings = json.loads(result.stdout)
    except json.JSONDecodeError:
        pytest.fail(
            f"zizmor did not print JSON (exit {result.returncode}):\n{result.stdout}\n{result.stderr}"
        )
    summary = "\n".join(describe(finding) for finding in findings)
    assert findings == [], f"zizmor findings:\n{summary}\n\n{json.dumps(findings, indent=2)}"
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit(path: Path):
    workflow = load(path)
    uses = [(job_id, step["uses"]) for job_id, step in steps(workflow) if "uses" in step]
    assert uses, f"{path.name} uses no action"
    for job_id, ref in uses:
        action, _, version = ref.partition("@")
        assert SHA.fullmatch(version), (
            f"{path.name}, job {job_id}: {ref} is not pinned to a 40-hex commit SHA"
        )
    # The release is named in a trailing comment, for people and for update tools.
    lines = [
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if re.match(r"^\s*(?:-\s+)?uses:", line)
    ]
    assert len(lines) == len(uses)
    for line in lines:
        assert PINNED_LINE.match(line), f"{path.name}: {line.strip()!r} lacks its '# vX.Y.Z' comment"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_checkout_does_not_keep_the_token(path: Path):
    checkouts = [
        (job_id, step)
        for job_id, step in steps(load(path))
        if step.get("uses", "").startswith("actions/checkout@")
    ]
    assert checkouts, f"{path.name} checks nothing out"
    for job_id, step in checkouts:
        assert (step.get("with") or {}).get("persist-credentials") is False, (
            f"{path.name}, job {job_id}: actions/checkout needs 'persist-credentials: false'"
        )


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_permissions_are_per_job_and_least(path: Path):
    workflow = load(path)
    assert workflow.get("permissions") in ({}, {"contents": "read"}), (
        f"{path.name}: the workflow-level permissions must grant nothing, or only contents: read"
    )
    for job_id, job in workflow["jobs"].items():
        assert "permissions" in job, f"{path.name}, job {job_id}: give the job its own permissions"
        writes = {scope for scope, level in (job["permissions"] or {}).items() if level == "write"}
        if job_id == "deploy" and path.name == "deploy.yml":
            assert writes == {"pages", "id-token"}, f"{path.name}, job deploy: {sorted(writes)}"
        else:
            assert not writes, f"{path.name}, job {job_id} must not write: {sorted(writes)}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_expressions_in_run_scripts(path: Path):
    # Values reach scripts through env:, never pasted into the script text.
    for job_id, step in steps(load(path)):
        assert "${{" not in step.get("run", ""), f"{path.name}, job {job_id}: an expression inside run:"


def test_the_build_runs_in_debian_with_the_projects_python():
    for path in WORKFLOWS:
        for job_id, job in load(path)["jobs"].items():
            if any("make " in step.get("run", "") for step in job.get("steps", [])):
                image = (job.get("container") or {}).get("image", "")
                assert re.fullmatch(r"python:3\.11(?:\.\d+)?-bookworm", image), (
                    f"{path.name}, job {job_id}: {image!r}"
                )
