"""The contributor field reference and the editor JSON Schemas, from `schema.FIELDS`.

Both are derived from the same definition as the validator, plus the
vocabularies in mkdocs.yml and the authors file, so a new theme, region or
author reaches the guide and the editors with `make schemas`. A test fails
when the committed files differ from what this module makes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

from .config import HubConfig, load_hub_config
from .fields import NOTE_LENGTH
from .problems import Problem
from .registry import FACETS, content_type, vocabulary_facet
from .schema import BOOL, CHANGES, DATE, FIELDS, KINDS, LABELS, LIST, TEXT, Field

GUIDE = "CONTRIBUTING.md"
DOCS_PAGE = "docs/about/front-matter.md"
SCHEMA_DIR = "schemas"
START = "<!-- fields:start -->"
END = "<!-- fields:end -->"
DRAFT = "https://json-schema.org/draft/2020-12/schema"
DATE_PATTERN = r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
MADE_BY = "Made by `make schemas` from hooks/ishub/schema.py, mkdocs.yml and the authors file"


def _heading(vocabulary: str) -> str:
    """The heading of a vocabulary's allowed values: 'Allowed policy areas'."""
    return f"Allowed {vocabulary_facet(vocabulary).plural.lower()}"


def schema_path(kind: str) -> str:
    return f"{SCHEMA_DIR}/{kind}.schema.json"


# --- JSON Schema -----------------------------------------------------------


def _example(field: Field) -> object:
    """The schema example as the value YAML gives (dates stay text, as editors see them)."""
    if field.kind in (LIST, BOOL):
        return yaml.safe_load(field.example)
    if field.kind == CHANGES:  # dates stay text, as editors see them
        return [{k: str(v) for k, v in c.items()} for c in yaml.safe_load(field.example)]
    return field.example


def _property(field: Field, hub: HubConfig) -> dict:
    prop: dict = {"description": field.description}
    allowed = list(hub.vocabulary(field.vocabulary)) if field.vocabulary else []
    if field.kind == TEXT:
        prop |= {"type": "string", "enum": allowed} if allowed else {"type": "string", "minLength": 1}
        if field.max_length and not allowed:
            prop["maxLength"] = field.max_length
    elif field.kind == DATE:
        prop |= {"type": "string", "pattern": DATE_PATTERN}
    elif field.kind == LIST:
        item = {"type": "string", "enum": allowed} if allowed else {"type": "string", "minLength": 1}
        prop |= {"type": "array", "items": item, "uniqueItems": True}
        if field.required:
            prop["minItems"] = 1
    elif field.kind == BOOL:
        prop["type"] = "boolean"
    elif field.kind == CHANGES:
        change = {
            "type": "object",
            "properties": {
                "date": {"type": "string", "pattern": DATE_PATTERN},
                "note": {"type": "string", "minLength": 1, "maxLength": NOTE_LENGTH},
            },
            "required": ["date", "note"],
            "additionalProperties": False,
        }
        prop |= {"type": "array", "items": change, "minItems": 1}
    prop["examples"] = [_example(field)]
    return prop


def json_schema(kind: str, hub: HubConfig) -> dict:
    """A draft 2020-12 JSON Schema for the front matter of one content type."""
    fields = FIELDS[kind]
    return {
        "$schema": DRAFT,
        "$comment": f"{MADE_BY}; edit those, not this file.",
        "title": f"{LABELS[kind].capitalize()} front matter",
        "description": f"The fields at the top of a {LABELS[kind]} on the {hub.site_name}.",
        "type": "object",
        "properties": {f.name: _property(f, hub) for f in fields},
        "required": [f.name for f in fields if f.required],
        "additionalProperties": False,
    }


def schema_text(kind: str, hub: HubConfig) -> str:
    return json.dumps(json_schema(kind, hub), indent=2, ensure_ascii=False) + "\n"


# --- Markdown field reference ------------------------------------------------


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _anchor(heading: str) -> str:
    return "#" + heading.lower().replace(" ", "-")


def _type(field: Field) -> str:
    if field.vocabulary:
        heading, noun = _heading(field.vocabulary), vocabulary_facet(field.vocabulary).label.lower()
        link = f"[{heading.lower()}]({_anchor(heading)})"
        return f"list of {noun} ids ({link})" if field.kind == LIST else f"one {noun} id ({link})"
    if field.kind == TEXT:
        return f"text, up to {field.max_length} characters" if field.max_length else "text"
    return {
        DATE: "date, YYYY-MM-DD",
        LIST: "list",
        BOOL: "true or false",
        CHANGES: f"list of {{date, note}}, each note up to {NOTE_LENGTH} characters",
    }[field.kind]


