"""Output files: the folder must exist, and a file is made readable as the umask allows.

``tempfile.mkstemp`` makes files ``0600``; a report renamed into place from one would stay
unreadable to colleagues although the user's umask says otherwise, so ``temporary_beside``
opens its file with ``0666`` and lets the umask decide (``0644`` under the usual ``022``).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from planwatch.errors import PlanwatchError


def check_output(out: Path) -> None:
    """Refuse an output path that is a folder or whose folder does not exist (never made)."""
    if out.is_dir():
        raise PlanwatchError(f"输出路径“{out}”是一个文件夹", f"output path {out} is a folder")
    folder = out.parent
    if not folder.is_dir():
        raise PlanwatchError(
            f"输出文件夹“{folder}”不存在，请先建好它或换一个路径",
            f"output folder {folder} does not exist",
        )


def temporary_beside(out: Path, suffix: str) -> Path:
    """A new empty file in ``out``'s folder, named ``.planwatch-….suffix``, mode 0666 & ~umask."""
    for _ in range(100):
        path = out.parent / f".planwatch-{secrets.token_hex(6)}{suffix}"
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        except FileExistsError:
            continue
        return path
    raise FileExistsError(f"no free temporary name in {out.parent}")
