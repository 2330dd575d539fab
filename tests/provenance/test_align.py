from __future__ import annotations

import numpy as np
import pytest
from provenance_helpers import Meanings, make_article

from storyline.provenance.align import (
    align_articles,
    align_sentences,
    extract_quotes,
    pair_scores,
    unquoted_tokens,
)


def test_quotes_balanced_cut_and_short() -> None:
    assert extract_quotes("« Nous reconstruirons chaque maison du village », a-t-il promis.") == [
        "nous reconstruirons chaque maison du village"
    ]
    assert extract_quotes('He said "we will rebuild every single house" on Monday.') == [
        "we will rebuild every single house"
    ]
    # Quotation cut by sentence splitting: opened and never closed, or closed and never opened.
    assert extract_quotes('"We will rebuild every house in this valley.') == [
        "we will rebuild every house in this valley"
    ]
    assert extract_quotes('It will take years, " the mayor said on Monday.') == ["it will take years"]
    assert extract_quotes('Take years, " the mayor said on Monday.') == []  # two words: too short
    # Scare quotes of one or two words do not count as a shared statement.
    assert extract_quotes("Il a qualifié les soldats de « héros » et de « patriotes ».") == []
    assert unquoted_tokens("« Nous reconstruirons chaque maison », a-t-il promis.") == [
        "a",
        "t",
        "il",
        "promis",
    ]


def test_kinds_of_sentence_pairs() -> None:
    m = Meanings(11)
    a, va = make_article(
        "a",
        [
            ("Le pont de la rivière a été fermé lundi après une inspection.", "bridge"),
            ("La mairie prévoit trois mois de travaux avant la réouverture.", "works"),
            (
                "« Nous ne prendrons aucun risque avec la sécurité des habitants », a déclaré le maire.",
                "quote-a",
            ),
            ("Le club de football local a changé d'entraîneur cet hiver.", "football"),
        ],
        m,
    )
    b, vb = make_article(
        "b",
        [
            ("Le pont de la rivière a été fermé lundi après une inspection.", "bridge"),
            (
                "Les travaux devraient durer un trimestre, selon la municipalité, avant que l'ouvrage rouvre.",
                "works",
            ),
            (
                "« Nous ne prendrons aucun risque avec la sécurité des habitants », a insisté l'élu devant la presse.",
                "quote-b",
            ),
            ("La météo annonce de fortes pluies pour la fin de semaine.", "weather"),
        ],
        m,
    )
    matches = align_sentences(pair_scores(a, b, va, vb))
    assert [(x.i, x.j, x.kind) for x in matches] == [
        (0, 0, "identical"),
        (1, 1, "paraphrase"),
        (2, 2, "quote"),
    ]
    assert all(0.0 <= x.score <= 1.0 for x in matches)

    c, vc = make_article(
        "c",
        [
            ("Le pont de la rivière a été fermé mardi après une inspection.", "bridge"),
            ("The town hall plans three months of work before reopening.", "works"),
        ],
        m,
    )
    near = align_sentences(pair_scores(a, c, va, vc))
    assert [(x.i, x.j, x.kind) for x in near[:1]] == [(0, 0, "near_identical")]
    c.language = "en"
    translated = align_sentences(pair_scores(a, c, va, vc))
    assert [(x.i, x.j, x.kind) for x in translated] == [(0, 0, "translation"), (1, 1, "translation")]


def test_weak_paraphrases_count_only_in_order() -> None:
    m = Meanings(5)
    lines = [
        (f"Phrase numéro {k} de l'article source avec quelques mots en plus ici.", f"m{k}") for k in range(6)
    ]
    a, va = make_article("a", lines, m)
    # Weakly similar vectors (cosine ~0.6) and different words: only an ordered run is evidence.
    rng = np.random.default_rng(0)
    noise = rng.normal(size=va.shape)
    noise /= np.linalg.norm(noise, axis=1, keepdims=True)
    weak = va + 1.3 * noise
    weak /= np.linalg.norm(weak, axis=1, keepdims=True)
    reworded = [f"Le numéro {k} : l'article source le dit avec d'autres mots." for k in range(6)]
    b, _ = make_article("b", [(t, f"x{k}") for k, t in enumerate(reworded)], m)
    scores = pair_scores(a, b, va, weak.astype(np.float32))
    assert (scores.cosine.diagonal() < 0.8).all() and (scores.dice.diagonal() < 0.8).all()
    in_order = [x for x in align_sentences(scores) if x.in_order]
    assert len(in_order) >= 4
    # Reversed order: the same weak pairs no longer form a chain.
    b_rev, _ = make_article("b", [(t, f"x{k}") for k, t in enumerate(reversed(reworded))], m)
    rev = align_sentences(pair_scores(a, b_rev, va, weak[::-1].astype(np.float32).copy()))
    assert len([x for x in rev if x.kind == "paraphrase"]) <= 1
    # Passages: the ordered weak chain is shown (it is evidence), a stray weak match is not.
    assert [p.kind for p in align_articles(a, b, va, weak.astype(np.float32))] == ["paraphrase"]
    assert align_articles(a, b_rev, va, weak[::-1].astype(np.float32).copy()) == []


def test_passages_merge_runs_and_texts() -> None:
    m = Meanings(2)
    body = [(f"Phrase {k} du texte copié mot pour mot par un autre site.", f"s{k}") for k in range(5)]
    a, va = make_article("a", body, m)
    b, vb = make_article(
        "b", [("Une introduction propre au second site, sans rapport.", "intro"), *body[1:4]], m
    )
    passages = align_articles(a, b, va, vb)
    assert [(p.from_span, p.to_span, p.kind) for p in passages] == [((1, 4), (1, 4), "identical")]
    assert passages[0].from_text == " ".join(a.sentences[1:4]) == passages[0].to_text


def test_bad_vectors_and_empty_articles() -> None:
    m = Meanings(1)
    a, va = make_article("a", [("Une phrase assez longue pour compter ici.", "x")], m)
    empty, ve = make_article("e", [], m)
    assert align_articles(a, empty, va, ve) == []
    with pytest.raises(ValueError, match="one vector per sentence"):
        align_articles(a, a, va, np.zeros((3, 512), np.float32))
    with pytest.raises(ValueError, match="one vector per sentence"):
        align_articles(a, a, va, np.zeros(512, np.float32))


