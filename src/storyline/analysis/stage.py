"""Stage 10, analyse: everything inside a storyline, and one view per event.

Reads a :class:`StoryBatch` (its articles, sentence vectors and the
provenance stage's relations); writes ``StoryBatch.views``: for each event,
its entities, quotes, quantities, timeline (storyline-wide), summary,
discrepancies and unique claims, with the provenance of its articles.  It
reads each article's stored facts (``StoryBatch.facts``: NER mentions and
quantities) and computes only those missing or stale, handing them back in
``StoryBatch.new_facts`` for the store to keep.  Its state is the run's NER
cache (what the cluster stage's reversal split already tagged is not tagged
again).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..models import Models
from ..nlp.ner import MentionCache
from ..types import StoryBatch
from .facts import current_facts
from .story import analyse_storyline, view_for_event

__all__ = ["AnalyseState", "run"]


@dataclass(slots=True)
class AnalyseState:
    mentions: MentionCache = field(default_factory=MentionCache)


def run(story: StoryBatch, state: AnalyseState, *, models: Models) -> tuple[StoryBatch, None]:
    if not story.articles:
        return story, None
    facts, story.new_facts = current_facts(story.articles, story.facts, cache=state.mentions)
    full = analyse_storyline(
        story.articles, story.sentence_vectors, encoder=models.encoder, mention_cache=state.mentions,
        facts=facts,
    )  # fmt: skip
    full.relations = list(story.relations)
    full.original_share = dict(story.original_share)
    full.unique_sentences = dict(story.unique_sentences)
    for ev in story.events:
        story.views[ev.id] = view_for_event(full, story.articles, story.sentence_vectors, ev.id)
    return story, None
