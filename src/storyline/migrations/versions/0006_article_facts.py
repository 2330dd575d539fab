"""Per-article facts, computed once at ingest: the NER model's mentions per
sentence and the quantities of each article (JSON of ``ArticleFacts``), with
the version of the rules and models that produced them.  Analysis reads them
instead of running NER over a whole storyline again; rows of another version
are recomputed when read.  Existing stores start with no facts: the first
analysis of each story computes and keeps them.

Revision ID: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "article_facts",
        sa.Column("article_id", sa.String(32), primary_key=True),
        sa.Column("version", sa.String(200), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("computed_at", sa.String(32), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("article_facts")
