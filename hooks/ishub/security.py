"""Security headers for the static host, with a Content-Security-Policy that the
built pages actually satisfy.

The theme puts a few small inline scripts in every page (they differ only with
the page's depth). Rather than allowing all inline scripts, the build collects
the hash of each one it writes and names exactly those in `script-src`.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_DATA_TYPES = ("application/json", "application/ld+json")


def inline_script_hashes(html: str) -> set[str]:
    """CSP source expressions for the executable inline scripts of one page."""
    found = set()
    for m in _INLINE_SCRIPT.finditer(html):
        attrs = m.group("attrs")
        if "src=" in attrs or any(t in attrs for t in _DATA_TYPES) or not m.group("body").strip():
            continue
        found.add(_source_hash(m.group("body")))
    return found


@functools.lru_cache(maxsize=64)
def _source_hash(script: str) -> str:
    """The CSP hash of one script; the theme repeats the same few on every page."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def content_security_policy(script_hashes: set[str], in_meta: bool = False) -> str:
    """Only this site's own files; no inline code but the theme's known scripts.

    In a <meta> element (for hosts that cannot send headers, such as GitHub
    Pages) browsers ignore frame-ancestors, so it is left out there.
    """
    scripts = " ".join(["'self'", *sorted(script_hashes)])
    directives = [
        "default-src 'self'",
        f"script-src {scripts}",
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


def with_policy_meta(html: str, script_hashes: set[str]) -> str:
    """The page with its own Content-Security-Policy as the first element of its head."""
    policy = content_security_policy(script_hashes, in_meta=True)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    return html.replace("<head>", f"<head>\n    {meta}", 1)


HEADERS = {
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Content-Type-Options": "nosniff",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def security_headers(script_hashes: set[str]) -> dict[str, str]:
    return {"Content-Security-Policy": content_security_policy(script_hashes), **HEADERS}


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
