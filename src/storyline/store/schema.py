"""Database schema (SQLAlchemy 2 declarative).  Changes go through an Alembic
migration in ``storyline/migrations/versions``; the two must agree (a test
compares them).

Portable types only (String, Text, JSON, LargeBinary, Integer, Float) so the
same schema runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Index, Integer, LargeBinary, String, Text, false
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

__all__ = [
    "Base",
    "ArticleRow",
    "EventRow",
    "StorylineRow",
    "MergeRow",
    "AnalysisRow",
    "FactsRow",
    "KVRow",
    "PendingRow",
    "SourceRow",
    "FetchedUrlRow",
    "UrlRouteRow",
]


class Base(DeclarativeBase):
    pass


class StorylineRow(Base):
    __tablename__ = "storylines"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    title: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[str] = mapped_column(String(32))
    updated_at: Mapped[str] = mapped_column(String(32))


class EventRow(Base):
    __tablename__ = "events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    storyline_id: Mapped[int] = mapped_column(Integer, index=True)
    title: Mapped[str] = mapped_column(Text, default="")
    n: Mapped[int] = mapped_column(Integer, default=0)
    centroid: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    features: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    languages: Mapped[list[Any]] = mapped_column(JSON, default=list)
    outlets: Mapped[list[Any]] = mapped_column(JSON, default=list)
    first_published: Mapped[str | None] = mapped_column(String(32), nullable=True)
    last_published: Mapped[str | None] = mapped_column(String(32), nullable=True)
    created_at: Mapped[str] = mapped_column(String(32))
    updated_at: Mapped[str] = mapped_column(String(32), index=True)
    merged_into: Mapped[int | None] = mapped_column(Integer, nullable=True)


class ArticleRow(Base):
    __tablename__ = "articles"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, unique=True)  # ingestion order
    source_id: Mapped[str] = mapped_column(Text)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id"), nullable=True, index=True)
    title: Mapped[str | None] = mapped_column(Text, nullable=True)
    standfirst: Mapped[str | None] = mapped_column(Text, nullable=True)
    text: Mapped[str] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(16), nullable=True, index=True)
    outlet: Mapped[str | None] = mapped_column(Text, nullable=True)
    url: Mapped[str | None] = mapped_column(Text, nullable=True)
    published: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    published_confidence: Mapped[float] = mapped_column(Float, default=0.0)
    authors: Mapped[list[Any]] = mapped_column(JSON, default=list)
    agencies: Mapped[list[Any]] = mapped_column(JSON, default=list)
    lines: Mapped[list[Any]] = mapped_column(JSON, default=list)
    meta: Mapped[dict[str, Any]] = mapped_column("metadata", JSON, default=dict)
    sentences: Mapped[list[Any]] = mapped_column(JSON, default=list)
    sentence_vectors: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)  # float16 (n, 512)
    vector: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)  # float32 (512,)
    minhash: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    duplicate_of: Mapped[str | None] = mapped_column(String(32), nullable=True)
    ingested_at: Mapped[str] = mapped_column(String(32))
    # Hash of the normalised text (equal for copies of one text; migration 0004).
    text_hash: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    short: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    warnings: Mapped[list[Any] | None] = mapped_column(JSON, nullable=True)


class MergeRow(Base):
    __tablename__ = "event_merges"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kept: Mapped[int] = mapped_column(Integer)
    absorbed: Mapped[int] = mapped_column(Integer)
    at: Mapped[str] = mapped_column(String(32))


class AnalysisRow(Base):
    """The analysed view of one event (JSON of ``StoryAnalysis``)."""

    __tablename__ = "analyses"
    event_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    computed_at: Mapped[str] = mapped_column(String(32))


class PendingRow(Base):
    """An event whose view must be (re)computed (migration 0005): written with
    the change to the event, deleted with the view stored for it."""

    __tablename__ = "pending_analyses"
    event_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    since: Mapped[str] = mapped_column(String(32))


class FactsRow(Base):
    """An article's facts, computed once at ingest (JSON of ``ArticleFacts``; migration 0006)."""

    __tablename__ = "article_facts"
    article_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    version: Mapped[str] = mapped_column(String(200))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    computed_at: Mapped[str] = mapped_column(String(32))


