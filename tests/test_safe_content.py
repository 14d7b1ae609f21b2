"""Hostile contributions: every root cause is stopped with file, line and a fix, or
published harmless. Bodies are judged by the HTML Markdown makes of them; the
variants below are the ones a pattern check over the source lets through.
"""

from __future__ import annotations

import os
import re
import sys
import threading
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ishub import allowlist, clock
from ishub.assets import asset_problems, svg_problems
from ishub.bodyhtml import judge, nesting_problems, sanitise
from ishub.frontmatter import MAX_BYTES, decode, load_yaml, read_source
from ishub.mkdocs_yml import unsafe_tags
from ishub.opendata import inert_cell
from ishub.render import make_markdown, render
from ishub.security import content_security_policy, may_have_handlers, page_problems
from selectolax.lexbor import LexborHTMLParser

from tests.conftest import ROOT, make_site, mkdocs_build, real_config, run
from tests.search_index import indexed_pages

PATH = "blog/2026-01-02-x.md"


@pytest.fixture(scope="module")
def md():
    return make_markdown(real_config())


def problems_of(md, body: str, first_line: int = 8) -> list[str]:
    return [str(p) for p in judge(PATH, render(md, body), body, first_line)]


# --- Gate 2: the HTML a body renders to ---------------------------------------------------------

SCRIPT = f"{PATH}:{{line}}: body: <script> is not allowed in content; remove it; content may not run scripts"
HANDLER = (
    f"{PATH}:{{line}}: body: the {{attr}} attribute on <{{tag}}> is not allowed; remove it; "
    "content may not run scripts"
)
JS_LINK = (
    f"{PATH}:{{line}}: link: 'javascript:alert(1)' uses the javascript: scheme, which links may not use; "
    "link to an https:// page, a mailto: or tel: address, or a file in the repository"
)

REFUSED = [
    (
        "backslash-escaped backticks around a raw script",
        "Text \\`<script>alert(1)</script>\\` more",
        [SCRIPT.format(line=8)],
    ),
    ("script after a paragraph", "Para.\n\n<script>alert(1)</script>", [SCRIPT.format(line=10)]),
    (
        "attr_list handler on a link",
        '[x](https://a.example){onclick="alert(1)"}',
        [HANDLER.format(line=8, attr="onclick", tag="a")],
    ),
    (
        "attr_list on a paragraph",
        'Para\n{: onmouseover="alert(1)" }',
        [HANDLER.format(line=9, attr="onmouseover", tag="p")],
    ),
    (
        "attr_list on a heading",
        '## Head {: onfocus="alert(1)" }',
        [HANDLER.format(line=8, attr="onfocus", tag="h2")],
    ),
    (
        "reference defined inside a quote",
        "> [r]: javascript:alert(1)\n>\n> see [it][r]",
        [JS_LINK.format(line=8)],
    ),
    (
        "reference defined inside a list",
        "- item\n\n    [r]: javascript:alert(1)\n\nsee [it][r]",
        [JS_LINK.format(line=10)],
    ),
    ("decimal entity in the scheme", "[x](&#106;avascript:alert(1))", [JS_LINK.format(line=8)]),
    (
        "upper case scheme",
        "[x](JAVASCRIPT:alert(1))",
        [JS_LINK.format(line=8).replace("'javascript:", "'JAVASCRIPT:")],
    ),
    ("leading space inside an angle link", "[x](< javascript:alert(1)>)", None),
    ("vbscript", "[x](vbscript:msgbox(1))", None),
    ("image from another host (a tracking pixel)", "![pixel](https://track.example/p.gif)", None),
    ("protocol-relative image", "![pixel](//track.example/p.gif)", None),
    ("backslash image host", '<img src="\\\\track.example/p.gif" alt="p">', None),
    ("srcset", '<img src="a.png" srcset="https://evil.example/x.png 2x" alt="a">', None),
    ("attribute trick", '<img src="a.png" title=">" onerror="alert(1)" alt="x">', None),
    ("formaction", '<button formaction="javascript:alert(1)">x</button>', None),
    ("ping", '<a href="/x" ping="https://track.example">x</a>', None),
    ("svg animate", '<svg><animate attributeName="href" values="javascript:alert(1)"/></svg>', None),
    ("style attribute", 'Para\n{: style="display:none" }', None),
    ("style element", "<style>body{display:none}</style>", None),
    ("iframe", '<iframe src="https://example.org/"></iframe>', None),
    ("meta refresh", '<meta http-equiv="refresh" content="0;url=https://evil.example/">', None),
    ("base element", '<base href="https://evil.example/">', None),
    ("data attribute steering the theme", '<div data-md-component="search">x</div>', None),
    ("reserved id", "## Head {: #__search }", None),
    ("text input", "<input>", None),
    ("tab inside the scheme, as an entity", '<a href="jav&#x09;ascript:alert(1)">x</a>', None),
    ("newline inside the scheme", '<a href="java\nscript:alert(1)">x</a>', None),
    ("noscript wrapper", "<noscript><p title='</noscript><img src=x onerror=alert(1)>'></noscript>", None),
    ("heading id with quotes", "## Head {: id='a\" onmouseover=\"alert(1)' }", None),
    ("math namespace confusion", "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>", None),
]


