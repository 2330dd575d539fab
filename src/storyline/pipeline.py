"""The orchestrator: the only place that wires the stages together.

For each batch of inputs:

1. **ingest** — read files/directories/JSONL/stdin into ``RawDocument``s
   (bad inputs become ``InputProblem``s; the run goes on);
2. **extract** — learn this batch's page furniture (added to the memory kept
   in the store), then clean every document into an ``Extraction``;
3. **language** — keep the stated or extracted language, else identify it;
4. **identify** — hash the normalised text; skip articles already stored and
   repeats inside the batch;
5. **embed** — split sentences, embed titles and sentences in one model call,
   build each article's vector;
6. **dedup** — MinHash signatures, LSH lookup against everything stored;
7. **cluster** — assign each article to an event and a storyline online
   (event ids never change; merges keep the older id);
8. **store** — one transaction per article, with the event rows it changes.

After all batches:

9. **analyse** — for every storyline touched, compute provenance, entities,
   quotes, quantities, timeline, summary and discrepancies, and store one
   view per event.

Every stage is a pure function over records (see ``storyline.registry``);
this module only moves records between them and the store, and times them.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import numpy as np

from . import embedding, identity
from .embedding import Encoder
from .ingest import read_inputs
from .nlp import language
from .nlp.ner import MentionCache
from .nlp.sentences import split_sentences
from .store import Store, open_store
from .types import Article, Extraction, InputProblem, RawDocument, StoryAnalysis, to_json

__all__ = [
    "analyze",
    "ingest_documents",
    "AnalyzeResult",
    "WarmState",
    "build_article",
    "analyse_events",
    "DEFAULT_BATCH",
]

#: Documents per batch: large enough that one model call amortises its
#: overhead (USE runs ~15% faster on 2,000 sentences than on 50), small
#: enough that a batch's records stay well under 100 MB.
DEFAULT_BATCH = 128
#: Estimated MinHash Jaccard above which a new article is recorded as a
#: near-duplicate of a stored one (copies with other page furniture score
#: 0.9+ once cleaned; independent reports of one event stay below 0.3).
NEAR_DUPLICATE_JACCARD = 0.9
FURNITURE_KEY = "extraction.furniture"
#: MinHash signatures (uint32 per permutation) are stored as little-endian bytes.
SIGNATURE_DTYPE = np.dtype("<u4")


@dataclass
class AnalyzeResult:
    added: list[tuple[str, str, int]] = field(default_factory=list)  # (article id, source id, event id)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (source id, reason)
    problems: list[InputProblem] = field(default_factory=list)
    touched_events: set[int] = field(default_factory=set)
    timings: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    n_inputs: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


class _Timer:
    def __init__(self, timings: dict[str, float], name: str) -> None:
        self.timings, self.name = timings, name

    def __enter__(self) -> None:
        self.t0 = time.perf_counter()

    def __exit__(self, *exc: object) -> None:
        self.timings[self.name] += time.perf_counter() - self.t0


def _batches(
    items: Iterable[RawDocument | InputProblem], size: int, problems: list[InputProblem]
) -> Iterator[list[RawDocument]]:
    batch: list[RawDocument] = []
    for item in items:
        if isinstance(item, InputProblem):
            problems.append(item)
            continue
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def build_article(raw: RawDocument, ext: Extraction) -> Article:
    """Stages 3-4 for one document: language, id, sentences."""
    lang = raw.language or ext.language
    if not lang:
        lang, _conf = language.identify(ext.text)
    sentences = split_sentences(ext.text)
    title = raw.title or ext.title
    published, confidence = raw.published or ext.published, 1.0 if raw.published else ext.published_confidence
    if not published:
        # No stated date: the latest date the text itself implies (a
        # weak signal, kept with its lower confidence).
        from .nlp.temporal import infer_published

        published, confidence, _granularity = infer_published(ext.text, language=lang)
    digest = identity.text_hash(ext.text)
    return Article(
        id=identity.publication_id(digest, identity.publication_key(source_id=raw.source_id, url=raw.url)),
        text_hash=digest,
        short=ext.short,
        warnings=list(ext.warnings),
        source_id=raw.source_id,
        text=ext.text,
        title=title,
        standfirst=ext.standfirst,
        language=lang,
        outlet=raw.outlet or ext.outlet,
        url=raw.url,
        published=published,
        published_confidence=confidence,
        authors=list(ext.authors),
        agencies=list(ext.agencies),
        lines=list(ext.lines),
        metadata=dict(raw.metadata),
        sentences=sentences,
    )


def _embed(articles: list[Article]) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """One encoder call for the whole batch: titles and all sentences, each
    distinct string once (copies of a wire story share most sentences)."""
    row_of: dict[str, int] = {}
    plans: list[tuple[list[int], int]] = []  # (sentence rows, title row or -1)
    for a in articles:
        rows = [row_of.setdefault(t, len(row_of)) for t in a.sentences]
        plans.append((rows, row_of.setdefault(a.title, len(row_of)) if a.title else -1))
    mat = embedding.get_encoder().encode(list(row_of))
    sent_vecs: dict[str, np.ndarray] = {}
    art_vecs: dict[str, np.ndarray] = {}
    for a, (rows, t_row) in zip(articles, plans, strict=True):
        sent_vecs[a.id] = mat[rows] if rows else mat[:0]
        art_vecs[a.id] = embedding.embed_article(a.title, sent_vecs[a.id], mat[t_row] if t_row >= 0 else None)
    return sent_vecs, art_vecs


def analyze(
    paths: Iterable[str | Path],
    *,
    db: str | Path | None = None,
    store: Store | None = None,
    batch_size: int = DEFAULT_BATCH,
    stdin: IO[bytes] | None = None,
    analyse: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> AnalyzeResult:
    """Ingest ``paths`` into the store and (re)analyse the stories they touch."""
    t0 = time.perf_counter()
    items = list(read_inputs(paths, stdin=stdin))
    return ingest_documents(
        items,
        db=db,
        store=store,
        batch_size=batch_size,
        analyse=analyse,
        progress=progress,
        ingest_seconds=time.perf_counter() - t0,
    )


def ingest_documents(
    items: Iterable[RawDocument | InputProblem],
    *,
    db: str | Path | None = None,
    store: Store | None = None,
    batch_size: int = DEFAULT_BATCH,
    analyse: bool = True,
    progress: Callable[[int, int], None] | None = None,
    ingest_seconds: float = 0.0,
    warm: WarmState | None = None,
) -> AnalyzeResult:
    """Stages 2-9 over documents already read (the REST API enters here).

    ``warm`` keeps the stage memories between calls of one process (see
    :class:`WarmState`); without it every call loads them from the store."""
    own_store = store is None
    st = store if store is not None else open_store(db)
    res = AnalyzeResult()
    res.timings["ingest"] += ingest_seconds
    try:
        with st.ingest_lock():
            with _Timer(res.timings, "load state"):
                state = warm.take(st) if warm is not None else _load_state(st)
            _run(st, state, list(items), res, batch_size=batch_size, analyse=analyse, progress=progress)
            if warm is not None:  # only after a run that finished: a failed one may have left it half-updated
                warm.give_back(st, state)
            return res
    finally:
        if own_store:
            st.close()


class WarmState:
    """The stage memories one process keeps between ingest calls (the web app's POSTs).

    Loading them (every event into the candidate index, every MinHash
    signature into the LSH index) takes seconds on a large store: 6.9 s for
    100,000 articles in 15,445 events.  A run borrows the kept state when the
    store's :meth:`~storyline.store.Store.stamp` is the one it was left
    at, i.e. no other writer has changed the store since, and loads it afresh
    otherwise; a run that fails does not give it back.  The clusterer's
    memory of recent articles then also spans calls, so its refine pass can
    move an article posted earlier.
    """

    def __init__(self) -> None:
        self._state: _RunState | None = None
        self._stamp: tuple[object, ...] | None = None
        self._url: str | None = None
        #: How many times the state was loaded from the store (for tests and logs).
        self.loads = 0

    def take(self, st: Store) -> _RunState:
        state, self._state = self._state, None
        if state is not None and self._url == st.url and self._stamp == st.stamp():
            return state
        self.loads += 1
        return _load_state(st)

    def give_back(self, st: Store, state: _RunState) -> None:
        state.clusterer.splits.clear()
        state.clusterer.storyline_changes.clear()
        self._state, self._stamp, self._url = state, st.stamp(), st.url


@dataclass
class _RunState:
    """What a run keeps across batches: stage memories loaded from the store."""

    memory: Any  # extraction.FurnitureMemory
    clusterer: Any  # clustering.online.OnlineClusterer
    hasher: Any  # dedup.minhash.MinHasher
    lsh: Any  # dedup.minhash.LSHIndex
    signatures: dict[str, np.ndarray]
    extras: dict[int, dict[str, Any]]
    #: NER results of this run's articles: the reversal split and the analysis read the same sentences.
    mentions: MentionCache = field(default_factory=MentionCache)


def _load_state(st: Store) -> _RunState:
    from .clustering.online import EventState, OnlineClusterer
    from .dedup.minhash import LSHIndex, MinHasher
    from .extraction import FurnitureMemory

    mem_state = st.get_state(FURNITURE_KEY)
    rows = st.event_rows()
    state = _RunState(
        memory=FurnitureMemory.from_dict(mem_state) if mem_state else FurnitureMemory(),
        clusterer=OnlineClusterer(
            [EventState.from_row(r) for r in rows],
            next_event_id=max((r["id"] for r in rows), default=0) + 1,
            next_storyline_id=max((r["storyline_id"] for r in rows), default=0) + 1,
        ),
        hasher=MinHasher(),
        lsh=LSHIndex(),
        signatures={},
        extras={r["id"]: r for r in rows},
    )
    for aid, blob in st.minhashes():
        state.signatures[aid] = np.frombuffer(blob, dtype=SIGNATURE_DTYPE)
    if state.signatures:  # one vectorised insert: one at a time cost 3 s for 100k articles
        state.lsh.add_many(list(state.signatures), np.vstack(list(state.signatures.values())))
    return state


def _run(
    st: Store,
    state: _RunState,
    items: list[RawDocument | InputProblem],
    res: AnalyzeResult,
    *,
    batch_size: int,
    analyse: bool,
    progress: Callable[[int, int], None] | None,
) -> AnalyzeResult:
    tm = res.timings
    res.n_inputs = len(items)
    done = 0
    for batch in _batches(items, batch_size, res.problems):
        articles = _extract_batch(st, batch, state, res)
        if articles:
            with _Timer(tm, "embed"):
                sent_vecs, art_vecs = _embed(articles)
            with _Timer(tm, "dedup"):
                sigs, dup_of = _dedup(articles, state)
            with _Timer(tm, "cluster"):
                from .clustering.features import article_features

                feats = [article_features(a, art_vecs[a.id]) for a in articles]
                assignments = state.clusterer.assign(feats)
                for a, asg in zip(articles, assignments, strict=True):
                    a.event_id, a.storyline_id = asg.event_id, asg.storyline_id
                _split_reversals(articles, feats, sent_vecs, state.clusterer, state.mentions)
                for a in articles:
                    assert a.event_id is not None
                    _update_extras(state.extras, a.event_id, a)
            with _Timer(tm, "store"):
                _save_batch(
                    st, articles, state, res, sent_vecs=sent_vecs, art_vecs=art_vecs, sigs=sigs, dup_of=dup_of
                )
        done += len(batch)
        if progress:
            progress(done, res.n_inputs)
    with _Timer(tm, "store"):
        st.put_state(FURNITURE_KEY, state.memory.to_dict())
    if analyse and res.touched_events:
        with _Timer(tm, "analyse"):
            analyse_events(st, res.touched_events, encoder=embedding.get_encoder(), mention_cache=state.mentions)
    return res


def _split_reversals(
    articles: list[Article],
    feats: list[Any],
    sent_vecs: dict[str, np.ndarray],
    clusterer: Any,
    mentions: MentionCache,
) -> None:
    """Stage 7b: an event's articles that only carry a position the same
    actor later reversed report an earlier happening: give them their own
    event in the same storyline (see ``storyline.clustering.reversal``)."""
    from .clustering.reversal import MIN_EVENT_SIZE, earlier_positions

    by_event: dict[int, list[int]] = defaultdict(list)
    for i, a in enumerate(articles):
        if a.event_id is not None:
            by_event[a.event_id].append(i)
    for event_id, idx in by_event.items():
        if len(idx) < MIN_EVENT_SIZE:
            continue
        members = [articles[i] for i in idx]
        earlier = earlier_positions(members, {a.id: sent_vecs[a.id] for a in members}, mention_cache=mentions)
        if not earlier:
            continue
        moved = [i for i in idx if articles[i].id in earlier]
        new_id = clusterer.split(event_id, [feats[i] for i in moved])
        for i in moved:
            articles[i].event_id = new_id


def _extract_batch(
    st: Store, batch: list[RawDocument], state: _RunState, res: AnalyzeResult
) -> list[Article]:
    """Stages 2-4: clean, identify, drop what is already known."""
    from .extraction import extract_document, learn_furniture

    with _Timer(res.timings, "extract"):
        state.memory = learn_furniture(batch, state.memory)
        extractions = [extract_document(raw, furniture=state.memory) for raw in batch]
    articles: list[Article] = []
    seen: set[tuple[str, str]] = set()
    with _Timer(res.timings, "identify"):
        for raw, ext in zip(batch, extractions, strict=True):
            if not ext.text.strip():
                res.problems.append(InputProblem(raw.origin, ext.reason or "no article text (empty)"))
                continue
            art = build_article(raw, ext)
            keys = _publication_keys(art)
            if any(k in seen for k in keys):
                res.skipped.append((raw.source_id, "same text under the same id or URL as another input of this run"))
                continue
            seen.update(keys)
            articles.append(art)
        known = st.known_publications(a.text_hash for a in articles)
    fresh: list[Article] = []
    for a in articles:
        stored_keys = {k for aid, sid, url in known.get(a.text_hash, ()) for k in _keys(a.text_hash, sid, url)}
        if stored_keys.intersection(_publication_keys(a)):
            res.skipped.append((a.source_id, "already stored"))
        else:
            fresh.append(a)
    return fresh


def _keys(digest: str, source_id: str, url: str | None) -> set[tuple[str, str]]:
    out = {(digest, "id:" + source_id)}
    if url:
        out.add((digest, identity.publication_key(source_id=source_id, url=url)))
    return out


def _publication_keys(a: Article) -> set[tuple[str, str]]:
    """A publication is already known when its text comes again under the
    same source id or the same URL (see :mod:`storyline.identity`)."""
    return _keys(a.text_hash, a.source_id, a.url)


def _dedup(articles: list[Article], state: _RunState) -> tuple[np.ndarray, dict[str, str | None]]:
    """Stage 6: near-duplicates of stored (or earlier in-batch) articles."""
    from .dedup.minhash import estimate_jaccard

    sigs = state.hasher.signatures([a.text for a in articles])
    dup_of: dict[str, str | None] = {}
    for a, sig in zip(articles, sigs, strict=True):
        best, best_j = None, NEAR_DUPLICATE_JACCARD
        for cand in state.lsh.query(sig):
            j = estimate_jaccard(sig, state.signatures[cand])
            if j >= best_j:
                best, best_j = cand, j
        dup_of[a.id] = best
        state.lsh.add(a.id, sig)
        state.signatures[a.id] = sig
    return sigs, dup_of


def _save_batch(
    st: Store,
    articles: list[Article],
    state: _RunState,
    res: AnalyzeResult,
    *,
    sent_vecs: dict[str, np.ndarray],
    art_vecs: dict[str, np.ndarray],
    sigs: np.ndarray,
    dup_of: dict[str, str | None],
) -> None:
    """Stage 8: merges first (so every article row points at a live event),
    then one transaction per article with its event rows, then any event
    whose state changed without a new article."""
    clusterer = state.clusterer
    states = {e.id: e for e in clusterer.events}
    if clusterer.merges:
        st.save_events(
            [_event_row(states[k], state.extras) for k, _ in clusterer.merges if k in states],
            merges=clusterer.merges,
            storylines=_storyline_rows(clusterer.events),
        )
        res.touched_events.update(k for k, _ in clusterer.merges)
        clusterer.merges.clear()
    for i, a in enumerate(articles):
        ev = states.get(a.event_id) if a.event_id is not None else None
        saved = st.save_article(
            a,
            vector=art_vecs[a.id],
            sentence_vectors=sent_vecs[a.id],
            minhash=np.ascontiguousarray(sigs[i], dtype=SIGNATURE_DTYPE).tobytes(),
            duplicate_of=dup_of.get(a.id),
            events=[_event_row(ev, state.extras)] if ev is not None else [],
            storylines=[{"id": ev.storyline_id, "title": ev.title}] if ev is not None else [],
        )
        if saved and a.event_id is not None:
            res.added.append((a.id, a.source_id, a.event_id))
            res.touched_events.add(a.event_id)
    _save_event_changes(st, clusterer, state.extras, res)


def _save_event_changes(
    st: Store, clusterer: Any, extras: dict[int, dict[str, Any]], res: AnalyzeResult
) -> None:
    """Events that changed without gaining an article of this batch, and the
    articles of earlier batches that the refine pass moved (their new event
    takes on their language and outlet), in one transaction."""
    moves = clusterer.moved_articles()
    for article_id, event_id in moves.items():
        moved = st.get_article(article_id)
        if moved is not None:
            _update_extras(extras, event_id, moved)
    dirty = clusterer.dirty_events()
    if dirty or moves:
        st.save_events([_event_row(e, extras) for e in dirty], storylines=_storyline_rows(dirty), moves=moves)
        res.touched_events.update(e.id for e in dirty)
        res.touched_events.update(moves.values())
    clusterer.clear_dirty()


def _update_extras(extras: dict[int, dict[str, Any]], event_id: int, a: Article) -> None:
    row = extras.setdefault(
        event_id, {"languages": [], "outlets": [], "first_published": None, "last_published": None}
    )
    if a.language and a.language not in row["languages"]:
        row["languages"] = [*row["languages"], a.language]
    if a.outlet and a.outlet not in row["outlets"]:
        row["outlets"] = [*row["outlets"], a.outlet]
    if a.published:
        day = a.published[:10]
        if row["first_published"] is None or day < row["first_published"]:
            row["first_published"] = day
        if row["last_published"] is None or day > row["last_published"]:
            row["last_published"] = day


def _event_row(state: Any, extras: dict[int, dict[str, Any]]) -> dict[str, Any]:
    row = dict(state.to_row())
    if isinstance(row.get("features"), str):  # the clusterer serialises to JSON text; the column is JSON
        row["features"] = json.loads(row["features"])
    ex = extras.get(state.id, {})
    for key in ("languages", "outlets", "first_published", "last_published"):
        if key in ex:
            row[key] = ex[key]
    row.setdefault("languages", [])
    row.setdefault("outlets", [])
    return row


def _storyline_rows(events: Iterable[Any]) -> list[dict[str, Any]]:
    first: dict[int, Any] = {}
    for e in events:
        if e.storyline_id not in first or e.id < first[e.storyline_id].id:
            first[e.storyline_id] = e
    return [{"id": sid, "title": e.title} for sid, e in first.items()]


def analyse_events(
    st: Store, event_ids: Iterable[int], *, encoder: Encoder, mention_cache: MentionCache | None = None
) -> None:
    """Stage 9: re-analyse every storyline that holds one of ``event_ids``."""
    from .analysis.story import analyse_storyline, view_for_event

    storylines: set[int] = set()
    for eid in event_ids:
        ev = st.get_event(eid)
        if ev is not None:
            storylines.add(ev.storyline_id)
    for sid in sorted(storylines):
        events = st.events_of_storyline(sid)
        articles = st.articles_of_events(e.id for e in events)
        if not articles:
            continue
        vectors = st.sentence_vectors(a.id for a in articles)
        full: StoryAnalysis = analyse_storyline(articles, vectors, encoder=encoder, mention_cache=mention_cache)
        for ev in events:
            view = view_for_event(full, articles, vectors, ev.id)
            st.save_analysis(ev.id, to_json(view))
