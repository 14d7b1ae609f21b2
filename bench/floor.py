"""The floor: Python-Markdown and PyYAML over the same files, nothing else.

Each Markdown file's front matter is parsed with PyYAML and its body
converted to HTML with the extensions of mkdocs.yml (plus toc, tables and
fenced_code, which MkDocs always adds), one Markdown instance per page as
MkDocs makes them, and the HTML written out. No theme, no navigation, no
links checked: what any build of these files has to do at the least.

    python bench/floor.py FLOOR_DIR OUT_DIR
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import markdown
import yaml

MKDOCS_BUILTINS = ("toc", "tables", "fenced_code")
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def extensions(raw: list) -> tuple[list[str], dict[str, dict]]:
    """Extension names and their configuration, as MkDocs reads markdown_extensions."""
    names = list(MKDOCS_BUILTINS)
    configs: dict[str, dict] = {}
    for entry in raw:
        name, config = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        if name not in names:
            names.append(name)
        if config:
            configs[name] = config
    return names, configs


def split(text: str) -> tuple[str, str]:
    """Front matter and body."""
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1:
            return text[4:end], text[end + 5 :]
    return "", text


def build(src: Path, out: Path) -> int:
    names, configs = extensions(json.loads((src / "markdown.json").read_text(encoding="utf-8")))
    count = 0
    for path in sorted(src.rglob("*.md")):
        meta, body = split(path.read_text(encoding="utf-8"))
        yaml.load(meta, Loader=_Loader)
        md = markdown.Markdown(extensions=names, extension_configs=configs)
        html = md.convert(body)
        target = out / path.relative_to(src).with_suffix(".html")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
        count += 1
    return count


if __name__ == "__main__":
    n = build(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"{n} pages", file=sys.stderr)
