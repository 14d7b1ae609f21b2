"""The page policy: security headers, and a Content-Security-Policy no content can widen.

The policy is fixed by the theme, never derived from the pages: every script
the site runs is a file of its own (`overrides/assets/`), including the
theme's few start-up scripts, which `overrides/partials/javascripts/` moves
out of the page. So `script-src` is `'self'` (with `'wasm-unsafe-eval'` for search's
WebAssembly, never `eval`), and the build refuses any
page that carries an inline script or an event handler attribute: whatever
put it there, it would not run under the policy, and it must not be published.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

from .allowlist import url_scheme

# Inline <script> elements that hold data, not code: the theme's settings and
# the hub's schema.org description. Browsers never run these types.
DATA_SCRIPT_TYPES = ("application/json", "application/ld+json")
# "on", the rest of an attribute name (anything up to a space, "/", ">" or "=") and
# "=": what the walk below then refuses, an attribute named "on..." with a value, in
# each way of writing "on" (a case-sensitive search for a literal is several times
# faster than one search ignoring case). Whether it starts an attribute name is then
# checked by hand: the character before is a space, a slash or a quote.
_HANDLER_HINTS = tuple(re.compile(on + r"[^\s/>=]*\s*=") for on in ("on", "On", "oN", "ON"))


def content_security_policy(in_meta: bool = False) -> str:
    """Only this site's own files; no inline code at all.

    In a <meta> element (for hosts that cannot send headers, such as GitHub
    Pages) browsers ignore frame-ancestors, so it is left out there.
    """
    directives = [
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
    return "; ".join(directives if in_meta else [*directives, "frame-ancestors 'none'"])


def with_policy_meta(html: str) -> str:
    """The page with its Content-Security-Policy as the first element of its head."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(in_meta=True)}">'
    return html.replace("<head>", f"<head>\n    {meta}", 1)


# The site's scripts are its theme's files under assets/, never a file of the content.
_OWN_SCRIPT = re.compile(r"^(?:/|(?:\.\./)*(?:\./)?)assets/(?!.*\.\.)[\w./-]+\.js(?:\?[\w.=&-]*)?$")
_REMOTE = re.compile(r"^\s*([a-z][a-z0-9+.\-]*:|[/\\]{2})", re.I)
# Elements no finished page may hold, whatever put them there. A <template>'s content
# is a document of its own, which this check's walk of the page does not enter, and a
# declarative shadow root (<template shadowrootmode>) makes it live; no page needs one.
_NEVER = ("base", "iframe", "frame", "object", "embed", "applet", "portal", "template", "meta[http-equiv]")
_NEVER_TAGS = frozenset(selector.split("[")[0] for selector in _NEVER)
# Attributes that make the browser fetch something as soon as the page loads.
_FETCHES = {"img": "src", "source": "src", "video": "src", "audio": "src", "track": "src", "input": "src"}
_FETCHING_LINKS = {
    "stylesheet",
    "icon",
    "preload",
    "prefetch",
    "modulepreload",
    "manifest",
    "apple-touch-icon",
}


# SVG's references to other drawings and pictures, by href or xlink:href (the selector
# [href] matches both; type selectors do not need an <svg> above them, which would be
# asked of every link of the page).
_SVG_REFERENCES = ("use", "image", "feimage")


_WATCHED = ", ".join(
    [
        "script",
        *_NEVER,
        *(f"{tag}[{attr}]" for tag, attr in _FETCHES.items()),
        "a[href]",
        "area[href]",
        "link[href]",
        # SVG's references, and where a form or a button sends what is typed.
        *_SVG_REFERENCES,
        "form[action]",
        "[formaction]",
    ]
)


