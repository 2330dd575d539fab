"""Per-article facts: computed at ingest, stored, read by analysis instead of recomputed,
recomputed when stale -- and the views they give equal a rebuild from the texts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import update

from storyline import registry
from storyline.analysis.facts import compute_facts, facts_version, refresh_facts
from storyline.analysis.stage import AnalyseState
from storyline.models import Models
from storyline.nlp.ner import MentionCache
from storyline.pipeline import analyse_events, analyze
from storyline.store import SQLStore, open_store
from storyline.store.schema import FactsRow
from storyline.types import Article, ArticleFacts, Quantity, StoryBatch, to_json


def _stored_views(store: SQLStore) -> dict[int, str]:
    out: dict[int, str] = {}
    for art in store.iter_articles():
        eid = art["event_id"]
        if eid is not None and eid not in out:
            data = store.get_analysis(eid)
            assert data is not None, f"event {eid} has no stored view"
            out[eid] = json.dumps(data, sort_keys=True)
    return out


def _rebuilt_views(store: SQLStore, event_ids: set[int]) -> dict[int, str]:
    """Every view computed from the texts alone: no stored facts, a fresh NER cache."""
    out: dict[int, str] = {}
    storylines = {store.get_event(e).storyline_id for e in event_ids}  # type: ignore[union-attr]
    for sid in sorted(storylines):
        events = store.events_of_storyline(sid)
        articles = store.articles_of_events(e.id for e in events)
        story = StoryBatch(sid, events, articles, store.sentence_vectors(a.id for a in articles))
        for stage in registry.storyline_stages():
            state = AnalyseState(mentions=MentionCache()) if stage.state == "analyse" else None
            story, _ = stage.run(story, state, models=Models.default())
        assert len(story.new_facts) == len(articles)  # (nothing was read: everything recomputed)
        out.update({eid: json.dumps(to_json(v), sort_keys=True) for eid, v in story.views.items()})
    return out


@pytest.mark.slow
@pytest.mark.parametrize("corpus", ["examples", "seeds"])
def test_views_from_stored_facts_equal_a_rebuild(
    corpus: str, examples_dir: Path, seeds_dir: Path, tmp_path: Path
) -> None:
    db = tmp_path / "facts.db"
    res = analyze([examples_dir if corpus == "examples" else seeds_dir], db=db, batch_size=8)
    assert not res.problems and res.added
    store = open_store(db)
    try:
        ids = [a for a, _, _ in res.added]
        facts = store.facts_of(ids)
        assert set(facts) == set(ids)  # every article's facts were kept at ingest
        assert {f.version for f in facts.values()} == {facts_version()}
        stored = _stored_views(store)
        assert _rebuilt_views(store, set(stored)) == stored
    finally:
        store.close()


@pytest.mark.slow
def test_stale_facts_are_recomputed_when_read_and_by_refresh(seeds_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "stale.db"
    res = analyze([seeds_dir], db=db)
    store = open_store(db)
    try:
        before = _stored_views(store)
        ids = [a for a, _, _ in res.added]
        # Stale facts whose content is wrong: read as they are, they would change the views.
        with store.session() as s, s.begin():
            s.execute(update(FactsRow).where(FactsRow.article_id == ids[0]).values(
                version="rules0", data={"article_id": ids[0], "version": "rules0", "mentions": [], "quantities": []}
            ))  # fmt: skip
        analyse_events(store, set(before))
        assert store.facts_of([ids[0]])[ids[0]].version == facts_version()
        assert _stored_views(store) == before
        # A library refresh (what a ``reanalyse`` command calls) recomputes exactly the stale ones.
        with store.session() as s, s.begin():
            s.execute(update(FactsRow).where(FactsRow.article_id.in_(ids[:2])).values(version="rules0"))
            s.execute(update(FactsRow).where(FactsRow.article_id == ids[2]).values(data={"broken": True}))
        assert refresh_facts(store) == 3
        assert refresh_facts(store) == 0
        assert {f.version for f in store.facts_of(ids).values()} == {facts_version()}
    finally:
        store.close()


def test_facts_round_trip_through_the_store(tmp_path: Path) -> None:
    store = SQLStore(tmp_path / "rt.db")
    try:
        q = Quantity(value=14.0, unit=None, counts="morts", text="14", article="a1", approx=True,
                     source="la police", sentence="Au moins 14 morts, selon la police.")  # fmt: skip
        facts = ArticleFacts("a1", "v1", mentions=[[("Lima", "LOC", 0, 4)], []], quantities=[q])
        store.save_facts([facts])
        assert store.facts_of(["a1", "missing"]) == {"a1": facts}
        newer = ArticleFacts("a1", "v2", mentions=[[]], quantities=[])
        store.save_facts([newer])
        assert store.facts_of(["a1"]) == {"a1": newer}
    finally:
        store.close()


@pytest.mark.slow
def test_compute_facts_is_per_article() -> None:
    """An article's facts do not depend on the articles computed with it."""
    a = Article(id="a", source_id="a", text="Le séisme a fait 14 morts à Lima, selon la police.",
                language="fr", sentences=["Le séisme a fait 14 morts à Lima, selon la police."])  # fmt: skip
    b = Article(id="b", source_id="b", text="Angela Merkel visited Paris on Monday with 300 officials.",
                language="en", sentences=["Angela Merkel visited Paris on Monday with 300 officials."])  # fmt: skip
    together = compute_facts([a, b])
    assert together["a"] == compute_facts([a])["a"] and together["b"] == compute_facts([b])["b"]
    assert [q.counts for q in together["a"].quantities] == ["morts"]
    assert len(together["b"].mentions) == 1
