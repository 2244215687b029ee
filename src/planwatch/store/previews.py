"""Uploads shown to their uploader and not yet confirmed, kept in the store.

In the database rather than a process's memory, so that any server process can confirm what
another one previewed (``planwatch serve --workers N``), and bounded: each preview lives
``PREVIEW_MINUTES``, a user keeps at most ``PREVIEWS_PER_USER`` (the oldest goes), and all
previews together hold at most ``PREVIEW_BYTES``; past that a new one is refused.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets

from sqlalchemy import Engine, delete, func, select
from sqlalchemy.orm import Session

from planwatch.errors import UnsupportedDocument, UploadExpired
from planwatch.model import PlanDocument
from planwatch.store.database import session_for
from planwatch.store.schema import UploadPreviewRecord, token_hash, utc_now

PREVIEW_MINUTES = 30
PREVIEWS_PER_USER = 3
PREVIEW_BYTES = 200 * 1024 * 1024


def keep_preview(engine: Engine, user_id: int, name: str, doc: PlanDocument) -> str:
    """Keep a read upload for its uploader to confirm; returns the token that names it."""
    content = doc.model_dump(mode="json")
    size = len(json.dumps(content, ensure_ascii=False).encode())
    token = secrets.token_urlsafe(16)
    with session_for(engine) as session, session.begin():
        cutoff = utc_now() - dt.timedelta(minutes=PREVIEW_MINUTES)
        session.execute(delete(UploadPreviewRecord).where(UploadPreviewRecord.created_at < cutoff))
        _make_room_for_user(session, user_id)
        held = session.scalar(select(func.coalesce(func.sum(UploadPreviewRecord.size), 0)))
        if (held or 0) + size > PREVIEW_BYTES:
            raise UnsupportedDocument(
                "服务器暂存的待确认上传已满，请稍后再试（或先确认、放弃已上传的文件）",
                "too many unconfirmed uploads are held; try again later",
            )
        session.add(
            UploadPreviewRecord(
                token_hash=token_hash(token),
                user_id=user_id,
                name=name,
                document=content,
                size=size,
                created_at=utc_now(),
            )
        )
    return token


def _make_room_for_user(session: Session, user_id: int) -> None:
    """Drop the user's oldest previews so that one more fits in ``PREVIEWS_PER_USER``."""
    theirs = session.scalars(
        select(UploadPreviewRecord.token_hash)
        .where(UploadPreviewRecord.user_id == user_id)
        .order_by(UploadPreviewRecord.created_at.desc())
    ).all()
    stale = theirs[PREVIEWS_PER_USER - 1 :]
    if stale:
        session.execute(
            delete(UploadPreviewRecord).where(UploadPreviewRecord.token_hash.in_(stale))
        )


def preview_of(engine: Engine, token: str, user_id: int) -> tuple[PlanDocument, str]:
    """The previewed document and its file name; only its uploader may have it, within
    ``PREVIEW_MINUTES``. It stays until ``drop_preview``, so a refused save loses nothing."""
    cutoff = utc_now() - dt.timedelta(minutes=PREVIEW_MINUTES)
    with session_for(engine) as session:
        record = session.get(UploadPreviewRecord, token_hash(token))
        if record is None or record.user_id != user_id or record.created_at < cutoff:
            raise UploadExpired()
        return PlanDocument.model_validate(record.document), record.name


def drop_preview(engine: Engine, token: str) -> None:
    with session_for(engine) as session, session.begin():
        session.execute(
            delete(UploadPreviewRecord).where(UploadPreviewRecord.token_hash == token_hash(token))
        )
