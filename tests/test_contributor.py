"""The contributor workflow: `make new`, the body rules' messages, the guide and
schemas against the code, and the repository's GitHub and pre-commit files.
"""

from __future__ import annotations

import copy
import importlib.util
import re
import shutil
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from ishub.config import load_hub_config, read_mkdocs_yml
from ishub.fields import check_fields
from ishub.frontmatter import Source, read_source
from ishub.lint import check_body
from ishub.problems import WARNING
from ishub.reference import (
    END,
    GUIDE,
    START,
    field_reference,
    insert_reference,
    json_schema,
    schema_path,
    schema_text,
)
from ishub.schema import KINDS
from ishub.sources import discover

from tests.conftest import FIXTURE_NAV, ROOT, TODAY, make_site, mkdocs_build, read, run

TITLE = "Our first year"
ISHUB = [sys.executable, "-m", "ishub"]


def ishub(site: Path, *args: str):
    return run([*ISHUB, "--root", str(site), *args], cwd=site)


def real_hub():
    hub, problems = load_hub_config(ROOT, read_mkdocs_yml(ROOT / "mkdocs.yml"))
    assert hub is not None, problems
    return hub


# --- make new ------------------------------------------------------------------

NEW = {
    "post": f"blog/{TODAY}-our-first-year.md",
    "case-study": "case_studies/our-first-year.md",
    "guidance": "docs/guidance/our-first-year.md",
}
URLS = {
    "post": "blog/our-first-year/",
    "case-study": "case-studies/our-first-year/",
    "guidance": "guidance/our-first-year/",
}
PLACEHOLDER_MESSAGES = {
    "post": [
        "{p}:4: authors: 'REPLACE-with-your-author-id' is not an author in blog/authors.yml; "
        "choose from the list (authors: ada-author, ben-writer; new ones go in blog/authors.yml)",
        "{p}:4: authors: still has the template's REPLACE text; write the real authors in its place",
        "{p}:5: summary: still has the template's REPLACE text; write the real summary in its place",
        "{p}:9: body: still has template text marked REPLACE; replace it with your own words",
        "{p}:13: body: still has template text marked REPLACE; replace it with your own words",
        "{p}:17: body: still has template text marked REPLACE; replace it with your own words",
        "{p}:21: body: still has template text marked REPLACE; replace it with your own words",
    ],
    "case-study": [
        "{p}:4: summary: still has the template's REPLACE text; write the real summary in its place",
        "{p}:5: organisations: still has the template's REPLACE text; "
        "write the real organisations in its place",
        "{p}:6: place: still has the template's REPLACE text; write the real place in its place",
        "{p}:7: region: 'REPLACE-with-a-region-id' is not a region; choose from the list "
        "(regions: north-east, north-west, yorkshire-and-the-humber, east-midlands, west-midlands, "
        "east-of-england, london, south-east, south-west, wales, scotland, northern-ireland, national; "
        "new ones go in mkdocs.yml)",
        "{p}:7: region: still has the template's REPLACE text; write the real region in its place",
        "{p}:8: policy_areas: 'REPLACE-with-a-policy-area-id' is not a policy area; choose from the list "
        "(policy areas: early-intervention, health-and-social-care, policing-and-community-safety, "
        "safeguarding-children, safeguarding-adults, domestic-abuse, troubled-families, "
        "welfare-and-employment, mental-health, housing-and-homelessness; new ones go in mkdocs.yml)",
        "{p}:8: policy_areas: still has the template's REPLACE text; "
        "write the real policy_areas in its place",
        "{p}:9: partners: still has the template's REPLACE text; write the real partners in its place",
        "{p}:10: outcomes: still has the template's REPLACE text; write the real outcomes in its place",
        "{p}:17: body: still has template text marked REPLACE; replace it with your own words",
        "{p}:21: body: still has template text marked REPLACE; replace it with your own words",
        "{p}:25: body: still has template text marked REPLACE; replace it with your own words",
        "{p}:29: body: still has template text marked REPLACE; replace it with your own words",
        "{p}:33: body: still has template text marked REPLACE; replace it with your own words",
    ],
    "guidance": [
        "{p}:3: summary: still has the template's REPLACE text; write the real summary in its place",
        "{p}:10: body: still has template text marked REPLACE; replace it with your own words",
        "{p}:14: body: still has template text marked REPLACE; replace it with your own words",
        "{p}:18: body: still has template text marked REPLACE; replace it with your own words",
        "{p}:22: body: still has template text marked REPLACE; replace it with your own words",
    ],
}
FILLED = {
    "authors": "[ada-author]",
    "summary": "What a year of sharing taught the partnership.",
    "organisations": "[Harrowfield City Council]",
    "place": "Harrowfield",
    "region": "north-west",
    "policy_areas": "[domestic-abuse]",
    "partners": "[Harrowfield Police]",
}
BODY = "The partners agreed a lawful basis and signed an information sharing agreement under UK GDPR."