def page_problems(html: str, tree: LexborHTMLParser | None = None) -> list[str]:
    """Code or loads a finished page should not have, as a browser would parse it:
    each a reason to stop the build. `tree` is the page already parsed, if the
    caller has it."""
    tree = tree if tree is not None else LexborHTMLParser(html)
    # One walk of the tree finds every element watched; the reasons are then listed
    # kind by kind (scripts, elements never allowed, loads, links), as they are read.
    scripts, never, loads, links = [], [], [], []
    for node in tree.css(_WATCHED):
        tag, attrs = node.tag, node.attributes
        if tag == "script":
            scripts.extend(_script_problem(attrs))
        elif tag in _NEVER_TAGS:
            if tag != "meta" or (attrs.get("http-equiv") or "").lower() == "refresh":
                never.append(f"has a <{tag}> element")
        elif tag in ("a", "area"):
            # An SVG link may hold its address in xlink:href, which [href] also selects.
            for value in _hrefs(attrs):
                scheme = url_scheme(value)
                if scheme in ("javascript", "vbscript", "data"):
                    links.append(f"links to a {scheme}: address")
        elif tag == "link":
            rels = set((attrs.get("rel") or "").lower().split())
            if rels & _FETCHING_LINKS and _REMOTE.match(attrs.get("href") or ""):
                links.append(f"loads a file from another site ({attrs.get('href')})")
        if tag.lower() in _SVG_REFERENCES:
            links.extend(_reference_problems(tag, attrs))
        if tag == "form" or "formaction" in attrs:  # (a form is watched only with an action)
            links.extend(_sends_problems(tag, attrs))
        if tag in _FETCHES and _FETCHES[tag] in attrs:
            value = attrs.get(_FETCHES[tag]) or ""
            if _REMOTE.match(value) and url_scheme(value) != "data":
                loads.append(f"loads <{tag}> from another site ({value})")
    found = scripts + never + loads + links
    if may_have_handlers(html):
        for node in tree.root.traverse(include_text=False) if tree.root else ():
            names = [a for a in node.attributes if a.lower().startswith("on")]
            if names:
                found.append(f"has an event handler attribute ({names[0]} on <{node.tag}>)")
    return list(dict.fromkeys(found))


def _hrefs(attrs: dict) -> list[str]:
    """An element's addresses by href, in any namespace (href, xlink:href)."""
    return [value or "" for name, value in attrs.items() if name.lower().rsplit(":", 1)[-1] == "href"]


def _reference_problems(tag: str, attrs: dict) -> list[str]:
    """An SVG reference (<use>, <image>, <feImage>) that runs code or loads from another site."""
    found = []
    for value in _hrefs(attrs):
        scheme = url_scheme(value)
        if scheme in ("javascript", "vbscript"):
            found.append(f"links to a {scheme}: address (<{tag}> in an <svg>)")
        elif _REMOTE.match(value) and scheme != "data":
            found.append(f"loads <{tag}> from another site ({value})")
    return found


def _sends_problems(tag: str, attrs: dict) -> list[str]:
    """A form or button that sends what is typed to code or to another site."""
    found = []
    for name in ("action", "formaction"):
        value = attrs.get(name)
        if value is None:
            continue
        scheme = url_scheme(value)
        if scheme in ("javascript", "vbscript", "data"):
            found.append(f"sends a form to a {scheme}: address (<{tag} {name}>)")
        elif _REMOTE.match(value):
            found.append(f"sends a form to another site (<{tag} {name}={value}>)")
    return found


def may_have_handlers(html: str) -> bool:
    """Whether the text holds what could be an event handler attribute (`onclick=`,
    `ONLOAD =`, `/onerror=`): a quick test before the page's every element is read."""
    for hint in _HANDLER_HINTS:
        for found in hint.finditer(html):
            before = html[found.start() - 1] if found.start() else " "  # the start: as a space
            if before.isspace() or before in "/\"'":
                return True
    return False


def _script_problem(attrs: dict) -> list[str]:
    if "src" in attrs:
        if _REMOTE.match(attrs["src"] or ""):
            return [f"loads a script from another site ({attrs['src']})"]
        if not _OWN_SCRIPT.match(attrs["src"] or ""):
            return [f"loads a script that is not one of the site's own ({attrs['src']})"]
        return []
    kind = (attrs.get("type") or "").strip().lower()
    return [] if kind in DATA_SCRIPT_TYPES else ["has an inline script, which the page policy does not allow"]


HEADERS = {
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Content-Type-Options": "nosniff",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def security_headers() -> dict[str, str]:
    return {"Content-Security-Policy": content_security_policy(), **HEADERS}


def headers_file(headers: dict[str, str]) -> str:
    """The `_headers` format read by Netlify and Cloudflare Pages: every path gets them."""
    lines = ["/*"] + [f"  {name}: {value}" for name, value in headers.items()]
    return "\n".join(lines) + "\n"


def parse_headers_file(text: str) -> dict[str, str]:
    """The headers for `/*` in a `_headers` file (used by the tests' server)."""
    headers = {}
    for line in text.splitlines()[1:]:
        name, _, value = line.strip().partition(": ")
        if name:
            headers[name] = value
    return headers
