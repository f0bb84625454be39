"""How a long-running command keeps Python's garbage collector out of its way.

Parsing and storing an article make and drop hundreds of thousands of small objects. With the default
thresholds a young-generation pass starts every 700 new objects, and every tenth of those goes on to
older generations, whose full passes walk everything alive: the imported modules, compiled patterns and
SQLAlchemy's caches, some 100,000 objects that never die. `settle` collects once, freezes what is alive
(full passes leave it alone from then on) and lets a young pass wait for 50,000 new objects. Reference
counting frees almost everything as soon as it is dropped; the collector is only for cycles, which these
commands make few of: bench/ingest_at_size.py's peak RSS is the same with and without (79-91 MB on
real news, 142 MB on the archive's batches).
"""

from __future__ import annotations

import gc

YOUNG_THRESHOLD = 50_000  # new objects before a young-generation pass (Python's default: 700)


def settle() -> None:
    """Call once, when the command has imported what it needs and before its long work begins."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG_THRESHOLD, 10, 10)
