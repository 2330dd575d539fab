"""Stage 6, cluster: each new article joins an event, each event a storyline.

Reads ``Batch.articles`` and ``Batch.article_vectors`` (and
``Batch.sentence_vectors`` for the reversal split); writes each article's
``event_id`` and ``storyline_id`` and returns a :class:`ClusterOutcome`:
every event row the batch changed, the merges, and the stored articles the
clusterer moved, for the store to persist.

Two steps (:mod:`.online` documents the clusterer's own passes):

1. the online clusterer assigns the batch (assign, merge, refine, re-split);
2. the reversal split: an event's articles that only carry a position the
   same actor later reversed report an earlier happening and get their own
   event in the same storyline (:mod:`.reversal`).

Its state (:class:`ClusterState`) is the clusterer with every stored event,
what each event's articles say (languages, outlets, dates), and the run's
NER cache, which the reversal split fills and the analysis reuses.
"""

from __future__ import annotations

from collections import OrderedDict, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from ..models import Models
from ..nlp.ner import MentionCache
from ..types import Article, Batch, ClusterOutcome, EventRecord, StorylineRecord
from .features import ArticleFeatures, article_features
from .online import RECENT_ARTICLES, OnlineClusterer
from .reversal import MIN_EVENT_SIZE, earlier_positions
from .state import EventState

__all__ = ["ClusterState", "EventMeta", "collect_outcome", "run"]


@dataclass(slots=True)
class EventMeta:
    """What an event's articles say about it (not clustering state, but kept on its row)."""

    languages: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    first_published: str | None = None
    last_published: str | None = None

    def add(self, language: str | None, outlet: str | None, published: str | None) -> None:
        if language and language not in self.languages:
            self.languages = [*self.languages, language]
        if outlet and outlet not in self.outlets:
            self.outlets = [*self.outlets, outlet]
        if published:
            day = published[:10]
            if self.first_published is None or day < self.first_published:
                self.first_published = day
            if self.last_published is None or day > self.last_published:
                self.last_published = day


@dataclass(slots=True)
class ClusterState:
    clusterer: OnlineClusterer = field(default_factory=OnlineClusterer)
    meta: dict[int, EventMeta] = field(default_factory=dict)
    mentions: MentionCache = field(default_factory=MentionCache)
    #: (language, outlet, published) of the articles the clusterer still
    #: remembers, so an article its refine pass moves lends its metadata to
    #: its new event without a read of the store.
    recent: OrderedDict[str, tuple[str | None, str | None, str | None]] = field(default_factory=OrderedDict)

    @classmethod
    def load(cls, events: Iterable[EventRecord]) -> ClusterState:
        """The state of a store: its live events."""
        records = list(events)
        states = [_event_state(r) for r in records]
        clusterer = OnlineClusterer(
            states,
            next_event_id=max((r.id for r in records), default=0) + 1,
            next_storyline_id=max((r.storyline_id for r in records), default=0) + 1,
        )
        meta = {
            r.id: EventMeta(list(r.languages), list(r.outlets), r.first_published, r.last_published) for r in records
        }
        return cls(clusterer=clusterer, meta=meta)

    def remember(self, a: Article) -> None:
        self.recent[a.id] = (a.language, a.outlet, a.published)
        self.recent.move_to_end(a.id)
        while len(self.recent) > RECENT_ARTICLES:
            self.recent.popitem(last=False)

    def record(self, state: EventState) -> EventRecord:
        m = self.meta.get(state.id, EventMeta())
        return EventRecord(
            id=state.id,
            storyline_id=state.storyline_id,
            title=state.title,
            n=state.n,
            centroid=state.centroid.astype("<f4").tobytes(),
            features=dict(state.features),
            languages=list(m.languages),
            outlets=list(m.outlets),
            first_published=m.first_published,
            last_published=m.last_published,
        )


def _event_state(r: EventRecord) -> EventState:
    if r.centroid is None:
        raise ValueError(f"event {r.id} has no centroid")
    return EventState(
        id=r.id,
        storyline_id=r.storyline_id,
        centroid=np.frombuffer(r.centroid, dtype="<f4").copy(),
        n=r.n,
        title=r.title,
        features=dict(r.features),
    )


def _storylines(events: Iterable[EventState]) -> list[StorylineRecord]:
    """A storyline is titled after its oldest event among ``events``."""
    first: dict[int, EventState] = {}
    for e in events:
        if e.storyline_id not in first or e.id < first[e.storyline_id].id:
            first[e.storyline_id] = e
    return [StorylineRecord(id=sid, title=e.title) for sid, e in first.items()]


def _split_reversals(
    articles: list[Article], feats: list[ArticleFeatures], batch: Batch, state: ClusterState
) -> list[tuple[int, int]]:
    """Step 2: give the articles that only carry a later-reversed position their own event."""
    by_event: dict[int, list[int]] = defaultdict(list)
    for i, a in enumerate(articles):
        if a.event_id is not None:
            by_event[a.event_id].append(i)
    splits = []
    for event_id, idx in by_event.items():
        if len(idx) < MIN_EVENT_SIZE:
            continue
        members = [articles[i] for i in idx]
        vectors = {a.id: batch.sentence_vectors[a.id] for a in members}
        earlier = earlier_positions(members, vectors, mention_cache=state.mentions)
        if not earlier:
            continue
        moved = [i for i in idx if articles[i].id in earlier]
        new_id = state.clusterer.split(event_id, [feats[i] for i in moved])
        splits.append((event_id, new_id))
        for i in moved:
            articles[i].event_id = new_id
    return splits


def collect_outcome(state: ClusterState, outcome: ClusterOutcome | None = None) -> ClusterOutcome:
    """What the clusterer changed since it was last asked (merges, moves,
    changed events), as the store's records, with each event's metadata."""
    outcome = outcome if outcome is not None else ClusterOutcome()
    changes = state.clusterer.take_changes()
    outcome.merges = list(changes.merges)
    if outcome.merges:
        # (the rare case: a merge re-titles storylines, so all of them are rewritten)
        outcome.merged_storylines = _storylines(state.clusterer.events)
    outcome.moves = dict(changes.moved)
    for article_id, event_id in outcome.moves.items():
        known = state.recent.get(article_id)
        if known is not None:
            state.meta.setdefault(event_id, EventMeta()).add(*known)
    outcome.events = [state.record(e) for e in changes.events]
    outcome.storylines = _storylines(changes.events)
    return outcome


def run(batch: Batch, state: ClusterState, *, models: Models) -> tuple[Batch, ClusterOutcome]:
    del models  # (the article vectors are the embed stage's; NER models load in nlp.ner)
    outcome = ClusterOutcome()
    clusterer = state.clusterer
    if batch.articles:
        feats = [article_features(a, batch.article_vectors[a.id]) for a in batch.articles]
        for a, asg in zip(batch.articles, clusterer.assign(feats), strict=True):
            a.event_id, a.storyline_id = asg.event_id, asg.storyline_id
        outcome.splits = _split_reversals(batch.articles, feats, batch, state)
        for a in batch.articles:
            assert a.event_id is not None
            state.meta.setdefault(a.event_id, EventMeta()).add(a.language, a.outlet, a.published)
            state.remember(a)
    collect_outcome(state, outcome)
    return batch, outcome
