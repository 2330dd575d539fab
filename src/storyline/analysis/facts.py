"""Stage 7, facts: what analysis needs of each new article and can compute from it alone.

An article's NER mentions (the model's, per sentence) and its quantities do not
depend on the story it joins, so they are computed once, when the article is
ingested, and stored beside it (``article_facts``); analysing a story reads
them instead of running NER and the quantity rules over every article again.
What *does* depend on the story (the gazetteer names of other languages,
quote grouping, entities, the timeline, discrepancies) is derived from them.

Facts carry a version (:func:`facts_version`): the rules' number here and the
installed NER models' versions.  Facts of another version are stale: analysis
recomputes them when it reads them (and hands them back for the store to keep),
and :func:`refresh_facts` recomputes them over a whole store, for a
``reanalyse`` command.
"""

from __future__ import annotations

import functools
import importlib.metadata
from collections.abc import Iterable
from typing import Any

from ..models import Models
from ..nlp.entities import model_mentions
from ..nlp.ner import SPACY_MODELS, Mention, MentionCache
from ..nlp.quantities import extract_quantities
from ..store.base import Store
from ..types import Article, ArticleFacts, Batch

__all__ = [
    "FACTS_RULES",
    "facts_version",
    "compute_facts",
    "current_facts",
    "mentions_of",
    "refresh_facts",
    "run",
]

#: Bump when the facts' rules change (what ``model_mentions`` or ``extract_quantities`` return
#: for an unchanged article): every stored fact of an older number is then stale.
FACTS_RULES = 1
#: Articles whose facts :func:`refresh_facts` recomputes in one go: one NER batch per language
#: amortises the model's call overhead, and a chunk's texts stay a few MB.
REFRESH_CHUNK = 256


@functools.lru_cache(maxsize=1)
def facts_version() -> str:
    """The version stored facts must carry to be current: the rules and the NER models installed."""
    parts = [f"rules{FACTS_RULES}"]
    for name in [*sorted(SPACY_MODELS.values()), "natasha"]:
        try:
            parts.append(f"{name}={importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            parts.append(f"{name}=none")  # (a missing model means the fallback: other facts)
    return ";".join(parts)


def compute_facts(articles: list[Article], *, cache: MentionCache | None = None) -> dict[str, ArticleFacts]:
    """The facts of ``articles`` (NER batched per language; ``cache`` skips sentences it holds)."""
    found = model_mentions(articles, cache=cache)
    version = facts_version()
    return {
        a.id: ArticleFacts(
            article_id=a.id,
            version=version,
            mentions=[[(m.text, m.label, m.start, m.end) for m in ms] for ms in found[a.id]],
            quantities=extract_quantities(a),
        )
        for a in articles
    }


def current_facts(
    articles: list[Article], stored: dict[str, ArticleFacts], *, cache: MentionCache | None = None
) -> tuple[dict[str, ArticleFacts], dict[str, ArticleFacts]]:
    """``(facts of every article, those that had to be computed)``: stored facts of the current
    version are read as they are, missing or stale ones are computed (lazily, here)."""
    version = facts_version()
    fresh = {a.id: stored[a.id] for a in articles if a.id in stored and stored[a.id].version == version}
    todo = [a for a in articles if a.id not in fresh]
    new = compute_facts(todo, cache=cache) if todo else {}
    return {a.id: fresh.get(a.id) or new[a.id] for a in articles}, new


def mentions_of(facts: dict[str, ArticleFacts]) -> dict[str, list[list[Mention]]]:
    return {aid: [[Mention(*m) for m in ms] for ms in f.mentions] for aid, f in facts.items()}


def refresh_facts(
    store: Store, *, article_ids: Iterable[str] | None = None, cache: MentionCache | None = None
) -> int:
    """Recompute and store the facts of the articles (all of the store's by default) whose stored
    facts are missing or of another version; returns how many were recomputed.  The story views
    are not touched: re-analysing them reads the fresh facts."""
    ids = list(article_ids) if article_ids is not None else store.article_ids()
    done = 0
    for k in range(0, len(ids), REFRESH_CHUNK):
        chunk = ids[k : k + REFRESH_CHUNK]
        stored = store.facts_of(chunk)
        version = facts_version()
        stale = [i for i in chunk if i not in stored or stored[i].version != version]
        articles = [a for a in (store.get_article(i) for i in stale) if a is not None]
        if articles:
            store.save_facts(list(compute_facts(articles, cache=cache).values()))
            done += len(articles)
    return done


def run(batch: Batch, state: Any, *, models: Models) -> tuple[Batch, None]:
    """The batch's new articles' facts; ``state`` is the analyse state (its NER cache holds what
    the cluster stage's reversal split already tagged)."""
    del models  # (NER models load themselves; the encoder is not needed here)
    if batch.articles:
        batch.facts = compute_facts(batch.articles, cache=state.mentions if state is not None else None)
    return batch, None
