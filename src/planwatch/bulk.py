"""``bulk()``: the cyclic garbage collector held back while a big table is read or judged.

Why: reading and judging a table of 45,000 rows makes a million small objects that all live
on (rows, cells, specs, judgements); each time the young generation fills (every 700
allocations by default), the collector walks them, and the older generations are walked again
and again as the heap grows (issue 17). Nothing made in the bulk is garbage until the caller
drops the result, so collecting during it frees little. The heap is not frozen
(``gc.freeze``): garbage left from before would be frozen with it and, unfrozen into the oldest
generation, wait there for a full collection, which made reading 20 Word files take 80 MiB
more at its peak.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

THRESHOLD = 100_000  # young-generation allocations between collections during the bulk
_depth = 0


@contextmanager
def bulk() -> Iterator[None]:
    """Raise the young-generation threshold; restore the thresholds after, even on an error.

    Nested use is safe: only the outermost call tunes and restores."""
    global _depth
    if _depth:
        yield
        return
    _depth += 1
    thresholds = gc.get_threshold()
    gc.set_threshold(max(thresholds[0], THRESHOLD), *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        _depth -= 1
