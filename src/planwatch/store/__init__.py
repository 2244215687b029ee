"""Persistence: SQLite by default, PostgreSQL by URL, schema managed by Alembic."""

from planwatch.store.database import database_url, migrated_engine
from planwatch.store.indicators import plan_indicator_ids
from planwatch.store.plans import (
    PlanSummary,
    SaveResult,
    find_plan_id,
    fingerprint,
    list_plans,
    load_current,
    load_plan,
    save_plan,
    with_overrides,
)
from planwatch.store.schema import PLAN_SOURCE

__all__ = [
    "PLAN_SOURCE",
    "PlanSummary",
    "SaveResult",
    "database_url",
    "find_plan_id",
    "fingerprint",
    "list_plans",
    "load_current",
    "load_plan",
    "migrated_engine",
    "plan_indicator_ids",
    "save_plan",
    "with_overrides",
]
