"""Run a module under cProfile with the process's CPU time as its clock.

`python -m cProfile` times with the wall clock, so on a busy machine every
pause of the process lands on whichever function was running. CPU time does
not move while the process waits, so the proportions hold under load.

    python bench/cpu_profile.py OUT.prof MODULE [ARGS...]
"""

from __future__ import annotations

import cProfile
import runpy
import sys
import time


def main(argv: list[str]) -> int:
    out, module, args = argv[0], argv[1], argv[2:]
    sys.argv = [module, *args]
    profiler = cProfile.Profile(time.process_time)
    code = 0
    profiler.enable()
    try:
        runpy.run_module(module, run_name="__main__", alter_sys=True)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        profiler.disable()
        profiler.dump_stats(out)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
