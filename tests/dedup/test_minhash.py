from __future__ import annotations

import numpy as np
import pytest

from storyline.dedup.minhash import (
    EMPTY,
    LSHIndex,
    MinHasher,
    dedup_groups,
    estimate_jaccard,
    exact_key,
)


def _words(rng: np.random.Generator, n: int) -> list[str]:
    return [f"mot{int(x)}" for x in rng.integers(0, 50_000, size=n)]


def _true_jaccard(a: str, b: str, k: int = 5) -> float:
    def sh(t: str) -> set[tuple[str, ...]]:
        w = t.split()
        return {tuple(w[i : i + k]) for i in range(len(w) - k + 1)}

    sa, sb = sh(a), sh(b)
    return len(sa & sb) / len(sa | sb)


def test_estimate_tracks_true_jaccard() -> None:
    rng = np.random.default_rng(7)
    hasher = MinHasher()
    base = _words(rng, 600)
    errors = []
    for frac in (0.0, 0.01, 0.03, 0.06, 0.12, 0.5):
        edited = list(base)
        for i in rng.choice(len(base), int(frac * len(base)), replace=False):
            edited[i] = f"autre{i}"
        a, b = " ".join(base), " ".join(edited)
        sig = hasher.signatures([a, b])
        errors.append(abs(estimate_jaccard(sig[0], sig[1]) - _true_jaccard(a, b)))
    # 128 bins: standard error <= 0.045; 0.13 is ~3 sigma.
    assert max(errors) < 0.13, errors
    assert errors[0] == 0.0


def test_typography_and_case_do_not_change_signature() -> None:
    hasher = MinHasher()
    a = "« Nous continuerons », a déclaré le maire — lundi soir à Lyon."
    b = '"nous  continuerons", a DÉCLARÉ le maire - lundi soir à Lyon'
    sig = hasher.signatures([a, b])
    assert np.array_equal(sig[0], sig[1])
    assert (
        estimate_jaccard(sig[0], hasher.signature("un tout autre texte sans rapport avec le premier")) < 0.1
    )


def test_short_and_empty_texts() -> None:
    hasher = MinHasher(num_perm=64)
    sig = hasher.signatures(["", "deux mots", "deux mots", "trois petits mots"])
    assert sig.shape == (4, 64) and sig.dtype == np.uint32
    assert (sig[0] == EMPTY).all()
    # A short text fills every bin (densification) and equals itself only.
    assert (sig[1] != EMPTY).all()
    assert np.array_equal(sig[1], sig[2])
    assert estimate_jaccard(sig[1], sig[3]) < 0.2


def test_signatures_are_stable_across_instances_and_workers() -> None:
    rng = np.random.default_rng(1)
    texts = [" ".join(_words(rng, 300)) for _ in range(50)]
    one = MinHasher(seed=3).signatures(texts)
    assert np.array_equal(one, MinHasher(seed=3).signatures(texts, workers=2))
    assert not np.array_equal(one, MinHasher(seed=4).signatures(texts))


def test_bad_input_is_rejected_clearly() -> None:
    hasher = MinHasher()
    with pytest.raises(TypeError, match="list of texts"):
        hasher.signatures("a single string")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="text 1"):
        hasher.signatures(["ok", None])  # type: ignore[list-item]
    with pytest.raises(ValueError):
        MinHasher(num_perm=0)
    with pytest.raises(ValueError, match="equal length"):
        estimate_jaccard(np.zeros(4, np.uint32), np.zeros(5, np.uint32))


def test_lsh_finds_near_duplicates_and_not_unrelated() -> None:
    rng = np.random.default_rng(2)
    hasher = MinHasher()
    docs = {f"d{i}": _words(rng, 400) for i in range(30)}
    copy = list(docs["d3"])
    copy[10] = "modifié"
    copy[200] = "changé"
    docs["d3-copy"] = copy
    keys = list(docs)
    sigs = hasher.signatures([" ".join(w) for w in docs.values()])
    index = LSHIndex()
    index.add_many(keys, sigs)
    assert index.candidate_pairs() == {("d3", "d3-copy")}
    assert index.query(sigs[keys.index("d3")]) == ["d3", "d3-copy"]
    assert index.query(hasher.signature("rien à voir avec les autres documents du tout")) == []


def test_lsh_incremental_add_after_query() -> None:
    hasher = MinHasher()
    index = LSHIndex()
    text = "le conseil municipal a voté lundi le budget de la ville pour l'année prochaine"
    assert index.query(hasher.signature(text)) == []
    index.add("a", hasher.signature(text))
    index.add("b", hasher.signature(text + " !"))
    assert index.query(hasher.signature(text)) == ["a", "b"]
    with pytest.raises(ValueError, match="already"):
        index.add("a", hasher.signature(text))
    with pytest.raises(ValueError, match="values"):
        index.add("c", np.zeros(10, dtype=np.uint32))


def test_lsh_round_trip_and_corrupt_bytes() -> None:
    hasher = MinHasher()
    index = LSHIndex(bands=16, rows=8)
    texts = ["premier texte assez long pour des bardeaux de mots", "un second texte, lui aussi assez long"]
    index.add_many(["x", "y"], hasher.signatures(texts))
    clone = LSHIndex.from_bytes(index.to_bytes())
    assert clone.keys == ["x", "y"] and (clone.bands, clone.rows) == (16, 8)
    assert np.array_equal(clone.signature_of("y"), index.signature_of("y"))
    assert clone.query(hasher.signature(texts[0])) == ["x"]
    with pytest.raises(ValueError, match="magic"):
        LSHIndex.from_bytes(b"not an index")
    with pytest.raises(ValueError, match="corrupt"):
        LSHIndex.from_bytes(index.to_bytes()[:-3])
    with pytest.raises(ValueError, match="bands"):
        LSHIndex(num_perm=64, bands=20, rows=4)


def test_exact_key_and_groups() -> None:
    assert exact_key("Bonjour  le monde") == exact_key("bonjour le monde")
    assert exact_key("Bonjour le monde") != exact_key("Bonsoir le monde")
    groups = dedup_groups(["a", "b", "c", "d", "e"], [("b", "a"), ("c", "b"), ("d", "e")])
    assert groups == [["a", "b", "c"], ["d", "e"]]