class KVRow(Base):
    """Small persisted state of stages (e.g. the furniture memory, id counters)."""

    __tablename__ = "kv"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[dict[str, Any]] = mapped_column(JSON)


class SourceRow(Base):
    """A followed source: a feed, a site whose feeds were discovered, a
    sitemap, or one page (migration 0007).  Times are ISO 8601 UTC strings."""

    __tablename__ = "sources"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    url: Mapped[str] = mapped_column(Text, unique=True)
    #: feed, site (a home page naming its feeds), sitemap, page (one article) or unknown (not polled yet).
    kind: Mapped[str] = mapped_column(String(16), default="unknown")
    #: The feeds a site's home page names (``<link rel="alternate">``).
    feeds: Mapped[list[Any]] = mapped_column(JSON, default=list)
    title: Mapped[str | None] = mapped_column(Text, nullable=True)
    etag: Mapped[str | None] = mapped_column(Text, nullable=True)
    last_modified: Mapped[str | None] = mapped_column(Text, nullable=True)
    body_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)
    interval: Mapped[float] = mapped_column(Float, default=900.0)  # seconds between polls
    next_poll: Mapped[str] = mapped_column(String(32), index=True)
    last_poll: Mapped[str | None] = mapped_column(String(32), nullable=True)
    last_status: Mapped[str | None] = mapped_column(String(32), nullable=True)
    last_new: Mapped[str | None] = mapped_column(String(32), nullable=True)  # last poll that found an item
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    paused: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    polls: Mapped[int] = mapped_column(Integer, default=0)
    articles_added: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[str] = mapped_column(String(32))


class FetchedUrlRow(Base):
    """An article URL the follower met (canonical form): fetched once, with
    the article it gave and the first version's id when its text changed."""

    __tablename__ = "fetched_urls"
    url: Mapped[str] = mapped_column(Text, primary_key=True)
    guid: Mapped[str | None] = mapped_column(Text, nullable=True, index=True)
    #: pending (to fetch), fetched, summary (stored from the feed, page not fetched yet),
    #: rejected (not an article), failed (gave up), alias (a redirect to ``final_url``).
    status: Mapped[str] = mapped_column(String(16), index=True)
    final_url: Mapped[str | None] = mapped_column(Text, nullable=True)
    #: The feed item (title, summary, date, outlet) for a short article when the page cannot be had.
    item: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    article_id: Mapped[str | None] = mapped_column(String(32), nullable=True)  # the latest version
    first_article_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    revisions: Mapped[int] = mapped_column(Integer, default=0)
    etag: Mapped[str | None] = mapped_column(Text, nullable=True)
    last_modified: Mapped[str | None] = mapped_column(Text, nullable=True)
    body_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)
    #: The item's own update stamp (feed ``updated``, sitemap ``lastmod``): a newer one asks for a re-fetch.
    updated: Mapped[str | None] = mapped_column(String(32), nullable=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    first_seen: Mapped[str] = mapped_column(String(32))
    last_fetched: Mapped[str | None] = mapped_column(String(32), nullable=True)


class UrlRouteRow(Base):
    """Every way an article URL was reached: a source's URL, or ``direct``."""

    __tablename__ = "url_routes"
    url: Mapped[str] = mapped_column(Text, primary_key=True)
    route: Mapped[str] = mapped_column(Text, primary_key=True)
    first_seen: Mapped[str] = mapped_column(String(32))


Index("ix_articles_event_seq", ArticleRow.event_id, ArticleRow.seq)
# Read indexes of the story list and article lookups (migration 0003, which
# says what each one saved on a 100,000-article store).
Index("ix_events_recent", EventRow.last_published.desc(), EventRow.n.desc(), EventRow.id.desc(),
      EventRow.merged_into)
Index("ix_events_size", EventRow.n.desc(), EventRow.id.desc(), EventRow.merged_into)
Index("ix_articles_language_published", ArticleRow.language, ArticleRow.published, ArticleRow.event_id)
Index("ix_articles_outlet_published", ArticleRow.outlet, ArticleRow.published, ArticleRow.event_id)
Index("ix_articles_published_event", ArticleRow.published, ArticleRow.event_id)
Index("ix_articles_source_id", ArticleRow.source_id)
Index("ix_articles_seq_event", ArticleRow.seq, ArticleRow.event_id)
