"""Reading mkdocs.yml safely, before MkDocs does.

MkDocs loads its configuration with PyYAML's full loader, where a tag such as
`!!python/object/apply:os.system` runs code. `make build`, `make serve` and
`make check` first read the file here, with a parser that builds nothing, and
refuse every tag outside the few plain ones MkDocs documents.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .problems import Problem

# Tags a configuration may carry: YAML's plain types and MkDocs' two safe ones.
SAFE_TAGS = {"!ENV", "!relative"} | {
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map")
}
MAX_BYTES = 1_000_000


def unsafe_tags(path: Path, name: str = "mkdocs.yml") -> list[Problem]:
    """Every tag in the file that could make a YAML loader build an object or run code."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return [Problem(name, 1, "file", f"cannot be read ({exc.strerror})", "check the file")]
    if len(raw) > MAX_BYTES:
        return [Problem(name, 1, "file", "is over 1 MB", "keep configuration small")]
    problems = []
    try:
        for event in yaml.parse(raw.decode("utf-8"), Loader=yaml.SafeLoader):
            tag = getattr(event, "tag", None)
            if tag and tag not in SAFE_TAGS:
                shown = tag.replace("tag:yaml.org,2002:", "!!", 1)
                problems.append(
                    Problem(
                        name,
                        event.start_mark.line + 1,
                        "tag",
                        f"'{shown}' can make the YAML loader build objects or run code",
                        "remove the tag; the configuration may use only plain values, !ENV and !relative",
                    )
                )
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        return [Problem(name, line, "yaml", "YAML syntax error", "check indentation and quoting")]
    return problems
