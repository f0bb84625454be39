"""Ctrl-C held while a transaction commits: raised when the block ends, never inside it."""

from __future__ import annotations

import os
import signal
import threading

import pytest

from quotes.interrupts import held_interrupts


def test_an_interrupt_inside_the_block_is_raised_when_it_ends() -> None:
    reached_end = False
    with pytest.raises(KeyboardInterrupt), held_interrupts():
        os.kill(os.getpid(), signal.SIGINT)
        for _ in range(1000):  # Python runs signal handlers between bytecodes: plenty of chances here
            pass
        reached_end = True
    assert reached_end
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_without_an_interrupt_the_block_runs_and_the_handler_is_restored() -> None:
    with held_interrupts():
        assert signal.getsignal(signal.SIGINT) is not signal.default_int_handler
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_outside_the_main_thread_nothing_is_replaced() -> None:
    seen: list[object] = []

    def work() -> None:
        with held_interrupts():
            seen.append(signal.getsignal(signal.SIGINT))

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert seen == [signal.default_int_handler]


def test_a_handler_set_by_someone_else_is_left_alone() -> None:
    def mine(_signum: int, _frame: object) -> None:
        """Someone else's handler."""

    previous = signal.signal(signal.SIGINT, mine)
    try:
        with held_interrupts():
            assert signal.getsignal(signal.SIGINT) is mine
    finally:
        signal.signal(signal.SIGINT, previous)
