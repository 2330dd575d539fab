from __future__ import annotations

import numpy as np
import pytest
from provenance_helpers import Meanings, make_article

from storyline.provenance import relate_articles
from storyline.provenance.relations import relate_pair, shingle_jaccard
from storyline.types import Article

QUOTE = "« Nous ne laisserons personne sous les décombres de la ville »"

SOURCE = [
    ("Un séisme de magnitude 6,2 a frappé mardi matin la région côtière du sud.", "quake"),
    ("Au moins douze personnes ont été tuées et une centaine blessées, selon la protection civile.", "toll"),
    (f"{QUOTE}, a déclaré la gouverneure lors d'une conférence de presse.", "quote"),
    ("La secousse a été ressentie jusque dans la capitale, à 300 kilomètres de l'épicentre.", "felt"),
    ("Plusieurs routes ont été coupées par des glissements de terrain.", "roads"),
    ("Le gouvernement a décrété l'état d'urgence pour soixante jours.", "emergency"),
]
# Same facts, other words, same order, plus two additions.
REWRITE = [
    ("Mardi, la terre a violemment tremblé dans le sud du pays, avec une magnitude de 6,2.", "quake"),
    ("Le bilan provisoire fait état d'une douzaine de morts et de quelque cent blessés.", "toll"),
    ("La gouverneure a promis que les secours iraient chercher chaque habitant enseveli.", "quote"),
    ("Jusqu'à la capitale, pourtant distante de 300 km, les habitants ont senti le choc.", "felt"),
    ("Des éboulements ont bloqué de nombreux axes routiers.", "roads"),
    ("Les autorités ont instauré pour deux mois un régime d'urgence.", "emergency"),
    ("Cette région avait déjà connu un tremblement de terre meurtrier il y a dix ans.", "history"),
    ("Les experts redoutent de nouvelles répliques dans les prochains jours.", "aftershocks"),
]
TRANSLATION = [
    ("A magnitude 6.2 earthquake struck the southern coastal region on Tuesday morning.", "quake"),
    ("At least twelve people were killed and around a hundred injured, civil protection said.", "toll"),
    ('"We will leave no one under the rubble of the city," the governor told a news conference.', "quote"),
    ("The tremor was felt as far as the capital, 300 kilometres from the epicentre.", "felt"),
    ("Several roads were cut off by landslides.", "roads"),
]
# Another outlet's own story on the same event that only cites the governor's words.
QUOTING = [
    ("Dans les villages de montagne, les habitants ont passé la nuit dehors, dans le froid.", "night"),
    ("Les écoles resteront fermées toute la semaine, a annoncé le ministère.", "schools"),
    (f"{QUOTE}, a-t-elle insisté devant les caméras.", "quote-cited"),
    ("Les dons affluent de tout le pays vers les associations locales.", "donations"),
]
UNRELATED = [
    ("Le club local a remporté dimanche la finale de la coupe régionale de handball.", "handball"),
    ("L'entraîneur a salué la solidarité de ses joueuses.", "coach"),
    ("La prochaine saison commencera en septembre.", "season"),
]


def _story(seed: int = 0) -> tuple[list[Article], dict[str, np.ndarray]]:
    m = Meanings(seed)
    copy = [(t.replace("mardi matin", "mardi") if i == 0 else t, k) for i, (t, k) in enumerate(SOURCE)]
    built = [
        make_article("src", SOURCE, m, published="2025-03-11T08:00:00Z", agencies=["AFP"], outlet="Le Matin"),
        make_article(
            "wire", copy, m, published="2025-03-11T10:30:00+01:00", agencies=["AFP"], outlet="La Dépêche"
        ),
        make_article("rew", REWRITE, m, published="2025-03-11"),
        make_article("tr", TRANSLATION, m, language="en", published="2025-03-11T12:00:00Z"),
        make_article("quo", QUOTING, m, published="2025-03-11T09:00:00Z"),
        make_article("other", UNRELATED, m, published="2025-03-11T07:00:00Z"),
    ]
    return [a for a, _ in built], {a.id: v for a, v in built}


def _by_pair(result) -> dict[frozenset[str], object]:  # type: ignore[no-untyped-def]
    return {frozenset((r.from_, r.to)): r for r in result.relations}


