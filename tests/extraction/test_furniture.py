"""Cross-document furniture memory."""

from __future__ import annotations

import json

from storyline.extraction import extract_document, learn_furniture
from storyline.extraction.furniture import FurnitureMemory
from storyline.extraction.lines import line_key
from storyline.types import RawDocument

MASTHEAD = "Le Courrier du Val"
APPEAL = "Soutenez une presse locale indépendante : chaque contribution compte pour notre rédaction."


def story(i: int) -> list[str]:
    topics = ["la crue de la rivière", "le budget municipal", "la fermeture de l'usine", "le festival d'été"]
    return [
        MASTHEAD,
        f"Titre numéro {i} sur {topics[i % 4]}",
        f"Le conseil a débattu de {topics[i % 4]} pendant la séance numéro {i}, devant un public nombreux.",
        f"Les élus se retrouveront le mois prochain pour un vote définitif sur {topics[i % 4]} ({i}).",
        APPEAL,
    ]


def test_recurring_lines_of_one_outlet_are_furniture() -> None:
    mem = FurnitureMemory().learn(("courrier", story(i)) for i in range(4))
    assert mem.is_furniture(line_key(APPEAL), "courrier")
    assert mem.is_furniture(line_key(MASTHEAD), "Courrier")  # outlet names are case-folded
    assert not mem.is_furniture(line_key(story(0)[2]), "courrier")
    assert not mem.is_furniture(line_key(APPEAL), "another outlet")


def test_copies_of_one_wire_story_are_not_furniture() -> None:
    wire = [
        "Un séisme de magnitude 6 a frappé la côte dans la nuit, sans faire de victimes selon les secours.",
        "Les habitants ont passé la nuit dehors par crainte de répliques, a constaté un correspondant.",
    ]
    # The same dispatch published by one outlet three times (with updates):
    # its lines recur but it is one story.
    docs = [("journal", [f"Mise à jour {i}", *wire]) for i in range(3)]
    mem = FurnitureMemory().learn(docs)
    assert not any(mem.is_furniture(line_key(t), "journal") for t in wire)


def test_two_articles_are_not_enough() -> None:
    mem = FurnitureMemory().learn(("courrier", story(i)) for i in range(2))
    assert len(mem) == 0


def test_memory_accumulates_across_batches_and_round_trips() -> None:
    mem = FurnitureMemory().learn(("courrier", story(i)) for i in range(2))
    restored = FurnitureMemory.from_dict(json.loads(json.dumps(mem.to_dict())))
    restored.learn([("courrier", story(2))])
    assert restored.is_furniture(line_key(APPEAL), "courrier")


def test_from_dict_rejects_garbage() -> None:
    try:
        FurnitureMemory.from_dict({"furniture": ["not", "a", "mapping"]})
    except ValueError as exc:
        assert "furniture" in str(exc)
    else:
        raise AssertionError("expected ValueError")


def test_unknown_outlet_grouped_by_site_fingerprint() -> None:
    raws = [RawDocument(source_id=str(i), origin=str(i), text="\n".join(story(i))) for i in range(4)]
    mem = learn_furniture(raws)
    assert mem.is_furniture(line_key(APPEAL))
    assert not mem.is_furniture(line_key(story(1)[2]))


WIRE = [
    "Rescue teams reached the flooded villages of the upper valley on Sunday after two days of heavy rain, officials said.",
    "At least four hundred people spent the night in schools and sports halls turned into shelters, the regional prefecture said.",
    "The river rose by more than three metres in twelve hours, its highest level since the records began in the last century.",
    "Farmers said the water had destroyed most of the maize harvest, and the regional council promised emergency aid this week.",
    "Forecasters expect the rain to ease on Monday, but warned that the ground was saturated and landslides remained possible.",
]


def _site(name: str, n: int) -> list[str]:
    return [f"{name} {word}" for word in ("Home", "World", "Sport", "Culture", "Weather", "Contact")[:n]]


def test_copies_of_one_wire_at_one_outlet_keep_their_bodies() -> None:
    # Three copies of one dispatch under the wire's name as outlet (an
    # aggregator's records), each scraped with different site furniture, so
    # their whole line sets barely overlap; plus two other stories.
    pages = [[*_site("Gazette", 6), *WIRE], [*WIRE, *_site("Herald", 4)], [*_site("Post", 2), *WIRE[:4]]]
    others = [[*_site("Gazette", 6), f"A different story number {i} about the harbour and the ferries of the bay today."]
              for i in range(2)]  # fmt: skip
    raws = [RawDocument(source_id=f"c{i}", origin="t", text="\n".join(p), outlet="Wire")
            for i, p in enumerate(pages + others)]  # fmt: skip
    mem = learn_furniture(raws)
    assert not any(mem.is_furniture(line_key(t), "Wire") for t in WIRE)
    for raw in raws[:3]:
        kept = extract_document(raw, furniture=mem).text
        assert all(t in kept for t in WIRE[:4]), kept[:300]


def test_lines_shared_by_different_texts_are_still_furniture() -> None:
    appeal = "Support independent local journalism: every contribution counts for our newsroom and its reporters here."
    pages = [[WIRE[i], WIRE[(i + 1) % 5].replace("the", f"a{i}"), appeal] for i in range(4)]
    mem = FurnitureMemory().learn(("wire", p) for p in pages)
    assert mem.is_furniture(line_key(appeal), "wire")
