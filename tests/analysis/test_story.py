"""The analysis entry point on the seed pages: the gold discrepancies, quote and timeline.

The seeds are cleaned with the extraction stage; their publication dates are
inferred from the text (gold ``published`` is an evaluation label and is not
used).  Event membership comes from gold: it is this stage's input, produced
upstream by the clusterer.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from storyline.analysis.story import analyse_storyline, view_for_event
from storyline.nlp.encoder import get_encoder
from storyline.nlp.names import entity_key
from storyline.types import Article, Discrepancy, RawDocument, StoryAnalysis

pytestmark = pytest.mark.slow


def _seed_articles(seeds_dir: Path) -> tuple[list[Article], dict[str, np.ndarray], dict]:
    from storyline.extraction import extract_document
    from storyline.nlp.encoder import get_encoder
    from storyline.nlp.language import identify
    from storyline.nlp.sentences import split_sentences
    from storyline.nlp.temporal import infer_published

    gold = json.loads((seeds_dir / "gold.json").read_text(encoding="utf-8"))
    event_of = {name: i for i, ev in enumerate(gold["events"].values()) for name in ev["articles"]}
    articles = []
    for path in sorted(seeds_dir.glob("*.txt")):
        ext = extract_document(
            RawDocument(source_id=path.name, origin=str(path), text=path.read_text("utf-8"))
        )
        language = ext.language or identify(ext.text)[0]
        published = ext.published or infer_published(ext.text, language=language)[0]
        articles.append(
            Article(id=path.name, source_id=path.name, text=ext.text, title=ext.title, language=language,
                    published=published, sentences=split_sentences(ext.text), event_id=event_of[path.name])
        )  # fmt: skip
    encoder = get_encoder()
    vectors = {a.id: encoder.encode(a.sentences) for a in articles}
    return articles, vectors, gold


@pytest.fixture(scope="module")
def seeds(seeds_dir: Path) -> tuple[list[Article], dict[str, np.ndarray], dict, StoryAnalysis]:
    articles, vectors, gold = _seed_articles(seeds_dir)
    return articles, vectors, gold, analyse_storyline(articles, vectors, encoder=get_encoder())


def _short(names: list[str]) -> set[str]:
    return {n[:3] for n in names}


def _find(analysis: StoryAnalysis, kind: str, sides: list[set[str]]) -> Discrepancy | None:
    """A discrepancy of ``kind`` with one distinct reported side covering each gold side."""
    for d in analysis.discrepancies:
        if d.kind != kind or len(d.sides) < len(sides):
            continue
        reported = [_short(s.articles) for s in d.sides]
        used: set[int] = set()
        for want in sides:
            hit = next((i for i, got in enumerate(reported) if i not in used and want <= got), None)
            if hit is None:
                break
            used.add(hit)
        else:
            return d
    return None


def test_gold_discrepancies_found_with_their_sides(seeds) -> None:
    _articles, _vectors, gold, analysis = seeds
    kinds = {
        "place": "place",
        "number": "number",
        "claim disputed": "claim_disputed",
        "reversal over time": "reversal",
    }
    for g in gold["discrepancies"]:
        sides = [_short(arts) for arts in g["sides"].values()]
        d = _find(analysis, kinds[g["kind"]], sides)
        assert d is not None, (
            g["id"],
            [(x.kind, [s.articles for s in x.sides]) for x in analysis.discrepancies],
        )
        for side in d.sides:
            assert side.value and side.evidence and {e.article for e in side.evidence} <= set(side.articles)


def test_place_outlier_is_alone_on_its_side(seeds) -> None:
    _a, _v, _g, analysis = seeds
    place = _find(analysis, "place", [{"001"}, {"000", "002", "003"}])
    assert place is not None
    lone = next(s for s in place.sides if "001" in _short(s.articles))
    assert _short(lone.articles) == {"001"} and entity_key(lone.value) == entity_key("Ukraine")


def test_few_false_alarms(seeds) -> None:
    _a, _v, gold, analysis = seeds
    assert len(analysis.discrepancies) <= len(gold["discrepancies"]) + 3


def test_kim_quote_and_paraphrase(seeds) -> None:
    _a, _v, _g, analysis = seeds
    quote = next(q for q in analysis.quotes if "battus pour la justice" in q.text)
    assert entity_key(quote.speaker or "") == entity_key("Kim Jong-un")
    assert {"000", "003"} <= _short(quote.articles)
    assert _short(quote.paraphrased_in) == {"001"}


def test_quantities_and_unique_claims(seeds) -> None:
    _a, _v, _g, analysis = seeds
    q = next(q for q in analysis.quantities if q.value == 14_000)
    assert (
        q.counts == "soldats" and q.article.startswith("003") and "autorités ukrainiennes" in (q.source or "")
    )
    assert any(q.value == 16_000 and q.counts == "conteneurs" for q in analysis.quantities)
    assert set(analysis.unique_claims) == {a.id for a in _a}
    # The 2024 article is the only one about the Kremlin's denial: most of its facts are its own.
    assert len(analysis.unique_claims["004_9003d02747d39305.txt"]) >= 3


def test_timeline_dates_with_sources(seeds) -> None:
    _a, _v, gold, analysis = seeds
    for g in gold["timeline"]:
        if g["when"] not in ("2024-06", "2025-04-26", "2025-04-28"):
            continue
        cited = set().union(*(_short(t.articles) for t in analysis.timeline if t.date == g["when"]))
        assert len(cited & _short(g["articles"])) >= 2, (g["when"], cited)


def test_event_views_share_the_reversal_and_keep_the_timeline(seeds) -> None:
    articles, vectors, _g, analysis = seeds
    views = {e: view_for_event(analysis, articles, vectors, e) for e in {a.event_id for a in articles}}
    for view in views.values():
        assert any(d.kind == "reversal" for d in view.discrepancies)
        assert view.timeline == analysis.timeline
    e2 = views[1]
    assert {q.article for q in e2.quantities} == {"004_9003d02747d39305.txt"}
    assert not any(d.kind == "place" for d in e2.discrepancies)
    e1 = views[0]
    assert 3 <= len(e1.summary) <= 5
    assert all(
        s.articles and set(s.articles) <= {a.id for a in articles if a.event_id == 0} for s in e1.summary
    )


def test_bad_input_is_a_clear_error(seeds) -> None:
    articles, vectors, _g, analysis = seeds
    with pytest.raises(ValueError, match="no article of event"):
        view_for_event(analysis, articles, vectors, 99)
    with pytest.raises(ValueError, match="no sentence vectors"):
        analyse_storyline(articles[:1], {}, encoder=get_encoder())
    with pytest.raises(TypeError, match="list of Article"):
        analyse_storyline("articles", vectors, encoder=get_encoder())  # type: ignore[arg-type]
    assert analyse_storyline([], {}, encoder=get_encoder()) == StoryAnalysis()
