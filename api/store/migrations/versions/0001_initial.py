"""Labels, model versions, activations and training jobs.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "labels",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("organisation", sa.String(100), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("sources", sa.JSON(), nullable=False),
        sa.Column("story_id", sa.String(500), nullable=False),
        sa.Column("speaker", sa.String(500), nullable=False),
        sa.Column("party", sa.String(500), nullable=False),
        sa.Column("venue", sa.String(500), nullable=False),
        sa.Column("claim_date", sa.Date(), nullable=True),
        sa.Column("verdict", sa.String(20), nullable=False),
        sa.Column("original_label", sa.String(500), nullable=False),
        sa.Column("labeller", sa.String(500), nullable=False),
        sa.Column("idempotency_key", sa.String(200), nullable=True),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_labels_organisation", "labels", ["organisation"])
    op.create_index("ix_labels_speaker", "labels", ["speaker"])
    op.create_index("ix_labels_verdict", "labels", ["verdict"])
    op.create_index("uq_labels_org_key", "labels", ["organisation", "idempotency_key"], unique=True)
    op.create_table(
        "model_versions",
        sa.Column("version", sa.String(64), primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("artifact", sa.LargeBinary(), nullable=False),
        sa.Column("data_hash", sa.String(64), nullable=False),
        sa.Column("metrics", sa.JSON(), nullable=False),
        sa.Column("code_version", sa.String(100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
    )
    op.create_table(
        "activations",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("version", sa.String(64), sa.ForeignKey("model_versions.version"), nullable=False),
        sa.Column("activated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("rolled_back", sa.Boolean(), nullable=False),
    )
    op.create_table(
        "training_jobs",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("running", sa.Boolean(), nullable=True),
        sa.Column("requested_by", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.String(64), nullable=True),
        sa.Column("error", sa.Text(), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
    )
    op.create_index("uq_training_jobs_running", "training_jobs", ["running"], unique=True)


def downgrade() -> None:
    op.drop_table("training_jobs")
    op.drop_table("activations")
    op.drop_table("model_versions")
    op.drop_index("uq_labels_org_key", "labels")
    op.drop_table("labels")
