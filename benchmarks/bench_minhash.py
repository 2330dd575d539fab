"""Near-duplicate detection at scale: storyline's vectorised MinHash + LSH against datasketch.

Generates ``--docs`` documents of ``--words`` words (Zipf-distributed synthetic vocabulary with
accented words and punctuation), a share of which are edited copies of another document with a true
Jaccard (word 5-shingles) spread over [0.6, 1].  Each implementation then runs in its own process
(so peak memory is its own) and computes signatures for every document and all LSH candidate pairs,
with the same signature length (128) and banding (25 bands x 5 rows).  Reported per implementation:
docs per CPU-second for signatures and for signatures + LSH (process CPU time, not wall time: the
machine is shared, and CPU time keeps the two runs comparable when the load changes between them;
with ``--workers`` > 1 it counts the CPU of all threads), peak RSS above the loaded corpus, and the recall of
planted pairs with true Jaccard >= 0.8 among the candidate pairs; then our/peer ratios.

    python benchmarks/bench_minhash.py                  # 20,000 documents (about a minute)
    python benchmarks/bench_minhash.py --docs 100000    # the issue's target size (several minutes)
    python benchmarks/bench_minhash.py --peer-docs 5000 # run datasketch on the first 5,000 only

Measured on the shared 2-core development machine (one thread each, CPU time):

    --docs 100000: ours 5,922 docs/CPU-s (signatures), 5,512 with LSH candidates, peak +368 MB;
                   datasketch 686 and 480 docs/CPU-s, peak +1,110 MB; recall 1.000 for both
                   (954 planted pairs with Jaccard >= 0.8); ratio x8.6 signatures, x11.5 end to end.
                   After chunking the band hashing, ours alone: 6,492 / 6,211 docs/CPU-s, +173 MB.
    --docs 20000:  ours 6,109 / 5,929 docs/CPU-s, +65 MB; datasketch 869 / 753, +256 MB; recall 1.000
                   for both (201 pairs); ratio x7.0 signatures, x7.9 end to end, memory x0.25.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

NUM_PERM = 128
BANDS, ROWS = 25, 5
SHINGLE = 5
#: Planted pairs whose true Jaccard is at least this must be found (the issue's recall target).
RECALL_JACCARD = 0.8


def _vocabulary(rng: np.random.Generator, size: int) -> np.ndarray:
    letters = list("abcdefghijklmnopqrstuvwxyzéèàçôî")
    lengths = rng.integers(2, 11, size=size)
    return np.array(["".join(rng.choice(letters, size=n)) for n in lengths])


def generate(
    path: Path, *, docs: int, words: int, dup_share: float, seed: int
) -> list[tuple[int, int, float]]:
    """Write one document per line to ``path``; return planted pairs ``(i, j, true_jaccard)``.

    Documents are kept as int32 word ids until written, so 100,000 x 600 words stay ~250 MB.
    """
    rng = np.random.default_rng(seed)
    vocab = _vocabulary(rng, 50_000).tolist()
    # Every 12th word ends a sentence, as punctuation in real text.
    dotted = [w + "." for w in vocab]
    n_copies = int(docs * dup_share)
    ids = np.minimum(rng.zipf(1.2, size=(docs, words)) - 1, len(vocab) - 1).astype(np.int32)
    # Copies are spread through the corpus, each within 1,000 documents after its source, so that
    # any prefix (``--peer-docs``) holds its share of planted pairs.
    copies = np.sort(rng.choice(np.arange(1, docs), size=n_copies, replace=False))
    is_copy = np.zeros(docs, dtype=bool)
    is_copy[copies] = True
    planted: list[tuple[int, int, float]] = []
    for dst in copies.tolist():
        window = np.flatnonzero(~is_copy[max(0, dst - 1000) : dst]) + max(0, dst - 1000)
        if window.size == 0:
            continue
        src = int(rng.choice(window))
        ids[dst] = ids[src]
        # Edit rate 0-5% of the words: true 5-shingle Jaccard from 1.0 down to ~0.6, about half of
        # the copies at >= 0.8.
        n_edit = int(rng.uniform(0.0, 0.05) * words)
        pos = rng.choice(words, size=n_edit, replace=False)
        ids[dst, pos] = rng.integers(0, len(vocab), size=n_edit)
        planted.append((src, dst, _jaccard(ids[src].tolist(), ids[dst].tolist())))
    with path.open("w", encoding="utf-8") as fh:
        for row in ids:
            fh.write(
                " ".join(dotted[w] if i % 12 == 11 else vocab[w] for i, w in enumerate(row.tolist())) + "\n"
            )
    return planted


def _jaccard(a: list[int], b: list[int]) -> float:
    sa = {tuple(a[i : i + SHINGLE]) for i in range(len(a) - SHINGLE + 1)}
    sb = {tuple(b[i : i + SHINGLE]) for i in range(len(b) - SHINGLE + 1)}
    return len(sa & sb) / len(sa | sb)


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def _peak_mb() -> float:
    # VmHWM, not getrusage's ru_maxrss: Linux keeps ru_maxrss across exec, so a child would report
    # the parent's peak (the generated corpus) instead of its own.
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1e3
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3


def run_ours(texts: list[str], workers: int) -> tuple[float, float, set[tuple[int, int]]]:
    from storyline.dedup.minhash import LSHIndex, MinHasher

    t0 = time.process_time()
    sigs = MinHasher(num_perm=NUM_PERM, shingle=SHINGLE).signatures(texts, workers=workers)
    t1 = time.process_time()
    index = LSHIndex(num_perm=NUM_PERM, bands=BANDS, rows=ROWS)
    index.add_many([str(i) for i in range(len(texts))], sigs)
    pairs = {(int(a), int(b)) for a, b in index.candidate_pairs()}
    t2 = time.process_time()
    return t1 - t0, t2 - t0, {(min(p), max(p)) for p in pairs}


def run_peer(texts: list[str]) -> tuple[float, float, set[tuple[int, int]]]:
    import re

    from datasketch import MinHash, MinHashLSH

    word = re.compile(r"\w+")
    t0 = time.process_time()
    sketches = []
    for text in texts:
        w = word.findall(text.casefold())
        m = MinHash(num_perm=NUM_PERM)
        m.update_batch([" ".join(w[i : i + SHINGLE]).encode("utf-8") for i in range(len(w) - SHINGLE + 1)])
        sketches.append(m)
    t1 = time.process_time()
    lsh = MinHashLSH(num_perm=NUM_PERM, params=(BANDS, ROWS))
    for i, m in enumerate(sketches):
        lsh.insert(i, m)
    pairs: set[tuple[int, int]] = set()
    for i, m in enumerate(sketches):
        for j in lsh.query(m):
            if j != i:
                pairs.add((min(i, j), max(i, j)))
    t2 = time.process_time()
    return t1 - t0, t2 - t0, pairs


def child(args: argparse.Namespace) -> None:
    with open(args.corpus, encoding="utf-8") as fh:
        texts = [line.rstrip("\n") for line in fh]
    if args.limit:
        texts = texts[: args.limit]
    base = _rss_mb()
    sig_s, total_s, pairs = run_ours(texts, args.workers) if args.only == "ours" else run_peer(texts)
    planted = [tuple(p) for p in json.loads(Path(args.planted).read_text())]
    target = [(i, j) for i, j, jac in planted if jac >= RECALL_JACCARD and j < len(texts)]
    found = sum((i, j) in pairs for i, j in target)
    print(
        json.dumps(
            {
                "docs": len(texts),
                "signature_seconds": sig_s,
                "total_seconds": total_s,
                "docs_per_s_signatures": len(texts) / sig_s,
                "docs_per_s_total": len(texts) / total_s,
                "peak_mb_above_corpus": max(0.0, _peak_mb() - base),
                "target_pairs": len(target),
                "recall": found / len(target) if target else float("nan"),
                "candidate_pairs": len(pairs),
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--words", type=int, default=600)
    parser.add_argument(
        "--dup-share", type=float, default=0.02, help="share of documents that are edited copies"
    )
    parser.add_argument(
        "--peer-docs", type=int, default=0, help="run datasketch on the first N docs only (0: all)"
    )
    parser.add_argument("--workers", type=int, default=1, help="threads for our signatures")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--only", choices=["ours", "peer"], help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    parser.add_argument("--planted", help=argparse.SUPPRESS)
    parser.add_argument("--limit", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.only:
        child(args)
        return
    if args.docs < 100 or args.words < 2 * SHINGLE:
        parser.error("need at least 100 documents of at least 10 words")

    with tempfile.TemporaryDirectory() as tmp:
        corpus, planted_path = Path(tmp) / "docs.txt", Path(tmp) / "planted.json"
        t = time.perf_counter()
        planted = generate(corpus, docs=args.docs, words=args.words, dup_share=args.dup_share, seed=args.seed)
        planted_path.write_text(json.dumps(planted))
        high = sum(j >= RECALL_JACCARD for _, _, j in planted)
        print(
            f"generated {args.docs} docs x {args.words} words, {len(planted)} planted copies "
            f"({high} with Jaccard >= {RECALL_JACCARD}) in {time.perf_counter() - t:.1f} s"
        )
        results = {}
        for name in ("ours", "peer"):
            cmd = [
                sys.executable,
                __file__,
                "--only",
                name,
                "--corpus",
                str(corpus),
                "--planted",
                str(planted_path),
            ]
            cmd += ["--workers", str(args.workers)]
            if name == "peer" and args.peer_docs:
                cmd += ["--limit", str(args.peer_docs)]
            out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
            results[name] = json.loads(out.strip().splitlines()[-1])
            r = results[name]
            print(
                f"{name:5s} docs={r['docs']:>7} signatures {r['docs_per_s_signatures']:>9.0f} docs/CPU-s | "
                f"+LSH candidates {r['docs_per_s_total']:>9.0f} docs/CPU-s | peak +{r['peak_mb_above_corpus']:.0f} MB | "
                f"recall@J>={RECALL_JACCARD} {r['recall']:.4f} ({r['target_pairs']} pairs) | "
                f"candidate pairs {r['candidate_pairs']}"
            )
        ours, peer = results["ours"], results["peer"]
        print(
            f"ratio ours/datasketch: signatures x{ours['docs_per_s_signatures'] / peer['docs_per_s_signatures']:.1f}, "
            f"end to end x{ours['docs_per_s_total'] / peer['docs_per_s_total']:.1f}, "
            + (
                f"peak memory x{ours['peak_mb_above_corpus'] / max(peer['peak_mb_above_corpus'], 1e-9):.2f}"
                if ours["docs"] == peer["docs"]
                else "peak memory not comparable (different corpus sizes)"
            )
        )


if __name__ == "__main__":
    main()
