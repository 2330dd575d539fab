"""Latency of adding one article to a large store: cold (stage memories loaded
from the store, as each ``storyline analyze`` run does) against warm (kept
between calls, as the web app's ``POST /api/articles`` does with
:class:`storyline.pipeline.WarmState`), in the same run.

    python benchmarks/bench_ingest.py                  # the 100,000-article store of bench_web.py
    python benchmarks/bench_ingest.py --articles 20000

The store is bench_web.py's synthetic one (built once and cached), copied so
that the benchmark's articles do not accumulate in it; the articles added are
the example corpus's, one per call, with the story analysis off (it costs the
same either way and is measured by bench_analysis.py).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench_web import DATA_VERSION, RESULTS, build_store
from storyline.pipeline import WarmState, ingest_documents
from storyline.store import open_store
from storyline.types import RawDocument

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=100_000, help="size of the synthetic store")
    ap.add_argument("--cold", type=int, default=3, help="calls without kept state")
    ap.add_argument("--warm", type=int, default=10, help="calls with kept state (after the first, which loads)")
    args = ap.parse_args()
    source = RESULTS / f"bench_web_{args.articles}_v{DATA_VERSION}.db"
    if not source.exists():
        source.parent.mkdir(parents=True, exist_ok=True)
        print(f"building {source} with {args.articles:,} synthetic articles ...", file=sys.stderr)
        build_store(source, args.articles)
    docs = [
        RawDocument(source_id=p.name, origin=str(p), text=p.read_text("utf-8"))
        for p in sorted(EXAMPLES.glob("*.txt"))
    ]
    if len(docs) < args.cold + args.warm + 2:
        raise SystemExit(f"only {len(docs)} example articles for {args.cold + args.warm + 2} calls")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "store.db"
        shutil.copyfile(source, db)
        store = open_store(db)
        try:
            print(f"store: {store.count_articles():,} articles, {store.count_events():,} events")
            ingest_documents(docs[:1], store=store, analyse=False)  # loads the models once
            feed = iter(docs[1:])

            def one(warm: WarmState | None) -> tuple[float, float]:
                t = time.perf_counter()
                res = ingest_documents([next(feed)], store=store, analyse=False, warm=warm)
                return time.perf_counter() - t, res.timings["load state"]

            cold = [one(None) for _ in range(args.cold)]
            warm_state = WarmState()
            first = one(warm_state)
            warm = [one(warm_state) for _ in range(args.warm)]
        finally:
            store.close()
    print(f"{'call':28} {'calls':>5} {'median s':>9} {'of which load s':>16}")
    for name, runs in (("cold (load every call)", cold), ("warm: first call", [first]), ("warm: next calls", warm)):
        print(
            f"{name:28} {len(runs):5d} {statistics.median(r[0] for r in runs):9.3f} "
            f"{statistics.median(r[1] for r in runs):16.3f}"
        )
    ratio = statistics.median(r[0] for r in cold) / statistics.median(r[0] for r in warm)
    print(f"warm calls are {ratio:.1f}x faster than cold ones (state loads: {warm_state.loads})")


if __name__ == "__main__":
    main()
