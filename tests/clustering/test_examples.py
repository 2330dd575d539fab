"""Gate on the bundled example corpus (examples/gold.json): 39 articles in five
languages, 10 events, 8 storylines, with two earthquakes a few days apart and two
verdicts on the same day that must stay apart, and a denial -> confirmation and an
indictment -> verdict that must share a storyline.  Articles go through the real
ingest and extraction stages, so this also checks what clustering gets from them."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from storyline.clustering import ArticleFeatures, OnlineClusterer, article_features
from storyline.embedding import embed_article
from storyline.ingest import read_inputs
from storyline.nlp.encoder import get_encoder
from storyline.types import RawDocument


def example_features(examples_dir: Path) -> list[tuple[str, ArticleFeatures]]:
    from storyline.extraction import extract_document
    from storyline.pipeline import build_article

    if not (examples_dir / "gold.json").is_file():
        pytest.skip("example corpus not found")
    raws = [r for r in read_inputs([examples_dir]) if isinstance(r, RawDocument)]
    out = []
    encoder = get_encoder()
    for raw in raws:
        art = build_article(raw, extract_document(raw))
        mat = encoder.encode(([art.title] if art.title else []) + art.sentences)
        title_vec = mat[0] if art.title else None
        vec = embed_article(art.title, mat[1:] if art.title else mat, title_vec)
        out.append((raw.source_id, article_features(art, vec)))
    return out


def gold_partitions(examples_dir: Path) -> tuple[set[frozenset[str]], set[frozenset[str]]]:
    gold = json.loads((examples_dir / "gold.json").read_text(encoding="utf-8"))
    events = {e: frozenset(v["articles"]) for e, v in gold["events"].items()}
    storylines = {frozenset(a for e in s["events"] for a in events[e]) for s in gold["storylines"].values()}
    return set(events.values()), storylines


def partitions(source_of: dict[str, str], assignments: list, clusterer: OnlineClusterer) -> tuple[set, set]:
    alias = {absorbed: kept for kept, absorbed in clusterer.merges}
    storyline_of = {e.id: e.storyline_id for e in clusterer.events}
    ev: dict[int, set[str]] = {}
    st: dict[int, set[str]] = {}
    for a in assignments:
        e = a.event_id
        while e in alias:
            e = alias[e]
        ev.setdefault(e, set()).add(source_of[a.article_id])
        st.setdefault(storyline_of[e], set()).add(source_of[a.article_id])
    return {frozenset(v) for v in ev.values()}, {frozenset(v) for v in st.values()}


@pytest.mark.slow
def test_example_corpus_events_and_storylines(examples_dir: Path) -> None:
    feats = example_features(examples_dir)
    source_of = {f.id: sid for sid, f in feats}
    gold_events, gold_storylines = gold_partitions(examples_dir)
    items = [f for _, f in feats]

    at_once = OnlineClusterer()
    events, storylines = partitions(source_of, at_once.assign(items), at_once)
    assert events == gold_events
    assert storylines == gold_storylines

    # Streamed in a random order, in two batches: the same events.
    rng = random.Random(3)
    rng.shuffle(items)
    streamed = OnlineClusterer()
    half = len(items) // 2
    result = streamed.assign(items[:half]) + streamed.assign(items[half:])
    events2, _ = partitions(source_of, result, streamed)
    assert events2 == gold_events
