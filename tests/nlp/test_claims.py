"""Stance claims (assert / deny / confirm, actors, negation, former positions) and unique claims."""

from __future__ import annotations

import re

import numpy as np
import pytest

from storyline.nlp.claims import actor_key, extract_claims, unique_claims
from storyline.nlp.ner import Mention
from storyline.types import Article


def _mentions(sentence: str, names: dict[str, str]) -> list[Mention]:
    out = [
        Mention(n, lb, m.start(), m.end())
        for n, lb in names.items()
        for m in re.finditer(re.escape(n), sentence)
    ]
    return sorted(out, key=lambda m: m.start)


def _claims(sentences: list[str], names: dict[str, str], language: str = "fr") -> list:
    art = Article(id="a", source_id="a", text=" ".join(sentences), language=language, sentences=sentences)
    return extract_claims(art, mentions=[_mentions(s, names) for s in sentences])


def test_subject_and_passive_agent_in_one_sentence() -> None:
    s = "Moscou a revendiqué avoir repris la région, une annonce démentie par Kyiv."
    claims = _claims([s], {"Moscou": "LOC", "Kyiv": "LOC"})
    by_stance = {c.stance: c for c in claims if c.cue in ("revendiqué", "démentie")}
    assert by_stance["assert"].actor == "Moscou"
    assert by_stance["deny"].actor == "Kyiv"
    assert by_stance["assert"].actor_key == actor_key("Russie")  # the capital stands for its country
    assert by_stance["deny"].actor_key == actor_key("Ukraine")


def test_nominal_confirmation_and_novelty() -> None:
    s = "Le général a salué samedi les soldats, première confirmation officielle de Moscou de leur présence."
    [c] = _claims([s], {"Moscou": "LOC"})
    assert (c.stance, c.actor, c.novelty) == ("confirm", "Moscou", True)


def test_negated_cue_carries_no_stance() -> None:
    s = "Une présence que Moscou et Pyongyang n'avaient jamais confirmée ni démentie."
    assert _claims([s], {"Moscou": "LOC", "Pyongyang": "LOC"}) == []


def test_negative_statement_is_a_denial_and_dismissals_count() -> None:
    claims = _claims(
        [
            "La direction assure qu'aucune donnée de patient n'a été volée.",
            '"Cela ressemble à une nouvelle fake news", a déclaré le porte-parole Dmitri Peskov.',
        ],
        {"Dmitri Peskov": "PER"},
    )
    assert [(c.index, c.stance) for c in claims] == [(0, "deny"), (1, "deny")]
    assert claims[0].negative and claims[1].actor == "Dmitri Peskov"


def test_former_position_is_marked_past() -> None:
    claims = _claims(
        ["In January, Mesquita had publicly denied that any such plan existed."], {"Mesquita": "PER"}, "en"
    )
    [c] = [c for c in claims if c.stance == "deny"]
    assert c.past and c.actor == "Mesquita"


def test_name_modifying_a_noun_is_not_the_actor() -> None:
    [c] = _claims(["Lisbon terminal operator denies plan to automate"], {"Lisbon": "LOC"}, "en")
    assert c.stance == "deny" and c.actor is None


def test_nationality_phrase_maps_to_country() -> None:
    assert actor_key("les autorités ukrainiennes") == actor_key("Ukraine")
    assert actor_key("le Kremlin") == actor_key("Russia")
    assert actor_key(None) is None


def _art(aid: str, sentences: list[str]) -> Article:
    return Article(id=aid, source_id=aid, text=" ".join(sentences), sentences=sentences)


def test_unique_claims_are_unmatched_fact_sentences() -> None:
    a = _art(
        "a",
        [
            "The strike began on Thursday with 2,000 workers at the terminal.",
            "Pure opinion here and nothing else at all.",
        ],
    )
    b = _art("b", ["Workers began a strike on Thursday at the terminal, 2,000 of them."])
    e = np.eye(3, dtype=np.float32)
    vectors = {"a": np.vstack([e[0], e[1]]), "b": np.vstack([e[0]])}
    out = unique_claims([a, b], vectors)
    assert out["b"] == []
    # a's second sentence is unmatched but states no checkable fact (no number, name or quote)
    assert out["a"] == []
    vectors["a"] = np.vstack([e[2], e[1]])
    assert unique_claims([a, b], vectors)["a"] == [a.sentences[0]]


def test_unique_claims_rejects_bad_vectors() -> None:
    a = _art("a", ["One sentence with 3 numbers."])
    with pytest.raises(ValueError, match="no sentence vectors"):
        unique_claims([a], {})
    with pytest.raises(ValueError, match="shape"):
        unique_claims([a], {"a": np.zeros((2, 4), dtype=np.float32)})
    b = _art("b", ["Another sentence with 4 numbers."])
    with pytest.raises(ValueError, match="different dimensions"):
        unique_claims(
            [a, b], {"a": np.zeros((1, 4), dtype=np.float32), "b": np.zeros((1, 3), dtype=np.float32)}
        )
