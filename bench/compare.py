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

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from corpus import ROOT, load_vocab, make_corpus  # noqa: E402
from layouts import write_corpus  # noqa: E402
from run import PY, environment, timed  # noqa: E402


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", default="HEAD", help="the earlier commit (default HEAD)")
    parser.add_argument("--sizes", default="1000,4000", help="corpus sizes, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each build (default 3)")
    parser.add_argument("--seed", type=int, default=1, help="the corpus seed (default 1)")
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
        layout = write_corpus(make_corpus(size, args.seed, vocab), args.out / f"corpus-{size}", vocab)
        hub = layout["hub"]
        before_yml = before_config(hub, tree)
        sites = {k: args.out / f"{k}-{size}-site" for k in ("floor", "before", "after")}
        build = ["-m", "mkdocs", "build", "-q", "--strict", "-d"]
        cmds = {
            "floor": ([PY, str(BENCH / "floor.py"), str(layout["floor"]), str(sites["floor"])], None),
            "before": ([PY, *build, str(sites["before"]), "-f", str(before_yml)], env),
            "after": ([PY, *build, str(sites["after"]), "-f", str(hub / "mkdocs.yml")], None),
        }
        cpu: dict[str, list[float]] = {k: [] for k in cmds}
        for _ in range(args.runs):
            for name, (command, extra_env) in cmds.items():
                result = timed(name, command, hub, sites[name], extra_env)
                cpu[name].append(result["cpu"])
        differ = same_files(sites["before"], sites["after"])
        rows.append((size, {k: statistics.median(v) for k, v in cpu.items()}, differ))
        rows.append((size, {k: min(v) for k, v in cpu.items()}, None))
        for site in sites.values():
            shutil.rmtree(site, ignore_errors=True)
    print(f"\nbefore = {args.before}, after = this working tree; CPU s of {args.runs} runs,")
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
