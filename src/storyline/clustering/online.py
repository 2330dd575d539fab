"""Online clustering of articles into events, with stable ids.

Articles arrive one at a time or in batches.  Each batch is processed in
publication order (then by article id, so the input order of a batch does not
matter) in five passes:

1. *assign*: the batch's articles and their nearest stored events are merged
   best-first by the learned pair scorer of
   :mod:`storyline.clustering.model`; what joins no stored event becomes a
   new event;
2. *merge*: events touched by the batch are compared with their neighbours
   and merged when the scorer says they are one event; the older (smaller)
   id is kept and ``(kept, absorbed)`` is recorded (:attr:`merges`);
3. *short-event link*: events shorter than full articles (headlines, a
   headline and a sentence or two) that the batch touched merge with
   neighbours by average linkage over the article-pair probability, since
   a profile of one-sentence embeddings and empty name tables says little;
4. *refine*: recent articles of earlier batches (the last RECENT_ARTICLES)
   that a touched event now suits better move to it, so that an article seen
   before the rest of its event had arrived can still join it;
5. *re-split*: a touched event grown to RESPLIT_MIN_EVENT articles, all still
   in memory, is clustered again on its own; parts of RESPLIT_MIN_PART or
   more become events (two events of one kind fed in batches snowball into
   one).

:meth:`OnlineClusterer.moved_articles` reports the articles of earlier
batches that passes 4 and 5 moved, for the store.

Ids of events that existed before a batch never change, except by an
explicit, recorded merge; an event that loses articles to a re-split keeps
its id (the split is recorded in :attr:`splits`).  New events are then linked into storylines by
:mod:`storyline.clustering.storylines`; an event's storyline only changes by
such a link, recorded in :attr:`storyline_changes`.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from storyline.clustering.event import EventAggregate
from storyline.clustering.features import ArticleFeatures
from storyline.clustering.index import CentroidIndex
from storyline.clustering.model import Profile, brevity, pair_logit, profile_of, sigmoid
from storyline.clustering.recent import RecentArticles
from storyline.clustering.state import EventState
from storyline.clustering.storylines import best_storyline
from storyline.nlp.encoder import DIM

__all__ = ["Assignment", "ClustererChanges", "OnlineClusterer", "EventState"]

#: A provisional cluster joins an event (or another cluster) when the pair
#: probability reaches this (below 0.5 because training pairs have six
#: negatives per positive).  Chosen on held-out topics of ECB+ dev
#: (``python -m storyline.training``, 11 leave-topics-out folds,
#: pooled B-cubed F1, topic shuffles 0 / 1): 0.933 / 0.928 at 0.3,
#: 0.938 / 0.941 at 0.4, 0.932 / 0.930 at 0.5; in sample 0.952, 0.954, 0.953.
JOIN_PROBABILITY = 0.4
#: Two stored events merge when the symmetrised pair probability reaches
#: this.  Only matters when articles arrive in several batches: ECB+ dev in
#: random order, batches of 50: B-cubed F1 0.905 at 0.6, 0.910 at 0.45,
#: 0.903 at 0.3 (at once: 0.952 regardless; measured with the join threshold
#: at 0.3).
MERGE_PROBABILITY = 0.45
#: An article still alone after best-first merging joins its best cluster of
#: two or more articles from this probability on.  Held-out validation
#: (``storyline eval clustering`` / ``eval pile`` settings, scorer refitted
#: per fold): ECB+ dev leave-topics-out mean B-cubed F1 / held-out SemEval
#: pile, same-story pairs sharing an event / unrelated pairs apart:
#: without the step 0.916 / 0.772 / 0.957; at 0.05 0.940 / 0.842 / 0.920;
#: at 0.2 0.931 / 0.792 / 0.952.  Every ECB+ event has several articles, so
#: ECB+ rewards attaching everything; real piles have single-article events
#: (SemEval: a third of the articles; the example corpus's lone Brussels
#: verdict scores 0.09 against the same day's other verdict, sharing no
#: name), hence 0.2: most of the recall for a third of the false joins.
RESCUE_PROBABILITY = 0.2
#: Nearest events (and nearest batch articles) scored per article.  On ECB+
#: dev an article's own event (the centroid of its other articles) is the
#: nearest for 97.0%, among the 3 nearest for 99.7% and the 7 nearest for
#: 100%; B-cubed F1 0.927 with 5, 0.932 with 7 and 10 (7 is cheaper).
CANDIDATES = 7
#: Rows of the batch similarity matrix computed at once (bounds memory:
#: 512 x batch size floats per block).
BATCH_BLOCK = 512
#: Neighbours checked per touched event in the merge pass.
MERGE_CANDIDATES = 5
#: Below this cosine the scorer cannot reach JOIN_PROBABILITY whatever the
#: other features say (with the shipped weights); skipping those candidates
#: saves most of the scoring time on large stores.
MIN_CANDIDATE_COSINE = 0.3
#: Articles whose features the clusterer keeps (most recent first) for the
#: refine pass.  Bounds memory (~5 KB an article) and the pass's cost; an
#: article older than this stays where it is.
RECENT_ARTICLES = 2000
#: A recent article moves to another event only when the article model gives
#: that event this much more probability than its own event without it, so
#: that near-ties do not flip back and forth between batches.  ECB+ dev in 10
#: random orders, batches of 50, mean B-cubed agreement with the at-once
#: partition (and F1 against the gold events): 0.909 (0.902) without the
#: refine pass; 0.929 (0.922) with margin 0, 0.927 (0.919) with 0.05, 0.926
#: (0.919) with 0.15 -- within noise of each other; 0.05 for stability.
MOVE_MARGIN = 0.05
#: A recent article is re-scored against an event the batch touched only when
#: its cosine to that event is at most this much below its cosine to its own
#: event without it: a move needs a competitive centroid, and the filter keeps
#: the pass to a few articles per batch.  ECB+ dev (10 random orders, batches
#: of 50): the same mean agreement, 0.927, with 0.15 and 0.25; also scoring
#: each article's nearest untouched events changed nothing and cost 10% of
#: the online benchmark's throughput.
REFINE_COSINE_GAP = 0.15
#: Re-split: an event the batch touched, of at least RESPLIT_MIN_EVENT
#: articles all still in memory, is clustered again on its own as if its
#: articles had come at once; a part of at least RESPLIT_MIN_PART articles
#: becomes an event of its own.  Fed in batches, two events of one kind
#: (two DUI arrests of one team's players) snowball into one: the first
#: articles of the second event join the first for want of better, and then
#: attract the rest.  ECB+ dev, 10 random orders in batches of 50, mean
#: agreement with the at-once partition / F1 against gold / precision:
#: 0.927 / 0.919 / 0.905 without; 0.960 / 0.941 / 0.968 with (8, 4);
#: (6, 3), (8, 3), (10, 4), (12, 5) within 0.004, but (6, 3) also splits
#: the at-once partition (F1 0.954 -> 0.951), (8, 4) leaves it unchanged.
RESPLIT_MIN_EVENT = 8
RESPLIT_MIN_PART = 4
#: An event is clustered again only once it has grown by this factor since
#: it was last checked: a story of hundreds of articles touched by every
#: batch would otherwise be re-clustered (quadratic in its size) each time.
#: ECB+ dev as above: mean agreement 0.955 (0.959 re-checking on every
#: touch); online benchmark, 100k articles: 772 articles/s (701).
RESPLIT_GROWTH = 1.25
#: Events shorter than full articles (mean brevity of their articles,
#: ``model.brevity``, above SHORT_LINK_BREVITY: under FULL_TOKENS word tokens
#: per article) are linked by average linkage over the learned article-pair
#: probability, merging two such events from SHORT_LINK_PROBABILITY on (see
#: ``_link_short``).  Held out (5x2 ECB+ topic folds and 2x5 SemEval pair
#: folds, scorer refitted per fold): ECB+ headlines, fold-tuned char TF-IDF
#: 0.791 and USE cosine 0.789: without the pass 0.743 (4 batches vs at once
#: 0.888); with it, at 0.25 0.800, at 0.3 0.804 (0.943), at 0.35 0.796.  The
#: gate, from headlines only (brevity >= 0.5, ~47 tokens) to everything under
#: a full article (> 0), on ECB+ full texts mean / worst / 4 batches and the
#: pile's same-story same event / unrelated apart: 0.927 / 0.875 / 0.948,
#: 0.777 / 0.944 at 0.5; 0.929 / 0.875 / 0.950 at 0.3; 0.932 / 0.867 / 0.960,
#: 0.795 / 0.942 at > 0.  Average linkage for every event over-merges full
#: texts (ECB+ held out 0.857 at 0.4, 0.874 at 0.5, against 0.915 without):
#: there the event profile, which accumulates names and words, judges better.
SHORT_LINK_PROBABILITY = 0.3
SHORT_LINK_BREVITY = 0.0
#: Articles of each side averaged over (the earliest by arrival, so that the
#: link of an event does not drift as it grows): bounds the pass to
#: 400 pair scores per candidate.
SHORT_LINK_SAMPLE = 20


@dataclass(slots=True, frozen=True)
class ClustererChanges:
    """What :meth:`OnlineClusterer.take_changes` hands over."""

    merges: tuple[tuple[int, int], ...]  # (kept id, absorbed id), in order
    splits: tuple[tuple[int, int], ...]  # (kept id, new id)
    storyline_changes: tuple[tuple[int, int, int], ...]  # (event id, old storyline, new storyline)
    moved: dict[str, int]  # article of an earlier batch -> the event it belongs to now
    events: tuple[EventState, ...]  # every event created or changed
    removed: tuple[int, ...]  # ids absorbed by merges


@dataclass(slots=True, frozen=True)
class Assignment:
    article_id: str
    event_id: int
    storyline_id: int
    new_event: bool


class OnlineClusterer:
    """Assign streamed articles to events and events to storylines."""

    def __init__(
        self,
        events: Iterable[EventState] = (),
        *,
        next_event_id: int = 1,
        next_storyline_id: int = 1,
        ann_min_events: int | None = None,
        recent: int | None = None,
    ) -> None:
        self._events: dict[int, EventAggregate] = {}
        self._index = (
            CentroidIndex() if ann_min_events is None else CentroidIndex(ann_min_events=ann_min_events)
        )
        for state in events:
            if not isinstance(state, EventState):
                raise TypeError(f"events must be EventState records, got {type(state).__name__}")
            if state.id in self._events:
                raise ValueError(f"duplicate event id {state.id}")
            ev = EventAggregate.from_state(state)
            self._events[ev.id] = ev
        self._index.load((ev.id, ev.unit(), ev.n) for ev in self._events.values())
        self._next_event = max([next_event_id, *[i + 1 for i in self._events]])
        self._next_storyline = max([next_storyline_id, *[e.storyline_id + 1 for e in self._events.values()]])
        self._merges: list[tuple[int, int]] = []
        #: (kept event id, new event id) for every :meth:`split`.
        self._splits: list[tuple[int, int]] = []
        #: (event id, old storyline id, new storyline id) for every re-link.
        self._storyline_changes: list[tuple[int, int, int]] = []
        self._dirty: set[int] = set()
        self._removed: set[int] = set()
        self._before: set[int] = set()
        # The refine pass's memory, and the articles it moved after their
        # assignment was returned (reported to the store, then cleared).
        self._recent = RecentArticles(RECENT_ARTICLES if recent is None else recent)
        self._moved: dict[str, int] = {}
        self._absorbed_into: dict[int, int] = {}  # merges since take_changes(): absorbed -> kept
        self._resplit_at: dict[int, int] = {}  # event id -> its size when last clustered again

    # -- public API ---------------------------------------------------------

    @property
    def events(self) -> list[EventState]:
        return [self._events[i].to_state() for i in sorted(self._events)]

    @property
    def event_count(self) -> int:
        return len(self._events)

    @property
    def uses_ann(self) -> bool:
        """Whether candidate retrieval has switched to the HNSW index."""
        return self._index.uses_ann

    @property
    def next_event_id(self) -> int:
        return self._next_event

    @property
    def next_storyline_id(self) -> int:
        return self._next_storyline

    def dirty_events(self) -> list[EventState]:
        """Events created or changed since the last :meth:`take_changes`."""
        return [self._events[i].to_state() for i in sorted(self._dirty) if i in self._events]

    def removed_events(self) -> list[int]:
        """Ids absorbed by merges since the last :meth:`take_changes` (the store deletes them)."""
        return sorted(self._removed)

    def moved_articles(self) -> dict[str, int]:
        """Articles of earlier batches the refine pass moved since the last
        :meth:`take_changes`: article id -> the event it now belongs to (the
        store re-points them)."""
        out = {}
        for aid, moved_to in sorted(self._moved.items()):
            # Still remembered: its current event; evicted since: where it was moved.
            now = self._recent.event_of(aid)
            out[aid] = _resolve(self._absorbed_into, moved_to if now is None else now)
        return out

    @property
    def merges(self) -> tuple[tuple[int, int], ...]:
        """(kept id, absorbed id) of every merge since the last :meth:`take_changes`, in order."""
        return tuple(self._merges)

    @property
    def splits(self) -> tuple[tuple[int, int], ...]:
        """(kept id, new id) of every split since the last :meth:`take_changes`."""
        return tuple(self._splits)

    @property
    def storyline_changes(self) -> tuple[tuple[int, int, int], ...]:
        """(event id, old storyline id, new storyline id) of every re-link since the last take."""
        return tuple(self._storyline_changes)

    def take_changes(self) -> ClustererChanges:
        """Everything the clusterer changed since it was last asked -- the
        record the store persists -- and start afresh."""
        changes = ClustererChanges(
            merges=self.merges,
            splits=self.splits,
            storyline_changes=self.storyline_changes,
            moved=self.moved_articles(),
            events=tuple(self.dirty_events()),
            removed=tuple(self.removed_events()),
        )
        self._merges.clear()
        self._splits.clear()
        self._storyline_changes.clear()
        self._dirty.clear()
        self._removed.clear()
        self._moved.clear()
        self._absorbed_into.clear()
        return changes

    def assign(self, items: Sequence[ArticleFeatures]) -> list[Assignment]:
        """Assign a batch of articles; returns one :class:`Assignment` per item, in input order."""
        batch = _validated(items)
        if not batch:
            return []
        # The result does not depend on input order.
        order = sorted(range(len(batch)), key=lambda i: _arrival_key(batch[i]))
        unique: list[int] = []
        first_of: dict[str, int] = {}
        for i in order:
            if batch[i].id not in first_of:  # the same article twice in a batch: one membership
                first_of[batch[i].id] = i
                unique.append(i)
        before = set(self._events)
        self._before = before
        cluster_of = self._agglomerate([batch[i] for i in unique])
        alias = self._merge_pass(set(cluster_of))
        for k, i in enumerate(unique):
            self._recent.remember(batch[i], alias.get(cluster_of[k], cluster_of[k]))
        batch_ids = {batch[i].id for i in unique}
        self._link_short({alias.get(e, e) for e in cluster_of})
        touched = {_resolve(self._absorbed_into, alias.get(e, e)) for e in cluster_of}
        self._refine(touched, batch_ids)
        self._resplit({self._recent.event(aid) for aid in batch_ids}, batch_ids)
        event_of = {batch[i].id: self._recent.event(batch[i].id) for i in unique}
        created = sorted(set(event_of.values()) - before)
        self._link_storylines(created)
        out = []
        for item in batch:
            ev_id = event_of[item.id]
            out.append(Assignment(item.id, ev_id, self._events[ev_id].storyline_id, ev_id not in before))
        self._recent.forget_oldest()
        return out

    def split(self, event_id: int, items: Sequence[ArticleFeatures]) -> int:
        """Move member articles ``items`` of ``event_id`` into a new event of
        the same storyline and return its id.

        Used when other evidence than the pair scorer shows the articles
        report another happening (see :mod:`storyline.clustering.reversal`).
        ``event_id`` keeps its id and its other articles; the split is
        recorded in :attr:`splits`.
        """
        ev = self._events.get(event_id)
        if ev is None:
            raise KeyError(f"no event {event_id}")
        if not items or len(items) >= ev.n:
            raise ValueError("a split must leave the event at least one article and move at least one")
        new_id = self._new_event()
        self._events[new_id].storyline_id = ev.storyline_id
        self._events[new_id].apart.add(event_id)
        ev.apart.add(new_id)
        for item in items:
            self._move(item, event_id, new_id, pin=True)
        self._splits.append((event_id, new_id))
        return new_id

    # -- passes --------------------------------------------------------------

    def _agglomerate(self, items: list[ArticleFeatures]) -> list[int]:
        """Cluster a batch together with the existing events; returns an event id per item.

        Every article starts as its own provisional cluster; candidate pairs
        are each article's nearest existing events and nearest batch articles.
        The best-scoring pair is merged first (a provisional cluster joining
        an existing event keeps the event's id; two existing events are left
        to the merge pass) until no pair reaches JOIN_PROBABILITY.  Best-first
        merging, unlike a greedy pass in arrival order, does not let an early
        article seed a wrong event.
        """
        clusters: dict[int, EventAggregate] = {}
        for k, item in enumerate(items):
            ev = EventAggregate(-(k + 1), 0)
            ev.add(item)
            clusters[-(k + 1)] = ev
        neighbours: dict[int, set[int]] = {c: set() for c in clusters}
        vecs = np.vstack([it.vector for it in items]).astype(np.float32)
        found = self._index.search_many(vecs, CANDIDATES)
        for k in range(len(items)):
            for ev_id, cos in found[k]:
                if cos >= MIN_CANDIDATE_COSINE:
                    neighbours[-(k + 1)].add(ev_id)
        for start in range(0, len(items) if len(items) > 1 else 0, BATCH_BLOCK):
            sims = vecs[start : start + BATCH_BLOCK] @ vecs.T
            for r in range(sims.shape[0]):
                k = start + r
                sims[r, k] = -1.0
                top = np.argpartition(-sims[r], min(CANDIDATES, len(items) - 1) - 1)[:CANDIDATES]
                for j in top:
                    if sims[r, j] >= MIN_CANDIDATE_COSINE:
                        neighbours[-(k + 1)].add(-(int(j) + 1))
                        neighbours[-(int(j) + 1)].add(-(k + 1))
        version: dict[int, int] = {}

        def node(c: int) -> EventAggregate:
            return clusters[c] if c < 0 else self._events[c]

        def score(a: int, b: int) -> float:
            pa, pb = node(a).profile(), node(b).profile()
            return _probability(pa, pb, float(np.dot(pa.centroid, pb.centroid)), combine=max)

        heap: list[tuple[float, int, int, int, int]] = []
        for a, nbs in neighbours.items():
            for b in nbs:
                if a < 0 and (b > 0 or a > b):  # each pair once (stored events only on the b side)
                    p = score(a, b)
                    if p >= JOIN_PROBABILITY:
                        heapq.heappush(heap, (-p, a, b, 0, 0))
        parent: dict[int, int] = {}
        while heap:
            neg_p, a, b, va, vb = heapq.heappop(heap)
            if a in parent or b in parent:
                continue
            if version.get(a, 0) != va or version.get(b, 0) != vb:
                p = score(a, b)
                if p >= JOIN_PROBABILITY:
                    heapq.heappush(heap, (-p, a, b, version.get(a, 0), version.get(b, 0)))
                continue
            # Merge b into a, or the provisional cluster into the stored event.
            keep, gone = (b, a) if b > 0 else (max(a, b), min(a, b))
            node(keep).absorb(clusters[gone])
            parent[gone] = keep
            version[keep] = version.get(keep, 0) + 1
            merged_nbs = (neighbours.pop(gone, set()) | neighbours.get(keep, set())) - {keep, gone}
            if keep < 0:
                neighbours[keep] = merged_nbs
            for other in merged_nbs:
                other = _resolve(parent, other)
                if other == keep or (other > 0 and keep > 0):
                    continue
                if other < 0 and keep < 0:
                    neighbours.setdefault(other, set()).add(keep)
                # A stored event is always the second member of a pair.
                x, y = (other, keep) if keep > 0 else (keep, other)
                p = score(x, y)
                if p >= JOIN_PROBABILITY:
                    heapq.heappush(heap, (-p, x, y, version.get(x, 0), version.get(y, 0)))
        # Articles left alone: attach each to its best multi-article cluster
        # when the article model gives at least RESCUE_PROBABILITY.
        if RESCUE_PROBABILITY < JOIN_PROBABILITY:
            for k in range(len(items)):
                c = -(k + 1)
                if c in parent or clusters[c].n != 1:
                    continue
                best, best_p = 0, RESCUE_PROBABILITY
                for other in {_resolve(parent, o) for o in neighbours.get(c, set())} - {c}:
                    if node(other).n < 2:
                        continue
                    p = sigmoid(pair_logit(clusters[c].profile(), node(other).profile()))
                    if p >= best_p:
                        best, best_p = other, p
                if best:
                    node(best).absorb(clusters[c])
                    parent[c] = best
        # Provisional clusters left become new events, numbered in batch order.
        final: dict[int, int] = {}
        out = []
        for k in range(len(items)):
            root = _resolve(parent, -(k + 1))
            if root > 0:
                self._index.upsert(root, self._events[root].unit(), n=self._events[root].n)
                self._dirty.add(root)
            elif root not in final:
                ev_id = self._new_event()
                ev = clusters[root]
                ev.id = ev_id
                self._events[ev_id] = ev
                self._index.upsert(ev_id, ev.unit(), n=ev.n)
                self._dirty.add(ev_id)
                final[root] = ev_id
            out.append(root if root > 0 else final[root])
        return out

    def _merge_pass(self, touched: set[int]) -> dict[int, int]:
        alias: dict[int, int] = {}
        queue = sorted(e for e in touched if e in self._events)
        # Neighbours of all touched events in one index call; an event changed
        # by a merge is searched again.
        found = self._index.search_many(
            np.vstack([self._events[e].unit() for e in queue]) if queue else np.zeros((0, DIM), np.float32),
            MERGE_CANDIDATES + 1,
        )
        first_search = {e: [other for other, _ in hits] for e, hits in zip(queue, found, strict=True)}
        changed: set[int] = set()
        while queue:
            ev_id = queue.pop(0)
            ev_id = _resolve(alias, ev_id)
            if ev_id not in self._events:
                continue
            ev = self._events[ev_id]
            prof = ev.profile()
            if ev_id in first_search and ev_id not in changed:
                neighbours = first_search[ev_id]
            else:
                neighbours = [other for other, _ in self._index.search(prof.centroid, MERGE_CANDIDATES + 1)]
            for other_id in neighbours:
                if other_id == ev_id or other_id not in self._events or self._kept_apart(ev_id, other_id):
                    continue
                other = self._events[other_id].profile()
                cos = float(np.dot(prof.centroid, other.centroid))
                if cos < MIN_CANDIDATE_COSINE:
                    continue
                p = _probability(prof, other, cos, combine=_mean)
                if p >= MERGE_PROBABILITY:
                    kept, absorbed = min(ev_id, other_id), max(ev_id, other_id)
                    self._merge(kept, absorbed)
                    alias[absorbed] = kept
                    changed.add(kept)
                    queue.append(kept)
                    break
        return {k: _resolve(alias, k) for k in alias}

    def _link_short(self, touched: set[int]) -> None:
        """Merge touched events of short items with neighbours whose items agree on average.

        An event of headlines has no profile to speak of: one-sentence
        embeddings, near-empty entity and word tables, so a headline's
        probability against the event's centroid stays low even when it
        matches every headline in it.  Here the link between two short
        events (mean brevity of their articles, ``model.brevity``, above
        SHORT_LINK_BREVITY: shorter than full articles) is the mean article-pair probability over their
        remembered articles (at most SHORT_LINK_SAMPLE of each, the earliest
        by arrival): average linkage over the learned pair probability.
        Best link first, until none reaches SHORT_LINK_PROBABILITY; a merge
        keeps the older id and is recorded like any merge.
        """
        profiles: dict[str, Profile] = {}

        def short(ev_id: int) -> bool:
            ev = self._events[ev_id]
            return ev.n > 0 and brevity(ev.tokens / ev.n) > SHORT_LINK_BREVITY

        def sample(ev_id: int) -> list[Profile]:
            ids = sorted(self._recent.members(ev_id), key=lambda a: _arrival_key(self._recent.features(a)))
            out = []
            for aid in ids[:SHORT_LINK_SAMPLE]:
                if aid not in profiles:
                    profiles[aid] = profile_of(self._recent.features(aid))
                out.append(profiles[aid])
            return out

        def link(a: int, b: int) -> float:
            sa, sb = sample(a), sample(b)
            if not sa or not sb:
                return 0.0
            total = 0.0
            for x in sa:
                for y in sb:
                    total += _probability(x, y, float(np.dot(x.centroid, y.centroid)), combine=_mean)
            return total / (len(sa) * len(sb))

        def push(heap: list[tuple[float, int, int]], ev_id: int) -> None:
            ev = self._events[ev_id]
            for other, cos in self._index.search(ev.unit(), MERGE_CANDIDATES + 1):
                if (
                    other != ev_id and other in self._events and cos >= MIN_CANDIDATE_COSINE
                    and short(other) and not self._kept_apart(ev_id, other)
                ):  # fmt: skip
                    a, b = min(ev_id, other), max(ev_id, other)
                    p = link(a, b)
                    if p >= SHORT_LINK_PROBABILITY:
                        heapq.heappush(heap, (-p, a, b))

        heap: list[tuple[float, int, int]] = []
        for ev_id in sorted(e for e in touched if e in self._events and short(e)):
            push(heap, ev_id)
        while heap:
            _, a, b = heapq.heappop(heap)
            if a not in self._events or b not in self._events:
                continue  # one side was merged since: its kept event was pushed again
            self._merge(a, b)
            push(heap, a)

    def _refine(self, touched: set[int], batch_ids: set[str]) -> None:
        """Move recent articles of earlier batches to an event that now suits them better.

        An article seen before the rest of its event had arrived joined the
        nearest event of its kind, or stayed alone; once its own event has
        formed, the article model prefers it.  Candidates are the events the
        batch touched (only they changed), scored only when within
        REFINE_COSINE_GAP of the cosine to the article's own event without
        it.  An article moves when the best candidate reaches
        JOIN_PROBABILITY and beats its own event (without it) by MOVE_MARGIN;
        an article alone in its event takes the event with it, as a recorded
        merge that keeps the older id.
        """
        touched = {e for e in touched if e in self._events}
        # The batch's own articles were placed by best-first merging with the
        # whole batch in view; re-scoring them too lowers the at-once
        # partition (ECB+ dev B-cubed F1 0.954 -> 0.948).
        ids = [aid for aid in self._recent if not self._recent.is_pinned(aid) and aid not in batch_ids]
        if not ids or not touched:
            return
        vecs = np.vstack([self._recent.features(aid).vector for aid in ids]).astype(np.float32)
        # Cosine to the article's own event without the article (a lone
        # article's is -1: any neighbour may take it).
        rest = np.vstack([self._events[self._recent.event(aid)].sum for aid in ids]) - vecs
        norms = np.linalg.norm(rest, axis=1)
        own_cos = np.where(norms > 1e-9, np.einsum("ij,ij->i", vecs, rest) / np.maximum(norms, 1e-9), -1.0)
        floor = np.maximum(own_cos - REFINE_COSINE_GAP, MIN_CANDIDATE_COSINE)
        t_ids = sorted(touched)
        t_cos = vecs @ np.vstack([self._events[e].unit() for e in t_ids]).T
        for k, aid in enumerate(ids):
            ev_id = self._recent.event(aid)
            cands = {t_ids[j] for j in np.flatnonzero(t_cos[k] >= floor[k])}
            cands = {e for e in cands if e != ev_id and e in self._events}
            if cands:
                self._reconsider(aid, cands)

    def _reconsider(self, aid: str, candidates: set[int]) -> None:
        item = self._recent.features(aid)
        ev_id = self._recent.event(aid)
        ev = self._events[ev_id]
        article = profile_of(item)
        alone = ev.n < 2
        if not alone:
            ev.add(item, -1)
        p_own = 0.0 if alone else sigmoid(pair_logit(article, ev.profile()))
        best, best_p = 0, max(JOIN_PROBABILITY, p_own + MOVE_MARGIN)
        for other in sorted(candidates):
            p = sigmoid(pair_logit(article, self._events[other].profile()))
            if p >= best_p:
                best, best_p = other, p
        if not best:
            if not alone:
                ev.add(item, +1)
            return
        if alone:
            if not self._kept_apart(ev_id, best):
                self._merge(min(ev_id, best), max(ev_id, best))
            return
        self._index.upsert(ev_id, ev.unit(), n=ev.n)
        self._dirty.add(ev_id)
        self._add(best, item, +1)
        self._recent.remember(item, best)
        self._moved[aid] = best

    def _resplit(self, touched: set[int], batch_ids: set[str]) -> None:
        """Split touched events whose articles, clustered again on their own, form several events.

        Only events whose every article is still in memory qualify (their
        features are needed), and never one holding articles a split placed.
        The largest part keeps the event's id; each other part of at least
        RESPLIT_MIN_PART articles becomes a new event, linked into a
        storyline like any new event and recorded in :attr:`splits`.
        """
        rank: dict[str, int] | None = None  # recency of each remembered article, built on first need
        for ev_id in sorted(touched):
            ev = self._events.get(ev_id)
            if ev is None or ev.n < max(RESPLIT_MIN_EVENT, RESPLIT_GROWTH * self._resplit_at.get(ev_id, 0)):
                continue
            self._resplit_at[ev_id] = ev.n
            members = self._recent.members(ev_id)
            if len(members) != ev.n or any(self._recent.is_pinned(aid) for aid in members):
                continue
            items = sorted((self._recent.features(aid) for aid in members), key=_arrival_key)
            labels = OnlineClusterer(recent=0)._partition(items)
            sizes = Counter(labels)
            if len(sizes) < 2:
                continue
            # The biggest part keeps the id; on a tie, the part holding the
            # event's earliest article seen, so that the event stays what it
            # was first.
            if rank is None:
                rank = {aid: k for k, aid in enumerate(self._recent)}
            first: dict[int, int] = {}
            for item, lab in zip(items, labels, strict=True):
                first[lab] = min(first.get(lab, len(rank)), rank[item.id])
            parts = sorted(sizes, key=lambda lab: (-sizes[lab], first[lab]))
            new_ids = []
            for label in parts[1:]:
                size = sizes[label]
                if size < RESPLIT_MIN_PART:
                    continue
                new_id = self._new_event()
                new_ids.append(new_id)
                for item, lab in zip(items, labels, strict=True):
                    if lab == label:
                        self._move(item, ev_id, new_id)
                        if item.id not in batch_ids:
                            self._moved[item.id] = new_id
                self._splits.append((ev_id, new_id))
            self._link_storylines(new_ids)

    def _partition(self, items: list[ArticleFeatures]) -> list[int]:
        """Event ids for ``items`` clustered together, at once, as a fresh clusterer would."""
        fresh = OnlineClusterer(recent=len(items))
        cluster_of = fresh._agglomerate(items)
        alias = fresh._merge_pass(set(cluster_of))
        for item, c in zip(items, cluster_of, strict=True):
            fresh._recent.remember(item, alias.get(c, c))
        fresh._link_short({alias.get(c, c) for c in cluster_of})
        return [fresh._recent.event(item.id) for item in items]

    def _kept_apart(self, a: int, b: int) -> bool:
        return b in self._events[a].apart or a in self._events[b].apart

    def _link_storylines(self, created: list[int]) -> None:
        if not created:
            return
        # Linking changes no centroid, so one batched search serves all events.
        found = self._index.search_many(
            np.vstack([self._events[e].unit() for e in created]), MERGE_CANDIDATES + 1
        )
        for ev_id, hits in zip(created, found, strict=True):
            ev = self._events[ev_id]
            prof = ev.profile()
            candidates = [
                (other_id, self._events[other_id].storyline_id, self._events[other_id].profile(), cos)
                for other_id, cos in hits
                if other_id != ev_id and other_id in self._events
            ]
            sid = best_storyline(prof, candidates)
            if sid is None:
                sid = self._next_storyline
                self._next_storyline += 1
            if ev.storyline_id != sid:
                if ev.storyline_id > 0:
                    self._storyline_changes.append((ev_id, ev.storyline_id, sid))
                ev.storyline_id = sid
                self._dirty.add(ev_id)

    # -- mutations -------------------------------------------------------------

    def _new_event(self) -> int:
        ev_id = self._next_event
        self._next_event += 1
        # Storyline 0 = not linked yet; set by _link_storylines before returning.
        self._events[ev_id] = EventAggregate(ev_id, 0)
        return ev_id

    def _move(self, item: ArticleFeatures, source: int, target: int, *, pin: bool = False) -> None:
        self._add(source, item, -1)
        self._add(target, item, +1)
        self._recent.remember(item, target, pin=pin)

    def _add(self, ev_id: int, item: ArticleFeatures, sign: int = 1) -> None:
        ev = self._events[ev_id]
        ev.add(item, sign)
        self._index.upsert(ev_id, ev.unit(), n=ev.n)
        self._dirty.add(ev_id)

    def _drop_event(self, ev_id: int) -> None:
        del self._events[ev_id]
        self._resplit_at.pop(ev_id, None)
        self._index.remove(ev_id)
        self._dirty.discard(ev_id)

    def _merge(self, kept: int, absorbed: int) -> None:
        self._events[kept].absorb(self._events[absorbed])
        if self._events[kept].storyline_id == 0:
            self._events[kept].storyline_id = self._events[absorbed].storyline_id
        self._index.upsert(kept, self._events[kept].unit(), n=self._events[kept].n)
        self._drop_event(absorbed)
        self._dirty.add(kept)
        self._absorbed_into[absorbed] = kept
        self._recent.merged(kept, absorbed)
        # Events born and merged inside one batch were never visible outside.
        if absorbed in self._before:
            self._removed.add(absorbed)
            self._merges.append((kept, absorbed))


def _mean(x: float, y: float) -> float:
    return 0.5 * (x + y)


def _probability(a: Profile, b: Profile, cos: float, *, combine: Callable[[float, float], float]) -> float:
    """Probability that two clusters are one event.

    The scorer is asymmetric (its first side is "the article").  A single
    article against a group is scored in that direction only, as trained;
    otherwise both directions are scored and combined (max for provisional
    clusters of a batch, mean for the stricter merge of stored events:
    each tuned on ECB+ dev).
    """
    if a.n == 1 and b.n > 1:
        return sigmoid(pair_logit(a, b, cosine=cos))
    if b.n == 1 and a.n > 1:
        return sigmoid(pair_logit(b, a, cosine=cos))
    return combine(sigmoid(pair_logit(a, b, cosine=cos)), sigmoid(pair_logit(b, a, cosine=cos)))


def _arrival_key(item: ArticleFeatures) -> tuple[bool, int, str]:
    """Publication order, then id: what a batch is processed in, whatever its input order."""
    return (item.day is None, item.day or 0, item.id)


def _resolve(alias: dict[int, int], ev_id: int) -> int:
    while ev_id in alias:
        ev_id = alias[ev_id]
    return ev_id


def _validated(items: Sequence[ArticleFeatures]) -> list[ArticleFeatures]:
    out = []
    for item in items:
        if not isinstance(item, ArticleFeatures):
            raise TypeError(f"assign() takes ArticleFeatures, got {type(item).__name__}")
        if item.vector.shape != (DIM,):
            raise ValueError(f"article {item.id!r}: vector must have shape ({DIM},), got {item.vector.shape}")
        out.append(item)
    return out
