"""trust: login attempts, session idle times, upload previews in the store, plan versions,
and the indexes the pages' lookups need

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "login_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("success", sa.Boolean(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_login_attempts_name", "login_attempts", ["name", "at"])
    op.create_index("ix_login_attempts_address", "login_attempts", ["address", "at"])
    with op.batch_alter_table("user_sessions") as batch:
        batch.add_column(sa.Column("last_seen_at", sa.DateTime(), nullable=True))
    op.create_table(
        "upload_previews",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("document", sa.JSON(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("token_hash"),
    )
    op.create_index("ix_upload_previews_created", "upload_previews", ["created_at"])
    op.create_table(
        "plan_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("source_name", sa.String(length=500), nullable=False),
        sa.Column("document", sa.JSON(), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=True),
        sa.Column("replaced_at", sa.DateTime(), nullable=False),
        sa.Column("replaced_by", sa.String(length=100), nullable=True),
        sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_plan_versions_plan", "plan_versions", ["plan_id"])
    op.create_index("ix_targets_table", "targets", ["table_id"])
    op.create_index("ix_targets_indicator", "targets", ["indicator_id"])
    op.create_index("ix_plan_tables_plan", "plan_tables", ["plan_id"])


def downgrade() -> None:
    op.drop_index("ix_plan_tables_plan", table_name="plan_tables")
    op.drop_index("ix_targets_indicator", table_name="targets")
    op.drop_index("ix_targets_table", table_name="targets")
    op.drop_index("ix_plan_versions_plan", table_name="plan_versions")
    op.drop_table("plan_versions")
    op.drop_index("ix_upload_previews_created", table_name="upload_previews")
    op.drop_table("upload_previews")
    with op.batch_alter_table("user_sessions") as batch:
        batch.drop_column("last_seen_at")
    op.drop_index("ix_login_attempts_address", table_name="login_attempts")
    op.drop_index("ix_login_attempts_name", table_name="login_attempts")
    op.drop_table("login_attempts")
