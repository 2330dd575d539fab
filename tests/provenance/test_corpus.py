"""Provenance on real text: the seed articles and the bundled example corpus (USE model: slow)."""

from __future__ import annotations

import functools
import itertools
import json
from pathlib import Path

import numpy as np
import pytest

from storyline.extraction import extract_document, learn_furniture
from storyline.ingest import read_inputs
from storyline.nlp.encoder import get_encoder
from storyline.pipeline import build_article
from storyline.provenance import ProvenanceResult, relate_articles
from storyline.types import Article, RawDocument

pytestmark = pytest.mark.slow


@functools.lru_cache(maxsize=2)
def _load(folder: str) -> tuple[list[Article], dict[str, np.ndarray]]:
    raws = [r for r in read_inputs([Path(folder)]) if isinstance(r, RawDocument)]
    memory = learn_furniture(raws)
    articles = [build_article(r, extract_document(r, furniture=memory)) for r in raws]
    # One encoder call for the whole corpus (per-article calls cost more under CPU contention).
    flat = get_encoder().encode([s for a in articles for s in a.sentences])
    vectors, k = {}, 0
    for a in articles:
        vectors[a.id] = flat[k : k + len(a.sentences)]
        k += len(a.sentences)
    return articles, vectors


def _by_source(
    result: ProvenanceResult, articles: list[Article]
) -> dict[frozenset[str], tuple[str, str, str]]:
    name = {a.id: a.source_id for a in articles}
    return {
        frozenset((name[r.from_], name[r.to])): (r.kind, name[r.from_], name[r.to]) for r in result.relations
    }


def _seed(articles: list[Article], prefix: str) -> str:
    return next(a.source_id for a in articles if a.source_id.startswith(prefix))


def test_seeds(seeds_dir: Path) -> None:
    articles, vectors = _load(str(seeds_dir))
    result = relate_articles(articles, vectors)
    rels = _by_source(result, articles)
    s = {p: _seed(articles, p) for p in ("000", "001", "002", "003")}

    # 001 rewrites 000 (000 -> 001): not a copy, not independent.
    assert rels.get(frozenset((s["000"], s["001"]))) == ("rewrite", s["000"], s["001"])
    # 002 is nobody's rewrite.
    assert not any(
        s["002"] in pair and kind in ("rewrite", "wire_copy", "duplicate")
        for pair, (kind, _, _) in rels.items()
    )

    # Kim Jong-un's words are quoted verbatim by 000 and 003: a shared quote, not copying.
    name = {a.id: a.source_id for a in articles}
    quote_rel = next(r for r in result.relations if {name[r.from_], name[r.to]} == {s["000"], s["003"]})
    assert quote_rel.kind == "shares_quotes"
    assert any(p.kind == "quote" and "battus pour la justice" in p.from_text for p in quote_rel.passages)
    # ... and paraphrased in 001: the rewrite aligns 000's quote sentence with a non-quote sentence.
    rewrite = next(r for r in result.relations if {name[r.from_], name[r.to]} == {s["000"], s["001"]})
    assert any(p.kind == "paraphrase" and "battus pour la justice" in p.from_text for p in rewrite.passages)
    for a in articles:
        assert 0.0 <= result.original_share[a.id] <= 1.0


def test_examples(examples_dir: Path) -> None:
    gold_path = examples_dir / "gold.json"
    if not gold_path.exists():
        pytest.skip("example corpus not present")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    articles, vectors = _load(str(examples_dir))
    by_name = {a.source_id: a for a in articles}
    event_of = {name: ev for ev, e in gold["events"].items() for name in e["articles"]}
    result = relate_articles(articles, vectors)
    rels = _by_source(result, articles)

    expected: dict[frozenset[str], tuple[str, str, str]] = {}
    agency_copies: dict[tuple[str, str], list[str]] = {}
    for p in gold["provenance"]:
        if p["from"] in by_name:
            expected[frozenset((p["from"], p["to"]))] = (p["kind"], p["from"], p["to"])
        else:  # copied from an agency: every two copies of one agency story are wire copies
            agency_copies.setdefault((p["from"], event_of[p["to"]]), []).append(p["to"])
    for (agency, _event), names in agency_copies.items():
        for x, y in itertools.combinations(names, 2):
            got = rels.get(frozenset((x, y)))
            assert got is not None and got[0] == "wire_copy", (x, y, got)
            rel = next(r for r in result.relations if {r.from_, r.to} == {by_name[x].id, by_name[y].id})
            assert rel.via == agency
            # Publication times are known: the earlier copy is the source.
            earlier = min((x, y), key=lambda n: by_name[n].published or "")
            assert got[1] == earlier and rel.direction_certain
    for pair, want in expected.items():
        assert rels.get(pair) == want, (pair, rels.get(pair))

    quote_pairs = {
        frozenset(pair) for q in gold["shared_quotes"] for pair in itertools.combinations(q["articles"], 2)
    }
    allowed = set(expected) | {
        frozenset(x) for names in agency_copies.values() for x in itertools.combinations(names, 2)
    }
    false = [
        (pair, got)
        for pair, got in rels.items()
        if pair not in allowed and not (got[0] == "shares_quotes" and pair in quote_pairs)
    ]
    # Unrelated articles (other events) never get a relation beyond a gold shared quote.
    assert not [f for f in false if len({event_of[n] for n in f[0]}) > 1], false
    # Every gold verbatim quote shared by two articles is found.
    for pair in quote_pairs:
        assert pair in rels, sorted(pair)
