"""Read a content file and split it into YAML front matter and Markdown body.

MkDocs swallows YAML errors in front matter, so the hub parses it itself and
keeps the line of every key: a contributor's message can then name the line.
Dates are kept as text here (the schema checks them) so that an impossible
date such as 2026-02-30 becomes a message, not an exception.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from .problems import Problem

MAX_BYTES = 1_000_000
FENCE = "---"

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


MAX_DEPTH = 8  # lists and mappings inside each other; front matter needs two
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
MERGE = "<<"  # YAML's merge key, when written plain: it copies another mapping's keys in
_PLAINLY = "write each value out plainly"
_IN_FULL = "write each field on its own line instead of merging a mapping in"


def plain_text(value: str, max_length: int = 0) -> tuple[str, tuple[str, str] | None]:
    """Text as it is published (runs of spaces and line breaks as one space), and the
    (message, fix) for what no text of the content may hold: an invisible control
    character, or more than `max_length` characters (0: no limit). Front-matter fields
    and the authors file share it."""
    if CONTROL.search(value):
        return value, (
            "contains an invisible control character",
            "delete it; retype the text if you cannot see it",
        )
    value = " ".join(value.split())
    if max_length and len(value) > max_length:
        return value, (
            f"is {len(value)} characters, over the limit of {max_length}",
            f"shorten it to {max_length} characters or fewer",
        )
    return value, None


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """A safe loader that leaves timestamps as strings."""


def _limit_problem(text: str) -> tuple[int, str, str] | None:
    """(line, what, fix) for the first YAML feature content may not use, found from the
    parser's events before anything is composed or built.

    An alias bomb is a few lines that expand into gigabytes when built; a tag such
    as `!!int` or `!!binary` builds values the schema never expects; a merge key
    (`<<: {title: x}`) sets fields that no line names, past the duplicate-key check.
    The scan is linear in the text.
    """
    depth = 0
    for event in yaml.parse(text, Loader=_Base):
        line = event.start_mark.line
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            return line, "uses an anchor or alias (& or *), which content may not use", _PLAINLY
        if isinstance(event, yaml.ScalarEvent) and event.value == MERGE and event.implicit[0]:
            return line, "uses a merge key (<<), which content may not use", _IN_FULL
        tag = getattr(event, "tag", None)
        if tag and tag != "!" and not (isinstance(event, yaml.ScalarEvent) and event.implicit[0]):
            shown = tag.replace("tag:yaml.org,2002:", "!!", 1)
            return line, f"uses the YAML tag {shown}, which content may not use", _PLAINLY
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                return line, f"is nested more than {MAX_DEPTH} levels deep", _PLAINLY
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    return None


_UNREADABLE = ("has a value that cannot be read", "write each value out plainly")
_BUILD_ERRORS = (ValueError, TypeError, KeyError, AttributeError, OverflowError, RecursionError)


_Loader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class Source:
    """A content file split into its parts, with line numbers (1-based)."""

    path: str
    meta: dict = field(default_factory=dict)
    key_lines: dict = field(default_factory=dict)
    body: str = ""
    body_line: int = 1

    def line_of(self, key: str) -> int:
        """The line a front matter key is on, or the opening fence's line."""
        return self.key_lines.get(key, 1)


def decode(path: str, raw: bytes) -> tuple[str | None, list[Problem]]:
    """Bytes to text with Unix line endings; a problem if it is not UTF-8."""
    if len(raw) > MAX_BYTES:
        size = f"{len(raw) / 1_000_000:.1f} MB"
        return None, [
            Problem(
                path,
                1,
                "file",
                f"the file is {size}, over the 1 MB limit",
                "split it into smaller items or move large data out of the content",
            )
        ]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [
            Problem(
                path,
                line,
                "file",
                f"is not UTF-8 text (byte 0x{raw[exc.start]:02x} cannot be read)",
                "save the file with UTF-8 encoding",
            )
        ]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    bad = CONTROL.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        return None, [
            Problem(
                path,
                line,
                "file",
                f"contains an invisible control character (U+{ord(bad.group()):04X}) at column {column}",
                "delete it; retype the text around it if you cannot see it",
            )
        ]
    return text, []


KeyPath = tuple[str | int, ...]  # keys and list positions (from 0) from the top: ("authors", "ada", "name")


def load_yaml(path: str, text: str, first_line: int = 1) -> tuple[object, list[Problem]]:
    """Any YAML data file of the content (such as the authors file), with the same limits
    as front matter: safe types only, no anchors, aliases or merge keys, bounded nesting,
    no key twice in one mapping."""
    data, _lines, problems = load_data(path, text, first_line)
    return data, problems


