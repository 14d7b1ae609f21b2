"""Markdown to the plain words a reader sees, for matching and counting.

Code, addresses and markup are dropped so that a phrase inside a code sample, a
URL or an HTML attribute never counts as something the text is about. Link and
image text is kept. Paragraphs stay separated by a blank line, so a phrase never
runs from one paragraph (or from the title) into the next.

This runs on every item of a large site, so each pattern either starts with a
literal character (which the regex engine can jump to) or only runs when a cheap
substring test says it could match.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

# Front matter must start with a "key:" line, so a leading thematic break is kept.
_FRONT_MATTER = re.compile(
    r"\A\ufeff?---[ \t]*\n(?=[\w-]+[ \t]*:)(?:.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S
)
_FENCED_CODE = re.compile(
    r"^[ \t]{0,3}(?P<fence>`{3,}+|~{3,}+)[^\n]*\n.*?(?:^[ \t]{0,3}(?P=fence)[`~]*[ \t]*$|\Z)",
    re.M | re.S,
)
_BACKTICKS = re.compile(r"`+")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_URL_IN_PARENS = r"\((?:[^()\s]|\([^()\s]*\))*(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)"
# No repeat in these patterns can run past the next opening bracket, so a text of
# thousands of unclosed brackets costs linear time, not quadratic.
_INLINE_LINK = re.compile(r"\[([^\[\]]*)\]" + _URL_IN_PARENS)
_IMAGE = re.compile(r"!\[([^\[\]]*)\](?:" + _URL_IN_PARENS + r"|\[[^\[\]]*\])")
_REFERENCE_LINK = re.compile(r"\[([^\[\]]+)\]\[[^\[\]]*\]")
_LINK_DEFINITION = re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*\S+.*$", re.M)
_AUTOLINK = re.compile(r"<(?:[a-z][a-z0-9+.-]*:|www\.)[^<>\s]*>|<[^<>\s@]+@[^<>\s]+>", re.I)
_HTTP_URL = re.compile(r"https?://\S+", re.I)
_WWW_URL = re.compile(r"www\.\S+", re.I)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# The domain part of an address: found from its "@", so the search jumps from "@" to "@".
_EMAIL_DOMAIN = re.compile(r"@[\w-]+(?:\.[\w-]+)+")
_LOCAL_PART = re.compile(r"[\w.+-]")
_HTML_TAG = re.compile(r"</?[a-z][^<>]*>", re.I)
_ATTR_LIST = re.compile(r"\{:?[ \t]*[.#][^{}\n]*\}|\{:[^{}\n]*\}")
_INDENT_AFTER_BREAK = re.compile(r"\n[ \t]+")
_SPACE_RUN = re.compile(r"  +")
_BLANK_LINES = re.compile(r"\n\n\n+")
_LIST_ITEM = re.compile(r"(?:[-*+]|\d+[.)])(?:[ \t]|$)")
_CONTAINER = ("!!!", "???", "===")  # admonitions, details and tabs indent their content

# (test, rewrite): each rewrite runs only when its test finds something to do.
_Step = tuple[Callable[[str], bool], Callable[[str], str]]
_STEPS: tuple[_Step, ...] = (
    (lambda t: t.startswith(("---", "\ufeff---")), lambda t: _FRONT_MATTER.sub("", t, count=1)),
    (lambda t: "```" in t or "~~~" in t, lambda t: _FENCED_CODE.sub("\n", t)),
    (lambda t: "\n    " in t or "\n\t" in t, lambda t: strip_indented_code(t)),
    (lambda t: "`" in t, lambda t: strip_inline_code(t)),
    (lambda t: "<" in t, lambda t: _HTML_COMMENT.sub(" ", t)),
    (lambda t: "]" in t, lambda t: strip_links(t)),
    (lambda t: "<" in t, lambda t: _HTML_TAG.sub(" ", _AUTOLINK.sub(" ", t))),
    (lambda t: "://" in t, lambda t: _HTTP_URL.sub(" ", t)),
    (lambda t: "www." in t, lambda t: _WWW_URL.sub(" ", t)),
    (lambda t: "@" in t, lambda t: strip_emails(t)),
    (lambda t: "{" in t, lambda t: _ATTR_LIST.sub(" ", t)),
    (lambda t: "*" in t or "_" in t, lambda t: t.replace("*", "").replace("_", " ")),
    (lambda t: "\t" in t, lambda t: t.replace("\t", " ")),
    (lambda t: "\n " in t, lambda t: _INDENT_AFTER_BREAK.sub("\n", t)),
    (lambda t: "  " in t, lambda t: _SPACE_RUN.sub(" ", t)),
    (lambda t: "\n\n\n" in t, lambda t: _BLANK_LINES.sub("\n\n", t)),
)


def strip_inline_code(text: str) -> str:
    """Code spans replaced by a space: a run of n backticks up to the next run of exactly
    n, within one paragraph (as Markdown reads them).

    Each run is paired by looking up the next run of its length, so the time is
    linear in the text even with thousands of unpaired backticks.
    """
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text)]
    if len(runs) < 2:
        return text
    by_length: dict[int, list[int]] = {}
    for index, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(index)
    blanks = [m.start() for m in _BLANK_LINE.finditer(text)]
    out, done, index = [], 0, 0
    while index < len(runs):
        start, end = runs[index]
        closer = None
        for opening in range(start, end):  # a run may open a span from any of its backticks
            same = by_length.get(end - opening, [])
            k = bisect.bisect_right(same, index)
            b = bisect.bisect_left(blanks, end)
            limit = blanks[b] if b < len(blanks) else len(text)
            if k < len(same) and runs[same[k]][0] < limit:
                closer = same[k]
                break
        if closer is None:
            index += 1
            continue
        out += [text[done:opening], " "]
        done = runs[closer][1]
        index = closer + 1
    out.append(text[done:])
    return "".join(out)


def strip_links(markdown: str) -> str:
    """Links and images replaced by their text; link definitions dropped."""
    text = _IMAGE.sub(r"\1", markdown) if "![" in markdown else markdown
    text = _INLINE_LINK.sub(r"\1", text) if "](" in text else text
    text = _REFERENCE_LINK.sub(r"\1", text) if "][" in text else text
    return _LINK_DEFINITION.sub("", text) if "]:" in text else text


def strip_emails(text: str) -> str:
    """Email addresses replaced by a space, as `_EMAIL.sub(" ", text)` would, but faster.

    A regex that starts with a class of word characters is tried at every
    character; this one finds each "@" and its domain, then walks back over the
    local part.
    """
    kept: list[str] = []
    done = 0
    for match in _EMAIL_DOMAIN.finditer(text):
        start = match.start()
        while start > done and _LOCAL_PART.fullmatch(text[start - 1]):
            start -= 1
        if start < match.start():
            kept += (text[done:start], " ")
            done = match.end()
    return "".join(kept) + text[done:] if kept else text


def _is_indented(line: str) -> bool:
    return line.startswith(("    ", "\t"))


def strip_indented_code(markdown: str) -> str:
    """Drop indented code blocks, but keep the indented text of lists and admonitions.

    An indented block is code when it follows a blank line and the last
    unindented line was an ordinary paragraph, not a list item or a container.
    """
    kept: list[str] = []
    in_container = in_code = previous_blank = False
    for line in markdown.split("\n"):
        stripped = line.strip()
        if not stripped:
            previous_blank = True
            kept.append("" if in_code else line)
            continue
        if _is_indented(line):
            in_code = in_code or (previous_blank and not in_container)
        else:
            in_code = False
            in_container = stripped.startswith(_CONTAINER) or bool(_LIST_ITEM.match(stripped))
        previous_blank = False
        kept.append("" if in_code else line)
    return "\n".join(kept)


def markdown_to_text(markdown: str) -> str:
    """The readable words of a Markdown text, paragraphs separated by a blank line."""
    if not markdown:
        return ""
    text = markdown.replace("\r\n", "\n").replace("\r", "\n") if "\r" in markdown else markdown
    for applies, rewrite in _STEPS:
        if applies(text):
            text = rewrite(text)
    return text.strip()


def join_parts(*parts: str) -> str:
    """Texts joined so that no phrase can run from one into the next."""
    return "\n\n".join(p for p in parts if p)
