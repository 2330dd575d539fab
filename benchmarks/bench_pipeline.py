"""End-to-end throughput: the example corpus replicated to ~N articles.

Each replica is the original article with one extra sentence naming the
replica and a few words dropped, so that ids differ (no article is skipped as
already stored) while the stories stay realistic: many near-copies per event.

    python benchmarks/bench_pipeline.py [--articles 2000] [--no-analysis]

Prints articles/second and the time spent in each stage.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from pathlib import Path

from storyline.ingest import read_inputs
from storyline.pipeline import ingest_documents
from storyline.types import RawDocument

REPO = Path(__file__).resolve().parents[1]


def replicate(n: int, seed: int = 7) -> list[RawDocument]:
    base = [d for d in read_inputs([REPO / "examples"]) if isinstance(d, RawDocument)]
    rng = random.Random(seed)
    out: list[RawDocument] = []
    i = 0
    while len(out) < n:
        src = base[i % len(base)]
        body = src.text if src.text is not None else src.html
        assert body is not None
        words = body.split(" ")
        drop = set(rng.sample(range(len(words)), k=min(3, len(words))))
        mutated = " ".join(w for k, w in enumerate(words) if k not in drop)
        note = f"\n\nReplica {i} of the source article for the benchmark.\n"
        if src.text is not None:
            doc = RawDocument(source_id=f"r{i}-{src.source_id}", origin="bench", text=mutated + note)
        else:
            doc = RawDocument(source_id=f"r{i}-{src.source_id}", origin="bench",
                              html=mutated.replace("</body>", f"<p>{note}</p></body>"))
        doc.published, doc.outlet, doc.language = src.published, src.outlet, src.language
        out.append(doc)
        i += 1
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--no-analysis", action="store_true")
    args = ap.parse_args()
    docs = replicate(args.articles)
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        res = ingest_documents(docs, db=Path(tmp) / "bench.db", analyse=not args.no_analysis)
        wall = time.perf_counter() - t0
    report = {
        "articles": len(docs),
        "added": len(res.added),
        "rejected": len(res.problems),
        "wall_s": round(wall, 2),
        "articles_per_s": round(len(docs) / wall, 1),
        "stage_seconds": {k: round(v, 2) for k, v in sorted(res.timings.items(), key=lambda kv: -kv[1])},
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
