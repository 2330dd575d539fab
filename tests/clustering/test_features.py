from __future__ import annotations

import numpy as np
import pytest

from storyline.clustering.features import (
    article_features,
    entity_key,
    extract_entities,
    extract_months,
    extract_numbers,
    extract_words,
    extract_years,
    published_day,
)
from storyline.nlp.encoder import DIM
from storyline.types import Article


@pytest.mark.parametrize(
    "variants",
    [
        ("Курск", "Koursk", "Kursk"),
        ("Kim Jong-un", "Kim Jong Un", "Kim Jong-Un"),
        ("Путин", "Poutine", "Putin"),
        ("Zelenskyy", "Zelensky", "Зеленский"),
        ("Corée", "Korea"),
    ],
)
def test_entity_key_unifies_scripts_and_spellings(variants: tuple[str, ...]) -> None:
    keys = {entity_key(v) for v in variants}
    assert len(keys) == 1 and "" not in keys


def test_entity_key_keeps_different_names_apart() -> None:
    assert entity_key("Lindsay Lohan") != entity_key("Tara Reid")
    assert entity_key("Kursk") != entity_key("Kyiv")


def test_extract_entities_skips_capitalised_common_words() -> None:
    text = (
        "Selon Pyongyang, les troupes sont en Russie. Selon le Kremlin, la région de Koursk est libérée.\n"
        "Actress Lindsay Lohan Checks Into Rehab\nShe checks into the Betty Ford Center, Lohan said."
    )
    ents = extract_entities(text)
    assert entity_key("Pyongyang") in ents
    assert entity_key("Kursk") in ents
    assert entity_key("Lindsay Lohan") in ents
    assert ents[entity_key("Lohan")] == 2  # the span and the later bare surname share a key
    assert entity_key("Selon") not in ents  # only ever capitalised at a sentence start
    assert entity_key("Checks") not in ents  # title case, but "checks" occurs in lower case


def test_numbers_years_months() -> None:
    text = "On July 28, 2004, 14,000 soldiers (14 000 selon Kiev) and 3 tanks; le 28 juillet 2004 et en mai 2025."
    assert extract_numbers(text) == frozenset({"14000", "28"})
    assert extract_years(text) == frozenset({2004, 2025})
    assert extract_months(text) == frozenset({"2004-07", "2025-05"})


def test_extract_words_stems_and_counts() -> None:
    words = extract_words("Earthquake hits. The earthquake and earthquakes were felt; Chile reacts.")
    # "Earthquake" opens a sentence: capitalised words are left to entities.
    assert words["earthquake"[:7]] == 2
    assert "chile" not in words and "hits" not in words  # names and short words are not content words


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-04-28", "2025-04-28"),
        ("2025-04-28T10:00:00Z", "2025-04-28"),
        ("2024-10", "2024-10-31"),  # a month alone: its last day (a lower bound of publication)
        ("2024-02", "2024-02-29"),
    ],
)
def test_published_day(value: str, expected: str) -> None:
    from datetime import date

    assert published_day(value) == date.fromisoformat(expected).toordinal()


@pytest.mark.parametrize("value", [None, "", "yesterday", "2025-13-45", "2024"])
def test_published_day_unparsable_is_none(value: str | None) -> None:
    assert published_day(value) is None


def test_article_features_reads_article_fields() -> None:
    vec = np.zeros(DIM, dtype=np.float32)
    vec[0] = 1.0
    art = Article(id="a1", source_id="s", text="Le Kremlin dément. Moscou, 2024.", title="Démenti de Moscou",
                  language="fr", outlet="Euronews", published="2024-10-15")  # fmt: skip
    f = article_features(art, vec)
    assert f.id == "a1" and f.language == "fr" and f.outlet == "Euronews" and f.title == "Démenti de Moscou"
    assert entity_key("Kremlin") in f.entities and 2024 in f.years
    assert f.day == published_day("2024-10-15")


def test_article_features_rejects_bad_vectors() -> None:
    art = Article(id="a1", source_id="s", text="x")
    with pytest.raises(ValueError, match="a1"):
        article_features(art, np.array([np.nan] * DIM))
    with pytest.raises(ValueError):
        article_features(art, np.array([]))


def test_words_of_scripts_without_spaces_are_character_bigrams() -> None:
    from storyline.clustering.features import extract_words

    a = extract_words("朝鲜领导人金正恩视察部队。")
    b = extract_words("金正恩周一视察了朝鲜部队")
    assert {"金正", "正恩", "视察", "部队", "朝鲜"} <= a.keys() & b.keys()
    assert all(len(k) == 2 for k in a)
    # Hangul words are shorter than MIN_WORD_LEN: bigrams too; Latin words keep their stems.
    assert {"김정", "정은", "방문", "confirm"} <= extract_words("김정은 위원장이 방문 confirmé").keys()


def test_count_tokens_counts_words_and_cjk_characters_up_to_a_limit() -> None:
    from storyline.clustering.features import count_tokens

    assert count_tokens("Red Sox make an offer, 2008.") == 5
    assert count_tokens("北京奥运会 opens") == 6
    assert count_tokens("word " * 50, limit=20) == 20