def test_story_relations_kinds_and_directions() -> None:
    articles, vectors = _story()
    result = relate_articles(articles, vectors)
    rels = _by_pair(result)

    wire = rels[frozenset(("src", "wire"))]
    assert (wire.kind, wire.from_, wire.to, wire.direction_certain, wire.via) == (
        "wire_copy",
        "src",
        "wire",
        True,
        "AFP",
    )
    assert {p.kind for p in wire.passages} <= {"identical", "near_identical"}

    rew = rels[frozenset(("src", "rew"))]
    # Same day without a time: not ordered by date; the AFP-credited article is the source.
    assert (rew.kind, rew.from_, rew.to, rew.direction_certain) == ("rewrite", "src", "rew", False)
    assert sum(p.from_span[1] - p.from_span[0] for p in rew.passages if p.kind == "paraphrase") >= 5

    tr = rels[frozenset(("src", "tr"))]
    assert (tr.kind, tr.from_, tr.to, tr.direction_certain) == ("translation", "src", "tr", True)

    quo = rels[frozenset(("src", "quo"))]
    assert quo.kind == "shares_quotes"
    assert [p.kind for p in quo.passages] == ["quote"]
    assert "décombres" in quo.passages[0].from_text and "décombres" in quo.passages[0].to_text

    assert not any("other" in pair for pair in rels)
    for r in result.relations:
        assert 0.5 <= r.confidence <= 1.0
        for p in r.passages:
            assert p.from_text == " ".join(
                next(a for a in articles if a.id == r.from_).sentences[slice(*p.from_span)]
            )


def test_original_share_and_unique_sentences() -> None:
    articles, vectors = _story()
    result = relate_articles(articles, vectors)
    assert result.original_share["other"] == 1.0
    assert result.unique_sentences["other"] == [t for t, _ in UNRELATED]
    assert result.original_share["wire"] == 0.0
    # The rewrite's two additions are its own.
    assert result.original_share["rew"] == pytest.approx(2 / 8)
    assert result.unique_sentences["rew"] == [REWRITE[6][0], REWRITE[7][0]]
    # Only the quoted sentence of the quoting article is found elsewhere.
    assert result.original_share["quo"] == pytest.approx(3 / 4)


def test_duplicate_without_agency_and_containment_direction() -> None:
    m = Meanings(3)
    a, va = make_article("a", SOURCE[:5], m)
    b, vb = make_article("b", SOURCE[:5], m)
    rel = relate_pair(a, b, va, vb)
    assert rel is not None and rel.kind == "duplicate" and not rel.direction_certain
    assert shingle_jaccard(a, b) == 1.0
    # A copy with additions and no agency: a rewrite whose source is the contained text.
    longer, vl = make_article("c", SOURCE[:5] + REWRITE[6:], m)
    rel = relate_pair(longer, longer_src := a, vl, va)
    assert rel is not None and (rel.kind, rel.from_, rel.to) == ("rewrite", longer_src.id, "c")


def test_same_event_independent_articles_are_not_related() -> None:
    m = Meanings(4)
    # Two articles on one event: one sentence of background in common, the rest their own.
    a, va = make_article("a", SOURCE[:1] + QUOTING[:2] + UNRELATED, m)
    b, vb = make_article("b", REWRITE[:1] + REWRITE[6:] + UNRELATED[:0], m)
    assert relate_pair(a, b, va, vb) is None
    result = relate_articles([a, b], {"a": va, "b": vb})
    assert result.relations == []
    # ... yet the shared background sentence is not counted as original.
    assert result.unique_sentences["a"][0] == QUOTING[0][0]


def test_bad_input() -> None:
    articles, vectors = _story()
    with pytest.raises(ValueError, match="no sentence vectors"):
        relate_articles(articles, {k: v for k, v in vectors.items() if k != "rew"})
    with pytest.raises(ValueError, match="one vector per sentence"):
        relate_articles(articles, {**vectors, "rew": vectors["rew"][:3]})
    with pytest.raises(ValueError, match="duplicate article ids"):
        relate_articles([articles[0], articles[0]], vectors)
    empty = Article(id="empty", source_id="empty", text="")
    result = relate_articles([articles[0], empty], {"src": vectors["src"]})
    assert result.relations == [] and result.original_share["empty"] == 0.0
    assert relate_articles([], {}).relations == []


def test_direction_rules_without_usable_times() -> None:
    m = Meanings(6)
    body = SOURCE[:5]
    agency, va = make_article("zz-agency", body, m, agencies=["AFP"], outlet="AFP", published="2025-03")
    paper, vb = make_article("aa-paper", body, m, agencies=["AFP"], outlet="Le Matin", published="2025-03-11")
    # A month-only date cannot order two texts; the agency's own copy is the source.
    rel = relate_pair(paper, agency, vb, va)
    assert rel is not None and (rel.kind, rel.from_, rel.to, rel.direction_certain) == (
        "wire_copy",
        "zz-agency",
        "aa-paper",
        False,
    )
    # Same day, times on both: the earlier one is the source, for certain.
    agency.published, paper.published = "2025-03-11T09:00:00+01:00", "2025-03-11T08:30:00Z"
    rel = relate_pair(agency, paper, va, vb)
    assert rel is not None and (rel.from_, rel.direction_certain) == ("zz-agency", True)
    # Unreadable dates are ignored rather than fatal.
    agency.published, paper.published = "mardi dernier", "2025-13-45"
    rel = relate_pair(agency, paper, va, vb)
    assert rel is not None and (rel.from_, rel.direction_certain) == ("zz-agency", False)
