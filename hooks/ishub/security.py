"""The page policy: security headers, and a Content-Security-Policy no content can widen.

The policy is fixed by the theme, never derived from the pages: every script
the site runs is a file of its own (`overrides/assets/`), including the
theme's few start-up scripts, which `overrides/partials/javascripts/` moves
out of the page. So `script-src` is `'self'` alone, and the build refuses any
page that carries an inline script or an event handler attribute: whatever
put it there, it would not run under the policy, and it must not be published.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

# Inline <script> elements that hold data, not code: the theme's settings and
# the hub's schema.org description. Browsers never run these types.
DATA_SCRIPT_TYPES = ("application/json", "application/ld+json")
_HANDLER_HINT = re.compile(r"[\s/\"']on[a-z]+\s*=", re.I)


def content_security_policy(in_meta: bool = False) -> str:
    """Only this site's own files; no inline code at all.

    In a <meta> element (for hosts that cannot send headers, such as GitHub
    Pages) browsers ignore frame-ancestors, so it is left out there.
    """
    directives = [
        "default-src 'self'",
        "script-src 'self'",
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


def page_problems(html: str) -> list[str]:
    """Inline code in a finished page, as a browser would parse it: each a reason to stop."""
    found = []
    tree = LexborHTMLParser(html)
    for script in tree.css("script"):
        attrs = script.attributes
        if "src" in attrs:
            if re.match(r"^\s*([a-z][a-z0-9+.\-]*:|//)", attrs["src"] or "", re.I):
                found.append(f"loads a script from another site ({attrs['src']})")
            continue
        kind = (attrs.get("type") or "").strip().lower()
        if kind not in DATA_SCRIPT_TYPES:
            found.append("has an inline script, which the page policy does not allow")
    if _HANDLER_HINT.search(html):
        for node in tree.root.traverse(include_text=False) if tree.root else ():
            names = [a for a in node.attributes if a.lower().startswith("on")]
            if names:
                found.append(f"has an event handler attribute ({names[0]} on <{node.tag}>)")
    return list(dict.fromkeys(found))


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
