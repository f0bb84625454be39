"""Holding Ctrl-C while a transaction commits, so what is reported stored is what the database holds.

Python raises KeyboardInterrupt between any two bytecodes, also between a commit and the line that counts
it; an interrupted ingest would then say one article fewer than it stored. Inside `held_interrupts()` a
SIGINT is only noted, and raised as KeyboardInterrupt when the block ends.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


@contextmanager
def held_interrupts() -> Iterator[None]:
    """Hold SIGINT until the block ends, then raise KeyboardInterrupt if one came. Only Python's own
    handler in the main thread is replaced; elsewhere (threads, a handler set by someone else) the block
    runs as it is."""
    if (
        threading.current_thread() is not threading.main_thread()
        or signal.getsignal(signal.SIGINT) is not signal.default_int_handler
    ):
        yield
        return
    received: list[int] = []

    def note(signum: int, _frame: FrameType | None) -> None:
        received.append(signum)

    signal.signal(signal.SIGINT, note)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)
        if received:
            raise KeyboardInterrupt
