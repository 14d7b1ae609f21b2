"""The hub's build before and after a change, each as a ratio to the floor, in one run.

Machines here are noisy, so a change is judged by ratios measured side by side:
for each size the synthetic corpus is written once (as bench/run.py writes it),
then, in turn and several times each, the floor, the hub at an earlier commit
("before") and the hub in this working tree ("after") are built in fresh
processes. The earlier commit's files are taken with
`git archive` into the working folder and the build is pointed at them (its
`ishub` package first on the import path); the corpus and its mkdocs.yml are
this tree's, so the commit must read the same configuration.

    python bench/compare.py                       # HEAD against the working tree
    python bench/compare.py --before 5ab73c1 --sizes 1000,4000 --runs 3
    python bench/compare.py --before 85b4952 --own-layout   # a commit with another mkdocs.yml

With --without-search both hubs are built without their search index (the
`search` plugin dropped from the configuration, Pagefind's step made empty by
bench/without_search.py), to compare the rest of two hubs whose search differs.

With --own-layout the earlier commit builds from its own mkdocs.yml, docs and
authors over the same generated items (bench/layouts.py lays the items out the
same way for both), for a commit whose configuration differs from this tree's.

It prints median CPU seconds (the build and its child processes, as run.py
counts them), each hub's ratio to the floor, after/before, and whether the two
hubs wrote the same files byte for byte.
"""

from __future__ import annotations

import argparse
import filecmp
import io
import shutil
import statistics
import subprocess
import sys
import tarfile
from pathlib import Path

import yaml

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from corpus import ROOT, load_vocab, make_corpus  # noqa: E402
from layouts import write_corpus, write_hub  # noqa: E402
from run import PY, environment, timed  # noqa: E402


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", default="HEAD", help="the earlier commit (default HEAD)")
    parser.add_argument("--sizes", default="1000,4000", help="corpus sizes, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each build (default 3)")
    parser.add_argument("--seed", type=int, default=1, help="the corpus seed (default 1)")
    parser.add_argument(
        "--own-layout",
        action="store_true",
        help="build the earlier commit from its own mkdocs.yml and docs over the same items",
    )
    parser.add_argument(
        "--without-search",
        action="store_true",
        help="build both hubs without their search index (see without_search.py)",
    )
    parser.add_argument("--out", type=Path, default=BENCH / "out" / "compare", help="working folder")
    args = parser.parse_args(argv)
    args.sizes = sorted(int(s) for s in args.sizes.split(","))
    return args


def checkout(rev: str, into: Path) -> Path:
    """The commit's files, unpacked under `into`."""
    shutil.rmtree(into, ignore_errors=True)
    into.mkdir(parents=True)
    tar = subprocess.run(["git", "-C", str(ROOT), "archive", rev], capture_output=True, check=False)
    if tar.returncode:
        sys.exit(f"git archive {rev} failed: {tar.stderr.decode(errors='replace').strip()}")
    with tarfile.open(fileobj=io.BytesIO(tar.stdout)) as archive:
        archive.extractall(into, filter="data")
    return into


def before_config(hub: Path, tree: Path) -> Path:
    """The corpus's mkdocs.yml with its hooks and theme folder taken from `tree`."""
    text = (hub / "mkdocs.yml").read_text(encoding="utf-8")
    for folder in ("hooks", "overrides"):
        text = text.replace(str(ROOT / folder), str(tree / folder))
    path = hub / "mkdocs-before.yml"
    path.write_text(text, encoding="utf-8")
    return path


def without_search(config: Path) -> Path:
    """A copy of a hub configuration without Material's search plugin, beside it."""
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    plugins = data.get("plugins") or []
    data["plugins"] = [p for p in plugins if p != "search" and not (isinstance(p, dict) and "search" in p)]
    path = config.with_name(config.stem + "-without-search.yml")
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def same_files(a: Path, b: Path) -> list[str]:
    """Files that differ between two sites, or are in one only (relative paths)."""
    found = []
    for left in sorted(a.rglob("*")):
        if left.is_file():
            right = b / left.relative_to(a)
            if not right.is_file() or not filecmp.cmp(left, right, shallow=False):
                found.append(str(left.relative_to(a)))
    extra = [p.relative_to(b) for p in sorted(b.rglob("*")) if p.is_file()]
    found += [str(p) for p in extra if not (a / p).exists()]
    return found


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    tree = checkout(args.before, args.out / "before-tree")
    vocab = load_vocab()
    env = {**environment(), "PYTHONPATH": str(tree / "hooks")}
    rows = []
    for size in args.sizes:
        print(f"{size:,} items", flush=True)
        corpus = make_corpus(size, args.seed, vocab)
        layout = write_corpus(corpus, args.out / f"corpus-{size}", vocab)
        hub = layout["hub"]
        if args.own_layout:
            before_hub = args.out / f"corpus-{size}" / "hub-before"
            shutil.rmtree(before_hub, ignore_errors=True)
            before_yml = write_hub(corpus, before_hub, root=tree) / "mkdocs.yml"
        else:
            before_hub, before_yml = hub, before_config(hub, tree)
        after_yml = hub / "mkdocs.yml"
        build = ["-m", "mkdocs", "build", "-q", "--strict", "-d"]
        if args.without_search:
            before_yml, after_yml = without_search(before_yml), without_search(after_yml)
            build = [str(BENCH / "without_search.py"), "build", "-q", "--strict", "-d"]
        sites = {k: args.out / f"{k}-{size}-site" for k in ("floor", "before", "after")}
        cmds = {
            "floor": ([PY, str(BENCH / "floor.py"), str(layout["floor"]), str(sites["floor"])], None, hub),
            "before": ([PY, *build, str(sites["before"]), "-f", str(before_yml)], env, before_hub),
            "after": ([PY, *build, str(sites["after"]), "-f", str(after_yml)], None, hub),
        }
        cpu: dict[str, list[float]] = {k: [] for k in cmds}
        for _ in range(args.runs):
            for name, (command, extra_env, cwd) in cmds.items():
                result = timed(name, command, cwd, sites[name], extra_env)
                cpu[name].append(result["cpu"])
        differ = same_files(sites["before"], sites["after"])
        rows.append((size, {k: statistics.median(v) for k, v in cpu.items()}, differ))
        rows.append((size, {k: min(v) for k, v in cpu.items()}, None))
        for site in sites.values():
            shutil.rmtree(site, ignore_errors=True)
    search = ", both without their search index" if args.without_search else ""
    print(f"\nbefore = {args.before}, after = this working tree{search}; CPU s of {args.runs} runs,")
    print("the median, then the least (the run the machine disturbed least)\n")
    heads = ("items", "floor", "before", "after", "before/floor", "after/floor", "after/before")
    print("  ".join(f"{h:>12}" for h in heads))
    for size, m, _ in rows:
        cells = [f"{size:,}", f"{m['floor']:.1f}", f"{m['before']:.1f}", f"{m['after']:.1f}"]
        cells += [f"{m['before'] / m['floor']:.2f}x", f"{m['after'] / m['floor']:.2f}x"]
        cells += [f"{m['after'] / m['before']:.3f}"]
        print("  ".join(f"{c:>12}" for c in cells))
    for size, _, differ in rows:
        if differ is None:
            continue
        shown = ", ".join(differ[:5]) + (" ..." if len(differ) > 5 else "")
        verdict = f"{len(differ)} files differ ({shown})" if differ else "the same files, byte for byte"
        print(f"{size:,} items: {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
