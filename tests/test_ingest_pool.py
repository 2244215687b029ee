"""A batch read by worker processes (issue 17) gives what one process gives, in order, and
saves in the parent."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from planwatch.ingest import SAMPLE_REPORT
from planwatch.ingest.batch import ingest_corpus


def _corpus(folder: Path) -> list[Path]:
    text = SAMPLE_REPORT.read_text(encoding="utf-8")
    paths = []
    for index in range(18):
        path = folder / f"{index:02d}.txt"
        path.write_text(text.replace("苏州市", f"测试{index:02d}市"), encoding="utf-8")
        paths.append(path)
    broken = folder / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not a zip")
    empty = folder / "empty.txt"
    empty.write_text("", encoding="utf-8")
    return [*paths[:9], broken, *paths[9:], empty]


def _fields(result) -> tuple:
    return (
        result.path,
        result.error,
        result.title,
        result.jurisdiction,
        result.tables,
        result.rows,
        result.warnings,
    )


def test_two_workers_read_what_one_process_reads(tmp_path: Path) -> None:
    paths = _corpus(tmp_path)
    one = ingest_corpus(paths, workers=1)
    two = ingest_corpus(paths, workers=2)
    assert [_fields(r) for r in two.results] == [_fields(r) for r in one.results]
    assert two.summary() == one.summary() and two.summary()["failed"] == 2
    assert "测试00市" in (two.results[0].title or "")


def test_saving_happens_in_this_process_in_order(tmp_path: Path) -> None:
    paths = _corpus(tmp_path)
    saved: list[tuple[str, int]] = []
    seen: list[Path] = []

    def save(document, source: str) -> str:
        saved.append((source, os.getpid()))
        if source.endswith("03.txt"):
            raise ValueError("磁盘已满")
        return f"saved {document.title}"

    result = ingest_corpus(paths, save=save, progress=lambda r: seen.append(r.path), workers=2)
    read = [p for p in paths if p.name not in ("broken.docx", "empty.txt")]
    assert [s for s, _ in saved] == [str(p) for p in read]
    assert {pid for _, pid in saved} == {os.getpid()}
    assert seen == paths
    failed = {r.path.name: r.error for r in result.results if not r.ok}
    assert "ValueError: 磁盘已满" in failed["03.txt"]
    assert all(r.document is None for r in result.results)
    kept = ingest_corpus(paths[:17], keep_documents=True, workers=2)
    assert all(r.document is not None for r in kept.results if r.ok)


def test_a_batch_of_two_is_read_by_a_process_per_core() -> None:
    """Forking costs less than reading one document, so any batch of two or more is shared
    out by default; a single document, or a process running other threads, reads alone.
    Checked in a new process: the suite's own servers run threads in this one."""
    code = """
import os, threading
from planwatch.ingest.batch import _worker_count
cores = len(os.sched_getaffinity(0))
assert threading.active_count() == 1
assert _worker_count(2, None) == min(cores, 2), _worker_count(2, None)
assert _worker_count(40, None) == cores
assert _worker_count(1, None) == 1 and _worker_count(40, 1) == 1
finish = threading.Event()
other = threading.Thread(target=finish.wait)
other.start()
assert _worker_count(40, None) == 1
finish.set()
other.join()
print("checked")
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert (done.returncode, done.stdout.strip()) == (0, "checked"), done.stderr