def fill(text: str) -> str:
    """The template with every REPLACE line given a real value, as a contributor would."""
    out = []
    for line in text.split("\n"):
        key = line.split(":", 1)[0]
        if "REPLACE" not in line:
            out.append(line)
        elif key in FILLED:
            out.append(f"{key}: {FILLED[key]}")
        elif line.startswith("  - "):
            out.append("  - Referrals answered in two days instead of ten")
        else:
            out.append(BODY)
    return "\n".join(out)


def nav_with_new_guidance() -> list:
    nav = copy.deepcopy(FIXTURE_NAV)
    next(entry for entry in nav if "Guidance" in entry)["Guidance"].append("guidance/our-first-year.md")
    return nav


@pytest.fixture
def repo(tmp_path) -> Path:
    site = make_site(tmp_path / "repo")
    shutil.copytree(ROOT / "templates", site / "templates")
    return site


@pytest.mark.parametrize("kind", sorted(NEW))
def test_new_creates_the_item_from_its_template(repo, kind):
    result = ishub(repo, "new", kind, TITLE)
    path = NEW[kind]
    expected = f"Created {path}. Replace every REPLACE text, then run make check and make serve.\n"
    if kind == "guidance":
        expected += (
            "Add 'guidance/our-first-year.md' under Guidance in the nav: of mkdocs.yml; the build stops "
            "on a guidance page that is not in the navigation.\n"
        )
    assert (result.code, result.out) == (0, expected)
    text = read(repo, path)
    template = (ROOT / "templates" / f"{kind}.md").read_text(encoding="utf-8")
    assert text == template.replace("{{title}}", TITLE).replace("{{date}}", TODAY)
    assert f'title: "{TITLE}"\n' in text


@pytest.mark.parametrize("kind", sorted(NEW))
def test_check_names_every_placeholder_of_a_new_item(repo, kind):
    ishub(repo, "new", kind, TITLE)
    result = ishub(repo, "check")
    path = NEW[kind]
    assert result.code == 1
    found = [line for line in result.out.splitlines() if line.startswith(path)]
    assert found == [m.format(p=path) for m in PLACEHOLDER_MESSAGES[kind]]
    assert f"{len(found)} error(s)" in result.err
    assert "Traceback" not in result.text


@pytest.mark.parametrize("kind", sorted(NEW))
def test_new_refuses_to_overwrite(repo, kind):
    assert ishub(repo, "new", kind, TITLE).code == 0
    path = repo / NEW[kind]
    path.write_text("my work", encoding="utf-8")
    result = ishub(repo, "new", kind, TITLE.upper())
    assert result.code == 1
    assert result.err == f"error: {NEW[kind]} already exists; choose another title or edit that file\n"
    assert result.out == ""
    assert path.read_text(encoding="utf-8") == "my work"


@pytest.mark.parametrize("kind", sorted(NEW))
def test_a_filled_in_item_passes_the_check_and_is_published(repo, kind, tmp_path):
    ishub(repo, "new", kind, TITLE)
    path = repo / NEW[kind]
    path.write_text(fill(path.read_text(encoding="utf-8")), encoding="utf-8")
    assert "REPLACE" not in path.read_text(encoding="utf-8")
    if kind == "guidance":  # as the contributor is told: list the new page in the navigation
        result = ishub(repo, "check")
        assert f"{NEW[kind]}:1: nav: the guidance page is not in the site's navigation" in result.out
        make_site(repo, nav=nav_with_new_guidance())
    result = ishub(repo, "check")
    assert result.code == 0, result.text
    assert NEW[kind] not in result.text
    assert "0 error(s)" in result.err
    built = mkdocs_build(repo, tmp_path / "out")
    assert built.code == 0, built.text
    page = read(tmp_path / "out", URLS[kind] + "index.html")
    assert f"<h1>{TITLE}</h1>" in page or f">{TITLE}</h1>" in page
    assert BODY in page


