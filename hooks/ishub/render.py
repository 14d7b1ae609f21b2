"""Markdown rendering for the checks that run without a build (`make check`).

`mkdocs` is either mkdocs.yml as read (extensions with their settings inline)
or MkDocs' loaded configuration (names in `markdown_extensions`, settings in
`mdx_configs`).

The build judges the HTML MkDocs renders; `make check` renders each body with
the same Markdown extensions and settings from mkdocs.yml, so both judge the
same HTML and give the same verdict on what a body may contain.
"""

from __future__ import annotations

import markdown


def make_markdown(mkdocs: dict) -> markdown.Markdown:
    """A Markdown converter configured as mkdocs.yml configures the site's."""
    names: list[str] = []
    configs: dict[str, dict] = {k: dict(v or {}) for k, v in (mkdocs.get("mdx_configs") or {}).items()}
    for entry in mkdocs.get("markdown_extensions") or []:
        if isinstance(entry, dict):
            for name, settings in entry.items():
                names.append(name)
                configs[name] = dict(settings or {})
        else:
            names.append(str(entry))
    return markdown.Markdown(extensions=names, extension_configs=configs)


def render(md: markdown.Markdown, body: str) -> str:
    md.reset()
    return md.convert(body)
