"""How long a contributor waits in `make serve` between saving a post and
seeing it: start `mkdocs serve` on a generated corpus, edit one post, and time
until the served page carries the edit. Run with and without `--dirty`.

    .venv/bin/python bench/preview.py --items 1000 --edits 3

Prints one line per mode with the median wait, and the ratio of the two.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import make_corpus  # noqa: E402
from layouts import write_hub  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return None


def wait_for(url: str, marker: str, deadline: float) -> float | None:
    """Seconds until the page at `url` contains `marker`, polling every 50 ms."""
    start = time.monotonic()
    while time.monotonic() < deadline:
        html = fetch(url)
        if html and marker in html:
            return time.monotonic() - start
        time.sleep(0.05)
    return None


def newest_post(site: Path) -> tuple[Path, str]:
    post = sorted((site / "blog").glob("*.md"))[-1]
    slug = post.stem[11:] if post.stem[:4].isdigit() else post.stem
    return post, slug


def measure(site: Path, dirty: bool, edits: int) -> list[float]:
    port = free_port()
    args = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"]
    if dirty:
        args += ["--dirty", "--no-strict"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.Popen(args, cwd=site, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    post, slug = newest_post(site)
    url = f"http://127.0.0.1:{port}/blog/{slug}/"
    waits = []
    try:
        if wait_for(url, "</html>", time.monotonic() + 600) is None:
            raise SystemExit("the preview server did not start")
        original = post.read_text(encoding="utf-8")
        for n in range(edits):
            marker = f"Preview edit number {n} of this run."
            post.write_text(original + f"\n\n{marker}\n", encoding="utf-8")
            waited = wait_for(url, marker, time.monotonic() + 300)
            if waited is None:
                raise SystemExit("the edit never appeared")
            waits.append(waited)
            time.sleep(1.0)
        post.write_text(original, encoding="utf-8")
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return waits


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        site = write_hub(make_corpus(args.items, seed=1), Path(tmp) / "hub")
        results = {}
        for dirty in (False, True):
            waits = measure(site, dirty, args.edits)
            results[dirty] = statistics.median(waits)
            mode = "make serve (--dirty)" if dirty else "mkdocs serve (full rebuild)"
            print(
                f"{mode:30s} median {results[dirty]:.1f} s from saving a post to the page "
                f"(runs: {', '.join(f'{w:.1f}' for w in waits)})"
            )
    print(f"dirty / full: {results[True] / results[False]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
