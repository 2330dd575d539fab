"""Entity keys across spellings/scripts and story-level entity building."""

from __future__ import annotations

import pytest

from storyline.nlp.entities import build_entities
from storyline.nlp.names import canonical_name, entity_key, lexicon_matches
from storyline.types import Article


@pytest.mark.parametrize(
    "variants",
    [
        ["Poutine", "Putin", "Путин", "Путина", "Vladimir Poutine", "Wladimir Putin"],
        ["Kim Jong-un", "Kim Jong Un", "Kim Jong-Un", "Ким Чен Ына"],
        ["Koursk", "Kursk", "Курск", "région de Koursk", "Курской области"],
        ["Guérassimov", "Gerasimov", "Gerassimow"],
        ["Moscou", "Moscow", "Moskau", "Москва", "Москве"],
        ["Corée du Nord", "North Korea", "Nordkorea", "КНДР"],
        ["l'Ukraine", "Ukraine", "Украины"],
        ["Lisbonne", "Lissabon", "Lisboa", "Lisbon"],
        ["Anvers", "Antwerpen", "Antwerp"],
    ],
)
def test_spellings_share_a_key(variants: list[str]) -> None:
    keys = {entity_key(v) for v in variants}
    assert len(keys) == 1, keys


def test_distinct_names_keep_distinct_keys() -> None:
    names = ["Kim Jong Un", "Kim Yo Jong", "Corée du Sud", "Corée du Nord", "Russie", "Biélorussie", "Kursk"]
    assert len({entity_key(n) for n in names}) == len(names)


def test_lone_surname_tagged_org_joins_the_full_name() -> None:
    arts = [
        _article("a", "Giulia Bernasconi ha parlato. Poi Bernasconi ha lasciato Roma.", "it"),
        _article("b", "Giulia Bernasconi a parlé à Rome.", "fr"),
    ]
    from storyline.nlp import entities as mod

    # Simulate the model tagging the lone surname as an organisation.
    real = mod.sentence_mentions

    def fake(articles: list[Article]) -> dict[str, list[list[object]]]:
        out = real(articles)
        from storyline.nlp.ner import Mention

        return {
            aid: [
                [Mention(m.text, "ORG", m.start, m.end) if m.text == "Bernasconi" else m for m in ms]
                for ms in sents
            ]
            for aid, sents in out.items()
        }

    mod.sentence_mentions = fake  # type: ignore[assignment]
    try:
        by_id = {e.id: e for e in build_entities(arts)}
    finally:
        mod.sentence_mentions = real  # type: ignore[assignment]
    assert "org:bernasconi" not in by_id
    assert by_id["per:giulia-bernasconi"].mentions["a"] == ["Giulia Bernasconi", "Bernasconi"]
    assert set(by_id["loc:rome"].mentions) == {"a", "b"}


def test_titles_dropped_for_persons_only() -> None:
    assert entity_key("M. Poutine", "PER") == entity_key("Poutine")
    assert entity_key("Dr. Jane Roe", "PER") == entity_key("Jane Roe", "PER")
    assert entity_key("Jane Roe") == "jane-roe"


def test_canonical_name_and_lexicon() -> None:
    assert canonical_name("Pékin") == "Beijing"
    assert canonical_name("Nowhere Town") is None
    hits = lexicon_matches("Le Kremlin a parlé à Washington.")
    assert [(s, e, lb) for s, e, lb in hits] == [(3, 10, "ORG"), (21, 31, "LOC")]


def test_bad_surface_is_a_clear_error() -> None:
    with pytest.raises(TypeError, match="surface"):
        entity_key(None)  # type: ignore[arg-type]


def _article(aid: str, text: str, language: str) -> Article:
    from storyline.nlp.sentences import split_sentences

    return Article(id=aid, source_id=aid, text=text, language=language, sentences=split_sentences(text))


def test_build_entities_merges_languages_with_fallback() -> None:
    arts = [
        _article(
            "a", "Il Cremlino ha ringraziato Kim Jong-un. Secondo Mosca, Kim Jong-un ha inviato truppe.", "it"
        ),
        _article("b", "Según Moscú, Kim Jong Un envió tropas. El Kremlin lo agradeció a Kim.", "es"),
    ]
    ents = build_entities(arts)
    by_id = {e.id: e for e in ents}
    kim = by_id["per:kim-jong-un"]
    assert set(kim.mentions) == {"a", "b"}
    assert "Kim" not in by_id and "per:kim" not in by_id  # the lone surname joined the full name
    assert by_id["loc:moscow"].mentions == {"a": ["Mosca"], "b": ["Moscú"]}
    assert by_id["org:kremlin"].kind == "ORG"
    assert ents[0].id == "per:kim-jong-un"  # most salient first


def test_build_entities_rejects_non_articles() -> None:
    with pytest.raises(TypeError, match="Article"):
        build_entities(["text"])  # type: ignore[list-item]


@pytest.mark.slow
def test_build_entities_french_and_russian() -> None:
    arts = [
        _article(
            "fr",
            "Vladimir Poutine a reçu Kim Jong-un au Kremlin avant sa visite dans la région de Koursk.",
            "fr",
        ),
        _article("ru", "Владимир Путин поблагодарил Ким Чен Ына за помощь в Курской области.", "ru"),
    ]
    by_id = {e.id: e for e in build_entities(arts)}
    assert set(by_id["per:vladimir-putin"].mentions) == {"fr", "ru"}
    assert set(by_id["per:kim-jong-un"].mentions) == {"fr", "ru"}
    assert set(by_id["loc:kursk"].mentions) == {"fr", "ru"}


@pytest.mark.slow
def test_story_gazetteer_names_in_languages_without_a_model() -> None:
    arts = [
        _article(
            "fr", "Le syndicaliste Aurelio Quintanar a rencontré la direction de Brakmoor à Lyon.", "fr"
        ),
        _article(
            "de",
            "Gewerkschafter Aurelio Quintanar traf die Leitung von Brakmoor. Der Streik geht weiter.",
            "de",
        ),
    ]
    by_id = {e.id: e for e in build_entities(arts)}
    person = by_id["per:aurelio-quintanar"]
    assert person.mentions == {"fr": ["Aurelio Quintanar"], "de": ["Aurelio Quintanar"]}
    assert not any("streik" in e.id for e in by_id.values())  # German nouns stay out


def test_centuries_and_time_zones_are_not_entities() -> None:
    text = "La chiesa del XVIIIe secolo di Pisa è crollata alle 4 GMT, ha detto Mario Lodi."
    arts = [_article("a", text, "it"), _article("b", text.replace("4 GMT", "5 GMT"), "it")]
    names = {e.name for e in build_entities(arts)}
    assert "Mario Lodi" in names and "Pisa" in names
    assert not names & {"XVIIIe", "GMT"}
