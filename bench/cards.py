"""What the social cards cost: drawing them for N items on a fresh checkout (an
empty cache, as in CI) and on a rebuild (every card cached), one card per item
and one per type and themes (what the hub publishes, see hooks/ishub/sharing.py).

    .venv/bin/python bench/cards.py               # 1,000 and 4,000 items
    .venv/bin/python bench/cards.py --sizes 200   # a quick look
    .venv/bin/python bench/cards.py --modes type  # only the cards the hub publishes

Times are CPU seconds of this process. Each is also given as a share of the
Markdown conversion of the same items' bodies, measured in the same run (the
floor of any build, see docs/about/performance.md), and of the hub's last
measured full build at that size, read from docs/about/performance.md.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

import markdown

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "bench"))

from corpus import make_corpus  # noqa: E402
from ishub.config import load_hub_config, read_mkdocs_yml  # noqa: E402
from ishub.sharing import make_cards  # noqa: E402

MODES = {"item": "one per item", "type": "one per type and themes"}
EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc"]


def fake_items(n: int, theme_ids: list[str]) -> list[SimpleNamespace]:
    """The fields a card reads, for n items of the benchmark's corpus, with seeded themes."""
    rng = random.Random(20261126)
    items = []
    for entry in make_corpus(n):
        themes = tuple(rng.sample(theme_ids, rng.choice((1, 1, 2, 2, 3))))
        items.append(
            SimpleNamespace(
                src_uri=f"{entry.kind}/{entry.slug}.md",
                kind=entry.kind,
                title=entry.title,
                theme_ids=themes,
                body=entry.body,
            )
        )
    return items


def cpu(fn) -> tuple[float, object]:
    start = time.process_time()
    result = fn()
    return time.process_time() - start, result


def markdown_seconds(items) -> float:
    md = markdown.Markdown(extensions=EXTENSIONS)

    def convert():
        for item in items:
            md.reset().convert(item.body)

    return cpu(convert)[0]


def last_build_seconds() -> dict[int, float]:
    """The hub's strict build at each size, from the benchmark's page (CPU seconds)."""
    page = (ROOT / "docs" / "about" / "performance.md").read_text(encoding="utf-8")
    row = next((line for line in page.splitlines() if line.startswith("| Hub: strict build")), "")
    times = [float(t) for t in re.findall(r"\| ([\d.]+) s", row)]
    return dict(zip((1000, 4000), times, strict=False))


def measure(items, hub, css: str, description: str, per_item: bool) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / "cards"
        cold, first = cpu(lambda: make_cards(items, hub, css, description, cache, per_item))
        warm, second = cpu(lambda: make_cards(items, hub, css, description, cache, per_item))
        size = sum(p.stat().st_size for p in cache.glob("*.png"))
    assert second.drawn == 0, "a rebuild drew cards again"
    return {"cold": cold, "warm": warm, "drawn": first.drawn, "bytes": size}


def main(argv: list[str] | None = None) -> int:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=raw)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 4000])
    parser.add_argument("--modes", nargs="+", choices=["item", "type"], default=["item", "type"])
    args = parser.parse_args(argv)
    mkdocs = read_mkdocs_yml(ROOT / "mkdocs.yml")
    hub, problems = load_hub_config(ROOT, mkdocs)
    assert hub is not None, problems
    css = (ROOT / "overrides" / "assets" / "hub.css").read_text(encoding="utf-8")
    description = str(mkdocs.get("site_description") or "")
    builds = last_build_seconds()
    print("| items | cards | drawn | cold | warm | cold / Markdown | cold / hub build | PNG in the site |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for n in args.sizes:
        items = fake_items(n, list(hub.taxonomy.ids()))
        floor = markdown_seconds(items)
        for mode in args.modes:
            per_item, label = mode == "item", MODES[mode]
            m = measure(items, hub, css, description, per_item)
            build = builds.get(n)
            share = f"{m['cold'] / build:.0%} of {build:.1f} s" if build else "n/a"
            print(
                f"| {n:,} | {label} | {m['drawn']:,} | {m['cold']:.2f} s | {m['warm']:.2f} s "
                f"| {m['cold'] / floor:.2f}x of {floor:.1f} s | {share} | {m['bytes'] / 2**20:.1f} MiB |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