def _file_pattern(kind: str, hub: HubConfig) -> str:
    return f"{hub.collection(kind).source}/{content_type(kind).file_name}"


def field_table(kind: str, hub: HubConfig) -> list[str]:
    lines = [
        f"### {LABELS[kind].capitalize()}",
        "",
        f"File: `{_file_pattern(kind, hub)}`. Editor schema: `{schema_path(kind)}`.",
        "",
        "| Field | Required | Type | What it means | Example |",
        "| --- | --- | --- | --- | --- |",
    ]
    for field in FIELDS[kind]:
        lines.append(
            f"| `{field.name}` | {'yes' if field.required else 'no'} | {_type(field)} "
            f"| {_cell(field.description)} | `{field.name}: {_cell(field.example)}` |"
        )
    return lines


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    """A Markdown table whose first column is an id, shown as code."""
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    for first, *rest in rows:
        lines.append("| " + " | ".join([f"`{first}`"] + [_cell(x) for x in rest]) + " |")
    return lines


def _vocabulary(name: str, hub: HubConfig) -> list[str]:
    """Where one vocabulary is kept, and every value it allows."""
    if name == "themes":
        rows = [(t.id, t.label, t.description) for t in hub.taxonomy.themes]
        return ["Kept under `extra.themes` in `mkdocs.yml`.", ""] + _table(
            ("Id", "Name", "What it covers"), rows
        )
    if name == "authors":
        rows = [(a.id, a.label, ", ".join(x for x in (a.role, a.organisation) if x)) for a in hub.authors]
        where = (
            f"Kept in `{hub.authors_file}`; add yourself there in the same pull request as your first post."
        )
        return [where, ""] + _table(("Id", "Name", "Role"), rows)
    rows = [(t.id, t.label) for t in hub.terms(name)]
    return [f"Kept under `extra.{name}` in `mkdocs.yml`.", ""] + _table(("Id", "Name"), rows)


def allowed_values(hub: HubConfig) -> list[str]:
    lines: list[str] = []
    for name in dict.fromkeys(f.vocabulary for f in FACETS if f.vocabulary):
        lines += ["", f"### {_heading(name)}", ""] + _vocabulary(name, hub)
    return lines


def field_reference(hub: HubConfig) -> str:
    """The Markdown reference: one table per content type, then every allowed value."""
    lines = [f"<!-- {MADE_BY}: edit those, not this section. -->"]
    for kind in KINDS:
        lines += [""] + field_table(kind, hub)
    lines += allowed_values(hub)
    return "\n".join(lines)


def insert_reference(guide: str, reference: str) -> str | None:
    """The guide with the reference between its markers, or None without the markers."""
    start, end = guide.find(START), guide.find(END)
    if start < 0 or end < start:
        return None
    return guide[: start + len(START)] + "\n\n" + reference + "\n\n" + guide[end:]


# --- The `schema` command ----------------------------------------------------


def generated_files(root: Path, hub: HubConfig) -> tuple[dict[str, str], list[Problem]]:
    """Repository path -> the text `make schemas` writes there."""
    files = {schema_path(kind): schema_text(kind, hub) for kind in KINDS}
    guide_path = root / GUIDE
    guide = guide_path.read_text(encoding="utf-8") if guide_path.is_file() else ""
    updated = insert_reference(guide, field_reference(hub))
    if updated is None:
        return files, [
            Problem(
                GUIDE,
                1,
                "markers",
                f"the lines {START} and {END} are missing",
                "put them, in that order, where the field reference belongs",
            )
        ]
    files[GUIDE] = updated
    page_path = root / DOCS_PAGE
    if page_path.is_file():  # the same reference, published on the site
        page = insert_reference(page_path.read_text(encoding="utf-8"), field_reference(hub))
        if page is not None:
            files[DOCS_PAGE] = page
    return files, []


def command(root: Path, mkdocs: dict, check: bool = False) -> int:
    """Write the schemas and the guide's reference; with `check`, only say what is out of date."""
    hub, problems = load_hub_config(root, mkdocs)
    if hub is not None:
        files, problems = generated_files(root, hub)
    for problem in problems:
        print(str(problem), file=sys.stderr)
    if problems:
        return 1
    stale = [
        p
        for p, text in files.items()
        if not (root / p).is_file() or (root / p).read_text(encoding="utf-8") != text
    ]
    for path in stale:
        if check:
            print(f"{path}: out of date; run make schemas and commit the result", file=sys.stderr)
        else:
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_text(files[path], encoding="utf-8")
            print(f"Wrote {path}")
    if not stale:
        print(f"{', '.join(files)}: up to date")
    return 1 if check and stale else 0
