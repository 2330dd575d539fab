"""NER: per-language pipelines, the fallback heuristic, input validation."""

from __future__ import annotations

import pytest

from storyline.nlp.ner import Mention, mentions, mentions_many


def _labels(found: list[Mention]) -> dict[str, str]:
    return {m.text: m.label for m in found}


def test_fallback_finds_lexicon_names_and_capitalised_spans() -> None:
    text = "Il Cremlino ha detto che Kim Jong-un ha incontrato Giorgia Meloni a Roma. Ieri sera ha parlato."
    found = _labels(mentions(text, "it"))
    assert found["Cremlino"] == "ORG"
    assert found["Kim Jong-un"] == "PER"
    assert found["Roma"] == "LOC"
    assert "Giorgia Meloni" in found
    assert "Ieri" not in found  # sentence-initial capital is not a name


def test_fallback_german_keeps_only_lexicon_and_titled_persons() -> None:
    text = "Die Armee meldet, der Kreml in Moskau habe Präsident Max Mustermann angerufen."
    found = _labels(mentions(text, "de"))
    assert found["Kreml"] == "ORG" and found["Moskau"] == "LOC"
    assert found["Max Mustermann"] == "PER"
    assert "Armee" not in found and "Die Armee" not in found


def test_offsets_point_at_the_surface() -> None:
    text = "A Roma e a Mosca, il Cremlino tace."
    for m in mentions(text, "it"):
        assert text[m.start : m.end] == m.text


def test_bad_input_is_a_clear_error() -> None:
    with pytest.raises(TypeError, match="str"):
        mentions(None, "fr")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="sequence"):
        mentions_many("not a list", "fr")
    with pytest.raises(TypeError, match="language"):
        mentions("Paris", 3)  # type: ignore[arg-type]
    assert mentions("", "fr") == []


@pytest.mark.slow
def test_french_spacy() -> None:
    text = "Vladimir Poutine a reçu Kim Jong Un jeudi, selon l'agence Tass, avant une visite à Pyongyang."
    found = _labels(mentions(text, "fr"))
    assert found.get("Vladimir Poutine") == "PER"
    assert found.get("Kim Jong Un") == "PER"
    assert found.get("Pyongyang") == "LOC"


@pytest.mark.slow
def test_english_spacy_and_language_detection() -> None:
    texts = ["Russian President Vladimir Putin met Kim Jong Un in Moscow on Monday, the Kremlin said."]
    found = _labels(mentions_many(texts, None)[0])
    assert found.get("Vladimir Putin") == "PER"
    assert found.get("Moscow") == "LOC"
    assert "Monday" not in found  # dates are not entities here


@pytest.mark.slow
def test_russian_natasha() -> None:
    found = _labels(mentions("Владимир Путин поблагодарил Ким Чен Ына за помощь в Курской области.", "ru"))
    assert found.get("Владимир Путин") == "PER"
    assert found.get("Курской области") == "LOC"


@pytest.mark.slow
def test_repeated_texts_share_one_result() -> None:
    text = "Emmanuel Macron est arrivé à Berlin."
    a, b = mentions_many([text, text], "fr")
    assert a == b and any(m.label == "PER" for m in a)


@pytest.mark.slow
def test_french_hyphenated_names_are_not_cut() -> None:
    # French tokenisation splits "Jong-un"; the model alone ends the name at "Jong-".
    found = _labels(
        mentions("Vladimir Poutine a reçu Kim Jong-un au Kremlin avant sa visite à Koursk.", "fr")
    )
    assert found.get("Kim Jong-un") == "PER"
