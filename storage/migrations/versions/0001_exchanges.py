"""The exchanges journal, as the first release created it.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.types import UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The first release made this table without Alembic: adopt it when it is there.
    if sa.inspect(op.get_bind()).has_table("exchanges"):
        return
    op.create_table(
        "exchanges",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("channel", sa.String(20), nullable=False),
        sa.Column("sender", sa.String(100), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("received_at", UTCDateTime(), nullable=False),
        sa.Column("outcome", sa.String(40), nullable=False),
        sa.Column("replies", sa.JSON(), nullable=False),
    )
    op.create_index("ix_exchanges_user", "exchanges", ["channel", "sender", "received_at"])


def downgrade() -> None:
    op.drop_index("ix_exchanges_user", "exchanges")
    op.drop_table("exchanges")
