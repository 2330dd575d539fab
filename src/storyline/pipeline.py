"""The orchestrator: loads the run's state, walks the stages of
:mod:`storyline.registry`, and persists what they produce.

1. **ingest** -- read files, directories, JSONL and stdin into
   ``RawDocument``s (bad inputs become ``InputProblem``s; the run goes on);
2. **load state** -- the stage memories, from the store (or kept warm by a
   long-running process, :class:`WarmState`): the furniture memory, every
   event for the clusterer, every MinHash signature for dedup;
3. for each batch, the **batch stages** in registry order (extract, identify,
   embed, dedup, cluster, facts), then the **store** stage: merges, one
   transaction per article with its event rows, the articles' facts, then the
   other changed events;
4. after every batch, for each storyline the batches touched, the
   **storyline stages** (provenance, analyse), and one stored view per event.

The stages are pure functions over records and the explicit state they are
handed; this module only moves records between them and the store, and
times them (``AnalyzeResult.timings``).
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from threadpoolctl import threadpool_limits

from . import registry
from .analysis.stage import AnalyseState
from .clustering.stage import ClusterState
from .dedup.stage import DedupState
from .extraction.furniture import FurnitureMemory
from .extraction.stage import ExtractState
from .faults import checkpoint
from .identify import IdentifyState, build_article
from .ingest import read_inputs
from .limits import check_document
from .models import Models
from .store import Store, open_store
from .store.persist import persist
from .types import Batch, ClusterOutcome, InputProblem, RawDocument, StoryBatch, to_json

__all__ = [
    "analyze",
    "ingest_documents",
    "AnalyzeResult",
    "RunState",
    "WarmState",
    "build_article",
    "analyse_events",
    "finish_pending",
    "DEFAULT_BATCH",
]

#: Documents per batch: large enough that one model call amortises its
#: overhead (USE runs ~15% faster on 2,000 sentences than on 50), small
#: enough that a batch's records stay well under 100 MB.
DEFAULT_BATCH = 128
FURNITURE_KEY = "extraction.furniture"
#: BLAS threads while a run computes: its matrix products are small (one
#: story's sentences), and OpenBLAS's thread pool made them 100x slower when
#: the other core was busy (measured on a loaded 2-core machine: 40 ms
#: instead of 0.3 ms).
BLAS_THREADS = 1


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


@dataclass(slots=True)
class RunState:
    """What a run keeps across batches: each stage's memory (see ``Stage.state``)."""

    extract: ExtractState
    identify: IdentifyState
    dedup: DedupState
    cluster: ClusterState
    analyse: AnalyseState

    def of(self, stage: registry.Stage) -> Any:
        return getattr(self, stage.state) if stage.state else None


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
    for raw in items:
        item = raw if isinstance(raw, InputProblem) else check_document(raw)
        if isinstance(item, InputProblem):
            problems.append(item)
            continue
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def analyze(
    paths: Iterable[str | Path],
    *,
    db: str | Path | None = None,
    store: Store | None = None,
    batch_size: int = DEFAULT_BATCH,
    stdin: IO[bytes] | None = None,
    analyse: bool = True,
    progress: Callable[[int, int], None] | None = None,
    models: Models | None = None,
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
        models=models,
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
    models: Models | None = None,
) -> AnalyzeResult:
    """Every stage after ingest, over documents already read (the REST API enters here).

    ``warm`` keeps the stage memories between calls of one process (see
    :class:`WarmState`); without it every call loads them from the store.
    ``models`` default to the shipped ones (:meth:`Models.default`)."""
    own_store = store is None
    st = store if store is not None else open_store(db)
    res = AnalyzeResult()
    res.timings["ingest"] += ingest_seconds
    try:
        with st.ingest_lock(), threadpool_limits(limits=BLAS_THREADS, user_api="blas"):
            with _Timer(res.timings, "load state"):
                state = warm.take(st) if warm is not None else load_state(st)
            _run(st, state, list(items), res, batch_size=batch_size, analyse=analyse, progress=progress,
                 models=models or Models.default())  # fmt: skip
            if warm is not None:  # only after a run that finished: a failed one may have left it half-updated
                warm.give_back(st, state)
            return res
    finally:
        if own_store:
            st.close()


def load_state(st: Store) -> RunState:
    """Every stage memory, loaded from the store."""
    furniture = st.get_state(FURNITURE_KEY)
    cluster = ClusterState.load(st.event_rows())
    return RunState(
        extract=ExtractState(FurnitureMemory.from_dict(furniture) if furniture else FurnitureMemory()),
        identify=IdentifyState(known=st.known_publications),
        dedup=DedupState.load(st.minhashes()),
        cluster=cluster,
        # One NER cache for the run: the reversal split and the analysis tag the same sentences.
        analyse=AnalyseState(mentions=cluster.mentions),
    )


