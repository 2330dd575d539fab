"""Initial schema: articles, events, storylines, merges, analyses, kv.

Revision ID: 0001
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
        "storylines",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("title", sa.Text, nullable=False, server_default=""),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("storyline_id", sa.Integer, nullable=False, index=True),
        sa.Column("title", sa.Text, nullable=False, server_default=""),
        sa.Column("n", sa.Integer, nullable=False, server_default="0"),
        sa.Column("centroid", sa.LargeBinary, nullable=True),
        sa.Column("features", sa.JSON, nullable=False),
        sa.Column("languages", sa.JSON, nullable=False),
        sa.Column("outlets", sa.JSON, nullable=False),
        sa.Column("first_published", sa.String(32), nullable=True),
        sa.Column("last_published", sa.String(32), nullable=True),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False, index=True),
        sa.Column("merged_into", sa.Integer, nullable=True),
    )
    op.create_table(
        "articles",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False, unique=True),
        sa.Column("source_id", sa.Text, nullable=False),
        sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id"), nullable=True, index=True),
        sa.Column("title", sa.Text, nullable=True),
        sa.Column("standfirst", sa.Text, nullable=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("language", sa.String(16), nullable=True, index=True),
        sa.Column("outlet", sa.Text, nullable=True),
        sa.Column("url", sa.Text, nullable=True),
        sa.Column("published", sa.String(32), nullable=True, index=True),
        sa.Column("published_confidence", sa.Float, nullable=False, server_default="0"),
        sa.Column("authors", sa.JSON, nullable=False),
        sa.Column("agencies", sa.JSON, nullable=False),
        sa.Column("lines", sa.JSON, nullable=False),
        sa.Column("metadata", sa.JSON, nullable=False),
        sa.Column("sentences", sa.JSON, nullable=False),
        sa.Column("sentence_vectors", sa.LargeBinary, nullable=True),
        sa.Column("vector", sa.LargeBinary, nullable=True),
        sa.Column("minhash", sa.LargeBinary, nullable=True),
        sa.Column("duplicate_of", sa.String(32), nullable=True),
        sa.Column("ingested_at", sa.String(32), nullable=False),
    )
    op.create_index("ix_articles_event_seq", "articles", ["event_id", "seq"])
    op.create_table(
        "event_merges",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kept", sa.Integer, nullable=False),
        sa.Column("absorbed", sa.Integer, nullable=False),
        sa.Column("at", sa.String(32), nullable=False),
    )
    op.create_table(
        "analyses",
        sa.Column("event_id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("computed_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "kv",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.JSON, nullable=False),
    )


def downgrade() -> None:
    for name in ("kv", "analyses", "event_merges", "articles", "events", "storylines"):
        op.drop_table(name)
