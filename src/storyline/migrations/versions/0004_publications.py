"""One row per publication: the text's hash apart from the article id, short
items and extraction warnings.

Before this revision an article's id *was* the hash of its text, so the same
wire story at a second outlet was refused as "already stored" and vanished
from exports.  Now every publication has its own id and the hash of its text
in ``text_hash`` (indexed: the ingest looks copies up by it); existing rows,
whose id is their text hash, get ``text_hash = id``, so re-ingesting what
they were ingested from stays a no-op.  ``short`` marks headlines and feed
snippets; ``warnings`` keeps what extraction doubted about a kept text.

Revision ID: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMNs, not a batch: on SQLite a batch would rebuild the
    # table, and with it drop the full-text triggers of revision 0002.
    op.add_column("articles", sa.Column("text_hash", sa.String(32), nullable=True))
    op.add_column("articles", sa.Column("short", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column("articles", sa.Column("warnings", sa.JSON(), nullable=True))
    op.execute("UPDATE articles SET text_hash = id WHERE text_hash IS NULL")
    op.create_index("ix_articles_text_hash", "articles", ["text_hash"])


def downgrade() -> None:
    op.drop_index("ix_articles_text_hash", table_name="articles")
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("warnings")
        batch.drop_column("short")
        batch.drop_column("text_hash")
