"""Timeline: dated facts merged across articles, constrained and undated joins."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from storyline.analysis.timeline import build_timeline, subordinate_clause
from storyline.nlp.encoder import DIM
from storyline.types import Article


class BagOfWords:
    """Deterministic stand-in for USE: hashed bag of words, L2-normalised."""

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for i, t in enumerate(texts):
            for w in re.findall(r"\w+", t.lower()):
                if len(w) > 3:
                    out[i, int(hashlib.md5(w.encode()).hexdigest(), 16) % DIM] += 1.0
            n = np.linalg.norm(out[i])
            out[i] /= n or 1.0
        return out


BOW = BagOfWords()


def _article(aid: str, sentences: list[str], published: str | None, event: int = 1) -> Article:
    return Article(
        id=aid,
        source_id=aid,
        text="\n".join(sentences),
        language="fr",
        published=published,
        sentences=sentences,
        event_id=event,
    )


def _vectors(articles: list[Article]) -> dict[str, np.ndarray]:
    enc = BagOfWords()
    return {a.id: enc.encode(a.sentences) for a in articles}


def test_same_fact_two_sources_one_entry_and_weekday_join() -> None:
    a = _article(
        "a", ["Le ministre des transports a démissionné samedi après le scandale du port."], "2031-03-17"
    )
    b = _article(
        "b", ["Le ministre des transports a démissionné samedi après le scandale du port, dit-on."], None
    )
    (entry,) = build_timeline([a, b], _vectors([a, b]), encoder=BOW)
    assert entry.date == "2031-03-15" and entry.articles == ["a", "b"] and entry.event_id == 1


def test_different_facts_same_day_stay_apart() -> None:
    a = _article(
        "a",
        [
            "Le ministre des transports a démissionné samedi après le scandale du port.",
            "Samedi, une tempête de neige a bloqué les routes alpines pendant des heures.",
        ],
        "2031-03-17",
    )
    entries = build_timeline([a], _vectors([a]), encoder=BOW)
    assert [e.date for e in entries] == ["2031-03-15", "2031-03-15"]


def test_since_is_not_a_fact_date_and_short_lines_are_skipped() -> None:
    a = _article(
        "a",
        ["Le port est fermé depuis juin 2030 aux gros navires de commerce.", "Réunion lundi"],
        "2031-03-17",
    )
    assert build_timeline([a], _vectors([a]), encoder=BOW) == []


def test_weekday_mismatch_does_not_join() -> None:
    a = _article(
        "a", ["Le ministre des transports a démissionné samedi après le scandale du port."], "2031-03-17"
    )
    b = _article("b", ["Le ministre des transports a démissionné vendredi après le scandale du port."], None)
    entries = build_timeline([a, b], _vectors([a, b]), encoder=BOW)
    assert [e.articles for e in entries] == [["a"]]


def test_coarser_date_merges_into_precise_entry_from_another_article() -> None:
    a = _article(
        "a", ["Les deux pays ont signé en juin 2030 un accord de coopération portuaire."], "2031-03-17"
    )
    b = _article(
        "b", ["Les deux pays ont signé l'an dernier un accord de coopération portuaire."], "2031-03-17"
    )
    (entry,) = build_timeline([a, b], _vectors([a, b]), encoder=BOW)
    assert entry.date == "2030-06" and entry.articles == ["a", "b"]


def test_undated_restatement_joins_a_day_entry_only() -> None:
    a = _article(
        "a",
        [
            "Le ministre des transports a démissionné lundi après le scandale du port.",
            "Les deux pays ont signé en juin 2030 un accord de coopération portuaire.",
        ],
        "2031-03-17",
    )
    b = _article(
        "b",
        [
            "Le ministre des transports a démissionné après le scandale du port.",
            "Les deux pays ont signé un accord de coopération portuaire.",
        ],
        None,
    )
    entries = {e.date: e.articles for e in build_timeline([a, b], _vectors([a, b]), encoder=BOW)}
    assert entries == {"2030-06": ["a"], "2031-03-17": ["a", "b"]}


def test_undated_article_is_reanchored_by_its_weekday_facts() -> None:
    a = _article(
        "a",
        [
            "Le ministre des transports a démissionné lundi 17 mars après le scandale du port.",
            "Les deux pays ont signé en juin 2030 un accord de coopération portuaire.",
        ],
        "2031-03-17",
    )
    b = _article(
        "b",
        [
            "Le ministre des transports a démissionné lundi après le scandale du port.",
            "Les deux pays ont signé l'an dernier un accord de coopération portuaire.",
        ],
        None,
        event=2,
    )
    entries = {e.date: e.articles for e in build_timeline([a, b], _vectors([a, b]), encoder=BOW)}
    assert entries == {"2030-06": ["a", "b"], "2031-03-17": ["a", "b"]}


def test_subordinate_clause() -> None:
    s = "Les troupes ont repris la région, dont les rebelles se sont emparés au cours de l'été 2030, hier."
    i = s.index("l'été 2030")
    assert subordinate_clause(s, i, i + len("l'été 2030")) == (
        "dont les rebelles se sont emparés au cours de l'été 2030"
    )
    j = s.index("hier")
    assert subordinate_clause(s, j, j + 4) is None


def test_subordinate_clause_keeps_its_antecedent() -> None:
    s = "Il envoie des soldats dans le cadre du traité de défense que son pays a signé l'an dernier avec Moscou."
    i = s.index("l'an dernier")
    # the clause is about signing the treaty: up to ANTECEDENT_WORDS before "que" come with it
    assert subordinate_clause(s, i, i + len("l'an dernier")) == (
        "cadre du traité de défense que son pays a signé l'an dernier avec Moscou."
    )


def test_bad_input_is_a_clear_error() -> None:
    a = _article("a", ["Le ministre a démissionné samedi après le scandale du port."], "2031-03-17")
    with pytest.raises(ValueError, match="no sentence vectors"):
        build_timeline([a], {}, encoder=BOW)
    with pytest.raises(ValueError, match="shape"):
        build_timeline([a], {"a": np.zeros((3, DIM), dtype=np.float32)}, encoder=BOW)
    with pytest.raises(TypeError, match="Article"):
        build_timeline(["a"], {}, encoder=BOW)  # type: ignore[list-item]
    with pytest.raises(TypeError, match="dict"):
        build_timeline([a], None, encoder=BOW)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="numeric"):
        build_timeline([a], {"a": "not a matrix"}, encoder=BOW)  # type: ignore[dict-item]
    # plain nested lists are accepted; a garbage publication date is ignored, not fatal
    a.published = "sometime"
    assert build_timeline([a], {"a": [[0.1] * DIM]}, encoder=BOW) == []  # type: ignore[dict-item]


def _seed_articles(seeds_dir: Path) -> list[Article]:
    from storyline.extraction import extract_document
    from storyline.nlp.sentences import split_sentences
    from storyline.types import RawDocument

    out = []
    for i, path in enumerate(sorted(seeds_dir.glob("*.txt"))):
        ext = extract_document(RawDocument(source_id=path.name, origin=str(path), text=path.read_text()))
        # published: what the pipeline would have (extraction's date, else None: the
        # timeline infers from the text itself); never the gold label.
        out.append(
            Article(
                id=path.name,
                source_id=path.name,
                text=ext.text,
                language="fr",
                published=ext.published,
                sentences=split_sentences(ext.text),
                event_id=2 if i == 4 else 1,
            )
        )
    return out


@pytest.mark.slow
def test_seeds_timeline(seeds_dir: Path) -> None:
    import json

    from storyline.nlp.encoder import get_encoder

    articles = _seed_articles(seeds_dir)
    enc = get_encoder()
    vectors = {a.id: enc.encode(a.sentences) for a in articles}
    entries = build_timeline(articles, vectors, encoder=enc)
    gold = json.loads((seeds_dir / "gold.json").read_text())["timeline"]
    cited: dict[str, set[str]] = {}
    for e in entries:
        cited.setdefault(e.date, set()).update(e.articles)
    for g in gold:
        if g["when"] in ("2025-04-26", "2025-04-28"):
            # every source of the gold fact cites it under that exact day
            assert set(g["articles"]) <= cited.get(g["when"], set()), (g["when"], cited.get(g["when"]))
        if g["when"] == "2024-06":
            # "juin 2024" / "En juin" in three sources; 003's "que [...] a signé l'an dernier"
            # joins through its relative clause with the antecedent noun phrase
            assert set(g["articles"]) <= cited.get("2024-06", set()), cited.get("2024-06")
    assert len(entries) <= 12  # a reader's timeline, not every date in the texts
    assert [e.date for e in entries] == sorted(e.date for e in entries)


def _example_storylines(examples_dir: Path) -> Iterator[tuple[list[Article], list[dict]]]:
    """Each gold storyline of the example corpus as pipeline-like articles, with its gold timeline."""
    import json

    from storyline.extraction import extract_document
    from storyline.nlp.language import identify
    from storyline.nlp.sentences import split_sentences
    from storyline.types import RawDocument

    gold_path = examples_dir / "gold.json"
    if not gold_path.is_file():
        pytest.skip("example corpus not found")
    gold = json.loads(gold_path.read_text())
    feed = {}
    for line in (examples_dir / "feed.jsonl").read_text().splitlines():
        if line.strip():
            item = json.loads(line)
            feed[item["id"]] = item
    event_of = {a: n for n, (_, ev) in enumerate(sorted(gold["events"].items())) for a in ev["articles"]}
    for story in gold["storylines"].values():
        ids = [a for e in story["events"] for a in gold["events"][e]["articles"]]
        articles = []
        for aid in ids:
            if aid in feed:
                f = feed[aid]
                raw = RawDocument(source_id=aid, origin="feed", text=f.get("text"), html=f.get("html"),
                                  title=f.get("title"), published=f.get("published"), language=f.get("language"))  # fmt: skip
            else:
                path = examples_dir / aid
                body = path.read_text()
                is_html = path.suffix == ".html"
                raw = RawDocument(
                    source_id=aid, origin=aid, text=None if is_html else body, html=body if is_html else None
                )
            ext = extract_document(raw)
            articles.append(
                Article(id=aid, source_id=aid, text=ext.text, language=ext.language or identify(ext.text)[0],
                        published=ext.published, sentences=split_sentences(ext.text), event_id=event_of[aid])
            )  # fmt: skip
        yield articles, [g for g in gold["timeline"] if set(g["articles"]) & set(ids)]


@pytest.mark.slow
def test_examples_timeline(examples_dir: Path) -> None:
    """Every gold timeline fact of the example corpus is dated right and cites most of its sources."""
    from storyline.nlp.encoder import get_encoder

    enc = get_encoder()
    found = total = cited_sources = gold_sources = 0
    for articles, gold in _example_storylines(examples_dir):
        vectors = {a.id: enc.encode(a.sentences) for a in articles}
        cited: dict[str, set[str]] = {}
        for e in build_timeline(articles, vectors, encoder=enc):
            cited.setdefault(e.date, set()).update(e.articles)
        for g in gold:
            hits = cited.get(g["when"], set()) & set(g["articles"])
            total += 1
            found += bool(hits)
            cited_sources += len(hits)
            gold_sources += len(g["articles"])
    # measured 27/27 facts, 86/97 sources when written
    assert found >= 0.9 * total
    assert cited_sources >= 0.75 * gold_sources
