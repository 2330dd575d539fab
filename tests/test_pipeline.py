"""End-to-end runs of the orchestrator on real models and a real SQLite store."""

from __future__ import annotations

import json
import shutil
from collections import defaultdict
from pathlib import Path

import pytest

from storyline.pipeline import analyze
from storyline.store import open_store

pytestmark = pytest.mark.slow


def _partition(db: Path) -> dict[str, int]:
    store = open_store(db)
    try:
        return {row["source_id"]: row["event_id"] for row in store.iter_articles()}
    finally:
        store.close()


def _groups(part: dict[str, int]) -> set[frozenset[str]]:
    groups: dict[int, set[str]] = defaultdict(set)
    for sid, eid in part.items():
        groups[eid].add(sid)
    return {frozenset(g) for g in groups.values()}


def test_seeds_two_events_one_storyline_and_idempotent(seeds_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "seeds.db"
    res = analyze([seeds_dir], db=db)
    assert not res.problems, res.problems
    part = _partition(db)
    assert len(part) == 5
    prefixes = {frozenset(s[:3] for s in g) for g in _groups(part)}
    assert prefixes == {frozenset({"000", "001", "002", "003"}), frozenset({"004"})}
    store = open_store(db)
    try:
        storylines = {store.get_event(e).storyline_id for e in set(part.values())}  # type: ignore[union-attr]
        assert len(storylines) == 1
        rows_before = list(store.iter_articles())
    finally:
        store.close()
    again = analyze([seeds_dir], db=db)
    assert again.added == [] and len(again.skipped) == 5
    store = open_store(db)
    try:
        assert list(store.iter_articles()) == rows_before
    finally:
        store.close()


def test_examples_gold_events_and_batch_order(examples_dir: Path, tmp_path: Path) -> None:
    gold_path = examples_dir / "gold.json"
    if not gold_path.exists():
        pytest.skip("examples/gold.json not written yet")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    gold_groups = {frozenset(ev["articles"]) for ev in gold["events"].values()}
    at_once = tmp_path / "once.db"
    res = analyze([examples_dir], db=at_once, analyse=False)
    assert not res.problems, res.problems
    part = _partition(at_once)
    assert _groups(part) == gold_groups
    # Fed in two halves (second half first), the partition is the same.
    halves = tmp_path / "halves.db"
    files = sorted(p for p in examples_dir.iterdir() if p.suffix in {".txt", ".html", ".jsonl"})
    first, second = files[len(files) // 2 :], files[: len(files) // 2]
    analyze(first, db=halves, analyse=False)
    analyze(second, db=halves, analyse=False)
    assert _groups(_partition(halves)) == gold_groups


def test_bad_inputs_rejected_one_line_each_and_store_intact(seeds_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "bad.db"
    good = tmp_path / "good"
    good.mkdir()
    shutil.copy(seeds_dir / sorted(p.name for p in seeds_dir.glob("*.txt"))[0], good)
    analyze([good], db=db, analyse=False)
    before = _partition(db)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.html").write_bytes(bytes(range(256)) * 100)
    (bad / "latin1.txt").write_bytes(
        ("Le gouvernement a annoncé mardi une réforme des retraites très contestée par les syndicats, "
         "qui appellent à la grève générale dans toute la France à partir de la semaine prochaine.").encode("latin-1"))
    with (bad / "huge.txt").open("wb") as fh:
        fh.write(b"word " * (50 * 1024 * 1024 // 5))
    (bad / "broken.html").write_text("<html><body><div><p>Unclosed <b>tags <i>everywhere", encoding="utf-8")
    (bad / "feed.jsonl").write_text('{"id": "ok1", "text": "Short."}\n{broken\n', encoding="utf-8")
    res = analyze([bad], db=db, analyse=False)
    reasons: dict[str, list[str]] = defaultdict(list)
    for p in res.problems:
        reasons[Path(p.origin.split(":")[0]).name].append(p.reason)
    assert len(reasons["empty.txt"]) == 1 and "empty" in reasons["empty.txt"][0]
    assert len(reasons["binary.html"]) == 1 and "binary" in reasons["binary.html"][0]
    assert len(reasons["huge.txt"]) == 1 and "too large" in reasons["huge.txt"][0]
    assert any("line 2" in r for r in reasons["feed.jsonl"])
    assert "latin1.txt" in {sid for _, sid, _ in res.added}
    after = _partition(db)
    assert all(after[k] == v for k, v in before.items())


def test_moves_of_the_refine_pass_reach_the_store(early_arrival, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """An article stored with the wrong event is re-pointed, with both events' rows, when its event forms."""
    from storyline.clustering.stage import ClusterState, EventMeta, collect_outcome
    from storyline.store.persist import persist
    from storyline.types import Article, Batch, ClusterOutcome

    def save(store, state, assignments, language: str) -> None:  # type: ignore[no-untyped-def]
        arts = [Article(id=a.article_id, source_id=f"{a.article_id}.txt", text="Body.", language=language,
                        event_id=a.event_id, storyline_id=a.storyline_id) for a in assignments]  # fmt: skip
        for art in arts:
            state.meta.setdefault(art.event_id, EventMeta()).add(art.language, None, None)
            state.remember(art)
        # (the fixture already took the clusterer's changes: every event's row is written)
        outcome = ClusterOutcome(events=[state.record(e) for e in state.clusterer.events])
        persist(Batch(raws=[], articles=arts), outcome, store)

    store = open_store(tmp_path / "m.db")
    try:
        clusterer, first, batch2 = early_arrival()
        state = ClusterState(clusterer=clusterer)
        save(store, state, first, "en")
        y_event = first[0].event_id
        assert store.get_article("x0").event_id == y_event  # type: ignore[union-attr]
        second = clusterer.assign(batch2)
        x_event = second[0].event_id
        arts = [Article(id=a.article_id, source_id=f"{a.article_id}.txt", text="Body.", language="de",
                        event_id=a.event_id) for a in second]  # fmt: skip
        for art in arts:
            state.meta.setdefault(art.event_id, EventMeta()).add("de", None, None)
        outcome = collect_outcome(state)
        assert outcome.moves == {"x0": x_event}
        saved = persist(Batch(raws=[], articles=arts), outcome, store)
        assert store.get_article("x0").event_id == x_event  # type: ignore[union-attr]
        rows = {r.id: r for r in store.event_rows()}
        assert rows[y_event].n == 4 and rows[x_event].n == 5
        assert "en" in rows[x_event].languages  # x0's language came with it
        assert {y_event, x_event} <= saved.touched_events  # both stories are analysed again
        assert clusterer.moved_articles() == {}
    finally:
        store.close()


def test_warm_state_is_reused_until_another_writer_changes_the_store(examples_dir: Path, tmp_path: Path) -> None:
    from storyline.pipeline import WarmState, ingest_documents
    from storyline.types import RawDocument

    docs = [
        RawDocument(source_id=p.name, origin=str(p), text=p.read_text("utf-8"))
        for p in sorted(examples_dir.glob("00[1-5]_*.txt"))
    ]
    store = open_store(tmp_path / "w.db")
    try:
        warm = WarmState()
        first = ingest_documents(docs[:2], store=store, warm=warm, analyse=False)
        second = ingest_documents(docs[2:3], store=store, warm=warm, analyse=False)
        assert warm.loads == 1  # the second call borrowed what the first left
        assert len(first.added) == 2 and len(second.added) == 1
        # Same story: the kept clusterer state put the third copy with the first two.
        assert {e for _, _, e in first.added} == {e for _, _, e in second.added}
        ingest_documents(docs[3:4], store=store, analyse=False)  # another writer
        third = ingest_documents(docs[4:5], store=store, warm=warm, analyse=False)
        assert warm.loads == 2  # the store changed under it: loaded afresh, nothing lost
        assert len(third.added) == 1 and store.count_articles() == 5
    finally:
        store.close()


def test_one_row_per_publication(tmp_path: Path) -> None:
    """The same wire text at two outlets is two publications; the same record again is a no-op."""
    wire = (
        "LISBON (Reuters) - Dockers at the port of Lisbon walked out on Tuesday over pay, closing the container "
        "terminals for the second time this month, the union said.\n\n"
        "The port authority said ships would be sent to Sines until the strike ends on Friday.\n\n"
        "Talks between the union and the terminal operators broke down last week, when the operators offered "
        "a rise of two percent that the union called an insult to workers who kept the port open in the winter."
    )
    feed = tmp_path / "feed.jsonl"
    records = [
        {"id": "ledger-1", "text": wire, "outlet": "The Ledger", "url": "https://ledger.example/lisbon"},
        {"id": "harbour-9", "text": wire, "outlet": "Harbour Times"},
        {"id": "ledger-1", "text": wire, "outlet": "The Ledger"},  # the first record again
        {"id": "other-2", "text": wire, "url": "https://ledger.example/lisbon?utm_source=rss"},  # its URL again
        {"title": "Lisbon dockers strike again"},  # a headline item
    ]
    feed.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    db = tmp_path / "pubs.db"
    res = analyze([feed], db=db, analyse=False)
    assert not res.problems
    assert [s for _, s, _ in res.added] == ["ledger-1", "harbour-9", "feed.jsonl:5"]
    assert [s for s, _ in res.skipped] == ["ledger-1", "other-2"]
    store = open_store(db)
    try:
        rows = {r["source_id"]: r for r in store.iter_articles()}
        first, second = rows["ledger-1"], rows["harbour-9"]
        assert first["id"] != second["id"] and first["text_hash"] == second["text_hash"]
        assert second["duplicate_of"] == first["id"] and first["duplicate_of"] is None
        assert first["event_id"] == second["event_id"]
        event = store.get_event(first["event_id"])
        assert event is not None and set(event.outlets) == {"The Ledger", "Harbour Times"}
        assert rows["feed.jsonl:5"]["short"] is True and first["short"] is False
    finally:
        store.close()
    again = analyze([feed], db=db, analyse=False)
    assert again.added == [] and len(again.skipped) == 5


def test_every_ecbplus_id_is_exported(shared_data: Path, tmp_path: Path) -> None:
    """ECB+ dev holds texts carried under two ids: both ids must be stored and exported."""
    from storyline.export import export_articles

    src = shared_data / "ecbplus-dev.jsonl"
    ids = [json.loads(line)["id"] for line in src.read_text(encoding="utf-8").splitlines() if line.strip()]
    db = tmp_path / "ecb.db"
    res = analyze([src], db=db, analyse=False)
    assert not res.problems and not res.skipped
    store = open_store(db)
    try:
        import io

        out = io.StringIO()
        export_articles(store, fmt="jsonl", out=out)
    finally:
        store.close()
    exported = [json.loads(line)["source_id"] for line in out.getvalue().splitlines()]
    assert sorted(exported) == sorted(ids)