def load_data(path: str, text: str, first_line: int = 1) -> tuple[object, dict[KeyPath, int], list[Problem]]:
    """`load_yaml` with the line of every key and list entry, so that a data file's
    messages can name the line a contributor has to change.

    A key given twice is a problem on its second line, at any depth; the data is
    still returned then, so the rest of the file can be checked in the same run.
    """
    loader = _Loader(text)
    try:
        limit = _limit_problem(text)
        if limit:
            line, what, fix = limit
            return None, {}, [Problem(path, line + first_line, "yaml", what, fix)]
        node = loader.get_single_node()
        if node is None:
            return None, {}, []
        lines, problems = node_lines(path, node, first_line)
        return loader.construct_document(node), lines, problems
    except _BUILD_ERRORS:
        return None, {}, [Problem(path, first_line, "yaml", *_UNREADABLE)]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark else first_line
        what = (exc.problem or "cannot be read").strip()
        return (
            None,
            {},
            [Problem(path, line, "yaml", f"YAML syntax error: {what}", "check indentation and quoting")],
        )
    finally:
        loader.dispose()


def field_name(keys: KeyPath) -> str:
    """A key path as messages name it: authors.ada.name, changes[0].note (lists count from 0)."""
    out = ""
    for key in keys:
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else str(key))
    return out


def node_lines(path: str, node: yaml.Node, first_line: int) -> tuple[dict[KeyPath, int], list[Problem]]:
    """The line of every key and list entry under a composed node, and every key that
    appears twice in its mapping (PyYAML would silently keep the last).

    Keys that are not plain values (a list used as a key) are left to the constructor,
    which refuses them. Nesting is already bounded by `_limit_problem`.
    """
    lines: dict[KeyPath, int] = {}
    problems: list[Problem] = []

    def visit(node: yaml.Node, keys: KeyPath) -> None:
        if isinstance(node, yaml.SequenceNode):
            for n, child in enumerate(node.value):
                lines.setdefault((*keys, n), child.start_mark.line + first_line)
                visit(child, (*keys, n))
        elif isinstance(node, yaml.MappingNode):
            for key_node, child in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    continue
                at, line = (*keys, str(key_node.value)), key_node.start_mark.line + first_line
                if at in lines:
                    block = child.end_mark.line > key_node.start_mark.line
                    problems.append(
                        Problem(
                            path,
                            line,
                            field_name(at),
                            f"appears twice (also on line {lines[at]})",
                            f"keep one of the two {'blocks' if block else 'lines'}",
                        )
                    )
                    continue
                lines[at] = line
                visit(child, at)

    visit(node, ())
    return lines, problems


def split(path: str, text: str) -> tuple[Source | None, list[Problem]]:
    """Split text into front matter and body, and parse the front matter."""
    if not text.strip():
        return None, [
            Problem(
                path, 1, "file", "the file is empty", "start it with front matter between two '---' lines"
            )
        ]
    lines = text.split("\n")
    if lines[0].rstrip() != FENCE:
        return None, [
            Problem(
                path,
                1,
                "front matter",
                "missing: the file must start with a '---' line",
                "add '---', the fields, and a closing '---' at the top",
            )
        ]
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in (FENCE, "...")), None)
    if end is None:
        return None, [
            Problem(path, 1, "front matter", "is never closed", "add a line '---' after the last field")
        ]
    yaml_text = "\n".join(lines[1:end])
    meta, key_lines, problems = _parse(path, yaml_text)
    body = "\n".join(lines[end + 1 :])
    return Source(path, meta, key_lines, body, end + 2), problems


def _parse(path: str, yaml_text: str) -> tuple[dict, dict, list[Problem]]:
    tab_line = next((i for i, ln in enumerate(yaml_text.split("\n")) if "\t" in ln), None)
    if tab_line is not None:
        return (
            {},
            {},
            [
                Problem(
                    path,
                    tab_line + 2,
                    "front matter",
                    "contains a tab character",
                    "indent YAML with spaces, never tabs",
                )
            ],
        )
    loader = _Loader(yaml_text)
    try:
        limit = _limit_problem(yaml_text)
        if limit:
            line, what, fix = limit
            return {}, {}, [Problem(path, line + 2, "front matter", what, fix)]
        node = loader.get_single_node()
        if node is None:
            return {}, {}, []
        if not isinstance(node, yaml.MappingNode):
            return (
                {},
                {},
                [
                    Problem(
                        path,
                        node.start_mark.line + 2,
                        "front matter",
                        "is not a list of 'field: value' lines",
                        "write one 'field: value' per line",
                    )
                ],
            )
        lines, problems = node_lines(path, node, 2)
        key_lines = {keys[0]: line for keys, line in lines.items() if len(keys) == 1}
        data = loader.construct_document(node)
    except _BUILD_ERRORS:
        return (
            {},
            {},
            [
                Problem(
                    path, 2, "front matter", "has a value that cannot be read", "write each value out plainly"
                )
            ],
        )
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 2 if mark else 2
        what = (exc.problem or "cannot be read").strip()
        return (
            {},
            {},
            [
                Problem(
                    path,
                    line,
                    "front matter",
                    f"YAML syntax error: {what}",
                    "check indentation, and put quotes around values containing ': ' or '#'",
                )
            ],
        )
    finally:
        loader.dispose()
    return data, key_lines, problems


def read_source(path: str, raw: bytes) -> tuple[Source | None, list[Problem]]:
    """Decode and split one content file: the one entry point for readers."""
    text, problems = decode(path, raw)
    if text is None:
        return None, problems
    return split(path, text)
