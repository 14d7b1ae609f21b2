"""Read a cProfile of one hub build: the hooks' own share and where time goes.

The hooks' time is the time spent inside any function under hooks/, counted
once at the edges where MkDocs, Jinja or Material calls into hook code (so
nested hook functions are not counted twice). It includes whatever the hook
code itself calls. The total is the whole profiled build.
"""

from __future__ import annotations

import pstats
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

_SITE = re.compile(r"site-packages/([A-Za-z0-9_]+)")


@dataclass(frozen=True)
class Hotspot:
    name: str  # file:line(function), relative to the hooks folder
    calls: int
    own: float  # tottime
    cumulative: float


@dataclass(frozen=True)
class Profile:
    total: float
    hooks: float
    hotspots: tuple[Hotspot, ...]  # hook functions by cumulative time
    packages: tuple[tuple[str, float], ...]  # own time by package, largest first

    @property
    def share(self) -> float:
        return self.hooks / self.total if self.total else 0.0


def _is_hook(func: tuple, hooks: str) -> bool:
    return func[0].startswith(hooks)


def package_of(func: tuple, hooks: str) -> str:
    filename = func[0]
    if filename.startswith(hooks):
        return "hooks (ishub)"
    m = _SITE.search(filename)
    if m:
        return m.group(1)
    if filename == "~":
        return ""
    return "python stdlib"


def read_profile(path: Path, hooks_dir: Path, top: int = 15) -> Profile:
    stats = pstats.Stats(str(path))
    hooks = str(hooks_dir.resolve())
    raw = stats.stats  # func -> (cc, nc, tt, ct, callers); callers: func -> (nc, cc, tt, ct)
    hook_time = 0.0
    for func, (_cc, _nc, _tt, _ct, callers) in raw.items():
        if not _is_hook(func, hooks):
            continue
        hook_time += sum(edge[3] for caller, edge in callers.items() if not _is_hook(caller, hooks))
    hotspots = sorted(
        (Hotspot(f"{Path(f[0]).relative_to(hooks).as_posix()}:{f[1]}({f[2]})", v[1], v[2], v[3])
         for f, v in raw.items() if _is_hook(f, hooks)),
        key=lambda h: -h.cumulative)
    return Profile(stats.total_tt, hook_time, tuple(hotspots[:top]), _by_package(raw, hooks))


def _by_package(raw: dict, hooks: str) -> tuple[tuple[str, float], ...]:
    """Own time by package; time in built-ins goes to the package that called them."""
    totals: dict[str, float] = defaultdict(float)
    for func, (_cc, _nc, tt, _ct, callers) in raw.items():
        package = package_of(func, hooks)
        if package:
            totals[package] += tt
            continue
        edges = {c: e for c, e in callers.items()}
        if not edges:
            totals["python stdlib"] += tt
        for caller, edge in edges.items():
            totals[package_of(caller, hooks) or "python stdlib"] += edge[2]
    return tuple(sorted(totals.items(), key=lambda kv: -kv[1]))
