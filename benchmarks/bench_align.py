"""Passage alignment and story relations: speed, and the calibration behind the thresholds.

Speed (no model needed; sentence vectors are synthetic, alignment cost does not depend on them):

    python benchmarks/bench_align.py                 # two 1,000-word articles; a 50-article story

Calibration (embeds the data with USE, a few minutes on 2 cores; paths are the public dev sets):

    python benchmarks/bench_align.py --ecb ecbplus-dev.jsonl          # same-event English articles
    python benchmarks/bench_align.py --semeval semeval2022-task8-dev.csv --pairs 250
    python benchmarks/bench_align.py --examples examples/             # relations against gold.json

``--ecb`` prints, over every pair of articles of one ECB+ event (different outlets reporting one
event), the share of sentences that find a partner at several cosines, the copy and ordered-chain
coverage percentiles used by ``relations.py`` and the relation kinds found.  ``--semeval`` prints
the translation chain coverage of cross-lingual pairs by their "Overall" similarity (1 = same
story).  ``--examples`` lists the relations found in the example corpus next to its gold.
"""

from __future__ import annotations

import argparse
import collections
import csv
import itertools
import json
import statistics
import sys
import time
from pathlib import Path

import numpy as np

from storyline.nlp.sentences import split_sentences
from storyline.provenance import relate_articles
from storyline.provenance.align import (
    MIN_EVIDENCE_WORDS,
    _sentence_info,
    align_articles,
    align_sentences,
    cosine_matrix,
    pair_scores,
)
from storyline.provenance.relations import relate_pair
from storyline.types import Article

TARGET_MS = 50.0


def _unit(rng: np.random.Generator, n: int) -> np.ndarray:
    v = rng.normal(size=(n, 512))
    return (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)


def _synthetic_article(aid: str, rng: np.random.Generator, n_sentences: int, words: list[str]) -> Article:
    sents = [" ".join(rng.choice(words, size=20)).capitalize() + "." for _ in range(n_sentences)]
    return Article(id=aid, source_id=aid, text=" ".join(sents), language="fr", sentences=sents)


def bench_speed(reps: int) -> None:
    rng = np.random.default_rng(0)
    words = [f"mot{k}" for k in range(5000)]
    a = _synthetic_article("a", rng, 50, words)  # 50 x 20 = 1,000 words
    b = _synthetic_article("b", rng, 50, words)
    va = _unit(rng, 50)
    # Half of b's sentences paraphrase a's (cosine ~0.9), in order: a realistic amount of work.
    noise = _unit(rng, 50)
    vb = _unit(rng, 50)
    vb[::2] = va[::2] + 0.45 * noise[::2]
    vb /= np.linalg.norm(vb, axis=1, keepdims=True)
    align_articles(a, b, va, vb)
    times = []
    for _ in range(reps):
        _sentence_info.cache_clear()  # time the cold case: sentences parsed for the first time
        t = time.perf_counter()
        align_articles(a, b, va, vb)
        times.append((time.perf_counter() - t) * 1e3)
    med = statistics.median(times)
    print(
        f"align two 1,000-word articles (50 sentences each): median {med:.1f} ms, min {min(times):.1f} ms "
        f"over {reps} runs (target <= {TARGET_MS:.0f} ms: {'ok' if med <= TARGET_MS else 'MISSED'})"
    )

    # A 50-article story: 10 groups of 5 articles that copy/paraphrase a common source.
    arts, vecs = [], {}
    for g in range(10):
        base = _unit(rng, 20)
        for k in range(5):
            art = _synthetic_article(f"g{g}-{k}", rng, 20, words)
            v = base + 0.45 * _unit(rng, 20)
            vecs[art.id] = (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)
            arts.append(art)
    t = time.perf_counter()
    res = relate_articles(arts, vecs)
    print(
        f"relate_articles on a 50-article story (1,225 pairs): {time.perf_counter() - t:.2f} s, "
        f"{len(res.relations)} relations"
    )


def _encode(sentences: list[str]) -> np.ndarray:
    from storyline.nlp.encoder import get_encoder

    return get_encoder().encode(sentences)


def _long(scores_words: list[int]) -> int:
    return sum(w >= MIN_EVIDENCE_WORDS for w in scores_words)


