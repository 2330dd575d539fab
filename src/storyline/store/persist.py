"""Stage 8, store: a batch's articles and the cluster stage's outcome, persisted.

The orchestrator runs it inside ``Store.write_batch``: the whole batch is one
transaction, so a crash mid-batch stores none of it.  Within it, the order
still keeps every intermediate state consistent:

1. merges first, so every article row written afterwards points at a live event;
2. each article with the row of its event (and storyline), so
   an article never exists without its event; then the stored articles' facts;
3. the other events the batch changed, and the stored articles the clusterer
   moved, in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..faults import checkpoint
from ..types import Batch, ClusterOutcome, StorylineRecord
from .base import Store

__all__ = ["Saved", "persist"]


@dataclass(slots=True)
class Saved:
    added: list[tuple[str, str, int]] = field(default_factory=list)  # (article id, source id, event id)
    touched_events: set[int] = field(default_factory=set)


def persist(batch: Batch, outcome: ClusterOutcome, store: Store) -> Saved:
    saved = Saved()
    rows = {e.id: e for e in outcome.events}
    if outcome.merges:
        store.save_events(
            [rows[k] for k, _ in outcome.merges if k in rows],
            merges=outcome.merges,
            storylines=outcome.merged_storylines,
        )
        saved.touched_events.update(k for k, _ in outcome.merges)
    stored_ids: list[str] = []
    for a in batch.articles:
        ev = rows.get(a.event_id) if a.event_id is not None else None
        stored = store.save_article(
            a,
            vector=batch.article_vectors.get(a.id),
            sentence_vectors=batch.sentence_vectors.get(a.id),
            minhash=batch.minhashes[a.id].tobytes() if a.id in batch.minhashes else None,
            duplicate_of=batch.duplicate_of.get(a.id),
            events=[ev] if ev is not None else [],
            storylines=[StorylineRecord(ev.storyline_id, ev.title)] if ev is not None else [],
        )
        checkpoint("article")
        if stored:
            stored_ids.append(a.id)
        if stored and a.event_id is not None:
            saved.added.append((a.id, a.source_id, a.event_id))
            saved.touched_events.add(a.event_id)
    # The facts of the articles just stored (in the batch's transaction; an article stored
    # without facts by an older version gets them when analysis reads it).
    store.save_facts(batch.facts[i] for i in stored_ids if i in batch.facts)
    if outcome.events or outcome.moves:
        store.save_events(outcome.events, storylines=outcome.storylines, moves=outcome.moves)
        saved.touched_events.update(rows)
        saved.touched_events.update(outcome.moves.values())
    return saved
