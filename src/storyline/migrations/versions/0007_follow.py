"""Following sources: the ``sources``, ``fetched_urls`` and ``url_routes`` tables.

``sources`` holds one row per followed feed, site, sitemap or page with what
a conditional poll needs (ETag, Last-Modified, the last body's hash), its
schedule (interval, next poll) and its health (consecutive failures, last
error, paused).  ``fetched_urls`` holds every article URL met, in canonical
form, so a page is fetched once and a feed item seen before costs nothing;
``url_routes`` records every source an article was reached through.

Revision ID: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("url", sa.Text(), nullable=False, unique=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("feeds", sa.JSON(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.Text(), nullable=True),
        sa.Column("body_hash", sa.String(64), nullable=True),
        sa.Column("interval", sa.Float(), nullable=False),
        sa.Column("next_poll", sa.String(32), nullable=False),
        sa.Column("last_poll", sa.String(32), nullable=True),
        sa.Column("last_status", sa.String(32), nullable=True),
        sa.Column("last_new", sa.String(32), nullable=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("paused", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("polls", sa.Integer(), nullable=False),
        sa.Column("articles_added", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
    )
    op.create_index("ix_sources_next_poll", "sources", ["next_poll"])
    op.create_table(
        "fetched_urls",
        sa.Column("url", sa.Text(), primary_key=True),
        sa.Column("guid", sa.Text(), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("final_url", sa.Text(), nullable=True),
        sa.Column("item", sa.JSON(), nullable=True),
        sa.Column("article_id", sa.String(32), nullable=True),
        sa.Column("first_article_id", sa.String(32), nullable=True),
        sa.Column("revisions", sa.Integer(), nullable=False),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.Text(), nullable=True),
        sa.Column("body_hash", sa.String(64), nullable=True),
        sa.Column("updated", sa.String(32), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("first_seen", sa.String(32), nullable=False),
        sa.Column("last_fetched", sa.String(32), nullable=True),
    )
    op.create_index("ix_fetched_urls_guid", "fetched_urls", ["guid"])
    op.create_index("ix_fetched_urls_status", "fetched_urls", ["status"])
    op.create_table(
        "url_routes",
        sa.Column("url", sa.Text(), primary_key=True),
        sa.Column("route", sa.Text(), primary_key=True),
        sa.Column("first_seen", sa.String(32), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("url_routes")
    op.drop_index("ix_fetched_urls_status", table_name="fetched_urls")
    op.drop_index("ix_fetched_urls_guid", table_name="fetched_urls")
    op.drop_table("fetched_urls")
    op.drop_index("ix_sources_next_poll", table_name="sources")
    op.drop_table("sources")
