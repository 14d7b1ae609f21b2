"""Rules for the Markdown source of a body: accessibility and finish.

Images without alt text and leftover template text are errors. Raw HTML,
skipped heading levels, vague link texts, links to a local machine and missing
recommended sections are warnings. Code is exempt: it is shown, not run.
What a body may contain is not judged here, on the source, but on the HTML
Markdown makes of it (`bodyhtml.py`).
"""

from __future__ import annotations

import re

from .inserts import INSERT  # the one piece of raw HTML content may carry
from .problems import WARNING, Problem

PLACEHOLDER = "REPLACE"
MAX_PLACEHOLDERS = 20
_FENCE = re.compile(r"^\s*(```|~~~)")
_INLINE_CODE = re.compile(r"`[^`]*`")
# Every repeat stops at the next bracket, so no pattern can be quadratic on a long line.
_IMAGE = re.compile(r"!\[([^\[\]]*)\]\(")
_IMG_TAG = re.compile(r"<img\b[^<>]*>", re.I)
_TAG = re.compile(r"</?([a-z][a-z0-9]*)\b[^<>]*>", re.I)
_HEADING = re.compile(r"^(#{1,6})\s+\S")
_LINK_TEXT = re.compile(r"(?<!!)\[([^\[\]]+)\]\(")
_LOCAL = re.compile(r"https?://(localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[::1\])", re.I)
VAGUE = {"click here", "here", "read more", "more", "this link", "link", "this page", "find out more"}
CASE_STUDY_SECTIONS = ("The challenge", "What was done", "What changed", "Lessons", "Contact")


def prose_lines(body: str) -> list[tuple[int, str]]:
    """(offset, line) for lines outside fenced code, with inline code removed."""
    out = []
    fence = None
    for n, line in enumerate(body.split("\n")):
        m = _FENCE.match(line) if ("```" in line or "~~~" in line) else None
        if m:
            fence = None if fence == m.group(1) else (fence or m.group(1))
            continue
        if fence:
            continue
        out.append((n, _INLINE_CODE.sub("``", line) if "`" in line else line))
    return out


def check_body(path: str, body: str, first_line: int, kind: str = "") -> list[Problem]:
    """Every problem in a Markdown body; `first_line` is the body's line in the file."""
    problems: list[Problem] = []
    last_level = 1
    headings = []
    lines = prose_lines(body)
    for n, line in lines:
        at = first_line + n
        # Cheap substring tests first: most lines are plain prose with nothing to check.
        if "![" in line or "<img" in line.lower():
            problems += _images(path, at, line)
        if "<" in line or "](" in line or "://" in line:
            problems += _style(path, at, line)
        h = _HEADING.match(line) if line.startswith("#") else None
        if h:
            level = len(h.group(1))
            headings.append(line[level:].strip())
            if level == 1:
                problems.append(
                    Problem(
                        path,
                        at,
                        "body",
                        "has a level-1 heading; the title is the page's only one",
                        "use '##' for sections",
                        WARNING,
                    )
                )
            elif level > last_level + 1:
                problems.append(
                    Problem(
                        path,
                        at,
                        "body",
                        f"heading skips from level {last_level} to {level}",
                        f"use {'#' * (last_level + 1)} here",
                        WARNING,
                    )
                )
            last_level = level
    if PLACEHOLDER in body:
        marked = [n for n, line in enumerate(body.split("\n")) if PLACEHOLDER in line]
        for n in marked[:MAX_PLACEHOLDERS]:
            problems.append(
                Problem(
                    path,
                    first_line + n,
                    "body",
                    f"still has template text marked {PLACEHOLDER}",
                    "replace it with your own words",
                )
            )
    if kind == "case-study":
        missing = [s for s in CASE_STUDY_SECTIONS if s.lower() not in {x.lower() for x in headings}]
        if missing:
            problems.append(
                Problem(
                    path,
                    first_line,
                    "body",
                    f"the recommended section{'s' if len(missing) > 1 else ''} "
                    f"{', '.join(repr(m) for m in missing)} {'are' if len(missing) > 1 else 'is'} missing",
                    "add them as '## ' headings, in the order of the template",
                    WARNING,
                )
            )
    return problems


def _images(path: str, at: int, line: str) -> list[Problem]:
    """Images without alt text, in Markdown or in an <img> tag."""
    fixes = [
        "describe the image between the brackets: ![what it shows](file.svg)"
        for m in _IMAGE.finditer(line)
        if not m.group(1).strip()
    ]
    fixes += [
        "use Markdown, ![what it shows](file.svg), with a description"
        for m in _IMG_TAG.finditer(line)
        if not re.search(r'\balt\s*=\s*"[^"]+"', m.group(0))
    ]
    return [Problem(path, at, "image", "has no alt text", fix) for fix in fixes]


def _style(path: str, at: int, line: str) -> list[Problem]:
    out = []
    stripped = line.strip()
    if _TAG.search(line) and not INSERT.fullmatch(stripped):
        out.append(Problem(path, at, "body", "contains raw HTML", "use Markdown instead", WARNING))
    if _LOCAL.search(line):
        out.append(
            Problem(
                path,
                at,
                "link",
                "points to a local machine (localhost)",
                "link to the public address instead",
                WARNING,
            )
        )
    for m in _LINK_TEXT.finditer(line):
        if m.group(1).strip().lower().rstrip(".") in VAGUE:
            out.append(
                Problem(
                    path,
                    at,
                    "link",
                    f"the link text '{m.group(1)}' says nothing out of context",
                    "name where the link goes, e.g. [our guidance on DPIAs](...)",
                    WARNING,
                )
            )
    return out
