"""Contributor commands: `check`, `themes` and `new` (run through make).

They read the same configuration and catalogue as the build, so `check`
prints exactly the build's messages without rendering a single page.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import reference
from .build import HubBuild, today
from .config import load_hub_config, read_mkdocs_yml
from .frontmatter import read_source
from .identity import identity_problems
from .mkdocs_yml import unsafe_tags
from .problems import Problem, errors, warnings
from .registry import KINDS, content_type
from .sources import slugify
from .themes import ThemeDecision, infer_themes

TYPES = {kind: kind for kind in KINDS}  # `make new TYPE=...` names a type by its id


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="ishub", description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=".", help="the repository folder (default: here)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="check every content file, without a build")
    sub.add_parser("preflight", help="refuse a mkdocs.yml that could run code, before MkDocs reads it")
    themes = sub.add_parser("themes", help="explain every item's themes, or those of FILES")
    themes.add_argument("files", nargs="*")
    themes.add_argument("--format", choices=("text", "json"), default="text")
    new = sub.add_parser("new", help="start a new item from its template")
    new.add_argument("type", choices=sorted(TYPES))
    new.add_argument("title")
    schema = sub.add_parser("schema", help="write the editor schemas and CONTRIBUTING.md's field reference")
    schema.add_argument("--check", action="store_true", help="only report files that are out of date")
    args = parser.parse_args(argv)
    root = Path(args.root).resolve()
    config_path = root / "mkdocs.yml"
    if not config_path.is_file():
        print(f"error: no mkdocs.yml in {root}; run this from the repository folder", file=sys.stderr)
        return 2
    unsafe = unsafe_tags(config_path)
    if unsafe:
        _print_problems(unsafe)
        print("mkdocs.yml was not read: fix the lines above first.", file=sys.stderr)
        return 1
    if args.command == "preflight":
        return 0
    mkdocs = read_mkdocs_yml(config_path)
    if args.command == "check":
        return check(root, mkdocs)
    if args.command == "themes":
        return explain(root, mkdocs, args.files, args.format)
    if args.command == "schema":
        return reference.command(root, mkdocs, args.check)
    return new_item(root, mkdocs, args.type, args.title)


def _print_problems(problems: list[Problem]) -> None:
    for problem in errors(problems):
        print(str(problem))
    for problem in warnings(problems):
        print(f"warning: {problem}")


def check(root: Path, mkdocs: dict) -> int:
    state, problems = HubBuild.start(root, mkdocs, str(mkdocs.get("docs_dir") or "docs"), preview=True)
    if state is not None and not errors(problems):
        problems = problems + state.check_bodies(mkdocs)
    if state is not None:
        docs_dir = str(mkdocs.get("docs_dir") or "docs")
        problems = problems + identity_problems(root, state.hub, state.catalogue.items, docs_dir, state.today)
    _print_problems(problems)
    n_files = len(state.files) if state else 0
    n_err, n_warn = len(errors(problems)), len(warnings(problems))
    verdict = "fix the errors above, then run make check again" if n_err else "ready to build"
    print(
        f"Checked {n_files} content files: {n_err} error(s), {n_warn} warning(s); {verdict}.", file=sys.stderr
    )
    return 1 if n_err else 0


def _decision_json(decisions: tuple[ThemeDecision, ...]) -> tuple[list, str, dict]:
    source = decisions[0].source if decisions else "none"
    evidence = {
        d.theme: [{"signal": e.signal, "count": e.count} for e in d.evidence] for d in decisions if d.evidence
    }
    return [d.theme for d in decisions], source, evidence


def explain(root: Path, mkdocs: dict, paths: list[str], fmt: str) -> int:
    if paths:
        hub, problems = load_hub_config(root, mkdocs)
        if hub is None:
            _print_problems(problems)
            return 1
        rows, problems = [], []
        for path in paths:
            row, found = explain_file(Path(path), hub)
            problems += found
            if row:
                rows.append(row)
    else:
        state, problems = HubBuild.start(root, mkdocs, str(mkdocs.get("docs_dir") or "docs"), preview=True)
        if state is None:
            _print_problems(problems)
            return 1
        rows = []
        for item in state.catalogue.items:
            themes, source, evidence = _decision_json(item.themes)
            rows.append({"path": item.path, "themes": themes, "source": source, "evidence": evidence})
    if fmt == "json":
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        print(render_report(rows))
    _print_problems([p for p in problems if p.field in ("themes", "file", "front matter")])
    return 1 if errors(problems) else 0


def explain_file(path: Path, hub) -> tuple[dict | None, list[Problem]]:
    """Themes of any Markdown file, also one outside the content folders."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(str(path), 0, "file", f"cannot be read ({exc.strerror})", "check the path")]
    text = raw.decode("utf-8", errors="replace")
    src, problems = read_source(str(path), raw) if text.lstrip("\ufeff").startswith("---") else (None, [])
    meta = src.meta if src else {}
    body = src.body if src else text
    given = meta.get("themes")
    if given:
        given = [given] if isinstance(given, str) else [str(t) for t in given]
        unknown = [t for t in given if t not in hub.taxonomy.ids()]
        if not unknown:
            decisions = tuple(ThemeDecision(t, "explicit") for t in given)
            themes, source, evidence = _decision_json(decisions)
            return {"path": str(path), "themes": themes, "source": source, "evidence": evidence}, problems
        problems.append(
            Problem(
                str(path),
                src.line_of("themes"),
                "themes",
                f"'{unknown[0]}' is not a theme",
                f"themes: {', '.join(hub.taxonomy.ids())}",
            )
        )
    decisions = infer_themes(str(meta.get("title") or ""), str(meta.get("summary") or ""), body, hub.taxonomy)
    themes, source, evidence = _decision_json(decisions)
    return {"path": str(path), "themes": themes, "source": source, "evidence": evidence}, problems


