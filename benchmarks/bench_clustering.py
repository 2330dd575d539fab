"""Throughput and memory of online clustering on a synthetic stream.

    python benchmarks/bench_clustering.py --articles 100000 --batch 500

Embeddings are given (the issue's setting: "with embeddings computed"), so
this measures ``article -> event`` assignment alone: candidate retrieval
(exact, then HNSW past ANN_MIN_EVENTS), scoring, merges and storyline links.

The stream imitates news: events are born steadily, an article belongs to one
of the recently born events (a sliding window), publication days advance,
each event has its own names and words and shares common ones with all.
Article vectors are the event's direction plus noise, with a cosine to it of
about 0.8 as for real same-event articles (ECB+ dev: median 0.79).  Printed
at checkpoints: articles/s over the last segment and overall, events, peak
resident memory, and B-cubed F1 of the events against the generator's truth.
"""

from __future__ import annotations

import argparse
import resource
import time
from collections.abc import Iterator

import numpy as np

from storyline.clustering.features import ArticleFeatures
from storyline.clustering.online import OnlineClusterer
from storyline.evaluation.clustering import bcubed
from storyline.nlp.encoder import DIM

ARTICLES_PER_EVENT = 5  # mean event size
WINDOW_EVENTS = 300  # an article belongs to one of the last WINDOW_EVENTS events
NOISE = 0.033  # per-dimension noise: cosine to the event direction ~0.8
DAY0 = 739000  # an arbitrary ordinal day (2024)


def stream(n: int, *, seed: int = 0) -> Iterator[tuple[ArticleFeatures, int]]:
    rng = np.random.default_rng(seed)
    directions: dict[int, np.ndarray] = {}
    common_words = [f"common{i}" for i in range(200)]
    for i in range(n):
        frontier = i // ARTICLES_PER_EVENT
        ev = int(rng.integers(max(0, frontier - WINDOW_EVENTS), frontier + 1))
        if ev not in directions:
            d = rng.normal(0, 1, DIM).astype(np.float32)
            directions[ev] = d / np.linalg.norm(d)
            if len(directions) > 4 * WINDOW_EVENTS:  # old events are done: forget them
                directions.pop(min(directions))
        v = directions[ev] + rng.normal(0, NOISE, DIM).astype(np.float32)
        v /= np.linalg.norm(v)
        names = {f"e{ev}n{k}": int(rng.integers(1, 4)) for k in rng.choice(5, 3, replace=False)}
        names.update({f"g{int(rng.zipf(1.5)) % 500}": 1 for _ in range(2)})
        words = {f"e{ev}w{k}": 1 for k in rng.choice(10, 6, replace=False)}
        words.update({common_words[int(k)]: 1 for k in rng.choice(200, 10, replace=False)})
        item = ArticleFeatures(
            id=f"a{i}",
            vector=v,
            entities=names,
            words=words,
            years=frozenset({2024 + ev // 20000}),
            day=DAY0 + ev // 200,
        )
        yield item, ev


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--batch", type=int, default=500)
    ap.add_argument("--checkpoints", default="1000,10000,100000")
    ap.add_argument(
        "--recent",
        type=int,
        default=None,
        help="articles the refine pass looks back over (default: the clusterer's; 0 turns the pass off)",
    )
    ap.add_argument(
        "--short",
        action="store_true",
        help="every article is a headline (10 word tokens): exercises the short-event average-link pass",
    )
    args = ap.parse_args()
    checkpoints = sorted(int(x) for x in args.checkpoints.split(",") if int(x) <= args.articles)
    clusterer = OnlineClusterer(recent=args.recent)
    truth: dict[str, int] = {}
    event_of: dict[str, int] = {}
    merged: dict[int, int] = {}  # absorbed id -> kept id, over the whole stream
    batch: list[ArticleFeatures] = []
    done = 0
    spent = 0.0
    cpu = 0.0
    last_done, last_spent, last_cpu = 0, 0.0, 0.0
    # Wall-clock rates depend on what else runs on the machine; CPU-time rates
    # (this process's user+system time) show the cost of the work itself.
    print(
        f"{'articles':>9} {'art/s seg':>10} {'art/s all':>10} {'cpu art/s':>10} {'events':>8} {'ANN':>4} "
        f"{'peak MB':>8} {'B3 F1':>6}"
    )
    for item, ev in stream(args.articles):
        if args.short:
            item.tokens = 10
        truth[item.id] = ev
        batch.append(item)
        if len(batch) < args.batch and done + len(batch) not in checkpoints:
            continue
        t0, c0 = time.perf_counter(), time.process_time()
        for a in clusterer.assign(batch):
            event_of[a.article_id] = a.event_id
        changes = clusterer.take_changes()  # what the store persists after each batch
        event_of.update(changes.moved)
        merged.update((absorbed, kept) for kept, absorbed in changes.merges)
        spent += time.perf_counter() - t0
        cpu += time.process_time() - c0
        done += len(batch)
        batch = []
        if done in checkpoints:
            alias = dict(merged)

            def resolve(e: int, alias: dict[int, int] = alias) -> int:
                while e in alias:
                    e = alias[e]
                return e

            ids = list(truth)
            f1 = bcubed([resolve(event_of[i]) for i in ids], [truth[i] for i in ids])[2]
            seg = (done - last_done) / max(spent - last_spent, 1e-9)
            cpu_seg = (done - last_done) / max(cpu - last_cpu, 1e-9)
            print(
                f"{done:>9} {seg:>10.0f} {done / spent:>10.0f} {cpu_seg:>10.0f} {clusterer.event_count:>8} "
                f"{'yes' if clusterer.uses_ann else 'no':>4} {peak_rss_mb():>8.0f} {f1:>6.3f}",
                flush=True,
            )
            last_done, last_spent, last_cpu = done, spent, cpu
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
