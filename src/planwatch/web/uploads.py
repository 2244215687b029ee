"""Reading an uploaded report, the same way for the upload page and the API."""

from __future__ import annotations

from fastapi import UploadFile
from sqlalchemy import Engine

from planwatch.errors import UnsupportedDocument
from planwatch.model import PlanDocument
from planwatch.store import SaveResult

MAX_UPLOAD = 20 * 1024 * 1024


async def read_upload(file: UploadFile) -> tuple[PlanDocument, str]:
    """The document read from an uploaded file, and the file's bare name (for messages)."""
    data = await file.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        raise UnsupportedDocument("文件超过20MB，无法上传", "file larger than 20 MB")
    from planwatch.ingest import read_bytes

    name = (file.filename or "upload").rsplit("/", 1)[-1][:200]
    return read_bytes(data, name), name


def store_upload(
    engine: Engine, doc: PlanDocument, name: str, actor: str, via: str, replace: bool
) -> SaveResult:
    """Save an uploaded document, audited in the same transaction (``via``: web or api)."""
    from planwatch.sources import save_document

    return save_document(engine, doc, f"{via}:{name}", replace=replace, actor=actor)
