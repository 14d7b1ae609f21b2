"""The build benchmark: the hub against the floor and the standard stack.

For each size it writes the synthetic corpus (corpus.py), then times, in
turn and several times each, the floor (floor.py), the hub's strict build and
the standard stack's build, and once Material alone (the same pages, items
out of the navigation, no hooks) for comparison, each in a fresh process. It
then profiles one hub build per size (cpu_profile.py), weighs a post page,
writes bench/out/results.json and the performance page, and prints the tables.

    python bench/run.py                        # 1,000 and 4,000 items, 3 runs
    python bench/run.py --quick                # 200 and 800 items, 1 run
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from corpus import POST, ROOT, load_vocab, make_corpus  # noqa: E402
from hookprofile import read_profile  # noqa: E402
from layouts import write_corpus  # noqa: E402
from report import render_page, results_table, targets, targets_table  # noqa: E402
from weight import first_query, page_weight  # noqa: E402

PY = sys.executable
TODAY = "2026-11-26"  # the hub holds back items dated after "today"; fixed, so every run builds the same


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="\n".join(__doc__.splitlines()[1:]),
    )
    parser.add_argument(
        "--sizes", default="1000,4000", help="corpus sizes, comma-separated (default 1000,4000)"
    )
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each build (default 3)")
    parser.add_argument(
        "--stack-runs-large",
        type=int,
        default=1,
        metavar="N",
        help="runs of the standard stack at sizes above 1,000 items, where one build "
        "takes minutes (default 1)",
    )
    parser.add_argument("--quick", action="store_true", help="sizes 200,800 and 1 run: a smoke check")
    parser.add_argument("--seed", type=int, default=1, help="the corpus seed (default 1)")
    parser.add_argument("--out", type=Path, default=BENCH / "out", help="working folder (default bench/out)")
    parser.add_argument(
        "--page",
        type=Path,
        default=None,
        help="where to write the results page (default docs/about/performance.md; "
        "with --quick, bench/out/performance.md)",
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.runs = "200,800", 1
    args.sizes = sorted(int(s) for s in args.sizes.split(","))
    if len(args.sizes) < 2:
        parser.error("--sizes needs at least two sizes, to measure how the build grows")
    if args.page is None:
        args.page = args.out / "performance.md" if args.quick else ROOT / "docs" / "about" / "performance.md"
    return args


def environment() -> dict:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HUB_TODAY": TODAY}


def commands(layout: dict[str, Path], sites: dict[str, Path]) -> dict[str, tuple[list[str], Path]]:
    """Each build's command line and the folder it runs in."""
    mkdocs = [PY, "-m", "mkdocs", "build", "-q"]
    return {
        "floor": ([PY, str(BENCH / "floor.py"), str(layout["floor"]), str(sites["floor"])], layout["floor"]),
        "hub": (
            mkdocs + ["--strict", "-f", str(layout["hub"] / "mkdocs.yml"), "-d", str(sites["hub"])],
            layout["hub"],
        ),
        "material": (
            mkdocs + ["-f", str(layout["stack"] / "mkdocs-material.yml"), "-d", str(sites["material"])],
            layout["stack"],
        ),
        "stack": (
            mkdocs + ["-f", str(layout["stack"] / "mkdocs.yml"), "-d", str(sites["stack"])],
            layout["stack"],
        ),
    }


def timed(name: str, command: list[str], cwd: Path, site: Path, env: dict | None = None) -> dict:
    shutil.rmtree(site, ignore_errors=True)
    proc = subprocess.run(
        [PY, str(BENCH / "measure.py"), "--cwd", str(cwd), "--", *command],
        env=env or environment(),
        capture_output=True,
        text=True,
    )
    if proc.returncode:
        sys.exit(f"the measuring wrapper failed for {name}:\n{proc.stderr}")
    result = json.loads(proc.stdout)
    if result["code"]:
        sys.exit(f"the {name} build failed (exit {result['code']}):\n{result.get('output', '')}")
    print(
        f"  {name:<8} cpu {result['cpu']:7.1f} s  wall {result['wall']:7.1f} s  "
        f"peak {result['max_rss_mib']:6.0f} MiB",
        flush=True,
    )
    return result


