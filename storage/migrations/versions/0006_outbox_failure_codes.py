"""Why an outbox row was given up, as a code (blocked, refused, exhausted) beside the technical
detail in last_error; until now last_error held a Vietnamese sentence that was matched later.

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

# What earlier releases wrote in last_error (handlers.texts at the time).
OLD_BLOCKED = "người nhận đã chặn trợ lý"
OLD_GAVE_UP_PREFIX = "đã thử "  # "đã thử {attempts} lần, lần cuối: {reason}"

outbox = sa.table("outbox", sa.column("state", sa.String()), sa.column("last_error", sa.Text()),
                  sa.column("failure", sa.String()))


def upgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("failure", sa.String(length=20), nullable=True))
    failed = outbox.c.state == "failed"
    unset = outbox.c.failure.is_(None)
    op.execute(outbox.update().where(failed, outbox.c.last_error == OLD_BLOCKED)
               .values(failure="blocked"))
    op.execute(outbox.update().where(failed, unset,
                                     outbox.c.last_error.startswith(OLD_GAVE_UP_PREFIX,
                                                                    autoescape=True))
               .values(failure="exhausted"))
    op.execute(outbox.update().where(failed, unset).values(failure="refused"))


def downgrade() -> None:
    # Earlier releases told blocked rows by their sentence: write it back.
    op.execute(outbox.update().where(outbox.c.failure == "blocked")
               .values(last_error=OLD_BLOCKED))
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_column("failure")