def test_new_rejects_an_unknown_type(repo):
    result = ishub(repo, "new", "blog", TITLE)
    assert result.code == 2
    assert "invalid choice: 'blog' (choose from 'case-study', 'guidance', 'post')" in result.err
    assert not list((repo / "blog").glob(f"{TODAY}-*.md"))


# --- The body rules, one test per message ------------------------------------------------

PATH = "blog/2026-11-24-our-first-year.md"
RULES = [
    (
        "image without alt text",
        "Para.\n\n![](images/chart.svg)",
        f"{PATH}:12: image: has no alt text; "
        "describe the image between the brackets: ![what it shows](file.svg)",
        "error",
    ),
    (
        "img tag without alt text",
        '<img src="images/chart.svg">',
        f"{PATH}:10: image: has no alt text; use Markdown, ![what it shows](file.svg), with a description",
        "error",
        f"{PATH}:10: body: contains raw HTML; use Markdown instead",
    ),
    (
        "raw HTML",
        "Our <span>partners</span> agreed.",
        f"{PATH}:10: body: contains raw HTML; use Markdown instead",
        WARNING,
    ),
    (
        "localhost link",
        "See [the preview](http://127.0.0.1:8000/blog/).",
        f"{PATH}:10: link: points to a local machine (localhost); link to the public address instead",
        WARNING,
    ),
    (
        "heading skip",
        "## What we did\n\n#### Who took part",
        f"{PATH}:12: body: heading skips from level 2 to 4; use ### here",
        WARNING,
    ),
    (
        "level-1 heading",
        "# Our first year",
        f"{PATH}:10: body: has a level-1 heading; the title is the page's only one; use '##' for sections",
        WARNING,
    ),
    (
        "vague link text",
        "Read the code of practice [click here](https://ico.org.uk/).",
        f"{PATH}:10: link: the link text 'click here' says nothing out of context; name where the link goes, "
        "e.g. [our guidance on DPIAs](...)",
        WARNING,
    ),
    (
        "placeholder",
        "Intro.\n\nREPLACE with what happened.",
        f"{PATH}:12: body: still has template text marked REPLACE; replace it with your own words",
        "error",
    ),
]


@pytest.mark.parametrize("rule", RULES, ids=[r[0] for r in RULES])
def test_each_body_rule_says_what_is_wrong_and_how_to_fix_it(rule):
    _name, body, message, severity, *also = rule
    problems = check_body(PATH, body, 10)
    assert [str(p) for p in problems] == [message, *also]
    assert problems[0].severity == severity


def test_missing_case_study_sections_are_named():
    problems = check_body("case_studies/x.md", "## The challenge\n\nText.\n\n## Contact\n", 8, "case-study")
    assert [(str(p), p.severity) for p in problems] == [
        (
            "case_studies/x.md:8: body: the recommended sections 'What was done', 'What changed', "
            "'Lessons' are missing; add them as '## ' headings, in the order of the template",
            WARNING,
        )
    ]


@pytest.mark.parametrize(
    "body",
    [
        "```html\n<script>alert(1)</script>\n```",
        "Write `<span>` or `javascript:` in code, and [the ICO's code](https://ico.org.uk/) as a link.",
        '<div class="hub-insert" data-hub="latest-posts"></div>',
    ],
)
def test_code_and_good_markdown_raise_nothing(body):
    assert check_body(PATH, body, 10) == []


# --- The guide and the schemas against the code --------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_committed_json_schema_is_up_to_date(kind):
    committed = (ROOT / schema_path(kind)).read_text(encoding="utf-8")
    assert committed == schema_text(kind, real_hub()), "run make schemas and commit the result"


def test_contributing_field_reference_is_up_to_date():
    guide = (ROOT / GUIDE).read_text(encoding="utf-8")
    assert insert_reference(guide, field_reference(real_hub())) == guide, (
        "run make schemas and commit the result"
    )
    assert guide.count(START) == guide.count(END) == 1


