"""Read a cProfile of one hub build: the hooks' own share and where time goes.

MkDocs reaches the hub's code only through the hook files listed in
mkdocs.yml (hooks/*.py): their event handlers, and their import. The hooks'
own time is the cumulative time of those calls, which includes everything the
hook code calls in turn; nested hook functions are not counted again. The
other phases are counted the same way, at the call that enters them: Markdown
conversion, the theme's Jinja templates, and the search index. Jinja and
Markdown called from the hooks (the hub's fragments) are the hooks' time, not
the theme's, so that no time is counted twice.

The search index is made after the build by `ishub.search.index_site`, called
from the hooks: it hands each page's article to Pagefind, which indexes it in
a process of its own, and then sorts what Pagefind wrote. The profile sees the
hub's part alone (Pagefind's CPU time is counted in the build's times, which
include the build's child processes, not here). It is hub code, so the hooks'
share counts it; among the phases it is taken out of the hooks' time, so that
the phases do not overlap. The rest is MkDocs itself: files,
navigation, writing.
"""

from __future__ import annotations

import pstats
from dataclasses import dataclass
from pathlib import Path

# (end of the file name, function) of the calls that enter each phase.
PHASES = {
    "Markdown": (("markdown/core.py", "convert"), ("markdown/core.py", "__init__")),
    "theme templates": (("jinja2/environment.py", "render"),),
    "search index": (("ishub/search.py", "index_site"),),
}
# Phases entered from within the hooks: their time is the hooks' no longer.
WITHIN_HOOKS = ("search index",)
HOOKS = "hooks"
OTHER = "MkDocs and the rest"


@dataclass(frozen=True)
class Hotspot:
    name: str  # file:line(function), relative to the hooks folder
    calls: int
    own: float  # tottime
    cumulative: float


@dataclass(frozen=True)
class Profile:
    total: float
    hooks: float  # all of the hub's code, its part of the search index included
    hotspots: tuple[Hotspot, ...]  # hook functions by cumulative time
    phases: tuple[tuple[str, float], ...]  # seconds by phase, in PHASES order, then hooks, then the rest

    @property
    def share(self) -> float:
        return self.hooks / self.total if self.total else 0.0


def _entered(raw: dict, inside, outside) -> float:
    """Cumulative time of calls from `outside` functions into `inside` ones."""
    total = 0.0
    for func, (_cc, _nc, _tt, _ct, callers) in raw.items():
        if inside(func):
            total += sum(edge[3] for caller, edge in callers.items() if outside(caller))
    return total


def read_profile(path: Path, hooks_dir: Path, top: int = 15) -> Profile:
    stats = pstats.Stats(str(path))
    raw = stats.stats  # func -> (cc, nc, tt, ct, callers); callers: func -> (nc, cc, tt, ct)
    hooks = str(hooks_dir.resolve())

    def under_hooks(func: tuple) -> bool:
        return func[0].startswith(hooks + "/")

    def hook_file(func: tuple) -> bool:
        return under_hooks(func) and Path(func[0]).parent == Path(hooks)

    hook_time = _entered(raw, hook_file, lambda f: not under_hooks(f))
    phases = []
    for name, marks in PHASES.items():

        def inside(func: tuple, marks=marks) -> bool:
            return any(func[0].endswith(end) and func[2] == fn for end, fn in marks)

        if name in WITHIN_HOOKS:
            entered = _entered(raw, inside, lambda f, inside=inside: not inside(f))
        else:  # the hub's fragments are Jinja too, but they are the hooks' time
            entered = _entered(raw, inside, lambda f, inside=inside: not inside(f) and not under_hooks(f))
        phases.append((name, entered))
    own = hook_time - sum(t for name, t in phases if name in WITHIN_HOOKS)
    phases.append((HOOKS, own))
    phases.append((OTHER, stats.total_tt - sum(t for _, t in phases)))
    hotspots = sorted(
        (
            Hotspot(f"{Path(f[0]).relative_to(hooks).as_posix()}:{f[1]}({f[2]})", v[1], v[2], v[3])
            for f, v in raw.items()
            if under_hooks(f)
        ),
        key=lambda h: -h.cumulative,
    )
    return Profile(stats.total_tt, hook_time, tuple(hotspots[:top]), tuple(phases))
