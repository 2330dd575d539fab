"""Stage 9, analyse: everything inside a storyline, and one view per event.

Reads a :class:`StoryBatch` (its articles, sentence vectors and the
provenance stage's relations); writes ``StoryBatch.views``: for each event,
its entities, quotes, quantities, timeline (storyline-wide), summary,
discrepancies and unique claims, with the provenance of its articles.  Its
state is the run's NER cache (what the cluster stage's reversal split
already tagged is not tagged again).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..models import Models
from ..nlp.ner import MentionCache
from ..types import StoryBatch
from .story import analyse_storyline, view_for_event

__all__ = ["AnalyseState", "run"]


@dataclass(slots=True)
class AnalyseState:
    mentions: MentionCache = field(default_factory=MentionCache)


def run(story: StoryBatch, state: AnalyseState, *, models: Models) -> tuple[StoryBatch, None]:
    if not story.articles:
        return story, None
    full = analyse_storyline(
        story.articles, story.sentence_vectors, encoder=models.encoder, mention_cache=state.mentions
    )
    full.relations = list(story.relations)
    full.original_share = dict(story.original_share)
    full.unique_sentences = dict(story.unique_sentences)
    for ev in story.events:
        story.views[ev.id] = view_for_event(full, story.articles, story.sentence_vectors, ev.id)
    return story, None
