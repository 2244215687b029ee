"""Where drawn charts and the font's character map are kept between processes (issue 17):
a report whose charts are all cached never imports matplotlib.

A leaf of ``report``: the charts and the fonts both use it, and it uses neither, so the two
never import each other.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

CACHE_ENV = "PLANWATCH_CHART_CACHE"  # a folder, or "off"


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
