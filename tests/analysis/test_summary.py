"""Extractive event summary: candidates, MMR without near-duplicates, citations."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from storyline.analysis.summary import DUPLICATE_SIMILARITY, is_candidate, summarise_event
from storyline.nlp.encoder import DIM
from storyline.types import Article


def _unit(*weights: tuple[int, float]) -> np.ndarray:
    v = np.zeros(DIM, dtype=np.float32)
    for i, w in weights:
        v[i] = w
    return v / np.linalg.norm(v)


def _article(aid: str, sentences: list[str]) -> Article:
    return Article(id=aid, source_id=aid, text=" ".join(sentences), language="fr", sentences=sentences)


FACT_A = "Le conseil municipal a voté mardi la fermeture définitive de la vieille usine du port."
FACT_A2 = "Mardi, le conseil municipal a décidé de fermer pour de bon la vieille usine du port."
FACT_B = "Les syndicats annoncent une grève de trois jours à partir de lundi prochain dans la ville."
FACT_C = "Le maire espère reconvertir le site en parc public d'ici la fin de la décennie prochaine."
OFF = "Par ailleurs, le club de football local a remporté son match de dimanche contre les voisins."


def test_is_candidate() -> None:
    assert is_candidate(FACT_A)
    assert not is_candidate("Grève générale dans les ports mardi")  # heading
    assert not is_candidate(
        "« Nous ne fermerons jamais cette usine, jamais, quoi qu'il arrive », a-t-il dit."
    )
    assert not is_candidate("Le conseil municipal a-t-il vraiment voté la fermeture définitive de l'usine ?")
    assert not is_candidate("Voici ce que le conseil municipal a décidé lors de sa séance de mardi soir :")


def test_near_duplicates_are_cited_not_repeated() -> None:
    a = _article("a", [FACT_A, FACT_B, OFF])
    b = _article("b", [FACT_A2, FACT_C])
    vectors = {
        "a": np.vstack([_unit((0, 1.0)), _unit((0, 0.5), (1, 1.0)), _unit((9, 1.0))]),
        "b": np.vstack([_unit((0, 1.0), (2, 0.1)), _unit((0, 0.5), (3, 1.0))]),
    }
    summary = summarise_event([a, b], vectors, max_sentences=5)
    texts = [s.sentence for s in summary]
    assert texts[0] in (FACT_A, FACT_A2)
    assert sorted(summary[0].articles) == ["a", "b"]
    assert not (FACT_A in texts and FACT_A2 in texts)
    assert texts[-1] == OFF  # least central comes last
    assert len(summary) == 4


def test_same_figures_in_another_language_are_redundant_and_datelines_dropped() -> None:
    fr = _article(
        "fr", ["LIMA (AFP) - Un séisme de magnitude 6,6 a fait au moins 14 morts dans le sud du pays."]
    )
    en = _article(
        "en", ["An earthquake of magnitude 6.6 killed at least 14 people in the south of the country."]
    )
    en.language = "en"
    other = _article("o", [FACT_C])
    brief = _article("b", ["Séisme au Pérou."])  # not a candidate; pulls the centroid to the quake
    vectors = {
        "fr": _unit((0, 1.0))[None, :],
        "en": _unit((0, 0.5), (1, 1.0))[None, :],  # cosine 0.45 with the French line: only figures tell
        "o": _unit((3, 1.0))[None, :],
        "b": _unit((0, 1.0))[None, :],
    }
    summary = summarise_event([fr, en, other, brief], vectors)
    texts = [s.sentence for s in summary]
    assert texts[0].startswith("Un séisme de magnitude 6,6")  # main language first, dateline gone
    assert not any(t.startswith("An earthquake") for t in texts)


def test_max_sentences_and_empty_input() -> None:
    a = _article("a", [FACT_A, FACT_B, FACT_C])
    vectors = {"a": np.vstack([_unit((0, 1.0)), _unit((1, 1.0)), _unit((2, 1.0))])}
    assert len(summarise_event([a], vectors, max_sentences=2)) == 2
    assert summarise_event([], {}) == []
    short = _article("s", ["Trop court."])
    assert summarise_event([short], {"s": _unit((0, 1.0))[None, :]}) == []


def test_bad_input_is_a_clear_error() -> None:
    a = _article("a", [FACT_A])
    with pytest.raises(ValueError, match="max_sentences"):
        summarise_event([a], {"a": _unit((0, 1.0))[None, :]}, max_sentences=0)
    with pytest.raises(ValueError, match="no sentence vectors"):
        summarise_event([a], {})
    with pytest.raises(ValueError, match="shape"):
        summarise_event([a], {"a": np.zeros((2, DIM), dtype=np.float32)})


@pytest.mark.slow
def test_seeds_event_summary(seeds_dir: Path) -> None:
    from storyline.extraction import extract_document
    from storyline.nlp.encoder import get_encoder
    from storyline.nlp.sentences import split_sentences
    from storyline.types import RawDocument

    enc = get_encoder()
    articles, vectors = [], {}
    for path in sorted(seeds_dir.glob("*.txt"))[:4]:  # the four articles of the 2025 event
        ext = extract_document(RawDocument(source_id=path.name, origin=str(path), text=path.read_text()))
        art = _article(path.name, split_sentences(ext.text))
        articles.append(art)
        vectors[art.id] = enc.encode(art.sentences)
    summary = summarise_event(articles, vectors)
    assert 3 <= len(summary) <= 5
    assert all(s.articles and set(s.articles) <= set(vectors) for s in summary)
    assert len(summary[0].articles) >= 2  # the most central fact is reported by several sources
    chosen = enc.encode([s.sentence for s in summary])
    sims = chosen @ chosen.T - np.eye(len(summary))
    assert sims.max() < DUPLICATE_SIMILARITY
    assert len({a for s in summary for a in s.articles}) >= 3  # not one source's summary
