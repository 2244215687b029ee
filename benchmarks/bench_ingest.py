"""Ingest a generated corpus of 1,000 reports in mixed layouts and formats.

Run: ``.venv/bin/python benchmarks/bench_ingest.py [--documents 1000]`` (prints figures; not
a test). The corpus is written to a temporary folder from the bundled sample: the sample's
own Word-exported text (tab cells), its tables as pipes, web-page cells and one cell per
line, the layout fixtures, and Word, HTML, Excel and PDF files (writers from
tests/test_ingest_formats_writers.py). Each document gets its own jurisdiction, so none is
a copy of another. Reading is timed as ``planwatch ingest --dry-run`` does it
(``ingest_corpus`` without saving), text and binary documents separately; peak memory is
the process's maximum resident set size after the run.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from planwatch.ingest import SAMPLE_REPORT, read_document  # noqa: E402
from planwatch.ingest.batch import ingest_corpus  # noqa: E402
from test_ingest_formats_writers import BINARY_WRITERS, TEXT_WRITERS  # noqa: E402

FIXTURES = HERE.parent / "tests" / "fixtures" / "layouts"
# Share of each kind in the corpus, per 100 documents.
MIX = {"tab": 30, "pipes": 20, "web_cells": 20, "cell_lines": 15, "fixture": 5}
MIX_BINARY = {"docx": 4, "html": 3, "xlsx": 2, "pdf": 1}


def _place(index: int) -> str:
    return f"测试{index:04d}市"


def generate(folder: Path, documents: int) -> dict[str, list[Path]]:
    """Write the corpus; return its files by kind."""
    sample_text = SAMPLE_REPORT.read_text(encoding="utf-8")
    sample = read_document(SAMPLE_REPORT)
    fixtures = sorted(p for p in FIXTURES.iterdir() if p.is_file())
    kinds = [k for k, n in {**MIX, **MIX_BINARY}.items() for _ in range(n)]
    files: dict[str, list[Path]] = {}
    for index in range(documents):
        kind = kinds[index % len(kinds)]
        place = _place(index)
        doc = sample.model_copy(update={"title": sample.title.replace("苏州市", place)})
        if kind == "tab":
            path = folder / f"{index:04d}-tab.txt"
            path.write_text(sample_text.replace("苏州市", place), encoding="utf-8")
        elif kind == "fixture":
            source = fixtures[index % len(fixtures)]
            path = folder / f"{index:04d}-{source.name}"
            shutil.copy(source, path)
        elif kind in TEXT_WRITERS:
            path = folder / f"{index:04d}-{kind}.txt"
            path.write_text(TEXT_WRITERS[kind](doc), encoding="utf-8")
        else:
            path = BINARY_WRITERS[kind](doc, folder / f"{index:04d}.{kind}")
        files.setdefault(kind, []).append(path)
    return files


def _timed(paths: list[Path], workers: int | None) -> tuple[float, Counter]:
    """Wall-clock seconds (CPU time of this process no longer counts the workers' reading)."""
    wall = time.perf_counter()
    result = ingest_corpus(paths, workers=workers)
    wall = time.perf_counter() - wall
    return wall, Counter("read" if r.ok else "failed" for r in result.results)


def _rate(label: str, paths: list[Path]) -> tuple[float, float] | None:
    """The batch as ``planwatch ingest`` reads it (a process per core) beside the reference in
    the same run: the same batch read in this one process (``workers=1``); both in docs/s."""
    if not paths:
        return None
    one, _ = _timed(paths, 1)
    wall, outcome = _timed(paths, None)
    print(
        f"{label}: {len(paths)} documents, wall {wall:.2f} s = {len(paths) / wall:.0f} docs/s"
        f" (one process: {one:.2f} s = {len(paths) / one:.0f} docs/s; x{one / wall:.2f})"
        f" ({outcome['read']} read, {outcome['failed']} failed)",
        flush=True,
    )
    return len(paths) / wall, len(paths) / one


def measure(documents: int = 1000) -> dict[str, tuple[float, float]]:
    """docs/s of each batch (the pool, and one process): ``text``, ``binary``, ``corpus`` and
    each kind; prints each line as it is measured."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        files = generate(folder, documents)
        print(f"generated {documents} documents in {time.perf_counter() - start:.1f} s:")
        print("  " + ", ".join(f"{kind} {len(paths)}" for kind, paths in files.items()))
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        batches = {
            "text": [p for kind in MIX for p in files.get(kind, [])],
            **{kind: files.get(kind, []) for kind in MIX},
            "binary": [p for kind in MIX_BINARY for p in files.get(kind, [])],
            **{kind: files.get(kind, []) for kind in MIX_BINARY},
            "corpus": [p for paths in files.values() for p in paths],
        }
        labels = {"text": "text layouts", "binary": "Word/HTML/Excel/PDF", "corpus": "whole corpus"}
        rates = {}
        for name, paths in batches.items():
            rate = _rate(labels.get(name, f"  {name}"), paths)
            if rate is not None:
                rates[name] = rate
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"peak memory (max RSS): {peak:.0f} MiB (before reading: {rss_before / 1024:.0f} MiB)"
        )
    return rates


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    measure(parser.parse_args().documents)


if __name__ == "__main__":
    main()
