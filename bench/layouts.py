"""The benchmark corpus laid out three ways.

- ``hub/``: the repository's real mkdocs.yml (hooks and overrides by absolute
  path), docs/ and the authors file, with the generated items in blog/ and
  case_studies/ in place of the real ones.
- ``stack/``: the standard Material stack: the blog plugin (posts in
  docs/blog/posts/, authors in docs/blog/.authors.yml, themes as categories),
  the tags plugin and mkdocs-rss-plugin, with case studies as ordinary pages
  in an automatic navigation, as a typical site would have them.
- ``floor/``: the hub's Markdown files and the list of Markdown extensions,
  for Python-Markdown and PyYAML alone (floor.py).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import yaml
from corpus import CASE_STUDY, POST, ROOT, Entry, Vocab, load_vocab

_ID = re.compile(r"^[a-z0-9-]+$")
_LINK = re.compile(r"@@LINK:(\d+)@@")
_IMAGE = re.compile(r"@@IMAGE:([^@]+)@@")

# Where items live in each layout, relative to the folder its pages are in.
HUB_PATHS = {
    (POST, POST): "{file}",
    (POST, CASE_STUDY): "../case_studies/{file}",
    (CASE_STUDY, POST): "../blog/{file}",
    (CASE_STUDY, CASE_STUDY): "{file}",
}
STACK_PATHS = {
    (POST, POST): "{file}",
    (POST, CASE_STUDY): "../../case-studies/{file}",
    (CASE_STUDY, POST): "../blog/posts/{file}",
    (CASE_STUDY, CASE_STUDY): "{file}",
}
HUB_IMAGES = {POST: "images/{name}", CASE_STUDY: "images/{name}"}
STACK_IMAGES = {POST: "../images/{name}", CASE_STUDY: "images/{name}"}


def yaml_value(value: object) -> str:
    """A front matter value written as a person would: ids bare, text quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return "[" + ", ".join(v if _ID.match(v) else json.dumps(v, ensure_ascii=False) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)


def front_matter(fields: list[tuple[str, object]], body: str) -> str:
    lines = [f"{name}: {yaml_value(value)}" for name, value in fields]
    return "---\n" + "\n".join(lines) + "\n---\n\n" + body


def resolve(body: str, entry: Entry, corpus: tuple[Entry, ...], paths: dict, images: dict) -> str:
    """The body with its link and image markers turned into relative paths for one layout."""

    def link(m: re.Match) -> str:
        target = corpus[int(m.group(1))]
        return paths[(entry.kind, target.kind)].format(file=target.filename)

    body = _LINK.sub(link, body)
    return _IMAGE.sub(lambda m: images[entry.kind].format(name=m.group(1)), body)


def hub_text(entry: Entry, corpus: tuple[Entry, ...]) -> str:
    fields = [("title", entry.title), ("date", entry.date)]
    if entry.kind == CASE_STUDY:
        fields.append(("summary", entry.summary))
        fields += list(entry.fields)
    else:
        fields += [("authors", entry.field("authors")), ("summary", entry.summary)]
        fields += [(k, v) for k, v in entry.fields if k != "authors"]
    return front_matter(fields, resolve(entry.body, entry, corpus, HUB_PATHS, HUB_IMAGES))


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def nav_pages(nav: object) -> set[str]:
    """Every page a nav configuration lists."""
    if isinstance(nav, str):
        return {nav}
    if isinstance(nav, list):
        return set().union(*(nav_pages(x) for x in nav)) if nav else set()
    if isinstance(nav, dict):
        return set().union(*(nav_pages(x) for x in nav.values())) if nav else set()
    return set()


def real_config(root: Path = ROOT) -> dict:
    return yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))


def write_hub(corpus: tuple[Entry, ...], out: Path, root: Path = ROOT) -> Path:
    """The hub's site: real configuration, docs and templates; generated collections."""
    config = real_config(root)
    config["hooks"] = [str((root / h).resolve()) for h in config.get("hooks", [])]
    config["theme"]["custom_dir"] = str((root / config["theme"]["custom_dir"]).resolve())
    shutil.copytree(root / config.get("docs_dir", "docs"), out / "docs", dirs_exist_ok=True)
    # Pages not yet in the nav would fail the strict build on a warning that has
    # nothing to do with performance; list them as deliberately left out.
    listed = nav_pages(config.get("nav"))
    loose = sorted(p.relative_to(out / "docs").as_posix() for p in (out / "docs").rglob("*.md"))
    loose = [p for p in loose if p not in listed]
    if loose:
        config["not_in_nav"] = "\n".join(f"/{p}" for p in loose)
    write(out / "mkdocs.yml", yaml.safe_dump(config, sort_keys=False, allow_unicode=True))
    authors_file = config["extra"].get("authors_file", "blog/authors.yml")
    write(out / authors_file, (root / authors_file).read_text(encoding="utf-8"))
    for folder in ("blog", "case_studies"):
        if (root / folder / "images").is_dir():
            shutil.copytree(root / folder / "images", out / folder / "images", dirs_exist_ok=True)
    for entry in corpus:
        folder = "blog" if entry.kind == POST else "case_studies"
        write(out / folder / entry.filename, hub_text(entry, corpus))
    return out