@pytest.mark.parametrize("case", REFUSED, ids=[c[0] for c in REFUSED])
def test_hostile_bodies_are_refused_with_file_and_line(md, case):
    _name, body, expected = case
    found = problems_of(md, body)
    assert found, "accepted"
    assert all(line.startswith(f"{PATH}:") for line in found)
    if expected is not None:
        assert found == expected
    # And whatever the check said, the published form carries nothing live.
    assert_inert(sanitise(render(md, body)))


ACCEPTED = [
    ("code span", "Use `<script>alert(1)</script>` to see why."),
    ("fenced code", "```html\n<img src=x onerror=alert(1)>\n```"),
    ("escaped text", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("link with a hostile title", '[x](https://example.org/ "a\\" onmouseover=\\"alert(1)")'),
    ("query string with markup", "[x](https://example.org/?q=<script>)"),
    ("mailto and tel", "[mail](mailto:team@example.org) or [call](tel:+441234567890)"),
    ("relative image with alt", "![A chart of referrals](images/chart.svg)"),
    ("task list", "- [x] done\n- [ ] to do"),
    ("admonition and details", '!!! note "Note"\n    Text.\n\n??? tip "More"\n    Hidden.'),
    ("footnote", "Text.[^1]\n\n[^1]: A note."),
    ("abbreviation", "The ICO.\n\n*[ICO]: Information Commissioner's Office"),
]


@pytest.mark.parametrize("case", ACCEPTED, ids=[c[0] for c in ACCEPTED])
def test_tricky_but_valid_bodies_are_published_harmless(md, case):
    _name, body = case
    html = render(md, body)
    assert problems_of(md, body) == []
    assert_inert(sanitise(html))


def test_table_alignment_is_refused_with_a_fix(md):
    found = problems_of(md, "| a | b |\n|:--|--:|\n| 1 | 2 |")
    assert found[0].endswith("alignment needs inline styles, which the page policy blocks)")


def assert_inert(html: str) -> None:
    """No element, attribute or address in this HTML could run, load or steer anything."""
    root = LexborHTMLParser(html).body
    for node in root.traverse(include_text=False):
        tag = node.tag.lower()
        if tag.startswith("-") or node.mem_id == root.mem_id:
            continue
        assert tag in allowlist.ELEMENTS, tag
        for name, value in node.attributes.items():
            assert name in allowlist.allowed_attributes(tag), (tag, name)
            assert not allowlist.value_problem(tag, name, value), (tag, name, value)


def test_sanitise_keeps_what_markdown_writes(md):
    body = (ROOT / "docs" / "guidance" / "glossary.md").read_text(encoding="utf-8").split("---", 2)[2]
    html = render(md, body)
    assert judge("g.md", html, body, 1) == []
    kept = LexborHTMLParser(sanitise(html)).body
    original = LexborHTMLParser(html).body
    assert [n.tag for n in kept.traverse()] == [n.tag for n in original.traverse()]


def test_deep_nesting_is_refused_before_markdown_sees_it():
    body = "".join("    " * i + "- level\n" for i in range(400))
    found = nesting_problems(PATH, body, 8)
    assert [str(p) for p in found] == [
        f"{PATH}:33: body: is nested 25 levels deep (lists or quotes); the limit is 24; flatten the list or quote"
    ]
    assert nesting_problems(PATH, "> " * 400 + "quote", 8)


def test_deep_html_is_refused(md):
    body = "<div>" * 60 + "x" + "</div>" * 60
    found = problems_of(md, body)
    assert any("nested more than 48 deep" in line for line in found)


# --- The page policy ------------------------------------------------------------------------------


def test_the_policy_allows_no_inline_script_whatever_the_pages_hold():
    policy = content_security_policy()
    # 'wasm-unsafe-eval' lets search compile its WebAssembly; it allows no eval() of text.
    assert "script-src 'self' 'wasm-unsafe-eval';" in policy
    assert "sha256" not in policy and "'unsafe-" not in policy  # no 'unsafe-eval', no 'unsafe-inline'


@pytest.mark.parametrize(
    "page",
    [
        "<html><head><script>alert(1)</script></head></html>",
        '<html><body><img src="a.png" onerror="alert(1)"></body></html>',
        '<html><body><script src="https://cdn.example/x.js"></script></body></html>',
        '<html><body><script type="module">alert(1)</script></body></html>',
    ],
)
def test_a_page_with_inline_code_is_refused(page):
    assert page_problems(page)


@pytest.mark.parametrize(
    "inside",
    [
        "<img src=a onerror=alert(1)>",
        "<script>alert(1)</script>",
        '<iframe src="https://elsewhere.example/"></iframe>',
        '<a href="javascript:alert(1)">x</a>',
    ],
)
@pytest.mark.parametrize("mode", ['shadowrootmode="open"', 'shadowrootmode="closed"', ""])
def test_a_template_is_refused_as_its_content_is_not_walked(inside, mode):
    """A template's content is a fragment of its own that the walk of the page does not
    enter, and a declarative shadow root makes it live: no finished page may hold one."""
    page = f"<html><body><div><template {mode}>{inside}</template></div></body></html>"
    assert "has a <template> element" in page_problems(page)


@pytest.mark.parametrize(
    "attribute",
    ["onclick=x", "ONLOAD = x", "oNerror=1", "OnMouseOver=1", "onfocus\t=1"],
)
@pytest.mark.parametrize("before", ['alt="x" ', 'alt="x"\t', 'alt="x"\n', 'alt="x"/', 'alt="x"', "alt='x'"])
def test_an_event_handler_is_refused_however_it_is_written(attribute, before):
    page = f'<html><body><img src="a.png" {before}{attribute}></body></html>'
    problems = page_problems(page)
    assert len(problems) == 1 and problems[0].startswith("has an event handler attribute (on"), (
        page,
        problems,
    )


@pytest.mark.parametrize("name", ["on", "on1", "on-click", "on:click", "onclick\u00e9", "onclick\x00"])
def test_any_attribute_named_on_with_a_value_is_refused(name):
    """The quick test finds every name the walk refuses, not only names of letters."""
    problems = page_problems(f"<html><body><p {name}=x>text</p></body></html>")
    assert len(problems) == 1 and problems[0].startswith("has an event handler attribute (on"), problems


# The quick test's first form, one case-blind pattern: all it found, the test finds.
_CASE_BLIND_HINT = re.compile(r"[\s/\"']on[a-z]+\s*=", re.I)
_LETTERS = "aZkK\u0131\u017f\u212a"  # with the three non-ASCII letters that pattern takes for ASCII
_AROUND = st.text(alphabet=" \t\n/\"'=<>oOnNx\u00a0" + _LETTERS, max_size=12)
_WRITTEN = st.builds(
    "".join,
    st.tuples(
        _AROUND,
        st.sampled_from([" ", "\t", "\n", "/", '"', "'", "\u00a0", "x", ""]),
        st.sampled_from(["on", "On", "oN", "ON"]),
        st.text(alphabet=_LETTERS, min_size=1, max_size=6),
        st.sampled_from(["", " ", "\t"]),
        st.just("="),
        _AROUND,
    ),
)


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(_WRITTEN, _AROUND))
def test_the_quick_handler_test_finds_all_a_case_blind_search_finds(text):
    if _CASE_BLIND_HINT.search(text):
        assert may_have_handlers(text), repr(text)


