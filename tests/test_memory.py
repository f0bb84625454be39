"""quotes.memory.settle: what is alive is frozen, and a young pass waits for YOUNG_THRESHOLD objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from quotes.memory import YOUNG_THRESHOLD, settle


@pytest.fixture
def restored_gc() -> Iterator[None]:
    thresholds = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*thresholds)


@pytest.mark.usefixtures("restored_gc")
def test_settle_freezes_what_is_alive_and_raises_the_young_threshold() -> None:
    gc.unfreeze()
    alive: list[int] = [1]  # a container: tracked by the collector
    assert gc.get_freeze_count() == 0
    assert any(o is alive for o in gc.get_objects())
    settle()
    assert gc.get_threshold()[0] == YOUNG_THRESHOLD > 700
    assert gc.get_freeze_count() > 0
    assert not any(o is alive for o in gc.get_objects())  # frozen: full passes no longer walk it
    cycle: list[object] = []
    cycle.append(cycle)  # a cycle made after settling is still collected
    del cycle
    assert gc.collect() >= 1
