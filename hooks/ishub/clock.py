"""A time limit for work on one piece of content, such as rendering its Markdown.

Python-Markdown takes time that grows with the square of some crafted inputs
(thousands of unclosed brackets in one paragraph, for instance). Real pages
render in milliseconds, so a body that takes longer than `SECONDS` stops with
a message instead of holding the build for hours. The limit uses the process's
real-time alarm, which only the main thread can set; elsewhere (MkDocs' live
preview rebuilds in a thread) the work runs without it.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

SECONDS = 10


class TooSlow(Exception):
    """Raised inside the work when its time is up."""


def start(make_error: Callable[[], Exception], seconds: float = SECONDS) -> None:
    """Raise `make_error()` in the main thread once `seconds` have passed."""
    if threading.current_thread() is not threading.main_thread():
        return

    def expired(signum, frame):
        raise make_error()

    signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)


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
