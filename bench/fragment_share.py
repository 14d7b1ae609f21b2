"""How much of a hub build its fragments take, timed without a profiler.

The hub's listing HTML comes from Jinja fragments (`ishub.fragments.render`).
This runs one build with that function timed (CPU time, outermost calls only)
and prints the fragments' time beside the build's own CPU time. Drawing the
same HTML with f-strings would still cost something, so the fragments' share is
an upper bound on what templates cost over f-strings.

    python bench/fragment_share.py build -q --strict -f mkdocs.yml -d site
"""

from __future__ import annotations

import atexit
import runpy
import sys
import time

from ishub import fragments

spent = {"cpu": 0.0, "calls": 0, "depth": 0}
_render = fragments.render


def timed_render(env, name, **context):
    if spent["depth"]:
        return _render(env, name, **context)
    spent["depth"] += 1
    start = time.process_time()
    try:
        return _render(env, name, **context)
    finally:
        spent["cpu"] += time.process_time() - start
        spent["calls"] += 1
        spent["depth"] -= 1


def report() -> None:
    total = time.process_time()
    print(
        f"fragments: {spent['cpu']:.2f} s CPU in {spent['calls']:,} draws; "
        f"the build: {total:.2f} s CPU; share {spent['cpu'] / total:.1%}",
        file=sys.stderr,
    )


fragments.render = timed_render
atexit.register(report)
sys.argv = ["mkdocs", *sys.argv[1:]]
runpy.run_module("mkdocs", run_name="__main__", alter_sys=True)
