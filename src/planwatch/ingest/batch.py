"""A whole corpus at once: directories, globs and files, one document at a time.

A bad document never stops the batch: its failure is recorded with the reason and the next
one is read. Saving is the caller's (a function given in), so the batch works the same for
a dry run, a SQLite file or PostgreSQL.
"""

from __future__ import annotations

import glob
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
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
    except PlanwatchError as exc:  # the message names the file; the result already does
        result.error = str(exc).removeprefix(f"{path}：").removeprefix(f"{path}: ")
    except Exception as exc:  # one broken file must not stop the corpus
        result.error = f"读取时出现意外错误（unexpected error）：{type(exc).__name__}: {exc}"
    return result


def ingest_corpus(
    paths: list[Path],
    save: Callable[[PlanDocument, str], Any] | None = None,
    progress: Callable[[DocumentResult], None] | None = None,
    keep_documents: bool = False,
) -> CorpusResult:
    """Read every file; ``progress`` is told of each result as it comes."""
    corpus = CorpusResult()
    for path in paths:
        result = read_one(path, save, keep_documents)
        corpus.results.append(result)
        if progress is not None:
            progress(result)
    return corpus
