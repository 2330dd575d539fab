"""Quantities: normalisation of written numbers, vague amounts, units, what is counted, who states it."""

from __future__ import annotations

import pytest

from storyline.nlp.quantities import (
    compatible,
    context_phrase,
    extract_quantities,
    interval,
    parse_number,
)
from storyline.nlp.sentences import split_sentences
from storyline.types import Article, Quantity


def _article(text: str, language: str = "fr") -> Article:
    return Article(id="a", source_id="a", text=text, language=language, sentences=split_sentences(text))


def _only(text: str, language: str = "fr") -> Quantity:
    found = extract_quantities(_article(text, language))
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("surface", ["14.000", "14 000", "14,000", "14\u202f000", "14k"])
def test_thousands_separators_and_suffix_are_one_value(surface: str) -> None:
    assert parse_number(surface) == 14_000


@pytest.mark.parametrize(
    ("surface", "value"),
    [("3,5", 3.5), ("3.5", 3.5), ("0.500", 0.5), ("1.500.000", 1_500_000), ("3,5 millions", 3_500_000)],
)
def test_decimals_and_scales(surface: str, value: float) -> None:
    assert parse_number(surface) == pytest.approx(value)


def test_unparseable_number_is_none() -> None:
    assert parse_number("quatorze") is None


def test_counted_noun_source_and_hedge() -> None:
    q = _only("D'après les estimations des autorités ukrainiennes, le pays a envoyé quelque 14.000 soldats.")
    assert (q.value, q.counts, q.approx) == (14_000, "soldats", True)
    assert q.source == "les estimations des autorités ukrainiennes"
    assert q.article == "a" and "14.000" in q.sentence


@pytest.mark.parametrize(
    ("text", "language", "low", "high"),
    [
        ("La participation de plusieurs milliers de soldats.", "fr", 2_000, 9_999),
        ("Several thousand soldiers took part.", "en", 2_000, 9_999),
        ("Mehrere Tausend Soldaten nahmen teil.", "de", 2_000, 9_999),
        ("Participaron varios miles de soldados.", "es", 2_000, 9_999),
        ("Hanno partecipato diverse migliaia di soldati.", "it", 2_000, 9_999),
        ("Des dizaines de milliers de manifestants.", "fr", 20_000, 99_999),
    ],
)
def test_vague_amounts_are_ranges(text: str, language: str, low: float, high: float) -> None:
    q = _only(text, language)
    assert q.value is None and (q.low, q.high) == (low, high)


@pytest.mark.parametrize(
    ("text", "language", "value", "unit"),
    [
        ("Le séisme s'est produit à 10 km de profondeur.", "fr", 10_000, "m"),
        ("El sismo ocurrió a 10.000 metros de profundidad.", "es", 10_000, "m"),
        ("Das Beben ereignete sich in zehn Kilometern Tiefe.", "de", 10_000, "m"),
        ("Ferrandi a été condamné à quatre ans et six mois de prison.", "fr", 4.5, "year"),
        ("Ferrandi wurde zu viereinhalb Jahren Haft verurteilt.", "de", 4.5, "year"),
        ("He was sentenced to four and a half years.", "en", 4.5, "year"),
        ("Etwa vier von fünf Zügen fallen aus.", "de", 80, "%"),
        ("Il a perdu 310 millions d'euros.", "fr", 310e6, "EUR"),
        ("Losses of €310m were hidden.", "en", 310e6, "EUR"),
    ],
)
def test_units_are_normalised(text: str, language: str, value: float, unit: str) -> None:
    q = _only(text, language)
    assert q.unit == unit
    assert q.value == pytest.approx(value)


def test_number_words_and_hyphenated_compounds() -> None:
    q = _only("Un car transportait quarante-huit passagers.")
    assert (q.value, q.counts) == (48, "passagers")


@pytest.mark.parametrize(
    "text",
    [
        "Le 26 avril 2025, rien ne s'est passé.",
        "En 2024, rien ne s'est passé.",
        "La pandémie de COVID-19 a tout changé.",
        "Le train est parti à 14 heures précises.",
        "Der 59 Jahre alte Fahrer wurde verletzt.",
    ],
)
def test_dates_years_times_ages_are_not_quantities(text: str) -> None:
    assert extract_quantities(_article(text, "de" if "Fahrer" in text else "fr")) == []


@pytest.mark.parametrize(
    "text",
    [
        "The home side won the turnover battle 3 - 0 over the visitors.",
        "They tied the game 13-13 heading into the fourth quarter.",
        "The visitors were playing the No. 1 team for the first time.",
        "Updated 18 September 2013, 05: 31 GMT",
        "He came back to coach the club prior to the 2005 season.",
    ],
)
def test_scores_ranks_clock_minutes_and_named_years_are_not_quantities(text: str) -> None:
    assert extract_quantities(_article(text, "en")) == []


def test_a_range_keeps_its_upper_figure_while_a_score_does_not() -> None:
    found = extract_quantities(_article("Between 10 - 15 people died in the fire.", "en"))
    assert [(q.value, q.counts) for q in found] == [(15.0, "people")]


def _q(value: float | None, *, low: float | None = None, high: float | None = None, approx: bool = False,
       unit: str | None = None) -> Quantity:  # fmt: skip
    return Quantity(
        value=value, unit=unit, counts="x", text="", article="a", low=low, high=high, approx=approx
    )


def test_compatibility_rounding_hedges_and_ranges() -> None:
    assert compatible(_q(14_000), _q(14_236)) is True  # 14 000 is a rounded figure
    assert compatible(_q(400, approx=True), _q(420)) is True  # "environ 400"
    assert compatible(_q(None, low=2_000, high=9_999), _q(14_000, approx=True)) is False
    assert compatible(_q(None, low=2_000, high=9_999), _q(5_000)) is True
    assert compatible(_q(14, low=14), _q(19, low=19)) is False  # "at least 14" vs "at least 19" dead
    assert compatible(_q(120, low=120), _q(124)) is True  # "plus de 120 blessés" covers 124
    assert compatible(_q(66.7, approx=True, unit="%"), _q(80, approx=True, unit="%")) is False
    assert compatible(_q(5, unit="EUR"), _q(5, unit="USD")) is None  # no exchange rates


def test_interval_of_vague_amount() -> None:
    assert interval(_q(None, low=200, high=999)) == (200, 999)
    assert interval(_q(None)) is None


def test_context_phrase_masks_the_number() -> None:
    q = _only("Le séisme a fait au moins 14 morts dans le sud.")
    assert context_phrase(q) == "fait au moins N morts dans le sud"


def test_bad_input_is_a_clear_error() -> None:
    with pytest.raises(TypeError, match="Article"):
        extract_quantities("14 000 soldats")  # type: ignore[arg-type]


def test_a_scale_word_multiplies() -> None:
    assert parse_number("3,5 millions") == 3_500_000


def test_number_words_are_read_in_text() -> None:
    q = _only("Die Behörden meldeten am Abend siebenundzwanzig Verletzte.", "de")
    assert (q.value, q.counts) == (27, "verletzte")
