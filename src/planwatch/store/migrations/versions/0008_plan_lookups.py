"""plan lookups: a jurisdiction's plans found by index (the diff page's choices, the stored
version an upload is compared with, the same report imported again), and a department's
indicators (its entry list)

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_plans_jurisdiction", "plans", ["jurisdiction_id", "plan_year"])
    op.create_index("ix_indicators_department", "indicators", ["department"])


def downgrade() -> None:
    op.drop_index("ix_indicators_department", table_name="indicators")
    op.drop_index("ix_plans_jurisdiction", table_name="plans")
