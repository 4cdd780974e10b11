"""The channel's id of each message in the journal, so a message delivered twice (a webhook
retried, a restart mid-reply) is handled once.

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
    with op.batch_alter_table("exchanges", schema=None) as batch_op:
        batch_op.add_column(sa.Column("message_id", sa.String(length=160), nullable=True))
        batch_op.create_index("ux_exchanges_message", ["channel", "message_id"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("exchanges", schema=None) as batch_op:
        batch_op.drop_index("ux_exchanges_message")
        batch_op.drop_column("message_id")