def profile_hub(layout: dict[str, Path], out: Path, size: int) -> dict:
    prof = out / f"hub-{size}.prof"
    site = out / f"hub-{size}-profiled"
    shutil.rmtree(site, ignore_errors=True)
    mkdocs = ["build", "-q", "--strict", "-f", str(layout["hub"] / "mkdocs.yml"), "-d", str(site)]
    command = [PY, str(BENCH / "cpu_profile.py"), str(prof), "mkdocs", *mkdocs]
    proc = subprocess.run(command, cwd=layout["hub"], env=environment(), capture_output=True, text=True)
    if proc.returncode:
        sys.exit(f"the profiled hub build failed:\n{proc.stderr[-4000:]}")
    shutil.rmtree(site, ignore_errors=True)
    found = read_profile(prof, ROOT / "hooks")
    print(f"  hooks' own share {found.share:.1%} of {found.total:.1f} s profiled", flush=True)
    return {
        "total": found.total,
        "hooks": found.hooks,
        "share": found.share,
        "hotspots": [vars(h) for h in found.hotspots],
        "phases": [list(p) for p in found.phases],
    }


def post_pages(corpus, sites: dict[str, Path]) -> tuple[Path, Path]:
    """The first generated post's page, on the hub and on the stack."""
    from markdown.extensions.toc import slugify

    post = next(e for e in corpus if e.kind == POST)
    hub = sites["hub"] / "blog" / post.slug / "index.html"
    day = post.date
    stack = (
        sites["stack"]
        / "blog"
        / f"{day:%Y}"
        / f"{day:%m}"
        / f"{day:%d}"
        / slugify(post.title, "-")
        / "index.html"
    )
    if not stack.is_file():
        stack = next(sites["stack"].glob("blog/2*/*/*/*/index.html"))
    return hub, stack


def weigh(corpus, sites: dict[str, Path]) -> dict:
    hub_page, stack_page = post_pages(corpus, sites)
    out = {}
    for name, page in (("hub", hub_page), ("stack", stack_page)):
        w = page_weight(sites[name], page)
        not_found = sites[name] / "404.html"
        out[name] = {
            "page": w.page,
            "html": w.html,
            "html_gz": w.html_gz,
            "first_visit": w.first_visit,
            "first_visit_gz": w.first_visit_gz,
            "search_index": w.search_index,
            "search_index_gz": w.search_index_gz,
            "alternates": w.alternates,
            "not_found": not_found.stat().st_size if not_found.is_file() else 0,
            "assets": w.assets,
        }
    post = next(e for e in corpus if e.kind == POST)
    out["hub"]["first_query"], out["hub"]["first_query_gz"] = first_query(sites["hub"], post.title)
    return out


def machine() -> dict:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "mkdocs": version("mkdocs"),
        "material": version("mkdocs-material"),
    }


def run_size(size: int, args: argparse.Namespace, vocab) -> tuple[dict, dict, dict]:
    print(f"{size:,} items", flush=True)
    corpus = make_corpus(size, args.seed, vocab)
    layout = write_corpus(corpus, args.out / f"corpus-{size}", vocab)
    sites = {k: args.out / f"{k}-{size}-site" for k in ("floor", "hub", "material", "stack")}
    cmds = commands(layout, sites)
    stack_runs = args.runs if size <= 1000 else min(args.runs, args.stack_runs_large)
    builds: dict[str, list] = {k: [] for k in cmds}
    wanted = {"floor": args.runs, "hub": args.runs, "material": 1, "stack": stack_runs}
    for r in range(args.runs):
        for name, (command, cwd) in cmds.items():
            if r >= wanted[name]:
                continue
            builds[name].append(timed(name, command, cwd, sites[name]))
    weight = weigh(corpus, sites)
    for site in sites.values():
        shutil.rmtree(site, ignore_errors=True)
    return builds, weight, {"stack_runs": stack_runs, "profile": profile_hub(layout, args.out, size)}


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    vocab = load_vocab()
    results = {
        "date": dt.date.today().isoformat(),
        "machine": machine(),
        "sizes": args.sizes,
        "runs": args.runs,
        "builds": {},
        "weight": {},
        "profiles": {},
        "stack_runs": {},
        "load": {"before": os.getloadavg()[0]},
    }
    for size in args.sizes:
        builds, weight, extra = run_size(size, args, vocab)
        results["builds"][str(size)] = builds
        results["weight"][str(size)] = weight
        results["profiles"][str(size)] = extra["profile"]
        results["stack_runs"][str(size)] = extra["stack_runs"]
    results["load"]["after"] = os.getloadavg()[0]
    (args.out / "results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    args.page.parent.mkdir(parents=True, exist_ok=True)
    args.page.write_text(render_page(results), encoding="utf-8")
    print()
    print(results_table(results))
    print()
    print(targets_table(targets(results)))
    print(f"\nWrote {args.page} and {args.out / 'results.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