@pytest.mark.parametrize(
    "text",
    ['content="x"', "<p>Carry on=</p>", "<p>information=1</p>", "<a data-on=1>", "<p>on the table</p>"],
)
def test_words_like_a_handler_are_not_one(text):
    assert page_problems(f"<html><body>{text}</body></html>") == []


def test_data_scripts_and_own_files_pass():
    page = (
        '<html><head><script src="assets/x.js"></script><script id="__config" type="application/json">{}'
        '</script><script type="application/ld+json">{}</script></head><body>once upon a time</body></html>'
    )
    assert page_problems(page) == []


# --- Gate 1: front matter and data files ----------------------------------------------------------


def test_anchors_and_aliases_are_refused_in_the_authors_file():
    bomb = 'a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\nauthors: [*c,*c]\n'
    started = time.monotonic()
    data, found = load_yaml("blog/authors.yml", bomb)
    assert time.monotonic() - started < 1
    assert data is None
    assert [str(p) for p in found] == [
        "blog/authors.yml:1: yaml: uses an anchor or alias (& or *), which content may not use; "
        "write each value out plainly"
    ]


def test_anchors_are_refused_in_front_matter():
    src, found = read_source(PATH, b"---\ntitle: &t Hello\nsummary: *t\n---\n\nBody.\n")
    assert [str(p) for p in found] == [
        f"{PATH}:2: front matter: uses an anchor or alias (& or *), which content may not use; "
        "write each value out plainly"
    ]


def test_deep_yaml_is_refused():
    _src, found = read_source(PATH, b"---\ntitle: " + b"[" * 50 + b"x" + b"]" * 50 + b"\n---\n\nBody.\n")
    assert "is nested more than 8 levels deep" in str(found[0])


@pytest.mark.parametrize(
    "char, code", [("\x00", "0000"), ("\x1b", "001B"), ("\x85", "0085"), ("\ufffe", "FFFE")]
)
def test_control_characters_are_named_with_line_and_column(char, code):
    text, found = decode(PATH, f"---\ntitle: Hi{char}there\n---\n".encode())
    assert text is None
    assert [str(p) for p in found] == [
        f"{PATH}:2: file: contains an invisible control character (U+{code}) at column 10; "
        "delete it; retype the text around it if you cannot see it"
    ]


