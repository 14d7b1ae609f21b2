"""Gate 2: a body is judged by the HTML Markdown makes of it, as a browser parses it.

Checking the Markdown source with patterns lets through whatever Markdown and
the patterns read differently (a raw tag inside backticks that are not code,
attributes from `attr_list`, entity-encoded schemes, link references inside a
quote). So the rendered HTML is parsed with a WHATWG parser (Lexbor, through
selectolax) and every element, attribute and address is held to the one
allowlist in `allowlist.py`. Each breach becomes a `Problem` on the nearest
source line. Whatever is published is then cut to the same allowlist by the
Ammonia sanitiser (nh3): a breach the check missed still cannot reach a reader.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape as html_escape

import nh3
from selectolax.lexbor import LexborHTMLParser

from . import allowlist as A
from .frontmatter import CONTROL
from .problems import Problem

MAX_PROBLEMS = 20  # per file: enough to fix, never a flood
MAX_NESTING = 24  # list and quote levels in the source; Markdown recurses on each
GUIDE = "see 'The HTML you may use' in CONTRIBUTING.md"

_WHY_ELEMENT = {
    "script": "content may not run scripts",
    "style": "the site's look comes from its theme",
    "iframe": "content may not embed other pages; link to them instead",
    "object": "content may not embed other pages or plug-ins",
    "embed": "content may not embed other pages or plug-ins",
    "form": "content may not collect information from readers",
    "svg": "put the drawing in an .svg file beside the content and use ![description](file.svg)",
    "math": "write the formula as text or as an image file",
}
_BODY_CONTEXT = "<!DOCTYPE html><html><head></head><body>"


@dataclass
class Finder:
    """Maps a piece of rendered HTML back to the source line it most likely came from."""

    body: str
    first_line: int
    lowered: str = ""
    cursors: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.lowered = self.body.lower()

    def line(self, *needles: str) -> int:
        for needle in needles:
            needle = (needle or "").lower().strip()
            if len(needle) < 2:
                continue
            start = self.cursors.get(needle, 0)
            at = self.lowered.find(needle, start)
            if at < 0 and start:
                at = self.lowered.find(needle)
            if at >= 0:
                self.cursors[needle] = at + 1
                return self.first_line + self.body.count("\n", 0, at)
        return self.first_line


def nesting_problems(path: str, body: str, first_line: int) -> list[Problem]:
    """Lists and quotes nested too deep for Markdown to render, found before it tries."""
    for n, line in enumerate(body.split("\n")):
        if not line.startswith((" ", "\t", ">")):
            continue
        stripped = line.expandtabs(4)
        indent = len(stripped) - len(stripped.lstrip(" "))
        rest = stripped[indent:]
        quotes = 0
        while rest.startswith(">"):
            quotes += 1
            rest = rest[1:].lstrip(" ")
        depth = indent // 4 + quotes
        if depth > MAX_NESTING:
            return [
                Problem(
                    path,
                    first_line + n,
                    "body",
                    f"is nested {depth} levels deep (lists or quotes); the limit is {MAX_NESTING}",
                    "flatten the list or quote",
                )
            ]
    return []


def judge(path: str, html: str, body: str, first_line: int) -> list[Problem]:
    """Everything in a rendered body that the allowlist does not allow."""
    if "<" not in html:
        return []
    # Parsed as the inside of <body>, where the page puts it: parsed alone, a leading
    # <style>, <meta> or <noscript> would be filed in a <head> and escape the walk.
    root = LexborHTMLParser(_BODY_CONTEXT + html).body
    if root is None:
        return []
    find = Finder(body, first_line)
    problems: list[Problem] = []
    bad = CONTROL.search(root.text(deep=True))
    if bad:
        problems.append(
            Problem(
                path,
                find.line("&#"),
                "body",
                f"contains an invisible control character (U+{ord(bad.group()):04X}), "
                "written as a character reference",
                "delete the reference (such as &#1;)",
            )
        )
    root_id = root.mem_id
    depth_of = {root_id: 0}
    for node in root.traverse(include_text=False):
        tag = node.tag.lower()
        if tag.startswith("-") or node.mem_id == root_id:
            continue
        parent = node.parent
        depth = depth_of.get(parent.mem_id, 0) + 1 if parent is not None else 1
        depth_of[node.mem_id] = depth
        if depth > A.MAX_DEPTH:
            line = find.line(f"<{tag}")
            problems.append(
                Problem(
                    path,
                    line,
                    "body",
                    f"has HTML elements nested more than {A.MAX_DEPTH} deep",
                    "simplify the HTML; use Markdown for structure",
                )
            )
            break
        problems += _node_problems(path, node, tag, find)
        if len(problems) >= MAX_PROBLEMS:
            break
    return _bounded(problems)


def _bounded(problems: list[Problem]) -> list[Problem]:
    unique = list(dict.fromkeys(problems))
    if len(unique) <= MAX_PROBLEMS:
        return unique
    return unique[:MAX_PROBLEMS]


def _node_problems(path: str, node, tag: str, find: Finder) -> list[Problem]:
    if tag not in A.ELEMENTS:
        why = _WHY_ELEMENT.get(tag, f"content may use only the elements the site allows ({GUIDE})")
        return [
            Problem(
                path,
                find.line(f"<{tag}", tag),
                "body",
                f"<{tag}> is not allowed in content",
                f"remove it; {why}",
            )
        ]
    out = []
    if tag == "input" and (node.attributes.get("type") or "").strip().lower() != "checkbox":
        out.append(
            Problem(
                path,
                find.line("<input", "[ ]", "[x]"),
                "body",
                "an <input> that is not a task-list checkbox is not allowed in content",
                "remove it; write a task list as '- [ ] task' instead",
            )
        )
    allowed = A.allowed_attributes(tag)
    for name, value in node.attributes.items():
        name = name.lower()
        if name not in allowed:
            out.append(_attribute_problem(path, tag, name, value, find))
            continue
        problem = A.value_problem(tag, name, value)
        if problem:
            out.append(_value_problem(path, tag, name, value or "", problem, find))
    return out


def _attribute_problem(path: str, tag: str, name: str, value, find: Finder) -> Problem:
    if name.startswith("on"):
        why = "content may not run scripts"
    elif name == "style":
        why = (
            "the site's look comes from its theme (in a table, remove the ':' from the divider row; "
            "alignment needs inline styles, which the page policy blocks)"
        )
    else:
        why = f"{tag} may carry only: {', '.join(sorted(A.allowed_attributes(tag)))}"
    return Problem(
        path,
        find.line(f"{name}=", name, value or ""),
        "body",
        f"the {name} attribute on <{tag}> is not allowed",
        f"remove it; {why}",
    )


def _value_problem(path: str, tag: str, name: str, value: str, problem: str, find: Finder) -> Problem:
    shown = _shown(value)
    line = find.line(value, value.rsplit(":", 1)[-1][-24:], f"{name}=")
    if problem == "remote":
        return Problem(
            path,
            line,
            "image",
            f"'{shown}' is on another site; images must be files of this site",
            "save the image beside the content (e.g. blog/images/) and link to that file",
        )
    if problem == "embedded":
        return Problem(
            path,
            line,
            "image",
            "is embedded in the page as a data: address; images must be files of this site",
            "save the image beside the content (e.g. blog/images/) and link to that file",
        )
    if problem == "scheme":
        return Problem(
            path,
            line,
            "link",
            f"'{shown}' uses the {A.url_scheme(value)}: scheme, which links may not use",
            "link to an https:// page, a mailto: or tel: address, or a file in the repository",
        )
    if problem == "id":
        return Problem(
            path,
            line,
            "body",
            f"the id '{shown}' may hold only letters, digits and - _ . :",
            "choose a plain id, e.g. {: #our-approach }",
        )
    if problem == "reserved":
        return Problem(
            path,
            line,
            "body",
            f"the id '{shown}' is reserved for the site's own parts",
            "choose another id, e.g. one made from the heading's words",
        )
    if problem == "class":
        return Problem(
            path,
            line,
            "body",
            f"the class '{_shown(A.class_problem(value))}' is not one the site styles for content",
            f"remove it; content may use the classes {_CLASSES_SHOWN} and an admonition's type",
        )
    allowed = ", ".join(sorted(A.FIXED_VALUES[(tag, name)]))
    return Problem(
        path,
        line,
        "body",
        f"{name}='{shown}' is not allowed on <{tag}>",
        f"use one of: {allowed}",
    )


_CLASSES_SHOWN = ", ".join(sorted(A.CONTENT_CLASSES - A.ADMONITION_TYPES))


def _shown(value: str) -> str:
    """A value as a contributor can read it: controls made visible, long ones cut."""
    visible = "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in value)
    return visible if len(visible) <= 80 else visible[:77] + "..."


def _keep_value(tag: str, attribute: str, value: str) -> str | None:
    return None if A.value_problem(tag, attribute, value) else value


_NH3_ATTRIBUTES = {
    "*": set(A.GLOBAL_ATTRIBUTES),
    **{tag: set(attrs) for tag, attrs in A.ELEMENT_ATTRIBUTES.items()},
}


def sanitise(html: str) -> str:
    """The body cut to the allowlist, as the one form in which it is published."""
    if "<" not in html:
        return html
    return nh3.clean(
        html,
        tags=set(A.ELEMENTS),
        clean_content_tags={"script", "style"},
        attributes=_NH3_ATTRIBUTES,
        attribute_filter=_keep_value,
        strip_comments=True,
        link_rel=None,
        url_schemes=set(A.LINK_SCHEMES),
    )


def toc_title(title: str) -> str:
    """A table-of-contents entry as text, escaped, whatever the heading held.

    Markdown's toc extension makes an entry's title from the heading's HTML by
    cutting out comments and tags with patterns, and the theme prints it
    unescaped. A heading can be written so that those patterns leave markup
    behind (a comment opened inside an attribute value, a tag the pattern does
    not see as one): the body itself is sanitised, but this copy of its words
    is not. So a title that holds a "<" is read as a browser would read it and
    only its text is kept; one without cannot hold markup and is left as it is.
    """
    if "<" not in title:
        return title
    body = LexborHTMLParser(title).body
    text = body.text(deep=True) if body is not None else ""
    return html_escape(" ".join(text.split()))


def text_toc(entries) -> None:
    """Every entry of a page's table of contents (MkDocs' AnchorLinks), and the
    entries under it, made text by `toc_title`."""
    for entry in entries:
        entry.title = toc_title(entry.title)
        text_toc(entry.children)
