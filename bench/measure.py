"""Run one command; print its wall time, CPU time and peak memory as JSON.

Each measured run goes through a fresh copy of this wrapper, because
RUSAGE_CHILDREN reports the largest resident set of all the children a
process has waited for: one wrapper per run keeps each peak separate.

    python bench/measure.py [--cwd DIR] -- COMMAND [ARGS...]
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time


def measure(command: list[str], cwd: str | None = None, env: dict | None = None) -> dict:
    start = time.perf_counter()
    proc = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = {
        "code": proc.returncode,
        "wall": round(wall, 3),
        "cpu": round(usage.ru_utime + usage.ru_stime, 3),
        "max_rss_mib": round(usage.ru_maxrss / 1024, 1),
    }  # ru_maxrss is in KiB on Linux
    if proc.returncode:
        result["output"] = (proc.stdout + proc.stderr)[-4000:]
    return result


def main(argv: list[str]) -> int:
    cwd = None
    if argv[:1] == ["--cwd"]:
        cwd, argv = argv[1], argv[2:]
    if argv[:1] == ["--"]:
        argv = argv[1:]
    if not argv:
        print("usage: measure.py [--cwd DIR] -- COMMAND [ARGS...]", file=sys.stderr)
        return 2
    print(json.dumps(measure(argv, cwd)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
