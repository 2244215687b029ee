"""panel: the research panel's rows (one per jurisdiction × year × indicator)

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_TEXT = sa.Text()


def upgrade() -> None:
    op.create_table(
        "panel_rows",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("jurisdiction", _TEXT, nullable=False),
        sa.Column("code", sa.String(length=12), nullable=True),
        sa.Column("level", _TEXT, nullable=True),
        sa.Column("parent", _TEXT, nullable=True),
        sa.Column("parent_code", sa.String(length=12), nullable=True),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("indicator", _TEXT, nullable=False),
        sa.Column("canonical", _TEXT, nullable=True),
        sa.Column("target", _TEXT, nullable=True),
        sa.Column("kind", sa.String(length=30), nullable=True),
        sa.Column("comparator", sa.String(length=30), nullable=True),
        sa.Column("target_value", sa.Float(), nullable=True),
        sa.Column("unit", _TEXT, nullable=True),
        sa.Column("actual", _TEXT, nullable=True),
        sa.Column("actual_value", sa.Float(), nullable=True),
        sa.Column("quality", sa.String(length=30), nullable=True),
        sa.Column("status", sa.String(length=30), nullable=True),
        sa.Column("status_zh", sa.String(length=30), nullable=True),
        sa.Column("margin", sa.Float(), nullable=True),
        sa.Column("reason", _TEXT, nullable=True),
        sa.Column("match", sa.String(length=10), nullable=False),
        sa.Column("conflict", _TEXT, nullable=True),
        sa.Column("target_source", _TEXT, nullable=True),
        sa.Column("target_where", _TEXT, nullable=True),
        sa.Column("target_sentence", _TEXT, nullable=True),
        sa.Column("actual_name", _TEXT, nullable=True),
        sa.Column("actual_source", _TEXT, nullable=True),
        sa.Column("actual_where", _TEXT, nullable=True),
        sa.Column("actual_sentence", _TEXT, nullable=True),
        sa.Column("parent_target", _TEXT, nullable=True),
        sa.Column("escalation", sa.Float(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_panel_rows_indicator_year", "panel_rows", ["canonical", "year"])
    op.create_index("ix_panel_rows_code_year", "panel_rows", ["code", "year"])
    op.create_index("ix_panel_rows_jurisdiction", "panel_rows", ["jurisdiction"])


def downgrade() -> None:
    op.drop_index("ix_panel_rows_jurisdiction", table_name="panel_rows")
    op.drop_index("ix_panel_rows_code_year", table_name="panel_rows")
    op.drop_index("ix_panel_rows_indicator_year", table_name="panel_rows")
    op.drop_table("panel_rows")
