"""Where drawn charts and the font's character map are kept between processes (issue 17):
a report whose charts are all cached never imports matplotlib.

A leaf of ``report``: the charts and the fonts both use it, and it uses neither, so the two
never import each other.
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

CACHE_ENV = "PLANWATCH_CHART_CACHE"  # a folder, or "off"
MAX_ENTRIES_ENV = "PLANWATCH_CHART_CACHE_ENTRIES"  # how many charts are kept (default 2,000)
MAX_MB_ENV = "PLANWATCH_CHART_CACHE_MB"  # how many megabytes they may take (default 64)
MAX_ENTRIES = 2000
MAX_BYTES = 64 * 1024 * 1024
PART_AGE = 3600.0  # a ``.part`` file older than this (seconds) was left by a dead writer


def chart_cache_dir() -> Path | None:
    """Where drawn charts are kept: ``$PLANWATCH_CHART_CACHE``, else the user's cache folder
    (``$XDG_CACHE_HOME/planwatch/charts``, ``~/.cache/planwatch/charts``); None when off."""
    chosen = os.environ.get(CACHE_ENV, "")
    if chosen.lower() in ("off", "0", "no", "false"):
        return None
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "planwatch" / "charts"


def content_version(*files: Path, extra: str = "") -> str:
    """A digest of what decides a cached result: the bytes of source files, and of a binary
    file (a font) its size and time, plus ``extra`` (a library's version)."""
    digest = hashlib.sha256()
    for file in files:
        if file.suffix == ".py":
            digest.update(file.read_bytes())
        else:
            stat = file.stat() if file.is_file() else None
            digest.update(repr(stat and (stat.st_size, stat.st_mtime_ns)).encode())
    digest.update(extra.encode())
    return digest.hexdigest()


def store_text(path: Path, text: str) -> None:
    """Keep ``text`` at ``path``, written whole under another name and renamed (a concurrent
    reader never sees half of it); a cache that cannot be written is skipped."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.part")
        partial.write_text(text, "ascii")
        os.replace(partial, path)
    except OSError:
        return
    evict(path.parent)


def cache_limits() -> tuple[int, int]:
    """(entries, bytes) the cache is bounded to: ``$PLANWATCH_CHART_CACHE_ENTRIES`` and
    ``$PLANWATCH_CHART_CACHE_MB``, else 2,000 entries and 64 MB; a bad value is the default."""

    def number(name: str, default: float) -> float:
        try:
            value = float(os.environ.get(name, "") or default)
        except ValueError:
            return default
        return value if value >= 0 else default

    entries = int(number(MAX_ENTRIES_ENV, MAX_ENTRIES))
    size = int(number(MAX_MB_ENV, MAX_BYTES / (1024 * 1024)) * 1024 * 1024)
    return entries, size


def mark_used(*paths: Path) -> None:
    """Mark cache files as just used (their time is the last use, which eviction reads)."""
    for path in paths:
        try:
            os.utime(path)
        except OSError:
            continue


def evict(folder: Path, max_entries: int | None = None, max_bytes: int | None = None) -> int:
    """Bound the cache: while it holds more than ``max_entries`` entries or ``max_bytes``
    bytes, remove the entry used least recently (oldest file time; an entry is every file of
    one key, ``KEY.png`` and ``KEY.svg``, so a pair goes together). Leftover ``.part`` files
    of writers that died are removed too. Returns how many files were removed; a file that
    cannot be read or removed (another process evicting at once) is passed over."""
    default_entries, default_bytes = cache_limits()
    max_entries = default_entries if max_entries is None else max_entries
    max_bytes = default_bytes if max_bytes is None else max_bytes
    entries: dict[str, list[tuple[Path, float, int]]] = {}
    removed = 0
    now = time.time()
    try:
        listing = list(os.scandir(folder))
    except OSError:
        return 0
    for item in listing:
        try:
            stat = item.stat(follow_symlinks=False)
        except OSError:
            continue
        if not item.is_file(follow_symlinks=False):
            continue
        if item.name.endswith(".part"):
            if now - stat.st_mtime > PART_AGE:
                removed += _remove(Path(item.path))
            continue
        key = item.name.split(".", 1)[0]
        entries.setdefault(key, []).append((Path(item.path), stat.st_mtime, stat.st_size))
    total = sum(size for files in entries.values() for _, _, size in files)
    # Newest use of any of its files decides an entry's age; the oldest go first.
    by_age = sorted(entries.values(), key=lambda files: max(t for _, t, _ in files))
    count = len(by_age)
    for files in by_age:
        if count <= max_entries and total <= max_bytes:
            break
        for path, _, size in files:
            removed += _remove(path)
            total -= size
        count -= 1
    return removed


def _remove(path: Path) -> int:
    try:
        path.unlink()
    except OSError:
        return 0
    return 1
