"""The domain model of planwatch: plain pydantic objects, no I/O.

Everything else (ingest, phrases, assess, store, report, web) depends on this package;
this package depends on nothing of planwatch's own.
"""

from planwatch.model.lineage import (
    ChangeKind,
    DeclaredChanges,
    DeclaredMismatch,
    Pairing,
    PairingDecision,
)
from planwatch.model.monitoring import (
    CommitmentState,
    Progress,
    RequestStatus,
    TrackedCommitment,
)
from planwatch.model.plan import (
    Category,
    Commitment,
    IndicatorRow,
    Jurisdiction,
    KeyTask,
    Nature,
    Period,
    PeriodKind,
    PlanDocument,
    PlanTable,
    ProseItem,
    ProseRole,
    Section,
    TableRole,
)
from planwatch.model.targets import (
    FLIPPED,
    ActualSpec,
    Assessment,
    Comparator,
    Direction,
    Observation,
    Quality,
    Quantity,
    Status,
    TargetKind,
    TargetSpec,
    Trend,
)

__all__ = [
    "FLIPPED",
    "ActualSpec",
    "Assessment",
    "Category",
    "ChangeKind",
    "Commitment",
    "CommitmentState",
    "Comparator",
    "DeclaredChanges",
    "DeclaredMismatch",
    "Direction",
    "IndicatorRow",
    "Jurisdiction",
    "KeyTask",
    "Nature",
    "Observation",
    "Pairing",
    "PairingDecision",
    "Period",
    "PeriodKind",
    "PlanDocument",
    "PlanTable",
    "Progress",
    "ProseItem",
    "ProseRole",
    "Quality",
    "Quantity",
    "RequestStatus",
    "Section",
    "Status",
    "TableRole",
    "TargetKind",
    "TargetSpec",
    "TrackedCommitment",
    "Trend",
]