def test_schema_check_command_passes_on_the_repository():
    result = run([*ISHUB, "schema", "--check"], cwd=ROOT)
    assert result.code == 0, result.text


def test_schema_command_writes_the_schemas_and_the_reference(tmp_path):
    site = make_site(tmp_path / "repo")
    (site / GUIDE).write_text(f"# Guide\n\n{START}\nold\n{END}\n\nAfter.\n", encoding="utf-8")
    stale = ishub(site, "schema", "--check")
    assert stale.code == 1
    assert stale.err.splitlines() == [
        f"{p}: out of date; run make schemas and commit the result"
        for p in (
            "schemas/post.schema.json",
            "schemas/case-study.schema.json",
            "schemas/guidance.schema.json",
            GUIDE,
        )
    ]
    written = ishub(site, "schema")
    assert written.code == 0, written.text
    assert written.out.splitlines() == [f"Wrote {schema_path(k)}" for k in KINDS] + [f"Wrote {GUIDE}"]
    guide = read(site, GUIDE)
    assert guide.startswith(f"# Guide\n\n{START}\n\n<!-- Made by `make schemas`")
    assert guide.endswith(f"\n\n{END}\n\nAfter.\n")
    assert (
        "| `ada-author` | Ada Author | Head of Testing, Centre of Excellence for Information Sharing |"
        in guide
    )
    assert "| `authors` | yes | list of author ids ([allowed authors](#allowed-authors)) |" in guide
    assert '"ben-writer"' in read(site, "schemas/post.schema.json")
    again = ishub(site, "schema", "--check")
    assert (again.code, again.err) == (0, "")
    assert "up to date" in again.out


def test_schema_command_needs_the_markers(tmp_path):
    site = make_site(tmp_path / "repo")
    (site / GUIDE).write_text("# Guide\n", encoding="utf-8")
    result = ishub(site, "schema")
    assert result.code == 1
    assert result.err == (
        f"{GUIDE}:1: markers: the lines {START} and {END} are missing; put them, in that "
        "order, where the field reference belongs\n"
    )
    assert not (site / "schemas").exists()


def real_front_matter() -> list[tuple[str, str, dict]]:
    files, _assets, _problems = discover(real_hub())
    out = []
    for cf in files:
        src, problems = read_source(cf.path, cf.read_bytes())
        assert src is not None and not problems, problems
        out.append((cf.kind, cf.path, src.meta))
    return out


def test_every_schema_is_a_valid_draft_2020_12_schema():
    for kind in KINDS:
        jsonschema.Draft202012Validator.check_schema(json_schema(kind, real_hub()))


def test_json_schema_accepts_every_real_content_file():
    hub = real_hub()
    validators = {k: jsonschema.Draft202012Validator(json_schema(k, hub)) for k in KINDS}
    found = real_front_matter()
    assert {kind for kind, _path, _meta in found} == set(KINDS)
    for kind, path, meta in found:
        errors = [e.message for e in validators[kind].iter_errors(meta)]
        assert errors == [], path


BAD = [
    ("post", {"authors": ["holly"]}, "'holly' is not one of"),
    ("post", {"date": "2026-11-24 10:00"}, "does not match"),
    ("post", {"date": "24/11/2026"}, "does not match"),
    ("post", {"sumary": "Typo."}, "Additional properties are not allowed ('sumary' was unexpected)"),
    ("post", {"themes": "governance"}, "'governance' is not of type 'array'"),
    ("post", {"draft": "yes"}, "'yes' is not of type 'boolean'"),
    ("case-study", {"region": "north-wset"}, "'north-wset' is not one of"),
    ("case-study", {"policy_areas": []}, "[] should be non-empty"),
    ("case-study", {"organisations": "Harrowfield City Council"}, "is not of type 'array'"),
    ("guidance", {"title": "x" * 121}, "is too long"),
    (
        "guidance",
        {"publised": "2026-11-24"},
        "Additional properties are not allowed ('publised' was unexpected)",
    ),
    ("guidance", {"changes": [{"date": "2026-11-24"}]}, "'note' is a required property"),
]
GOOD = {
    "post": {
        "title": "Our first year",
        "date": "2026-11-24",
        "authors": ["holly-marie-draper"],
        "summary": "What we learnt.",
    },
    "case-study": {
        "title": "A hub",
        "date": "2026-11-24",
        "summary": "What we did.",
        "organisations": ["Harrowfield City Council"],
        "place": "Harrowfield",
        "region": "north-west",
        "policy_areas": ["domestic-abuse"],
    },
    "guidance": {"title": "Working with schools", "summary": "Who shares what.", "updated": "2026-11-24"},
}