def test_mkdocs_yml_with_a_python_tag_is_refused_before_mkdocs_reads_it(tmp_path):
    marker = tmp_path / "ran"
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        f"site_name: x\nextra:\n  a: !!python/object/apply:os.system ['touch {marker}']\n", encoding="utf-8"
    )
    assert [str(p) for p in unsafe_tags(config)] == [
        "mkdocs.yml:3: tag: '!!python/object/apply:os.system' can make the YAML loader build objects or run "
        "code; remove the tag; the configuration may use only plain values"
    ]
    for command in ("preflight", "check"):
        result = run([sys.executable, "-m", "ishub", "--root", str(tmp_path), command], cwd=tmp_path)
        assert result.code == 1 and "mkdocs.yml:3: tag:" in result.out and "Traceback" not in result.text
    assert not marker.exists()
    assert unsafe_tags(ROOT / "mkdocs.yml") == []


def test_make_build_and_serve_read_mkdocs_yml_safely_first():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("build", "serve"):
        recipe = makefile.split(f"\n{target}: ", 1)[1].split("\n\n", 1)[0]
        assert recipe.index("$(PREFLIGHT)") < recipe.index("mkdocs")


# --- Gate 3: files beside the content -------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20


@pytest.mark.parametrize(
    "name, data, message",
    [
        (
            "evil.html",
            b"<script>alert(1)</script>",
            "'.html' files cannot be published from a content folder",
        ),
        ("evil.js", b"alert(1)", "'.js' files cannot be published from a content folder"),
        ("style.css", b"body{}", "'.css' files cannot be published from a content folder"),
        ("noext", b"hello", "files without an extension cannot be published from a content folder"),
        (
            "fake.png",
            b"<html><script>alert(1)</script>",
            "is not a real PNG image (its contents are another type)",
        ),
        ("chart.PNG", PNG, "'chart.PNG' has an upper-case extension"),
    ],
)
def test_assets_are_judged_by_type_and_contents(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    found = asset_problems(f"blog/images/{name}", path)
    assert found and found[0].message == message and found[0].path == f"blog/images/{name}"


def test_real_assets_pass(tmp_path):
    for rel in ("blog/images", "case_studies/images"):
        for path in sorted((ROOT / rel).glob("*")):
            assert asset_problems(f"{rel}/{path.name}", path) == [], path


SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">{}</svg>'


@pytest.mark.parametrize(
    "inner",
    [
        "<script>alert(1)</script>",
        '<rect onload="alert(1)"/>',
        "<foreignObject><div>x</div></foreignObject>",
        '<a xlink:href="javascript:alert(1)"><text>x</text></a>',
        '<use href="https://evil.example/s.svg#x"/>',
        '<image href="https://evil.example/p.png"/>',
        '<animate attributeName="href" values="javascript:alert(1)"/>',
        '<set attributeName="onmouseover" to="alert(1)"/>',
        '<style>@import url("https://evil.example/x.css");</style>',
        '<rect style="fill:url(https://evil.example/p.png)"/>',
        '<x:script xmlns:x="http://www.w3.org/1999/xhtml">alert(1)</x:script>',
    ],
)
def test_svg_that_runs_or_fetches_is_refused(inner):
    assert svg_problems("blog/images/x.svg", SVG.format(inner))


@pytest.mark.parametrize(
    "text",
    [
        '<?xml version="1.0"?><?xml-stylesheet href="https://evil.example/x.css"?>' + SVG.format(""),
        '<!DOCTYPE svg [<!ENTITY a "aaaa">]>' + SVG.format("<text>&a;</text>"),
        "<svg",
    ],
)
def test_svg_with_instructions_entities_or_broken_xml_is_refused(text):
    assert svg_problems("blog/images/x.svg", text)


def test_a_plain_drawing_passes():
    inner = '<defs><linearGradient id="g"><stop offset="0"/></linearGradient></defs><rect fill="url(#g)"/><use href="#g"/>'
    assert svg_problems("blog/images/x.svg", SVG.format(inner)) == []


# --- Open data -------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ['=HYPERLINK("https://evil.example")', "+1", "-2+3", "@SUM(A1)", "\tx"])
def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(value):
    assert inert_cell(value) == "'" + value


def test_ordinary_csv_cells_are_unchanged():
    assert inert_cell("Harrowfield City Council") == "Harrowfield City Council"


# --- A whole hostile pull request ---------------------------------------------------------------

HOSTILE_FILES = {
    "blog/2026-01-02-script.md": "---\ntitle: Script\ndate: 2026-01-02\nauthors: [ada-author]\n"
    "summary: S.\nthemes: [culture]\n---\n\nText \\`<script>alert(1)</script>\\`.\n",
    "blog/2026-01-03-meta.md": "---\ntitle: Meta\ndate: 2026-01-03\nauthors: [ada-author]\nsummary: S.\n"
    "themes: [culture]\n---\n---\ntemplate: redirect.html\nlocation: https://evil.example/\n---\n\nBody.\n",
    "blog/2026-01-04-future.md": "---\ntitle: Far\ndate: 2026-01-04\nupdated: 9999-12-31\n"
    "authors: [ada-author]\nsummary: S.\nthemes: [culture]\n---\n\nBody.\n",
    "blog/2026-01-05-upper.MD": "---\ntitle: Upper\n---\n\nBody.\n",
    "blog/archive.md": "---\ntitle: Archive\ndate: 2026-01-06\nauthors: [ada-author]\nsummary: S.\n"
    "themes: [culture]\n---\n\nBody.\n",
    "blog/nested/2026-01-07-deep.md": "---\ntitle: Deep\n---\n\nBody.\n",
    "blog/images/evil.svg": SVG.format('<rect onload="alert(1)"/>'),
    "blog/images/page.html": "<script>alert(1)</script>",
    "docs/about/hostile.md": "---\ntitle: Hostile\nsummary: S.\ntemplate: redirect.html\n"
    "search: {exclude: true}\n---\n\nBody.\n",
    "case_studies/pixel.md": "---\ntitle: Pixel\ndate: 2026-01-08\nsummary: S.\norganisations: [A]\n"
    "place: P\nregion: north-west\npolicy_areas: [domestic-abuse]\nthemes: [culture]\n---\n\n"
    "![pixel](https://track.example/p.gif)\n",
}
HOSTILE_MESSAGES = [
    "blog/2026-01-02-script.md:9: body: <script> is not allowed in content; remove it; content may not run scripts",
    "blog/2026-01-03-meta.md:8: body: begins with a second '---' block; only the first block is front matter; "
    "move its fields into the front matter, or start the body with text",
    "blog/2026-01-04-future.md:4: updated: '9999-12-31' is outside the years 1990 to 2100; check the year; "
    "the hub publishes by the real date",
    "blog/2026-01-05-upper.MD:1: file name: '2026-01-05-upper.MD' does not end in '.md'; "
    "rename it to '2026-01-05-upper.md'",
    "blog/archive.md:1: slug: 'archive' gives the address /blog/archive/, which the hub uses for "
    "/blog/archive/ (Blog archive); rename the file so that its slug is another word",
    "blog/nested/2026-01-07-deep.md:1: file: is in a sub-folder of blog/, where items are not looked for; "
    "move it to blog/2026-01-07-deep.md (pictures and files may stay in sub-folders)",
    "blog/images/evil.svg:1: file: has an event handler (onload) on <rect>; "
    "export it again as plain SVG, without scripts, links or embedded content",
    "blog/images/page.html:1: file: '.html' files cannot be published from a content folder; use one of the "
    "allowed types (.csv, .docx, .gif, .jpeg, .jpg, .odp, .ods, .odt, .pdf, .png, .pptx, .svg, .txt, .webp, "
    ".xlsx), or remove the file",
    "docs/about/hostile.md:4: template: 'redirect.html' is not allowed here; use one of: home.html",
    "docs/about/hostile.md:5: search: is not a field of a page; remove it or use a known field "
    "(fields: title, summary, template, hide)",
    "case_studies/pixel.md:12: image: 'https://track.example/p.gif' is on another site; images must be files "
    "of this site; save the image beside the content (e.g. blog/images/) and link to that file",
    "docs/link.md:1: file: is a symbolic link; content may not link to other files; "
    "replace the link with the file itself",
]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    site = make_site(tmp_path_factory.mktemp("hostile") / "repo")
    for rel, text in HOSTILE_FILES.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text, encoding="utf-8")
    os.symlink("/etc/passwd", site / "docs" / "link.md")
    return site


