"""Rules for the body of a content file: safety, accessibility and finish.

Active content (scripts, frames, forms, styles, event handlers, javascript:
and data: URLs) and images without alt text are errors: they never reach a
reader. Raw HTML, skipped heading levels, vague link texts, links to a local
machine and missing recommended sections are warnings. Code is exempt: it is
shown, not run.
"""

from __future__ import annotations

import re

from .problems import WARNING, Problem

PLACEHOLDER = "REPLACE"
_FENCE = re.compile(r"^\s*(```|~~~)")
_INLINE_CODE = re.compile(r"`[^`]*`")
_ACTIVE_TAG = re.compile(r"<\s*(script|iframe|object|embed|form|style|frame|frameset|base|meta|link)\b", re.I)
_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)
_BAD_URL = re.compile(
    r"(\]\(\s*<?|^\s*\[[^\]]+\]:\s*<?|<|(?:href|src|action|srcset|formaction|xlink:href)\s*=\s*[\"']?)"
    r"\s*(javascript|data|vbscript):",
    re.I | re.M,
)
_IMAGE = re.compile(r"!\[([^\]]*)\]\(")
_IMG_TAG = re.compile(r"<img\b[^>]*>", re.I)
_TAG = re.compile(r"</?([a-z][a-z0-9]*)\b[^>]*>", re.I)
_HEADING = re.compile(r"^(#{1,6})\s+\S")
_LINK_TEXT = re.compile(r"(?<!!)\[([^\]]+)\]\(")
_LOCAL = re.compile(r"https?://(localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[::1\])", re.I)
VAGUE = {"click here", "here", "read more", "more", "this link", "link", "this page", "find out more"}
# The one piece of raw HTML content may carry: a place for a block the hub fills in.
INSERT = re.compile(r'<div class="hub-insert" data-hub="([a-z-]+)"></div>')
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


def _prose_text(body: str, prose: list[tuple[int, str]]) -> str:
    """The body with code blanked out, keeping every line in its place."""
    lines = [""] * (body.count("\n") + 1)
    for n, line in prose:
        lines[n] = line
    return "\n".join(lines)


def check_body(path: str, body: str, first_line: int, kind: str = "") -> list[Problem]:
    """Every problem in a Markdown body; `first_line` is the body's line in the file."""
    problems: list[Problem] = []
    last_level = 1
    headings = []
    lines = prose_lines(body)
    problems += _safety(path, _prose_text(body, lines), first_line)
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
        line = first_line + body[: body.index(PLACEHOLDER)].count("\n")
        problems.append(
            Problem(
                path,
                line,
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


def _safety(path: str, text: str, first_line: int) -> list[Problem]:
    """Active content anywhere in the prose, also when a tag spans lines."""
    out: list[Problem] = []
    lowered = text.lower()
    has_tags = "<" in text
    has_schemes = any(f"{scheme}:" in lowered for scheme in ("javascript", "data", "vbscript"))
    if not has_tags and not has_schemes:
        return out  # most bodies: plain Markdown, nothing to look for

    def at(m: re.Match) -> int:
        return first_line + text.count("\n", 0, m.start())

    for m in _ACTIVE_TAG.finditer(text if has_tags else ""):
        out.append(
            Problem(
                path,
                at(m),
                "body",
                f"contains <{m.group(1).lower()}>, which content may not use",
                "remove it; content may not carry scripts, frames, forms or styles",
            )
        )
    for m in _HANDLER.finditer(text if has_tags else ""):
        out.append(
            Problem(
                path,
                at(m),
                "body",
                "contains an event handler attribute (on...=)",
                "remove it; content may not run scripts",
            )
        )
    for m in _BAD_URL.finditer(text):
        out.append(
            Problem(
                path,
                at(m),
                "link",
                f"points to a {m.group(2).lower()}: address",
                "link to an https:// page or a file in the repository instead",
            )
        )
    return out


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
    if _TAG.search(line) and not INSERT.fullmatch(stripped) and not _ACTIVE_TAG.search(line):
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
