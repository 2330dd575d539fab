"""How many discrepancies the detectors report on ECB+ dev, where the truth is unlabelled.

    python benchmarks/ecb_discrepancies.py --ecb ecbplus-dev.jsonl [--sample 12]

Every ECB+ topic is analysed as one storyline whose events are the gold events
(``analyse_storyline``, as the pipeline does), so only the analysis is measured,
not the clustering.  ECB+ articles report
one happening each and rarely disagree, so the counts are an upper bound on
false alarms; the printed sample is what to read when changing a gate.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections import Counter, defaultdict
from pathlib import Path

from storyline.analysis.story import analyse_storyline
from storyline.clustering.prepare import article_from_text
from storyline.nlp.encoder import get_encoder
from storyline.nlp.sentences import split_sentences
from storyline.types import Article, Discrepancy


def load_topics(path: Path) -> dict[str, list[Article]]:
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    event_ids = {e: i for i, e in enumerate(sorted({str(r["event"]) for r in records}))}
    topics: dict[str, list[Article]] = defaultdict(list)
    for r in records:
        article = article_from_text(r["text"], id=str(r["id"]), language="en")
        article.sentences = split_sentences(article.text)
        article.event_id = event_ids[str(r["event"])]
        topics[str(r.get("topic", r["event"]))].append(article)
    return topics


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ecb", type=Path, required=True, help="ECB+ dev JSONL (id, topic, event, text)")
    ap.add_argument("--sample", type=int, default=12, help="number reports to print")
    args = ap.parse_args()
    encoder = get_encoder()
    kinds: Counter[str] = Counter()
    reports: list[tuple[str, Discrepancy]] = []
    t0 = time.perf_counter()
    topics = load_topics(args.ecb)
    for topic, group in sorted(topics.items()):
        vectors = {a.id: encoder.encode(a.sentences) for a in group}
        # The whole storyline analysis the pipeline runs, so the counts are what a user would see.
        found = analyse_storyline(group, vectors, encoder=encoder).discrepancies
        kinds.update(d.kind for d in found)
        reports += [(topic, d) for d in found]
    print(
        f"{len(topics)} topics, {sum(map(len, topics.values()))} articles, {time.perf_counter() - t0:.0f} s"
    )
    print("reports by kind:", dict(kinds.most_common()))
    numbers = [r for r in reports if r[1].kind == "number"]
    for topic, d in random.Random(1).sample(numbers, min(args.sample, len(numbers))):
        print(f"== topic {topic}: {d.about}")
        for side in d.sides:
            print(f"   {side.value} | {side.evidence[0].sentence[:150] if side.evidence else ''}")


if __name__ == "__main__":
    main()