@pytest.fixture(scope="module")
def hostile_check(hostile_site):
    return run([sys.executable, "-m", "ishub", "check"], cwd=hostile_site)


@pytest.fixture(scope="module")
def hostile_build(hostile_site, tmp_path_factory):
    return mkdocs_build(hostile_site, out=tmp_path_factory.mktemp("hostile-out") / "site")


@pytest.mark.parametrize("message", HOSTILE_MESSAGES, ids=[m.split(":")[0] for m in HOSTILE_MESSAGES])
def test_check_and_build_stop_each_root_cause_with_the_same_message(hostile_check, hostile_build, message):
    assert message in hostile_check.out.splitlines(), hostile_check.text
    assert message in hostile_build.err.splitlines(), hostile_build.text


def test_a_hostile_pull_request_fails_once_without_a_traceback(hostile_check, hostile_build):
    assert hostile_check.code == 1 and hostile_build.code == 1
    for result in (hostile_check, hostile_build):
        assert "Traceback" not in result.text


BIG_FRONT = (
    "---\ntitle: Big\ndate: 2026-01-20\nauthors: [ada-author]\nsummary: Big.\nthemes: [culture]\n---\n\n"
)


def test_a_crafted_body_is_stopped_at_the_limit_for_its_size(tmp_path):
    """Thousands of unclosed brackets make Markdown's work grow with their square (6,000
    take some 10 s); a 6 KB body may take 2 s plus 0.03 s a KB, so it stops in seconds."""
    site = make_site(tmp_path / "repo")
    (site / "blog" / "2026-01-20-big.md").write_text(BIG_FRONT + "[" * 6000, encoding="utf-8")
    started = time.monotonic()
    result = run([sys.executable, "-m", "ishub", "check"], cwd=site, timeout=120)
    # The message below names the limit that applied; the bound is for a busy machine, where
    # starting the check alone can take seconds, and is still well short of a hang.
    assert time.monotonic() - started < 30
    assert result.code == 1 and "Traceback" not in result.text
    assert (
        "blog/2026-01-20-big.md:8: body: took more than 2.2 s to render (the limit for a body of 6.0 KB); "
        "simplify it or split it into smaller items"
    ) in result.out


