"""The HTML a content body may carry, declared once.

The check of rendered bodies (`bodyhtml.judge`), the sanitiser that cuts every
published body to the same rules (`bodyhtml.sanitise`) and the contributor
guide's "The HTML you may use" table (`reference.py`) all read these tables.
Anything not listed is refused: an allowlist, never a list of known dangers.
"""

from __future__ import annotations

import re

# Elements Markdown and its extensions write, and the few a writer may add by hand.
ELEMENTS = frozenset(
    """a abbr b blockquote br caption cite code col colgroup dd del details dfn div dl dt em
    figcaption figure h1 h2 h3 h4 h5 h6 hr i img input ins kbd label li mark ol p pre q s samp
    small span strong sub summary sup table tbody td tfoot th thead time tr u ul var wbr""".split()
)

# Attributes any allowed element may carry.
GLOBAL_ATTRIBUTES = frozenset({"class", "id", "title", "lang", "dir"})

# Attributes allowed on one element only.
ELEMENT_ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "hreflang"}),
    "img": frozenset({"src", "alt", "width", "height", "loading"}),
    "td": frozenset({"colspan", "rowspan", "headers"}),
    "th": frozenset({"colspan", "rowspan", "headers", "scope"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
    "ol": frozenset({"start", "reversed", "type"}),
    "li": frozenset({"value"}),
    "time": frozenset({"datetime"}),
    "details": frozenset({"open"}),
    "blockquote": frozenset({"cite"}),
    "q": frozenset({"cite"}),
    "del": frozenset({"cite", "datetime"}),
    "ins": frozenset({"cite", "datetime"}),
    # Task lists write <input type="checkbox" disabled>; nothing else may be an input.
    "input": frozenset({"type", "checked", "disabled"}),
    # The one hand-written block a static page may hold: a place the hub fills in.
    "div": frozenset({"data-hub"}),
}

# Attributes whose value is an address, and what it may point to.
LINK_ATTRIBUTES = {("a", "href"), ("blockquote", "cite"), ("q", "cite"), ("del", "cite"), ("ins", "cite")}
LOCAL_ATTRIBUTES = {("img", "src")}  # images come from the site itself, never another host
LINK_SCHEMES = ("http", "https", "mailto", "tel")

# Values fixed by rule.
FIXED_VALUES = {("input", "type"): {"checkbox"}, ("img", "loading"): {"lazy", "eager"}}
RESERVED_ID = re.compile(r"^(__|hub-content$)")  # the theme's own element ids
# Classes the site styles for content, and those the configured Markdown extensions
# write. Any other is refused: the theme's own classes (md-consent__overlay, md-dialog,
# the hub's hub-...) lay out the page itself, and on a link in a body they could
# cover the whole page with it.
ADMONITION_TYPES = frozenset(
    """note abstract summary tldr info todo tip hint important success check done question
    help faq warning caution attention failure fail missing danger error bug example quote
    cite""".split()
)
CONTENT_CLASSES = ADMONITION_TYPES | frozenset(
    """admonition admonition-title headerlink footnote footnote-ref footnote-backref
    task-list task-list-item task-list-control task-list-indicator highlight filename
    linenos linenodiv lineno hll md-button md-button--primary hub-insert""".split()
)
# Pygments' token classes inside highlighted code (k, s2, nf, err, and l-Scalar-Plain for
# a token type it has no short name for), and the language of a code block (language-python).
CODE_CLASS = re.compile(
    r"^(?:[a-z]{1,3}[0-9]?(?:-[A-Z][A-Za-z]{0,30}){0,4}|language-[a-z0-9][a-z0-9_+#.-]{0,40})$"
)
# The theme prints ids unescaped into its table of contents and skip link, so an id
# is a word: letters, digits and - _ . : only (what headings and footnotes make).
ID_VALUE = re.compile(r"^[^\W\d][\w.:\-]*$|^\d[\w.:\-]*$")
MAX_DEPTH = 48  # elements inside elements; far more than any real page needs

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_STRIPPED = re.compile(r"[\t\n\r]")
_EDGES = "".join(chr(c) for c in range(0x21))  # C0 controls and space, which URL parsers trim


def allowed_attributes(tag: str) -> frozenset[str]:
    return GLOBAL_ATTRIBUTES | ELEMENT_ATTRIBUTES.get(tag, frozenset())


def normalise_url(value: str) -> str:
    """An address as a browser's URL parser reads it: edges trimmed, tabs and line
    breaks dropped anywhere, backslashes read as slashes."""
    return _STRIPPED.sub("", value.strip(_EDGES)).replace("\\", "/")


def url_scheme(value: str) -> str:
    """The scheme of an address in lower case, '' for a relative one."""
    m = _SCHEME.match(normalise_url(value))
    return m.group(1).lower() if m else ""


def url_problem(tag: str, attribute: str, value: str) -> str:
    """Why an address may not stand in this attribute, or ''."""
    url = normalise_url(value)
    scheme = url_scheme(url)
    if (tag, attribute) in LOCAL_ATTRIBUTES:
        if scheme == "data":
            return "embedded"
        if scheme or url.startswith("//"):
            return "remote"
        return ""
    if scheme and scheme not in LINK_SCHEMES:
        return "scheme"
    return ""


def class_problem(value: str) -> str:
    """The first class in the value that content may not use, or ''."""
    for name in value.split():
        if name not in CONTENT_CLASSES and not CODE_CLASS.match(name):
            return name
    return ""


def value_problem(tag: str, attribute: str, value: str | None) -> str:
    """Why an allowed attribute's value is not, or ''."""
    if attribute == "id" and value is not None:
        if not ID_VALUE.match(value):
            return "id"
        if RESERVED_ID.match(value):
            return "reserved"
    if attribute == "class" and value is not None and class_problem(value):
        return "class"
    fixed = FIXED_VALUES.get((tag, attribute))
    if fixed is not None and (value or "").strip().lower() not in fixed:
        return "fixed"
    if (tag, attribute) in LINK_ATTRIBUTES or (tag, attribute) in LOCAL_ATTRIBUTES:
        return url_problem(tag, attribute, value or "")
    return ""
