"""Reading an uploaded report, the same way for the upload page and the API.

The file is read in a child process with a time and memory budget (``ingest.bounded``) from a
worker thread, so a zip bomb or a huge PDF neither stalls the other requests nor takes the
server's memory; the body's size is limited while it streams in (``web.limits``).
"""

from __future__ import annotations

import asyncio
import weakref

import anyio
from fastapi import Request, UploadFile
from sqlalchemy import Engine

from planwatch.errors import UnsupportedDocument
from planwatch.model import PlanDocument
from planwatch.store import SaveResult
from planwatch.textclean import strip_controls
from planwatch.web.limits import MAX_UPLOAD


async def read_upload(request: Request, file: UploadFile) -> tuple[PlanDocument, str]:
    """The document read from an uploaded file, and the file's bare name (for messages)."""
    from planwatch.ingest.bounded import read_bytes_bounded

    data = await file.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        raise UnsupportedDocument(
            f"文件超过{MAX_UPLOAD // (1024 * 1024)}MB，无法上传", "file larger than the limit"
        )
    # The name is stored with the plan (its source) and quoted in messages: no control characters.
    name = strip_controls(file.filename or "").rsplit("/", 1)[-1][:200] or "upload"
    budget = request.app.state.read_budget
    # Threads of their own: uploads waiting for a reading slot never take the pages' threads.
    limiter = _upload_threads(budget.parallel)
    doc = await anyio.to_thread.run_sync(read_bytes_bounded, data, name, budget, limiter=limiter)
    return doc, name


_LIMITERS: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, anyio.CapacityLimiter] = (
    weakref.WeakKeyDictionary()
)


def _upload_threads(parallel: int) -> anyio.CapacityLimiter:
    """The threads that wait on the bounded reader: its slots, and as many again waiting
    (one limiter per event loop, as anyio's primitives belong to the loop that made them)."""
    loop = asyncio.get_running_loop()
    if loop not in _LIMITERS:
        _LIMITERS[loop] = anyio.CapacityLimiter(2 * parallel)
    return _LIMITERS[loop]


def store_upload(
    engine: Engine,
    doc: PlanDocument,
    name: str,
    actor: str,
    via: str,
    replace: bool,
    separate: bool = False,
) -> SaveResult:
    """Save an uploaded document, audited in the same transaction (``via``: web or api).

    ``separate`` keeps another version of a stored report as a plan of its own (the upload
    page's 另存为新计划); it is ``sources.save_document`` with that one choice added.
    """
    from planwatch.phrases import actual_qualities
    from planwatch.store import save_plan

    qualities = actual_qualities(doc)
    return save_plan(
        engine,
        doc,
        f"{via}:{name}",
        qualities=qualities,
        replace=replace,
        actor=actor,
        separate=separate,
    )