def test_many_crafted_bodies_cannot_hold_a_build(tmp_path):
    """Eight posts of 5,200 brackets each stayed under a fixed 10 s each and took a minute to
    build; each now has its own limit for its size, and the build stops at the first."""
    site = make_site(tmp_path / "repo")
    for n in range(1, 9):
        front = BIG_FRONT.replace("2026-01-20", f"2026-01-0{n}").replace("title: Big", f"title: Big {n}")
        (site / "blog" / f"2026-01-0{n}-big-{n}.md").write_text(front + "[" * 5200, encoding="utf-8")
    started = time.monotonic()
    result = mkdocs_build(site)
    assert time.monotonic() - started < 30
    assert result.code == 1 and "Traceback" not in result.text
    assert re.search(
        r"blog/2026-01-0\d-big-\d\.md: body: took more than 2\.2 s to render "
        r"\(the limit for a body of 5\.2 KB\); simplify it or split it into smaller items",
        result.err,
    ), result.err[-2000:]


def large_body(size: int) -> str:
    """Realistic Markdown of about `size` bytes: sections of paragraphs, lists, links and
    tables, each section worded a little differently."""
    sections = []
    n = 0
    while sum(len(s) for s in sections) < size:
        n += 1
        sections.append(
            f"## Step {n}: agreeing what council {n} shares\n\n"
            f"Partners in area {n} met **every fortnight** to agree which records the "
            f"[referral form](https://example.org/forms/{n}) should carry, and why. "
            "The group kept a *short* log of each decision, so that a new officer could "
            "read why a field was there before asking for it to be removed.\n\n"
            f"- the named contact for area {n}, with a [direct line](tel:+4412345{n % 100000:05d})\n"
            "- the legal basis, checked against the [guidance](https://example.org/guidance/)\n"
            f"- a review date, {n % 28 + 1} March\n\n"
            "| Partner | Records shared | Review |\n| --- | --- | --- |\n"
            + "".join(f"| Service {n}-{j} | {j * 7} fields | quarterly |\n" for j in range(6))
            + f"\n> Sharing in area {n} worked because people knew *who* to ring.\n\n"
        )
    return "".join(sections)


def test_a_large_legitimate_body_passes(tmp_path):
    """Real Markdown renders at 3-6 ms a KB, so a 400 KB post (1-2 s) is far inside its
    limit (50 s) and the run's (some 60 s) even on a busy machine."""
    site = make_site(tmp_path / "repo")
    (site / "blog" / "2026-01-20-big.md").write_text(BIG_FRONT + large_body(400_000), encoding="utf-8")
    result = run([sys.executable, "-m", "ishub", "check"], cwd=site, timeout=120)
    assert result.code == 0, result.text
    assert "0 error(s)" in result.err and "ready to build" in result.err


def test_the_run_shares_one_budget_so_many_slow_bodies_stop_together(monkeypatch):
    """Each body stays inside its own limit, yet together they spend the run's budget: the
    body rendering then is stopped, naming the slowest, and the run stops there."""
    monkeypatch.setattr(clock, "BASE", 0.4)
    monkeypatch.setattr(clock, "PER_KB", 0.0)
    monkeypatch.setattr(clock, "RUN_BASE", 0.5)
    if threading.current_thread() is not threading.main_thread():
        pytest.skip("the alarm is set only in the main thread")
    bodies = [(f"blog/{n}.md", "x") for n in range(5)]
    found = []
    started = time.monotonic()
    run_of = clock.Run(body for _path, body in bodies)
    for path, body in bodies:
        if run_of.left <= 0:
            break
        try:
            with run_of.limit(path, body):
                time.sleep(0.3)
        except clock.TooSlow as slow:
            found.append((path, *slow.args))
    assert time.monotonic() - started < 3
    assert len(found) == 1 and found[0][0] == "blog/1.md"
    # The seconds each body took move with a busy machine; the message's form does not.
    assert re.fullmatch(
        r"was rendering when the 0\.5 s for rendering all 0\.0 KB of bodies ran out "
        r"\(the slowest: blog/[01]\.md \(0\.\d s\), blog/[01]\.md \(0\.\d s\)\)",
        found[0][1],
    ), found[0][1]
    assert found[0][2] == "simplify the slowest bodies or split them into smaller items"