@pytest.mark.parametrize(("kind", "change", "error"), BAD, ids=[f"{k}-{next(iter(c))}" for k, c, _ in BAD])
def test_json_schema_and_check_both_reject_bad_front_matter(kind, change, error):
    hub = real_hub()
    validator = jsonschema.Draft202012Validator(json_schema(kind, hub))
    assert list(validator.iter_errors(GOOD[kind])) == []
    meta = {**GOOD[kind], **change}
    messages = [e.message for e in validator.iter_errors(meta)]
    assert any(error in m for m in messages), messages
    _values, problems = check_fields(kind, Source("x.md", meta), hub)
    assert problems, "the hub's own check accepts what the editor schema rejects"


def test_json_schema_requires_the_required_fields():
    validator = jsonschema.Draft202012Validator(json_schema("case-study", real_hub()))
    messages = sorted(e.message for e in validator.iter_errors({"title": "A hub"}))
    assert messages == [
        f"'{f}' is a required property"
        for f in sorted(("date", "organisations", "place", "policy_areas", "region", "summary"))
    ]


# --- The messages quoted in CONTRIBUTING.md are the messages make check prints ------------

EXAMPLES = {
    "blog/2026-11-24-our-first-year.md": """---
title: Our first year
date: 2026-11-24
authors: [holly]
summary: What we learnt about trust in our first year.
themes: [goverance]
---

## What we did

#### Who took part

Our partners <span>joined</span> the steering group.

We tried the draft on http://localhost:8000/blog/ first.

Read the ICO's code of practice [here](https://ico.org.uk/).

![](images/first-year.svg)

REPLACE with two or three practical points.
""",
    "blog/2026-11-25-sharing-the-basics.md": """---
title: Sharing: the basics
date: 2026-11-25
authors: [holly-marie-draper]
summary: The basics of sharing.
---

Text.
""",
    "blog/2026-11-26-a-date-mix-up.md": """---
title: A date mix-up
date: 2026-11-27
updated: 2026-11-01
authors: [holly-marie-draper]
summary: Dates that disagree.
themes: [culture]
---

Text.
""",
    "blog/2026-11-20-twice.md": """---
title: Twice
date: 2026-11-20
authors: [holly-marie-draper]
summary: A field given twice.
themes: [culture]
themes: [governance]
---

Text.
""",
    "blog/2026-11-21-a-lovely-day.md": """---
title: A lovely day
date: 2026-11-21
authors: [holly-marie-draper]
summary: We had a lovely day out.
---

The sun shone and everyone enjoyed the walk by the river.
""",
    "case_studies/Harrowfield Hub.md": "---\ntitle: Harrowfield hub\n---\n\nText.\n",
    "case_studies/harrowfield-safeguarding-hub.md": """---
title: A safeguarding hub in Harrowfield
date: 2026-02-30
sumary: Partners in Harrowfield set up a hub.
organisations: Harrowfield City Council
place: Harrowfield
region: north-wset
policy_areas: [domestic abuse]
---

## The challenge

<script src="https://example.org/widget.js"></script>

<button onclick="track()">Show the chart</button>

[Open the form](javascript:openForm())
""",
    "docs/guidance/working-with-schools.md": """---
title: Working with schools
summary: "REPLACE with one or two plain sentences saying who this guidance is for and what it covers."
updated: 2026-11-20 09:30
---

Schools share information about children under the Children Act 2004.
""",
}
MESSAGE_LINE = re.compile(r"^(?:warning: )?[a-z_/]+/[^:]+\.md:\d+: ")


