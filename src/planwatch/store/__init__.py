"""Persistence: SQLite by default, PostgreSQL by URL, schema managed by Alembic.

The one public face of the store: the rest of planwatch imports from here, never from the
submodules (the schema and the migrations are the store's own business).
"""

from planwatch.store.audit import (
    list_audit,
)
from planwatch.store.database import (
    database_url,
    migrated_engine,
)
from planwatch.store.indicators import (
    IndicatorInfo,
    assign_department,
    find_indicator,
    get_indicator,
    list_indicators,
    plan_indicator_ids,
    set_direction,
    target_history,
)
from planwatch.store.lineage import (
    delete_decision,
    list_decisions,
    save_decision,
    stored_decisions,
)
from planwatch.store.observations import (
    ENTRY_QUALITIES,
    Entry,
    OnExisting,
    latest_observations,
    list_observations,
    months_to_date,
    observations_of_year,
    period_observations,
    save_observations,
)
from planwatch.store.plans import (
    SaveResult,
    fingerprint,
    other_version,
    save_plan,
)
from planwatch.store.previews import drop_preview, keep_preview, preview_of
from planwatch.store.reading import (
    PlanSummary,
    find_plan_id,
    list_plans,
    load_current,
    load_plan,
)
from planwatch.store.requests import (
    LATE_HEADER,
    StoredRequest,
    late_requests,
    period_overrides,
    period_requests,
    request_figures,
    review_request,
    set_override,
)
from planwatch.store.schema import (
    PLAN_SOURCE,
)
from planwatch.store.users import (
    ANONYMOUS_READ,
    Role,
    User,
    add_user,
    anonymous_read,
    authenticate,
    close_session,
    list_users,
    open_session,
    session_user,
    set_setting,
)
from planwatch.store.versions import PlanVersion, plan_versions, version_document

__all__ = [
    "ANONYMOUS_READ",
    "ENTRY_QUALITIES",
    "LATE_HEADER",
    "PLAN_SOURCE",
    "Entry",
    "IndicatorInfo",
    "OnExisting",
    "PlanSummary",
    "PlanVersion",
    "Role",
    "SaveResult",
    "StoredRequest",
    "User",
    "add_user",
    "anonymous_read",
    "assign_department",
    "authenticate",
    "close_session",
    "database_url",
    "delete_decision",
    "drop_preview",
    "find_indicator",
    "find_plan_id",
    "fingerprint",
    "get_indicator",
    "keep_preview",
    "late_requests",
    "latest_observations",
    "list_audit",
    "list_decisions",
    "list_indicators",
    "list_observations",
    "list_plans",
    "list_users",
    "load_current",
    "load_plan",
    "migrated_engine",
    "months_to_date",
    "observations_of_year",
    "open_session",
    "other_version",
    "period_observations",
    "period_overrides",
    "period_requests",
    "plan_indicator_ids",
    "plan_versions",
    "preview_of",
    "request_figures",
    "review_request",
    "save_decision",
    "save_observations",
    "save_plan",
    "session_user",
    "set_direction",
    "set_override",
    "set_setting",
    "stored_decisions",
    "target_history",
    "version_document",
]
