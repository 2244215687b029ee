"""How long reading and storing the bundled sample takes.

Run: ``.venv/bin/python benchmarks/bench_sample.py`` (prints figures; not a test).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from planwatch.ingest import SAMPLE_REPORT, read_document
from planwatch.sources import save_document
from planwatch.store import migrated_engine


def _best_of(runs: int, action) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def main() -> None:
    best, median = _best_of(200, lambda: read_document(SAMPLE_REPORT))
    print(f"read_document(sample): best {best * 1000:.1f} ms, median {median * 1000:.1f} ms")
    with tempfile.TemporaryDirectory() as folder:
        engine = migrated_engine(f"sqlite:///{folder}/bench.sqlite")
        doc = read_document(SAMPLE_REPORT)
        counter = iter(range(10**6))

        def store() -> None:
            copy = doc.model_copy(deep=True)
            copy.title += str(next(counter))  # a new document each time, not a no-op
            save_document(engine, copy, "bench")

        best, median = _best_of(20, store)
        print(f"store sample, SQLite: best {best * 1000:.1f} ms, median {median * 1000:.1f} ms")
        cli = [sys.executable, "-m", "planwatch", "ingest", str(SAMPLE_REPORT)]
        db = ["--db", str(Path(folder) / "cli.sqlite")]
        subprocess.run(cli + db, capture_output=True, check=True)  # first run creates the schema
        best, median = _best_of(
            5, lambda: subprocess.run(cli + db, capture_output=True, check=True)
        )
        print(
            f"planwatch ingest sample (whole process, schema exists): best {best:.2f} s, "
            f"median {median:.2f} s"
        )


if __name__ == "__main__":
    main()