def test_the_limits_grow_with_the_size_of_the_content():
    """Linear in the size, whatever the number of files: a body of 5 KB may take 2.15 s, one
    of 267 KB or more the most any body may, 10 s; a run all its bodies' share, plus 10 s."""
    assert clock.seconds_for(5) == pytest.approx(2.15)
    assert clock.seconds_for(MAX_BYTES / 1000) == clock.SECONDS == 10
    assert clock.Run(["a" * 5000] * 200).budget == pytest.approx(10 + 0.03 * 1000)
    assert clock.too_slow(5.2) == "took more than 2.2 s to render (the limit for a body of 5.2 KB)"


def test_static_page_titles_reach_every_page_escaped(tmp_path):
    site = make_site(tmp_path / "repo")
    hostile = "</title><script>alert(1)</script>"
    page = site / "docs" / "about" / "index.md"
    page.write_text(f'---\ntitle: "{hostile}"\nsummary: \'"><img src=x onerror=alert(1)>\'\n---\n\nAbout.\n')
    result = mkdocs_build(site)
    assert result.code == 0, result.text
    for html_file in (site / "site").rglob("*.html"):
        assert page_problems(html_file.read_text(encoding="utf-8")) == [], html_file
    about = (site / "site" / "about" / "index.html").read_text(encoding="utf-8")
    tree = LexborHTMLParser(about)
    assert tree.css_first("title").text().startswith(hostile)
    assert tree.css_first("h1").text() == hostile
    assert (
        tree.css_first('meta[name="description"]').attributes["content"] == '"><img src=x onerror=alert(1)>'
    )


def test_a_body_never_steers_its_page(tmp_path):
    """MkDocs reads `key: value` lines at the top of what it renders as meta; the hub
    hands it a body it cannot read meta from, so such lines stay text."""
    site = make_site(tmp_path / "repo")
    (site / "blog" / "2026-01-09-steer.md").write_text(
        "---\ntitle: Steer\ndate: 2026-01-09\nauthors: [ada-author]\nsummary: S.\nthemes: [culture]\n---\n"
        "template: redirect.html\nlocation: https://evil.example/\nsearch: {exclude: true}\n\nBody.\n",
        encoding="utf-8",
    )
    result = mkdocs_build(site)
    assert result.code == 0, result.text
    page = (site / "site" / "blog" / "steer" / "index.html").read_text(encoding="utf-8")
    assert "evil.example/" in LexborHTMLParser(page).css_first("article").text()
    assert 'http-equiv="refresh"' not in page and "window.location" not in page
    assert "/blog/steer/" in {page["url"] for page in indexed_pages(site / "site")}


def test_nothing_outside_the_content_is_published(tmp_path):
    site = make_site(tmp_path / "repo")
    secret = tmp_path / "secret.txt"
    secret.write_text("token", encoding="utf-8")
    os.symlink(secret, site / "blog" / "images-link.txt")
    os.symlink(Path(tmp_path), site / "case_studies" / "folder")
    result = run([sys.executable, "-m", "ishub", "check"], cwd=site)
    assert result.code == 1
    assert (
        "blog/images-link.txt:1: file: is a symbolic link; content may not link to other files; "
        in result.out
    )
    assert (
        "case_studies/folder:1: file: is a symbolic link; content may not link to other files; " in result.out
    )


# --- What a hostile review found next -------------------------------------------------------------


def test_a_heading_id_cannot_carry_markup_into_the_table_of_contents(md):
    for body in (
        "## Intro {: id='a\"><script src=../images/e.txt ' }",
        "## Intro {: id='a\"><meta http-equiv=refresh content=0;url=https://evil.example/ ' }",
        "## Intro {: id='a b' }",
    ):
        found = problems_of(md, body)
        assert found and "may hold only letters, digits and - _ . :" in found[0], body


@pytest.mark.parametrize(
    "page",
    [
        '<html><head><base href="//evil.example/"></head></html>',
        '<html><head><meta http-equiv="refresh" content="0;url=https://evil.example/"></head></html>',
        '<html><body><script src="/\\evil.example/x.js"></script></body></html>',
        '<html><body><img src="https://track.example/p.gif"></body></html>',
        '<html><head><link rel="stylesheet" href="https://cdn.example/x.css"></head></html>',
        '<html><body><a href="javascript:alert(1)">x</a></body></html>',
        '<html><body><iframe src="https://evil.example/"></iframe></body></html>',
    ],
)
def test_a_finished_page_may_not_load_or_redirect_elsewhere(page):
    assert page_problems(page)