def render_report(rows: list[dict]) -> str:
    lines = []
    for row in rows:
        themes = ", ".join(row["themes"]) or "NO THEME (add themes: to the front matter)"
        lines.append(f"{row['path']}: {themes} [{row['source']}]")
        for theme, evidence in row["evidence"].items():
            found = ", ".join(f"{e['signal']} x{e['count']}" for e in evidence)
            lines.append(f"    {theme}: {found}")
    explicit = sum(1 for r in rows if r["source"] == "explicit")
    inferred = sum(1 for r in rows if r["source"] == "inferred")
    untagged = sum(1 for r in rows if not r["themes"])
    lines.append(f"{len(rows)} items: {explicit} explicit, {inferred} inferred, {untagged} without a theme.")
    return "\n".join(lines)


def new_item(root: Path, mkdocs: dict, kind_name: str, title: str) -> int:
    hub, problems = load_hub_config(root, mkdocs)
    if hub is None:
        _print_problems(problems)
        return 1
    kind = TYPES[kind_name]
    slug = slugify(title)
    if not slug:
        print("error: the title needs at least one letter or digit", file=sys.stderr)
        return 2
    day = today()
    name = content_type(kind).file_name.replace("YYYY-MM-DD", day.isoformat()).replace("slug", slug)
    target = root / hub.collection(kind).source / name
    if target.exists():
        print(
            f"error: {target.relative_to(root)} already exists; choose another title or edit that file",
            file=sys.stderr,
        )
        return 1
    template = (root / "templates" / f"{kind_name}.md").read_text(encoding="utf-8")
    text = template.replace("{{title}}", title.replace('"', "'")).replace("{{date}}", day.isoformat())
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(
        f"Created {target.relative_to(root)}. Replace every REPLACE text, then run make check and make serve."
    )
    if content_type(kind).in_docs:
        page = target.relative_to(root / str(mkdocs.get("docs_dir") or "docs")).as_posix()
        print(
            f"Add '{page}' under Guidance in the nav: of mkdocs.yml; the build stops on a guidance page "
            "that is not in the navigation."
        )
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
