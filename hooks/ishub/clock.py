"""Time limits for work on content, such as rendering its Markdown, that grow with its size.

Python-Markdown takes time that grows with the square of some crafted inputs
(thousands of unclosed brackets in one paragraph, for instance), while real
pages render at about 3-6 ms per KB. So a body may take `BASE` seconds plus
`PER_KB` seconds for each KB (1,000 bytes of UTF-8), some 5 times what the
slowest real content needs on a busy machine, and never more than `SECONDS`
(a real body of 1 MB, the largest a file may be, renders in under 4 s). A limit per body alone would
still let many small crafted files each take nearly their limit, so a `Run`
of bodies also shares one budget, `RUN_BASE` plus `PER_KB` for each KB of all
of them: the time a run spends rendering is bounded by a linear function of
the content's size, not of its number of files. When time runs out the work
stops with a message that names the limit instead of holding the build.

Work whose size is not given gets the fixed `SECONDS`. The limits use the
process's real-time alarm, which only the main thread can set; elsewhere
(MkDocs' live preview rebuilds in a thread) the work runs without them.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

SECONDS = 10
BASE = 2.0  # seconds any body may take: real ones need 0.2 ms of fixed cost, the rest is for a busy machine
PER_KB = 0.03  # seconds for each KB: the slowest real rate measured on a busy 2-core machine is 5.7 ms
RUN_BASE = 10.0  # seconds a whole run may take beyond PER_KB for each KB of all its bodies


class TooSlow(Exception):
    """Raised inside the work when its time is up; from a `Run`, its args are the message
    (which limit applied) and the fix."""


def size_kb(text: str) -> float:
    """The size the limits are reckoned in: KB of UTF-8, as the file on disk holds it."""
    return len(text.encode("utf-8")) / 1000


def file_kb(path: str) -> float:
    """A file's size in KB, or 0 if it cannot be found (reading it then says why)."""
    try:
        return os.path.getsize(path) / 1000
    except OSError:
        return 0.0


def seconds_for(kb: float) -> float:
    """The time limit for one piece of content of `kb` KB, at most `SECONDS`."""
    return min(SECONDS, BASE + PER_KB * kb)


def _kb(kb: float) -> str:
    return f"{kb:.0f} KB" if kb >= 10 else f"{kb:.1f} KB"


def too_slow(kb: float, work: str = "render", what: str = "body") -> str:
    """The message for content that outran its own limit, with the limit and its reason."""
    return f"took more than {seconds_for(kb):.1f} s to {work} (the limit for a {what} of {_kb(kb)})"


def start(make_error: Callable[[], Exception], seconds: float = SECONDS) -> None:
    """Raise `make_error()` in the main thread once `seconds` have passed."""
    if threading.current_thread() is not threading.main_thread():
        return

    def expired(signum, frame):
        raise make_error()

    signal.signal(signal.SIGALRM, expired)
    # A zero would switch the alarm off rather than ring it at once.
    signal.setitimer(signal.ITIMER_REAL, max(seconds, 0.001))


def stop() -> None:
    if threading.current_thread() is threading.main_thread():
        signal.setitimer(signal.ITIMER_REAL, 0)


@contextmanager
def limit(seconds: float = SECONDS) -> Iterator[None]:
    """Run the block with a time limit; `TooSlow` is raised in it when time runs out."""
    start(TooSlow, seconds)
    try:
        yield
    finally:
        stop()


class Run:
    """The bodies of one build or check, which share one budget as well as each having
    its own limit: once the budget is spent the run stops, naming the slowest bodies."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.kb = sum(size_kb(t) for t in texts)
        self.budget = RUN_BASE + PER_KB * self.kb
        self.spent: dict[str, float] = {}
        self._current: tuple[str, float] | None = None

    @property
    def left(self) -> float:
        return self.budget - sum(self.spent.values())

    def used_up(self) -> str:
        """Why the run stopped, naming where its time went."""
        slowest = sorted(self.spent.items(), key=lambda kv: -kv[1])[:3]
        named = ", ".join(f"{path} ({seconds:.1f} s)" for path, seconds in slowest)
        return (
            f"was rendering when the {self.budget:.1f} s for rendering all {_kb(self.kb)} of "
            f"bodies ran out (the slowest: {named})"
        )

    def begin(self, path: str, text: str, error: Callable[[str, str], Exception] | None = None) -> None:
        """Start the alarm for one body: its own limit, or what is left of the run's budget
        if that is less. When it rings, `error(message, fix)` is raised (`TooSlow` by
        default) with the message for whichever ran out. `end` stops it."""
        kb = size_kb(text)
        own, left = seconds_for(kb), self.left
        self._current = (path, time.monotonic())
        make = error or TooSlow

        def expired() -> Exception:
            self.end()
            if own <= left:
                return make(too_slow(kb), "simplify it or split it into smaller items")
            return make(self.used_up(), "simplify the slowest bodies or split them into smaller items")

        start(expired, min(own, left))

    def end(self) -> None:
        """Stop the alarm and count the time the body took."""
        stop()
        current, self._current = self._current, None
        if current is not None:
            path, started = current
            self.spent[path] = self.spent.get(path, 0.0) + time.monotonic() - started

    @contextmanager
    def limit(self, path: str, text: str) -> Iterator[None]:
        """Run the block within the body's own limit and what is left of the run's budget;
        `TooSlow` is raised in it with the message for whichever runs out first."""
        self.begin(path, text)
        try:
            yield
        finally:
            self.end()
