"""Plans in and out: one way to name a plan (a file path, or a stored plan by id or 地区+年份)
and one way to store a document that was read.

Every command that analyses a document (``show``, ``assess``, ``diff``, ``lint``, ``report``)
and the web app resolve their argument here; ``ingest`` and the uploads store through here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from planwatch.ingest import read_document
from planwatch.model import PlanDocument

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from planwatch.lineage import IndicatorDiff
    from planwatch.panel import SourcedDocument
    from planwatch.store import SaveResult


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


def save_document(
    engine: Engine,
    doc: PlanDocument,
    source_name: str,
    *,
    replace: bool = False,
    actor: str | None = None,
) -> SaveResult:
    """Store a document read from a file: its printed actuals' qualities read by the grammar,
    then ``store.save_plan`` (one transaction)."""
    from planwatch.phrases import actual_qualities
    from planwatch.store import save_plan

    qualities = actual_qualities(doc)
    return save_plan(engine, doc, source_name, qualities=qualities, replace=replace, actor=actor)


def diff_documents(
    db: str | Engine,
    first: PlanDocument,
    second: PlanDocument | None = None,
    *,
    from_year: int | None = None,
    to_year: int | None = None,
) -> IndicatorDiff:
    """``lineage.diff_plans`` with the pairing decisions users stored for the newer report's
    jurisdiction: the one diff of ``planwatch diff``, the diff page and the indicator pages."""
    from planwatch.lineage import diff_plans
    from planwatch.lineage.diff import newer_document
    from planwatch.store import stored_decisions

    newer = newer_document(first, second)
    place = newer.jurisdiction.name if newer.jurisdiction else ""
    decisions = stored_decisions(db, place)
    return diff_plans(first, second, from_year=from_year, to_year=to_year, decisions=decisions)


def restore_version(engine: Engine, plan_id: int, version_id: int, actor: str) -> SaveResult:
    """Put an earlier version of a stored plan back in its place; the content it replaces is
    kept as a version in turn, so a restore can itself be undone."""
    from planwatch.store import plan_versions, version_document

    doc = version_document(engine, plan_id, version_id)
    source = next(v.source_name for v in plan_versions(engine, plan_id) if v.id == version_id)
    return save_document(engine, doc, source, replace=True, actor=actor)


def panel_documents(
    refs: list[str],
    db: str | None = None,
    *,
    every_stored: bool = False,
    engine: Engine | None = None,
) -> tuple[Iterator[SourcedDocument], list[tuple[str, str]]]:
    """The documents a panel is built from, one at a time (a national store's 30,000 plans
    never sit in memory together), and the list of those that could not be read, with why,
    which fills as the documents are taken: files and folders (recursed) and stored plans
    named in ``refs``, plus every stored plan when ``every_stored``. A stored plan's provenance
    is ``plan:ID``, a file's its name. ``engine`` (the web app's) is used instead of ``db``.
    Stored plans named wrongly are reported before any document is read."""
    from planwatch.errors import PlanwatchError
    from planwatch.ingest.batch import expand_paths

    failed: list[tuple[str, str]] = []
    files, others = expand_paths(refs)
    plan_ids: dict[int, None] = {}
    if others or every_stored:
        from planwatch.store import database_url, find_plan_id, list_plans, migrated_engine

        engine = engine or migrated_engine(database_url(db))
        for ref in others:
            try:
                plan_ids.setdefault(find_plan_id(engine, ref), None)
            except PlanwatchError as exc:
                failed.append((ref, exc.message))
        if every_stored:
            plan_ids.update((plan.id, None) for plan in list_plans(engine))
    return _each_document(files, list(plan_ids), engine, failed), failed


def _each_document(
    files: list[Path], plan_ids: list[int], engine: Engine | None, failed: list[tuple[str, str]]
) -> Iterator[SourcedDocument]:
    from planwatch.ingest.batch import read_one
    from planwatch.panel import SourcedDocument

    for path in files:
        result = read_one(path, keep=True)
        if result.document is None:
            failed.append((str(path), result.error or "无法读取"))
        else:
            yield SourcedDocument(result.document, path.name)
    if plan_ids:
        from planwatch.store import PLAN_SOURCE, load_current

        assert engine is not None
        for plan_id in plan_ids:
            yield SourcedDocument(load_current(engine, plan_id), f"{PLAN_SOURCE}{plan_id}")
