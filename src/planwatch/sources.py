"""One way to name a plan everywhere: a file path, or a stored plan (id or 地区+年份).

Every command that analyses a document (``show``, ``assess``, ``diff``, ``lint``, ``report``)
and the web app resolve their argument here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from planwatch.ingest import read_document
from planwatch.model import PlanDocument


@dataclass(frozen=True)
class LoadedPlan:
    document: PlanDocument
    plan_id: int | None  # None when read from a file
    label: str


def load_plan(ref: str, db: str | None = None) -> LoadedPlan:
    """Read ``ref`` as a file when such a file exists, else find it in the store."""
    path = Path(ref).expanduser()
    if path.is_file():
        return LoadedPlan(read_document(path), None, str(path))
    from planwatch.store import database_url, find_plan_id, load_current, migrated_engine

    engine = migrated_engine(database_url(db))
    plan_id = find_plan_id(engine, ref)
    return LoadedPlan(load_current(engine, plan_id), plan_id, f"#{plan_id}")
