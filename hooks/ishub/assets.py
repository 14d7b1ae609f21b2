"""Gate 3: the files beside the content, judged by what they are, not what they are called.

Only the types in `TYPES` are published, and only when the file's first bytes
say it is that type: a page or script renamed to `.png` is refused, and so is
any `.html`, `.js` or `.css` in a content folder (the site's own live in
`overrides/`). SVG is a document that browsers run scripts in, so an SVG is
parsed (without DTDs or entities) and held to an allowlist of drawing elements
with no scripts, handlers, foreign objects or references to other files.
Symbolic links are refused everywhere in content: a link could publish any
file of the machine that builds the site.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from .allowlist import normalise_url, url_scheme
from .cells import starts_formula
from .problems import Problem

MAX_ASSET_BYTES = 10_000_000

_ZIP = (b"PK\x03\x04",)
# extension -> (what it is, the first bytes a real file of that type starts with)
TYPES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".png": ("PNG image", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("JPEG image", (b"\xff\xd8\xff",)),
    ".jpeg": ("JPEG image", (b"\xff\xd8\xff",)),
    ".gif": ("GIF image", (b"GIF87a", b"GIF89a")),
    ".webp": ("WebP image", (b"RIFF",)),
    ".svg": ("SVG drawing", ()),
    ".pdf": ("PDF document", (b"%PDF-",)),
    ".docx": ("Word document", _ZIP),
    ".xlsx": ("Excel workbook", _ZIP),
    ".pptx": ("PowerPoint presentation", _ZIP),
    ".odt": ("OpenDocument text", _ZIP),
    ".ods": ("OpenDocument spreadsheet", _ZIP),
    ".odp": ("OpenDocument presentation", _ZIP),
    ".csv": ("CSV data", ()),
    ".txt": ("plain text", ()),
}
_TEXT_TYPES = {".csv", ".txt", ".svg"}

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"
SVG_ELEMENTS = frozenset(
    """svg g defs symbol use path rect circle ellipse line polyline polygon text tspan textPath
    title desc metadata linearGradient radialGradient stop clipPath mask pattern marker image
    filter feBlend feColorMatrix feComponentTransfer feComposite feDropShadow feFlood feFuncA feFuncB
    feFuncG feFuncR feGaussianBlur feMerge feMergeNode feMorphology feOffset""".split()
)
_NUMBER = re.compile(r"^[+\-]?\d[\d\s,.]*%?$")
_PI = re.compile(r"<\?(?!xml[\s?])", re.I)
_URL_REF = re.compile(r"url\s*\(\s*['\"]?\s*(?!#)", re.I)
# CSS that could fetch a file or hide one: imports, image-set, escapes, old expressions.
# Attributes that hold words for people, never read as CSS.
_TEXT_ATTRIBUTES = frozenset({"aria-label", "aria-description", "aria-roledescription"})
_CSS_ESCAPE = re.compile(r"@|image-set|-webkit-image-set|expression\s*\(|\\|&", re.I)


def asset_problems(path: str, abs_path: Path) -> list[Problem]:
    """Why one file beside the content may not be published, or nothing."""
    suffix = abs_path.suffix
    known = ", ".join(sorted(TYPES))
    if suffix.lower() in TYPES and suffix != suffix.lower():
        return [
            _problem(
                path,
                f"'{abs_path.name}' has an upper-case extension",
                f"rename it to end in '{suffix.lower()}'",
            )
        ]
    if suffix not in TYPES:
        what = f"'{suffix}' files" if suffix else "files without an extension"
        return [
            _problem(
                path,
                f"{what} cannot be published from a content folder",
                f"use one of the allowed types ({known}), or remove the file",
            )
        ]
    size = abs_path.stat().st_size
    if size > MAX_ASSET_BYTES:
        return [
            _problem(
                path,
                f"is {size / 1_000_000:.1f} MB, over the {MAX_ASSET_BYTES // 1_000_000} MB limit for a file",
                "make it smaller (compress the image or split the document)",
            )
        ]
    data = abs_path.read_bytes()
    label, magic = TYPES[suffix]
    if magic and not data.startswith(magic):
        return [
            _problem(
                path,
                f"is not a real {label} (its contents are another type)",
                "save it again as a real " + label,
            )
        ]
    if suffix == ".webp" and data[8:12] != b"WEBP":
        return [
            _problem(
                path, "is not a real WebP image (its contents are another type)", "save it again as WebP"
            )
        ]
    if suffix in _TEXT_TYPES:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return [
                _problem(
                    path, f"is not UTF-8 text, so it is not a real {label}", "save it with UTF-8 encoding"
                )
            ]
        if "\x00" in text:
            return [
                _problem(path, f"contains NUL bytes, so it is not a real {label}", "save it again as text")
            ]
        if suffix == ".svg":
            return svg_problems(path, text)
        if suffix == ".csv":
            return csv_problems(path, text)
    return []


def csv_problems(path: str, text: str) -> list[Problem]:
    """A CSV file is data: no cell may be one a spreadsheet would run as a formula.

    The hub's own catalogue.csv neutralises such cells (`cells.inert_cell`); a
    contributor's file is published as it is, so its cells are checked instead, and a
    number (-5, +44) is data, not a formula.
    """
    problems = []
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        for row in reader:
            for column, cell in enumerate(row, start=1):
                if starts_formula(cell) and not _NUMBER.match(cell.strip()):
                    shown = "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in cell[:40])
                    problems.append(
                        _problem(
                            path,
                            f"column {column} holds '{shown}', which a spreadsheet would run as a formula",
                            "begin the cell with an apostrophe (') so that it is shown as text",
                            reader.line_num,
                        )
                    )
                    if len(problems) >= 10:
                        return problems
    except csv.Error as error:
        fix = "save it again as CSV"
        return [_problem(path, f"is not a readable CSV file ({error})", fix, reader.line_num)]
    return problems


def _problem(path: str, message: str, fix: str, line: int = 1) -> Problem:
    return Problem(path, line, "file", message, fix)


def svg_problems(path: str, text: str) -> list[Problem]:
    """An SVG must be a drawing only: nothing that runs, fetches or embeds."""
    fix = "export it again as plain SVG, without scripts, links or embedded content"
    m = _PI.search(text)
    if m:
        line = text.count("\n", 0, m.start()) + 1
        return [_problem(path, "has a processing instruction (such as a style sheet link)", fix, line)]
    try:
        root = fromstring(text.encode("utf-8"), forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        return [_problem(path, "declares a DTD or entities", fix)]
    except ParseError as exc:
        line = exc.position[0] if exc.position else 1
        return [_problem(path, f"is not well-formed XML ({str(exc).split(':')[0]})", fix, line)]
    problems = []
    for el in root.iter():
        what = _element_problem(el)
        if what:
            problems.append(_problem(path, what, fix))
            if len(problems) >= 10:
                break
    return problems


def _split(name: str) -> tuple[str, str]:
    if name.startswith("{"):
        ns, _, local = name[1:].partition("}")
        return ns, local
    return "", name


def _element_problem(el) -> str:
    if not isinstance(el.tag, str):
        return ""
    ns, local = _split(el.tag)
    if ns != SVG_NS:
        return f"has a <{local}> element outside SVG's own vocabulary"
    if local not in SVG_ELEMENTS:
        return f"has a <{local}> element, which a published drawing may not use"
    for name, value in el.attrib.items():
        ans, attr = _split(name)
        if ans not in ("", XLINK_NS, XML_NS):
            return f"has an attribute from another vocabulary ({attr}) on <{local}>"
        if attr.lower().startswith("on"):
            return f"has an event handler ({attr}) on <{local}>"
        if ans == XML_NS and attr == "base":
            return f"sets xml:base on <{local}>, which would make its references point elsewhere"
        if attr == "href":
            if not _local_reference(local, value):
                return f"links <{local}> to '{value[:60]}', outside the drawing"
        elif _URL_REF.search(value):
            return f"refers to another file in the {attr} attribute of <{local}>"
        elif attr not in _TEXT_ATTRIBUTES and _CSS_ESCAPE.search(value):
            # Presentation attributes (fill, mask, filter, cursor ...) are read as CSS, where
            # "\75 rl(" is "url(": an escape is refused wherever CSS may read it.
            return f"has a CSS escape, @-rule or expression in the {attr} attribute of <{local}>"
    return ""


def _local_reference(element: str, value: str) -> bool:
    """References inside the drawing (#id); an <image> may also show a file of this site."""
    value = normalise_url(value)
    if value.startswith("#"):
        return True
    if element != "image":
        return False
    return not url_scheme(value) and not value.startswith("//")
