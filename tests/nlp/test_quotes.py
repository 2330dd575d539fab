"""Quotations: spans, speakers (after/before the quote, pronouns), grouping across articles."""

from __future__ import annotations

import re

import pytest

from storyline.nlp.encoder import get_encoder
from storyline.nlp.ner import Mention
from storyline.nlp.quotes import (
    NEAR_VERBATIM_DICE,
    QuoteMention,
    extract_quotes,
    group_quotes,
    quote_dice,
    quote_spans,
)
from storyline.types import Article


def _persons(sentence: str, names: list[str], label: str = "PER") -> list[Mention]:
    """Hand-made NER output: the given names where they occur in the sentence."""
    out = []
    for name in names:
        for m in re.finditer(re.escape(name), sentence):
            out.append(Mention(name, label, m.start(), m.end()))
    return sorted(out, key=lambda m: m.start)


def _article(aid: str, sentences: list[str], names: list[str], language: str = "fr") -> tuple[Article, list]:
    art = Article(id=aid, source_id=aid, text=" ".join(sentences), language=language, sentences=sentences)
    return art, [_persons(s, names) for s in sentences]


def test_spans_of_every_quote_style_and_mistyped_guillemet() -> None:
    s = '« Un » et “deux trois” puis „vier fünf“ et "six sept" enfin « héros« .'
    assert [t for _, _, t in quote_spans(s)] == ["Un", "deux trois", "vier fünf", "six sept", "héros"]


def test_speaker_after_verb_skips_the_descriptor() -> None:
    s = '"Ceux qui se sont battus sont tous des héros", a déclaré le dirigeant, Jean Dupont, cité par l\'agence.'
    art, men = _article("a", [s], ["Jean Dupont"])
    [q] = extract_quotes(art, mentions=men)
    assert (q.speaker, q.fragment, q.article, q.index) == ("Jean Dupont", False, "a", 0)
    assert q.text == "Ceux qui se sont battus sont tous des héros"


def test_pronoun_resolves_to_subject_of_previous_sentence() -> None:
    sents = [
        "Lundi, le président Paul Martin a remercié Anne Leroy.",
        "« Nous honorerons toujours ceux qui sont tombés », a-t-il déclaré dans un communiqué.",
    ]
    art, men = _article("a", sents, ["Paul Martin", "Anne Leroy"])
    [q] = extract_quotes(art, mentions=men)
    assert q.speaker == "Paul Martin"


def test_speaker_before_the_quote_and_english_said() -> None:
    sents = [
        'Anne Leroy said: "We will rebuild every single house."',
        '"There is no plan to replace our workers," Paul Martin told reporters.',
    ]
    art, men = _article("a", sents, ["Anne Leroy", "Paul Martin"], "en")
    assert [q.speaker for q in extract_quotes(art, mentions=men)] == ["Anne Leroy", "Paul Martin"]


def test_title_laden_subject_before_the_verb_beats_a_place_after_it() -> None:
    s = '"We are investing in people," Portline Chief Executive Ana Silva told reporters at the Belém terminal.'
    men = _persons(s, ["Portline Chief Executive Ana Silva"], "MISC") + _persons(s, ["Belém"], "PER")
    art = Article(id="a", source_id="a", text=s, language="en", sentences=[s])
    assert [q.speaker for q in extract_quotes(art, mentions=[sorted(men, key=lambda m: m.start)])] == [
        "Ana Silva"
    ]


def test_a_title_laden_subject_resolves_to_a_person_the_article_names() -> None:
    sents = [
        "Kim Jong Un visited the troops on Monday.",
        '"Our soldiers fought heroically," North Korean leader Kim Jong Un said in Pyongyang.',
    ]
    men = [_persons(sents[0], ["Kim Jong Un"]), _persons(sents[1], ["North Korean leader Kim Jong Un"], "MISC")]
    art = Article(id="a", source_id="a", text=" ".join(sents), language="en", sentences=sents)
    assert [q.speaker for q in extract_quotes(art, mentions=men)] == ["Kim Jong Un"]


def test_short_quoted_spans_are_fragments_without_speaker() -> None:
    art, men = _article("a", ["La région est « libérée », selon Moscou."], [])
    [q] = extract_quotes(art, mentions=men)
    assert q.fragment and q.speaker is None


def test_mentions_must_match_sentences() -> None:
    art, _ = _article("a", ["Une phrase.", "Une autre."], [])
    with pytest.raises(ValueError, match="mention lists"):
        extract_quotes(art, mentions=[[]])
    with pytest.raises(TypeError, match="Article"):
        extract_quotes("texte")  # type: ignore[arg-type]


def _m(
    aid: str, text: str, speaker: str | None, *, fragment: bool = False, persons: list[str] | None = None
) -> QuoteMention:
    return QuoteMention(text=text, speaker=speaker, sentence=f"« {text} »", article=aid, index=0,
                        fragment=fragment, persons=persons or [])  # fmt: skip


def test_grouping_verbatim_truncated_and_paraphrased_without_embeddings() -> None:
    full = "Ceux qui se sont battus pour la justice sont tous des héros et des représentants de la patrie"
    short = "Ceux qui se sont battus pour la justice sont tous des héros"
    mentions = [
        _m("a", full, "Kim Jong-un"),
        _m("c", short, "Kim Jong-un"),
        _m("b", "héros", None, fragment=True),
        _m("b", "justice", None, fragment=True),
        _m("d", "héros", None, fragment=True),  # one fragment alone, speaker not named: coincidence
        _m("e", "Nous ne céderons jamais devant la pression", "Anne Leroy"),
    ]
    quotes = group_quotes(mentions)
    kim = next(q for q in quotes if q.speaker == "Kim Jong-un")
    assert sorted(kim.articles) == ["a", "c"]
    assert kim.paraphrased_in == ["b"]
    assert kim.text == short  # the shared core of the truncation
    assert kim.variants["a"] == full
    other = next(q for q in quotes if q.speaker == "Anne Leroy")
    assert other.articles == ["e"]


def test_same_words_by_different_speakers_are_not_merged() -> None:
    text = "Nous ne céderons jamais devant la pression"
    quotes = group_quotes([_m("a", text, "Anne Leroy"), _m("b", text, "Paul Martin")])
    assert len(quotes) == 2


@pytest.mark.slow
def test_translated_quotes_meet_through_embeddings() -> None:
    quotes = group_quotes(
        [
            _m("fr", "Nous continuerons à chercher des survivants toute la nuit", "Rosa Villanueva"),
            _m("en", "We will keep searching for survivors through the night", "Rosa Villanueva"),
            _m("de", "Die Preise für Strom steigen im nächsten Jahr deutlich", None),
        ],
        encoder=get_encoder(),
    )
    grouped = [sorted(q.articles) for q in quotes]
    assert ["en", "fr"] in grouped and ["de"] in grouped


def test_quote_dice_folds_case_and_accents() -> None:
    assert quote_dice("Nous étions prêts", "nous etions PRETS") == 1.0
    # A truncated quotation is still near-verbatim; another sentence on the topic is not.
    full = "Nous reconstruirons chaque maison détruite par le séisme"
    assert quote_dice(full, "Nous reconstruirons chaque maison détruite") >= NEAR_VERBATIM_DICE
    assert quote_dice(full, "Le séisme a détruit des centaines de maisons") < NEAR_VERBATIM_DICE
    assert quote_dice("", full) == 0.0