def stack_text(entry: Entry, corpus: tuple[Entry, ...], vocab: Vocab) -> str:
    body = resolve(entry.body, entry, corpus, STACK_PATHS, STACK_IMAGES)
    labels = [vocab.label("themes", t) for t in entry.field("themes", ())]
    if entry.kind == POST:
        first, rest = body.split("\n\n", 1)
        fields = [
            ("title", entry.title),
            ("date", entry.date),
            ("authors", entry.field("authors")),
            ("description", entry.summary),
        ]
        if labels:
            fields += [("categories", labels), ("tags", labels)]
        return front_matter(fields, f"{first}\n\n<!-- more -->\n\n{rest}")
    region = vocab.label("regions", entry.field("region"))
    areas = [vocab.label("policy_areas", a) for a in entry.field("policy_areas")]
    glance = [
        f"- **Organisations:** {', '.join(entry.field('organisations'))}",
        f"- **Place:** {entry.field('place')}, {region}",
        f"- **Policy areas:** {', '.join(areas)}",
    ]
    if entry.field("partners"):
        glance.append(f"- **Partners:** {', '.join(entry.field('partners'))}")
    glance += ["- **Outcomes:**"] + [f"    - {o}" for o in entry.field("outcomes")]
    fields = [("title", entry.title), ("description", entry.summary), ("tags", [region, *areas, *labels])]
    return front_matter(fields, "\n".join(glance) + "\n\n" + body)


def stack_config(root: Path = ROOT) -> dict:
    """The real site's theme and Markdown, with the standard plugins instead of the hub's hooks."""
    real = real_config(root)
    keep = ("site_name", "site_description", "site_url", "site_author", "copyright", "docs_dir")
    config = {k: real[k] for k in keep if k in real}
    config["theme"] = {k: v for k, v in real["theme"].items() if k != "custom_dir"}
    config["extra_css"] = real.get("extra_css", [])
    config["plugins"] = [
        "search",
        "blog",
        "tags",
        {"rss": {"match_path": "blog/posts/.*", "date_from_meta": {"as_creation": "date"}, "use_git": False}},
    ]
    config["markdown_extensions"] = real["markdown_extensions"]
    return config


def material_config(root: Path = ROOT) -> dict:
    """For comparison: Material alone, the items built but kept out of the navigation, no hooks."""
    config = stack_config(root)
    config["plugins"] = ["search"]
    config["nav"] = real_config(root)["nav"]
    config["not_in_nav"] = "/blog/posts/\n/case-studies/\n/themes/\n"
    return config


def without_hub_templates(text: str) -> str:
    """A docs page without `template:` in its front matter: the hub's templates are not in the stack."""
    if not text.startswith("---\n"):
        return text
    end = text.find("\n---\n", 4)
    if end == -1:
        return text
    meta = "\n".join(line for line in text[4:end].split("\n") if not line.startswith("template:"))
    return "---\n" + meta + text[end:]


def write_stack(corpus: tuple[Entry, ...], out: Path, vocab: Vocab, root: Path = ROOT) -> Path:
    """The standard stack's site; mkdocs-material.yml builds the same docs with Material alone."""
    config = stack_config(root)
    write(out / "mkdocs.yml", yaml.safe_dump(config, sort_keys=False, allow_unicode=True))
    plain = yaml.safe_dump(material_config(root), sort_keys=False, allow_unicode=True)
    write(out / "mkdocs-material.yml", plain)
    docs = out / "docs"
    shutil.copytree(root / real_config(root).get("docs_dir", "docs"), docs, dirs_exist_ok=True)
    for page in docs.rglob("*.md"):
        page.write_text(without_hub_templates(page.read_text(encoding="utf-8")), encoding="utf-8")
    people = yaml.safe_load((root / "blog" / "authors.yml").read_text(encoding="utf-8"))["authors"]
    authors = {
        k: {"name": v["name"], "description": v.get("role", ""), "avatar": "assets/favicon.svg"}
        for k, v in people.items()
    }
    write(docs / "blog" / ".authors.yml", yaml.safe_dump({"authors": authors}, sort_keys=False))
    write(docs / "blog" / "index.md", "# Blog\n")
    write(docs / "case-studies" / "index.md", "# Case studies\n\nWhat partnerships did, and what changed.\n")
    write(docs / "themes" / "index.md", "# Themes\n\n<!-- material/tags -->\n")
    for folder, target in (("blog", docs / "blog"), ("case_studies", docs / "case-studies")):
        if (root / folder / "images").is_dir():
            shutil.copytree(root / folder / "images", target / "images", dirs_exist_ok=True)
    for entry in corpus:
        folder = docs / "blog" / "posts" if entry.kind == POST else docs / "case-studies"
        write(folder / entry.filename, stack_text(entry, corpus, vocab))
    return out


def write_floor(hub: Path, out: Path, root: Path = ROOT) -> Path:
    """The hub's Markdown files and the extension list, nothing else."""
    for folder in ("blog", "case_studies", "docs"):
        for path in sorted((hub / folder).rglob("*.md")):
            write(out / path.relative_to(hub), path.read_text(encoding="utf-8"))
    write(out / "markdown.json", json.dumps(real_config(root)["markdown_extensions"], indent=2))
    return out


def write_corpus(corpus: tuple[Entry, ...], out: Path, vocab: Vocab | None = None) -> dict[str, Path]:
    """All three layouts under out/: hub, stack, floor."""
    vocab = vocab or load_vocab()
    for name in ("hub", "stack", "floor"):
        shutil.rmtree(out / name, ignore_errors=True)
    hub = write_hub(corpus, out / "hub")
    stack = write_stack(corpus, out / "stack", vocab)
    floor = write_floor(hub, out / "floor")
    return {"hub": hub, "stack": stack, "floor": floor}
