"""Discrepancies: hand-built stories per kind, and the example corpus's planted ones and look-alikes."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import numpy as np
import pytest

from storyline.analysis.discrepancies import find_discrepancies
from storyline.evaluation.analysis import LOOKALIKE_KIND, named_sides, sides_consistent, sides_match
from storyline.nlp.encoder import get_encoder
from storyline.nlp.quantities import extract_quantities
from storyline.nlp.sentences import split_sentences
from storyline.types import Article, Discrepancy

pytestmark = pytest.mark.slow


def _story(texts: dict[str, tuple[str, str, int, str]]) -> tuple[list[Article], dict[str, np.ndarray]]:
    """Articles from {id: (language, published, event, text)} with real sentence vectors."""
    from storyline.nlp.encoder import get_encoder

    arts = [
        Article(id=k, source_id=k, text=t, language=lg, published=p, event_id=e, sentences=split_sentences(t))
        for k, (lg, p, e, t) in texts.items()
    ]
    enc = get_encoder()
    return arts, {a.id: enc.encode(a.sentences) for a in arts}


def _run(arts: list[Article], vectors: dict[str, np.ndarray]) -> list[Discrepancy]:
    quantities = [q for a in arts for q in extract_quantities(a)]
    return find_discrepancies(arts, vectors, quantities=quantities, quotes=[], entities=[], encoder=get_encoder())


def _sides(d: Discrepancy) -> list[set[str]]:
    return [set(s.articles) for s in d.sides]


def test_number_conflict_across_languages_but_not_rounding_or_units() -> None:
    arts, vectors = _story({
        "fr": ("fr", "2025-03-11", 0, "Le séisme a fait au moins 14 morts et 120 blessés dans le sud du pays, à 10 km de profondeur."),
        "en": ("en", "2025-03-11", 0, "The earthquake killed at least 19 people and injured 124 in the south, at a depth of 10,000 metres."),
        "es": ("es", "2025-03-11", 0, "El sismo dejó al menos 14 muertos y unos 120 heridos en el sur, a diez kilómetros de profundidad."),
    })  # fmt: skip
    found = _run(arts, vectors)
    numbers = [d for d in found if d.kind == "number"]
    assert len(numbers) == 1, [(d.about, _sides(d)) for d in found]
    assert sorted(map(sorted, _sides(numbers[0]))) == [["en"], ["es", "fr"]]
    assert all(e.sentence in {a.sentences[0] for a in arts} for s in numbers[0].sides for e in s.evidence)


def test_same_share_restated_in_other_words_joins_its_side() -> None:
    # "rund 80 Prozent der Fernzüge" and "environ 80 % des trains" phrase the share too differently to
    # match on their own (0.43), but state the same amount in aligned sentences.
    arts, vectors = _story({
        "en": ("en", "2025-03-19", 0, "Train drivers walked out on Wednesday, forcing the operator to cancel about two "
                                      "thirds of its long-distance trains and stranding commuters across the country."),
        "fr": ("fr", "2025-03-19", 0, "Selon l'opérateur, environ 80 % des trains grandes lignes ont été supprimés."),
        "de": ("de", "2025-03-19", 0, "Nach Angaben des Betreibers fallen rund 80 Prozent der Fernzüge aus."),
    })  # fmt: skip
    numbers = [d for d in _run(arts, vectors) if d.kind == "number"]
    assert [sorted(map(sorted, _sides(d))) for d in numbers] == [[["de", "fr"], ["en"]]]


def test_later_update_and_other_year_are_not_conflicts() -> None:
    arts, vectors = _story({
        "a": ("fr", "2025-03-11", 0, "Le séisme a fait 14 morts mardi dans le sud du pays."),
        "b": ("fr", "2025-03-13", 0, "Le bilan du séisme qui a frappé mardi le sud du pays s'est alourdi à 23 morts."),
        "c": ("fr", "2025-03-11", 0, "En 2019, un séisme dans le sud du pays avait fait 51 morts."),
    })  # fmt: skip
    assert [d for d in _run(arts, vectors) if d.kind == "number"] == []


def test_vague_range_conflicts_only_when_incompatible() -> None:
    arts, vectors = _story({
        "a": ("fr", "2025-04-28", 0, "Selon Kiev, plusieurs milliers de soldats ont été envoyés au front."),
        "b": ("fr", "2025-04-28", 0, "Selon Kiev, quelque 14.000 soldats ont été envoyés au front."),
        "c": ("fr", "2025-04-28", 0, "Selon Kiev, environ 5 000 soldats ont été envoyés au front."),
    })  # fmt: skip
    [d] = [d for d in _run(arts, vectors) if d.kind == "number"]
    assert sorted(map(sorted, _sides(d))) == [["a", "c"], ["b"]]


def test_disputed_claim_and_reversal_across_events() -> None:
    arts, vectors = _story({
        "old": ("en", "2024-10-25", 1, "The ministry denied that it had sent soldiers to the border region."),
        "new1": ("en", "2025-04-28", 2, "The ministry confirmed for the first time that it had sent soldiers to the border region."),
        "new2": ("en", "2025-04-28", 2, "The army claimed it had fully retaken the border region, a claim denied by the rebels."),
        "new3": ("en", "2025-04-28", 2, "The army claims it has fully retaken the border region."),
    })  # fmt: skip
    found = _run(arts, vectors)
    kinds = {d.kind: d for d in found}
    assert sorted(map(sorted, _sides(kinds["reversal"]))) == [["new1"], ["old"]]
    disputed = kinds["claim_disputed"]
    asserted, denied = _sides(disputed)
    assert asserted == {"new2", "new3"} and denied == {"new2"}


def test_denied_report_matched_with_its_source_in_another_language() -> None:
    arts, vectors = _story({
        "de": ("de", "2025-03-07", 0, "Ein Firmensprecher wies am Freitag Berichte zurück, wonach das Unternehmen "
                                      "im vergangenen Jahr zwölf Elektrolastwagen bei einem polnischen Hersteller "
                                      "bestellt habe."),
        "fr": ("fr", "2025-03-07", 0, "Selon le syndicat, l'entreprise a commandé l'an dernier douze camions "
                                      "électriques à un constructeur polonais."),
        "en": ("en", "2025-03-07", 0, "The drivers' strike entered its second day on Friday at the depot."),
    })  # fmt: skip
    disputed = [d for d in _run(arts, vectors) if d.kind == "claim_disputed"]
    assert [[sorted(s.articles) for s in d.sides] for d in disputed] == [[["fr"], ["de"]]]


def test_place_outlier_and_spelling_variants() -> None:
    arts, vectors = _story({
        "a": ("fr", "2025-03-16", 0, "Un car de touristes s'est renversé dimanche près de Vipiteno, faisant deux morts."),
        "b": ("de", "2025-03-16", 0, "Ein Reisebus ist am Sonntag bei Sterzing verunglückt, zwei Menschen starben."),
        "c": ("en", "2025-03-16", 0, "A tourist coach overturned on Sunday near Innsbruck, killing two people."),
    })  # fmt: skip
    places = [d for d in _run(arts, vectors) if d.kind == "place"]
    # Vipiteno and Sterzing are one town to a reader but not to the entity keys: the detector must at
    # least single out the article naming a third place.
    assert places and all("c" in set().union(*_sides(d)) for d in places)


def test_near_town_named_by_one_side_only() -> None:
    arts, vectors = _story({
        "a": ("en", "2025-03-16", 0, "The epicentre was near Korlam, 12 km deep, the seismological centre said."),
        "b": ("fr", "2025-03-16", 0, "L'épicentre se situait près de Korlam, à 12 km de profondeur, selon le centre sismologique."),
        "c": ("de", "2025-03-16", 0, "Das Epizentrum lag in der Nähe der Kleinstadt Wessin in 12 Kilometern Tiefe."),
        "d": ("en", "2025-03-16", 0, "Schools in the region stay closed on Monday."),
    })  # fmt: skip
    places = [d for d in _run(arts, vectors) if d.kind == "place"]
    assert [sorted((s.value, tuple(sorted(s.articles))) for s in d.sides) for d in places] == [
        [("Korlam", ("a", "b")), ("Wessin", ("c",))]
    ]


def test_claimed_attack_vs_suspected_group_is_an_agent_discrepancy() -> None:
    texts = {
        "fr": "L'attaque a été revendiquée mardi par le groupe de pirates GreyOtter, qui réclame une rançon.",
        "en": "A ransomware group calling itself GreyOtter has claimed responsibility for the attack.",
        "de": "Hinter dem Angriff steckt nach Informationen der Ermittler die Hackergruppe Nachtfalke.",
    }
    arts = [Article(id=k, source_id=k, text=t, event_id=0, sentences=[t]) for k, t in texts.items()]
    eye = np.eye(3, dtype=np.float32)
    vectors = {a.id: eye[i : i + 1] for i, a in enumerate(arts)}  # unrelated sentences: only names matter
    [d] = find_discrepancies(
        arts, vectors, quantities=[], quotes=[], entities=[], mentions={a.id: [[]] for a in arts},
        encoder=get_encoder(),
    )
    assert d.kind == "agent"
    assert sorted((s.value, tuple(sorted(s.articles))) for s in d.sides) == [
        ("GreyOtter", ("en", "fr")),
        ("Nachtfalke", ("de",)),
    ]


def test_unrelated_sentences_never_conflict() -> None:
    arts, vectors = _story({
        "a": ("en", "2025-03-19", 0, "The strike cancelled 1,987 train connections across Germany on Wednesday."),
        "b": ("en", "2025-03-19", 0, "The union has 40,000 members and wants a 35-hour week."),
    })  # fmt: skip
    assert _run(arts, vectors) == []


def test_bad_input_is_a_clear_error() -> None:
    a = Article(id="a", source_id="a", text="Une phrase.", sentences=["Une phrase."], event_id=0)
    with pytest.raises(ValueError, match="no sentence vectors"):
        find_discrepancies([a], {}, quantities=[], quotes=[], entities=[], encoder=get_encoder())
    with pytest.raises(TypeError, match="Article"):
        find_discrepancies(["a"], {}, quantities=[], quotes=[], entities=[], encoder=get_encoder())  # type: ignore[list-item]
    assert find_discrepancies([], {}, quantities=[], quotes=[], entities=[], encoder=get_encoder()) == []


# -- the example corpus --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def example_results(examples_dir: Path) -> tuple[dict, dict[str, str], list[Discrepancy]]:
    gold_path = examples_dir / "gold.json"
    if not gold_path.is_file():
        pytest.skip("the example corpus has no gold.json")
    from storyline.extraction import extract_document
    from storyline.ingest import read_inputs
    from storyline.nlp.encoder import get_encoder
    from storyline.nlp.temporal import infer_published
    from storyline.pipeline import build_article
    from storyline.types import RawDocument

    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    event_ids = {name: i for i, ev in enumerate(gold["events"].values()) for name in ev["articles"]}
    storyline_of = {ev: i for i, s in enumerate(gold["storylines"].values()) for ev in s["events"]}
    event_names = list(gold["events"])
    articles: list[Article] = []
    paths = sorted(p for p in examples_dir.iterdir() if p.name != "gold.json")
    for raw in read_inputs(paths):
        if not isinstance(raw, RawDocument):
            continue
        name = Path(raw.source_id).name
        if name not in event_ids:
            continue
        art = build_article(raw, extract_document(raw))
        art.event_id = event_ids[name]
        if not art.published:
            art.published = infer_published(art.text, language=art.language)[0]
        articles.append(art)
    names = {a.id: Path(a.source_id).name for a in articles}
    encoder = get_encoder()
    vectors = {a.id: encoder.encode(a.sentences) for a in articles}
    groups: dict[int, list[Article]] = defaultdict(list)
    for a in articles:
        groups[storyline_of[event_names[a.event_id or 0]]].append(a)
    found: list[Discrepancy] = []
    from storyline.nlp.entities import sentence_mentions
    from storyline.nlp.quotes import extract_quotes, group_quotes

    for group in groups.values():
        mentions = sentence_mentions(group)
        quotes = group_quotes([m for a in group for m in extract_quotes(a, mentions=mentions[a.id])], encoder=encoder)
        quantities = [q for a in group for q in extract_quantities(a)]
        found += find_discrepancies(group, {a.id: vectors[a.id] for a in group}, quantities=quantities,
                                    quotes=quotes, entities=[], mentions=mentions, encoder=encoder)  # fmt: skip
    return gold, names, found


def test_planted_discrepancies_found(example_results) -> None:
    gold, names, found = example_results
    hits = {
        g["id"]: g["kind"]
        for g in gold["discrepancies"]
        if any(
            d.kind == g["kind"] and sides_match(named_sides(d, names), [set(v) for v in g["sides"].values()])
            for d in found
        )
    }
    # Measured: all 12 planted discrepancies (D1, D4, D7, D8, D12 number; D2 date; D3, D11 place;
    # D9 agent; D5, D10 claim_disputed; D6 reversal).
    assert len(hits) >= 12 and len(set(hits.values())) >= 6, hits


def test_lookalikes_not_reported(example_results) -> None:
    gold, names, found = example_results
    violated = []
    for n in gold["non_discrepancies"]:
        arts = set(n["articles"])
        kind = LOOKALIKE_KIND[n["kind"]]
        planted = [(g["kind"], [set(v) for v in g["sides"].values()]) for g in gold["discrepancies"]]
        for d in found:
            if any(d.kind == k and sides_consistent(named_sides(d, names), s) for k, s in planted):
                continue
            sides = [{names[a] for a in s.articles} for s in d.sides]
            touching = [s for s in sides if s & arts]
            if d.kind == kind and len(touching) >= 2 and any(s <= arts for s in touching):
                violated.append((n["what"], d.about, sides))
    assert violated == []


def test_few_false_alarms_on_examples(example_results) -> None:
    gold, names, found = example_results
    planted = [(g["kind"], [set(v) for v in g["sides"].values()]) for g in gold["discrepancies"]]
    false = [
        d for d, sides in ((d, named_sides(d, names)) for d in found)
        if not any(d.kind == k and (sides_match(sides, s) or sides_consistent(sides, s)) for k, s in planted)
    ]  # fmt: skip
    # Measured: none (every report matches a planted discrepancy); one is allowed for model drift.
    assert len(false) <= 1, [(d.kind, d.about) for d in false]
