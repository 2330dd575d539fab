"""The SQL store: SQLite by default, PostgreSQL by URL, through SQLAlchemy 2.

The store is the only stateful part of storyline.  Its interface is narrow
(see :class:`storyline.store.base.Store`) so that stages never see SQL and a
different backend can be dropped in by URL.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
from sqlalchemy import Engine, create_engine, delete, event, func, select, text, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, defer, sessionmaker

from ..types import (
    Article,
    ArticleFacts,
    Event,
    EventRecord,
    Line,
    Quantity,
    SourceRecord,
    StorylineRecord,
    StoryQuery,
    UrlRecord,
    to_json,
)
from . import follow as _follow
from . import queries as _queries
from . import repair as _repair
from . import search as _search
from .queries import MAX_ENTITY_STORIES, EntityStories
from .schema import AnalysisRow, ArticleRow, EventRow, FactsRow, KVRow, MergeRow, PendingRow, StorylineRow

__all__ = ["SQLStore", "resolve_url", "DEFAULT_DB", "StoreError"]

DEFAULT_DB = "storyline.db"
_MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
_migrate_lock = threading.Lock()
_Stamped = TypeVar("_Stamped", EventRow, StorylineRow)
#: Arbitrary constant naming storyline's PostgreSQL advisory lock.
INGEST_LOCK_KEY = 0x5707_11E
#: Another constant naming the lock that serialises schema set-up, so that
#: concurrent first runs on a fresh PostgreSQL database do not race on
#: creating the tables and ``alembic_version``.
MIGRATE_LOCK_KEY = 0x5707_11F
#: Attempts of one article write when a concurrent writer collides with it.
WRITE_RETRIES = 5


class StoreError(RuntimeError):
    """The database cannot be opened or is not a storyline database."""


def _event_columns(ev: EventRecord) -> dict[str, Any]:
    if not isinstance(ev, EventRecord):
        raise TypeError(f"events must be EventRecord, not {type(ev).__name__}")
    return {
        "id": ev.id,
        "storyline_id": ev.storyline_id,
        "title": ev.title,
        "n": ev.n,
        "centroid": ev.centroid,
        "features": ev.features,
        "languages": list(ev.languages),
        "outlets": list(ev.outlets),
        "first_published": ev.first_published,
        "last_published": ev.last_published,
    }


def _storyline_columns(sl: StorylineRecord) -> dict[str, Any]:
    if not isinstance(sl, StorylineRecord):
        raise TypeError(f"storylines must be StorylineRecord, not {type(sl).__name__}")
    return {"id": sl.id, "title": sl.title}


#: Ids per ``IN (...)`` list, as the other reads here: under SQLite's old limit of 999 parameters.
_IN_CHUNK = 500


def _facts_from_json(data: dict[str, Any], version: str) -> ArticleFacts | None:
    """Stored facts back as a record (the row's ``version`` column is the one that counts); None
    when the row is malformed (it is recomputed)."""
    try:
        return ArticleFacts(
            article_id=str(data["article_id"]),
            version=version,
            mentions=[[(str(t), str(lb), int(st), int(en)) for t, lb, st, en in ms] for ms in data["mentions"]],
            quantities=[Quantity(**q) for q in data["quantities"]],
        )
    except (KeyError, TypeError, ValueError):
        return None


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def resolve_url(db: str | os.PathLike[str] | None) -> str:
    """A file path or URL -> SQLAlchemy URL (``STORYLINE_DB`` when unset)."""
    raw = str(db) if db is not None else os.environ.get("STORYLINE_DB", DEFAULT_DB)
    if "://" in raw:
        if raw.startswith("postgres://"):
            raw = "postgresql://" + raw[len("postgres://") :]
        if raw.startswith("postgresql://"):
            raw = "postgresql+psycopg://" + raw[len("postgresql://") :]
        return raw
    if raw == ":memory:":
        return "sqlite://"
    return f"sqlite:///{Path(raw).expanduser().resolve()}"


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    # WAL lets the web server read while a batch is being ingested; busy_timeout
    # makes concurrent writers wait for each other instead of failing at once.
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def _no_implicit_begin(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None


def _begin_immediate(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def _vec_to_bytes(vec: np.ndarray | None, dtype: Any = np.float32) -> bytes | None:
    return None if vec is None else np.ascontiguousarray(vec, dtype=dtype).tobytes()


def _bytes_to_vec(data: bytes | None, dtype: Any = np.float32, dim: int = 512) -> np.ndarray | None:
    if data is None:
        return None
    arr = np.frombuffer(data, dtype=dtype)
    return arr.reshape(-1, dim).astype(np.float32) if dtype == np.float16 else arr.astype(np.float32)


# Readers of article and event rows never need the vectors: deferring them
# keeps a story page from reading ~30 kB of blobs per article.
_ARTICLE_BLOBS = (defer(ArticleRow.sentence_vectors), defer(ArticleRow.vector), defer(ArticleRow.minhash))
_EVENT_BLOBS = (defer(EventRow.centroid), defer(EventRow.features))


class SQLStore:
    """Articles, events, storylines and analyses in one SQL database."""

    def __init__(self, db: str | os.PathLike[str] | None = None, *, migrate: bool = True) -> None:
        self.url = resolve_url(db)
        kwargs: dict[str, Any] = {"future": True}
        if self.url.startswith("sqlite"):
            kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
        try:
            self.engine: Engine = create_engine(self.url, **kwargs)
        except Exception as exc:  # bad URL, missing driver
            raise StoreError(f"cannot open database {db!r}: {exc}") from exc
        self._write_engine = self.engine
        if self.url.startswith("sqlite"):
            event.listen(self.engine, "connect", _sqlite_pragmas)
            # Writers take SQLite's write lock at BEGIN (BEGIN IMMEDIATE): a
            # deferred transaction that upgrades from read to write fails at
            # once with "database is locked" when another writer is active,
            # whatever the busy timeout.  Readers keep deferred transactions so
            # the web app never waits for an ingest.
            self._write_engine = create_engine(self.url, **kwargs)
            event.listen(self._write_engine, "connect", _sqlite_pragmas)
            event.listen(self._write_engine, "connect", _no_implicit_begin)
            event.listen(self._write_engine, "begin", _begin_immediate)
        self._thread_lock = threading.RLock()
        # The session of the batch being written (see :meth:`write_batch`), per thread.
        self._batch = threading.local()
        self._session = sessionmaker(self.engine, expire_on_commit=False)
        self._wsession = sessionmaker(self._write_engine, expire_on_commit=False)
        if migrate:
            self.migrate()

    # -- lifecycle -------------------------------------------------------
    def migrate(self) -> None:
        """Bring the schema to the newest revision (no-op when current)."""
        from alembic import command
        from alembic.config import Config
        from alembic.script import ScriptDirectory

        cfg = Config()
        cfg.set_main_option("script_location", str(_MIGRATIONS))
        head = ScriptDirectory.from_config(cfg).get_current_head()
        with _migrate_lock:
            try:
                with self.engine.connect() as conn:
                    if self._current_revision(conn) == head:
                        return
                with self._schema_lock():
                    # (again: another process may have migrated while we waited for the lock)
                    with self.engine.connect() as conn:
                        if self._current_revision(conn) == head:
                            return
                    with self._write_engine.begin() as conn:
                        cfg.attributes["connection"] = conn
                        command.upgrade(cfg, "head")
            except Exception as exc:
                raise StoreError(f"cannot prepare database {self.url}: {exc}") from exc

    @contextlib.contextmanager
    def _schema_lock(self) -> Iterator[None]:
        """PostgreSQL: a session advisory lock held while the schema is set up
        (SQLite's BEGIN IMMEDIATE already serialises the migration)."""
        if self.url.startswith("sqlite"):
            yield
            return
        with self._write_engine.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": MIGRATE_LOCK_KEY})
            conn.commit()
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": MIGRATE_LOCK_KEY})
                conn.commit()

    @staticmethod
    def _current_revision(conn: Connection) -> str | None:
        try:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except Exception:  # no version table yet: a new database
            return None

    @contextlib.contextmanager
    def ingest_lock(self) -> Iterator[None]:
        """Serialise writers across threads and processes for a whole run.

        The clusterer reads every event state at the start of a run and
        allocates new ids from it; two runs interleaving would hand out the
        same ids.  SQLite: an exclusive ``flock`` on ``<db>.lock``; PostgreSQL:
        a session-level advisory lock."""
        with self._thread_lock:
            if self.url.startswith("sqlite"):
                path = self.url.split("///", 1)[1] if "///" in self.url else ""
                if not path:  # in-memory: one process only
                    yield
                    return
                import fcntl

                with open(path + ".lock", "a+") as fh:
                    fcntl.flock(fh, fcntl.LOCK_EX)
                    try:
                        yield
                    finally:
                        fcntl.flock(fh, fcntl.LOCK_UN)
            else:
                with self._write_engine.connect() as conn:
                    conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": INGEST_LOCK_KEY})
                    conn.commit()
                    try:
                        yield
                    finally:
                        conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": INGEST_LOCK_KEY})
                        conn.commit()

    @contextlib.contextmanager
    def write_batch(self) -> Iterator[None]:
        """Every write inside the block (articles, events, state, pending
        analyses) in ONE transaction: a batch is stored whole or not at all,
        so a crash mid-batch leaves the store as it was before the batch and
        sizes, centroids and memberships never disagree."""
        if getattr(self._batch, "session", None) is not None:
            yield
            return
        with self._wsession() as s, s.begin():
            self._batch.session = s
            try:
                yield
            finally:
                self._batch.session = None

    @contextlib.contextmanager
    def _write(self) -> Iterator[Session]:
        """The batch's session inside :meth:`write_batch`, else a transaction of its own."""
        shared = getattr(self._batch, "session", None)
        if shared is not None:
            yield shared
            return
        with self._wsession() as s, s.begin():
            yield s

    @staticmethod
    def _mark_pending(s: Session, event_ids: Iterable[int]) -> None:
        stamp = now()
        for eid in set(event_ids):
            if s.get(PendingRow, eid) is None:
                s.add(PendingRow(event_id=eid, since=stamp))

    def close(self) -> None:
        self.engine.dispose()
        self._write_engine.dispose()

    def session(self) -> Session:
        return self._session()

    # -- reads of the story list, search and entity pages -----------------
    def list_stories(self, query: StoryQuery = StoryQuery()) -> list[Event]:
        """Live stories, cheaply (see :func:`storyline.store.queries.list_stories`)."""
        return _queries.list_stories(self, query)

    def resolve_article(self, key: str) -> str | None:
        """The id an id, source id or unique id prefix names (see :mod:`.queries`)."""
        return _queries.resolve_article(self, key)

    def entity_stories(self, entity_id: str, *, limit: int = MAX_ENTITY_STORIES) -> EntityStories | None:
        """The live stories whose analysis names ``entity_id`` (see :mod:`.queries`)."""
        return _queries.entity_stories(self, entity_id, limit=limit)

    def search(self, query: str, *, limit: int = 20, offset: int = 0, story_limit: int = 20) -> _search.SearchResults:
        """Full-text search: a page of articles and the best stories (see :mod:`.search`)."""
        return _search.search(self, query, limit=limit, offset=offset, story_limit=story_limit)

    def search_event_ids(self, query: str, *, limit: int = 200) -> list[int]:
        """Stories holding a match of ``query``, best first (see :mod:`.search`)."""
        return _search.search_event_ids(self, query, limit=limit)

    # -- articles --------------------------------------------------------
    def has_article(self, article_id: str) -> bool:
        with self.session() as s:
            return s.get(ArticleRow, article_id) is not None

    def existing_ids(self, ids: Iterable[str]) -> set[str]:
        ids = list(ids)
        found: set[str] = set()
        with self.session() as s:
            for i in range(0, len(ids), 500):
                chunk = ids[i : i + 500]
                found.update(s.scalars(select(ArticleRow.id).where(ArticleRow.id.in_(chunk))))
        return found

    def known_publications(self, text_hashes: Iterable[str]) -> dict[str, list[tuple[str, str, str | None]]]:
        """Stored publications of these texts: text hash -> [(id, source id, url)], oldest first."""
        hashes = list(dict.fromkeys(text_hashes))
        out: dict[str, list[tuple[str, str, str | None]]] = {}
        with self.session() as s:
            for i in range(0, len(hashes), 500):
                q = (
                    select(ArticleRow.text_hash, ArticleRow.id, ArticleRow.source_id, ArticleRow.url)
                    .where(ArticleRow.text_hash.in_(hashes[i : i + 500]))
                    .order_by(ArticleRow.seq)
                )
                for th, aid, sid, url in s.execute(q):
                    if th is not None:  # (the query selects on it; this narrows the type)
                        out.setdefault(th, []).append((aid, sid, url))
        return out

    def save_article(
        self,
        article: Article,
        *,
        vector: np.ndarray | None,
        sentence_vectors: np.ndarray | None,
        minhash: bytes | None = None,
        duplicate_of: str | None = None,
        events: Iterable[EventRecord] = (),
        storylines: Iterable[StorylineRecord] = (),
    ) -> bool:
        """Store one article with the event/storyline rows it changes, in ONE
        transaction, so a crash never leaves an article without its event.
        Returns False when the article was already stored (nothing changes)."""
        for attempt in range(WRITE_RETRIES):
            try:
                return self._save_article_once(
                    article,
                    vector=vector,
                    sentence_vectors=sentence_vectors,
                    minhash=minhash,
                    duplicate_of=duplicate_of,
                    events=list(events),
                    storylines=list(storylines),
                )
            except IntegrityError:
                if getattr(self._batch, "session", None) is not None:
                    raise  # (inside a batch transaction, which the caller retries whole)
                # A concurrent writer stored the same article, or took the
                # same ``seq`` (PostgreSQL has no database-wide write lock).
                if self.has_article(article.id):
                    return False
                if attempt == WRITE_RETRIES - 1:
                    raise
        return False

    def _save_article_once(
        self,
        article: Article,
        *,
        vector: np.ndarray | None,
        sentence_vectors: np.ndarray | None,
        minhash: bytes | None,
        duplicate_of: str | None,
        events: list[EventRecord],
        storylines: list[StorylineRecord],
    ) -> bool:
        with self._write() as s:
            if s.get(ArticleRow, article.id) is not None:
                return False
            for sl in storylines:
                self._upsert(s, StorylineRow, _storyline_columns(sl))
            for ev in events:
                self._upsert(s, EventRow, _event_columns(ev))
            s.flush()
            seq = (s.scalar(select(func.max(ArticleRow.seq))) or 0) + 1
            s.add(
                ArticleRow(
                    id=article.id,
                    seq=seq,
                    source_id=article.source_id,
                    event_id=article.event_id,
                    title=article.title,
                    standfirst=article.standfirst,
                    text=article.text,
                    language=article.language,
                    outlet=article.outlet,
                    url=article.url,
                    published=article.published,
                    published_confidence=article.published_confidence,
                    authors=list(article.authors),
                    agencies=list(article.agencies),
                    lines=[{"n": ln.n, "kind": ln.kind, "text": ln.text} for ln in article.lines],
                    meta=dict(article.metadata),
                    sentences=list(article.sentences),
                    sentence_vectors=_vec_to_bytes(sentence_vectors, np.float16),
                    vector=_vec_to_bytes(vector),
                    minhash=minhash,
                    duplicate_of=duplicate_of,
                    ingested_at=now(),
                    text_hash=article.text_hash or None,
                    short=bool(article.short),
                    warnings=list(article.warnings) or None,
                )
            )
            self._mark_pending(s, [e.id for e in events] + ([article.event_id] if article.event_id is not None else []))
        return True

    @staticmethod
    def _row_to_article(r: ArticleRow) -> Article:
        return Article(
            id=r.id,
            source_id=r.source_id,
            text=r.text,
            title=r.title,
            standfirst=r.standfirst,
            language=r.language,
            outlet=r.outlet,
            url=r.url,
            published=r.published,
            published_confidence=r.published_confidence,
            authors=list(r.authors or []),
            agencies=list(r.agencies or []),
            lines=[Line(n=d["n"], kind=d["kind"], text=d["text"]) for d in (r.lines or [])],
            metadata=dict(r.meta or {}),
            sentences=list(r.sentences or []),
            event_id=r.event_id,
            text_hash=r.text_hash or r.id,
            short=bool(r.short),
            warnings=list(r.warnings or []),
        )

    def get_article(self, article_id: str) -> Article | None:
        with self.session() as s:
            r = s.get(ArticleRow, article_id)
            if r is None:
                return None
            art = self._row_to_article(r)
            ev = s.get(EventRow, r.event_id) if r.event_id is not None else None
            art.storyline_id = ev.storyline_id if ev else None
            return art

    def find_article(self, key: str) -> Article | None:
        """By id, id prefix (≥ 6 hex digits) or source id."""
        art = self.get_article(key)
        if art is not None:
            return art
        with self.session() as s:
            rows = list(s.scalars(select(ArticleRow.id).where(ArticleRow.source_id == key).limit(2)))
            if not rows and len(key) >= 6:
                # A range on the primary key (ids are lowercase hex), not LIKE,
                # so the lookup uses the index instead of scanning.
                prefix = key.lower()
                rows = list(
                    s.scalars(
                        select(ArticleRow.id)
                        .where(ArticleRow.id >= prefix, ArticleRow.id < prefix + "g")
                        .limit(2)
                    )
                )
        return self.get_article(rows[0]) if len(rows) == 1 else None

    def articles_of_events(self, event_ids: Iterable[int]) -> list[Article]:
        ids = list(event_ids)
        with self.session() as s:
            rows = s.scalars(
                select(ArticleRow)
                .options(*_ARTICLE_BLOBS)
                .where(ArticleRow.event_id.in_(ids))
                .order_by(ArticleRow.seq)
            )
            out = [self._row_to_article(r) for r in rows]
            sl = {
                eid: sid
                for eid, sid in s.execute(
                    select(EventRow.id, EventRow.storyline_id).where(EventRow.id.in_(ids))
                )
            }
        for a in out:
            a.storyline_id = sl.get(a.event_id) if a.event_id is not None else None
        return out

    def sentence_vectors(self, article_ids: Iterable[str]) -> dict[str, np.ndarray]:
        ids = list(article_ids)
        out: dict[str, np.ndarray] = {}
        with self.session() as s:
            for i in range(0, len(ids), 500):
                q = select(ArticleRow.id, ArticleRow.sentence_vectors).where(
                    ArticleRow.id.in_(ids[i : i + 500])
                )
                for aid, blob in s.execute(q):
                    vec = _bytes_to_vec(blob, np.float16)
                    out[aid] = vec if vec is not None else np.zeros((0, 512), dtype=np.float32)
        return out

    def article_vectors(self, article_ids: Iterable[str]) -> dict[str, np.ndarray]:
        ids = list(article_ids)
        out: dict[str, np.ndarray] = {}
        with self.session() as s:
            for i in range(0, len(ids), 500):
                q = select(ArticleRow.id, ArticleRow.vector).where(ArticleRow.id.in_(ids[i : i + 500]))
                for aid, blob in s.execute(q):
                    v = _bytes_to_vec(blob)
                    if v is not None:
                        out[aid] = v
        return out

    def minhashes(self) -> Iterator[tuple[str, bytes]]:
        with self.session() as s:
            q = select(ArticleRow.id, ArticleRow.minhash).where(ArticleRow.minhash.is_not(None))
            for aid, blob in s.execute(q.execution_options(yield_per=2000)):
                if blob is not None:  # the query excludes NULLs; this narrows the type
                    yield aid, blob

    def iter_articles(self, *, batch: int = 1000) -> Iterator[dict[str, Any]]:
        """Rows for export, in ingestion order (no vectors)."""
        with self.session() as s:
            q = (
                select(
                    ArticleRow.id,
                    ArticleRow.source_id,
                    ArticleRow.event_id,
                    EventRow.storyline_id,
                    ArticleRow.language,
                    ArticleRow.title,
                    ArticleRow.outlet,
                    ArticleRow.published,
                    ArticleRow.url,
                    ArticleRow.agencies,
                    ArticleRow.duplicate_of,
                    ArticleRow.text_hash,
                    ArticleRow.short,
                )
                .join(EventRow, EventRow.id == ArticleRow.event_id, isouter=True)
                .order_by(ArticleRow.seq)
            )
            for row in s.execute(q.execution_options(yield_per=batch)).mappings():
                yield dict(row)

    def count_articles(self) -> int:
        with self.session() as s:
            return int(s.scalar(select(func.count()).select_from(ArticleRow)) or 0)

    def stamp(self) -> tuple[object, ...]:
        """Changes whenever a run writes articles, events or merges (for in-process caches)."""
        with self.session() as s:
            return (
                int(s.scalar(select(func.count()).select_from(ArticleRow)) or 0),
                int(s.scalar(select(func.max(ArticleRow.seq))) or 0),
                int(s.scalar(select(func.max(EventRow.id))) or 0),
                int(s.scalar(select(func.count()).select_from(MergeRow)) or 0),
                s.scalar(select(func.max(EventRow.updated_at))),
            )

    # -- events & storylines --------------------------------------------
    @staticmethod
    def _upsert(s: Session, model: type[_Stamped], row: dict[str, Any]) -> None:
        """Insert or update an event or storyline row by id, stamping the time."""
        cur = s.get(model, row["id"])
        stamp = now()
        if cur is None:
            s.add(model(created_at=stamp, updated_at=stamp, **row))
        else:
            for k, v in row.items():
                setattr(cur, k, v)
            cur.updated_at = stamp

    def save_events(
        self,
        events: Iterable[EventRecord],
        *,
        merges: Iterable[tuple[int, int]] = (),
        storylines: Iterable[StorylineRecord] = (),
        moves: Mapping[str, int] | None = None,
    ) -> None:
        """Upsert event rows (and record merges: absorbed events' articles
        move to the kept id, the absorbed row stays with ``merged_into``).

        ``moves`` re-points single stored articles (article id -> event id),
        in the same transaction as the rows of the events they leave and join.
        """
        events = list(events)
        merges = list(merges)
        with self._write() as s:
            for sl in storylines:
                self._upsert(s, StorylineRow, _storyline_columns(sl))
            for ev in events:
                self._upsert(s, EventRow, _event_columns(ev))
            self._mark_pending(s, [e.id for e in events] + [int(v) for v in (moves or {}).values()] + [k for k, _ in merges])
            by_event: dict[int, list[str]] = {}
            for article_id, event_id in (moves or {}).items():
                by_event.setdefault(int(event_id), []).append(article_id)
            for event_id, ids in sorted(by_event.items()):
                if s.get(EventRow, event_id) is None:
                    raise ValueError(f"cannot move articles to unknown event {event_id}")
                s.execute(update(ArticleRow).where(ArticleRow.id.in_(ids)).values(event_id=event_id))
            for kept, absorbed in merges:
                s.add(MergeRow(kept=kept, absorbed=absorbed, at=now()))
                s.execute(update(ArticleRow).where(ArticleRow.event_id == absorbed).values(event_id=kept))
                ab = s.get(EventRow, absorbed)
                if ab is not None:
                    ab.merged_into = kept
                    ab.n = 0
                s.execute(delete(AnalysisRow).where(AnalysisRow.event_id == absorbed))
                s.execute(delete(PendingRow).where(PendingRow.event_id == absorbed))

    def event_rows(self) -> list[EventRecord]:
        """All live events with their clustering state (centroid bytes, features)."""
        with self.session() as s:
            rows = s.scalars(select(EventRow).where(EventRow.merged_into.is_(None)).order_by(EventRow.id))
            return [
                EventRecord(
                    id=r.id,
                    storyline_id=r.storyline_id,
                    title=r.title or "",
                    n=r.n,
                    centroid=r.centroid,
                    features=dict(r.features or {}),
                    languages=list(r.languages or []),
                    outlets=list(r.outlets or []),
                    first_published=r.first_published,
                    last_published=r.last_published,
                )
                for r in rows
            ]

    def resolve_event_id(self, event_id: int) -> int | None:
        """Follow merges: an absorbed event's id leads to the event that kept it."""
        with self.session() as s:
            seen = set()
            cur = s.get(EventRow, event_id)
            while cur is not None and cur.merged_into is not None and cur.id not in seen:
                seen.add(cur.id)
                cur = s.get(EventRow, cur.merged_into)
            return None if cur is None else cur.id

    def _event(self, r: EventRow) -> Event:
        return Event(
            id=r.id,
            storyline_id=r.storyline_id,
            title=r.title,
            size=r.n,
            languages=list(r.languages or []),
            outlets=list(r.outlets or []),
            first_seen=r.created_at,
            first_published=r.first_published,
            last_published=r.last_published,
        )

    def get_event(self, event_id: int) -> Event | None:
        with self.session() as s:
            r = s.get(EventRow, event_id, options=_EVENT_BLOBS)
            return None if r is None or r.merged_into is not None else self._event(r)

    def list_events(self, query: StoryQuery = StoryQuery()) -> list[Event]:
        """Live events through the ORM: the plain reference the fast
        :meth:`list_stories` is tested against (same results)."""
        limit, offset, event_ids, language, outlet = query.limit, query.offset, query.event_ids, query.language, query.outlet
        since, until, order = query.since, query.until, query.order
        with self.session() as s:
            q = select(EventRow).options(*_EVENT_BLOBS).where(EventRow.merged_into.is_(None), EventRow.n > 0)
            if event_ids is not None:
                q = q.where(EventRow.id.in_(list(event_ids)))
            if language or outlet or since or until:
                sub = select(ArticleRow.event_id)
                if language:
                    sub = sub.where(ArticleRow.language == language)
                if outlet:
                    sub = sub.where(ArticleRow.outlet == outlet)
                if since:
                    sub = sub.where(ArticleRow.published >= since)
                if until:
                    sub = sub.where(ArticleRow.published <= until + "\uffff")
                q = q.where(EventRow.id.in_(sub))
            if order == "size":
                q = q.order_by(EventRow.n.desc(), EventRow.id.desc())
            else:
                q = q.order_by(
                    EventRow.last_published.desc().nulls_last(), EventRow.n.desc(), EventRow.id.desc()
                )
            return [self._event(r) for r in s.scalars(q.limit(limit).offset(offset))]

    def count_events(self) -> int:
        with self.session() as s:
            return int(
                s.scalar(
                    select(func.count())
                    .select_from(EventRow)
                    .where(EventRow.merged_into.is_(None), EventRow.n > 0)
                )
                or 0
            )

    def events_of_storyline(self, storyline_id: int) -> list[Event]:
        with self.session() as s:
            q = (
                select(EventRow)
                .where(EventRow.storyline_id == storyline_id, EventRow.merged_into.is_(None), EventRow.n > 0)
                .order_by(EventRow.first_published, EventRow.id)
            )
            return [self._event(r) for r in s.scalars(q)]

    def story_bundle(self, event_id: int) -> tuple[Event, list[Article], dict[str, Any], list[Event]] | None:
        """Everything a story page reads, in one session: the event (after
        following merges), its articles (no vectors), its stored analysis and
        the events of its storyline.  ``None`` when there is no such story."""
        with self.session() as s:
            cur = s.get(EventRow, event_id, options=_EVENT_BLOBS)
            seen: set[int] = set()
            while cur is not None and cur.merged_into is not None and cur.id not in seen:
                seen.add(cur.id)
                cur = s.get(EventRow, cur.merged_into, options=_EVENT_BLOBS)
            if cur is None or cur.merged_into is not None or cur.n <= 0:
                return None
            ev = self._event(cur)
            rows = s.scalars(
                select(ArticleRow)
                .options(*_ARTICLE_BLOBS)
                .where(ArticleRow.event_id == ev.id)
                .order_by(ArticleRow.seq)
            )
            articles = [self._row_to_article(r) for r in rows]
            for a in articles:
                a.storyline_id = ev.storyline_id
            an = s.get(AnalysisRow, ev.id)
            q = (
                select(EventRow)
                .options(*_EVENT_BLOBS)
                .where(
                    EventRow.storyline_id == ev.storyline_id, EventRow.merged_into.is_(None), EventRow.n > 0
                )
                .order_by(EventRow.first_published, EventRow.id)
            )
            siblings = [self._event(r) for r in s.scalars(q)]
            return ev, articles, (dict(an.data) if an is not None else {}), siblings

    def merges(self) -> list[tuple[int, int, str]]:
        with self.session() as s:
            return [(m.kept, m.absorbed, m.at) for m in s.scalars(select(MergeRow).order_by(MergeRow.id))]

    # -- analyses & small state -----------------------------------------
    def save_analysis(self, event_id: int, data: dict[str, Any]) -> None:
        self.save_views({event_id: data})

    def save_views(self, views: Mapping[int, dict[str, Any]], *, done: Iterable[int] = ()) -> None:
        """Store event views and clear the pending work they finish (the
        events of ``views`` and ``done``), in one transaction."""
        with self._write() as s:
            for event_id, data in views.items():
                cur = s.get(AnalysisRow, event_id)
                if cur is None:
                    s.add(AnalysisRow(event_id=event_id, data=data, computed_at=now()))
                else:
                    cur.data = data
                    cur.computed_at = now()
            finished = set(views) | set(done)
            if finished:
                s.execute(delete(PendingRow).where(PendingRow.event_id.in_(sorted(finished))))

    def pending_events(self) -> list[int]:
        """Events whose view must be (re)computed: changed since their view was
        stored, or a run stopped before storing it."""
        with self.session() as s:
            return list(s.scalars(select(PendingRow.event_id).order_by(PendingRow.event_id)))

    def check(self, *, fix: bool = False) -> _repair.CheckReport:
        """Sizes, strays, stale and missing views, pending work (see :mod:`.repair`)."""
        return _repair.check_store(self, fix=fix)

    def mark_pending(self, event_ids: Iterable[int]) -> None:
        """Record that these events need a new view (``storyline reanalyse``)."""
        with self._write() as s:
            self._mark_pending(s, event_ids)

    def get_analysis(self, event_id: int) -> dict[str, Any] | None:
        with self.session() as s:
            r = s.get(AnalysisRow, event_id)
            return None if r is None else dict(r.data)

    # -- per-article facts ----------------------------------------------
    def save_facts(self, facts: Iterable[ArticleFacts]) -> None:
        """Keep each article's facts (replacing older ones), in one transaction (the
        batch's, inside :meth:`write_batch`)."""
        items = list(facts)
        if not items:
            return
        with self._write() as s:
            for f in items:
                data = to_json(f)
                cur = s.get(FactsRow, f.article_id)
                if cur is None:
                    s.add(FactsRow(article_id=f.article_id, version=f.version, data=data, computed_at=now()))
                else:
                    cur.version, cur.data, cur.computed_at = f.version, data, now()

    def facts_of(self, article_ids: Iterable[str]) -> dict[str, ArticleFacts]:
        """The stored facts of these articles, of whatever version (the caller checks it); a row
        that cannot be read is left out, so that its facts are recomputed."""
        ids = list(dict.fromkeys(article_ids))
        out: dict[str, ArticleFacts] = {}
        with self.session() as s:
            for k in range(0, len(ids), _IN_CHUNK):
                for r in s.scalars(select(FactsRow).where(FactsRow.article_id.in_(ids[k : k + _IN_CHUNK]))):
                    facts = _facts_from_json(r.data, r.version)
                    if facts is not None:
                        out[r.article_id] = facts
        return out

    def article_ids(self) -> list[str]:
        """Every stored article's id, in ingestion order."""
        with self.session() as s:
            return list(s.scalars(select(ArticleRow.id).order_by(ArticleRow.seq)))

    def get_state(self, key: str) -> dict[str, Any] | None:
        with self.session() as s:
            r = s.get(KVRow, key)
            return None if r is None else dict(r.value)

    def put_state(self, key: str, value: dict[str, Any]) -> None:
        with self._write() as s:
            cur = s.get(KVRow, key)
            if cur is None:
                s.add(KVRow(key=key, value=value))
            else:
                cur.value = value

    # -- followed sources and fetched URLs (see :mod:`.follow`) ----------
    def add_sources(self, urls: Iterable[str], *, interval: float) -> list[SourceRecord]:
        """Follow these source URLs (those already followed are kept as they are)."""
        return _follow.add_sources(self, urls, interval=interval, now=now())

    def list_sources(self, *, urls: Iterable[str] | None = None) -> list[SourceRecord]:
        return _follow.list_sources(self, urls=urls)

    def save_source(
        self, source: SourceRecord | None, *, urls: Iterable[UrlRecord] = (), routes: Iterable[tuple[str, str]] = ()
    ) -> None:
        """A source's poll, the URLs it found and their routes, in one transaction."""
        _follow.save_source(self, source, urls=urls, routes=routes, now=now())

    def known_urls(self, urls: Iterable[str], guids: Iterable[str] = ()) -> dict[str, UrlRecord]:
        return _follow.known_urls(self, urls, guids)

    def queued_urls(self, *, max_attempts: int, limit: int) -> list[UrlRecord]:
        return _follow.queued_urls(self, max_attempts=max_attempts, limit=limit)

    def article_ids_by_url(self, urls: Iterable[str]) -> dict[str, str]:
        return _follow.article_ids_by_url(self, urls)

    def url_routes(self, url: str) -> list[str]:
        return _follow.routes_of(self, url)

    def url_counts(self) -> dict[str, int]:
        return _follow.url_counts(self)
