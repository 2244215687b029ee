"""``bulk()``: the cyclic garbage collector held back while a big table is read or judged.

Why: reading and judging a table of 45,000 rows makes a million small objects that all live
on (rows, cells, specs, judgements); each time the young generation fills, the collector walks
them, and the older generations are walked again and again as the heap grows, which was a third
to a half of the time (issue 17). Nothing made in the bulk is garbage until the caller drops
the result, so collecting during it frees nothing.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_THRESHOLD = 100_000  # young-generation allocations between collections during the bulk
_depth = 0


@contextmanager
def bulk() -> Iterator[None]:
    """Raise the young-generation threshold and freeze what exists; restore both after.

    Restored even on an error. Nested use is safe: only the outermost call tunes and restores.
    A process that froze its own objects (a server before forking workers) keeps them frozen:
    the freeze is only done, and undone, when nothing was frozen before.
    """
    global _depth
    if _depth:
        yield
        return
    _depth += 1
    thresholds = gc.get_threshold()
    freeze = gc.get_freeze_count() == 0
    if freeze:
        gc.freeze()
    gc.set_threshold(max(thresholds[0], _THRESHOLD), *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        if freeze:
            gc.unfreeze()
        _depth -= 1