@pytest.mark.parametrize(
    "front, message",
    [
        ("title: !!int abc", "uses the YAML tag !!int, which content may not use"),
        ("title: !!binary aGVsbG8=", "uses the YAML tag !!binary, which content may not use"),
        ("title: !!timestamp 2025-02-30", "uses the YAML tag !!timestamp, which content may not use"),
        ("title: " + "1" * 5000, "has a value that cannot be read"),
        ('title: "Control \\x01 title"', "contains an invisible control character"),
    ],
)
def test_yaml_values_that_crash_a_loader_are_refused(front, message):
    src, found = read_source(PATH, f"---\n{front}\nsummary: S.\n---\n\nBody.\n".encode())
    if src is not None and not found:
        from ishub.config import load_hub_config
        from ishub.fields import check_fields

        hub, _ = load_hub_config(ROOT, real_config())
        _values, found = check_fields("post", src, hub)
    assert any(message in str(p) for p in found), [str(p) for p in found]


def test_character_references_to_control_characters_are_refused(md):
    found = problems_of(md, "Text &#1; and &#x8; here.")
    assert found and "control character (U+0001)" in found[0]


@pytest.mark.parametrize(
    "extra, message",
    [
        ("INHERIT: blog/images/notes.txt\n", "INHERIT: makes MkDocs read another file as configuration"),
        ("site_author: !ENV [HOME, x]\n", "tag: '!ENV' can make the YAML loader build objects or run code"),
        (
            "nav:\n  - Report: javascript:alert(document.domain)\n",
            "nav: 'javascript:alert(document.domain)' is a javascript: address",
        ),
    ],
)
def test_mkdocs_yml_that_reads_other_files_or_secrets_is_refused(tmp_path, extra, message):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\n" + extra, encoding="utf-8")
    assert any(message in str(p) for p in unsafe_tags(config)), [str(p) for p in unsafe_tags(config)]


def test_a_symlinked_content_folder_is_refused(tmp_path):
    site = make_site(tmp_path / "repo")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("token", encoding="utf-8")
    import shutil

    shutil.rmtree(site / "case_studies")
    os.symlink(outside, site / "case_studies")
    result = run([sys.executable, "-m", "ishub", "check"], cwd=site)
    assert result.code == 1
    assert "case_studies:1: file: is a symbolic link; content may not link to other files" in result.out


@pytest.mark.parametrize(
    "rel, message",
    [
        ("docs/assets/logo.svg", "is in docs/assets/, where the hub publishes its own pages and files"),
        ("docs/robots.txt", "would be published at the site's root, beside the site's own files"),
        ("docs/blog/our-post.md", "is in docs/blog/, where the hub publishes its own pages and files"),
    ],
)
def test_docs_files_cannot_replace_the_sites_own(tmp_path, rel, message):
    site = make_site(tmp_path / "repo")
    (site / rel).parent.mkdir(parents=True, exist_ok=True)
    text = (
        SVG.format("")
        if rel.endswith(".svg")
        else "---\ntitle: X\n---\n\nx\n"
        if rel.endswith(".md")
        else "x"
    )
    (site / rel).write_text(text, encoding="utf-8")
    result = run([sys.executable, "-m", "ishub", "check"], cwd=site)
    assert result.code == 1 and f"{rel}:1: file: {message}" in result.out, result.text


@pytest.mark.parametrize(
    "inner",
    [
        "<style><desc/>@import url(http://127.0.0.1:9/s.css);</style>",
        "<rect style=\"fill: image-set('http://127.0.0.1:9/p.png' 1x)\"/>",
        '<image href="/\\127.0.0.1:9/x.png"/>',
        '<image href="/&#9;/127.0.0.1:9/x.png"/>',
    ],
)
def test_svg_that_fetches_by_other_means_is_refused(inner):
    assert svg_problems("blog/images/x.svg", SVG.format(inner))


def test_csv_cells_are_quoted_so_no_separator_starts_a_formula(tmp_path):
    from ishub.opendata import catalogue_csv

    site = make_site(tmp_path / "repo")
    (site / "case_studies" / "semi.md").write_text(
        "---\ntitle: Semi\ndate: 2026-01-08\nsummary: S.\norganisations: [A]\nplace: P\nregion: north-west\n"
        "policy_areas: [domestic-abuse]\nthemes: [culture]\noutcomes: [\"Fewer delays;=cmd|' /C calc'!A0\"]\n---\n\n"
        "## The challenge\n\nText.\n",
        encoding="utf-8",
    )
    result = mkdocs_build(site)
    assert result.code == 0, result.text
    text = (site / "site" / "catalogue.csv").read_text(encoding="utf-8")
    assert "\"Fewer delays;=cmd|' /C calc'!A0\"" in text
    assert catalogue_csv  # the writer is the one the build used
