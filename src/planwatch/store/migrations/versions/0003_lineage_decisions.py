"""lineage decisions: a user's confirmed or corrected pairing of indicators across years

Revision ID: 0003
Revises: 0002

The id 0002 was set aside for this table, but 0003 (accounts) landed first on top of 0001;
revising 0003 keeps a single head, which ``migrated_engine`` needs.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "lineage_decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("jurisdiction", sa.String(length=100), nullable=False),
        sa.Column("old_name", sa.String(length=300), nullable=True),
        sa.Column("new_name", sa.String(length=300), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("decided_by", sa.String(length=100), nullable=True),
        sa.Column(
            "decided_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_lineage_decisions_jurisdiction", "lineage_decisions", ["jurisdiction"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_lineage_decisions_jurisdiction", table_name="lineage_decisions")
    op.drop_table("lineage_decisions")
