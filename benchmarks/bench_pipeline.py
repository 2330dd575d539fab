"""End-to-end throughput beside the model floor, the cost of growing a story, and peak memory.

(a) The example corpus replicated to ~N articles (each replica is the original
article with one extra sentence naming the replica and a few words dropped, so
that ids differ while the stories stay realistic: many near-copies per event),
through the whole pipeline; then, in the same run, the **model floor**: the USE
encoder on the same distinct sentences and titles per batch and the NER models
on the same distinct sentences, nothing else.  The ratio floor / pipeline is
the share of the models' own speed the pipeline reaches.

(b) ``--growth 10,100,...``: a storyline of n synthetic articles about one
event (copies with edits, rewrites that drop and reorder sentences, articles
that add a new fact with a new number and date) is built without analysis,
then 10 more such articles are added with analysis; prints the time of that
addition for each n and its ratio to the smallest n.

(c) Peak resident memory of the process after (a).

    python benchmarks/bench_pipeline.py [--articles 2000] [--no-analysis] [--growth 10,100,1000]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import tempfile
import time
from pathlib import Path

import numpy as np

from storyline.ingest import read_inputs
from storyline.models import Models
from storyline.nlp.encoder import get_encoder
from storyline.nlp.ner import mentions_many
from storyline.pipeline import DEFAULT_BATCH, ingest_documents
from storyline.store import open_store
from storyline.types import Article, RawDocument

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


def model_floor(articles: list[Article]) -> float:
    """Seconds the models alone take over what the pipeline gave them: USE on each batch's
    distinct sentences and titles (as the embed stage calls it), NER on the distinct
    sentences of each language (as a run's NER cache leaves them)."""
    encoder = get_encoder()
    t0 = time.perf_counter()
    for k in range(0, len(articles), DEFAULT_BATCH):
        texts: dict[str, None] = {}
        for a in articles[k : k + DEFAULT_BATCH]:
            texts.update(dict.fromkeys(a.sentences))
            if a.title:
                texts[a.title] = None
        encoder.encode(list(texts))
    by_lang: dict[str | None, dict[str, None]] = {}
    for a in articles:
        by_lang.setdefault(a.language, {}).update(dict.fromkeys(a.sentences))
    for language, sentences in by_lang.items():
        mentions_many(list(sentences), language)
    return time.perf_counter() - t0


def _end_to_end(n: int, *, analyse: bool) -> dict[str, object]:
    docs = replicate(n)
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        res = ingest_documents(docs, db=Path(tmp) / "bench.db", analyse=analyse)
        wall = time.perf_counter() - t0
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        store = open_store(Path(tmp) / "bench.db")
        try:
            articles = [x for x in (store.get_article(a) for a, _, _ in res.added) if x is not None]
        finally:
            store.close()
    floor = model_floor(articles)
    return {
        "articles": len(docs),
        "added": len(res.added),
        "rejected": len(res.problems),
        "wall_s": round(wall, 2),
        "articles_per_s": round(len(docs) / wall, 1),
        "model_floor_s": round(floor, 2),
        "model_floor_articles_per_s": round(len(docs) / floor, 1),
        "share_of_model_floor": round(floor / wall, 3),
        "peak_rss_mb": round(peak_mb),
        "stage_seconds": {k: round(v, 2) for k, v in sorted(res.timings.items(), key=lambda kv: -kv[1])},
    }


class _CachedEncoder:
    """The shipped encoder with every sentence's vector kept: only for building the synthetic
    stories of (b), whose articles share most sentences (never for what is timed)."""

    def __init__(self) -> None:
        self.inner = get_encoder()
        self.seen: dict[str, np.ndarray] = {}

    def encode(self, texts: list[str]) -> np.ndarray:
        todo = [t for t in dict.fromkeys(texts) if t not in self.seen]
        if todo:
            self.seen.update(zip(todo, self.inner.encode(todo), strict=True))
        return np.vstack([self.seen[t] for t in texts]) if texts else self.inner.encode([])


def story_articles(n: int, *, start: int, seed: int = 11) -> list[RawDocument]:
    """``n`` synthetic articles of the Peru earthquake (the examples' first event): copies with
    edits, rewrites (sentences dropped and reordered) and updates that add a new fact."""
    base = [d for d in read_inputs([REPO / "examples"]) if isinstance(d, RawDocument)]
    sources = [d for d in base if "quake-peru" in d.source_id and d.text is not None]
    rng = random.Random(seed + start)
    out: list[RawDocument] = []
    for i in range(start, start + n):
        src = sources[i % len(sources)]
        assert src.text is not None
        paragraphs = [p for p in src.text.split("\n\n") if p.strip()]
        head, body = paragraphs[:1], paragraphs[1:]
        kind = rng.choice(("copy", "rewrite", "update"))
        if kind == "rewrite" and len(body) > 2:
            body = rng.sample(body, k=len(body) - 1)
        elif kind == "copy" and body:
            k = rng.randrange(len(body))
            words = body[k].split(" ")
            del words[rng.randrange(len(words))]
            body[k] = " ".join(words)
        if kind == "update":
            day = 1 + i % 27
            body.append(f"By day {day} of the month rescuers had reached {100 + i} more homes in the region.")
        text = "\n\n".join(head + body) + f"\n\nStory note {i}.\n"
        doc = RawDocument(source_id=f"g{i}-{src.source_id}", origin="bench", text=text)
        doc.published, doc.outlet, doc.language = src.published, f"{src.outlet or 'outlet'} {i % 40}", src.language
        out.append(doc)
    return out


def _growth(sizes: list[int]) -> dict[str, object]:
    added: dict[str, float] = {}
    cached = Models(encoder=_CachedEncoder())  # type: ignore[arg-type]
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "grow.db"
            ingest_documents(story_articles(n, start=0), db=db, analyse=False, models=cached)
            t0 = time.perf_counter()
            ingest_documents(story_articles(10, start=n), db=db, analyse=True)
            added[str(n)] = round(time.perf_counter() - t0, 2)
    smallest = added[str(sizes[0])]
    return {
        "add_10_seconds": added,
        "ratio_to_smallest": {k: round(v / smallest, 2) for k, v in added.items()},
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=2000, help="0 skips the end-to-end run")
    ap.add_argument("--no-analysis", action="store_true")
    ap.add_argument("--growth", default="", help="storyline sizes for (b), e.g. 10,100,1000,5000")
    args = ap.parse_args()
    report: dict[str, object] = {}
    if args.articles:
        report["end_to_end"] = _end_to_end(args.articles, analyse=not args.no_analysis)
    if args.growth:
        report["growth"] = _growth([int(x) for x in args.growth.split(",") if x.strip()])
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
