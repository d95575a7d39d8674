"""Labels gain the claim's subjects and the speaker's job title and state.

Existing rows get an empty list and empty texts (the server defaults), so a
store labelled before this revision keeps every label and reads as before.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("labels", sa.Column("subjects", sa.JSON(), nullable=False, server_default=sa.text("'[]'")))
    op.add_column("labels", sa.Column("job", sa.String(500), nullable=False, server_default=""))
    op.add_column("labels", sa.Column("state", sa.String(500), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("labels") as batch:
        batch.drop_column("state")
        batch.drop_column("job")
        batch.drop_column("subjects")
