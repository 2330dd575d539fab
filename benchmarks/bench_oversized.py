"""What one oversized article costs every writer, against an ordinary one in
the same run.

    python benchmarks/bench_oversized.py                 # at the default limit
    python benchmarks/bench_oversized.py --chars 100000

An empty store gets an ordinary article (the peer), then an article of
``--chars`` characters (built from the example corpus's texts, which makes
it a long story of many sentences), then the next ordinary article of the
same story, each with the story analysis on, as ``POST /api/articles`` runs
them; and a 19 MB text, which the limit refuses.  Printed: seconds of each
and their ratio to the peer.  Before the limit the audit measured 489 s for
a 19 MB article and 585 s for the ordinary article after it.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from storyline.limits import MAX_ARTICLE_CHARS
from storyline.pipeline import ingest_documents
from storyline.store import open_store
from storyline.types import RawDocument

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
#: The audit's oversized input: under the 20 MB file limit, far over the article limit.
HUGE_BYTES = 19 * 1024 * 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--chars", type=int, default=MAX_ARTICLE_CHARS, help="size of the long article")
    args = ap.parse_args()
    texts = [p.read_text("utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    body = "\n\n".join(texts)
    long_text = (body * (args.chars // len(body) + 1))[: args.chars]
    docs = {
        "warm-up": RawDocument(source_id="w", origin="w", text=texts[1]),
        "ordinary": RawDocument(source_id="o1", origin="o1", text=texts[0]),
        "long": RawDocument(source_id="long", origin="long", text=long_text),
        "next ordinary": RawDocument(source_id="o2", origin="o2", text=texts[2]),
        "19 MB": RawDocument(source_id="huge", origin="huge", text="x " * (HUGE_BYTES // 2)),
    }
    seconds: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "s.db")
        try:
            for name, doc in docs.items():
                t = time.perf_counter()
                res = ingest_documents([doc], store=store)
                seconds[name] = time.perf_counter() - t
                outcome = "refused: " + res.problems[0].reason if res.problems else f"{len(res.added)} added"
                print(f"{name:>14}: {len(doc.text or ''):>10,} chars  {seconds[name]:8.2f} s  {outcome}")
        finally:
            store.close()
    peer = seconds["ordinary"]
    for name in ("long", "next ordinary", "19 MB"):
        print(f"{name} / ordinary: {seconds[name] / peer:.1f}x")


if __name__ == "__main__":
    main()
