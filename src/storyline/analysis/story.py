"""The analysis stage: everything inside a storyline, and the view of one of its events.

``analyse_storyline`` runs once per storyline (all its events): NER once per
distinct sentence (batched per language, cached), then entities, quotes,
quantities, claims, the storyline's timeline, discrepancies (reversals need
several events) and unique claims.  Provenance relations come from the
provenance stage (:mod:`storyline.provenance.stage`), which runs before.

``view_for_event`` narrows that to one event: its articles' quotes,
quantities, relations and discrepancies -- reversals touching the event stay,
so both the "denied" and the "confirmed" event show them -- the storyline's
whole timeline, and the event's own extractive summary.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from storyline.analysis.discrepancies import find_discrepancies, quantity_texts, quantity_vectors
from storyline.analysis.facts import mentions_of
from storyline.analysis.summary import summarise_event
from storyline.analysis.timeline import build_timeline
from storyline.nlp.claims import check_story_vectors, extract_claims, unique_claims
from storyline.nlp.encoder import Encoder
from storyline.nlp.entities import build_entities, sentence_mentions
from storyline.nlp.ner import MentionCache
from storyline.nlp.quantities import extract_quantities
from storyline.nlp.quotes import extract_quotes, group_quotes
from storyline.types import Article, ArticleFacts, Discrepancy, Entity, Quantity, Quote, StoryAnalysis

__all__ = ["analyse_storyline", "view_for_event"]


def _validate(articles: list[Article], vectors: dict[str, np.ndarray]) -> None:
    if not isinstance(articles, list):
        raise TypeError(f"articles must be a list of Article, not {type(articles).__name__}")
    if not isinstance(vectors, dict):
        raise TypeError(f"vectors must be a dict of article id -> array, not {type(vectors).__name__}")
    ids = [a.id for a in articles if isinstance(a, Article)]
    if len(set(ids)) != len(ids):
        raise ValueError(f"duplicate article ids: {sorted({i for i in ids if ids.count(i) > 1})}")
    check_story_vectors(articles, vectors)


def analyse_storyline(
    articles: list[Article],
    vectors: dict[str, np.ndarray],
    *,
    encoder: Encoder,
    mention_cache: MentionCache | None = None,
    facts: dict[str, ArticleFacts] | None = None,
) -> StoryAnalysis:
    """Entities, quotes, quantities, timeline, discrepancies and unique claims of one storyline.

    ``vectors`` maps each article id to its (n_sentences, dim) L2-normalised
    sentence vectors (rows aligned with ``article.sentences``); ``encoder``
    embeds what those do not cover (quotations, counted nouns, clauses);
    ``mention_cache`` keeps NER results the caller may reuse (see
    :class:`~storyline.nlp.ner.MentionCache`); ``facts`` are the articles'
    per-article facts (their NER mentions and quantities, see
    :mod:`storyline.analysis.facts`), read instead of computed for the articles
    they cover: the result is the same.  The summary is per event: see
    :func:`view_for_event`.
    """
    _validate(articles, vectors)
    out = StoryAnalysis()
    if not articles:
        return out
    known = facts or {}
    mentions = sentence_mentions(
        articles, cache=mention_cache, known=mentions_of({a.id: known[a.id] for a in articles if a.id in known})
    )
    out.entities = build_entities(articles, mentions=mentions)
    quote_mentions = [m for a in articles for m in extract_quotes(a, mentions=mentions[a.id])]
    out.quantities = [
        q for a in articles for q in (_copies(known[a.id].quantities) if a.id in known else extract_quantities(a))
    ]
    # One encoder call for quotations, counted nouns and number phrases: each call has a fixed
    # cost (~0.2 s measured on this machine) that dominates these short texts.
    full = [m.text for m in quote_mentions if not m.fragment]
    words, phrases = quantity_texts(out.quantities)
    vecs = encoder.encode(full + words + phrases) if full or words or phrases else None
    out.quotes = group_quotes(quote_mentions, vectors=vecs[: len(full)] if vecs is not None else None)
    quantity_vecs = quantity_vectors(out.quantities, vecs[len(full) :]) if vecs is not None else None
    claims = [c for a in articles for c in extract_claims(a, mentions=mentions[a.id])]
    out.timeline = build_timeline(articles, vectors, encoder=encoder)
    out.discrepancies = find_discrepancies(
        articles, vectors, quantities=out.quantities, quotes=out.quotes, entities=out.entities,
        claims=claims, mentions=mentions, quantity_vecs=quantity_vecs, encoder=encoder,
    )  # fmt: skip
    out.unique_claims = unique_claims(articles, vectors)
    return out


def _copies(quantities: list[Quantity]) -> list[Quantity]:
    # Detectors key quantities by identity (``id(q)``): each analysis gets records of its own.
    return [replace(q) for q in quantities]


def _touches(d: Discrepancy, ids: set[str]) -> bool:
    return any(set(s.articles) & ids for s in d.sides)


def _entities_in(entities: list[Entity], ids: set[str]) -> list[Entity]:
    out = []
    for e in entities:
        mentions = {a: forms for a, forms in e.mentions.items() if a in ids}
        if mentions:
            out.append(Entity(id=e.id, name=e.name, kind=e.kind, mentions=mentions))
    return out


def _quotes_in(quotes: list[Quote], ids: set[str]) -> list[Quote]:
    out = []
    for q in quotes:
        arts = [a for a in q.articles if a in ids]
        para = [a for a in q.paraphrased_in if a in ids]
        if arts or para:
            out.append(
                Quote(speaker=q.speaker, text=q.text, articles=arts,
                      variants={a: v for a, v in q.variants.items() if a in ids}, paraphrased_in=para)
            )  # fmt: skip
    return out


def view_for_event(
    analysis: StoryAnalysis, articles: list[Article], vectors: dict[str, np.ndarray], event_id: int
) -> StoryAnalysis:
    """``analysis`` (of a storyline) narrowed to one event, with that event's summary.

    The timeline stays storyline-wide (an event is read against its
    background); a discrepancy stays when any side cites an article of the
    event (so a reversal shows in both events it spans).
    """
    if not isinstance(analysis, StoryAnalysis):
        raise TypeError(f"analysis must be a StoryAnalysis, not {type(analysis).__name__}")
    members = [a for a in articles if a.event_id == event_id]
    if not members:
        raise ValueError(f"no article of event {event_id} among the {len(articles)} articles given")
    ids = {a.id for a in members}
    view = StoryAnalysis(
        relations=[r for r in analysis.relations if r.from_ in ids and r.to in ids],
        original_share={k: v for k, v in analysis.original_share.items() if k in ids},
        unique_sentences={k: v for k, v in analysis.unique_sentences.items() if k in ids},
        entities=_entities_in(analysis.entities, ids),
        quotes=_quotes_in(analysis.quotes, ids),
        quantities=[q for q in analysis.quantities if q.article in ids],
        timeline=list(analysis.timeline),
        discrepancies=[d for d in analysis.discrepancies if _touches(d, ids)],
        unique_claims={k: v for k, v in analysis.unique_claims.items() if k in ids},
    )
    view.summary = summarise_event(members, {a.id: vectors[a.id] for a in members if a.id in vectors},
                                   max_sentences=5)  # fmt: skip
    return view
