"""Speed of the analysis stage on a 50-article storyline (target: <= 5 s on 2 cores).

    python benchmarks/bench_analysis.py --ecb ecbplus-dev.jsonl [--articles 50] [--repeat 2]

The storyline is built from ECB+ dev: the articles of the largest topics (real
news text, several gold events per topic, so reversals and per-event views are
exercised), up to ``--articles``.  Sentence vectors are computed first -- they
come from the embedding stage, not from analysis -- and the models are warmed
up on a different text, so the timing is the steady state of a worker process.
The NER cache is cleared before every timed run, so NER is paid in full.

Printed: the time of each part (NER, entities, quotes, quantities, claims,
timeline, discrepancies, unique claims, provenance, per-event views with their
summaries) and the total.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

import numpy as np

from storyline.analysis.discrepancies import find_discrepancies
from storyline.analysis.story import analyse_storyline, view_for_event
from storyline.identity import article_id
from storyline.nlp.claims import extract_claims, unique_claims
from storyline.nlp.encoder import get_encoder
from storyline.nlp.entities import build_entities, sentence_mentions
from storyline.nlp.ner import MentionCache
from storyline.nlp.quantities import extract_quantities
from storyline.nlp.quotes import extract_quotes, group_quotes
from storyline.nlp.sentences import split_sentences
from storyline.types import Article


def load_story(path: Path, n: int) -> list[Article]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    sizes = Counter(r["topic"] for r in rows)
    chosen: list[dict] = []
    for topic, _ in sizes.most_common():
        chosen += [r for r in rows if r["topic"] == topic]
        if len(chosen) >= n:
            break
    events = {e: i for i, e in enumerate(sorted({r["event"] for r in chosen[:n]}))}
    out = []
    for r in chosen[:n]:
        text = r["text"]
        out.append(Article(id=article_id(text) + r["id"], source_id=r["id"], text=text, language="en",
                           sentences=split_sentences(text), event_id=events[r["event"]], published=None))  # fmt: skip
    return out


def time_parts(articles: list[Article], vectors: dict[str, np.ndarray]) -> dict[str, float]:
    """Seconds spent in each part of the analysis, run one after the other."""
    parts: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(label: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        parts[label] = now - clock
        clock = now

    mentions = sentence_mentions(articles)
    lap("ner")
    build_entities(articles, mentions=mentions)
    lap("entities")
    qm = [m for a in articles for m in extract_quotes(a, mentions=mentions[a.id])]
    lap("quotes")
    quotes = group_quotes(qm, encoder=get_encoder())
    lap("quote grouping")
    quantities = [q for a in articles for q in extract_quantities(a)]
    lap("quantities")
    claims = [c for a in articles for c in extract_claims(a, mentions=mentions[a.id])]
    lap("claims")
    find_discrepancies(articles, vectors, quantities=quantities, quotes=quotes, entities=[], claims=claims,
                       mentions=mentions, encoder=get_encoder())  # fmt: skip
    lap("discrepancies")
    unique_claims(articles, vectors)
    lap("unique claims")
    return parts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ecb", type=Path, required=True, help="ECB+ dev JSONL (id, topic, event, text)")
    ap.add_argument("--articles", type=int, default=50)
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()

    articles = load_story(args.ecb, args.articles)
    n_sent = sum(len(a.sentences) for a in articles)
    print(f"{len(articles)} articles, {n_sent} sentences, {len({a.event_id for a in articles})} events")
    encoder = get_encoder()
    vectors = {a.id: encoder.encode(a.sentences) for a in articles}

    # Warm-up on other text: model loading is a one-off cost per process.
    warm = Article(id="w", source_id="w", text="Warm-up. John Smith said 3 people died in Paris on Monday.",
                   language="en", event_id=0)  # fmt: skip
    warm.sentences = split_sentences(warm.text)
    analyse_storyline([warm], {"w": encoder.encode(warm.sentences)}, encoder=encoder)

    for run in range(args.repeat):
        t0 = time.perf_counter()
        parts = time_parts(articles, vectors)
        parts_total = time.perf_counter() - t0

        t1 = time.perf_counter()
        analysis = analyse_storyline(articles, vectors, encoder=encoder, mention_cache=MentionCache())
        full = time.perf_counter() - t1
        t2 = time.perf_counter()
        for e in sorted({a.event_id for a in articles if a.event_id is not None}):
            view_for_event(analysis, articles, vectors, e)
        views = time.perf_counter() - t2
        detail = ", ".join(f"{k} {v:.2f}s" for k, v in parts.items())
        print(f"run {run + 1}: parts [{detail}] = {parts_total:.2f}s")
        print(
            f"run {run + 1}: analyse_storyline {full:.2f}s (with timeline, provenance), "
            f"event views with summaries {views:.2f}s, total {full + views:.2f}s; "
            f"{len(analysis.discrepancies)} discrepancies, {len(analysis.quotes)} quotes, "
            f"{len(analysis.quantities)} quantities"
        )


if __name__ == "__main__":
    main()
