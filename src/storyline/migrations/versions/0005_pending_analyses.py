"""Analysis as a durable job: the events whose view must be (re)computed.

A row is written in the same transaction that changes an event (a new
article, a merge, a move) and deleted in the transaction that stores the
event's new view, so a run killed between the two leaves the work recorded
and the next run (or ``storyline reanalyse``) finishes it.  Existing
databases get a row for every live event without a stored view.

Revision ID: 0005
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
        "pending_analyses",
        sa.Column("event_id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("since", sa.String(32), nullable=False),
    )
    op.execute(
        "INSERT INTO pending_analyses (event_id, since) SELECT e.id, e.updated_at FROM events e "
        "WHERE e.merged_into IS NULL AND e.n > 0 AND e.id NOT IN (SELECT event_id FROM analyses)"
    )


def downgrade() -> None:
    op.drop_table("pending_analyses")
