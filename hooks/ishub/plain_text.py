"""Markdown to the plain words a reader sees, for matching and counting.

Code, addresses and markup are dropped so that a phrase inside a code sample, a
URL or an HTML attribute never counts as something the text is about. Link and
image text is kept. Paragraphs stay separated by a blank line, so a phrase never
runs from one paragraph (or from the title) into the next.
"""

from __future__ import annotations

import re

# Front matter must start with a "key:" line, so a leading thematic break is kept.
_FRONT_MATTER = re.compile(
    r"\A\ufeff?---[ \t]*\n(?=[\w-]+[ \t]*:)(?:.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S
)
_FENCED_CODE = re.compile(
    r"^[ \t]{0,3}(?P<fence>`{3,}|~{3,})[^\n]*\n.*?(?:^[ \t]{0,3}(?P=fence)[`~]*[ \t]*$|\Z)",
    re.M | re.S,
)
_INLINE_CODE = re.compile(r"(?<!`)(`+)(?!`)(?:(?!\n[ \t]*\n).)+?(?<!`)\1(?!`)", re.S)
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_URL_IN_PARENS = r"\((?:[^()\s]|\([^()\s]*\))*(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)"
_INLINE_LINK = re.compile(r"!?\[([^\]]*)\]" + _URL_IN_PARENS)
_REFERENCE_LINK = re.compile(r"!?\[([^\]]+)\]\[[^\]]*\]")
_LINK_DEFINITION = re.compile(r"^[ \t]{0,3}\[[^\]]+\]:[ \t]*\S+.*$", re.M)
_AUTOLINK = re.compile(r"<(?:[a-z][a-z0-9+.-]*:|www\.)[^>\s]*>|<[^>\s@]+@[^>\s]+>", re.I)
_BARE_URL = re.compile(r"\b(?:[a-z][a-z0-9+.-]*://|www\.|mailto:)\S+", re.I)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_HTML_TAG = re.compile(r"</?[a-z][^>]*>", re.I)
_ATTR_LIST = re.compile(r"\{:?[ \t]*[.#][^}\n]*\}|\{:[^}\n]*\}")
_EMPHASIS = re.compile(r"(?<!\w)[*_]+|[*_]+(?!\w)")
_SPACES = re.compile(r"[ \t]+")
_LINE_BREAK = re.compile(r" ?\n ?")
_BLANK_LINES = re.compile(r"\n{2,}")
_LIST_ITEM = re.compile(r"(?:[-*+]|\d+[.)])(?:[ \t]|$)")
_CONTAINER = ("!!!", "???", "===")  # admonitions, details and tabs indent their content


def _is_indented(line: str) -> bool:
    return line.startswith(("    ", "\t"))


def strip_indented_code(markdown: str) -> str:
    """Drop indented code blocks, but keep the indented text of lists and admonitions.

    An indented block is code when it follows a blank line and the last
    unindented line was an ordinary paragraph, not a list item or a container.
    """
    if "\n    " not in markdown and "\n\t" not in markdown:
        return markdown
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
    """The readable words of a Markdown text, paragraphs separated by one blank line."""
    if not markdown:
        return ""
    text = markdown.replace("\r\n", "\n").replace("\r", "\n")
    text = _FRONT_MATTER.sub("", text, count=1)
    text = _FENCED_CODE.sub("\n", text)
    text = strip_indented_code(text)
    text = _INLINE_CODE.sub(" ", text)
    text = _HTML_COMMENT.sub(" ", text)
    text = _INLINE_LINK.sub(r"\1", text)
    text = _REFERENCE_LINK.sub(r"\1", text)
    text = _LINK_DEFINITION.sub("", text)
    text = _AUTOLINK.sub(" ", text)
    text = _BARE_URL.sub(" ", text)
    text = _EMAIL.sub(" ", text)
    text = _HTML_TAG.sub(" ", text)
    text = _ATTR_LIST.sub(" ", text)
    text = _EMPHASIS.sub("", text)
    text = _SPACES.sub(" ", text)
    text = _LINE_BREAK.sub("\n", text)
    return _BLANK_LINES.sub("\n\n", text).strip()


def join_parts(*parts: str) -> str:
    """Texts joined so that no phrase can run from one into the next."""
    return "\n\n".join(p for p in parts if p)