class WarmState:
    """The stage memories one process keeps between ingest calls (the web app's POSTs).

    Loading them (every event into the candidate index, every MinHash
    signature into the LSH index) takes seconds on a large store: 6.9 s for
    100,000 articles in 15,445 events.  A run borrows the kept state when the
    store's :meth:`~storyline.store.SQLStore.stamp` is the one it was left
    at, i.e. no other writer has changed the store since, and loads it afresh
    otherwise; a run that fails does not give it back.  The clusterer's
    memory of recent articles then also spans calls, so its refine pass can
    move an article posted earlier.
    """

    def __init__(self) -> None:
        self._state: RunState | None = None
        self._stamp: tuple[object, ...] | None = None
        self._url: str | None = None
        #: How many times the state was loaded from the store (for tests and logs).
        self.loads = 0

    def take(self, st: Store) -> RunState:
        state, self._state = self._state, None
        if state is not None and self._url == st.url and self._stamp == st.stamp():
            state.identify = IdentifyState(known=st.known_publications)  # (this call's store object)
            return state
        self.loads += 1
        return load_state(st)

    def give_back(self, st: Store, state: RunState) -> None:
        self._state, self._stamp, self._url = state, st.stamp(), st.url


def _run(
    st: Store,
    state: RunState,
    items: list[RawDocument | InputProblem],
    res: AnalyzeResult,
    *,
    batch_size: int,
    analyse: bool,
    progress: Callable[[int, int], None] | None,
    models: Models,
) -> AnalyzeResult:
    tm = res.timings
    res.n_inputs = len(items)
    done = 0
    for raws in _batches(items, batch_size, res.problems):
        batch = Batch(raws=raws)
        outcome = ClusterOutcome()
        for stage in registry.batch_stages():
            with _Timer(tm, stage.name):
                batch, out = stage.run(batch, state.of(stage), models=models)
            if isinstance(out, ClusterOutcome):
                outcome = out
        res.problems.extend(batch.problems)
        res.skipped.extend(batch.skipped)
        with _Timer(tm, "store"), st.write_batch():
            # The batch, the furniture memory it taught and the pending
            # analyses it causes, in one transaction (see Store.write_batch).
            saved = persist(batch, outcome, st)
            st.put_state(FURNITURE_KEY, state.extract.furniture.to_dict())
        checkpoint("batch")
        res.added.extend(saved.added)
        res.touched_events.update(saved.touched_events)
        done += len(raws)
        if progress:
            progress(done, res.n_inputs)
    if analyse:
        # What this run changed, and what an earlier run changed but did not
        # finish analysing (it was killed, or ran with --no-analysis).
        todo = res.touched_events | set(st.pending_events())
        if todo:
            analyse_events(st, todo, models=models, state=state, timings=tm)
    return res


def _story_batches(st: Store, event_ids: Iterable[int], gone: set[int]) -> Iterator[StoryBatch]:
    """The storylines holding ``event_ids``, each with all its events and
    articles; ids of events that no longer exist (merged) go to ``gone``."""
    storylines: set[int] = set()
    for eid in event_ids:
        ev = st.get_event(eid)
        if ev is not None:
            storylines.add(ev.storyline_id)
        else:
            gone.add(eid)
    for sid in sorted(storylines):
        events = st.events_of_storyline(sid)
        articles = st.articles_of_events(e.id for e in events)
        if articles:
            ids = [a.id for a in articles]
            yield StoryBatch(sid, events, articles, st.sentence_vectors(ids), facts=st.facts_of(ids))


def analyse_events(
    st: Store,
    event_ids: Iterable[int],
    *,
    models: Models | None = None,
    state: RunState | None = None,
    timings: dict[str, float] | None = None,
) -> None:
    """The storyline stages for every storyline holding one of ``event_ids``;
    one stored view per event."""
    models = models or Models.default()
    tm = timings if timings is not None else defaultdict(float)
    states = {"analyse": state.analyse if state is not None else AnalyseState()}
    gone: set[int] = set()
    for story in _story_batches(st, event_ids, gone):
        for stage in registry.storyline_stages():
            with _Timer(tm, stage.name):
                story, _ = stage.run(story, states.get(stage.state or ""), models=models)
        with _Timer(tm, "store"):
            st.save_facts(story.new_facts.values())  # (missing or stale facts, recomputed)
            # The views and the end of the storyline's pending work, together.
            st.save_views({eid: to_json(view) for eid, view in story.views.items()},
                          done=[e.id for e in story.events])  # fmt: skip
        checkpoint("story")
    if gone:
        st.save_views({}, done=gone)


def finish_pending(st: Store, *, models: Models | None = None) -> int:
    """Analyse every event recorded as pending (what a killed run left, what
    ``storyline reanalyse`` asked for), under the ingest lock; returns how
    many events were pending."""
    with st.ingest_lock(), threadpool_limits(limits=BLAS_THREADS, user_api="blas"):
        todo = st.pending_events()
        if todo:
            analyse_events(st, todo, models=models)
        return len(todo)
