"""Web latency on a large store: ``GET /api/stories`` and a story page.

Builds (once, cached under ``benchmarks/results/``) a SQLite store of
synthetic articles written straight through SQL -- no model runs -- with
events of 1-12 articles and a full analysis per event (relations, timeline,
summary, discrepancies, entities), so the story page renders every section.
Rows carry blobs of the real sizes (event centroid, article vector, float16
sentence vectors, MinHash signature) so scans cost what they would.
Then it starts the real app under uvicorn in a separate process and drives it
over loopback with an asyncio/httpx load generator for a bounded time per
endpoint, printing p50/p95/p99 latency and throughput.

    python benchmarks/bench_web.py                       # 100,000 articles, 10 s per endpoint
    python benchmarks/bench_web.py --articles 20000 --seconds 5 --concurrency 2

Target (issue "Use it"): p95 <= 100 ms for both endpoints on the dev machine.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import numpy as np

from storyline.store import open_store

RESULTS = Path(__file__).resolve().parent / "results"
#: Bump when the synthetic data changes, so a cached store is rebuilt.
#: 3: event centroids are unit vectors (random bytes held NaNs, which the
#: clusterer rightly refuses when a POST loads the events).
DATA_VERSION = 3
TARGET_P95_MS = 100.0
ARTICLES_PER_EVENT = (1, 12)
SENTENCES_PER_ARTICLE = (6, 14)
LANGUAGES = ["fr", "en", "de", "es", "it", "ru"]
#: Blob sizes of a real store: 512 float32 (centroid, article vector),
#: 512 float16 per sentence, 128 uint32 MinHash values.
VECTOR_BYTES = 512 * 4
SENTENCE_VECTOR_BYTES = 512 * 2
MINHASH_BYTES = 128 * 4


def _vocabulary(rng: random.Random, n: int = 4000) -> list[str]:
    syll = [
        "ka",
        "lo",
        "mi",
        "tur",
        "sen",
        "pa",
        "ri",
        "do",
        "vel",
        "an",
        "es",
        "qua",
        "zo",
        "ber",
        "nix",
        "ul",
    ]
    return ["".join(rng.choice(syll) for _ in range(rng.randint(1, 4))) for _ in range(n)]


def _unit_vector(rng: random.Random) -> bytes:
    v = np.random.default_rng(rng.getrandbits(32)).normal(size=VECTOR_BYTES // 4).astype("<f4")
    return (v / np.linalg.norm(v)).astype("<f4").tobytes()


def _sentence(rng: random.Random, vocab: list[str]) -> str:
    words = [rng.choice(vocab) for _ in range(rng.randint(8, 18))]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def build_store(path: Path, n_articles: int, *, seed: int = 7) -> None:
    """Write ``n_articles`` synthetic articles, their events and analyses."""
    rng = random.Random(seed)
    vocab = _vocabulary(rng)
    outlets = [f"Outlet {i:03d}" for i in range(300)]
    store = open_store(path)  # creates the schema through the migrations (FTS5 triggers included)
    store.close()
    import sqlite3

    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    day0 = date(2024, 1, 1)
    seq = 0
    event_id = 0
    t0 = time.perf_counter()
    with conn:
        while seq < n_articles:
            event_id += 1
            size = min(rng.randint(*ARTICLES_PER_EVENT), n_articles - seq)
            day = day0 + timedelta(days=rng.randint(0, 500))
            title = _sentence(rng, vocab)[:80]
            arts: list[dict[str, Any]] = []
            for _ in range(size):
                seq += 1
                sents = [_sentence(rng, vocab) for _ in range(rng.randint(*SENTENCES_PER_ARTICLE))]
                pub = (day + timedelta(days=rng.randint(0, 3))).isoformat()
                arts.append(
                    {
                        "id": hashlib.sha1(f"a{seq}".encode()).hexdigest()[:16],
                        "seq": seq,
                        "sents": sents,
                        "lang": rng.choice(LANGUAGES),
                        "outlet": rng.choice(outlets),
                        "pub": pub,
                    }
                )
            conn.execute(
                "INSERT INTO storylines (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)",
                (event_id, title, stamp, stamp),
            )
            pubs = sorted(a["pub"] for a in arts)
            conn.execute(
                "INSERT INTO events (id, storyline_id, title, n, centroid, features, languages, outlets,"
                " first_published, last_published, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    event_id,
                    event_id,
                    title,
                    size,
                    _unit_vector(rng),
                    json.dumps({"entities": {f"loc:place-{rng.randint(1, 500)}": 1 for _ in range(20)}}),
                    json.dumps(sorted({a["lang"] for a in arts})),
                    json.dumps(sorted({a["outlet"] for a in arts})),
                    pubs[0],
                    pubs[-1],
                    stamp,
                    stamp,
                ),
            )
            conn.executemany(
                "INSERT INTO articles (id, seq, source_id, event_id, title, text, language, outlet, url, published,"
                " published_confidence, authors, agencies, lines, metadata, sentences, sentence_vectors, vector,"
                " minhash, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1.0, '[]', ?, ?, '{}', ?, ?, ?, ?, ?)",
                [
                    (
                        a["id"],
                        a["seq"],
                        f"synthetic-{a['seq']}.txt",
                        event_id,
                        a["sents"][0][:90],
                        "\n".join(a["sents"]),
                        a["lang"],
                        a["outlet"],
                        f"https://news.example/{a['seq']}",
                        a["pub"],
                        json.dumps(["AFP"] if rng.random() < 0.3 else []),
                        json.dumps(
                            [{"n": i + 1, "kind": "body", "text": s} for i, s in enumerate(a["sents"])]
                            + [{"n": len(a["sents"]) + 1, "kind": "boilerplate", "text": "Subscribe now"}]
                        ),
                        json.dumps(a["sents"]),
                        rng.randbytes(SENTENCE_VECTOR_BYTES * len(a["sents"])),
                        rng.randbytes(VECTOR_BYTES),
                        rng.randbytes(MINHASH_BYTES),
                        stamp,
                    )
                    for a in arts
                ],
            )
            conn.execute(
                "INSERT INTO analyses (event_id, data, computed_at) VALUES (?, ?, ?)",
                (event_id, json.dumps(_analysis(rng, arts)), stamp),
            )
            if event_id % 2000 == 0:
                print(f"  {seq:,} articles ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    conn.close()


def _analysis(rng: random.Random, arts: list[dict[str, Any]]) -> dict[str, Any]:
    ids = [a["id"] for a in arts]
    rels = [
        {
            "from": ids[0],
            "to": i,
            "kind": rng.choice(["wire_copy", "rewrite", "translation", "independent"]),
            "confidence": round(rng.uniform(0.5, 1.0), 2),
            "direction_certain": rng.random() < 0.7,
            "passages": [
                {
                    "from_span": [0, 2],
                    "to_span": [0, 2],
                    "kind": "near_identical",
                    "from_text": "",
                    "to_text": "",
                }
            ],
        }
        for i in ids[1:]
    ]
    first = arts[0]
    return {
        "relations": rels,
        "original_share": {i: round(rng.random(), 2) for i in ids},
        "entities": [
            {
                "id": f"loc:place-{rng.randint(1, 500)}",
                "name": "Place",
                "kind": "LOC",
                "mentions": {i: ["Place"] for i in ids},
            }
        ],
        "quotes": [],
        "quantities": [],
        "timeline": [{"date": first["pub"], "text": s, "articles": ids[:2]} for s in first["sents"][:3]],
        "summary": [{"sentence": s, "articles": ids[:3]} for s in first["sents"][:4]],
        "discrepancies": [
            {
                "kind": "number",
                "about": "people",
                "confidence": 0.8,
                "sides": [
                    {
                        "value": str(rng.randint(2, 99)),
                        "articles": [ids[0]],
                        "evidence": [{"article": ids[0], "sentence": first["sents"][1]}],
                    },
                    {
                        "value": str(rng.randint(100, 999)),
                        "articles": ids[1:2] or [ids[0]],
                        "evidence": [{"article": ids[-1], "sentence": arts[-1]["sents"][0]}],
                    },
                ],
            }
        ]
        if len(ids) > 1
        else [],
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: Path, port: int, *, workers: int = 1) -> subprocess.Popen[bytes]:
    """The app under uvicorn in its own process (the load generator must not
    share the server's interpreter); ``workers`` > 1 runs uvicorn's process
    manager over ``app_from_env``, one app and store per worker."""
    cmd = [
        sys.executable,
        "-m",
        "uvicorn",
        "--factory",
        "storyline.web.app:app_from_env",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
        "--workers",
        str(workers),
    ]
    proc = subprocess.Popen(cmd, env={**os.environ, "STORYLINE_DB": str(db)})
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/stories?limit=1", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("the server did not start")


async def _drive(base: str, urls: list[str], *, seconds: float, concurrency: int) -> tuple[list[float], int]:
    latencies: list[float] = []
    errors = 0
    stop = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:

        async def worker(k: int) -> None:
            nonlocal errors
            i = k
            while time.perf_counter() < stop:
                url = urls[i % len(urls)]
                i += concurrency
                t = time.perf_counter()
                resp = await client.get(url)
                latencies.append((time.perf_counter() - t) * 1000)
                if resp.status_code != 200:
                    errors += 1

        await asyncio.gather(*(worker(k) for k in range(concurrency)))
    return latencies, errors


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and its children (Linux /proc): the
    server's cost per request, which unlike wall latency does not depend on
    what else the shared machine is running."""
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended meanwhile
            continue
        if stat.parent.name == str(pid) or fields[1] == str(pid):  # fields[1]: parent pid
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--seconds", type=float, default=10.0, help="load duration per endpoint")
    ap.add_argument("--concurrency", type=int, default=4, help="simultaneous clients")
    ap.add_argument("--db", type=Path, default=None, help="store to use/build (default: cached in results/)")
    ap.add_argument("--workers", type=int, default=1, help="server processes (storyline serve runs one)")
    args = ap.parse_args()

    db = args.db or RESULTS / f"bench_web_{args.articles}_v{DATA_VERSION}.db"
    if not db.exists():
        db.parent.mkdir(parents=True, exist_ok=True)
        print(f"building {db} with {args.articles:,} synthetic articles ...", file=sys.stderr)
        t = time.perf_counter()
        build_store(db, args.articles)
        print(f"built in {time.perf_counter() - t:.0f} s", file=sys.stderr)
    store = open_store(db)
    n_articles, n_events = store.count_articles(), store.count_events()
    store.close()
    rng = random.Random(1)
    port = _free_port()
    proc = start_server(db, port, workers=args.workers)
    base = f"http://127.0.0.1:{port}"
    suites = {
        "GET /api/stories": ["/api/stories"]
        + [f"/api/stories?offset={50 * rng.randint(1, 20)}" for _ in range(20)],
        "GET /stories/{id} (page)": [f"/stories/{rng.randint(1, n_events)}" for _ in range(500)],
        "GET /api/stories/{id}": [f"/api/stories/{rng.randint(1, n_events)}" for _ in range(500)],
        "GET /articles/{id} (page)": [
            f"/articles/synthetic-{rng.randint(1, n_articles)}.txt" for _ in range(500)
        ],
        "GET /api/search?q=": [f"/api/search?q={w}" for w in _vocabulary(random.Random(7))[:50]],
        "GET /api/stories?outlet=": [
            f"/api/stories?outlet=Outlet%20{rng.randint(0, 299):03d}" for _ in range(50)
        ],
        "GET /api/stories?language=&since=": [
            f"/api/stories?language={rng.choice(LANGUAGES)}&since=2024-{rng.randint(1, 12):02d}-01"
            for _ in range(50)
        ],
    }
    print(
        f"store: {n_articles:,} articles, {n_events:,} stories; {args.workers} server process(es), "
        f"{args.concurrency} clients, "
        f"{args.seconds:.0f} s per endpoint, {os.cpu_count()} CPUs shared"
    )
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(
        f"{'endpoint':36} {'requests':>8} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} "
        f"{'cpu ms/req':>10} {'errors':>6}"
    )
    verdicts = []
    try:
        for name, urls in suites.items():
            asyncio.run(_drive(base, urls[:5], seconds=1.0, concurrency=args.concurrency))  # warm-up
            cpu0 = _cpu_seconds(proc.pid)
            lat, errors = asyncio.run(_drive(base, urls, seconds=args.seconds, concurrency=args.concurrency))
            cpu = (_cpu_seconds(proc.pid) - cpu0) * 1000 / max(len(lat), 1)
            p95 = _pct(lat, 95)
            print(
                f"{name:36} {len(lat):8d} {len(lat) / args.seconds:7.1f} {statistics.median(lat):7.1f} "
                f"{p95:7.1f} {_pct(lat, 99):7.1f} {cpu:10.1f} {errors:6d}"
            )
            if name in ("GET /api/stories", "GET /stories/{id} (page)"):
                verdicts.append((name, p95))
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for name, p95 in verdicts:
        ok = "OK" if p95 <= TARGET_P95_MS else "OVER TARGET"
        print(f"{name}: p95 {p95:.1f} ms (target <= {TARGET_P95_MS:.0f} ms) {ok}")


if __name__ == "__main__":
    main()