def quoted_messages() -> list[str]:
    """Every check message quoted in a code block of CONTRIBUTING.md."""
    guide = (ROOT / GUIDE).read_text(encoding="utf-8")
    blocks = re.findall(r"^ *```text\n(.*?)^ *```", guide, flags=re.M | re.S)
    return [
        line.strip() for block in blocks for line in block.splitlines() if MESSAGE_LINE.match(line.strip())
    ]


@pytest.fixture(scope="module")
def example_output(tmp_path_factory) -> list[str]:
    root = tmp_path_factory.mktemp("examples")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    (root / "blog").mkdir()
    shutil.copy(ROOT / "blog" / "authors.yml", root / "blog" / "authors.yml")
    for rel, text in EXAMPLES.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    result = ishub(root, "check")
    assert result.code == 1 and "Traceback" not in result.text
    return result.out.splitlines()


def test_contributing_quotes_the_messages_make_check_prints(example_output):
    quoted = quoted_messages()
    assert len(quoted) >= 25
    missing = [line for line in quoted if not line.endswith("...") and line not in example_output]
    assert missing == []
    for line in (q for q in quoted if q.endswith("...")):
        assert any(out.startswith(line[:-3]) for out in example_output), line


def test_problem_matcher_reads_every_message(example_output):
    matcher = yaml.safe_load((ROOT / ".github" / "content-problems.json").read_text(encoding="utf-8"))
    pattern = matcher["problemMatcher"][0]["pattern"][0]
    regexp = re.compile(pattern["regexp"])
    for line in example_output:
        m = regexp.match(line)
        assert m, line
        severity = m.group(pattern["severity"]) or matcher["problemMatcher"][0]["severity"]
        assert severity == ("warning" if line.startswith("warning: ") else "error")
        assert (ROOT / "x" / m.group(pattern["file"])).suffix == ".md"
        assert int(m.group(pattern["line"])) >= 1


# --- GitHub workflows, issue forms and pre-commit -------------------------------------------

OFFICIAL_ACTIONS = {
    "actions/checkout",
    "actions/upload-artifact",
    "actions/configure-pages",
    "actions/upload-pages-artifact",
    "actions/deploy-pages",
}
MAKE = re.compile(r"(?:^|[;&|]\s*|\s)make\s+([a-z][\w-]*)", re.M)


def makefile_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][\w-]*):(?!=)", text, flags=re.M))


def workflow(name: str) -> dict:
    data = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads a bare `on` as true
    return data


def steps(data: dict) -> list[dict]:
    return [step for job in data["jobs"].values() for step in job.get("steps", [])]


@pytest.mark.parametrize("name", ["pull-request.yml", "deploy.yml"])
def test_workflow_uses_only_official_actions_and_real_make_targets(name):
    data = workflow(name)
    uses = {step["uses"].split("@")[0] for step in steps(data) if "uses" in step}
    assert uses and uses <= OFFICIAL_ACTIONS
    targets = [t for step in steps(data) for t in MAKE.findall(step.get("run", ""))]
    assert targets and set(targets) <= makefile_targets()


def test_pull_request_workflow_checks_tests_builds_and_keeps_a_preview():
    data = workflow("pull-request.yml")
    assert "pull_request" in data["on"]
    runs = "\n".join(step.get("run", "") for step in steps(data))
    assert "apt-get install" in runs and "chromium" in runs and "newsboat" in runs
    assert MAKE.findall(runs) == ["check", "test", "build"]
    upload = next(s for s in steps(data) if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "site/"
    matcher = re.search(r"::add-matcher::([^\s\"]+)", runs).group(1)
    assert (ROOT / matcher).is_file()


def test_deploy_workflow_publishes_main_to_pages():
    data = workflow("deploy.yml")
    assert data["on"]["push"] == {"branches": ["main"]}
    assert data["concurrency"]["group"]
    build, deploy = data["jobs"]["build"], data["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert "write" not in str(data.get("permissions", {})) and "write" not in str(build["permissions"])
    order = [(s.get("uses") or s.get("run") or "").split("@")[0].strip() for s in build["steps"]]
    assert (
        order.index("actions/configure-pages")
        < order.index("make build")
        < order.index("actions/upload-pages-artifact")
    )
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]


FORM_TYPES = {"markdown", "input", "textarea", "dropdown", "checkboxes"}


@pytest.mark.parametrize("name", ["suggest-a-case-study.yml", "report-a-problem.yml"])
def test_issue_forms_are_valid(name):
    form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / name).read_text(encoding="utf-8"))
    assert form["name"] and form["description"] and form["title"] and form["labels"]
    ids = [el["id"] for el in form["body"] if "id" in el]
    assert len(ids) == len(set(ids)) and all(re.fullmatch(r"[A-Za-z0-9_-]+", i) for i in ids)
    assert {el["type"] for el in form["body"]} <= FORM_TYPES
    for el in form["body"]:
        assert el["type"] == "markdown" or el["attributes"]["label"]
        assert el["type"] != "markdown" or "validations" not in el
        options = el["attributes"].get("options", [])
        if el["type"] == "dropdown":
            assert options and len(options) == len(set(options)) and "None" not in options


