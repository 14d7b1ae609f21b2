"""Reading mkdocs.yml: the one module that does.

`read_mkdocs_config` gives the file as plain data to everything of the hub
that needs its settings (`config.py`, the theme settings, the commands).

MkDocs loads its configuration with PyYAML's full loader, where a tag such as
`!!python/object/apply:os.system` runs code. `make build`, `make serve` and
`make check` first read the file here, with a parser that builds nothing, and
refuse every tag outside the few plain ones MkDocs documents.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .allowlist import url_scheme
from .problems import Problem

# Tags a configuration may carry: YAML's plain types. MkDocs' `!ENV` is refused too:
# it would publish the build machine's environment (CI secrets) into pages.
SAFE_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map")}
# Keys that make MkDocs read another file as configuration, unchecked.
REFUSED_KEYS = {"INHERIT": "makes MkDocs read another file as configuration, with its unsafe loader"}
NAV_SCHEMES = ("http", "https", "mailto")
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
                        "remove the tag; the configuration may use only plain values",
                    )
                )
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        return [Problem(name, line, "yaml", "YAML syntax error", "check indentation and quoting")]
    return problems or _key_problems(raw.decode("utf-8"), name)


def _key_problems(text: str, name: str) -> list[Problem]:
    """Keys that read other files, and navigation entries that are scripts, not pages."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    if not isinstance(node, yaml.MappingNode):
        return []
    problems = []
    for key, value in node.value:
        if key.value in REFUSED_KEYS:
            problems.append(
                Problem(name, key.start_mark.line + 1, key.value, REFUSED_KEYS[key.value], "remove the line")
            )
        if key.value == "nav":
            problems += _nav_problems(value, name)
    return problems


def _nav_problems(node: yaml.Node, name: str) -> list[Problem]:
    found = []
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.SequenceNode):
            stack += current.value
        elif isinstance(current, yaml.MappingNode):
            stack += [v for _k, v in current.value]
        elif isinstance(current, yaml.ScalarNode):
            scheme = url_scheme(str(current.value))
            if scheme and scheme not in NAV_SCHEMES:
                found.append(
                    Problem(
                        name,
                        current.start_mark.line + 1,
                        "nav",
                        f"'{current.value}' is a {scheme}: address, not a page",
                        "link to a page of the site or an https:// address",
                    )
                )
    return found


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


class _ConfigLoader(yaml.SafeLoader):
    """A safe loader that reads MkDocs tags (`!ENV`, `!!python/name:`) as empty values."""


_ConfigLoader.add_multi_constructor("", _ignore_tag)


def read_mkdocs_config(path: str | Path) -> dict:
    """mkdocs.yml as plain data; tagged values that need MkDocs itself come back as None."""
    with open(path, encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=_ConfigLoader)  # a SafeLoader subclass: no arbitrary objects
    return data if isinstance(data, dict) else {}
