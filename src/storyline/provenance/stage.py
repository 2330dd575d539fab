"""Stage 9, provenance: who copied whom inside each event of a storyline.

Reads ``StoryBatch.articles`` and ``StoryBatch.sentence_vectors``; writes
``StoryBatch.relations`` (duplicate, wire copy, rewrite, translation, shared
quotes, with direction and confidence), ``original_share`` and
``unique_sentences``.  Articles are compared only within their event.
"""

from __future__ import annotations

from collections import defaultdict

from ..models import Models
from ..types import Article, StoryBatch
from .relations import relate_articles

__all__ = ["run"]


def run(story: StoryBatch, state: None, *, models: Models) -> tuple[StoryBatch, None]:
    del models  # (alignment reads the stored sentence vectors)
    groups: dict[int | None, list[Article]] = defaultdict(list)
    for a in story.articles:
        groups[a.event_id].append(a)
    for group in groups.values():
        if len(group) < 2:
            continue
        vectors = {a.id: story.sentence_vectors[a.id] for a in group if a.id in story.sentence_vectors}
        res = relate_articles(group, vectors)
        story.relations.extend(res.relations)
        story.original_share.update(res.original_share)
        story.unique_sentences.update(res.unique_sentences)
    return story, None
