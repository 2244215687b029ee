"""A whole corpus at once: directories, globs and files, one document at a time.

A bad document never stops the batch: its failure is recorded with the reason and the next
one is read. Saving is the caller's (a function given in), so the batch works the same for
a dry run, a SQLite file or PostgreSQL.
"""

from __future__ import annotations

import glob
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import Any

from planwatch.errors import PlanwatchError
from planwatch.ingest import read_document
from planwatch.model import PlanDocument

_GLOB_CHARS = set("*?[")
# Editor lock files and hidden files in a corpus folder are not documents.
_IGNORED_PREFIXES = (".", "~$")


@dataclass
class DocumentResult:
    """One document of the batch: what was read (in figures), or why not, how it was stored.

    The document itself is kept only when asked (``keep_documents``): a corpus of thousands
    would otherwise be held in memory whole.
    """

    path: Path
    error: str | None = None
    saved: Any = None  # what the save function returned (``store.SaveResult``)
    title: str | None = None
    jurisdiction: str | None = None
    tables: int = 0
    rows: int = 0
    warnings: list[str] = field(default_factory=list)
    document: PlanDocument | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def describe(self, doc: PlanDocument) -> None:
        self.title = doc.title
        self.jurisdiction = doc.jurisdiction.name if doc.jurisdiction else None
        self.tables = len(doc.tables)
        self.rows = sum(len(t.rows) for t in doc.tables)
        self.warnings = list(doc.warnings)


@dataclass
class CorpusResult:
    results: list[DocumentResult] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)  # arguments that named no file

    @property
    def read(self) -> list[DocumentResult]:
        return [r for r in self.results if r.ok]

    @property
    def failed(self) -> list[DocumentResult]:
        return [r for r in self.results if not r.ok]

    def summary(self) -> dict[str, int]:
        read = self.read
        return {
            "documents": len(self.results),
            "read": len(read),
            "failed": len(self.failed),
            "tables": sum(r.tables for r in read),
            "rows": sum(r.rows for r in read),
            "warnings": sum(len(r.warnings) for r in read),
        }


def _files_under(directory: Path) -> list[Path]:
    return sorted(
        path
        for path in directory.rglob("*")
        if path.is_file()
        and not any(
            part.startswith(_IGNORED_PREFIXES) for part in path.relative_to(directory).parts
        )
    )


def expand_paths(arguments: Iterable[str]) -> tuple[list[Path], list[str]]:
    """(files in order, each once; the arguments that named nothing): directories are
    recursed and globs (``reports/**/*.docx``) expanded."""
    files: dict[Path, None] = {}
    unmatched: list[str] = []
    for argument in arguments:
        path = Path(argument).expanduser()
        if path.is_dir():
            found = _files_under(path)
        elif path.is_file():
            found = [path]
        elif _GLOB_CHARS & set(argument):
            matches = sorted(Path(m) for m in glob.glob(str(path), recursive=True))
            found = [f for m in matches for f in (_files_under(m) if m.is_dir() else [m])]
        else:
            found = []
        if not found:
            unmatched.append(argument)
        for file in found:
            files.setdefault(file, None)
    return list(files), unmatched


def read_one(
    path: Path, save: Callable[[PlanDocument, str], Any] | None = None, keep: bool = False
) -> DocumentResult:
    """Read (and save) one document; every failure becomes the result's ``error``."""
    result = DocumentResult(path=path)
    try:
        document = read_document(path)
        result.describe(document)
        if save is not None:
            result.saved = save(document, str(path))
        result.document = document if keep else None
    except Exception as exc:
        result.error = _message(path, exc)
    return result


def _message(path: Path, exc: Exception) -> str:
    if isinstance(exc, PlanwatchError):  # the message names the file; the result already does
        return str(exc).removeprefix(f"{path}：").removeprefix(f"{path}: ")
    # one broken file must not stop the corpus
    return f"读取时出现意外错误（unexpected error）：{type(exc).__name__}: {exc}"


def _saved(
    result: DocumentResult, save: Callable[[PlanDocument, str], Any] | None, keep: bool
) -> DocumentResult:
    """A result read in a worker, saved here in the parent (which holds the database)."""
    document = result.document
    if save is not None and result.ok and document is not None:
        try:
            result.saved = save(document, str(result.path))
        except Exception as exc:
            result.error = _message(result.path, exc)
    result.document = document if keep and result.ok else None
    return result


# Documents from which a batch is read by a process per core. Forking a worker costs a few
# milliseconds, less than reading one document (10 ms for a text report, 0.2 s for a PDF):
# two reports read in 35 ms by one process or 38 ms by two, two PDFs in 0.47 s or 0.33 s, four
# reports in 76 ms or 60 ms (benchmarks/bench_ingest.py's files, this 2-core machine).
POOL_FROM = 2


def _worker_count(documents: int, workers: int | None) -> int:
    """How many processes read a batch: the cores this process may use, by default.

    Only ``fork`` starts a worker quickly enough (the grammar and readers already imported),
    and forking a process that runs other threads (a server) is unsafe: then one process."""
    if workers is None:
        workers = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
        workers = workers if documents >= POOL_FROM else 1
    forkable = "fork" in multiprocessing.get_all_start_methods()
    if not forkable or threading.active_count() > 1:
        return 1
    return max(1, min(workers, documents))


def _results(
    paths: list[Path],
    save: Callable[[PlanDocument, str], Any] | None,
    keep: bool,
    workers: int,
) -> Iterator[DocumentResult]:
    """The results in the order of ``paths``: read by ``workers`` processes, saved here.

    Why processes: reading is pure Python (the grammar, the layout readers), so threads would
    take turns on one core; documents are independent, so two cores read twice as many. If a
    worker dies (a parser crashing the interpreter), the rest is read here, one by one."""
    if workers <= 1:
        yield from (read_one(path, save, keep) for path in paths)
        return
    chunk = max(1, min(32, len(paths) // (workers * 4)))
    done = 0
    context = multiprocessing.get_context("fork")
    try:
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            wanted = save is not None or keep
            for result in pool.map(_read_in_worker, paths, repeat(wanted), chunksize=chunk):
                done += 1
                yield _saved(result, save, keep)
    except BrokenProcessPool:
        yield from (read_one(path, save, keep) for path in paths[done:])


def _read_in_worker(path: Path, keep: bool) -> DocumentResult:
    return read_one(path, None, keep)


def ingest_corpus(
    paths: list[Path],
    save: Callable[[PlanDocument, str], Any] | None = None,
    progress: Callable[[DocumentResult], None] | None = None,
    keep_documents: bool = False,
    workers: int | None = None,
) -> CorpusResult:
    """Read every file; ``progress`` is told of each result as it comes, in order.

    ``workers`` processes read a batch of two or more documents (default: one per core, see
    ``_worker_count``); saving always happens in this process, in the order of ``paths``."""
    corpus = CorpusResult()
    count = _worker_count(len(paths), workers)
    for result in _results(paths, save, keep_documents, count):
        corpus.results.append(result)
        if progress is not None:
            progress(result)
    return corpus