def calibrate_ecb(path: Path) -> None:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    arts = []
    for r in rows:
        arts.append(
            Article(
                id=r["id"],
                source_id=r["id"],
                text=r["text"],
                language="en",
                sentences=split_sentences(r["text"]),
            )
        )
    t = time.perf_counter()
    flat = [s for a in arts for s in a.sentences]
    mat = _encode(flat)
    vecs, k = {}, 0
    for a in arts:
        vecs[a.id] = mat[k : k + len(a.sentences)]
        k += len(a.sentences)
    print(f"ECB+: {len(arts)} articles, {len(flat)} sentences embedded in {time.perf_counter() - t:.0f} s")
    by_event = collections.defaultdict(list)
    for a, r in zip(arts, rows, strict=True):
        by_event[r["event"]].append(a)
    cosines = (0.6, 0.7, 0.8, 0.9)
    share = {c: [] for c in cosines}
    copy_cov, chain_cov, kinds = [], [], collections.Counter()
    for group in by_event.values():
        for a, b in itertools.combinations(group, 2):
            va, vb = vecs[a.id], vecs[b.id]
            if not len(va) or not len(vb):
                continue
            cos = cosine_matrix(va, vb)
            for c in cosines:
                share[c].append(float(((cos.max(1) >= c).mean() + (cos.max(0) >= c).mean()) / 2))
            sc = pair_scores(a, b, va, vb)
            ms = align_sentences(sc)
            shorter = max(1, min(_long(sc.words_a), _long(sc.words_b)))
            chain = [m for m in ms if m.in_order]
            copy_cov.append(sum(m.kind in ("identical", "near_identical") for m in chain) / shorter)
            chain_cov.append(len(chain) / shorter)
            rel = relate_pair(a, b, va, vb)
            kinds[rel.kind if rel else "independent"] += 1
    print(f"same-event pairs: {len(copy_cov)}")
    for c in cosines:
        print(
            f"  sentences with a partner at cosine >= {c}: mean {np.mean(share[c]):.3f}, "
            f"p95 {np.percentile(share[c], 95):.2f}"
        )
    pct = (50, 75, 90, 95, 99)
    print(f"  copy coverage percentiles {pct}: {np.percentile(copy_cov, pct).round(2).tolist()}")
    print(
        f"  chain coverage percentiles {pct}: {np.percentile(chain_cov, pct).round(2).tolist()}, "
        f"share >= 0.5: {np.mean(np.array(chain_cov) >= 0.5):.3f}"
    )
    print(f"  relations: {dict(kinds)}")


def calibrate_semeval(path: Path, n_pairs: int) -> None:
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["lang1"] != r["lang2"] and r["text1"] and r["text2"]]
    rng = np.random.default_rng(0)
    rows = [rows[i] for i in rng.permutation(len(rows))[:n_pairs]]
    buckets = collections.defaultdict(list)
    kinds = collections.Counter()
    for k, r in enumerate(rows):
        a = Article(
            id=f"a{k}",
            source_id="a",
            text=r["text1"],
            language=r["lang1"],
            sentences=split_sentences(r["text1"])[:40],
        )
        b = Article(
            id=f"b{k}",
            source_id="b",
            text=r["text2"],
            language=r["lang2"],
            sentences=split_sentences(r["text2"])[:40],
        )
        if not a.sentences or not b.sentences:
            continue
        va, vb = _encode(a.sentences), _encode(b.sentences)
        sc = pair_scores(a, b, va, vb)
        chain = [m for m in align_sentences(sc) if m.in_order and m.kind == "translation"]
        overall = float(r["Overall"])
        bucket = "same story (<1.5)" if overall < 1.5 else "related (<2.5)" if overall < 2.5 else "unrelated"
        buckets[bucket].append(len(chain) / max(1, min(_long(sc.words_a), _long(sc.words_b))))
        rel = relate_pair(a, b, va, vb)
        kinds[rel.kind if rel else "independent"] += 1
    for name, values in buckets.items():
        print(
            f"semeval cross-lingual {name}: n={len(values)}, translation chain coverage "
            f"p50 {np.percentile(values, 50):.2f} p95 {np.percentile(values, 95):.2f} max {max(values):.2f}"
        )
    print(f"  relations: {dict(kinds)}")


def check_examples(folder: Path) -> None:
    from storyline.extraction import extract_document, learn_furniture
    from storyline.ingest import read_inputs
    from storyline.pipeline import build_article
    from storyline.types import RawDocument

    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    raws = [r for r in read_inputs([folder]) if isinstance(r, RawDocument)]
    memory = learn_furniture(raws)
    arts = [build_article(r, extract_document(r, furniture=memory)) for r in raws]
    vecs = {a.id: _encode(a.sentences) for a in arts}
    name = {a.id: a.source_id for a in arts}
    event = {n: ev for ev, e in gold["events"].items() for n in e["articles"]}
    t = time.perf_counter()
    res = relate_articles(arts, vecs)
    print(f"examples: {len(arts)} articles related in {time.perf_counter() - t:.2f} s")
    planted = {(p["from"], p["to"]): p["kind"] for p in gold["provenance"]}
    for r in res.relations:
        f, to = name[r.from_], name[r.to]
        note = (
            "planted"
            if planted.get((f, to)) == r.kind
            else "same event"
            if event[f] == event[to]
            else "OTHER EVENT"
        )
        print(f"  {r.kind:13s} {r.confidence:.2f} certain={r.direction_certain!s:5s} {f} -> {to}  [{note}]")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--reps", type=int, default=20)
    parser.add_argument("--ecb", type=Path)
    parser.add_argument("--semeval", type=Path)
    parser.add_argument("--pairs", type=int, default=250)
    parser.add_argument("--examples", type=Path)
    args = parser.parse_args()
    bench_speed(args.reps)
    if args.ecb:
        calibrate_ecb(args.ecb)
    if args.semeval:
        calibrate_semeval(args.semeval, args.pairs)
    if args.examples:
        check_examples(args.examples)


if __name__ == "__main__":
    main()