def test_case_study_form_offers_the_configured_regions_and_policy_areas():
    form = yaml.safe_load(
        (ROOT / ".github/ISSUE_TEMPLATE/suggest-a-case-study.yml").read_text(encoding="utf-8")
    )
    options = {el["id"]: el["attributes"]["options"] for el in form["body"] if el["type"] == "dropdown"}
    hub = real_hub()
    assert options["region"] == [t.label for t in hub.terms("regions")]
    assert options["policy-areas"] == [t.label for t in hub.terms("policy_areas")]


def test_issue_chooser_links_are_web_addresses():
    config = yaml.safe_load((ROOT / ".github/ISSUE_TEMPLATE/config.yml").read_text(encoding="utf-8"))
    assert config["blank_issues_enabled"] is False
    assert all(link["url"].startswith("https://") for link in config["contact_links"])


def test_pre_commit_hooks_are_local_and_their_commands_exist():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert [repo["repo"] for repo in config["repos"]] == ["local"]
    hooks = config["repos"][0]["hooks"]
    assert {h["id"] for h in hooks} >= {"content", "ruff-check", "ruff-format"}
    venv = re.search(r"^VENV := (\S+)", (ROOT / "Makefile").read_text(encoding="utf-8"), flags=re.M).group(1)
    for hook in hooks:
        assert hook["language"] == "system"
        words = hook["entry"].split()
        if words[0] == "make":
            assert words[1] in makefile_targets()
        else:
            assert words[0] == f"{venv}/bin/python" and words[1] == "-m"
            assert importlib.util.find_spec(words[2]) is not None
        if "files" in hook:
            assert re.compile(hook["files"])
    entries = {h["id"]: h["entry"] for h in hooks}
    assert entries["content"] == "make check"
    assert entries["ruff-check"].startswith(f"{venv}/bin/python -m ruff check")
    assert entries["ruff-format"].startswith(f"{venv}/bin/python -m ruff format --check")


def test_pull_request_template_has_a_checklist():
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    assert text.count("- [ ] ") >= 5
    assert "make check" in text and "alt text" in text


def test_contributing_links_resolve():
    guide = (ROOT / GUIDE).read_text(encoding="utf-8")
    prose = re.sub(r"`[^`\n]*`", "", re.sub(r"^ *```.*?^ *```", "", guide, flags=re.M | re.S))
    headings = re.findall(r"^#{1,6} (.+)$", prose, flags=re.M)
    slugs = {re.sub(r"[^\w\- ]", "", h.lower()).replace(" ", "-") for h in headings}
    anchors = set(re.findall(r"\]\(#([^)]+)\)", prose))
    assert anchors and anchors <= slugs
    files = set(re.findall(r"\]\(([^)#:]+)\)", prose))
    assert {"README.md", "docs/about/contribute.md"} <= files
    assert [f for f in files if not (ROOT / f).exists()] == []


def test_the_sites_front_matter_page_carries_the_same_generated_reference():
    from ishub.config import load_hub_config, read_mkdocs_yml
    from ishub.reference import DOCS_PAGE, field_reference

    hub, problems = load_hub_config(ROOT, read_mkdocs_yml(ROOT / "mkdocs.yml"))
    assert not problems
    page = (ROOT / DOCS_PAGE).read_text(encoding="utf-8")
    assert f"{START}\n\n{field_reference(hub)}\n\n{END}" in page
